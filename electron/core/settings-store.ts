// The settings file: one JSON document in the user-data folder (settings.json).
//
// Reading never stops the app. A missing file means defaults. A file that is not JSON, not an
// object, or has sections that fail validation is copied aside (settings.json.corrupt-<time>)
// before anything overwrites it, and only the bad sections fall back to their defaults
// (settingsFromUnknown in shared/settings.ts), so one bad value never costs every other setting.
//
// Writing is atomic and serialized: the whole document goes to a temp file in the same folder,
// is fsynced, then renamed over the old one (rename(2) is atomic within one file system), so a
// crash or a full disk leaves either the old file or the new one, never half of each. Updates
// that arrive while a write is in flight are coalesced into the next write.
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  defaultSettings,
  settingsFromUnknown,
  settingsPatchSchema,
  settingsSections,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import type { SettingsStore } from './context';

/** A file-backed store, with what went wrong while reading it (to show or log once). */
export interface FileSettingsStore extends SettingsStore {
  readonly filePath: string;
  /** Sentences a person can act on, e.g. which sections were reset and where the copy is. */
  readonly loadProblems: readonly string[];
  /** Resolves when every update made so far is on disk (or has failed). */
  flush(): Promise<void>;
}

/** Thrown by update() when the patch does not match the settings schema. */
export class InvalidSettingsError extends Error {
  override name = 'InvalidSettingsError';
}

/** Thrown by update() when the file cannot be written; the change still applies in memory. */
export class SettingsWriteError extends Error {
  override name = 'SettingsWriteError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export interface SettingsStoreOptions {
  /** Clock for the corrupt-copy name; tests pass a fixed one. */
  now?: () => Date;
}

export async function createSettingsStore(
  filePath: string,
  options: SettingsStoreOptions = {},
): Promise<FileSettingsStore> {
  const now = options.now ?? (() => new Date());
  const loaded = await loadSettingsFile(filePath, now);
  let current = freeze(loaded.settings);
  // Top-level keys we do not know (written by a newer Portscope) are written back untouched.
  const foreignKeys = loaded.unknownKeys;
  const listeners = new Set<(settings: Settings) => void>();
  const writer = createCoalescingWriter(() =>
    writeFileAtomic(filePath, `${JSON.stringify({ ...foreignKeys, ...current }, null, 2)}\n`),
  );

  return {
    filePath,
    loadProblems: loaded.problems,
    get: () => current,
    async update(patch: SettingsPatch): Promise<Settings> {
      current = freeze({ ...current, ...validatePatch(patch) });
      notify(listeners, current);
      const written = current;
      try {
        await writer.write();
      } catch (error) {
        throw describeWriteError(filePath, error);
      }
      return written;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush: () => writer.idle(),
  };
}

/** The same store without a file: for tests, the test bridge and the CLI. */
export function createMemorySettingsStore(initial: SettingsPatch = {}): SettingsStore {
  let current = freeze({ ...defaultSettings, ...validatePatch(initial) });
  const listeners = new Set<(settings: Settings) => void>();
  return {
    get: () => current,
    async update(patch: SettingsPatch): Promise<Settings> {
      current = freeze({ ...current, ...validatePatch(patch) });
      notify(listeners, current);
      return current;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

interface LoadedSettings {
  settings: Settings;
  unknownKeys: Record<string, unknown>;
  problems: string[];
}

async function loadSettingsFile(filePath: string, now: () => Date): Promise<LoadedSettings> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT')
      return { settings: defaultSettings, unknownKeys: {}, problems: [] };
    return {
      settings: defaultSettings,
      unknownKeys: {},
      problems: [
        `Could not read settings from ${filePath} (${reasonOf(error)}); using defaults for this session.`,
      ],
    };
  }

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const copy = await keepCopy(filePath, now);
    return {
      settings: defaultSettings,
      unknownKeys: {},
      problems: [`The settings file ${filePath} is not valid JSON; using defaults. ${copy}`],
    };
  }

  const { settings, rejected } = settingsFromUnknown(raw);
  const object =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw)
      ? (raw as Record<string, unknown>)
      : null;
  const isObject = object !== null;
  const keys = object ? Object.keys(object) : [];
  // Own keys only: `in` also finds Object.prototype's members, so a file of {"constructor": …}
  // passed for ours (and was overwritten without a copy), and such keys were dropped.
  const isSection = (key: string) => Object.hasOwn(settingsSections, key);
  const knownKeys = keys.filter(isSection);
  const unknownKeys = object
    ? Object.fromEntries(Object.entries(object).filter(([key]) => !isSection(key)))
    : {};
  // A JSON object with none of our sections is some other program's file, not ours.
  const foreign = !isObject || (keys.length > 0 && knownKeys.length === 0);

  if (foreign) {
    const copy = await keepCopy(filePath, now);
    return {
      settings: defaultSettings,
      unknownKeys: {},
      problems: [
        `The settings file ${filePath} does not hold Portscope settings; using defaults. ${copy}`,
      ],
    };
  }
  if (rejected.length > 0) {
    const copy = await keepCopy(filePath, now);
    return {
      settings,
      unknownKeys,
      problems: [
        `Invalid settings reset to defaults: ${rejected.join(', ')} (in ${filePath}). ${copy}`,
      ],
    };
  }
  return { settings, unknownKeys, problems: [] };
}

/** Copies the bad file aside before it is overwritten; says where (or why it could not). */
async function keepCopy(filePath: string, now: () => Date): Promise<string> {
  const stamp = now().toISOString().replace(/[:.]/g, '-');
  const copyPath = `${filePath}.corrupt-${stamp}`;
  try {
    await copyFile(filePath, copyPath);
    return `The old file was kept as ${copyPath}.`;
  } catch (error) {
    return `A copy of the old file could not be kept (${reasonOf(error)}).`;
  }
}

function validatePatch(patch: unknown): SettingsPatch {
  const parsed = settingsPatchSchema.safeParse(patch);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues
    .map((issue) => `${issue.path.join('.') || '(settings)'}: ${issue.message}`)
    .join('; ');
  throw new InvalidSettingsError(`Settings not changed: ${detail}`);
}

function notify(listeners: Set<(settings: Settings) => void>, settings: Settings): void {
  for (const listener of [...listeners]) {
    try {
      listener(settings);
    } catch (error) {
      // One broken listener must not stop the others or the write.
      console.error('settings listener failed:', error);
    }
  }
}

/**
 * Serializes writes and coalesces bursts: while one write runs, any number of write() calls
 * share the single next write, which reads the state at the moment it starts.
 */
function createCoalescingWriter(writeNow: () => Promise<void>) {
  let running: Promise<void> | null = null;
  let next: { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | null =
    null;

  async function drain(): Promise<void> {
    while (next) {
      const batch = next;
      next = null;
      try {
        await writeNow();
        batch.resolve();
      } catch (error) {
        batch.reject(error);
      }
    }
    running = null;
  }

  return {
    write(): Promise<void> {
      if (!next) {
        let resolve!: () => void;
        let reject!: (e: unknown) => void;
        const promise = new Promise<void>((res, rej) => {
          resolve = res;
          reject = rej;
        });
        next = { promise, resolve, reject };
      }
      const { promise } = next;
      running ??= drain();
      return promise;
    },
    async idle(): Promise<void> {
      while (running) await running;
    },
  };
}

/** temp file in the same directory + fsync + rename; the temp file is removed on failure. */
export async function writeFileAtomic(filePath: string, content: string): Promise<void> {
  const dir = dirname(filePath);
  await mkdir(dir, { recursive: true });
  const tempPath = `${filePath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(tempPath, 'wx', 0o600);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, filePath);
  } catch (error) {
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
  // Persist the rename itself; best effort (not every file system lets a directory be fsynced).
  try {
    const dirHandle = await open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  } catch {
    /* the file is written; only its durability across a power cut is less certain */
  }
}

function describeWriteError(filePath: string, error: unknown): Error {
  const code = errorCode(error);
  return new SettingsWriteError(
    `Could not save settings to ${filePath}: ${reasonOf(error)}. ` +
      'The change applies until Portscope quits.',
    code,
  );
}

function reasonOf(error: unknown): string {
  switch (errorCode(error)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (check the owner and permissions of the folder)';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is exceeded';
    case 'EISDIR':
      return 'the path is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error as { code: unknown };
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** Settings objects are shared with every listener: freeze them so nobody edits them in place. */
function freeze(settings: Settings): Settings {
  // Cloned first: the sections may be shared objects such as defaultSettings.
  const copy = structuredClone(settings);
  const deepFreeze = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  };
  deepFreeze(copy);
  return copy;
}
