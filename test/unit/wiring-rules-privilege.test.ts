// The rules judge "can Portscope see every process?" by what the last poll found
// (context.status().privileged), not by "running as root": this test runs as root, and a poll
// that reports privileged: false must still not flag an unowned socket as a hidden process.
// The platform is a small PlatformBackend over a RawSocket array (an input, not an OS mock): a
// privileged poll with an unowned socket cannot be produced honestly on a real machine.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RawSocket } from '../../shared/model';
import { createBackend } from '../../electron/core/backend';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import { NotSupported } from '../../electron/platform/errors';
import type { PlatformBackend } from '../../electron/platform/types';
import { makeRawSocket } from '../support/connection-fixture';
import { refusingDialogs } from '../support/refusing-dialogs';

const unownedListener: RawSocket = makeRawSocket({
  localPort: 40123,
  remoteAddress: null,
  remotePort: null,
  state: 'LISTEN',
  inode: 987654,
  socketUid: 0,
  pid: null,
});

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function backendWhere(privileged: { value: boolean }) {
  const unsupported = () => Promise.reject(new NotSupported('This test platform only reads.'));
  const platform: PlatformBackend = {
    os: 'linux',
    readSockets: async () => ({
      sockets: [unownedListener],
      processes: new Map(),
      malformedLines: 0,
      privileged: privileged.value,
      warnings: [],
    }),
    readProcessIdentity: unsupported,
    killProcess: unsupported,
    closeTcp: unsupported,
  };
  const dataDir = await mkdtemp(path.join(tmpdir(), 'portscope-wiring-privilege-'));
  const backend = createBackend({
    platform,
    settings: createMemorySettingsStore({ poll: { intervalMs: 10000, paused: true } }),
    dialogs: refusingDialogs,
    emit: () => {},
    dataDir,
    pollSource: 'in-process',
  });
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  cleanup.push(() => backend.stop());
  return backend;
}

const rulesOf = (backend: Awaited<ReturnType<typeof backendWhere>>) =>
  backend.table.get('tcp|4|127.0.0.1:40123|*')?.suspicion?.reasons.map((r) => r.rule) ?? [];

describe('rules and the poll’s privilege', () => {
  it('context.status() is the poller’s status', async () => {
    const backend = await backendWhere({ value: true });
    expect(backend.context.status().privileged).toBe(false); // before the first poll
    await backend.start();
    expect(backend.context.status()).toEqual((await backend.handlers.getSnapshot()).status);
    expect(backend.context.status().privileged).toBe(true);
  });

  it('an unowned socket is a possible hidden process only when the poll saw everything', async () => {
    const seesAll = await backendWhere({ value: true });
    await seesAll.start();
    expect(rulesOf(seesAll)).toContain('hidden-owner');

    // Root here, but the poll says it was denied (a container without CAP_SYS_PTRACE …).
    const denied = await backendWhere({ value: false });
    await denied.start();
    expect(process.getuid?.()).toBe(0);
    expect(rulesOf(denied)).not.toContain('hidden-owner');
  });

  it('re-judges rows the poll did not change when the privilege changes', async () => {
    const privileged = { value: false };
    const backend = await backendWhere(privileged);
    await backend.start();
    expect(rulesOf(backend)).not.toContain('hidden-owner');
    privileged.value = true;
    // The same socket: the diff reports no change for it, yet its verdict must follow.
    await backend.handlers.refreshNow();
    expect(rulesOf(backend)).toContain('hidden-owner');
  });
});
