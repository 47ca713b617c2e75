// getProcessIcons through the real dispatcher and the real backend: the page names only pids;
// main finds the executable of a process in its own table (here a socket child this test starts)
// and asks the attached icon source for that file. A stand-in icon source is attached (Electron's
// app.getFileIcon cannot run here); it answers with a real PNG and records which files it was
// asked about. Anything but a list of pids is refused before a handler runs.
import { readFileSync, readlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/core/backend';
import { attachFileIconSource } from '../../electron/core/process-icons';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import { createInvokeDispatcher } from '../../electron/ipc-dispatch';
import { createPlatformBackend } from '../../electron/platform';
import { APP_INDEX_URL, rendererLocation } from '../../electron/renderer-location';
import { refusingDialogs } from '../support/refusing-dialogs';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';

const PNG = `data:image/png;base64,${readFileSync(join(__dirname, '../../resources/tray/tray.png')).toString('base64')}`;
const location = rendererLocation({
  devServerUrl: undefined,
  isPackaged: true,
  rendererDir: join(process.cwd(), 'out/renderer'),
});
const page = { url: APP_INDEX_URL, isMainFrame: true };

let dataDir: string;
let backend: Backend;
let child: SocketChild;
const asked: string[] = [];

beforeAll(async () => {
  child = await spawnSocketChild({ title: `psicons${process.pid}` });
  await child.listenTcp('127.0.0.1');
  dataDir = await mkdtemp(join(tmpdir(), 'portscope-icons-'));
  backend = createBackend({
    platform: createPlatformBackend(),
    settings: createMemorySettingsStore({ poll: { intervalMs: 500, paused: false } }),
    dialogs: refusingDialogs,
    emit: () => undefined,
    dataDir,
    pollSource: 'in-process',
  });
  await backend.start();
});

afterAll(async () => {
  await backend?.stop();
  await stopAllSocketChildren();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('process icons', () => {
  const dispatch = () => createInvokeDispatcher(backend.handlers, location);

  it('answers null for every pid while no icon source is attached (CLI, tests)', async () => {
    expect(await dispatch()('getProcessIcons', page, [[child.pid]])).toEqual({
      ok: true,
      value: [{ pid: child.pid, icon: null }],
    });
  });

  it("looks the pid's executable up in the table and asks the source for that file, once", async () => {
    attachFileIconSource(backend.context, {
      async iconForFile(path) {
        asked.push(path);
        return PNG;
      },
    });
    const exe = readlinkSync(`/proc/${child.pid}/exe`);
    const notInTable = 2 ** 22 + 7; // above Linux's PID_MAX_LIMIT: no such process anywhere
    const first = await dispatch()('getProcessIcons', page, [[child.pid, notInTable]]);
    expect(first).toEqual({
      ok: true,
      value: [
        { pid: child.pid, icon: PNG },
        { pid: notInTable, icon: null },
      ],
    });
    expect(asked).toEqual([exe]);
    // Cached by executable: asking again does not ask the desktop again.
    await dispatch()('getProcessIcons', page, [[child.pid]]);
    expect(asked).toEqual([exe]);
  });

  it('passes on only PNG data URLs from the source', async () => {
    attachFileIconSource(backend.context, {
      iconForFile: async () => 'data:text/html;base64,PHNjcmlwdD4=',
    });
    expect(await dispatch()('getProcessIcons', page, [[child.pid]])).toEqual({
      ok: true,
      value: [{ pid: child.pid, icon: null }],
    });
  });

  it('refuses a path, a fraction, an empty or an oversized list before any handler runs', async () => {
    for (const args of [
      ['/etc/passwd'],
      [['/usr/bin/node']],
      [[1.5]],
      [[]],
      [Array(201).fill(1)],
    ]) {
      const outcome = await dispatch()('getProcessIcons', page, args);
      expect(outcome.ok, JSON.stringify(args).slice(0, 40)).toBe(false);
      if (!outcome.ok) expect(outcome.error.name).toBe('InvalidPayloadError');
    }
  });
});
