// The whole Linux backend pointed at a fixture /proc (captured tables, no process directories):
// every socket is kept, none has an owner, and the tables' problems are counted, not thrown.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PlatformError } from '../../electron/platform/errors';
import { createBackendFor } from '../../electron/platform/index';
import { UNPRIVILEGED_WARNING, createLinuxBackend } from '../../electron/platform/linux';

const fixtureProc = fileURLToPath(new URL('../fixtures/linux/proc', import.meta.url));
const passwd = fileURLToPath(new URL('../fixtures/linux/passwd', import.meta.url));
const temps: string[] = [];

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('createLinuxBackend on a fixture /proc', () => {
  it('reads all four tables with no owners, and warns when not root', async () => {
    const backend = createLinuxBackend({ procRoot: fixtureProc, passwdPath: passwd, root: false });
    const read = await backend.readSockets();
    expect(read.sockets).toHaveLength(6 + 5 + 2 + 2);
    expect(read.sockets.every((s) => s.pid === null)).toBe(true);
    expect(read.processes.size).toBe(0);
    expect(read.malformedLines).toBe(0);
    expect(read.privileged).toBe(false);
    expect(read.warnings).toEqual([UNPRIVILEGED_WARNING]);
    expect(backend.userName(65534)).toBe('nobody');
    expect(backend.userName(4242)).toBe('4242');
  });

  it('treats missing tcp6/udp6 (IPv6 disabled) as no IPv6 sockets, and counts malformed lines', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'portscope-proc-'));
    temps.push(dir);
    cpSync(path.join(fixtureProc, 'stat'), path.join(dir, 'stat'));
    cpSync(path.join(fixtureProc, 'net/udp'), path.join(dir, 'net/udp'));
    cpSync(
      fileURLToPath(new URL('../fixtures/linux/tcp-malformed.txt', import.meta.url)),
      path.join(dir, 'net/tcp'),
    );
    const read = createLinuxBackend({ procRoot: dir, root: true }).readSocketsSync();
    expect(read.malformedLines).toBe(6);
    expect(read.sockets.filter((s) => s.protocol === 'tcp')).toHaveLength(2);
    expect(read.sockets.every((s) => s.family === 4)).toBe(true);
    expect(read.privileged).toBe(true);
    expect(read.warnings).toEqual([]);
  });

  it('fails with an actionable PlatformError when /proc/net/tcp cannot be read', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'portscope-proc-'));
    temps.push(dir);
    writeFileSync(path.join(dir, 'stat'), 'btime 1\n');
    const backend = createLinuxBackend({ procRoot: dir });
    await expect(backend.readSockets()).rejects.toThrow(PlatformError);
    await expect(backend.readSockets()).rejects.toThrow(/is \/proc mounted\?/);
  });
});

describe('createBackendFor', () => {
  it('refuses Windows with NotSupported for now, and gives macOS its lsof-based backend', () => {
    expect(() => createBackendFor('win32')).toThrow(
      expect.objectContaining({ code: 'NOT_SUPPORTED' }),
    );
    expect(createBackendFor('darwin').os).toBe('darwin');
  });
});
