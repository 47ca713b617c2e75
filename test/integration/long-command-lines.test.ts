// Unbounded command lines (issue 13.6): a real process with a 200 KB command line (two 100 KB
// arguments: Linux allows 128 KiB per argument) and 100 sockets. What is stored per process is cut
// at MAX_COMMAND_LINE with a visible mark, and the snapshot the renderer receives carries the
// process's details once, not once per socket (the issue measured 20 MB of JSON for this).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/core/backend';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import { createLinuxBackend } from '../../electron/platform/linux';
import { COMMAND_LINE_CUT_MARK, MAX_COMMAND_LINE } from '../../shared/command-line-cap';
import { decodeSnapshot } from '../../shared/wire';
import { refusingDialogs } from '../support/refusing-dialogs';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';

const ARGUMENT = 'a'.repeat(100 * 1024);
const SOCKETS = 100;

let backend: Backend;
let dataDir: string;
let child: SocketChild;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'portscope-long-cmdline-'));
  backend = createBackend({
    platform: createLinuxBackend(),
    settings: createMemorySettingsStore({ poll: { intervalMs: 1000, paused: true } }),
    dialogs: refusingDialogs,
    emit: () => undefined,
    dataDir,
    pollSource: 'in-process',
    resolveNames: false,
  });
  await backend.start();
  child = await spawnSocketChild({ args: [ARGUMENT, ARGUMENT.replaceAll('a', 'b')] });
  for (let i = 0; i < SOCKETS; i++) await child.listenTcp('127.0.0.1');
  await backend.handlers.refreshNow();
});

afterAll(async () => {
  await stopAllSocketChildren();
  await backend.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a 200 KB command line on 100 sockets', () => {
  it('is stored cut at the cap, with a visible mark, the same on every row', () => {
    const rows = [...backend.table.rows()].filter((row) => row.pid === child.pid);
    expect(rows).toHaveLength(SOCKETS);
    const commandLine = rows[0]!.commandLine!;
    expect(commandLine.length).toBe(MAX_COMMAND_LINE + COMMAND_LINE_CUT_MARK.length);
    expect(commandLine.endsWith(COMMAND_LINE_CUT_MARK)).toBe(true);
    expect(commandLine.startsWith(`${process.execPath} `)).toBe(true);
    expect(commandLine).toContain(` ${'a'.repeat(1000)}`);
    expect(rows.every((row) => row.commandLine === commandLine)).toBe(true);
  });

  it('reaches the renderer once per process: the snapshot is small and decodes to the rows', async () => {
    const wire = await backend.handlers.getSnapshot();
    const json = JSON.stringify(wire);
    const commandLine = [...backend.table.rows()].find((r) => r.pid === child.pid)!.commandLine!;
    expect(json.split(commandLine.slice(-200)).length - 1).toBe(1);
    // Against the same rows each carrying their process (what was sent before): 99 copies of the
    // command line fewer. (The table holds every socket on this machine, not only the child's.)
    const perRow = JSON.stringify(backend.snapshot());
    expect(perRow.length - json.length).toBeGreaterThan((SOCKETS - 1) * commandLine.length);
    const decoded = decodeSnapshot(JSON.parse(json) as typeof wire);
    expect(decoded.connections).toEqual([...backend.table.rows()]);
  });
});
