// Executable hashing (issue 13.9) on real files: a FIFO where the executable should be must not
// hang one of libuv's threads (before, the path was stat()ed and then opened: a FIFO swapped in
// between made the open wait for a writer forever), and what is hashed is the image the process
// runs (/proc/PID/exe), not whatever its path names in Portscope's mount namespace.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import {
  constants,
  copyFileSync,
  openSync,
  closeSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashExecutable, hashRunningImage } from '../../electron/core/rules/executable-hash';
import { isRoot, useScratchFolders } from '../support/scratch-folders';

const scratch = useScratchFolders('portscope-hash-');
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Opens every FIFO once for writing (non-blocking), so a reader stuck in open() gets out. */
const fifos: string[] = [];
afterAll(() => {
  for (const fifo of fifos) {
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // no reader waiting: nothing to release
    }
  }
});

function makeFifo(name: string): string {
  const fifo = path.join(scratch.workDir, name);
  spawnSync('mkfifo', [fifo]);
  fifos.push(fifo);
  return fifo;
}

/** Settles within `ms`, or says it did not. */
function within<T>(promise: Promise<T>, ms: number): Promise<'settled' | 'hung'> {
  return Promise.race([
    promise.then(
      () => 'settled' as const,
      () => 'settled' as const,
    ),
    new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), ms).unref()),
  ]);
}

describe('hashing through one descriptor', () => {
  it('a FIFO is refused at once', async () => {
    const fifo = makeFifo('plain.fifo');
    await expect(hashExecutable(fifo)).rejects.toThrow(
      `the executable ${fifo} is not a regular file, so it is not hashed.`,
    );
  });

  it('a FIFO swapped in for the file while hashing never leaves a thread waiting', async () => {
    const file = path.join(scratch.workDir, 'program');
    writeFileSync(file, 'x'.repeat(64 * 1024));
    const fifo = makeFifo('swap.fifo');
    // `link` flips between the file and the FIFO as fast as a process can rename.
    const link = path.join(scratch.workDir, 'link');
    symlinkSync(file, link);
    const toFile = path.join(scratch.workDir, 'to-file');
    const toFifo = path.join(scratch.workDir, 'to-fifo');
    symlinkSync(file, toFile);
    symlinkSync(fifo, toFifo);
    const flipper = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('fs'); const [a, b, l] = process.argv.slice(1);
         const fa = a + '.tmp', fb = b + '.tmp';
         fs.symlinkSync(fs.readlinkSync(a), fa); fs.symlinkSync(fs.readlinkSync(b), fb);
         process.stdout.write('flipping\\n');
         for (;;) { fs.renameSync(fa, l); fs.symlinkSync(fs.readlinkSync(a), fa);
                    fs.renameSync(fb, l); fs.symlinkSync(fs.readlinkSync(b), fb); }`,
        toFile,
        toFifo,
        link,
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    try {
      await once(flipper.stdout!, 'data');
      // The old stat-then-open hung within a few hundred attempts like these.
      let hungAt: number | null = null;
      for (let i = 0; i < 500 && hungAt === null; i++) {
        if ((await within(hashExecutable(link), 2000)) === 'hung') hungAt = i;
      }
      expect(hungAt, 'a hash that never settled (a thread stuck opening the FIFO)').toBeNull();
    } finally {
      flipper.kill('SIGKILL');
    }
    // Every libuv thread is free: eight reads at once finish.
    const reads = Array.from({ length: 8 }, () => readFile(file));
    expect(await within(Promise.all(reads), 2000)).toBe('settled');
  });
});

describe.runIf(isRoot)('the running image, not the path', () => {
  it('a process whose path names another file in our mount namespace', async () => {
    // Here the path holds a copy of `true`; in the process's own mount namespace `sleep` is
    // bound over it, and that is what it runs.
    const program = path.join(scratch.workDir, 'prog');
    copyFileSync('/bin/true', program);
    const child = spawn(
      'unshare',
      [
        '--mount',
        '--propagation',
        'private',
        'sh',
        '-c',
        'mount --bind /bin/sleep "$0" && exec "$0" 60',
        program,
      ],
      { stdio: 'ignore' },
    );
    try {
      const pid = child.pid!;
      let processPath = '';
      for (let i = 0; i < 200 && processPath !== program; i++) {
        try {
          processPath = readlinkSync(`/proc/${pid}/exe`);
        } catch {
          // not exec'd yet
        }
        if (processPath !== program) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(processPath).toBe(program);
      const row = { pid, processStartTime: null, processPath };
      expect(await hashRunningImage(row, 'linux')).toBe(sha256('/bin/sleep'));
      // What hashing the path gives (the old way): the other file.
      expect(await hashExecutable(processPath)).toBe(sha256('/bin/true'));
      expect(sha256('/bin/true')).not.toBe(sha256('/bin/sleep'));
    } finally {
      child.kill('SIGKILL');
    }
  });
});
