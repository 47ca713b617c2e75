// The per-action elevated kill (pkexec when no agent runs) re-checks, as root and after the
// password prompt, that the pid still belongs to the process the window checked: the fixed
// script it runs, run here directly as root, with a pid really reused in between (in a pid
// namespace of its own, so that nothing else on the machine sees pids come back). pkexec around
// it runs for real in agent-pkexec.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elevatedKillArgs } from '../../electron/platform/linux/kill-process';
import { findSystemProgram } from '../../electron/platform/linux/action-elevation';
import { PidNamespace, pidNamespaceUnavailable } from '../support/pid-namespace';

const unavailable = pidNamespaceUnavailable();
let ns: PidNamespace | null = null;

beforeAll(async () => {
  if (!unavailable) ns = await PidNamespace.start();
});

afterAll(async () => {
  await ns?.end();
});

async function runScript(pid: number, ticks: number) {
  const [sh, kill] = await Promise.all([findSystemProgram('sh'), findSystemProgram('kill')]);
  return ns!.run([sh!, ...elevatedKillArgs(pid, ticks, 'SIGKILL', kill!)]);
}

async function exited(pid: number): Promise<true> {
  for (let i = 0; i < 200; i++) {
    if (!(await ns!.alive(pid))) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`pid ${pid} is still running`);
}

describe.skipIf(unavailable !== null)('the elevated kill’s own check', () => {
  it('signals the process it was given, and only while it is that process', async () => {
    // A comm with spaces and parentheses, as a hostile program could choose.
    const victim = await ns!.process('a) b (c) d');
    expect((await runScript(victim.pid, victim.startTicks + 1)).status).toBe(4);
    expect(await ns!.alive(victim.pid)).toBe(true);
    expect((await runScript(victim.pid, victim.startTicks)).status).toBe(0);
    expect(await exited(victim.pid)).toBe(true);
  });

  it('refuses a pid reused while the prompt was open, and says a gone one is gone', async () => {
    const original = await ns!.process('portscope-original');
    await ns!.kill(original.pid);
    expect((await runScript(original.pid, original.startTicks)).status).toBe(3);

    const stranger = await ns!.process('portscope-stranger', original.pid);
    expect(stranger.pid).toBe(original.pid);
    expect(stranger.startTicks).not.toBe(original.startTicks);
    expect((await runScript(stranger.pid, original.startTicks)).status).toBe(4);
    expect(await ns!.alive(stranger.pid)).toBe(true);
  });
});
