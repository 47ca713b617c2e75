// Win32 error codes the Windows backend meets, and their translation into PlatformErrors with a
// message a person can act on. The codes are GetLastError() / return values from winerror.h:
// https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--0-499-
import { AccessDenied, NoSuchProcess, NotSupported, PlatformError } from '../errors';

export const ERROR_SUCCESS = 0;
export const ERROR_FILE_NOT_FOUND = 2;
export const ERROR_PATH_NOT_FOUND = 3;
export const ERROR_ACCESS_DENIED = 5;
export const ERROR_INVALID_HANDLE = 6;
export const ERROR_NOT_SUPPORTED = 50;
export const ERROR_INVALID_PARAMETER = 87;
export const ERROR_INSUFFICIENT_BUFFER = 122;
export const ERROR_MORE_DATA = 234;
export const ERROR_PARTIAL_COPY = 299;
/**
 * "The system cannot find message text for message number 0x%1": what SetTcpEntry answers
 * instead of ERROR_ACCESS_DENIED when Portscope is not elevated (documented on SetTcpEntry).
 * https://learn.microsoft.com/en-us/windows/win32/api/iphlpapi/nf-iphlpapi-settcpentry
 */
export const ERROR_MR_MID_NOT_FOUND = 317;
export const ERROR_NOT_FOUND = 1168;
export const ERROR_RESOURCE_DATA_NOT_FOUND = 1812;
export const ERROR_RESOURCE_TYPE_NOT_FOUND = 1813;
export const ERROR_RESOURCE_NAME_NOT_FOUND = 1814;
export const ERROR_RESOURCE_LANG_NOT_FOUND = 1815;

/** NTSTATUS values (ntstatus.h) returned by NtQueryInformationProcess. */
export const STATUS_SUCCESS = 0;
export const STATUS_INVALID_INFO_CLASS = 0xc0000003;
export const STATUS_NOT_IMPLEMENTED = 0xc0000002;
export const STATUS_ACCESS_DENIED = 0xc0000022;
export const STATUS_INFO_LENGTH_MISMATCH = 0xc0000004;
export const STATUS_BUFFER_TOO_SMALL = 0xc0000023;

/** The advice every "not allowed" on Windows ends with. */
export const ADMIN_ADVICE =
  'run Portscope as administrator (right-click it, then "Run as administrator")';

/** True for the codes that mean "not elevated": 5 everywhere, 317 from SetTcpEntry. */
export function isDeniedCode(code: number): boolean {
  return code === ERROR_ACCESS_DENIED || code === ERROR_MR_MID_NOT_FOUND;
}

/** A file without a version resource answers one of these (not "unreadable"). */
export function isNoVersionResourceCode(code: number): boolean {
  return (
    code === ERROR_RESOURCE_DATA_NOT_FOUND ||
    code === ERROR_RESOURCE_TYPE_NOT_FOUND ||
    code === ERROR_RESOURCE_NAME_NOT_FOUND ||
    code === ERROR_RESOURCE_LANG_NOT_FOUND
  );
}

/** A short name for a code, for messages and logs ("error 5 (access denied)"). */
export function describeWin32Error(code: number): string {
  const names: Record<number, string> = {
    [ERROR_FILE_NOT_FOUND]: 'file not found',
    [ERROR_ACCESS_DENIED]: 'access denied',
    [ERROR_INVALID_HANDLE]: 'invalid handle',
    [ERROR_NOT_SUPPORTED]: 'not supported',
    [ERROR_INVALID_PARAMETER]: 'invalid parameter',
    [ERROR_INSUFFICIENT_BUFFER]: 'insufficient buffer',
    [ERROR_PARTIAL_COPY]: 'partial copy',
    [ERROR_MR_MID_NOT_FOUND]: 'not permitted (317)',
    [ERROR_NOT_FOUND]: 'not found',
  };
  const name = names[code];
  return name ? `error ${code} (${name})` : `error ${code}`;
}

/**
 * A Win32 failure while reading a table or a process, as a PlatformError:
 *   5 / 317 -> AccessDenied "… run Portscope as administrator"
 *   87 on a process -> NoSuchProcess (OpenProcess answers 87 for a pid that does not exist)
 *   50 -> NotSupported
 * `what` names the thing as a person would say it ("the TCP table", "process 1234").
 */
export function translateWin32Error(
  code: number,
  what: string,
  options: { process?: boolean } = {},
): PlatformError {
  if (isDeniedCode(code)) {
    return new AccessDenied(`Windows denied access to ${what}: ${ADMIN_ADVICE}.`);
  }
  if (options.process && code === ERROR_INVALID_PARAMETER) {
    return new NoSuchProcess(`${what}: no such process (it has already exited).`);
  }
  if (code === ERROR_NOT_SUPPORTED) {
    return new NotSupported(`This version of Windows cannot give ${what} (error 50).`);
  }
  return new PlatformError('OS_ERROR', `Could not read ${what}: ${describeWin32Error(code)}.`);
}
