// createBackend over a small real PlatformBackend that reads a RawSocket array (an input, not an
// OS mock): the connection channels, settings persistence and the enricher composition.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  NO_PROCESS_EXTRAS,
  type DeltaEvent,
  type ProcessInfo,
  type RawSocket,
} from '../../shared/model';
import { decodeSnapshot } from '../../shared/wire';
import { createBackend, type Backend } from '../../electron/core/backend';
import type { Enricher } from '../../electron/core/context';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import { NotSupported } from '../../electron/platform/errors';
import type { PlatformBackend } from '../../electron/platform/types';
import { makeRawSocket } from '../support/connection-fixture';
import { refusingDialogs } from '../support/refusing-dialogs';

function arrayPlatform(initial: RawSocket[]) {
  let sockets = initial;
  const processes = new Map<number, ProcessInfo>([
    [
      4242,
      {
        pid: 4242,
        name: 'fixture-server',
        path: '/usr/bin/fixture-server',
        pathDeleted: false,
        commandLine: 'fixture-server --port 8080',
        user: 'alice',
        uid: 1000,
        parentPid: 1,
        startTime: 1_700_000_000_000,
        ...NO_PROCESS_EXTRAS,
      },
    ],
  ]);
  const unsupported = () => Promise.reject(new NotSupported('This test platform only reads.'));
  const platform: PlatformBackend = {
    os: 'linux',
    async readSockets() {
      return {
        sockets: [...sockets],
        processes,
        malformedLines: 1,
        privileged: true,
        warnings: [],
      };
    },
    readProcessIdentity: unsupported,
    killProcess: unsupported,
    closeTcp: unsupported,
  };
  return { platform, set: (next: RawSocket[]) => (sockets = next) };
}

const listener = (localPort: number): RawSocket =>
  makeRawSocket({
    localPort,
    remoteAddress: null,
    remotePort: null,
    state: 'LISTEN',
    inode: localPort,
  });

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setup(sockets: RawSocket[]) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'portscope-core-backend-'));
  const events: DeltaEvent[] = [];
  const platform = arrayPlatform(sockets);
  const settings = createMemorySettingsStore({ poll: { intervalMs: 10000, paused: true } });
  const backend: Backend = createBackend({
    platform: platform.platform,
    settings,
    dialogs: refusingDialogs,
    emit: () => undefined,
    onDelta: (delta) => events.push(delta),
    dataDir,
    pollSource: 'in-process',
  });
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  cleanup.push(() => backend.stop());
  return { backend, events, platform, settings };
}

describe('createBackend', () => {
  it('fills the table on start and serves it as a snapshot with process details', async () => {
    const { backend, events } = await setup([listener(8080)]);
    await backend.start();
    // The channel sends each process once (shared/wire.ts); decoded, the rows are whole again.
    const snapshot = decodeSnapshot(await backend.handlers.getSnapshot());
    expect(snapshot).toEqual(backend.snapshot());
    expect(snapshot.connections).toHaveLength(1);
    expect(snapshot.connections[0]).toMatchObject({
      id: 'tcp|4|127.0.0.1:8080|*',
      pid: 4242,
      processName: 'fixture-server',
      user: 'alice',
    });
    expect(snapshot.status).toMatchObject({ paused: true, intervalMs: 10000, malformedLines: 1 });
    expect(events).toHaveLength(1);
    expect(events[0].added).toHaveLength(1);
    expect(backend.table.size).toBe(1);
    expect(backend.context.table).toBe(backend.table);
  });

  it('refreshNow polls at once and sends the change as a delta', async () => {
    const { backend, events, platform } = await setup([listener(8080)]);
    await backend.start();
    platform.set([listener(9090)]);
    await backend.handlers.refreshNow();
    const last = events.at(-1)!;
    expect(last.added.map((r) => r.localPort)).toEqual([9090]);
    expect(last.removed).toEqual(['tcp|4|127.0.0.1:8080|*']);
    // context.refreshNow (used by actions) is the same poll.
    platform.set([]);
    await backend.context.refreshNow();
    expect(events.at(-1)!.removed).toEqual(['tcp|4|127.0.0.1:9090|*']);
  });

  it('persists interval and pause through settings.poll and announces the status', async () => {
    const { backend, events, settings } = await setup([listener(8080)]);
    await backend.start();
    await backend.handlers.setPollInterval(2000);
    expect(settings.get().poll.intervalMs).toBe(2000);
    expect(events.at(-1)!.status.intervalMs).toBe(2000);

    await backend.handlers.setPaused(false);
    expect(settings.get().poll.paused).toBe(false);
    expect((await backend.handlers.getSnapshot()).status.paused).toBe(false);

    // A settings change from elsewhere (updateSettings) reaches the poller too.
    const updated = await backend.handlers.updateSettings({
      poll: { intervalMs: 500, paused: true },
    });
    expect(updated.poll).toEqual({ intervalMs: 500, paused: true });
    const status = (await backend.handlers.getSnapshot()).status;
    expect(status).toMatchObject({ intervalMs: 500, paused: true });
    expect(await backend.handlers.getSettings()).toEqual(settings.get());
  });

  it('runs enrichers added through addEnricher on new rows', async () => {
    const { backend } = await setup([listener(443)]);
    backend.addEnricher({
      name: 'port-names',
      enrich: (row) => {
        row.localPortName = row.localPort === 443 ? 'https' : null;
      },
    });
    await backend.start();
    expect(backend.table.get('tcp|4|127.0.0.1:443|*')?.localPortName).toBe('https');
  });

  it('settle() waits for an enricher’s background load and the refresh it triggers', async () => {
    const { backend, events } = await setup([listener(443)]);
    let loaded = false;
    let host: { refresh(ids?: Iterable<string>): void } | null = null;
    let finishLoad: () => void = () => {};
    const loading = new Promise<void>((resolve) => (finishLoad = resolve)).then(() => {
      loaded = true;
      host?.refresh();
    });
    backend.addEnricher({
      name: 'slow-database',
      attach: (h) => (host = h),
      enrich: (row) => {
        row.remoteAsOrg = loaded ? 'Example Networks' : null;
      },
      ready: () => loading,
    } as Enricher & { ready(): Promise<void> });
    await backend.start();
    expect(backend.table.get('tcp|4|127.0.0.1:443|*')?.remoteAsOrg).toBeNull();
    let settled = false;
    const settling = backend.settle().then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    finishLoad();
    await settling;
    expect(backend.table.get('tcp|4|127.0.0.1:443|*')?.remoteAsOrg).toBe('Example Networks');
    expect(events.at(-1)!.updated.map((row) => row.remoteAsOrg)).toEqual(['Example Networks']);
  });
});
