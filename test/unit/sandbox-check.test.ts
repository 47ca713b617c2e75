// `npm start` on a machine where Chromium's sandbox cannot start (Ubuntu 24.04's AppArmor
// restriction, kernels without unprivileged user namespaces, root): a message with the fix instead
// of Electron's crash (scripts/sandbox-check.mjs). The facts are read from a folder standing for
// / (its proc/sys and etc/apparmor.d) and a stand-in Electron folder with a real setuid file.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readSandboxFacts,
  sandboxProblem,
  type SandboxFacts,
} from '../../scripts/sandbox-check.mjs';

const isRoot = process.getuid?.() === 0;
let root = '';
let electronDir = '';

const fine: SandboxFacts = {
  uid: 1000,
  restrictedUserns: false,
  usernsCloneOff: false,
  maxUserNamespaces: 63000,
  usernsProfile: false,
  helper: '/src/node_modules/electron/dist/chrome-sandbox',
  helperSetuidRoot: false,
  binary: '/src/node_modules/electron/dist/electron',
};

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'portscope-sandbox-'));
  electronDir = path.join(root, 'electron-dist');
  mkdirSync(electronDir);
  writeFileSync(path.join(electronDir, 'chrome-sandbox'), '');
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('sandboxProblem', () => {
  it('says nothing where user namespaces are free', () => {
    expect(sandboxProblem(fine)).toBeNull();
  });

  it('Ubuntu 23.10+: the restriction without a profile or setuid helper gives the three fixes', () => {
    const message = sandboxProblem({ ...fine, restrictedUserns: true })!;
    expect(message).toMatch(/^Electron's sandbox cannot start here: .*Ubuntu 23\.10 or later/);
    expect(message).toContain(
      `sudo chown root:root ${fine.helper} && sudo chmod 4755 ${fine.helper}`,
    );
    expect(message).toContain(`profile portscope-dev ${fine.binary} flags=(unconfined)`);
    expect(message).toContain('userns,');
    expect(message).toContain('npm start -- --no-sandbox');
  });

  it('a profile that allows user namespaces, or a setuid-root helper, is enough', () => {
    expect(sandboxProblem({ ...fine, restrictedUserns: true, usernsProfile: true })).toBeNull();
    expect(sandboxProblem({ ...fine, restrictedUserns: true, helperSetuidRoot: true })).toBeNull();
    expect(sandboxProblem({ ...fine, usernsCloneOff: true, helperSetuidRoot: true })).toBeNull();
  });

  it('no user namespaces at all: the helper or --no-sandbox (no AppArmor fix)', () => {
    for (const facts of [
      { ...fine, usernsCloneOff: true },
      { ...fine, maxUserNamespaces: 0 },
    ]) {
      const message = sandboxProblem(facts)!;
      expect(message).toContain('does not let unprivileged programs create user namespaces');
      expect(message).toContain('chmod 4755');
      expect(message).not.toContain('AppArmor profile that allows');
    }
  });

  it('root: Chromium refuses the sandbox, so say to run as a user or pass --no-sandbox', () => {
    expect(sandboxProblem({ ...fine, uid: 0 })).toMatch(/does not start as root/);
    expect(sandboxProblem({ ...fine, uid: 0 }, ['--no-sandbox'])).toBeNull();
    expect(sandboxProblem({ ...fine, restrictedUserns: true }, ['--no-sandbox'])).toBeNull();
  });
});

describe('readSandboxFacts', () => {
  it('reads the sysctls and AppArmor profiles under the given root', () => {
    mkdirSync(path.join(root, 'proc/sys/kernel'), { recursive: true });
    mkdirSync(path.join(root, 'proc/sys/user'), { recursive: true });
    writeFileSync(path.join(root, 'proc/sys/kernel/apparmor_restrict_unprivileged_userns'), '1\n');
    writeFileSync(path.join(root, 'proc/sys/user/max_user_namespaces'), '63000\n');
    const facts = readSandboxFacts({ electronDir, root, uid: 1000 });
    expect(facts).toMatchObject({
      uid: 1000,
      restrictedUserns: true,
      usernsCloneOff: false,
      maxUserNamespaces: 63000,
      usernsProfile: false,
      helperSetuidRoot: false,
    });
    mkdirSync(path.join(root, 'etc/apparmor.d'), { recursive: true });
    writeFileSync(
      path.join(root, 'etc/apparmor.d/portscope-dev'),
      `abi <abi/4.0>,\nprofile portscope-dev ${electronDir}/electron flags=(unconfined) {\n  userns,\n}\n`,
    );
    expect(readSandboxFacts({ electronDir, root, uid: 1000 }).usernsProfile).toBe(true);
  });

  it.runIf(isRoot)('sees a root-owned chrome-sandbox with mode 4755 as the setuid helper', () => {
    const helper = path.join(electronDir, 'chrome-sandbox');
    chmodSync(helper, 0o4755);
    expect(readSandboxFacts({ electronDir, root }).helperSetuidRoot).toBe(true);
    chmodSync(helper, 0o755);
    expect(readSandboxFacts({ electronDir, root }).helperSetuidRoot).toBe(false);
  });
});
