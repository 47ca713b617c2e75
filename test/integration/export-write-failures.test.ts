// The atomic writer when the OS says no: a missing folder, a full file system (a 64 KiB tmpfs this
// test mounts), a folder where the file should be. Each gives a message a person can act on,
// leaves no partial or temporary file, and leaves the old file as it was. (Permission denied and
// the file size limit need another user or rlimit: see export-cli.test.ts, which runs the CLI
// as nobody and under prlimit.)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../electron/core/export/atomic-write';
import { ExportWriteError } from '../../electron/core/export/export-error';
import { exportToFile } from '../../electron/core/export/export-to-file';
import type { Connection } from '../../shared/model';
import { makeConnection } from '../support/connection-fixture';
import { isRoot, useScratchFolders } from '../support/scratch-folders';

const row: Connection = makeConnection({
  id: 'tcp|4|127.0.0.1:5432|127.0.0.1:36200',
  localPort: 5432,
  remotePort: 36200,
  inode: 81234,
  socketUid: 105,
  pid: 911,
  processName: 'postgres',
  processPath: '/usr/lib/postgresql/15/bin/postgres',
  commandLine: 'postgres: 15/main: app appdb 127.0.0.1(36200) idle',
  user: 'postgres',
  parentPid: 880,
  firstSeen: 1764100100000,
  localPortName: 'postgresql',
});
const manyRows = (n: number) => Array.from({ length: n }, (_, i) => ({ ...row, id: `r${i}` }));

async function failure(promise: Promise<unknown>): Promise<ExportWriteError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ExportWriteError);
    return error as ExportWriteError;
  }
  throw new Error('expected the write to fail');
}

const scratch = useScratchFolders('portscope-write-');

describe('writeFileAtomic', () => {
  it('writes the whole text and replaces an old file, keeping its permissions', async () => {
    const file = path.join(scratch.workDir, 'replace.csv');
    writeFileSync(file, 'old', { mode: 0o640 });
    const result = await writeFileAtomic(file, ['a,b\r\n', '1,2\r\n']);
    expect(result.bytes).toBe(10);
    expect(readFileSync(file, 'utf8')).toBe('a,b\r\n1,2\r\n');
    expect(execFileSync('stat', ['-c', '%a', file], { encoding: 'utf8' }).trim()).toBe('640');
    expect(readdirSync(scratch.workDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('a missing folder: says which folder, creates nothing', async () => {
    const file = path.join(scratch.workDir, 'gone', 'out.csv');
    const error = await failure(
      exportToFile(file, [row], { format: null, columns: null, filter: '' }),
    );
    expect(error.code).toBe('ENOENT');
    expect(error.message).toBe(
      `Cannot write ${file}: the folder ${path.join(scratch.workDir, 'gone')} does not exist (it may have been moved or deleted). Choose another folder. No file was written.`,
    );
    expect(readdirSync(scratch.workDir)).not.toContain('gone');
  });

  it('a folder in the way: says to choose a file name, the folder is untouched', async () => {
    const dir = path.join(scratch.workDir, 'a-folder.csv');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'inside'), 'keep');
    const error = await failure(writeFileAtomic(dir, ['x']));
    expect(error.code).toBe('EISDIR');
    expect(error.message).toMatch(/it is a folder\. Choose a file name\./);
    expect(readdirSync(dir)).toEqual(['inside']);
  });

  it('a formatter that throws half-way leaves the old file and no temporary file', async () => {
    const file = path.join(scratch.workDir, 'half.txt');
    writeFileSync(file, 'previous export');
    function* chunks() {
      yield 'x'.repeat(300_000); // more than one write block: part of it reached the disk
      throw new Error('formatter failed');
    }
    const error = await failure(writeFileAtomic(file, chunks()));
    expect(error.message).toMatch(/formatter failed\. The existing half\.txt was left unchanged\./);
    expect(readFileSync(file, 'utf8')).toBe('previous export');
    expect(readdirSync(scratch.workDir).filter((name) => name.includes('half'))).toEqual([
      'half.txt',
    ]);
  });

  describe.runIf(isRoot)('on a full file system (a 64 KiB tmpfs)', () => {
    it('says the disk is full, keeps the old file, leaves no partial file', async () => {
      const file = path.join(scratch.tinyFs, 'connections.csv');
      writeFileSync(file, 'the previous export\r\n');
      // About 150 bytes a row: 2,000 rows need ~300 KiB.
      const error = await failure(
        exportToFile(file, manyRows(2000), { format: null, columns: null, filter: '' }),
      );
      expect(error.code).toBe('ENOSPC');
      expect(error.message).toBe(
        `Cannot write ${file}: the disk holding ${scratch.tinyFs} is full. Free some space or choose another disk. The existing connections.csv was left unchanged.`,
      );
      expect(readFileSync(file, 'utf8')).toBe('the previous export\r\n');
      expect(readdirSync(scratch.tinyFs)).toEqual(['connections.csv']);
      // The space the temporary file used is free again.
      const used = execFileSync('df', ['--output=used', '-B1', scratch.tinyFs], {
        encoding: 'utf8',
      });
      expect(Number(used.split('\n')[1])).toBeLessThan(16 * 1024);
    });

    it('a small export still fits and replaces the old file', async () => {
      const file = path.join(scratch.tinyFs, 'connections.csv');
      const outcome = await exportToFile(file, manyRows(3), {
        format: null,
        columns: null,
        filter: '',
      });
      expect(outcome.rows).toBe(3);
      expect(readFileSync(file, 'utf8').split('\r\n')).toHaveLength(5);
    });
  });
});
