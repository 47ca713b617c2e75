// A fresh temporary folder for a test file, and, when the tests run as root, a 64 KiB tmpfs
// mounted inside it: a real file system that fills up after a few writes, for the "disk full"
// paths of the writers. Registers its own beforeAll/afterAll (unmount, then remove everything).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { requireTool } from './required-tools';

/** Mounting needs root; tests of a full disk run only then (describe.runIf(isRoot)). */
export const isRoot = process.getuid?.() === 0;

export interface ScratchFolders {
  /** The temporary folder (set in beforeAll). */
  workDir: string;
  /** A 64 KiB tmpfs inside workDir; '' when not root. */
  tinyFs: string;
}

/** Call at the top of a test file; read the fields inside tests (they are set in beforeAll). */
export function useScratchFolders(prefix: string): ScratchFolders {
  const folders: ScratchFolders = { workDir: '', tinyFs: '' };
  let mounted = false;
  beforeAll(() => {
    folders.workDir = mkdtempSync(path.join(tmpdir(), prefix));
    if (isRoot) {
      folders.tinyFs = path.join(folders.workDir, 'tiny');
      mkdirSync(folders.tinyFs);
      requireTool('mount');
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', folders.tinyFs]);
      mounted = true;
    }
  });
  afterAll(() => {
    if (mounted) execFileSync('umount', [folders.tinyFs]);
    if (folders.workDir) rmSync(folders.workDir, { recursive: true, force: true });
  });
  return folders;
}
