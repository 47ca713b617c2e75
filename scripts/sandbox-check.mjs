// Whether Chromium's sandbox can start for `npm start` (the development Electron in
// node_modules/electron/dist), and if not, what to tell the person instead of Electron's crash
// ("The SUID sandbox helper binary was found, but is not configured correctly …").
//
// The sandbox needs one of:
//   - unprivileged user namespaces. Ubuntu 23.10 and later restrict them to programs whose
//     AppArmor profile allows `userns` (kernel.apparmor_restrict_unprivileged_userns = 1,
//     https://ubuntu.com/blog/ubuntu-23-10-restricted-unprivileged-user-namespaces); some kernels
//     switch them off (kernel.unprivileged_userns_clone = 0, Debian's patch; user.max_user_namespaces
//     = 0);
//   - or the setuid helper chrome-sandbox, owned by root with mode 4755, which npm never makes it.
// Chromium also refuses to run as root with the sandbox on (crbug.com/638180).
// The .deb package sets this up itself (resources/linux/after-install.tpl); this is for checkouts.
//
// Plain JavaScript on purpose: it runs under bare Node before anything is compiled.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function readNumber(file) {
  try {
    const value = Number(readFileSync(file, 'utf8').trim());
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

/** An AppArmor profile in `apparmorDir` that names `binary` and allows user namespaces. */
function hasUsernsProfile(apparmorDir, binary) {
  if (!existsSync(apparmorDir)) return false;
  for (const entry of readdirSync(apparmorDir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    try {
      const text = readFileSync(path.join(apparmorDir, entry.name), 'utf8');
      if (text.includes(binary) && /^\s*userns\s*,/m.test(text)) return true;
    } catch {
      // unreadable: not ours
    }
  }
  return false;
}

/**
 * What decides it on this machine. `root` lets tests point /proc/sys and /etc/apparmor.d at a
 * folder of their own.
 */
export function readSandboxFacts({ electronDir, root = '/', uid = process.getuid?.() ?? -1 }) {
  const sysctl = (name) => readNumber(path.join(root, 'proc/sys', name));
  const helper = path.join(electronDir, 'chrome-sandbox');
  let helperSetuidRoot = false;
  try {
    const info = statSync(helper);
    helperSetuidRoot = info.uid === 0 && (info.mode & 0o4000) !== 0;
  } catch {
    helperSetuidRoot = false;
  }
  return {
    uid,
    restrictedUserns: sysctl('kernel/apparmor_restrict_unprivileged_userns') === 1,
    usernsCloneOff: sysctl('kernel/unprivileged_userns_clone') === 0,
    maxUserNamespaces: sysctl('user/max_user_namespaces'),
    usernsProfile: hasUsernsProfile(
      path.join(root, 'etc/apparmor.d'),
      path.join(electronDir, 'electron'),
    ),
    helper,
    helperSetuidRoot,
    binary: path.join(electronDir, 'electron'),
  };
}

const NO_SANDBOX = 'npm start -- --no-sandbox';

/** The message to print instead of starting Electron, or null when the sandbox can start. */
export function sandboxProblem(facts, args = []) {
  if (args.includes('--no-sandbox')) return null;
  if (facts.uid === 0) {
    return [
      'Portscope (Electron) does not start as root with its sandbox on (Chromium refuses).',
      'Start it as your own user (it asks for root only for the one action that needs it), or',
      `for a development run as root: ${NO_SANDBOX}`,
    ].join('\n');
  }
  if (facts.helperSetuidRoot) return null;
  const noUserns = facts.usernsCloneOff || facts.maxUserNamespaces === 0;
  const restricted = facts.restrictedUserns && !facts.usernsProfile;
  if (!noUserns && !restricted) return null;
  const why = noUserns
    ? 'this kernel does not let unprivileged programs create user namespaces'
    : 'this system (Ubuntu 23.10 or later) lets only programs with an AppArmor profile create ' +
      'user namespaces, and the development Electron has none';
  const fixes = [
    `  - make its sandbox helper setuid root (once per npm install):`,
    `      sudo chown root:root ${facts.helper} && sudo chmod 4755 ${facts.helper}`,
  ];
  if (!noUserns) {
    fixes.push(
      '  - or give the development Electron an AppArmor profile that allows user namespaces:',
      `      printf 'abi <abi/4.0>,\\ninclude <tunables/global>\\nprofile portscope-dev ${facts.binary} flags=(unconfined) {\\n  userns,\\n}\\n' \\`,
      '        | sudo tee /etc/apparmor.d/portscope-dev && sudo apparmor_parser -r /etc/apparmor.d/portscope-dev',
    );
  }
  fixes.push(`  - or, for development only, run without the sandbox: ${NO_SANDBOX}`);
  return [
    `Electron's sandbox cannot start here: ${why}, and ${facts.helper} is not setuid root.`,
    'Fix it one of these ways:',
    ...fixes,
    'The .deb package sets this up by itself.',
  ].join('\n');
}
