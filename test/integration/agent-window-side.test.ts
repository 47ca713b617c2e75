// The window's side of the agent's pipes, against agents that misbehave and against the macOS
// way of starting it (named pipes), run here with sh in place of osascript:
//   - a fake agent that sends garbage, broken JSON, invalid rows, a frame over the limit, a frame
//     cut short, and at last dies mid-frame: the window answers each with an error, asks for the
//     whole table again, keeps its table right, and falls back to polling itself with a note;
//   - the real agent started on FIFOs by the same shell command the administrator prompt runs,
//     and a cancelled prompt that leaves nothing waiting behind.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentRow } from '../../electron/core/agent/protocol';
import {
  fifoLauncher,
  fifoShellCommand,
  osascriptEarlyExit,
} from '../../electron/core/agent/agent-fifo-launcher';
import { commandLauncher } from '../../electron/core/agent/agent-launchers';
import type { AgentLauncher } from '../../electron/core/agent/agent-process';
import { createBackend, type Backend } from '../../electron/core/backend';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import { createLinuxBackend } from '../../electron/platform/linux';
import { builtFile } from '../support/build-output';
import { makeConnection } from '../support/connection-fixture';
import { refusingDialogs } from '../support/refusing-dialogs';
import { spawnSocketChild, stopAllSocketChildren } from '../support/socket-child';

const isRoot = process.getuid?.() === 0;
let dir = '';
const backends: Backend[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'portscope-agent-side-'));
});

afterAll(async () => {
  for (const backend of backends) await backend.stop().catch(() => undefined);
  await stopAllSocketChildren();
  rmSync(dir, { recursive: true, force: true });
});

function windowBackend(launcher: AgentLauncher): Backend {
  const backend = createBackend({
    platform: createLinuxBackend(),
    settings: createMemorySettingsStore({ poll: { intervalMs: 1000, paused: true } }),
    dialogs: refusingDialogs,
    emit: () => {},
    dataDir: dir,
    pollSource: 'in-process',
    resolveNames: false,
    elevation: { launcher },
  });
  backends.push(backend);
  return backend;
}

async function until<T>(what: string, probe: () => T | null | undefined | false): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A fake agent in plain JavaScript: a good hello and snapshot, then every kind of trouble; on
 * the window's "snapshot" request the table again; on "refresh" a frame cut off, and it dies.
 * It appends every message the window sends it to LOG.
 */
const FAKE_AGENT = String.raw`
import fs from 'node:fs';
const [log, rowsJson] = process.argv.slice(2);
const [first, second, third] = JSON.parse(rowsJson);
const frame = (message) => {
  const json = Buffer.from(typeof message === 'string' ? message : JSON.stringify(message));
  const header = Buffer.alloc(5);
  header[0] = 0xff;
  header.writeUInt32BE(json.length, 1);
  return Buffer.concat([header, json]);
};
const out = (bytes, done) => process.stdout.write(bytes, done);
const status = { at: Date.now(), durationMs: 1, intervalMs: 1000, paused: true, malformedLines: 0, privileged: true, warnings: [] };
out(frame({ type: 'hello', protocol: 1, pid: process.pid, uid: 0 }));
let buffer = Buffer.alloc(0);
process.stdin.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  while (buffer.length >= 5) {
    const length = buffer.readUInt32BE(1);
    if (buffer.length < 5 + length) break;
    const message = JSON.parse(buffer.subarray(5, 5 + length).toString());
    buffer = buffer.subarray(5 + length);
    fs.appendFileSync(log, JSON.stringify(message) + '\n');
    answer(message);
  }
});
function answer(message) {
  if (message.type === 'hello') {
    out(frame({ type: 'snapshot', rows: [first], status, part: 0, more: false }));
    out(Buffer.from('garbage!'));
    out(frame('{"type":"delta",'));
    out(frame({ type: 'delta', added: [{ ...first, id: 'evil', pid: 'root' }], updated: [], removed: [], status, total: 2 }));
    out(frame({ type: 'delta', added: [{ ...first, id: 'evil', suspicion: { severity: 'notice', reasons: [] } }], updated: [], removed: [], status, total: 2 }));
    // 80 MB declared, over the window's 64 MiB limit: a little of it sent, then real frames.
    const big = Buffer.alloc(5); big[0] = 0xff; big.writeUInt32BE(80 * 1024 * 1024, 1);
    out(Buffer.concat([big, Buffer.alloc(70000, 'x')]));
    // A message cut off inside its frame: 20 bytes of JSON, padded to the 200 the frame says.
    const short = Buffer.alloc(5); short[0] = 0xff; short.writeUInt32BE(200, 1);
    out(Buffer.concat([short, Buffer.from('{"type":"status","st'), Buffer.alloc(180, ' ')]));
    out(frame({ type: 'status', status, failure: null }));
    // A part of a snapshot whose first parts never came.
    out(frame({ type: 'snapshot', rows: [second], status, part: 3, more: true }));
  } else if (message.type === 'snapshot') {
    // The whole table again, in two parts.
    out(frame({ type: 'snapshot', rows: [second], status, part: 0, more: true }));
    out(frame({ type: 'snapshot', rows: [third], status, part: 1, more: false }));
    out(frame({ type: 'reply', id: message.id }));
  } else if (message.type === 'refresh') {
    const cut = frame({ type: 'reply', id: message.id });
    out(cut.subarray(0, 9), () => process.exit(0));
  } else if (message.id) {
    out(frame({ type: 'reply', id: message.id }));
  }
}
`;

describe('the window against an agent that misbehaves', () => {
  it('answers each broken message with an error, asks for the table again, then falls back when it dies', async () => {
    const script = path.join(dir, 'fake-agent.mjs');
    const log = path.join(dir, 'fake-agent-heard.jsonl');
    writeFileSync(script, FAKE_AGENT);
    writeFileSync(log, '');
    const rows = [
      agentRow(makeConnection({ id: 'fake-first', localPort: 1, pid: 4001 })),
      agentRow(makeConnection({ id: 'fake-second', localPort: 2, pid: 4002 })),
      agentRow(makeConnection({ id: 'fake-third', localPort: 3, pid: 4003 })),
    ];
    const backend = windowBackend(
      commandLauncher([process.execPath, script, log, JSON.stringify(rows)], 'the fake agent'),
    );
    await backend.start();

    const shown = await backend.handlers.showAllProcesses();
    expect(shown.outcome).toBe('started');
    const heard = () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { type: string; id?: number; message?: string });
    const errors = () => heard().filter((message) => message.type === 'error');
    await until('the window has answered every broken message', () =>
      errors().some((error) => /cut off|not JSON/.test(error.message!)) && errors().length >= 6
        ? true
        : null,
    );
    const said = errors()
      .map((error) => error.message)
      .join('\n');
    expect(said).toMatch(/8 bytes that are not a message/);
    expect(said).toMatch(/a message that is not JSON/);
    expect(said).toMatch(/invalid message \(added\.0\.pid/);
    expect(said).toMatch(/invalid message \(added\.0\.suspicion/);
    expect(said).toMatch(/83886080 bytes, over the limit of 67108864/);
    // The stray snapshot part was not taken as a table.
    // It asked for the whole table again, and took it: the fake's second table (two parts)
    // replaced the first.
    expect(heard().some((message) => message.type === 'snapshot')).toBe(true);
    await until('the second table is shown', () =>
      backend.table.get('fake-second') && backend.table.get('fake-third') ? true : null,
    );
    expect(backend.table.get('fake-first')).toBeUndefined();
    expect(backend.table.get('evil')).toBeUndefined();

    // "refresh now": the agent cuts its answer off and dies. The window polls itself again.
    await backend.handlers.refreshNow();
    const status = await until('the window notes the agent stopped', () => {
      const current = backend.context.status();
      return current.warnings.some((warning) => /agent \(pid \d+\) stopped/.test(warning))
        ? current
        : null;
    });
    expect(status.warnings.join('\n')).toMatch(/stopped \(exit code 0\)/);
    await until('its own poll replaced the fake rows', () =>
      backend.table.get('fake-second') || backend.table.get('fake-third') ? null : true,
    );
    expect((await backend.handlers.getElevation()).running).toBe(false);
  });
});

describe('a window that closes while the prompt is still open', () => {
  it('withdraws the prompt and answers the pending request', async () => {
    // A launcher that never gets as far as the agent, like a password prompt left open.
    const pidFile = path.join(dir, 'prompt.pid');
    const backend = windowBackend(
      commandLauncher(['sh', '-c', `echo $$ > ${pidFile}; exec sleep 60`], 'a prompt left open'),
    );
    await backend.start();
    const pending = backend.handlers.showAllProcesses();
    const promptPid = await until('the prompt runs', () => {
      try {
        return Number(readFileSync(pidFile, 'utf8')) || null;
      } catch {
        return null;
      }
    });
    await backend.stop();
    await expect(pending).rejects.toThrow(/Portscope is closing/);
    await until('the prompt is gone', () => {
      try {
        process.kill(promptPid, 0);
        return / Z /.test(readFileSync(`/proc/${promptPid}/stat`, 'utf8').replace(/^.*\)/, ''))
          ? true
          : null;
      } catch {
        return true;
      }
    });
  });
});

describe.runIf(isRoot)('macOS’s way: the agent on named pipes, started in the background', () => {
  const fifoDirs = () =>
    readdirSync(tmpdir()).filter((name) => name.startsWith('portscope-agent-pipes-'));

  it('runs the real agent on FIFOs, and ends it when the window stops', async () => {
    const agent = [process.execPath, builtFile('out/main/cli.js'), 'agent'];
    const before = new Set(fifoDirs());
    const backend = windowBackend(
      fifoLauncher({
        how: 'sh, as the administrator prompt would',
        command: (paths) => ['sh', '-c', fifoShellCommand(agent, paths)],
        earlyExit: osascriptEarlyExit,
      }),
    );
    await backend.start();
    const child = await spawnSocketChild({ title: 'portscope-fifo-seen' });
    const { port } = await child.listenTcp('127.0.0.1');
    expect((await backend.handlers.showAllProcesses()).outcome).toBe('started');
    await backend.handlers.refreshNow();
    const row = [...backend.table.rows()].find(
      (candidate) =>
        candidate.localPort === port &&
        candidate.localAddress === '127.0.0.1' &&
        candidate.state === 'LISTEN',
    );
    expect(row?.pid).toBe(child.pid);
    const { agentPid } = await backend.handlers.getElevation();
    // Started in the background by sh: not a child of this process.
    expect(readFileSync(`/proc/${agentPid}/status`, 'utf8')).not.toMatch(
      new RegExp(`^PPid:\\s+${process.pid}$`, 'm'),
    );
    await backend.stop();
    await until('the agent exits', () => {
      try {
        return / Z /.test(readFileSync(`/proc/${agentPid}/stat`, 'utf8').replace(/^.*\)/, ''));
      } catch {
        return true;
      }
    });
    await until('its folder of pipes is removed', () =>
      fifoDirs().filter((name) => !before.has(name)).length === 0 ? true : null,
    );
  });

  it('says a cancelled prompt was cancelled, and leaves nothing waiting on the pipes', async () => {
    const before = new Set(fifoDirs());
    const backend = windowBackend(
      fifoLauncher({
        how: 'a prompt that is cancelled',
        command: () => [
          'sh',
          '-c',
          'echo "0:42: execution error: User canceled. (-128)" >&2; exit 1',
        ],
        earlyExit: osascriptEarlyExit,
      }),
    );
    await backend.start();
    const result = await backend.handlers.showAllProcesses();
    expect(result).toEqual({
      outcome: 'cancelled',
      message: 'Administrator rights were not granted: Portscope still shows what you can see.',
    });
    await until('its folder of pipes is removed', () =>
      fifoDirs().filter((name) => !before.has(name)).length === 0 ? true : null,
    );
    expect((await backend.handlers.getElevation()).running).toBe(false);
  });
});
