// Which right-click menu items apply to a selection of rows, and why not when they do not.
// Pure: the native menu (electron/row-menu.ts) only draws what this returns.
import type { RowMenuItem } from '../../../shared/contract/actions';
import type { MarkKnownRequest } from '../../../shared/contract/rules';
import type { Connection } from '../../../shared/model';
import { markKnownChoices } from '../../../shared/rules/mark-known-choices';
import { closeRefusal } from './close';

/** One entry of the "Mark as Known" submenu: the label and the exact request markKnown takes. */
export interface MarkKnownMenuChoice {
  label: string;
  request: MarkKnownRequest;
}

/**
 * A menu item; "Mark as Known" carries its submenu (process by hash / by path, remote address,
 * port). The native menu (electron/row-menu.ts) draws the submenu and sends the chosen request to
 * the rules handler markKnown in main.
 */
export interface RowMenuEntry extends RowMenuItem {
  submenu?: MarkKnownMenuChoice[];
}

export interface RowMenuFacts {
  os: 'linux' | 'win32' | 'darwin';
  /** Portscope's own pid: its rows cannot be killed from its own menu. */
  selfPid: number;
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : `${many.replace('#', String(count))}`;
}

/** Why Close Connection does not apply to this row on this OS, or null when it does. */
export function closeUnavailableReason(row: Connection, os: RowMenuFacts['os']): string | null {
  if (row.protocol === 'udp') return 'UDP has no connection';
  if (closeRefusal(row) !== null) {
    return row.state === 'LISTEN' ? 'listening socket' : `state ${row.state ?? 'unknown'}`;
  }
  if (os === 'darwin') return 'macOS cannot close connections: use Kill Process';
  // SetTcpEntry(DELETE_TCB) takes an IPv4 MIB_TCPROW only; Windows has no IPv6 equivalent.
  if (os === 'win32' && row.family === 6 && row.localAddress.includes(':')) {
    return 'Windows cannot close IPv6 connections: use Kill Process';
  }
  return null;
}

/** Why Kill Process does not apply to this row, or null when it does. */
export function killUnavailableReason(row: Connection, selfPid: number): string | null {
  if (row.pid === null) return 'owner not visible: Show all processes…';
  if (row.pid <= 1) return 'system process';
  if (row.pid === selfPid) return 'Portscope itself';
  return null;
}

/**
 * "Mark as Known" for the selection. Its choices name one row's process, remote address or port
 * (shared/rules markKnownChoices), so it applies to a single row: with several rows selected it
 * says so rather than guessing which row was meant.
 */
export function markKnownMenuEntry(rows: Connection[]): RowMenuEntry {
  const base = { command: 'markKnown' as const, separatorBefore: true };
  if (rows.length !== 1) {
    const why = rows.length === 0 ? 'nothing selected' : 'select one row';
    return { ...base, label: `Mark as Known (${why})`, enabled: false };
  }
  const submenu: MarkKnownMenuChoice[] = markKnownChoices(rows[0]!).map((choice) => ({
    label: choice.label,
    request: choice.request,
  }));
  if (submenu.length === 0) {
    return {
      ...base,
      label: 'Mark as Known (no process, address or port to name)',
      enabled: false,
    };
  }
  return { ...base, label: 'Mark as Known', enabled: true, submenu };
}

/**
 * The menu for these selected rows. With several rows, an item applies when it applies to at
 * least one of them (the action then reports the others as refused); the label counts them.
 */
export function buildRowMenu(rows: Connection[], facts: RowMenuFacts): RowMenuEntry[] {
  const closable = rows.filter((row) => closeUnavailableReason(row, facts.os) === null);
  const killablePids = new Set(
    rows.filter((row) => killUnavailableReason(row, facts.selfPid) === null).map((r) => r.pid),
  );
  const withRemote = rows.filter((row) => row.remoteAddress !== null);

  const firstReason = (reason: (row: Connection) => string | null) => {
    for (const row of rows) {
      const why = reason(row);
      if (why !== null) return why;
    }
    return null;
  };

  const closeLabel =
    closable.length > 0
      ? plural(closable.length, 'Close Connection', 'Close # Connections')
      : `Close Connection (${firstReason((row) => closeUnavailableReason(row, facts.os)) ?? 'nothing selected'})`;
  const killLabel =
    killablePids.size > 0
      ? plural(killablePids.size, 'Kill Process', 'Kill # Processes')
      : `Kill Process (${firstReason((row) => killUnavailableReason(row, facts.selfPid)) ?? 'nothing selected'})`;

  return [
    {
      command: 'close',
      label: closeLabel,
      enabled: closable.length > 0,
      accelerator: 'Delete',
    },
    {
      command: 'kill',
      label: killLabel,
      enabled: killablePids.size > 0,
      accelerator: 'CmdOrCtrl+K',
    },
    {
      command: 'whois',
      label: withRemote.length > 0 ? 'Whois Remote Address' : 'Whois (no remote address)',
      enabled: withRemote.length > 0,
      separatorBefore: true,
    },
    {
      command: 'copy',
      label: plural(rows.length, 'Copy Row', 'Copy # Rows'),
      enabled: rows.length > 0,
      accelerator: 'CmdOrCtrl+C',
    },
    {
      command: 'properties',
      label: rows.length > 1 ? 'Properties (of the first row)' : 'Properties',
      enabled: rows.length > 0,
      accelerator: 'Enter',
    },
    markKnownMenuEntry(rows),
  ];
}
