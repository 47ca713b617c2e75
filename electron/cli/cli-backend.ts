// The backend as the CLI uses it: the real platform, polled once on this thread (no worker to
// start), settings in memory (the CLI never changes the app's settings file), paused so that no
// timer keeps the process alive after the command is done.
import { homedir } from 'node:os';
import path from 'node:path';
import type { SettingsPatch } from '../../shared/settings';
import { isPublicAddress } from '../../shared/whois/special-address';
import { createBackend, type Backend } from '../core/backend';
import type { Dialogs } from '../core/context';
import { createMemorySettingsStore } from '../core/settings-store';
import { createPlatformBackend, type BackendName } from '../platform';
import { appSettingsPath, readAppSettings } from './app-settings';
import type { CliIo } from './io';

export interface CliBackendOptions {
  dialogs: Dialogs;
  /** false for --no-resolve: no name lookups over the network. */
  resolveNames: boolean;
  /** Sections of the window's settings to apply (see loadCliSettings); none: defaults. */
  settings?: SettingsPatch;
  /** --backend; none: PORTSCOPE_BACKEND or the OS's default. */
  backend?: BackendName;
}

/**
 * The window's rules and lookup settings for a command: from `--settings FILE` when given (it
 * must exist), else from the window's own settings.json when there is one. Read only. Problems
 * with the file go to stderr as warnings; an unreadable --settings file throws.
 */
export async function loadCliSettings(
  file: string | undefined,
  io: Pick<CliIo, 'stderr'>,
  command: string,
): Promise<SettingsPatch> {
  const explicit = file !== undefined && file !== '';
  const where = explicit
    ? file
    : appSettingsPath({ platform: process.platform, env: process.env, home: homedir() });
  const loaded = await readAppSettings(where, { required: explicit });
  for (const problem of loaded.problems) io.stderr.write(`portscope ${command}: ${problem}\n`);
  return loaded.patch;
}

/** Cache folder for the CLI (whois cache …): $XDG_CACHE_HOME/portscope or ~/.cache/portscope. */
export function cliDataDir(): string {
  const cacheHome = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(cacheHome, 'portscope');
}

/** A remote address the IP database can place (the geo enricher's own test). */
function isPublic(address: string | null): boolean {
  return address !== null && isPublicAddress(address);
}

/**
 * Before a one-shot printout: wait until the rows are judged with every fact the rules load in
 * the background (the blocklist file, hashes of executables marked known by content). The
 * offline IP database takes a while to load: wait for it only when the output shows what it
 * gives (`showsGeo`) and some remote address is one it can place.
 */
export async function settleForOutput(backend: Backend, showsGeo: boolean): Promise<void> {
  const placeable =
    showsGeo && [...backend.table.rows()].some((row) => isPublic(row.remoteAddress));
  await backend.settle(placeable ? {} : { except: ['geo'] });
}

/** A started backend: the table holds one fresh poll. Call stop() when done. */
export async function openCliBackend(options: CliBackendOptions): Promise<Backend> {
  const backend = createBackend({
    platform: createPlatformBackend(options.backend),
    settings: createMemorySettingsStore({
      ...options.settings,
      poll: { intervalMs: 1000, paused: true },
    }),
    dialogs: options.dialogs,
    emit: () => {},
    dataDir: cliDataDir(),
    pollSource: 'in-process',
    resolveNames: options.resolveNames,
  });
  await backend.start();
  return backend;
}
