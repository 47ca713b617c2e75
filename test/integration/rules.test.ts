// The suspicion rules end to end on this machine: real processes this test starts (a tiny C
// listener copied to /dev/shm, renamed, deleted; a Node socket child from /usr/bin/node), read by
// the real Linux backend through createBackend, judged by the rules enricher, and changed through
// the same handlers the renderer calls. Only processes and sockets this test started are touched.
import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/model';
import { runCli } from '../../electron/cli/run';
import { createBackend, type Backend } from '../../electron/core/backend';
import { setDesktopNotifier, type DesktopNotice } from '../../electron/core/rules';
import { createMemorySettingsStore, createSettingsStore } from '../../electron/core/settings-store';
import type { SettingsStore } from '../../electron/core/context';
import { createLinuxBackend } from '../../electron/platform/linux';
import { spawnSocketChild, stopAllSocketChildren } from '../support/socket-child';
import {
  buildTinyListener,
  startTinyListener,
  stopTinyListeners,
  type TinyListener,
} from '../support/tiny-listener';
import { refusingDialogs } from '../support/refusing-dialogs';

let binary: string;
let cleanupBinary: () => Promise<void>;
/** In /dev/shm: the temporary-location sign. */
let shmDir: string;
let tempDir: string;
const backends: Backend[] = [];

async function startBackend(settings: SettingsStore): Promise<Backend> {
  const backend = createBackend({
    platform: createLinuxBackend(),
    settings,
    dialogs: refusingDialogs,
    emit: () => {},
    dataDir: tempDir,
    pollSource: 'in-process',
  });
  backends.push(backend);
  await backend.start();
  return backend;
}

async function stopBackend(backend: Backend): Promise<void> {
  await backend.stop();
  backends.splice(backends.indexOf(backend), 1);
}

function pausedSettings() {
  return createMemorySettingsStore({ poll: { intervalMs: 1000, paused: true } });
}

/** Poll, then the listener's row (its one LISTEN socket). */
async function listenerRow(backend: Backend, listener: TinyListener): Promise<Connection> {
  await backend.handlers.refreshNow();
  const row = [...backend.table.rows()].find(
    (r) => r.pid === listener.pid && r.localPort === listener.port,
  );
  if (!row) throw new Error(`listener ${listener.pid}:${listener.port} not in the table`);
  return row;
}

/** Poll until `check` holds (file watching is asynchronous); fails with the last row seen. */
async function pollUntil<T>(
  backend: Backend,
  read: () => T,
  check: (value: T) => boolean,
  what: string,
): Promise<T> {
  let value = read();
  for (let attempt = 0; attempt < 100; attempt += 1) {
    await backend.handlers.refreshNow();
    value = read();
    if (check(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen; last value: ${JSON.stringify(value)}`);
}

const ruleIds = (row: Connection) => row.suspicion?.reasons.map((reason) => reason.rule) ?? [];

beforeAll(async () => {
  ({ binary, cleanup: cleanupBinary } = await buildTinyListener());
  shmDir = await mkdtemp('/dev/shm/portscope-rules-');
  tempDir = await mkdtemp(path.join(os.tmpdir(), 'portscope-rules-'));
});

afterAll(async () => {
  setDesktopNotifier(null);
  await stopTinyListeners();
  await stopAllSocketChildren();
  for (const backend of [...backends]) await stopBackend(backend);
  await rm(shmDir, { recursive: true, force: true });
  await rm(tempDir, { recursive: true, force: true });
  await cleanupBinary();
});

describe('signs on real processes', () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await startBackend(pausedSettings());
  });

  it('flags a listener running from /dev/shm for its location', async () => {
    const listener = await startTinyListener({
      binary,
      executable: path.join(shmDir, 'dropper'),
      address: '127.0.0.1',
    });
    const row = await listenerRow(backend, listener);
    expect(row.processPath).toBe(path.join(shmDir, 'dropper'));
    expect(row.suspicion).toEqual({
      severity: 'warning',
      reasons: [
        {
          rule: 'temporary-location',
          message: `dropper runs from ${shmDir}/, a temporary directory`,
        },
      ],
    });
    await listener.stop();
  });

  it('flags a listener whose executable was deleted while it runs', async () => {
    const executable = path.join(shmDir, 'vanishing');
    const listener = await startTinyListener({ binary, executable, address: '127.0.0.1' });
    await unlink(executable);
    const row = await listenerRow(backend, listener);
    expect(row.processPathDeleted).toBe(true);
    expect(ruleIds(row)).toContain('deleted-executable');
    expect(row.suspicion?.reasons.find((r) => r.rule === 'deleted-executable')?.message).toBe(
      `vanishing's executable ${executable} was deleted while it runs`,
    );
    await listener.stop();
  });

  it('flags a process that names itself like a kernel thread', async () => {
    const listener = await startTinyListener({
      binary,
      executable: path.join(tempDir, 'innocent'),
      address: '127.0.0.1',
      name: 'kworker/0:7',
    });
    const row = await listenerRow(backend, listener);
    expect(row.processName).toBe('kworker/0:7');
    expect(row.suspicion?.severity).toBe('danger');
    expect(row.suspicion?.reasons).toContainEqual({
      rule: 'kernel-thread-name',
      message: `kworker/0:7 looks like a kernel thread but runs ${path.join(tempDir, 'innocent')}`,
    });
    await listener.stop();
  });

  it('flags a listener on 0.0.0.0 on a port from the backdoor list', async () => {
    // The test's own listener, on all interfaces for the few milliseconds the check takes.
    const listener = await startTinyListener({
      binary,
      executable: path.join(tempDir, 'open-listener'),
      address: '0.0.0.0',
    });
    try {
      const before = await listenerRow(backend, listener);
      expect(ruleIds(before)).toContain('all-interfaces-listener');
      expect(ruleIds(before)).not.toContain('backdoor-port');
      const rules = backend.context.settings.get().rules;
      await backend.handlers.updateSettings({
        rules: { ...rules, backdoorPorts: [...rules.backdoorPorts, listener.port] },
      });
      const after = await listenerRow(backend, listener);
      expect(after.suspicion?.reasons).toContainEqual({
        rule: 'backdoor-port',
        message: `Listens on port ${listener.port}, a port associated with backdoors`,
      });
    } finally {
      await listener.stop();
    }
  });

  it('leaves a normal program from /usr/bin on loopback alone', async () => {
    const child = await spawnSocketChild({ title: 'portscope-normal' });
    const { port } = await child.listenTcp('127.0.0.1');
    await backend.handlers.refreshNow();
    const row = [...backend.table.rows()].find((r) => r.pid === child.pid && r.localPort === port);
    expect(row?.processPath).toBe(process.execPath);
    expect(process.execPath.startsWith('/usr/bin/')).toBe(true);
    expect(row?.suspicion).toBeNull();
    await child.exit();
  });

  it('notifies once when a new suspicious connection appears', async () => {
    const notices: DesktopNotice[] = [];
    setDesktopNotifier((notice) => notices.push(notice));
    const listener = await startTinyListener({
      binary,
      executable: path.join(shmDir, 'noisy'),
      address: '127.0.0.1',
    });
    await listenerRow(backend, listener);
    await listenerRow(backend, listener);
    const mine = notices.filter((n) => n.title.includes(`(pid ${listener.pid})`));
    expect(mine).toEqual([
      {
        title: `Suspicious connection: noisy (pid ${listener.pid})`,
        body: `TCP 127.0.0.1:${listener.port}\nnoisy runs from ${shmDir}/, a temporary directory`,
        severity: 'warning',
      },
    ]);
    setDesktopNotifier(null);
    await listener.stop();
  });
});

describe('blocklist file', () => {
  it('flags a connection to a blocklisted loopback address; removing the entry clears it', async () => {
    const blocklistFile = path.join(tempDir, 'blocklist.txt');
    await writeFile(
      blocklistFile,
      '# test blocklist\n192.0.2.0/24\n127.0.0.77  # the test server\n',
    );
    const settings = pausedSettings();
    const backend = await startBackend(settings);
    // The person picks the file in main's open dialog (the page cannot name a path).
    await settings.update({ rules: { ...settings.get().rules, blocklistPath: blocklistFile } });
    const child = await spawnSocketChild({ title: 'portscope-blocklist' });
    const { port } = await child.listenTcp('127.0.0.77');
    const { localPort } = await child.connectTcp('127.0.0.77', port);
    const clientRow = () =>
      [...backend.table.rows()].find((r) => r.pid === child.pid && r.localPort === localPort);

    const flagged = await pollUntil(
      backend,
      clientRow,
      (row) => ruleIds(row ?? ({} as Connection)).includes('blocklisted-remote'),
      'blocklist flag',
    );
    expect(flagged?.suspicion).toEqual({
      severity: 'danger',
      reasons: [
        {
          rule: 'blocklisted-remote',
          message: 'Remote address 127.0.0.77 is in your blocklist, line 3',
        },
      ],
    });
    const info = await backend.handlers.getRulesInfo();
    expect(info.blocklist).toMatchObject({ path: blocklistFile, entries: 2, error: null });

    await writeFile(blocklistFile, '# test blocklist\n192.0.2.0/24\n');
    const cleared = await pollUntil(
      backend,
      clientRow,
      (row) => row !== undefined && row.suspicion === null,
      'blocklist flag cleared',
    );
    expect(cleared?.remoteAddress).toBe('127.0.0.77');
    await child.exit();
    await stopBackend(backend);
  });

  it('says plainly when the blocklist file is missing', async () => {
    const settings = pausedSettings();
    const backend = await startBackend(settings);
    const missing = path.join(tempDir, 'no-such-blocklist.txt');
    await settings.update({ rules: { ...settings.get().rules, blocklistPath: missing } });
    // The file is read in the background: wait for the verdict, bounded.
    let status = (await backend.handlers.getRulesInfo()).blocklist;
    for (let attempt = 0; attempt < 50 && status.error === null; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await backend.handlers.getRulesInfo()).blocklist;
    }
    expect(status).toMatchObject({
      path: missing,
      entries: 0,
      error: `The blocklist file ${missing} does not exist: create it or choose another file.`,
    });
    await stopBackend(backend);
  });
});

describe('mark as known', () => {
  it('stops flagging a known process, across a restart, and undoes', async () => {
    const settingsDir = path.join(tempDir, 'profile');
    await mkdir(settingsDir);
    const settingsFile = path.join(settingsDir, 'settings.json');
    const listener = await startTinyListener({
      binary,
      executable: path.join(shmDir, 'tolerated'),
      address: '127.0.0.1',
    });

    const first = await startBackend(await createSettingsStore(settingsFile));
    await first.handlers.setPaused(true);
    const flagged = await listenerRow(first, listener);
    expect(ruleIds(flagged)).toEqual(['temporary-location']);

    const info = await first.handlers.markKnown({ kind: 'process', rowId: flagged.id, by: 'hash' });
    const item = info.settings.known[0];
    expect(item).toMatchObject({ kind: 'process', path: path.join(shmDir, 'tolerated') });
    expect(item?.kind === 'process' && item.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.table.get(flagged.id)?.suspicion).toBeNull();
    await stopBackend(first);

    // A new backend on the same settings file: the baseline survived the restart.
    const second = await startBackend(await createSettingsStore(settingsFile));
    await second.handlers.setPaused(true);
    const again = await pollUntil(
      second,
      () => second.table.get(flagged.id),
      // The hash is computed in the background on first sight: known once it is in.
      (row) => row !== undefined && row.suspicion === null,
      'known after restart',
    );
    expect(again?.pid).toBe(listener.pid);

    // Undo: forgetting the item flags the row again.
    await second.handlers.forgetKnown(item!);
    expect(ruleIds(second.table.get(flagged.id)!)).toEqual(['temporary-location']);
    await stopBackend(second);
    await listener.stop();
  });
});

describe('command line', () => {
  it('list --suspicious prints only flagged rows, each with its verdict', async () => {
    const listener = await startTinyListener({
      binary,
      executable: path.join(shmDir, 'cli-visible'),
      address: '127.0.0.1',
    });
    const normal = await spawnSocketChild({ title: 'portscope-cli-normal' });
    const { port: normalPort } = await normal.listenTcp('127.0.0.1');
    let stdout = '';
    let stderr = '';
    const code = await runCli(['list', '--format', 'json', '--suspicious', '--no-resolve'], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      isTTY: false,
    });
    expect(code, stderr).toBe(0);
    const rows = JSON.parse(stdout) as Connection[];
    expect(rows.every((row) => row.suspicion !== null)).toBe(true);
    const mine = rows.find((row) => row.pid === listener.pid && row.localPort === listener.port);
    expect(mine?.suspicion?.reasons.map((r) => r.rule)).toEqual(['temporary-location']);
    expect(rows.some((row) => row.pid === normal.pid && row.localPort === normalPort)).toBe(false);
    await normal.exit();
    await listener.stop();
  });
});
