// Suspicion rules that mean something on Windows: where a program runs from, system process names
// in the wrong place, and CurrPorts' "no version information". Same shape and voice as
// default-rules.ts: each names a sign, says why it matters and when it is harmless.
// Paths are compared as Windows does, without regard to case; rules are pure, so the system
// directory is recognised as \Windows\ on any drive (the default %SystemRoot%).
import type { Connection } from '../model';
import type { Rule } from './types';

/**
 * The Windows backend's note when an executable's version resource could not be read (as
 * opposed to not existing): then "no version information" is unknown, not a finding.
 */
export const VERSION_UNREADABLE_NOTE = 'version information unreadable';

/** The path lower-cased with backslashes, without the \\?\ prefix long paths may carry. */
function windowsPath(path: string): string {
  return path
    .replace(/\//g, '\\')
    .replace(/^\\\\\?\\/, '')
    .toLowerCase();
}

function who(row: Connection): string {
  return row.processName ?? (row.pid === null ? 'The process' : `Process ${row.pid}`);
}

function folderOf(path: string): string {
  return path.slice(0, path.lastIndexOf('\\') + 1);
}

/** Folders where nothing installed runs from, but downloads and dropped payloads do. */
const TEMPORARY_FOLDERS: readonly { pattern: RegExp; name: string }[] = [
  {
    pattern: /^[a-z]:\\users\\[^\\]+\\appdata\\local\\temp\\/,
    name: 'the temporary folder (%TEMP%)',
  },
  { pattern: /^[a-z]:\\windows\\temp\\/, name: 'the Windows temporary folder' },
  { pattern: /^[a-z]:\\users\\[^\\]+\\downloads\\/, name: 'the Downloads folder' },
  { pattern: /^[a-z]:\\users\\public\\/, name: 'C:\\Users\\Public, which every user can write to' },
  { pattern: /^[a-z]:\\\$recycle\.bin\\/, name: 'the Recycle Bin' },
];

/** Writable data folders: legitimate for some updaters, a favourite of malware for persistence. */
const DATA_FOLDERS: readonly { pattern: RegExp; name: string }[] = [
  {
    pattern: /^[a-z]:\\users\\[^\\]+\\appdata\\roaming\\/,
    name: 'the roaming application data folder (%APPDATA%)',
  },
  { pattern: /^[a-z]:\\programdata\\/, name: 'C:\\ProgramData' },
];

/** Programs that live in those data folders by design (Microsoft Defender updates itself there). */
const DATA_FOLDER_EXCEPTIONS = [/^[a-z]:\\programdata\\microsoft\\windows defender\\platform\\/];

const SYSTEM32 = /^[a-z]:\\windows\\(system32|syswow64)\\$/;
const WINDOWS_DIR = /^[a-z]:\\windows\\$/;

/** System process names and the folders their one genuine executable lives in. */
const SYSTEM_PROCESSES: ReadonlyMap<string, RegExp> = new Map([
  ['svchost.exe', SYSTEM32],
  ['lsass.exe', SYSTEM32],
  ['csrss.exe', SYSTEM32],
  ['smss.exe', SYSTEM32],
  ['wininit.exe', SYSTEM32],
  ['winlogon.exe', SYSTEM32],
  ['services.exe', SYSTEM32],
  ['spoolsv.exe', SYSTEM32],
  ['lsm.exe', SYSTEM32],
  ['taskhostw.exe', SYSTEM32],
  ['dllhost.exe', SYSTEM32],
  ['conhost.exe', SYSTEM32],
  ['rundll32.exe', SYSTEM32],
  ['regsvr32.exe', SYSTEM32],
  ['explorer.exe', WINDOWS_DIR],
]);

/** Misspellings of system process names that malware has used to look familiar. */
const LOOKALIKE_NAMES = new Set([
  'scvhost.exe',
  'svch0st.exe',
  'svchosts.exe',
  'svhost.exe',
  'svchost32.exe',
  'lsasss.exe',
  'lsas.exe',
  'lssas.exe',
  'csrsss.exe',
  'crss.exe',
  'scrss.exe',
  'winlogin.exe',
  'explore.exe',
  'iexplore32.exe',
]);

export const WINDOWS_RULES: readonly Rule[] = [
  {
    id: 'windows-temporary-location',
    severity: 'warning',
    title: 'Runs from a temporary or download folder',
    explanation:
      'The program runs from %TEMP%, C:\\Windows\\Temp, a Downloads folder, C:\\Users\\Public or ' +
      'the Recycle Bin. Installed software does not run from there; droppers and freshly ' +
      'downloaded tools do. Installers and portable tools started from Downloads are the usual ' +
      'harmless case.',
    platforms: ['win32'],
    knownKinds: ['process'],
    check: (row) => {
      if (row.processPath === null) return null;
      const path = windowsPath(row.processPath);
      const folder = TEMPORARY_FOLDERS.find(({ pattern }) => pattern.test(path));
      return folder ? `${who(row)} runs from ${folder.name}: ${row.processPath}` : null;
    },
  },
  {
    id: 'windows-data-folder-location',
    severity: 'notice',
    title: 'Runs from an application data folder',
    explanation:
      'The program runs from %APPDATA% (AppData\\Roaming) or C:\\ProgramData, folders meant for ' +
      "data that a program's own user can write to, which malware uses to install itself " +
      'without administrator rights. Some legitimate programs install there too (Spotify, Zoom, ' +
      "some updaters); Microsoft Defender's own folder is not flagged. Per-user installs under " +
      'AppData\\Local\\Programs are the normal place and are not flagged.',
    platforms: ['win32'],
    knownKinds: ['process'],
    check: (row) => {
      if (row.processPath === null) return null;
      const path = windowsPath(row.processPath);
      if (DATA_FOLDER_EXCEPTIONS.some((pattern) => pattern.test(path))) return null;
      const folder = DATA_FOLDERS.find(({ pattern }) => pattern.test(path));
      return folder ? `${who(row)} runs from ${folder.name}: ${row.processPath}` : null;
    },
  },
  {
    id: 'windows-system-name-unusual-path',
    severity: 'danger',
    title: 'Windows system process name from an unusual place',
    explanation:
      'The process carries the name of a Windows system process (svchost.exe, lsass.exe, ' +
      'csrss.exe, services.exe, winlogon.exe, explorer.exe …) but does not run the genuine file ' +
      'in C:\\Windows\\System32 (or C:\\Windows for explorer.exe), or its name is a near-miss ' +
      'such as scvhost.exe. Malware borrows these names to pass as part of Windows.',
    platforms: ['win32'],
    knownKinds: ['process'],
    check: (row) => {
      const name = row.processName?.toLowerCase() ?? null;
      if (name === null) return null;
      if (LOOKALIKE_NAMES.has(name)) {
        return `${row.processName} imitates the name of a Windows system process`;
      }
      const home = SYSTEM_PROCESSES.get(name);
      if (home === undefined || row.processPath === null) return null;
      const path = windowsPath(row.processPath);
      const file = path.slice(path.lastIndexOf('\\') + 1);
      if (file === name && home.test(folderOf(path))) return null;
      return `${row.processName} is a Windows system process name, but this process runs ${row.processPath}`;
    },
  },
  {
    id: 'no-version-information',
    severity: 'notice',
    title: 'No version information',
    explanation:
      "CurrPorts' check for unidentified programs: the executable carries no version " +
      'information (company, product, description, version), which almost every published ' +
      'Windows program has and quickly built malware often lacks. Known false positives: ' +
      'database servers such as MySQL and PostgreSQL builds, programs compiled from source, ' +
      'Go and Rust tools, and some open-source servers ship without it, so this is only a ' +
      'notice; mark such a program as known.',
    platforms: ['win32'],
    knownKinds: ['process'],
    check: (row) => {
      if (row.processPath === null) return null;
      if (row.processNote?.includes(VERSION_UNREADABLE_NOTE)) return null;
      if (
        row.company !== null ||
        row.productName !== null ||
        row.fileDescription !== null ||
        row.fileVersion !== null
      ) {
        return null;
      }
      return `${who(row)}'s executable ${row.processPath} has no version information`;
    },
  },
];
