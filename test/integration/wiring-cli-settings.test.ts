// `portscope list` judges rows with the window's settings (issue 5): the known items, the
// blocklist file and the port lists from settings.json (or --settings FILE), read without
// writing, and loaded before the one printout. The test's own child listens on a loopback
// address the blocklist names, on a port the settings add to the backdoor list.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { CONNECTION_FIELDS } from '../../shared/export/json';
import type { Connection } from '../../shared/model';
import { defaultRulesSettings } from '../../shared/rules/settings-schema';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';

const ADDRESS = '127.0.0.77'; // all of 127/8 is loopback on Linux

let dir: string;
let child: SocketChild;
let port: number;
let clientPort: number;
let blocklist: string;

async function list(args: string[]): Promise<{ code: number; rows: Connection[]; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['list', '--format', 'json', '--no-resolve', ...args], {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    isTTY: false,
  });
  return { code, rows: code === 0 ? (JSON.parse(out) as Connection[]) : [], err };
}

const ruleIds = (row: Connection | undefined) =>
  row?.suspicion?.reasons.map((reason) => reason.rule) ?? [];

async function writeSettings(file: string, rules: object): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ rules: { ...defaultRulesSettings, ...rules } }));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'portscope-wiring-cli-'));
  blocklist = path.join(dir, 'blocklist.txt');
  await writeFile(blocklist, `# test\n${ADDRESS}\n`);
  child = await spawnSocketChild({ title: 'ps-wiring-cli' });
  const listener = await child.listenTcp(ADDRESS);
  port = listener.port;
  clientPort = (await child.connectTcp(ADDRESS, port)).localPort;
  await child.waitForAccepted(listener.handle);
});

afterAll(async () => {
  await stopAllSocketChildren();
  await rm(dir, { recursive: true, force: true });
});

const listenerOf = (rows: Connection[]) =>
  rows.find((row) => row.state === 'LISTEN' && row.localPort === port);
const clientOf = (rows: Connection[]) =>
  rows.find((row) => row.localPort === clientPort && row.remotePort === port);

describe('portscope list with the window’s settings', () => {
  it('defaults: the child’s rows are clean, and the JSON has exactly the documented fields', async () => {
    const previous = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = path.join(dir, 'empty-config'); // no settings.json there
    try {
      const { code, rows } = await list([]);
      expect(code).toBe(0);
      expect(defaultRulesSettings.backdoorPorts).not.toContain(port);
      expect(listenerOf(rows)?.pid).toBe(child.pid);
      expect(listenerOf(rows)?.suspicion).toBeNull();
      expect(clientOf(rows)?.suspicion).toBeNull();
      expect(Object.keys(clientOf(rows)!)).toEqual([...CONNECTION_FIELDS]);
    } finally {
      if (previous === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = previous;
    }
  });

  it('reads $XDG_CONFIG_HOME/Portscope/settings.json: blocklist and port list apply, file untouched', async () => {
    const configHome = path.join(dir, 'config');
    const file = path.join(configHome, 'Portscope', 'settings.json');
    await writeSettings(file, {
      backdoorPorts: [...defaultRulesSettings.backdoorPorts, port],
      blocklistPath: blocklist,
    });
    const before = { text: await readFile(file, 'utf8'), mtime: (await stat(file)).mtimeMs };
    const previous = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = configHome;
    try {
      const { code, rows, err } = await list([]);
      expect(err).not.toMatch(/settings/);
      expect(code).toBe(0);
      expect(ruleIds(listenerOf(rows))).toEqual(['backdoor-port']);
      // The blocklist file is read in the background: a one-shot list waits for it.
      expect(ruleIds(clientOf(rows))).toContain('blocklisted-remote');
      expect(clientOf(rows)?.suspicion?.severity).toBe('danger');
    } finally {
      if (previous === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = previous;
    }
    expect(await readFile(file, 'utf8')).toBe(before.text);
    expect((await stat(file)).mtimeMs).toBe(before.mtime);
  });

  it('--settings FILE: a process known by its executable’s hash is not flagged; --suspicious', async () => {
    const plain = await list([]);
    const exe = listenerOf(plain.rows)?.processPath;
    expect(exe).toBeTruthy();
    const sha256 = createHash('sha256')
      .update(await readFile(exe!))
      .digest('hex');
    const file = path.join(dir, 'known.json');
    await writeSettings(file, {
      backdoorPorts: [...defaultRulesSettings.backdoorPorts, port],
      blocklistPath: blocklist,
      known: [{ kind: 'process', path: exe, sha256 }],
    });
    const { code, rows } = await list(['--settings', file, '--suspicious']);
    expect(code).toBe(0);
    // Known process: the port rule is silenced (the hash is computed before the printout) …
    expect(listenerOf(rows)).toBeUndefined();
    // … but only knowing the address silences the blocklist.
    expect(ruleIds(clientOf(rows))).toEqual(['blocklisted-remote']);

    // The same file with another hash: the process is not the known one.
    await writeSettings(file, {
      backdoorPorts: [...defaultRulesSettings.backdoorPorts, port],
      known: [{ kind: 'process', path: exe, sha256: '0'.repeat(64) }],
    });
    const other = await list(['--settings', file]);
    expect(ruleIds(listenerOf(other.rows))).toEqual(['backdoor-port']);
  });

  it('--settings with a missing file fails (exit 1) and says which file', async () => {
    const missing = path.join(dir, 'nope.json');
    const { code, err } = await list(['--settings', missing]);
    expect(code).toBe(1);
    expect(err).toContain(`cannot read the settings file ${missing}: no such file`);
  });
});
