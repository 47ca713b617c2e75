// The built-in rules. Each one names a sign an administrator would look at twice, says why, and
// says when it is harmless: the explanation is the README line and the tooltip text. Severity:
// danger = rarely innocent; warning = worth a look; notice = exposure rather than compromise.
import type { Connection } from '../model';
import { DARWIN_RULES } from './darwin-rules';
import type { Rule } from './types';
import { WINDOWS_RULES } from './windows-rules';

/** Directories anyone can write to by design (FHS 3.0 §3.15, §3.18, §5.15; /dev/shm is tmpfs). */
const TEMPORARY_DIRS = ['/tmp/', '/var/tmp/', '/dev/shm/', '/run/shm/'];

/**
 * Per-user tool directories that are hidden by convention, not to hide anything. An executable
 * under one of these is common (rustup, nvm, pipx, VS Code's server …) and not flagged.
 */
const CONVENTIONAL_HIDDEN_DIRS = [
  '.local/bin/',
  '.local/share/',
  '.cargo/bin/',
  '.rustup/',
  '.nvm/',
  '.volta/',
  '.deno/',
  '.bun/',
  '.pyenv/',
  '.rbenv/',
  '.sdkman/',
  '.dotnet/',
  '.vscode-server/',
  '.cache/ms-playwright/',
  '.linuxbrew/',
  '.steam/',
  '.var/app/',
];

/**
 * Names of kernel threads (ps shows them in brackets). A kernel thread has no executable, so a
 * process with one that carries such a name chose it to blend in.
 */
const KERNEL_THREAD_NAME =
  /^\[?(kworker|kthreadd|ksoftirqd|kswapd\d*|kcompactd\d*|khugepaged|khungtaskd|kauditd|kdevtmpfs|kblockd|kintegrityd|ksmd|kthrotld|kstrp|migration|watchdog|watchdogd|cpuhp|idle_inject|irq|jbd2|rcu_\w+|oom_reaper|writeback|scsi_eh_\d+|scsi_tmf_\d+|card\d+-crtc\d+)(\/[^\]]*)?\]?$/;

/**
 * Well-known system daemons. Their binaries live in the system directories, under their own
 * name; the same name from anywhere else is a disguise. Names are compared as the kernel keeps
 * them (comm: the first 15 bytes, TASK_COMM_LEN - 1 in include/linux/sched.h).
 */
const SYSTEM_DAEMONS = [
  'sshd',
  'systemd',
  'systemd-journald',
  'systemd-logind',
  'systemd-networkd',
  'systemd-resolved',
  'systemd-timesyncd',
  'systemd-udevd',
  'cron',
  'crond',
  'atd',
  'dbus-daemon',
  'dbus-broker',
  'rsyslogd',
  'syslog-ng',
  'NetworkManager',
  'wpa_supplicant',
  'avahi-daemon',
  'cupsd',
  'chronyd',
  'ntpd',
  'polkitd',
  'udisksd',
  'accounts-daemon',
  'containerd',
  'dockerd',
  'named',
  'dnsmasq',
  'exim4',
  'master',
];
const COMM_LENGTH = 15;
const DAEMON_COMMS = new Set(SYSTEM_DAEMONS.map((name) => name.slice(0, COMM_LENGTH)));
const SYSTEM_DIRS = [
  '/usr/sbin/',
  '/usr/bin/',
  '/sbin/',
  '/bin/',
  '/usr/lib/',
  '/lib/',
  '/usr/lib64/',
  '/lib64/',
  '/usr/libexec/',
  '/snap/',
];
/** Multi-call binaries that legitimately run daemons under other names. */
const MULTICALL_BINARIES = new Set(['busybox', 'toybox']);

const ALL_INTERFACES = new Set(['0.0.0.0', '::']);

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function dirName(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1) || '/';
}

/** Listening TCP, or UDP bound but not connected (which receives from anyone). */
function isListener(row: Connection): boolean {
  return row.state === 'LISTEN' || (row.protocol === 'udp' && row.remoteAddress === null);
}

function fileless(row: Connection): boolean {
  return row.processPath !== null && row.processPath.startsWith('/memfd:');
}

function who(row: Connection): string {
  return row.processName ?? (row.pid === null ? 'The process' : `Process ${row.pid}`);
}

export const DEFAULT_RULES: readonly Rule[] = [
  {
    id: 'fileless-executable',
    severity: 'danger',
    title: 'Runs from memory',
    explanation:
      'The program was loaded from an anonymous memory file (memfd) and has no file on disk, a ' +
      'technique used by in-memory malware to leave nothing to scan. A few sandboxes and ' +
      'language runtimes do this legitimately.',
    platforms: ['linux'],
    knownKinds: ['process'],
    check: (row) =>
      fileless(row)
        ? `${who(row)} runs from memory (${row.processPath}), with no file on disk`
        : null,
  },
  {
    id: 'deleted-executable',
    severity: 'warning',
    title: 'Executable deleted',
    explanation:
      'The program file was deleted or replaced while the process runs. Malware deletes itself ' +
      'after starting; it also happens harmlessly after a software update until the program is ' +
      'restarted.',
    platforms: ['linux'],
    knownKinds: ['process'],
    check: (row) =>
      row.processPathDeleted && !fileless(row)
        ? `${who(row)}'s executable ${row.processPath ?? '(path unknown)'} was deleted while it runs`
        : null,
  },
  {
    id: 'temporary-location',
    severity: 'warning',
    title: 'Runs from a temporary or world-writable place',
    explanation:
      'The executable lives in /tmp, /var/tmp, /dev/shm or another directory anyone can write ' +
      'to. Installed software does not run from there; dropped payloads often do. Build tools ' +
      'and test runners sometimes do too.',
    platforms: ['linux', 'darwin'],
    knownKinds: ['process'],
    check: (row, env) => {
      const path = row.processPath;
      if (path === null || fileless(row)) return null;
      const temporary = TEMPORARY_DIRS.find((dir) => path.startsWith(dir));
      if (temporary) return `${who(row)} runs from ${dirName(path)}, a temporary directory`;
      const writable = env.facts.worldWritableDirOf(path);
      if (writable !== null) {
        return `${who(row)} runs from ${dirName(path)}; ${writable} can be written by anyone`;
      }
      return null;
    },
  },
  {
    id: 'hidden-location',
    severity: 'notice',
    title: 'Runs from a hidden directory',
    explanation:
      'The executable (or a directory above it) has a name starting with a dot, which hides it ' +
      'from ls and file managers. Per-user tool directories such as ~/.local/bin, ~/.cargo or ' +
      '~/.nvm are not flagged.',
    platforms: ['linux', 'darwin'],
    knownKinds: ['process'],
    check: (row) => {
      const path = row.processPath;
      if (path === null || fileless(row)) return null;
      const segments = path.split('/');
      for (let i = 1; i < segments.length; i += 1) {
        const segment = segments[i] ?? '';
        if (!segment.startsWith('.') || segment === '.' || segment === '..') continue;
        const rest = `${segments.slice(i).join('/')}/`;
        if (CONVENTIONAL_HIDDEN_DIRS.some((dir) => rest.startsWith(dir))) return null;
        return i === segments.length - 1
          ? `${who(row)}'s executable ${path} is a hidden file`
          : `${who(row)} runs from the hidden directory ${segments.slice(0, i + 1).join('/')}`;
      }
      return null;
    },
  },
  {
    id: 'kernel-thread-name',
    severity: 'danger',
    title: 'Pretends to be a kernel thread',
    explanation:
      'The process has a kernel-thread name such as [kworker/0:1] or kthreadd, or a bracketed ' +
      'command line, yet runs an executable file. Kernel threads have no executable and never ' +
      'own sockets; malware picks these names to hide in process lists.',
    platforms: ['linux'],
    knownKinds: ['process'],
    check: (row) => {
      if (row.processPath === null) return null;
      if (row.processName !== null && KERNEL_THREAD_NAME.test(row.processName)) {
        return `${row.processName} looks like a kernel thread but runs ${row.processPath}`;
      }
      const command = row.commandLine?.trim() ?? '';
      if (/^\[[^\]]+\]$/.test(command)) {
        return `${who(row)} shows the kernel-thread-like command line ${command} but runs ${row.processPath}`;
      }
      return null;
    },
  },
  {
    id: 'daemon-name-unusual-path',
    severity: 'danger',
    title: 'System daemon name from an unusual place',
    explanation:
      'The process is named like a system daemon (sshd, systemd, cron, dbus-daemon …) but its ' +
      'executable is not that daemon in a system directory (/usr/sbin, /usr/bin, /usr/lib …). ' +
      'Attackers borrow these names so their process looks familiar.',
    platforms: ['linux'],
    knownKinds: ['process'],
    check: (row) => {
      const name = row.processName;
      const path = row.processPath;
      if (name === null || path === null || !DAEMON_COMMS.has(name)) return null;
      const file = baseName(path);
      const inSystemDir = SYSTEM_DIRS.some((dir) => path.startsWith(dir));
      const sameName = file.slice(0, COMM_LENGTH) === name || MULTICALL_BINARIES.has(file);
      if (inSystemDir && sameName) return null;
      return `${name} is a system daemon's name, but this process runs ${path}`;
    },
  },
  {
    id: 'hidden-owner',
    severity: 'warning',
    title: 'Socket with no visible owner',
    explanation:
      'Portscope runs with the rights to see every process, yet no process holds this socket. ' +
      'A rootkit hiding its process looks like this; so do sockets the kernel itself owns (NFS, ' +
      'WireGuard) and a process that exited a moment ago. Not flagged while Portscope cannot see ' +
      'every process (no "Show all processes…" agent, not root): ' +
      "then other users' sockets simply cannot be attributed. TIME_WAIT has no owner by design.",
    platforms: ['linux'],
    knownKinds: ['port'],
    check: (row, env) => {
      if (row.pid !== null || !env.facts.privileged) return null;
      // TIME_WAIT and orphaned closing sockets (inode 0) belong to no process by design.
      if (row.state === 'TIME_WAIT' || row.inode === null) return null;
      return `No process owns this socket (inode ${row.inode}) although every process is visible`;
    },
  },
  {
    id: 'backdoor-port',
    severity: 'warning',
    title: 'Port used by backdoors or C2',
    explanation:
      'A listener on, or a connection to, a port long associated with backdoors, bots and ' +
      'anonymity networks (Metasploit 4444, Back Orifice 31337, NetBus 12345, SubSeven 27374, ' +
      'IRC 6667, Tor 9001/9050 …). Legitimate software uses some of them: edit the list or mark ' +
      'the port as known.',
    platforms: ['linux', 'win32', 'darwin'],
    knownKinds: ['process', 'port', 'remoteAddress'],
    check: (row, env) => {
      if (isListener(row)) {
        return env.backdoorPorts.has(row.localPort)
          ? `Listens on port ${row.localPort}, a port associated with backdoors`
          : null;
      }
      // Only the remote port of a connected socket: the local one is usually an ephemeral port
      // the kernel picked (32768–60999 by default, net.ipv4.ip_local_port_range).
      if (row.remotePort !== null && env.backdoorPorts.has(row.remotePort)) {
        return `Connected to remote port ${row.remotePort}, a port associated with backdoors and C2`;
      }
      return null;
    },
  },
  {
    id: 'all-interfaces-listener',
    severity: 'notice',
    title: 'Listens on all interfaces',
    explanation:
      'A listener bound to every interface (0.0.0.0 or ::) is reachable from the network, not ' +
      'just from this machine, on a port outside your expected list. Often intended (a web ' +
      'server); add the port to the expected list or mark it as known.',
    platforms: ['linux', 'win32', 'darwin'],
    knownKinds: ['process', 'port'],
    check: (row, env) => {
      if (!isListener(row) || !ALL_INTERFACES.has(row.localAddress)) return null;
      if (env.expectedListenerPorts.has(row.localPort)) return null;
      return `Listens on all interfaces (${row.localAddress}) on port ${row.localPort}, reachable from the network`;
    },
  },
  {
    id: 'blocklisted-remote',
    severity: 'danger',
    title: 'Remote address in your blocklist',
    explanation:
      'The remote address is listed in your blocklist file (an address or a CIDR range). ' +
      'Knowing the process does not silence this; only marking the address as known does.',
    platforms: ['linux', 'win32', 'darwin'],
    knownKinds: ['remoteAddress'],
    check: (row, env) => {
      if (row.remoteAddress === null) return null;
      const entry = env.facts.blocklist.match(row.remoteAddress);
      if (!entry) return null;
      const how = entry.text === row.remoteAddress ? '' : ` (${entry.text})`;
      return `Remote address ${row.remoteAddress} is in your blocklist${how}, line ${entry.line}`;
    },
  },
  ...WINDOWS_RULES,
  ...DARWIN_RULES,
];
