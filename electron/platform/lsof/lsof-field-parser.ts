// lsof's field output (`-F … 0`), parsed. The format is the same on every Unix lsof runs on
// (lsof.8, OUTPUT FOR OTHER PROGRAMS; https://github.com/lsof-org/lsof/blob/master/Lsof.8):
// each field is one identifier character followed by its value and ended by NUL; a process set
// starts with `p` (pid) and carries c (command), u (uid), L (login name); each of its files is a
// file set starting with `f` (descriptor) and carrying t (type), d (device: the socket inode on
// Linux, a kernel address on macOS), P (protocol), n (name: "local->remote") and T (TCP info,
// "ST=LISTEN"). Each set ends with NL. Pure: no I/O, tested on captured and documented text.
import type { IpFamily, Protocol, TcpState } from '../../../shared/model';
import { parseColonEndpoint, type Endpoint } from './endpoint';
import { tcpStateFromName } from './tcp-state-names';

/** The fields Portscope asks for: `lsof -F pcuLftdPnT0` (order does not matter to lsof). */
export const LSOF_FIELDS = 'pcuLftdPnT0';

export interface LsofProcess {
  pid: number;
  /** Command name as the kernel keeps it (Linux comm: 15 bytes; macOS pbi_name: up to 32). */
  command: string | null;
  uid: number | null;
  login: string | null;
}

export interface LsofSocket {
  pid: number;
  fd: string;
  protocol: Protocol;
  /** The socket's family (lsof's type IPv4/IPv6), even when lsof prints its addresses as IPv4. */
  family: IpFamily;
  local: Endpoint;
  /** null for listeners and unconnected UDP sockets. */
  remote: Endpoint | null;
  /** null for UDP, and for a TCP state name no kernel we know prints. */
  state: TcpState | null;
  /** The socket inode (Linux lsof prints it as the device); null where lsof gives an address. */
  inode: number | null;
}

export interface LsofSocketList {
  sockets: LsofSocket[];
  processes: Map<number, LsofProcess>;
  /** Pids whose files lsof could not read ("… (readlink: Permission denied)"). */
  deniedPids: Set<number>;
  /** File sets of TCP/UDP sockets that could not be read: skipped and counted, never fatal. */
  malformedRecords: number;
}

/**
 * One set's fields that Portscope reads (a repeated identifier keeps its first value). Fields of
 * other identifiers are passed over without being copied.
 */
export interface FieldSet {
  p?: string;
  c?: string;
  u?: string;
  L?: string;
  f?: string;
  t?: string;
  d?: string;
  P?: string;
  n?: string;
  /** From the T field "ST=<state>". */
  tcpState?: string;
}

type KnownId = Exclude<keyof FieldSet, 'tcpState'>;
const KNOWN_IDS: ReadonlySet<string> = new Set<KnownId>([
  'p',
  'c',
  'u',
  'L',
  'f',
  't',
  'd',
  'P',
  'n',
]);

const NL = 10;

/**
 * Visit the sets of `-F …0` text in order. After a field's NUL, a NL ends the set; a set also
 * ends where the next `p` or `f` field begins. Text without any NUL is read as NL-terminated
 * fields (lsof -F without 0), one field per line. One pass, no copy of fields it does not read:
 * at 10,000 sockets this is most of the parse.
 */
export function forEachFieldSet(text: string, visit: (set: FieldSet) => void): void {
  const nulTerminated = text.includes('\0');
  const terminator = nulTerminated ? '\0' : '\n';
  let current: FieldSet | null = null;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf(terminator, start);
    if (end === -1) end = text.length;
    const fieldStart = start;
    start = end + 1;
    // The NL lsof writes after the last field of each set (field identifiers are never NL).
    const endsSet = nulTerminated && text.charCodeAt(start) === NL;
    if (endsSet) start += 1;
    if (end > fieldStart) {
      const id = text[fieldStart]!;
      if ((id === 'p' || id === 'f') && current) {
        visit(current);
        current = null;
      }
      current ??= {};
      if (KNOWN_IDS.has(id)) {
        if (current[id as KnownId] === undefined) {
          current[id as KnownId] = text.slice(fieldStart + 1, end);
        }
      } else if (
        id === 'T' &&
        current.tcpState === undefined &&
        text.startsWith('ST=', fieldStart + 1)
      ) {
        current.tcpState = text.slice(fieldStart + 4, end);
      }
    }
    if (endsSet && current) {
      visit(current);
      current = null;
    }
  }
  if (current) visit(current);
}

/** Every set, in order (for tests and small outputs). */
export function fieldSets(text: string): FieldSet[] {
  const sets: FieldSet[] = [];
  forEachFieldSet(text, (set) => sets.push(set));
  return sets;
}

function numberField(value: string | undefined): number | null {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

const FAMILY_BY_TYPE: ReadonlyMap<string, IpFamily> = new Map([
  ['IPv4', 4],
  ['IPv6', 6],
]);
const PROTOCOL_BY_NAME: ReadonlyMap<string, Protocol> = new Map([
  ['TCP', 'tcp'],
  ['UDP', 'udp'],
]);
/** lsof's note, in place of a name, that the OS refused to show a file. */
const DENIED_NAME = /\((?:readlink|opendir|stat|lstat|open): Permission denied\)$/;
/** lsof's note, in place of a name, that it could not read the file at all (refused, gone …). */
const UNREADABLE_NAME = /\((?:readlink|opendir|stat|lstat|open): [^)]*\)$/;

/**
 * A file set's name "local" or "local->remote" as endpoints, or undefined when it is not one.
 *   socketName("127.0.0.1:57579->127.0.0.1:53638")
 *     -> { local: { address: "127.0.0.1", port: 57579 }, remote: { address: "127.0.0.1", port: 53638 } }
 *   socketName("*:5353") -> { local: { address: null, port: 5353 }, remote: null }
 */
export function socketName(name: string): { local: Endpoint; remote: Endpoint | null } | undefined {
  const arrow = name.indexOf('->');
  const local = parseColonEndpoint(arrow === -1 ? name : name.slice(0, arrow));
  if (!local) return undefined;
  if (arrow === -1) return { local, remote: null };
  const remote = parseColonEndpoint(name.slice(arrow + 2));
  if (!remote) return undefined;
  // "*:*" as the peer means no peer.
  return { local, remote: remote.address === null && remote.port === null ? null : remote };
}

/**
 * Every TCP and UDP socket in lsof's field output, with the processes that hold them.
 * Files that are not TCP/UDP sockets are passed over (they are there when other selections were
 * ORed in, e.g. `-d cwd`), except that a file lsof was refused marks its process as denied.
 */
export function parseLsofSockets(text: string): LsofSocketList {
  const sockets: LsofSocket[] = [];
  const processes = new Map<number, LsofProcess>();
  const deniedPids = new Set<number>();
  let malformedRecords = 0;
  let process: LsofProcess | null = null;
  forEachFieldSet(text, (set) => {
    if (set.p !== undefined) {
      const pid = numberField(set.p);
      process =
        pid === null
          ? null
          : { pid, command: set.c ?? null, uid: numberField(set.u), login: set.L ?? null };
      if (process) processes.set(process.pid, process);
      else malformedRecords += 1;
      return;
    }
    if (set.f === undefined) return;
    const family = FAMILY_BY_TYPE.get(set.t ?? '');
    const protocol = PROTOCOL_BY_NAME.get(set.P ?? '');
    if (family === undefined || protocol === undefined) {
      if (process && DENIED_NAME.test(set.n ?? '')) deniedPids.add(process.pid);
      return;
    }
    // A socket never bound or connected has no address, so lsof prints no name: nothing to list
    // (the kernel's tables do not hold it either).
    if (process && (set.n === undefined || set.n === '')) return;
    const name = socketName(set.n ?? '');
    if (!process || !name) {
      malformedRecords += 1;
      return;
    }
    sockets.push({
      pid: process.pid,
      fd: set.f,
      protocol,
      family,
      local: name.local,
      remote: name.remote,
      state: protocol === 'tcp' ? (tcpStateFromName(set.tcpState ?? '') ?? null) : null,
      inode: numberField(set.d),
    });
  });
  return { sockets, processes, deniedPids, malformedRecords };
}

export interface LsofExecutable {
  /** null when lsof could not read it (another user's process, a guarded one). */
  path: string | null;
  /** The file was deleted or replaced while the process runs (Linux prints " (deleted)"). */
  deleted: boolean;
}

const DELETED_SUFFIX = ' (deleted)';

/**
 * Each process's executable from `lsof -a -d txt -p …` field output: the first `txt` file of a
 * process. On Linux that is its only one (/proc/PID/exe); on macOS lsof lists the mapped files
 * by address (dialects/darwin/libproc/dproc.c process_text) and the program comes first, before
 * dyld and the shared cache, which are mapped above it.
 */
export function parseLsofExecutables(text: string): Map<number, LsofExecutable> {
  const executables = new Map<number, LsofExecutable>();
  let pid: number | null = null;
  forEachFieldSet(text, (set) => {
    if (set.p !== undefined) {
      pid = numberField(set.p);
      return;
    }
    if (pid === null || set.f !== 'txt' || executables.has(pid)) return;
    const name = set.n ?? '';
    if (!name.startsWith('/') || UNREADABLE_NAME.test(name)) {
      executables.set(pid, { path: null, deleted: false });
    } else if (name.endsWith(DELETED_SUFFIX)) {
      executables.set(pid, { path: name.slice(0, -DELETED_SUFFIX.length), deleted: true });
    } else {
      executables.set(pid, { path: name, deleted: false });
    }
  });
  return executables;
}
