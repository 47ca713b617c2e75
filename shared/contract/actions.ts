// Channels of the row actions (issue 3): kill the owning process, close a TCP connection, the
// native right-click menu and the clipboard. The renderer is not trusted: every argument is
// validated here, and main re-checks each target against the current table before acting.
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { event, invoke } from './define';

/** Linux pids never exceed 2^22 (PID_MAX_LIMIT, include/linux/threads.h); Windows uses 32 bits. */
const MAX_PID = 2 ** 32 - 1;
/** One request may name at most this many targets (a whole table selection, with room). */
export const MAX_ACTION_TARGETS = 10_000;
/** copyText refuses more than this many UTF-16 units: a full table as TSV fits easily. */
export const MAX_COPY_TEXT = 16 * 1024 * 1024;

/**
 * Plain dotted-quad IPv4 or IPv6 without a zone. ipaddr.isValid also accepts legacy forms such
 * as "0x7f.1" and "1.2.3" that no table row ever shows, so those are rejected on purpose.
 */
export function isPlainIpAddress(value: string): boolean {
  if (value.includes('%')) return false;
  return ipaddr.IPv4.isValidFourPartDecimal(value) || ipaddr.IPv6.isValid(value);
}

/**
 * An address as the table shows it: IPv6 compressed (RFC 5952), IPv4-mapped IPv6 as IPv4.
 * "::FFFF:127.0.0.1" -> "127.0.0.1", "2001:DB8:0::1" -> "2001:db8::1".
 */
export function displayAddress(value: string): string {
  const parsed = ipaddr.parse(value);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
    return v6.toRFC5952String();
  }
  return parsed.toString();
}

export const pidSchema = z.number().int().positive().max(MAX_PID);
export const portSchema = z.number().int().min(0).max(65535);
export const ipAddressSchema = z
  .string()
  .max(64)
  .refine(isPlainIpAddress, { message: 'not an IPv4 or IPv6 address' });

export const killTargetSchema = z.object({ pid: pidSchema }).strict();
export type KillTarget = z.infer<typeof killTargetSchema>;

export const closeTargetSchema = z
  .object({
    localAddress: ipAddressSchema,
    localPort: portSchema,
    remoteAddress: ipAddressSchema,
    remotePort: portSchema,
  })
  .strict();
/** A TCP connection's 4-tuple, the only thing that names it exactly. */
export type CloseTarget = z.infer<typeof closeTargetSchema>;

const rowIdsSchema = z.array(z.string().min(1).max(512)).min(1).max(MAX_ACTION_TARGETS);

/** Why an action on one target did or did not happen; the UI picks icons and wording by it. */
export type ActionOutcome =
  | 'done'
  /** Portscope's own safety rules said no (not in the table, pid reused, pid 1 …). */
  | 'refused'
  | 'cancelled'
  /** The OS said no; retrying with elevation (pkexec …) may work. */
  | 'not-permitted'
  | 'not-supported'
  /** The process had already exited or the connection was already closed. */
  | 'already-gone'
  /** SIGTERM was sent but the process is still running (a forced kill was declined). */
  | 'still-running'
  | 'failed';

/** The result for one target of an action. */
export interface ActionReport {
  /** What was acted on, as a person reads it: "firefox (pid 1234)", "10.0.0.2:5000 → 1.2.3.4:443". */
  target: string;
  ok: boolean;
  outcome: ActionOutcome;
  /** One or two sentences: what happened, and what to do when it did not work. */
  message: string;
}

/** Entries of the right-click menu. "markKnown" is shown disabled until baselines land. */
export const ROW_MENU_COMMANDS = [
  'close',
  'kill',
  'whois',
  'copy',
  'properties',
  'markKnown',
] as const;
export type RowMenuCommand = (typeof ROW_MENU_COMMANDS)[number];

/** Menu commands that the renderer carries out (it owns the panels and the selection text). */
export const ROW_COMMANDS = ['properties', 'whois', 'copy'] as const;
export type RowCommand = (typeof ROW_COMMANDS)[number];

export interface RowMenuItem {
  command: RowMenuCommand;
  /** Includes the reason when disabled, e.g. "Close Connection (UDP has no connection)". */
  label: string;
  enabled: boolean;
  /** Shown as a separator before this item. */
  separatorBefore?: boolean;
  /** Electron accelerator shown next to the label (the renderer handles the key itself). */
  accelerator?: string;
}

export interface RowMenuResult {
  /** The chosen item, or null when the menu was dismissed (or none could be shown). */
  command: RowMenuCommand | null;
  /** The items offered, so a caller without a native menu can see them. */
  items: RowMenuItem[];
  /** Reports of a close or kill run from the menu. */
  reports: ActionReport[];
}

export const actionInvokes = {
  /** Polite termination (SIGTERM), then an offer to force; asks first. */
  killProcesses: invoke<ActionReport[]>()(
    z.tuple([z.array(killTargetSchema).min(1).max(MAX_ACTION_TARGETS)]),
  ),
  /** Forced kill (SIGKILL, TerminateProcess); asks first. */
  forceKillProcesses: invoke<ActionReport[]>()(
    z.tuple([z.array(killTargetSchema).min(1).max(MAX_ACTION_TARGETS)]),
  ),
  /** Destroy TCP connections by exact 4-tuple; asks first unless the person said not to. */
  closeConnections: invoke<ActionReport[]>()(
    z.tuple([z.array(closeTargetSchema).min(1).max(MAX_ACTION_TARGETS)]),
  ),
  /** Main pops the native context menu for these rows (Connection.id) and runs the choice. */
  showRowMenu: invoke<RowMenuResult>()(z.tuple([rowIdsSchema])),
  copyText: invoke()(z.tuple([z.string().max(MAX_COPY_TEXT)])),
};

export const actionEvents = {
  /** A context-menu choice the renderer shows (properties panel, whois, copy of the rows). */
  rowCommand: event<{ command: RowCommand; ids: string[] }>(),
};

/** Settings section `actions`: CurrPorts' "ask before any action". */
export const actionsSettingsSchema = z
  .object({
    askBeforeClose: z.boolean(),
    askBeforeKill: z.boolean(),
  })
  .strict();
export type ActionsSettings = z.infer<typeof actionsSettingsSchema>;
export const defaultActionsSettings: ActionsSettings = {
  askBeforeClose: true,
  askBeforeKill: true,
};
