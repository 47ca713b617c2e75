// window.portscope end to end without Electron: the API object the preload builds
// (shared/contract-client.ts), through the dispatcher electron/ipc.ts uses (sender check,
// validation, envelope), to the real backend reading the real OS. Payloads are structured-cloned
// both ways, as Electron's IPC does.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/core/backend';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import { createInvokeDispatcher } from '../../electron/ipc-dispatch';
import { createPlatformBackend } from '../../electron/platform';
import { APP_INDEX_URL, rendererLocation } from '../../electron/renderer-location';
import {
  eventNames,
  invokeNames,
  type EmitEvent,
  type EventName,
  type PortscopeApi,
} from '../../shared/contract';
import { createPortscopeApi, unwrapInvokeOutcome } from '../../shared/contract-client';
import type { WireDelta } from '../../shared/wire';
import { spawnSocketChild, stopAllSocketChildren } from '../support/socket-child';
import { refusingDialogs } from '../support/refusing-dialogs';

const location = rendererLocation({
  devServerUrl: undefined,
  isPackaged: true,
  rendererDir: join(process.cwd(), 'out/renderer'),
});
const page = { url: APP_INDEX_URL, isMainFrame: true };
let dataDir: string;
let backend: Backend;
let api: PortscopeApi;
const pageListeners = new Map<EventName, Set<(payload: unknown) => void>>();

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'portscope-ipc-roundtrip-'));
  // What webContents.send does: the payload is cloned and delivered to the page's listeners.
  const emit: EmitEvent = (name, payload) => {
    for (const listener of pageListeners.get(name) ?? []) listener(structuredClone(payload));
  };
  backend = createBackend({
    platform: createPlatformBackend(),
    settings: createMemorySettingsStore({ poll: { intervalMs: 10000, paused: false } }),
    dialogs: refusingDialogs,
    emit,
    dataDir,
    pollSource: 'in-process',
  });
  const dispatch = createInvokeDispatcher(backend.handlers, location);
  api = createPortscopeApi(
    { invokeNames, eventNames },
    {
      invoke: async (name, args) =>
        unwrapInvokeOutcome(
          name,
          structuredClone(await dispatch(name, page, structuredClone(args))),
        ),
      subscribe: (name, listener) => {
        const set = pageListeners.get(name) ?? new Set();
        set.add(listener);
        pageListeners.set(name, set);
        return () => set.delete(listener);
      },
    },
  );
  await backend.start();
});

afterAll(async () => {
  await stopAllSocketChildren();
  await backend?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('window.portscope over the IPC dispatcher', () => {
  it("shows a child's listener with its pid, then reports it removed after it closes", async () => {
    const child = await spawnSocketChild({ title: 'portscope-ipc-test' });
    const { handle, port } = await child.listenTcp('127.0.0.1');

    await api.refreshNow();
    const snapshot = await api.getSnapshot();
    const row = snapshot.connections.find(
      (connection) =>
        connection.protocol === 'tcp' &&
        connection.localAddress === '127.0.0.1' &&
        connection.localPort === port,
    );
    expect(row).toMatchObject({ pid: child.pid, state: 'LISTEN', remotePort: null });

    const deltas: WireDelta[] = [];
    const unsubscribe = api.onDelta((delta) => deltas.push(delta));
    await child.close(handle);
    await api.refreshNow();
    unsubscribe();
    expect(deltas.flatMap((delta) => delta.removed)).toContain(row?.id);
  });

  it('a bad argument from the page is refused with a message naming the channel', async () => {
    await expect(api.setPollInterval(3 as never)).rejects.toMatchObject({
      name: 'InvalidPayloadError',
      message: expect.stringContaining('setPollInterval'),
    });
  });

  it('settings changed through the API are what the backend holds', async () => {
    await api.setPollInterval(2000);
    expect((await api.getSettings()).poll.intervalMs).toBe(2000);
    expect((await api.getSnapshot()).status.intervalMs).toBe(2000);
  });
});
