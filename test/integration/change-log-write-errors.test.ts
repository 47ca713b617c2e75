// What the change log says when a write fails, on real folders and a real full file system (a
// 64 KiB tmpfs this test mounts when it runs as root): a log that never existed is not called
// "the existing file", and a log that did exist keeps exactly its earlier lines.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChangeLog } from '../../electron/core/export/change-log';
import type { ExportWriteError } from '../../electron/core/export/export-error';
import type { Connection } from '../../shared/model';
import { makeConnection } from '../support/connection-fixture';
import { isRoot, useScratchFolders } from '../support/scratch-folders';

const T = Date.UTC(2026, 10, 25, 22, 0, 0);

const row = (id: string, commandLine = 'psql -h 127.0.0.1'): Connection =>
  makeConnection({
    id,
    commandLine,
    processStartTime: T,
    firstSeen: T,
    remotePortName: 'postgresql',
  });

const scratch = useScratchFolders('portscope-log-errors-');

function logAt(file: string, errors: ExportWriteError[]): ChangeLog {
  return new ChangeLog({
    path: file,
    format: 'jsonl',
    maxBytes: 1 << 30,
    onError: (error) => errors.push(error),
  });
}

describe('change log write errors', () => {
  it('a missing folder: says the folder is missing and that no file was written', async () => {
    const errors: ExportWriteError[] = [];
    const file = path.join(scratch.workDir, 'gone', 'changes.jsonl');
    await logAt(file, errors).record({ added: [row('a')], updated: [], removed: [] }, T);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.code).toBe('ENOENT');
    expect(errors[0]!.message).toBe(
      `Cannot write ${file}: the folder ${path.dirname(file)} does not exist (it may have been ` +
        'moved or deleted). Choose another folder. No file was written.',
    );
    expect(errors[0]!.message).not.toMatch(/existing/);
    expect(existsSync(path.dirname(file))).toBe(false);
  });

  it('a log whose folder is removed while logging: not called "existing" any more', async () => {
    const errors: ExportWriteError[] = [];
    const folder = path.join(scratch.workDir, 'removed-later');
    mkdirSync(folder);
    const file = path.join(folder, 'changes.jsonl');
    const log = logAt(file, errors);
    await log.record({ added: [row('a')], updated: [], removed: [] }, T);
    expect(errors).toEqual([]);
    rmSync(folder, { recursive: true });
    await log.record({ added: [row('b')], updated: [], removed: [] }, T + 1000);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/does not exist.*No file was written\.$/);
  });

  describe.runIf(isRoot)('on a full file system (a 64 KiB tmpfs)', () => {
    it('an existing log keeps exactly its earlier lines, and the message says so', async () => {
      const errors: ExportWriteError[] = [];
      const file = path.join(scratch.tinyFs, 'changes.jsonl');
      const log = logAt(file, errors);
      await log.record({ added: [row('first')], updated: [], removed: [] }, T);
      const before = readFileSync(file, 'utf8');
      expect(before).toContain('"id":"first"');

      // ~100 KiB of changes cannot fit in 64 KiB: the append fails part way (ENOSPC).
      const many = Array.from({ length: 100 }, (_, i) => row(`big${i}`, 'x'.repeat(1000)));
      await log.record({ added: many, updated: [], removed: [] }, T + 1000);
      expect(errors.map((error) => error.code)).toEqual(['ENOSPC']);
      expect(errors[0]!.message).toMatch(/the disk holding .* is full/);
      expect(errors[0]!.message).toMatch(/The existing changes\.jsonl was left unchanged\.$/);
      expect(readFileSync(file, 'utf8')).toBe(before);

      // Logging goes on once there is room: the next change is appended after the kept lines.
      await log.record({ added: [row('after')], updated: [], removed: [] }, T + 2000);
      expect(errors).toHaveLength(1);
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      expect(lines.map((line) => (JSON.parse(line) as { id: string }).id)).toEqual([
        'first',
        'after',
      ]);
      rmSync(file);
    });

    it('a new log that does not fit leaves no partial file, and says no file was written', async () => {
      const errors: ExportWriteError[] = [];
      const file = path.join(scratch.tinyFs, 'fresh.jsonl');
      const many = Array.from({ length: 100 }, (_, i) => row(`big${i}`, 'y'.repeat(1000)));
      await logAt(file, errors).record({ added: many, updated: [], removed: [] }, T);
      expect(errors.map((error) => error.code)).toEqual(['ENOSPC']);
      expect(errors[0]!.message).toMatch(
        /is full\. Free some space or choose another disk\. No file was written\.$/,
      );
      expect(existsSync(file)).toBe(false);
    });
  });
});
