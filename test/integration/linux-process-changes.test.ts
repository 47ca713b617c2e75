// A process can change under a steady poll without its pid or start time changing: its executable
// deleted from disk (the rules flag that) must show at the next read, not only for processes first
// seen after the deletion.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createLinuxBackend } from '../../electron/platform/linux';
import { spawnSocketChild, stopAllSocketChildren } from '../support/socket-child';

const dir = mkdtempSync(path.join(tmpdir(), 'portscope-exe-'));
afterAll(async () => {
  await stopAllSocketChildren();
  rmSync(dir, { recursive: true, force: true });
});

it('notices an executable deleted while the process runs, at the next read', async () => {
  const nodeCopy = path.join(dir, 'node-copy');
  copyFileSync(process.execPath, nodeCopy);
  const child = await spawnSocketChild({ nodePath: nodeCopy });
  const listener = await child.listenTcp('127.0.0.1');
  const backend = createLinuxBackend();

  const before = await backend.readSockets();
  const ownerBefore = before.processes.get(child.pid);
  expect(before.sockets.some((s) => s.pid === child.pid && s.localPort === listener.port)).toBe(
    true,
  );
  expect(ownerBefore).toMatchObject({ path: nodeCopy, pathDeleted: false });

  rmSync(nodeCopy);
  const after = await backend.readSockets();
  expect(after.processes.get(child.pid)).toMatchObject({ path: nodeCopy, pathDeleted: true });
});
