// The lsof backend's edge with the tools it runs, with real processes: stand-in lsof, netstat and
// ps scripts in a scratch directory (given to the runner as the only system directory) print what
// the real tools print when things go wrong: a warning on stderr, a failure, a hang, no netstat.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotSupported, PlatformError } from '../../electron/platform/errors';
import { NO_TABLE_WARNING, createLsofBackend, netToolsTable } from '../../electron/platform/lsof';
import { createCommandRunner, findTool } from '../../electron/platform/lsof/command-runner';

let dir = '';
const fixture = (name: string) => path.join(__dirname, '../fixtures/lsof', name);

/** Put a shell script named `tool` in a fresh scratch directory; returns the directory. */
function toolsDir(scripts: Record<string, string>): string {
  const where = mkdtempSync(path.join(dir, 'tools-'));
  for (const [tool, body] of Object.entries(scripts)) {
    const file = path.join(where, tool);
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
  }
  return where;
}

const realPs = findTool('ps')!;
/** ps for the captured pids, which have long exited: it finds none of them, as ps does. */
const psFindingNone = 'exit 1';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'portscope-lsof-tools-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('running the tools', () => {
  it('takes a tool only from the given system directories, and says what to install', async () => {
    const run = createCommandRunner({ dirs: [toolsDir({})] });
    await expect(run('lsof', [])).rejects.toBeInstanceOf(NotSupported);
    await expect(run('lsof', [])).rejects.toThrow(/install the lsof package/);
  });

  it('hands back stdout, stderr and the exit status, whatever the status', async () => {
    const run = createCommandRunner({
      dirs: [toolsDir({ lsof: 'echo out; echo "lsof: complaint" >&2; exit 1' })],
    });
    expect(await run('lsof', [])).toEqual({
      stdout: 'out\n',
      stderr: 'lsof: complaint\n',
      status: 1,
    });
  });

  it('runs them in the C locale and UTC, so ps prints one format', async () => {
    const run = createCommandRunner({ dirs: [toolsDir({ ps: 'echo "$LC_ALL $TZ"' })] });
    expect((await run('ps', [])).stdout).toBe('C UTC\n');
  });

  it('stops a hung tool and says so', async () => {
    const run = createCommandRunner({
      dirs: [toolsDir({ lsof: 'exec sleep 10' })],
      timeoutMs: 300,
    });
    await expect(run('lsof', [])).rejects.toThrow(/lsof did not finish within 0 s/);
  });
});

describe('lsof saying something on stderr', () => {
  const lsofOutput = fixture('linux-lsof-F0.bin');
  const netstatOutput = fixture('linux-netstat-tuanWe.txt');

  it('reads on through a warning, keeps it out of the status bar, and remembers it', async () => {
    const where = toolsDir({
      lsof:
        `cat '${lsofOutput}'; ` +
        `echo "lsof: WARNING: can't stat() fuse.gvfsd-fuse file system /run/user/1000/gvfs" >&2; ` +
        'echo "      Output information may be incomplete." >&2; exit 0',
      netstat: `cat '${netstatOutput}'`,
      ps: psFindingNone,
    });
    const backend = createLsofBackend({ run: createCommandRunner({ dirs: [where] }), root: true });
    const read = await backend.readSockets();
    // The table's 16 sockets, owner unknown: ps finds none of the captured processes now.
    expect(read.sockets).toHaveLength(16);
    expect(read.sockets.every((socket) => socket.pid === null)).toBe(true);
    expect(read.warnings.some((warning) => warning.includes('gvfs'))).toBe(false);
    expect(backend.lastRead()?.lsofWarnings).toEqual([
      "can't stat() fuse.gvfsd-fuse file system /run/user/1000/gvfs Output information may be incomplete.",
    ]);
    // The captured pid 1 could not be read even by root: noticed by the probe's cwd line.
    expect(read.privileged).toBe(false);
  });

  it("fails the read with lsof's own words when it printed nothing but a problem", async () => {
    const where = toolsDir({
      lsof: 'echo "lsof: can\'t open /proc/net/tcp: Permission denied" >&2; exit 1',
      netstat: `cat '${netstatOutput}'`,
      ps: `exec ${realPs} "$@"`,
    });
    const backend = createLsofBackend({ run: createCommandRunner({ dirs: [where] }) });
    const reading = backend.readSockets();
    await expect(reading).rejects.toBeInstanceOf(PlatformError);
    await expect(reading).rejects.toThrow(
      "lsof failed: can't open /proc/net/tcp: Permission denied",
    );
  });

  it('is an empty table, not an error, when lsof found no socket at all (exit 1, no output)', async () => {
    const where = toolsDir({ lsof: 'exit 1', netstat: 'exit 0', ps: `exec ${realPs} "$@"` });
    const read = await createLsofBackend({
      run: createCommandRunner({ dirs: [where] }),
    }).readSockets();
    expect(read.sockets).toEqual([]);
  });

  it('goes on with lsof alone when netstat is not installed, and says what is missing', async () => {
    const where = toolsDir({ lsof: `cat '${lsofOutput}'`, ps: psFindingNone });
    const run = createCommandRunner({ dirs: [where] });
    expect(await netToolsTable.read(run)).toBeNull();
    const read = await createLsofBackend({ run, table: netToolsTable }).readSockets();
    expect(read.warnings).toContain(NO_TABLE_WARNING);
    // ps finds none of the captured processes (they exited): sockets only lsof saw go with them.
    expect(read.sockets).toEqual([]);
  });
});
