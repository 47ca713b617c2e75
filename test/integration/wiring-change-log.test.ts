// "Log changes" in the backend (issue 6): switched on through updateSettings, as the window's
// settings page does, on a real backend reading the real /proc. The test's own child opens a
// loopback connection and closes it; the log file records both, with the child's pid.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChangeLogSettings } from '../../shared/export/settings-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/core/backend';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import { createPlatformBackend } from '../../electron/platform';
import { spawnSocketChild, stopAllSocketChildren } from '../support/socket-child';
import { refusingDialogs } from '../support/refusing-dialogs';

interface LogLine {
  time: string;
  event: 'opened' | 'closed';
  id: string;
  pid: number | null;
  localPort: number;
  remotePort: number | null;
  state: string | null;
}

let dir: string;
let backend: Backend;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'portscope-wiring-log-'));
  backend = createBackend({
    platform: createPlatformBackend(),
    settings: createMemorySettingsStore({ poll: { intervalMs: 1000, paused: true } }),
    dialogs: refusingDialogs,
    emit: () => {},
    dataDir: dir,
    pollSource: 'in-process',
    resolveNames: false,
  });
  await backend.start();
});

afterAll(async () => {
  await backend?.stop();
  await stopAllSocketChildren();
  await rm(dir, { recursive: true, force: true });
});

async function readLog(file: string): Promise<LogLine[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as LogLine);
}

/** Poll until the log holds what `done` wants (each poll's lines are appended asynchronously). */
async function pollUntil(
  file: string,
  done: (lines: LogLine[]) => boolean,
  polls = 40,
): Promise<LogLine[]> {
  let lines: LogLine[] = [];
  for (let attempt = 0; attempt < polls; attempt += 1) {
    await backend.handlers.refreshNow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    lines = await readLog(file);
    if (done(lines)) break;
  }
  return lines;
}

/** The log section as the page may send it: everything but the file, which is main's to set. */
function toRendererLog({ path: _path, ...log }: ChangeLogSettings) {
  return log;
}

describe('Log changes setting on a real backend', () => {
  it('records the test’s own connection opening and closing, and stops when switched off', async () => {
    const file = path.join(dir, 'changes.jsonl');
    const current = backend.context.settings.get().export;
    // The log's file is main's to set (chosen in its save dialog); the switch is the page's.
    await backend.context.settings.update({
      export: { ...current, log: { ...current.log, enabled: true, path: file, format: 'jsonl' } },
    });

    const child = await spawnSocketChild({ title: 'ps-wiring-log' });
    const listener = await child.listenTcp('127.0.0.1');
    const client = await child.connectTcp('127.0.0.1', listener.port);
    const [server] = await child.waitForAccepted(listener.handle);
    const clientId = (line: LogLine) =>
      line.localPort === client.localPort && line.remotePort === listener.port;

    const opened = await pollUntil(file, (lines) =>
      lines.some((line) => line.event === 'opened' && clientId(line)),
    );
    const openLine = opened.find((line) => line.event === 'opened' && clientId(line));
    expect(openLine).toMatchObject({ pid: child.pid, state: 'ESTABLISHED' });
    expect(Number.isNaN(Date.parse(openLine!.time))).toBe(false);
    // The listener opened in the same window, and nothing was logged as closed yet.
    expect(opened.some((line) => line.event === 'opened' && line.localPort === listener.port)).toBe(
      true,
    );
    expect(opened.filter((line) => line.event === 'closed' && clientId(line))).toEqual([]);

    // The client closes first, so its side goes to TIME_WAIT (logged closed, with its owner).
    await child.close(client.handle);
    await child.waitForEnd(server!.handle).catch(() => undefined);
    await child.close(server!.handle);
    const closed = await pollUntil(file, (lines) =>
      lines.some((line) => line.event === 'closed' && clientId(line)),
    );
    const closeLine = closed.find((line) => line.event === 'closed' && clientId(line));
    expect(closeLine).toMatchObject({ pid: child.pid });
    expect(closed.indexOf(closeLine!)).toBeGreaterThan(closed.indexOf(openLine!));

    // Switched off: a new connection is not logged.
    await backend.handlers.updateSettings({
      export: {
        lastFormat: current.lastFormat,
        log: { ...toRendererLog(current.log), enabled: false },
      },
    });
    const second = await child.connectTcp('127.0.0.1', listener.port);
    await child.waitForAccepted(listener.handle);
    // The new connection is in the table after one poll; a few more give a late write time.
    const after = await pollUntil(file, () => false, 3);
    expect(
      backend.table.get(`tcp|4|127.0.0.1:${second.localPort}|127.0.0.1:${listener.port}`),
    ).toBeDefined();
    expect(after.some((line) => line.localPort === second.localPort)).toBe(false);
    expect(after.length).toBe(closed.length);
    await child.exit();
  }, 60_000);

  it('a log that cannot be written shows as a status warning, cleared when the setting changes', async () => {
    const current = backend.context.settings.get().export;
    const file = path.join(dir, 'missing-folder', 'changes.jsonl');
    await backend.context.settings.update({
      export: { ...current, log: { ...current.log, enabled: true, path: file } },
    });
    const child = await spawnSocketChild({ title: 'ps-wiring-log-fail' });
    await child.listenTcp('127.0.0.1');
    let warnings: string[] = [];
    for (let attempt = 0; attempt < 40; attempt += 1) {
      await backend.handlers.refreshNow();
      await new Promise((resolve) => setTimeout(resolve, 50));
      warnings = (await backend.handlers.getSnapshot()).status.warnings;
      if (warnings.some((warning) => warning.startsWith('Log changes:'))) break;
    }
    const warning = warnings.find((text) => text.startsWith('Log changes:'));
    expect(warning).toContain(path.dirname(file));
    expect(backend.context.status().warnings).not.toContain(warning); // the poller's own

    await backend.handlers.updateSettings({
      export: {
        lastFormat: current.lastFormat,
        log: { ...toRendererLog(current.log), enabled: false },
      },
    });
    const cleared = (await backend.handlers.getSnapshot()).status.warnings;
    expect(cleared.some((text) => text.startsWith('Log changes:'))).toBe(false);
    await child.exit();
  }, 60_000);
});
