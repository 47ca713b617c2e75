// Suspicion rules that mean something on macOS (platforms: ['darwin']). The shared rules in
// default-rules.ts already judge macOS rows where they apply (a world-writable directory such as
// /private/tmp or /Users/Shared, a hidden directory, backdoor ports, listeners on every
// interface, the blocklist); these add what only a Mac's layout tells:
//   - the per-user temporary and cache folders ($TMPDIR, /private/var/folders/…/T and …/C): mode
//     0700, so the world-writable check cannot see them, yet installed software never runs there;
//   - ~/Downloads: a program run where it was downloaded rather than installed;
//   - Apple's daemon names from anywhere but the system's own directories.
// Executable paths come from lsof, which names the file (symlinks resolved: /private/var, not
// /var); both spellings are accepted.
import type { Connection } from '../model';
import type { Rule } from './types';

/** $TMPDIR and the cache folder: /private/var/folders/<2 chars>/<random>/{T,C}/ (confstr(3)). */
const USER_TEMPORARY = /^(?:\/private)?\/var\/folders\/[^/]+\/[^/]+\/([TC])\//;
/**
 * Gatekeeper's App Translocation runs a quarantined app opened in place (Downloads, a disk image)
 * from a random read-only mount under $TMPDIR/AppTranslocation/.
 */
const TRANSLOCATED = /\/AppTranslocation\/[^/]+\/d\//;
const DOWNLOADS = /^\/Users\/[^/]+\/Downloads\//;

/**
 * Apple's daemons and agents that own sockets on a stock Mac. Each lives in /sbin, /usr/sbin,
 * /usr/libexec or under /System; the same name from anywhere else is a disguise.
 */
const APPLE_DAEMONS = new Set([
  'launchd',
  'kernel_task',
  'mDNSResponder',
  'mDNSResponderHelper',
  'configd',
  'syslogd',
  'sshd',
  'sshd-keygen-wrapper',
  'apsd',
  'rapportd',
  'sharingd',
  'identityservicesd',
  'nsurlsessiond',
  'trustd',
  'securityd',
  'cloudd',
  'timed',
  'ntpd',
  'netbiosd',
  'symptomsd',
  'WindowServer',
  'remoted',
  'bluetoothd',
  'airportd',
  'locationd',
  'coreaudiod',
  'cupsd',
  'httpd',
  'screensharingd',
  'ARDAgent',
  'AirPlayXPCHelper',
  'ControlCenter',
  'networkserviceproxy',
  'parsecd',
  'akd',
  'softwareupdated',
  'mobileassetd',
  'usbmuxd',
  'kdc',
  'smbd',
]);
/** Where Apple installs its own programs (the sealed system volume and the BSD directories). */
const APPLE_DIRS = ['/System/', '/usr/libexec/', '/usr/sbin/', '/usr/bin/', '/sbin/', '/bin/'];

function who(row: Connection): string {
  return row.processName ?? (row.pid === null ? 'The process' : `Process ${row.pid}`);
}

function folderOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

export const DARWIN_RULES: readonly Rule[] = [
  {
    id: 'macos-user-temporary-location',
    severity: 'warning',
    title: 'Runs from the per-user temporary folder (macOS)',
    explanation:
      "The executable lives in the user's temporary or cache folder (/private/var/folders/…/T " +
      'or …/C, where $TMPDIR points). Installers and archive tools unpack there, and dropped ' +
      'payloads run from there; installed software runs from /Applications, /System or /usr. ' +
      'An app opened where it was downloaded runs translocated from there too (Gatekeeper ' +
      'App Translocation): move it to /Applications.',
    platforms: ['darwin'],
    knownKinds: ['process'],
    check: (row) => {
      const path = row.processPath;
      if (path === null) return null;
      const match = USER_TEMPORARY.exec(path);
      if (!match) return null;
      if (TRANSLOCATED.test(path)) {
        return `${who(row)} runs translocated (${path}): a quarantined app opened where it was downloaded`;
      }
      const kind = match[1] === 'T' ? 'temporary' : 'cache';
      return `${who(row)} runs from the per-user ${kind} folder ${folderOf(path)}`;
    },
  },
  {
    id: 'macos-downloads-folder',
    severity: 'warning',
    title: 'Runs from Downloads (macOS)',
    explanation:
      'The executable is in a Downloads folder: a program run where it was downloaded, not ' +
      'installed. Quarantined apps opened from there are translocated, so a program that runs ' +
      'from Downloads itself has lost its quarantine flag or was made executable by hand.',
    platforms: ['darwin'],
    knownKinds: ['process'],
    check: (row) =>
      row.processPath !== null && DOWNLOADS.test(row.processPath)
        ? `${who(row)} runs from ${folderOf(row.processPath)}, a Downloads folder`
        : null,
  },
  {
    id: 'macos-daemon-name-unusual-path',
    severity: 'danger',
    title: 'Apple daemon name from an unusual place (macOS)',
    explanation:
      'The process is named like one of Apple’s daemons (launchd, mDNSResponder, configd, ' +
      'sshd, WindowServer …) but its executable is not that daemon in /System, /usr/libexec, ' +
      '/usr/sbin, /usr/bin, /sbin or /bin. Malware borrows these names so Activity Monitor ' +
      'shows a familiar one.',
    platforms: ['darwin'],
    knownKinds: ['process'],
    check: (row) => {
      const name = row.processName;
      const path = row.processPath;
      if (name === null || path === null || !APPLE_DAEMONS.has(name)) return null;
      const file = path.slice(path.lastIndexOf('/') + 1);
      if (file === name && APPLE_DIRS.some((dir) => path.startsWith(dir))) return null;
      return `${name} is the name of an Apple daemon, but this process runs ${path}`;
    },
  },
];
