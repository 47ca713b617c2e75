// `npm run dist` on Linux: the rpm only where rpmbuild exists (scripts/package-targets.mjs).
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasCommand, linuxTargets } from '../../scripts/package-targets.mjs';

describe('linux package targets', () => {
  it('AppImage and deb always, rpm only with rpmbuild', () => {
    expect(linuxTargets(true)).toEqual(['AppImage', 'deb', 'rpm']);
    expect(linuxTargets(false)).toEqual(['AppImage', 'deb']);
  });

  it('finds rpmbuild on the PATH only as an executable', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'portscope-path-'));
    try {
      expect(hasCommand('rpmbuild', dir)).toBe(false);
      writeFileSync(path.join(dir, 'rpmbuild'), '#!/bin/sh\n');
      expect(hasCommand('rpmbuild', dir)).toBe(false);
      chmodSync(path.join(dir, 'rpmbuild'), 0o755);
      expect(hasCommand('rpmbuild', `/nonexistent${path.delimiter}${dir}`)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
