// Process details on Windows, as TCPView shows them: the name and parent of every process from a
// Toolhelp snapshot (always readable), then, per socket owner, the path
// (QueryFullProcessImageNameW), command line (NtQueryInformationProcess), user (its token), start
// time (GetProcessTimes), the services it hosts and its executable's version resource. What
// cannot be read is named in ProcessInfo.note with the reason, so a row never just goes blank.
//
// Details are cached per pid and creation time: Windows reuses pids, and the creation time is
// what tells the new process from the old. Version resources are cached per path.
import { NO_PROCESS_EXTRAS, type ProcessInfo } from '../../../shared/model';
import { VERSION_UNREADABLE_NOTE } from '../../../shared/rules/windows-rules';
import {
  PARAMETERS_COMMAND_LINE_OFFSET,
  PEB_PROCESS_PARAMETERS_OFFSET,
  PROCESS_BASIC_INFORMATION_SIZE,
  accountName,
  decodeRemoteUnicodeString,
  decodeUnicodeStringInBuffer,
  filetimeToEpochMs,
  pebAddressOf,
  type ProcessEntry,
} from './process-decoders';
import { NO_VERSION_INFO, decodeVersionInfo, type VersionInfo } from './version-info';
import {
  PROCESS_BASIC_INFORMATION_CLASS,
  PROCESS_COMMAND_LINE_INFORMATION_CLASS,
  PROCESS_QUERY_INFORMATION,
  PROCESS_QUERY_LIMITED_INFORMATION,
  PROCESS_VM_READ,
  type Win32Api,
  type Win32Result,
} from './win32-api';
import {
  ADMIN_ADVICE,
  ERROR_INVALID_PARAMETER,
  STATUS_INVALID_INFO_CLASS,
  STATUS_NOT_IMPLEMENTED,
  describeWin32Error,
  isDeniedCode,
  isNoVersionResourceCode,
} from './win32-errors';

/** The calls this module makes: the real Win32Api, or a stand-in in unit tests of the notes. */
export type ProcessApi = Pick<
  Win32Api,
  | 'processEntries'
  | 'openProcess'
  | 'closeHandle'
  | 'imagePath'
  | 'creationTime'
  | 'queryProcess'
  | 'readMemory'
  | 'processUser'
  | 'servicesByPid'
  | 'versionBlock'
>;

/** TCPView's names for the two pseudo-processes that own kernel sockets. */
export const IDLE_PID = 0;
export const SYSTEM_PID = 4;
export const IDLE_PROCESS_NAME = 'System Idle Process';
export const SYSTEM_PROCESS_NAME = 'System';

const IDLE_NOTE =
  'Not a program: Windows lists sockets that no process owns any more (TIME_WAIT) under the idle process.';
const SYSTEM_NOTE =
  'The Windows kernel (drivers such as SMB, HTTP.sys, NetBIOS): it has no executable file or command line.';

const SERVICES_REFRESH_MS = 5000;
const VERSION_CACHE_LIMIT = 2048;

/** What one process's details came to, before they are cached. */
interface Details {
  startTime: number | null;
  path: string | null;
  commandLine: string | null;
  user: string | null;
  problems: string[];
}

/** "command line hidden (access denied): run Portscope as administrator" and the like. */
function hidden(what: string, code: number, elevated: boolean): string {
  if (isDeniedCode(code)) {
    return elevated
      ? `${what} hidden: Windows protects this process even from administrators`
      : `${what} hidden: ${ADMIN_ADVICE}`;
  }
  return `${what} unreadable (${describeWin32Error(code)})`;
}

function status(code: number): string {
  return `NTSTATUS 0x${(code >>> 0).toString(16).padStart(8, '0')}`;
}

export class ProcessReader {
  private entries = new Map<number, ProcessEntry>();
  private readonly details = new Map<number, { key: string; details: Details }>();
  private readonly versions = new Map<string, { info: VersionInfo; problem: string | null }>();
  private services = new Map<number, string[]>();
  private servicesAt = -Infinity;
  private servicesProblem: string | null = null;

  constructor(
    private readonly api: ProcessApi,
    private readonly options: { elevated: boolean; now?: () => number },
  ) {}

  /** Take a new Toolhelp snapshot (once per poll). Throws nothing: a failure leaves it empty. */
  refreshSnapshot(): string | null {
    const entries = this.api.processEntries();
    if (!entries.ok) {
      this.entries = new Map();
      return `The process list could not be read (${describeWin32Error(entries.code)}): sockets show without process names.`;
    }
    this.entries = new Map(entries.value.map((entry) => [entry.pid, entry]));
    const now = (this.options.now ?? Date.now)();
    if (now - this.servicesAt >= SERVICES_REFRESH_MS) {
      this.servicesAt = now;
      const services = this.api.servicesByPid();
      if (services.ok) {
        this.services = services.value;
        this.servicesProblem = null;
      } else {
        this.services = new Map();
        this.servicesProblem = `The services list could not be read (${describeWin32Error(services.code)}): the Services column stays empty.`;
      }
    }
    return this.servicesProblem;
  }

  /** True when the last snapshot lists `pid`. */
  has(pid: number): boolean {
    return this.entries.has(pid);
  }

  /** Details of `pid` as of the last snapshot; null when the snapshot does not list it. */
  get(pid: number): ProcessInfo | null {
    if (pid === IDLE_PID) return this.pseudoProcess(pid, IDLE_PROCESS_NAME, IDLE_NOTE);
    const entry = this.entries.get(pid);
    if (!entry) return null;
    if (pid === SYSTEM_PID) return this.pseudoProcess(pid, SYSTEM_PROCESS_NAME, SYSTEM_NOTE);
    const details = this.detailsOf(entry);
    const version = details.path === null ? null : this.versionOf(details.path);
    const problems = [...details.problems];
    if (version?.problem) problems.push(version.problem);
    const services = this.services.get(pid);
    const info = version?.info ?? NO_VERSION_INFO;
    return {
      pid,
      name: entry.name,
      path: details.path,
      pathDeleted: false,
      commandLine: details.commandLine,
      user: details.user,
      uid: null,
      parentPid: entry.parentPid === 0 ? null : entry.parentPid,
      startTime: details.startTime,
      services: services ? services.join(', ') : null,
      company: info.company,
      productName: info.productName,
      fileDescription: info.fileDescription,
      fileVersion: info.fileVersion,
      note: problems.length > 0 ? `${capitalize(problems.join('; '))}.` : null,
    };
  }

  /** Drop cached details of pids that own no socket any more. */
  retainOnly(pids: ReadonlySet<number>): void {
    for (const pid of this.details.keys()) if (!pids.has(pid)) this.details.delete(pid);
  }

  private pseudoProcess(pid: number, name: string, note: string): ProcessInfo {
    return {
      pid,
      name,
      path: null,
      pathDeleted: false,
      commandLine: null,
      user: pid === SYSTEM_PID ? 'NT AUTHORITY\\SYSTEM' : null,
      uid: null,
      parentPid: null,
      startTime: null,
      ...NO_PROCESS_EXTRAS,
      note,
    };
  }

  private detailsOf(entry: ProcessEntry): Details {
    const opened = this.api.openProcess(entry.pid, PROCESS_QUERY_LIMITED_INFORMATION);
    if (!opened.ok) {
      // Cached by what the snapshot says, since the creation time cannot be read.
      const key = `${entry.name}|${entry.parentPid}|denied`;
      const cached = this.details.get(entry.pid);
      if (cached?.key === key) return cached.details;
      const details: Details = {
        startTime: null,
        path: null,
        commandLine: null,
        user: null,
        problems:
          opened.code === ERROR_INVALID_PARAMETER
            ? ['it exited while Portscope read it']
            : [
                hidden(
                  'path, command line, user and start time',
                  opened.code,
                  this.options.elevated,
                ),
              ],
      };
      this.details.set(entry.pid, { key, details });
      return details;
    }
    try {
      const created = this.api.creationTime(opened.value);
      const startTime = created.ok ? filetimeToEpochMs(created.value) : null;
      const key = `${entry.name}|${created.ok ? created.value : 'unknown'}`;
      const cached = this.details.get(entry.pid);
      if (cached?.key === key && created.ok) return cached.details;
      const problems: string[] = [];
      if (!created.ok) problems.push(hidden('start time', created.code, this.options.elevated));
      const path = this.api.imagePath(opened.value);
      if (!path.ok) problems.push(hidden('path', path.code, this.options.elevated));
      const commandLine = this.commandLine(entry.pid, opened.value);
      if (!commandLine.ok) {
        problems.push(
          commandLine.code > 0xffff
            ? `command line unreadable (${status(commandLine.code)})`
            : hidden('command line', commandLine.code, this.options.elevated),
        );
      }
      const user = this.api.processUser(opened.value);
      if (!user.ok) problems.push(hidden('user', user.code, this.options.elevated));
      const details: Details = {
        startTime,
        path: path.ok ? path.value : null,
        commandLine: commandLine.ok ? commandLine.value : null,
        user: user.ok ? accountName(user.value.domain, user.value.user) : null,
        problems,
      };
      this.details.set(entry.pid, { key, details });
      return details;
    } finally {
      this.api.closeHandle(opened.value);
    }
  }

  /**
   * The command line: ProcessCommandLineInformation (Windows 8.1 and later); where that class
   * does not exist (older Windows, Wine 8), read from the process's PEB as tools did before it.
   */
  private commandLine(pid: number, limited: number): Win32Result<string> {
    const direct = this.api.queryProcess(limited, PROCESS_COMMAND_LINE_INFORMATION_CLASS, 1024);
    if (direct.ok) {
      const text = decodeUnicodeStringInBuffer(direct.value.bytes, direct.value.address);
      return text === null ? { ok: false, code: 0xc000000d } : { ok: true, value: text };
    }
    if (direct.code !== STATUS_INVALID_INFO_CLASS && direct.code !== STATUS_NOT_IMPLEMENTED) {
      return direct;
    }
    return this.commandLineFromPeb(pid);
  }

  private commandLineFromPeb(pid: number): Win32Result<string> {
    const opened = this.api.openProcess(pid, PROCESS_QUERY_INFORMATION | PROCESS_VM_READ);
    if (!opened.ok) return opened;
    try {
      const basic = this.api.queryProcess(
        opened.value,
        PROCESS_BASIC_INFORMATION_CLASS,
        PROCESS_BASIC_INFORMATION_SIZE,
      );
      if (!basic.ok) return basic;
      const peb = pebAddressOf(basic.value.bytes);
      const pointer = this.api.readMemory(
        opened.value,
        peb + BigInt(PEB_PROCESS_PARAMETERS_OFFSET),
        8,
      );
      if (!pointer.ok) return pointer;
      const parameters = pointer.value.readBigUInt64LE(0);
      const header = this.api.readMemory(
        opened.value,
        parameters + BigInt(PARAMETERS_COMMAND_LINE_OFFSET),
        16,
      );
      if (!header.ok) return header;
      const text = decodeRemoteUnicodeString(header.value);
      if (text.lengthBytes === 0) return { ok: true, value: '' };
      const bytes = this.api.readMemory(opened.value, text.address, text.lengthBytes);
      if (!bytes.ok) return bytes;
      return { ok: true, value: bytes.value.toString('utf16le') };
    } finally {
      this.api.closeHandle(opened.value);
    }
  }

  private versionOf(path: string): { info: VersionInfo; problem: string | null } {
    let version = this.versions.get(path);
    if (version === undefined) {
      const block = this.api.versionBlock(path);
      if (block.ok) {
        const info = decodeVersionInfo(block.value);
        version = info
          ? { info, problem: null }
          : { info: NO_VERSION_INFO, problem: `${VERSION_UNREADABLE_NOTE} (not a version block)` };
      } else if (isNoVersionResourceCode(block.code)) {
        // The file has no version resource at all: CurrPorts' "no version information".
        version = { info: NO_VERSION_INFO, problem: null };
      } else {
        version = {
          info: NO_VERSION_INFO,
          problem: `${VERSION_UNREADABLE_NOTE} (${describeWin32Error(block.code)})`,
        };
      }
      if (this.versions.size >= VERSION_CACHE_LIMIT) this.versions.clear();
      this.versions.set(path, version);
    }
    return version;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
