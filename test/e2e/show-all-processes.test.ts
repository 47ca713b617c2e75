// "Show all processes…" in the real renderer: offered in the status bar while the poll cannot
// see every owner, gone once the agent's table is in, offered again (with the note saying why)
// when the agent dies. The backend's own polls are made to report "not privileged" (root:
// false); the agent is the built one, started directly (no password prompt in a test). That
// the agent really attributes other users' sockets is tested with the window as nobody in
// test/integration/agent-window.test.ts.
// On the lighter bridge (test/support/bridge.ts), not the whole app: the test starts the agent
// with a launcher of its own instead of pkexec, which the real app rightly does not let anything
// outside main choose.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commandLauncher } from '../../electron/core/agent/agent-launchers';
import { createBackend, type Backend } from '../../electron/core/backend';
import { createLinuxBackend } from '../../electron/platform/linux';
import { builtFile } from '../support/build-output';
import { openRendererBridge, type BridgedRenderer } from '../support/bridge';

let portscope: BridgedRenderer<Backend>;

beforeAll(async () => {
  const cli = builtFile('out/main/cli.js');
  portscope = await openRendererBridge({
    settings: { poll: { intervalMs: 500, paused: false } },
    createBackend: (deps) =>
      createBackend({
        ...deps,
        platform: createLinuxBackend({ root: false }),
        pollSource: 'in-process',
        resolveNames: false,
        elevation: { launcher: commandLauncher([process.execPath, cli, 'agent'], 'the test') },
      }),
  });
}, 180_000);

afterAll(async () => {
  await portscope?.close();
});

const button = '[data-status="show-all"] button';

it('offers Show all processes while owners are hidden, and takes it away once the agent runs', async () => {
  const { page, backend } = portscope;
  await page.waitForSelector(button);
  expect(await page.textContent(button)).toBe('Show all processes…');
  expect(await page.textContent('.status-bar')).toMatch(/owner unknown/);

  await page.click(button);
  await page.waitForSelector(button, { state: 'detached' });
  expect((await backend.handlers.getElevation()).running).toBe(true);
  await expect
    .poll(() => page.textContent('.status-bar'), { timeout: 10_000 })
    .not.toMatch(/owner unknown/);

  // The agent dies: the note says so, and the offer is back.
  const { agentPid } = await backend.handlers.getElevation();
  process.kill(agentPid!, 'SIGKILL');
  await page.waitForSelector(button);
  expect(await page.textContent('.status-bar')).toMatch(
    /Showing only what Portscope can see as you: the agent \(pid \d+\) stopped \(killed by SIGKILL\)/,
  );
  expect(portscope.pageErrors).toEqual([]);
});
