// The real pkexec and polkitd, with Portscope's own policy file: the window as plain nobody
// starts the agent through pkexecLauncher (what the app does on Linux), and polkit decides.
// No person is there to type a password, so for the test's run only, a polkit rule grants
// nobody the test copy of the action (its exec.path points at this checkout's agent instead of
// /opt/Portscope/portscope; everything else is the shipped file), grants the per-action kill
// script, and denies one marked command line. Without a grant, pkexec finds no authentication
// agent to ask and fails (exit 127); the window must say so.
//
// Needs root, pkexec, the system bus and polkitd (.ci/run starts them on a machine without
// systemd); skipped otherwise.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElevationInfo, ShowAllResult } from '../../shared/contract/agent';
import type { Connection, PollStatus } from '../../shared/model';
import { pkexecEarlyExit } from '../../electron/core/agent/agent-launchers';
import { AccessDenied } from '../../electron/platform/errors';
import { findSystemProgram } from '../../electron/platform/linux/action-elevation';
import { builtFile } from '../support/build-output';
import { spawnSocketChild, stopAllSocketChildren } from '../support/socket-child';
import {
  AS_NOBODY,
  bundleWindow,
  hasExited,
  stopAllWindows,
  until,
  WindowAsNobody,
} from '../support/window-as-nobody';

const PKEXEC = '/usr/bin/pkexec';

/** Why the real polkit cannot be used here, or null when it can. */
function polkitUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not root';
  if (!existsSync(PKEXEC) || (statSync(PKEXEC).mode & 0o4000) === 0) return 'no setuid pkexec';
  const probe = spawnSync('pkaction', ['--action-id', 'org.freedesktop.policykit.exec'], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (probe.status !== 0) return `polkitd does not answer (${probe.stderr.trim() || probe.error})`;
  return null;
}

const unavailable = polkitUnavailable();
const actionId = `dev.portscope.agent.test${process.pid}`;
const policyFile = `/usr/share/polkit-1/actions/${actionId}.policy`;
const rulesFile = `/etc/polkit-1/rules.d/49-portscope-test-${process.pid}.rules`;
let bundle: Awaited<ReturnType<typeof bundleWindow>> | null = null;
let program = '';

beforeAll(async () => {
  if (unavailable) return;
  const cli = builtFile('out/main/cli.js');
  bundle = await bundleWindow();
  // What pkexec runs as root: the agent from this checkout (root can read it wherever it is).
  program = path.join(bundle.dir, 'portscope');
  writeFileSync(program, `#!/bin/sh\nexec ${process.execPath} ${cli} "$@"\n`);
  chmodSync(program, 0o755);

  const shipped = readFileSync('resources/polkit/dev.portscope.agent.policy', 'utf8');
  const copy = shipped
    .replace('id="dev.portscope.agent"', `id="${actionId}"`)
    .replace('>/opt/Portscope/portscope<', `>${program}<`);
  expect(copy).toContain(`<annotate key="org.freedesktop.policykit.exec.path">${program}<`);
  writeFileSync(policyFile, copy);

  const sh = await findSystemProgram('sh');
  writeFileSync(
    rulesFile,
    `// Portscope's agent-pkexec test (pid ${process.pid}); removed when it ends.
polkit.addRule(function (action, subject) {
  if (subject.user != "nobody") return polkit.Result.NOT_HANDLED;
  if (action.id == "${actionId}") {
    if (action.lookup("command_line").indexOf("--deny-me") >= 0) return polkit.Result.NO;
    // The policy's own defaults (auth_admin): a real password prompt.
    if (action.lookup("command_line").indexOf("--ask-me") >= 0) return polkit.Result.NOT_HANDLED;
    return polkit.Result.YES;
  }
  if (action.id == "org.freedesktop.policykit.exec" && action.lookup("program") == "${sh}" &&
      action.lookup("command_line").indexOf(" portscope-kill ") >= 0) {
    return polkit.Result.YES;
  }
  return polkit.Result.NOT_HANDLED;
});
`,
  );
  // polkitd notices new files in its folders by itself.
  await until('polkitd has read the test policy', () =>
    spawnSync('pkaction', ['--action-id', actionId]).status === 0 ? true : null,
  );
}, 120_000);

afterAll(async () => {
  rmSync(policyFile, { force: true });
  rmSync(rulesFile, { force: true });
  await stopAllWindows();
  await stopAllSocketChildren();
  bundle?.dispose();
});

describe.skipIf(unavailable !== null)(
  `pkexec with Portscope's polkit policy${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    const agentLauncher = (...args: string[]) => ({
      kind: 'pkexec' as const,
      pkexec: PKEXEC,
      agent: [program, ...args],
    });

    it('starts the agent as root for a window running as nobody, under the policy’s action', async () => {
      const rootChild = await spawnSocketChild({ title: 'portscope-pkexec-seen' });
      const { port } = await rootChild.listenTcp('127.0.0.1');
      const window = await WindowAsNobody.start(bundle!, agentLauncher('agent'));
      expect((await window.call<{ uid: number }>('whoami')).uid).toBe(65534);
      expect((await window.call<PollStatus>('status')).privileged).toBe(false);

      const shown = await window.call<ShowAllResult>('showAll');
      expect(shown.outcome).toBe('started');
      expect(await window.rowsOf(rootChild.pid, port)).toHaveLength(1);
      const { agentPid } = await window.call<ElevationInfo>('elevation');
      // pkexec became the agent (it execs the program): root, a child of the window.
      const status = readFileSync(`/proc/${agentPid}/status`, 'utf8');
      expect(status).toMatch(/^Uid:\s+0\s+0\s+0\s+0$/m);
      expect(status).toMatch(new RegExp(`^PPid:\\s+${window.child.pid}$`, 'm'));

      await window.call('stop');
      await until('the agent exits with the window', () => hasExited(agentPid!) || null);
    });

    it('says why when polkit refuses, or when nobody can be asked for a password', async () => {
      const denied = await WindowAsNobody.start(bundle!, agentLauncher('agent', '--deny-me'));
      const refusal = await denied.answer('showAll');
      expect(refusal.error).toMatchObject({ name: 'AccessDenied' });
      expect(refusal.error!.message).toMatch(/Administrator rights were refused/);
      expect((await denied.call<ElevationInfo>('elevation')).running).toBe(false);

      // "agent" is what the policy names; pkexec of anything else falls to polkit's generic
      // action, which nobody here may have without a password, and nobody can type one.
      const noPrompt = await WindowAsNobody.start(bundle!, agentLauncher('list'));
      const answer = await noPrompt.answer('showAll');
      expect(answer.error).toMatchObject({ name: 'NotSupported' });
      expect(answer.error!.message).toMatch(/no polkit authentication agent is running/);
      expect((await noPrompt.call<PollStatus>('status')).privileged).toBe(false);
    });

    it('shows the policy’s words in a real password prompt, and refuses a wrong password', async () => {
      // pkexec asks on a terminal when it has one (polkit's textual agent): script(1) gives it one.
      const command = [...AS_NOBODY, PKEXEC, program, 'agent', '--ask-me'].join(' ');
      const prompt = spawn('script', ['-qfec', command, '/dev/null'], { stdio: 'pipe' });
      let shown = '';
      prompt.stdout.setEncoding('utf8');
      prompt.stdout.on('data', (text: string) => (shown += text));
      // Typed until it is taken: the prompt turns echo off with a flush that drops what was
      // typed before it, and under load that can come after "Password:" is shown.
      const typing = setInterval(() => {
        if (/Password:/.test(shown) && !/AUTHENTICATION FAILED/.test(shown)) {
          prompt.stdin.write('not-the-password\n');
        }
      }, 500);
      // Never left waiting as root: the terminal goes, and pkexec with it.
      const giveUp = setTimeout(() => prompt.kill('SIGKILL'), 25_000);
      const [code] = (await once(prompt, 'exit')) as [number | null];
      clearInterval(typing);
      clearTimeout(giveUp);
      // Without the terminal's colour codes (ESC [ … m) and line breaks.
      const escape = String.fromCharCode(27);
      expect(shown).toMatch(/Not authorized/);
      const text = shown
        .split(escape)
        .join('')
        .replace(/\[[0-9;]*m/g, '')
        .replace(/\s+/g, ' ');
      expect(text).toContain(`AUTHENTICATING FOR ${actionId}`);
      expect(text).toContain(
        'Portscope wants to see which program owns every network connection on this computer, ' +
          "including other users' programs, and to end programs or close connections when you " +
          'ask it to. This lasts until you close Portscope.',
      );
      expect(text).toContain('Not authorized');
      expect(code).toBe(127);
      expect(pkexecEarlyExit({ code, signal: null }, shown)).toBeInstanceOf(AccessDenied);
    });

    it('kills another user’s process with pkexec per action when no agent runs', async () => {
      const rootChild = await spawnSocketChild({ title: 'portscope-pkexec-kill' });
      await rootChild.listenTcp('127.0.0.1');
      const window = await WindowAsNobody.start(bundle!, agentLauncher('agent'));
      await window.call('refresh');
      const denied = await window.answer('platformKill', { pid: rootChild.pid, elevate: false });
      expect(denied.error).toMatchObject({ code: 'ACCESS_DENIED' });
      const done = await window.answer('platformKill', { pid: rootChild.pid, elevate: true });
      expect(done).toMatchObject({ ok: true });
      expect((await rootChild.exited).signal).toBe('SIGKILL');
      expect((await window.call<Connection[]>('rows')).length).toBeGreaterThan(0);
    });
  },
);
