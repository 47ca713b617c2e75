// User settings: one JSON file in the user-data folder (see electron/core/settings-store.ts).
// Each section has a strict schema and a default. A section that fails validation on read falls
// back to its default on its own, so one bad value never costs the person every other setting.
// The renderer changes settings by sending whole sections (updateSettings); main validates them.
// Some fields are main's alone (see rendererSettingsPatchSchema below).
import { z } from 'zod';
import { actionsSettingsSchema, defaultActionsSettings } from './contract/actions';
import {
  changeLogSettingsSchema,
  defaultExportSettings,
  exportSettingsSchema,
} from './export/settings-schema';
import { POLL_INTERVALS_MS } from './model';
import { defaultRulesSettings, rulesSettingsSchema } from './rules/settings-schema';
import { defaultLookupSettings, lookupSettingsSchema } from './whois/lookup-settings';

const pollInterval = z.union(POLL_INTERVALS_MS.map((ms) => z.literal(ms)));

export const windowBoundsSchema = z
  .object({
    x: z.number().int().nullable(),
    y: z.number().int().nullable(),
    width: z.number().int().min(400).max(20000),
    height: z.number().int().min(300).max(20000),
    maximized: z.boolean(),
  })
  .strict();

/** A subset of AG Grid's ColumnState: what we persist of each column. */
export const columnStateSchema = z
  .object({
    colId: z.string().min(1).max(64),
    width: z.number().min(10).max(5000).optional(),
    hide: z.boolean().nullable().optional(),
    sort: z.enum(['asc', 'desc']).nullable().optional(),
    sortIndex: z.number().int().min(0).nullable().optional(),
  })
  .strict();

export const gridSchema = z
  .object({
    /** Column order, widths, visibility and sort, as AG Grid reports them. Empty: defaults. */
    columns: z.array(columnStateSchema).max(100),
  })
  .strict();

export const pollSchema = z
  .object({
    intervalMs: pollInterval,
    paused: z.boolean(),
  })
  .strict();

/** TCPView's protocol toggles and "show unconnected endpoints". */
export const viewSchema = z
  .object({
    tcp: z.boolean(),
    udp: z.boolean(),
    ipv4: z.boolean(),
    ipv6: z.boolean(),
    /** Show listening sockets and unconnected UDP endpoints. */
    listening: z.boolean(),
    /** The filter box's text (see shared/filter). */
    filter: z.string().max(2000),
  })
  .strict();

/** How the window looks: the colour theme. */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** The window's own preferences: theme and what the close button does. */
export const uiSchema = z
  .object({
    /** 'system' follows the OS (prefers-color-scheme); 'light' and 'dark' fix one. */
    theme: z.enum(THEMES),
    /**
     * Closing the window hides it to the tray icon (Linux, Windows; the menu bar on macOS)
     * instead of quitting. Off by default: not every Linux desktop shows tray icons.
     */
    closeToTray: z.boolean(),
  })
  .strict();

export const settingsSections = {
  window: windowBoundsSchema,
  ui: uiSchema,
  grid: gridSchema,
  poll: pollSchema,
  view: viewSchema,
  actions: actionsSettingsSchema,
  export: exportSettingsSchema,
  rules: rulesSettingsSchema,
  lookup: lookupSettingsSchema,
};

export const settingsSchema = z.object(settingsSections).strict();
export type Settings = z.infer<typeof settingsSchema>;
export type SettingsSectionName = keyof Settings;

/** Whole sections, any subset of them: what main itself may write. */
export const settingsPatchSchema = settingsSchema.partial();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

// ── What the renderer may change ────────────────────────────────────────────────────────────────
// A compromised page must not be able to turn settings against the person: point the blocklist at
// /etc/passwd and read its lines back, aim the change log at a file to overwrite, send queries to a
// server of its choosing, or switch off the ask-before-kill/close confirmations. Those fields are
// main's alone: they change only through native dialogs the person answers
// (shared/contract/protected-settings.ts). A renderer patch that names one is refused as a whole
// (strict schemas), never silently trimmed, so a bug shows instead of half-applying.

/** Lookup fields that say where queries go (servers, bootstrap sources). */
const LOOKUP_SERVER_FIELDS = {
  dnsServers: true,
  whoisServer: true,
  rdapBootstrap: true,
  rdapBootstrapRefreshUrl: true,
} as const;

export const rendererSettingsSections = {
  ui: uiSchema,
  grid: gridSchema,
  poll: pollSchema,
  view: viewSchema,
  rules: rulesSettingsSchema.omit({ blocklistPath: true }).strict(),
  lookup: lookupSettingsSchema.omit(LOOKUP_SERVER_FIELDS).strict(),
  export: exportSettingsSchema
    .omit({ lastDirectory: true, log: true })
    .extend({ log: changeLogSettingsSchema.omit({ path: true }).strict() })
    .strict(),
};
// Not here at all: `window` (main saves the bounds itself) and `actions` (only the ask-before
// switches, which main changes through its own dialogs).

export const rendererSettingsPatchSchema = z.object(rendererSettingsSections).partial().strict();
export type RendererSettingsPatch = z.infer<typeof rendererSettingsPatchSchema>;

/**
 * The renderer's view of a patch: its sections without main's fields. The page holds whole
 * sections as getSettings returns them; this is what it may send back (updateSettings).
 */
export function toRendererPatch(patch: SettingsPatch): RendererSettingsPatch {
  const out: RendererSettingsPatch = {};
  if (patch.ui) out.ui = patch.ui;
  if (patch.grid) out.grid = patch.grid;
  if (patch.poll) out.poll = patch.poll;
  if (patch.view) out.view = patch.view;
  if (patch.rules) {
    const { blocklistPath: _blocklistPath, ...rules } = patch.rules;
    out.rules = rules;
  }
  if (patch.lookup) {
    const {
      dnsServers: _dnsServers,
      whoisServer: _whoisServer,
      rdapBootstrap: _rdapBootstrap,
      rdapBootstrapRefreshUrl: _rdapBootstrapRefreshUrl,
      ...lookup
    } = patch.lookup;
    out.lookup = lookup;
  }
  if (patch.export) {
    const { lastDirectory: _lastDirectory, log, ...rest } = patch.export;
    const { path: _path, ...logRest } = log;
    out.export = { ...rest, log: logRest };
  }
  return out;
}

/**
 * A renderer patch as main writes it: each section completed with main's own fields from
 * `current`, so what the page cannot name stays exactly as it was.
 */
export function completeRendererPatch(
  current: Settings,
  patch: RendererSettingsPatch,
): SettingsPatch {
  const out: SettingsPatch = {};
  if (patch.ui) out.ui = patch.ui;
  if (patch.grid) out.grid = patch.grid;
  if (patch.poll) out.poll = patch.poll;
  if (patch.view) out.view = patch.view;
  if (patch.rules) out.rules = { ...patch.rules, blocklistPath: current.rules.blocklistPath };
  if (patch.lookup) {
    out.lookup = {
      ...patch.lookup,
      dnsServers: current.lookup.dnsServers,
      whoisServer: current.lookup.whoisServer,
      rdapBootstrap: current.lookup.rdapBootstrap,
      rdapBootstrapRefreshUrl: current.lookup.rdapBootstrapRefreshUrl,
    };
  }
  if (patch.export) {
    out.export = {
      ...patch.export,
      lastDirectory: current.export.lastDirectory,
      log: { ...patch.export.log, path: current.export.log.path },
    };
  }
  return out;
}

export const defaultSettings: Settings = {
  window: { x: null, y: null, width: 1280, height: 800, maximized: false },
  ui: { theme: 'system', closeToTray: false },
  grid: { columns: [] },
  poll: { intervalMs: 1000, paused: false },
  view: { tcp: true, udp: true, ipv4: true, ipv6: true, listening: true, filter: '' },
  actions: defaultActionsSettings,
  export: defaultExportSettings,
  rules: defaultRulesSettings,
  lookup: defaultLookupSettings,
};

/**
 * Read settings from untrusted JSON: every section that validates is kept, every other one is
 * replaced by its default. Returns the names of sections that were replaced, so the caller can
 * keep a copy of the bad file and say so.
 */
export function settingsFromUnknown(raw: unknown): { settings: Settings; rejected: string[] } {
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const rejected: string[] = [];
  const settings = { ...defaultSettings } as Record<string, unknown>;
  for (const [name, schema] of Object.entries(settingsSections)) {
    if (!Object.hasOwn(source, name)) continue;
    const parsed = (schema as z.ZodType).safeParse(source[name]);
    if (parsed.success) settings[name] = parsed.data;
    else rejected.push(name);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) rejected.push('(file)');
  return { settings: settings as Settings, rejected };
}
