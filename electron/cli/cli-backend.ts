// The backend as the CLI uses it: the real platform, polled once on this thread (no worker to
// start), settings in memory (the CLI never changes the app's settings file), paused so that no
// timer keeps the process alive after the command is done.
import { homedir } from 'node:os';
import path from 'node:path';
import { createBackend, type Backend } from '../core/backend';
import type { Dialogs } from '../core/context';
import { createMemorySettingsStore } from '../core/settings-store';
import { createPlatformBackend } from '../platform';

export interface CliBackendOptions {
  dialogs: Dialogs;
  /** false for --no-resolve: no name lookups over the network. */
  resolveNames: boolean;
}

/** Cache folder for the CLI (whois cache …): $XDG_CACHE_HOME/portscope or ~/.cache/portscope. */
export function cliDataDir(): string {
  const cacheHome = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(cacheHome, 'portscope');
}

/** A started backend: the table holds one fresh poll. Call stop() when done. */
export async function openCliBackend(options: CliBackendOptions): Promise<Backend> {
  const backend = createBackend({
    platform: createPlatformBackend(),
    settings: createMemorySettingsStore({ poll: { intervalMs: 1000, paused: true } }),
    dialogs: options.dialogs,
    emit: () => {},
    dataDir: cliDataDir(),
    pollSource: 'in-process',
    resolveNames: options.resolveNames,
  });
  await backend.start();
  return backend;
}
