// The command line through the app's own entry (out/main/index.js under the Electron stand-in),
// as `portscope list --format json` runs it through the packaged binary: no window, no browser,
// the CLI's output on stdout and its exit code as the process's. Also: the switches the Linux
// `portscope` command adds, a switch with a separate value that must open the window instead, a
// mistyped command, and a reader that stops early (`| head`).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/model';
import { launchApp, type AppProcess } from '../electron-runtime/launch';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';

let configHome = '';
let child: SocketChild;
let port = 0;
const started: AppProcess[] = [];

async function run(args: string[], packaged = false): Promise<AppProcess> {
  const app = await launchApp({ configHome, args, packaged });
  started.push(app);
  return app;
}

beforeAll(async () => {
  configHome = await mkdtemp(path.join(tmpdir(), 'portscope-app-cli-'));
  child = await spawnSocketChild({ title: `psappcli${process.pid}` });
  port = (await child.listenTcp('127.0.0.1')).port;
}, 60_000);

afterAll(async () => {
  for (const app of started) app.kill();
  await stopAllSocketChildren();
  if (configHome) await rm(configHome, { recursive: true, force: true });
});

function ourRow(stdout: string): Connection | undefined {
  const rows = JSON.parse(stdout) as Connection[];
  return rows.find((row) => row.pid === child.pid && row.localPort === port);
}

describe('<app> list through the app entry', { timeout: 60_000 }, () => {
  it('`<app> list --format json` (unpackaged, `electron . list`) prints the table and exits 0', async () => {
    const app = await run(['list', '--format', 'json', '--no-resolve']);
    expect(await app.waitForExit(45_000)).toEqual({ code: 0, signal: null });
    expect(ourRow(app.stdout)).toMatchObject({
      protocol: 'tcp',
      state: 'LISTEN',
      localAddress: '127.0.0.1',
    });
    const calls = app.log.map((entry) => entry.call);
    // CLI mode: no lock, no window, no browser, and the app's own exit code.
    expect(calls).not.toContain('app.requestSingleInstanceLock');
    expect(calls).not.toContain('chromium.started');
    expect(calls).not.toContain('BrowserWindow.new');
    expect(app.log.find((entry) => entry.call === 'app.exit')?.detail).toEqual({ exitCode: 0 });
    expect(app.errorBoxes).toEqual([]);
  });

  it('the packaged binary with the switches the Linux portscope command adds', async () => {
    const app = await run(
      ['--no-sandbox', '--ozone-platform=headless', 'list', '--format', 'json', '--no-resolve'],
      true,
    );
    expect(await app.waitForExit(45_000)).toEqual({ code: 0, signal: null });
    expect(ourRow(app.stdout)?.pid).toBe(child.pid);
  });

  it('a mistyped command is the CLI’s usage error (exit 2), not a window', async () => {
    const app = await run(['lst'], true);
    expect(await app.waitForExit(45_000)).toEqual({ code: 2, signal: null });
    expect(app.stderr).toMatch(/lst/);
    expect(app.log.map((entry) => entry.call)).not.toContain('app.requestSingleInstanceLock');
  });

  it('`--user-data-dir /x` opens the window: the switch’s value is not a command', async () => {
    const app = await run(['--user-data-dir', '/tmp/portscope-not-a-command'], true);
    await app.waitFor(
      () => app.log.find((entry) => entry.call === 'app.requestSingleInstanceLock'),
      'the window launch',
      45_000,
    );
    expect(app.log.map((entry) => entry.call)).not.toContain('app.exit');
    expect(await app.quit()).toEqual({ code: 0, signal: null });
  });

  it('a reader that stops early (`| head`) ends the command quietly with 0', async () => {
    const app = await run(['list', '--format', 'table', '--no-resolve']);
    // Read the first chunk, then close the pipe, as `head -1` does.
    await app.waitFor(() => app.stdout.length > 0, 'the first line', 45_000);
    app.child.stdout!.destroy();
    const exit = await app.waitForExit(45_000);
    expect(exit.signal).toBeNull();
    expect(exit.code).toBe(0);
    expect(app.errorBoxes).toEqual([]);
  });
});
