// Decoders of the process structures the Windows backend reads, byte buffer -> values. Pure; the
// offsets are those of the documented x64 layouts (Portscope ships x64 only).

/** Read a NUL-terminated UTF-16LE string starting at `offset`, at most `maxChars` long. */
export function readUtf16z(bytes: Buffer, offset: number, maxChars = 32768): string {
  const limit = Math.min(bytes.length - 1, offset + maxChars * 2);
  let end = offset;
  while (end < limit && (bytes[end] !== 0 || bytes[end + 1] !== 0)) end += 2;
  return bytes.toString('utf16le', offset, end);
}

/**
 * PROCESSENTRY32W (tlhelp32.h), x64: dwSize @0, cntUsage @4, th32ProcessID @8,
 * th32DefaultHeapID (ULONG_PTR) @16, th32ModuleID @24, cntThreads @28, th32ParentProcessID @32,
 * pcPriClassBase @36, dwFlags @40, szExeFile WCHAR[MAX_PATH] @44; sizeof 568.
 * https://learn.microsoft.com/en-us/windows/win32/api/tlhelp32/ns-tlhelp32-processentry32w
 */
export const PROCESSENTRY32W_SIZE = 568;

export interface ProcessEntry {
  pid: number;
  parentPid: number;
  /** The executable's file name ("svchost.exe"), as Task Manager names the process. */
  name: string;
}

export function decodeProcessEntry(bytes: Buffer): ProcessEntry {
  return {
    pid: bytes.readUInt32LE(8),
    parentPid: bytes.readUInt32LE(32),
    name: readUtf16z(bytes, 44, 260),
  };
}

/** FILETIME epoch (1601-01-01) to the Unix epoch, in 100-ns intervals. */
const FILETIME_UNIX_EPOCH = 116444736000000000n;

/**
 * A FILETIME (100-ns intervals since 1601-01-01 UTC) as milliseconds since the Unix epoch;
 * null for 0 (no time: the System Idle Process).
 *   filetimeToEpochMs(116444736000000000n) -> 0
 * https://learn.microsoft.com/en-us/windows/win32/api/minwinbase/ns-minwinbase-filetime
 */
export function filetimeToEpochMs(filetime: bigint | number): number | null {
  const value = BigInt(filetime);
  if (value === 0n) return null;
  return Number((value - FILETIME_UNIX_EPOCH) / 10000n);
}

/**
 * A UNICODE_STRING { USHORT Length; USHORT MaximumLength; PWSTR Buffer } at offset 0 of `bytes`,
 * whose text the call placed in the same buffer (NtQueryInformationProcess with
 * ProcessCommandLineInformation does). `baseAddress` is the address of `bytes` in memory, to
 * turn the Buffer pointer into an offset. Length is in bytes, without a terminating NUL.
 * Null when the pointer does not point into `bytes`.
 * https://learn.microsoft.com/en-us/windows/win32/api/ntdef/ns-ntdef-_unicode_string
 */
export function decodeUnicodeStringInBuffer(bytes: Buffer, baseAddress: bigint): string | null {
  const length = bytes.readUInt16LE(0);
  const pointer = bytes.readBigUInt64LE(8);
  if (length === 0) return '';
  const offset = pointer - baseAddress;
  if (offset < 16n || offset + BigInt(length) > BigInt(bytes.length)) return null;
  return bytes.toString('utf16le', Number(offset), Number(offset) + length);
}

/** A UNICODE_STRING read out of another process: its length and where its text is there. */
export interface RemoteUnicodeString {
  lengthBytes: number;
  address: bigint;
}

export function decodeRemoteUnicodeString(bytes: Buffer, offset = 0): RemoteUnicodeString {
  return {
    lengthBytes: bytes.readUInt16LE(offset),
    address: bytes.readBigUInt64LE(offset + 8),
  };
}

/**
 * Where a process keeps its command line, for Windows before 8.1 (and Wine), which lack
 * ProcessCommandLineInformation: PROCESS_BASIC_INFORMATION.PebBaseAddress (@8) -> the PEB's
 * ProcessParameters pointer (@0x20) -> RTL_USER_PROCESS_PARAMETERS.CommandLine (@0x70), a
 * UNICODE_STRING. Offsets of the x64 layouts in winternl.h:
 * https://learn.microsoft.com/en-us/windows/win32/api/winternl/ns-winternl-peb
 * https://learn.microsoft.com/en-us/windows/win32/api/winternl/ns-winternl-rtl_user_process_parameters
 */
export const PROCESS_BASIC_INFORMATION_SIZE = 48;
export const PBI_PEB_BASE_OFFSET = 8;
export const PEB_PROCESS_PARAMETERS_OFFSET = 0x20;
export const PARAMETERS_COMMAND_LINE_OFFSET = 0x70;

export function pebAddressOf(processBasicInformation: Buffer): bigint {
  return processBasicInformation.readBigUInt64LE(PBI_PEB_BASE_OFFSET);
}

/**
 * ENUM_SERVICE_STATUS_PROCESSW, x64: lpServiceName @0, lpDisplayName @8, then
 * SERVICE_STATUS_PROCESS (nine DWORDs) @16 with dwProcessId its eighth (@44); sizeof 56.
 * The names are pointers into the same buffer (EnumServicesStatusExW writes the strings after
 * the array). Returns pid -> service names, in the order Windows listed them; entries whose
 * pointer leaves the buffer are skipped.
 * https://learn.microsoft.com/en-us/windows/win32/api/winsvc/ns-winsvc-enum_service_status_processw
 * https://learn.microsoft.com/en-us/windows/win32/api/winsvc/ns-winsvc-service_status_process
 */
export const ENUM_SERVICE_STATUS_PROCESSW_SIZE = 56;

export function decodeServiceProcesses(
  bytes: Buffer,
  count: number,
  baseAddress: bigint,
): Map<number, string[]> {
  const byPid = new Map<number, string[]>();
  const fit = Math.min(count, Math.floor(bytes.length / ENUM_SERVICE_STATUS_PROCESSW_SIZE));
  for (let i = 0; i < fit; i += 1) {
    const entry = i * ENUM_SERVICE_STATUS_PROCESSW_SIZE;
    const pid = bytes.readUInt32LE(entry + 44);
    const offset = bytes.readBigUInt64LE(entry) - baseAddress;
    if (pid === 0 || offset < 0n || offset >= BigInt(bytes.length)) continue;
    const name = readUtf16z(bytes, Number(offset), 256);
    if (name === '') continue;
    const names = byPid.get(pid);
    if (names) names.push(name);
    else byPid.set(pid, [name]);
  }
  return byPid;
}

/** "DOMAIN\user" as Windows writes an account (LookupAccountSidW gives the two parts). */
export function accountName(domain: string, user: string): string {
  return domain === '' ? user : `${domain}\\${user}`;
}
