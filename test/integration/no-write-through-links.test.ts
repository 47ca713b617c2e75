// Exports and the change log never write through a symbolic link (issue 13.2). Someone who can
// plant a name where a root Portscope writes (/tmp, a shared folder) could otherwise make it
// replace or append to the file the link points to. Real links, a real FIFO and real hard links
// on the real file system; the "victim" stands for a file the planter could not write themselves.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  linkSync,
  lstatSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../electron/core/export/atomic-write';
import { ChangeLog } from '../../electron/core/export/change-log';
import { ExportWriteError } from '../../electron/core/export/export-error';
import { exportToFile } from '../../electron/core/export/export-to-file';
import { makeConnection } from '../support/connection-fixture';
import { useScratchFolders } from '../support/scratch-folders';

const scratch = useScratchFolders('portscope-links-');
const T = Date.UTC(2026, 10, 25, 22, 0, 0);
const row = makeConnection({ id: 'a', commandLine: 'psql --password=hunter2', firstSeen: T });

function victim(name: string): string {
  const file = path.join(scratch.workDir, name);
  writeFileSync(file, 'precious\n', { mode: 0o644 });
  return file;
}

async function refusal(promise: Promise<unknown>): Promise<ExportWriteError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ExportWriteError);
    return error as ExportWriteError;
  }
  throw new Error('expected the write to be refused');
}

function logAt(file: string, errors: ExportWriteError[], maxBytes = 1 << 30): ChangeLog {
  return new ChangeLog({ path: file, format: 'jsonl', maxBytes, onError: (e) => errors.push(e) });
}

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('export', () => {
  it('refuses a symbolic link, and the file it points to and the link stay as they were', async () => {
    const target = victim('victim-export');
    const link = path.join(scratch.workDir, 'planted.csv');
    symlinkSync(target, link);
    const error = await refusal(
      exportToFile(link, [row], { format: null, columns: null, filter: '' }),
    );
    expect(error.code).toBe('ELOOP');
    expect(error.message).toBe(
      `Cannot write ${link}: it is a symbolic link (to ${target}). Portscope never writes ` +
        'through a link: one planted by someone else could make it replace the file the link ' +
        'points to. Choose another name, or remove the link. No file was written.',
    );
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
    expect(readlinkSync(link)).toBe(target);
  });

  it('refuses a dangling link too (it would create the file where the link points)', async () => {
    const link = path.join(scratch.workDir, 'dangling.csv');
    const nowhere = path.join(scratch.workDir, 'would-be-created');
    symlinkSync(nowhere, link);
    expect((await refusal(writeFileAtomic(link, ['x']))).code).toBe('ELOOP');
    expect(existsSync(nowhere)).toBe(false);
  });

  it('refuses a FIFO where the file should be, and leaves it', async () => {
    const fifo = path.join(scratch.workDir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const error = await refusal(writeFileAtomic(fifo, ['x']));
    expect(error.code).toBe('ENOTREG');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('creates a new file 0600 whatever the umask, and replaces one of ours keeping its mode', async () => {
    const fresh = path.join(scratch.workDir, 'fresh.json');
    const previous = process.umask(0o000);
    try {
      await writeFileAtomic(fresh, ['[]']);
    } finally {
      process.umask(previous);
    }
    expect(modeOf(fresh)).toBe(0o600);
    const shared = path.join(scratch.workDir, 'shared.txt');
    writeFileSync(shared, 'old', { mode: 0o644 });
    await writeFileAtomic(shared, ['new']);
    expect(modeOf(shared)).toBe(0o644);
  });
});

describe('change log', () => {
  it('refuses to append through a symbolic link; the target keeps its content', async () => {
    const target = victim('victim-log');
    const link = path.join(scratch.workDir, 'changes.jsonl');
    symlinkSync(target, link);
    const errors: ExportWriteError[] = [];
    await logAt(link, errors).record({ added: [row], updated: [], removed: [] }, T);
    expect(errors.map((e) => e.code)).toEqual(['ELOOP']);
    expect(errors[0]!.message).toMatch(/it is a symbolic link\. Portscope never writes through/);
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
    expect(readlinkSync(link)).toBe(target);
  });

  it('a FIFO planted at the log path fails at once instead of blocking a thread', async () => {
    const fifo = path.join(scratch.workDir, 'fifo.jsonl');
    execFileSync('mkfifo', [fifo]);
    const errors: ExportWriteError[] = [];
    // With no reader, a blocking open(O_WRONLY) of a FIFO waits forever (fifo(7)).
    await logAt(fifo, errors).record({ added: [row], updated: [], removed: [] }, T);
    expect(errors.map((e) => e.code)).toEqual(['ENOTREG']);
  }, 5000);

  it('refuses a log with another hard link (appending would change the other name too)', async () => {
    const target = victim('victim-hardlink');
    const log = path.join(scratch.workDir, 'hard.jsonl');
    linkSync(target, log);
    const errors: ExportWriteError[] = [];
    await logAt(log, errors).record({ added: [row], updated: [], removed: [] }, T);
    expect(errors.map((e) => e.code)).toEqual(['EMLINK']);
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
  });

  it('creates the log 0600 and rotates over a link at FILE.1 without touching its target', async () => {
    const target = victim('victim-rotated');
    const log = path.join(scratch.workDir, 'rotating.jsonl');
    symlinkSync(target, `${log}.1`);
    const errors: ExportWriteError[] = [];
    const changeLog = logAt(log, errors, 64 * 1024);
    const previous = process.umask(0o000);
    try {
      await changeLog.record({ added: [row], updated: [], removed: [] }, T);
    } finally {
      process.umask(previous);
    }
    expect(modeOf(log)).toBe(0o600);
    const big = makeConnection({ id: 'b', commandLine: 'x'.repeat(70 * 1024), firstSeen: T });
    await changeLog.record({ added: [big], updated: [], removed: [] }, T + 1);
    expect(errors).toEqual([]);
    expect(lstatSync(`${log}.1`).isFile()).toBe(true);
    expect(readFileSync(`${log}.1`, 'utf8')).toContain('"id":"a"');
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
  });
});
