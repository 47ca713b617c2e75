// The thin koffi layer: the Win32 functions the Windows backend calls, declared once, each
// wrapped so that it returns bytes, numbers or a Win32 error code and never throws for an OS
// failure. No decoding here (ip-tables.ts, process-decoders.ts, version-info.ts, estats.ts do
// that on plain buffers, tested on byte fixtures) and no policy (process-reader.ts, index.ts).
//
// koffi is loaded on first use, not at import: the Linux app and CLI import the platform index
// but never this backend, and a cold `list` should not pay for an FFI it does not use.
// Handles are declared intptr_t (plain numbers); buffers are Node Buffers that koffi passes in
// place, so structs that hold pointers into the same buffer are decoded with koffi.address().
// koffi preserves GetLastError() across the JS between two calls (its CHANGELOG, 2.x).
import { createRequire } from 'node:module';
import type * as KoffiModule from 'koffi';
import { NotSupported } from '../errors';
import {
  ENUM_SERVICE_STATUS_PROCESSW_SIZE,
  PROCESSENTRY32W_SIZE,
  decodeProcessEntry,
  decodeServiceProcesses,
  type ProcessEntry,
} from './process-decoders';
import { ERROR_MORE_DATA, ERROR_SUCCESS, STATUS_SUCCESS } from './win32-errors';

type Koffi = typeof KoffiModule;

export type Win32Result<T> = { ok: true; value: T } | { ok: false; code: number };

const ok = <T>(value: T): Win32Result<T> => ({ ok: true, value });
const fail = <T>(code: number): Win32Result<T> => ({ ok: false, code });

// winsock2.h / iprtrmib.h / tlhelp32.h / winnt.h values.
export const AF_INET = 2;
export const AF_INET6 = 23;
const TCP_TABLE_OWNER_PID_ALL = 5;
const UDP_TABLE_OWNER_PID = 1;
const TH32CS_SNAPPROCESS = 0x2;
const INVALID_HANDLE_VALUE = -1;
export const PROCESS_TERMINATE = 0x0001;
export const PROCESS_VM_READ = 0x0010;
export const PROCESS_QUERY_INFORMATION = 0x0400;
export const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
const TOKEN_QUERY = 0x0008;
const TOKEN_ADJUST_PRIVILEGES = 0x0020;
const TOKEN_USER = 1;
const TOKEN_ELEVATION = 20;
const SE_PRIVILEGE_ENABLED = 0x2;
const SC_MANAGER_ENUMERATE_SERVICE = 0x0004;
const SC_ENUM_PROCESS_INFO = 0;
const SERVICE_WIN32 = 0x30;
const SERVICE_ACTIVE = 0x1;
/** PROCESSINFOCLASS values (winternl.h; 60 from Windows 8.1 on). */
export const PROCESS_BASIC_INFORMATION_CLASS = 0;
export const PROCESS_COMMAND_LINE_INFORMATION_CLASS = 60;

type Fn<A extends unknown[], R> = (...args: A) => R;

interface Functions {
  GetLastError: Fn<[], number>;
  OpenProcess: Fn<[number, number, number], number>;
  CloseHandle: Fn<[number], number>;
  CreateToolhelp32Snapshot: Fn<[number, number], number>;
  Process32FirstW: Fn<[number, Buffer], number>;
  Process32NextW: Fn<[number, Buffer], number>;
  QueryFullProcessImageNameW: Fn<[number, number, Buffer, [number]], number>;
  GetProcessTimes: Fn<[number, [bigint], [bigint], [bigint], [bigint]], number>;
  ReadProcessMemory: Fn<[number, bigint, Buffer, number, [number]], number>;
  TerminateProcess: Fn<[number, number], number>;
  GetCurrentProcess: Fn<[], number>;
  NtQueryInformationProcess: Fn<[number, number, Buffer, number, [number]], number>;
  OpenProcessToken: Fn<[number, number, [number]], number>;
  GetTokenInformation: Fn<[number, number, Buffer, number, [number]], number>;
  LookupAccountSidW: Fn<[null, bigint, Buffer, [number], Buffer, [number], [number]], number>;
  LookupPrivilegeValueW: Fn<[null, string, Buffer], number>;
  AdjustTokenPrivileges: Fn<[number, number, Buffer, number, null, null], number>;
  OpenSCManagerW: Fn<[null, null, number], number>;
  CloseServiceHandle: Fn<[number], number>;
  EnumServicesStatusExW: Fn<
    [number, number, number, number, Buffer | null, number, [number], [number], [number], null],
    number
  >;
  GetFileVersionInfoSizeW: Fn<[string, [number]], number>;
  GetFileVersionInfoW: Fn<[string, number, number, Buffer], number>;
  GetExtendedTcpTable: Fn<[Buffer, [number], number, number, number, number], number>;
  GetExtendedUdpTable: Fn<[Buffer, [number], number, number, number, number], number>;
  SetTcpEntry: Fn<[Buffer], number>;
}

/** EStats functions: absent from some Windows builds and from Wine 8 (null then). */
interface EstatsFunctions {
  get4: Fn<
    [Buffer, number, null, number, number, null, number, number, Buffer, number, number],
    number
  > | null;
  get6: EstatsFunctions['get4'];
  set4: Fn<[Buffer, number, Buffer, number, number, number], number> | null;
  set6: EstatsFunctions['set4'];
}

function declare<T>(lib: ReturnType<Koffi['load']>, definition: string): T {
  return lib.func(definition) as unknown as T;
}

function declareOptional<T>(lib: ReturnType<Koffi['load']>, definition: string): T | null {
  try {
    return declare<T>(lib, definition);
  } catch {
    return null;
  }
}

/** The Win32 calls, ready to use. Create with loadWin32Api() (Windows only). */
export class Win32Api {
  /** Wine's version ("8.0") when this "Windows" is Wine, else null. */
  readonly wineVersion: string | null;
  private readonly estats: EstatsFunctions;

  private constructor(
    private readonly koffi: Koffi,
    private readonly f: Functions,
    estats: EstatsFunctions,
    wineVersion: string | null,
  ) {
    this.estats = estats;
    this.wineVersion = wineVersion;
  }

  static load(): Win32Api {
    const koffi = createRequire(import.meta.url)('koffi') as Koffi;
    const kernel32 = koffi.load('kernel32.dll');
    const ntdll = koffi.load('ntdll.dll');
    const advapi32 = koffi.load('advapi32.dll');
    const version = koffi.load('version.dll');
    const iphlpapi = koffi.load('iphlpapi.dll');
    const k = <T>(definition: string) => declare<T>(kernel32, definition);
    const a = <T>(definition: string) => declare<T>(advapi32, definition);
    const f: Functions = {
      GetLastError: k('uint32_t __stdcall GetLastError()'),
      OpenProcess: k('intptr_t __stdcall OpenProcess(uint32_t access, int inherit, uint32_t pid)'),
      CloseHandle: k('int __stdcall CloseHandle(intptr_t handle)'),
      CreateToolhelp32Snapshot: k(
        'intptr_t __stdcall CreateToolhelp32Snapshot(uint32_t flags, uint32_t pid)',
      ),
      Process32FirstW: k('int __stdcall Process32FirstW(intptr_t snapshot, uint8_t *entry)'),
      Process32NextW: k('int __stdcall Process32NextW(intptr_t snapshot, uint8_t *entry)'),
      QueryFullProcessImageNameW: k(
        'int __stdcall QueryFullProcessImageNameW(intptr_t process, uint32_t flags, ' +
          'uint8_t *name, _Inout_ uint32_t *size)',
      ),
      GetProcessTimes: k(
        'int __stdcall GetProcessTimes(intptr_t process, _Out_ uint64_t *creation, ' +
          '_Out_ uint64_t *exit, _Out_ uint64_t *kernel, _Out_ uint64_t *user)',
      ),
      ReadProcessMemory: k(
        'int __stdcall ReadProcessMemory(intptr_t process, uint64_t address, uint8_t *buffer, ' +
          'size_t size, _Out_ size_t *read)',
      ),
      TerminateProcess: k('int __stdcall TerminateProcess(intptr_t process, uint32_t exitCode)'),
      GetCurrentProcess: k('intptr_t __stdcall GetCurrentProcess()'),
      NtQueryInformationProcess: declare(
        ntdll,
        'int32_t __stdcall NtQueryInformationProcess(intptr_t process, int infoClass, ' +
          'uint8_t *info, uint32_t length, _Out_ uint32_t *returned)',
      ),
      OpenProcessToken: a(
        'int __stdcall OpenProcessToken(intptr_t process, uint32_t access, _Out_ intptr_t *token)',
      ),
      GetTokenInformation: a(
        'int __stdcall GetTokenInformation(intptr_t token, int infoClass, uint8_t *info, ' +
          'uint32_t length, _Out_ uint32_t *returned)',
      ),
      LookupAccountSidW: a(
        'int __stdcall LookupAccountSidW(const char16_t *system, uint64_t sid, uint8_t *name, ' +
          '_Inout_ uint32_t *nameLength, uint8_t *domain, _Inout_ uint32_t *domainLength, ' +
          '_Out_ int *use)',
      ),
      LookupPrivilegeValueW: a(
        'int __stdcall LookupPrivilegeValueW(const char16_t *system, const char16_t *name, ' +
          'uint8_t *luid)',
      ),
      AdjustTokenPrivileges: a(
        'int __stdcall AdjustTokenPrivileges(intptr_t token, int disableAll, uint8_t *state, ' +
          'uint32_t length, void *previous, void *returned)',
      ),
      OpenSCManagerW: a(
        'intptr_t __stdcall OpenSCManagerW(const char16_t *machine, const char16_t *database, ' +
          'uint32_t access)',
      ),
      CloseServiceHandle: a('int __stdcall CloseServiceHandle(intptr_t manager)'),
      EnumServicesStatusExW: a(
        'int __stdcall EnumServicesStatusExW(intptr_t manager, int level, uint32_t type, ' +
          'uint32_t state, uint8_t *services, uint32_t size, _Out_ uint32_t *needed, ' +
          '_Out_ uint32_t *returned, _Inout_ uint32_t *resume, const char16_t *group)',
      ),
      GetFileVersionInfoSizeW: declare(
        version,
        'uint32_t __stdcall GetFileVersionInfoSizeW(const char16_t *file, _Out_ uint32_t *handle)',
      ),
      GetFileVersionInfoW: declare(
        version,
        'int __stdcall GetFileVersionInfoW(const char16_t *file, uint32_t handle, ' +
          'uint32_t length, uint8_t *data)',
      ),
      GetExtendedTcpTable: declare(
        iphlpapi,
        'uint32_t __stdcall GetExtendedTcpTable(uint8_t *table, _Inout_ uint32_t *size, ' +
          'int order, uint32_t family, int tableClass, uint32_t reserved)',
      ),
      GetExtendedUdpTable: declare(
        iphlpapi,
        'uint32_t __stdcall GetExtendedUdpTable(uint8_t *table, _Inout_ uint32_t *size, ' +
          'int order, uint32_t family, int tableClass, uint32_t reserved)',
      ),
      SetTcpEntry: declare(iphlpapi, 'uint32_t __stdcall SetTcpEntry(uint8_t *row)'),
    };
    const estatsGet = (name: string) =>
      declareOptional<EstatsFunctions['get4']>(
        iphlpapi,
        `uint32_t __stdcall ${name}(uint8_t *row, int type, void *rw, uint32_t rwVersion, ` +
          'uint32_t rwSize, void *ros, uint32_t rosVersion, uint32_t rosSize, uint8_t *rod, ' +
          'uint32_t rodVersion, uint32_t rodSize)',
      );
    const estatsSet = (name: string) =>
      declareOptional<EstatsFunctions['set4']>(
        iphlpapi,
        `uint32_t __stdcall ${name}(uint8_t *row, int type, uint8_t *rw, uint32_t rwVersion, ` +
          'uint32_t rwSize, uint32_t offset)',
      );
    const estats: EstatsFunctions = {
      get4: estatsGet('GetPerTcpConnectionEStats'),
      get6: estatsGet('GetPerTcp6ConnectionEStats'),
      set4: estatsSet('SetPerTcpConnectionEStats'),
      set6: estatsSet('SetPerTcp6ConnectionEStats'),
    };
    // Wine exports wine_get_version from its ntdll; Windows does not.
    const wineGetVersion = declareOptional<Fn<[], string>>(ntdll, 'const char *wine_get_version()');
    return new Win32Api(koffi, f, estats, wineGetVersion ? wineGetVersion() : null);
  }

  private lastError(): number {
    return this.f.GetLastError();
  }

  // ── socket tables ─────────────────────────────────────────────────────────────────────────

  /** GetExtendedTcpTable(TCP_TABLE_OWNER_PID_ALL) for AF_INET or AF_INET6: its return code. */
  tcpTable(buffer: Buffer, size: [number], family: 4 | 6): number {
    const af = family === 4 ? AF_INET : AF_INET6;
    return this.f.GetExtendedTcpTable(buffer, size, 0, af, TCP_TABLE_OWNER_PID_ALL, 0);
  }

  /** GetExtendedUdpTable(UDP_TABLE_OWNER_PID) for AF_INET or AF_INET6: its return code. */
  udpTable(buffer: Buffer, size: [number], family: 4 | 6): number {
    const af = family === 4 ? AF_INET : AF_INET6;
    return this.f.GetExtendedUdpTable(buffer, size, 0, af, UDP_TABLE_OWNER_PID, 0);
  }

  /** SetTcpEntry with an encoded MIB_TCPROW: its return code. */
  setTcpEntry(row: Buffer): number {
    return this.f.SetTcpEntry(row);
  }

  /** True when this Windows has the TCP EStats functions for `family`. */
  hasEstats(family: 4 | 6): boolean {
    return family === 4
      ? this.estats.get4 !== null && this.estats.set4 !== null
      : this.estats.get6 !== null && this.estats.set6 !== null;
  }

  /** SetPer*ConnectionEStats(TcpConnectionEstatsData, rw): its return code (50: unavailable). */
  setEstats(family: 4 | 6, row: Buffer, type: number, rw: Buffer): number {
    const set = family === 4 ? this.estats.set4 : this.estats.set6;
    if (set === null) return 50;
    return set(row, type, rw, 0, rw.length, 0);
  }

  /** GetPer*ConnectionEStats(type) into `rod` (read-only dynamic data): its return code. */
  getEstats(family: 4 | 6, row: Buffer, type: number, rod: Buffer): number {
    const get = family === 4 ? this.estats.get4 : this.estats.get6;
    if (get === null) return 50;
    return get(row, type, null, 0, 0, null, 0, 0, rod, 0, rod.length);
  }

  // ── processes ─────────────────────────────────────────────────────────────────────────────

  /** Every process: pid, parent and executable name (a Toolhelp snapshot). */
  processEntries(): Win32Result<ProcessEntry[]> {
    const snapshot = this.f.CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    if (snapshot === INVALID_HANDLE_VALUE || snapshot === 0) return fail(this.lastError());
    try {
      const entry = Buffer.alloc(PROCESSENTRY32W_SIZE);
      entry.writeUInt32LE(PROCESSENTRY32W_SIZE, 0);
      const entries: ProcessEntry[] = [];
      let more = this.f.Process32FirstW(snapshot, entry);
      while (more) {
        entries.push(decodeProcessEntry(entry));
        more = this.f.Process32NextW(snapshot, entry);
      }
      return ok(entries);
    } finally {
      this.f.CloseHandle(snapshot);
    }
  }

  /** OpenProcess: a handle (close it with closeHandle) or the error (5 denied, 87 no such). */
  openProcess(pid: number, access: number): Win32Result<number> {
    const handle = this.f.OpenProcess(access, 0, pid);
    return handle === 0 ? fail(this.lastError()) : ok(handle);
  }

  closeHandle(handle: number): void {
    this.f.CloseHandle(handle);
  }

  /** The executable's full Win32 path (QueryFullProcessImageNameW, flags 0). */
  imagePath(process: number): Win32Result<string> {
    const chars = 32768;
    const buffer = Buffer.alloc(chars * 2);
    const size: [number] = [chars];
    if (!this.f.QueryFullProcessImageNameW(process, 0, buffer, size)) {
      return fail(this.lastError());
    }
    return ok(buffer.toString('utf16le', 0, size[0] * 2));
  }

  /** The process's creation time as a FILETIME (GetProcessTimes). */
  creationTime(process: number): Win32Result<bigint> {
    const creation: [bigint] = [0n];
    const unused: [[bigint], [bigint], [bigint]] = [[0n], [0n], [0n]];
    if (!this.f.GetProcessTimes(process, creation, ...unused)) return fail(this.lastError());
    return ok(BigInt(creation[0]));
  }

  /**
   * NtQueryInformationProcess into a buffer that grows while the call says it is too small.
   * The value is the buffer and its address (for structs that point into it); the error is the
   * NTSTATUS (unsigned).
   */
  queryProcess(
    process: number,
    infoClass: number,
    initialBytes: number,
  ): Win32Result<{ bytes: Buffer; address: bigint }> {
    let bytes = Buffer.alloc(initialBytes);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const returned: [number] = [0];
      const status =
        this.f.NtQueryInformationProcess(process, infoClass, bytes, bytes.length, returned) >>> 0;
      if (status === STATUS_SUCCESS) return ok({ bytes, address: this.koffi.address(bytes) });
      // STATUS_INFO_LENGTH_MISMATCH / STATUS_BUFFER_TOO_SMALL / STATUS_BUFFER_OVERFLOW say how
      // much is needed in *returned.
      if (returned[0] <= bytes.length) return fail(status);
      bytes = Buffer.alloc(returned[0]);
    }
    return fail(0xc0000004);
  }

  /** ReadProcessMemory of `length` bytes at `address` in another process. */
  readMemory(process: number, address: bigint, length: number): Win32Result<Buffer> {
    const buffer = Buffer.alloc(length);
    const read: [number] = [0];
    if (!this.f.ReadProcessMemory(process, address, buffer, length, read)) {
      return fail(this.lastError());
    }
    return read[0] === length ? ok(buffer) : fail(299);
  }

  /** The account a process runs as, "DOMAIN\user" parts (token -> TOKEN_USER -> SID -> name). */
  processUser(process: number): Win32Result<{ domain: string; user: string }> {
    const token: [number] = [0];
    if (!this.f.OpenProcessToken(process, TOKEN_QUERY, token)) return fail(this.lastError());
    try {
      const info = Buffer.alloc(256);
      const returned: [number] = [0];
      if (!this.f.GetTokenInformation(token[0], TOKEN_USER, info, info.length, returned)) {
        return fail(this.lastError());
      }
      // TOKEN_USER { SID_AND_ATTRIBUTES User { PSID Sid; DWORD Attributes } }: Sid at 0.
      const sid = info.readBigUInt64LE(0);
      const name = Buffer.alloc(512);
      const domain = Buffer.alloc(512);
      const nameChars: [number] = [256];
      const domainChars: [number] = [256];
      const use: [number] = [0];
      if (!this.f.LookupAccountSidW(null, sid, name, nameChars, domain, domainChars, use)) {
        return fail(this.lastError());
      }
      return ok({
        domain: domain.toString('utf16le', 0, domainChars[0] * 2),
        user: name.toString('utf16le', 0, nameChars[0] * 2),
      });
    } finally {
      this.f.CloseHandle(token[0]);
    }
  }

  /** TerminateProcess(handle, exitCode): 0 on success, else the error. */
  terminate(process: number, exitCode: number): number {
    return this.f.TerminateProcess(process, exitCode) ? ERROR_SUCCESS : this.lastError();
  }

  /** True when this process runs elevated (TOKEN_ELEVATION.TokenIsElevated). */
  isElevated(): boolean {
    const token: [number] = [0];
    if (!this.f.OpenProcessToken(this.f.GetCurrentProcess(), TOKEN_QUERY, token)) return false;
    try {
      const elevation = Buffer.alloc(4);
      const returned: [number] = [0];
      if (!this.f.GetTokenInformation(token[0], TOKEN_ELEVATION, elevation, 4, returned)) {
        return false;
      }
      return elevation.readUInt32LE(0) !== 0;
    } finally {
      this.f.CloseHandle(token[0]);
    }
  }

  /**
   * Switch on SeDebugPrivilege in our own token (present, disabled, in an elevated
   * administrator's token), as Process Explorer and TCPView do, so that system processes can be
   * opened for their details. Returns whether it is on.
   */
  enableDebugPrivilege(): boolean {
    const token: [number] = [0];
    const self = this.f.GetCurrentProcess();
    if (!this.f.OpenProcessToken(self, TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, token)) return false;
    try {
      // TOKEN_PRIVILEGES { DWORD PrivilegeCount; LUID_AND_ATTRIBUTES Privileges[1] }, where
      // LUID_AND_ATTRIBUTES is { LUID Luid (8 bytes); DWORD Attributes }: 16 bytes in all.
      const privileges = Buffer.alloc(16);
      privileges.writeUInt32LE(1, 0);
      const luid = Buffer.alloc(8);
      if (!this.f.LookupPrivilegeValueW(null, 'SeDebugPrivilege', luid)) return false;
      luid.copy(privileges, 4);
      privileges.writeUInt32LE(SE_PRIVILEGE_ENABLED, 12);
      if (!this.f.AdjustTokenPrivileges(token[0], 0, privileges, 0, null, null)) return false;
      // AdjustTokenPrivileges succeeds with ERROR_NOT_ALL_ASSIGNED (1300) when it did nothing.
      return this.lastError() === ERROR_SUCCESS;
    } finally {
      this.f.CloseHandle(token[0]);
    }
  }

  /** pid -> names of the running Win32 services it hosts (EnumServicesStatusExW). */
  servicesByPid(): Win32Result<Map<number, string[]>> {
    const manager = this.f.OpenSCManagerW(null, null, SC_MANAGER_ENUMERATE_SERVICE);
    if (manager === 0) return fail(this.lastError());
    try {
      const byPid = new Map<number, string[]>();
      const resume: [number] = [0];
      let size = 64 * 1024;
      for (let call = 0; call < 16; call += 1) {
        const bytes = Buffer.alloc(size);
        const needed: [number] = [0];
        const returned: [number] = [0];
        const done = this.f.EnumServicesStatusExW(
          manager,
          SC_ENUM_PROCESS_INFO,
          SERVICE_WIN32,
          SERVICE_ACTIVE,
          bytes,
          bytes.length,
          needed,
          returned,
          resume,
          null,
        );
        const code = done ? ERROR_SUCCESS : this.lastError();
        if (code !== ERROR_SUCCESS && code !== ERROR_MORE_DATA) return fail(code);
        const decoded = decodeServiceProcesses(bytes, returned[0], this.koffi.address(bytes));
        for (const [pid, names] of decoded) byPid.set(pid, [...(byPid.get(pid) ?? []), ...names]);
        if (code === ERROR_SUCCESS) return ok(byPid);
        // ERROR_MORE_DATA: this call returned what fitted; resume continues after it.
        if (returned[0] === 0)
          size = Math.max(size * 2, needed[0] + ENUM_SERVICE_STATUS_PROCESSW_SIZE);
      }
      return ok(byPid);
    } finally {
      this.f.CloseServiceHandle(manager);
    }
  }

  /**
   * The version block of an executable (GetFileVersionInfoW), or the error: 1812/1813 when the
   * file has no version resource, 2/3/5 when it cannot be read.
   */
  versionBlock(path: string): Win32Result<Buffer> {
    const handle: [number] = [0];
    const size = this.f.GetFileVersionInfoSizeW(path, handle);
    if (size === 0) return fail(this.lastError());
    const bytes = Buffer.alloc(size);
    if (!this.f.GetFileVersionInfoW(path, 0, size, bytes)) return fail(this.lastError());
    return ok(bytes);
  }
}

/** The Win32 API of this process, loaded once; NotSupported off Windows. */
let loaded: Win32Api | null = null;
export function loadWin32Api(platform: NodeJS.Platform = process.platform): Win32Api {
  if (platform !== 'win32') {
    throw new NotSupported('The Windows backend runs on Windows only.');
  }
  loaded ??= Win32Api.load();
  return loaded;
}
