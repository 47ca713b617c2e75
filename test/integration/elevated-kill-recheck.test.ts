// The per-action elevated kill (pkexec when no agent runs) re-checks, as root and after the
// password prompt, that the pid still belongs to the process the window checked: the fixed
// script it runs, run here directly as root with a pid that was really reused in between.
// (pkexec around it runs for real in agent-pkexec.test.ts.)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { elevatedKillArgs } from '../../electron/platform/linux/kill-process';
import { findSystemProgram } from '../../electron/platform/linux/action-elevation';
import { socketChildWithPid } from '../support/pid-reuse';
import { spawnSocketChild, stopAllSocketChildren } from '../support/socket-child';

const isRoot = process.getuid?.() === 0;

afterAll(async () => {
  await stopAllSocketChildren();
});

/** Field 22 of /proc/PID/stat (after the comm, which ends at the last ")"). */
function startTicks(pid: number): number {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[22 - 3]);
}

async function runScript(pid: number, ticks: number) {
  const [sh, kill] = await Promise.all([findSystemProgram('sh'), findSystemProgram('kill')]);
  return spawnSync(sh!, elevatedKillArgs(pid, ticks, 'SIGKILL', kill!), { encoding: 'utf8' });
}

describe.runIf(isRoot)('the elevated kill’s own check', () => {
  it('signals the process it was given, and only while it is that process', async () => {
    // A comm with spaces and parentheses, as a hostile program could choose.
    const child = await spawnSocketChild({ title: 'a) b (c) d' });
    const ticks = startTicks(child.pid);
    expect((await runScript(child.pid, ticks + 1)).status).toBe(4);
    expect(child.alive).toBe(true);
    expect((await runScript(child.pid, ticks)).status).toBe(0);
    expect((await child.exited).signal).toBe('SIGKILL');
  });

  it('refuses a pid reused while the prompt was open, and says a gone one is gone', async () => {
    const original = await spawnSocketChild({ title: 'portscope-original' });
    const ticks = startTicks(original.pid);
    original.kill('SIGKILL');
    await original.exited;
    expect((await runScript(original.pid, ticks)).status).toBe(3);

    const stranger = await socketChildWithPid(original.pid, 'portscope-stranger');
    expect(startTicks(stranger.pid)).not.toBe(ticks);
    expect((await runScript(stranger.pid, ticks)).status).toBe(4);
    expect(stranger.alive).toBe(true);
  });
});
