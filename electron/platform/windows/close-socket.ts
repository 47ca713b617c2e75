// Closing one TCP connection on Windows: SetTcpEntry with MIB_TCP_STATE_DELETE_TCB, as TCPView
// and CurrPorts do. The stack sends a RST, so both ends see the connection reset. It takes an
// IPv4 MIB_TCPROW only: Windows has no API to close an IPv6 connection (TCPView offers to end the
// process instead). Only an elevated process may call it; otherwise it answers 317 rather than 5.
// Success is then confirmed by reading the table again: the connection must be gone.
// https://learn.microsoft.com/en-us/windows/win32/api/iphlpapi/nf-iphlpapi-settcpentry
import ipaddr from 'ipaddr.js';
import type { TcpState } from '../../../shared/model';
import { AccessDenied, AlreadyGone, NotSupported, PlatformError } from '../errors';
import type { CloseTcpResult, CloseTcpTarget } from '../types';
import { MIB_TCP_STATE_DELETE_TCB } from './tcp-states';
import { encodeTcpRow } from './tcp-row-encoding';
import type { Win32Api } from './win32-api';
import { ADMIN_ADVICE, ERROR_SUCCESS, describeWin32Error, isDeniedCode } from './win32-errors';

export type CloseApi = Pick<Win32Api, 'setTcpEntry' | 'wineVersion'>;

/** The state of the IPv4 connection with this tuple now, or null when it is not listed. */
export type FindTcp4 = (target: CloseTcpTarget) => TcpState | null;

const STILL_OPEN: ReadonlySet<TcpState> = new Set<TcpState>([
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
]);

function isIpv4Text(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv4' || (parsed as ipaddr.IPv6).isIPv4MappedAddress();
}

function describe(target: CloseTcpTarget): string {
  const host = (address: string) => (address.includes(':') ? `[${address}]` : address);
  return (
    `${host(target.localAddress)}:${target.localPort} \u2192 ` +
    `${host(target.remoteAddress)}:${target.remotePort}`
  );
}

/** Why Windows cannot close this connection, or null when SetTcpEntry can. */
export function closeUnsupportedReason(target: CloseTcpTarget): string | null {
  // A v4 peer on a dual-stack socket has an IPv4 connection underneath: that one can be closed.
  if (isIpv4Text(target.localAddress) && isIpv4Text(target.remoteAddress)) return null;
  return (
    `Windows cannot close the IPv6 connection ${describe(target)}: it has no API for that ` +
    '(SetTcpEntry takes IPv4 connections only). Kill the owning process instead.'
  );
}

export function closeWindowsTcp(
  api: CloseApi,
  findTcp4: FindTcp4,
  target: CloseTcpTarget,
): CloseTcpResult {
  const unsupported = closeUnsupportedReason(target);
  if (unsupported !== null) throw new NotSupported(unsupported);
  const name = describe(target);
  const code = api.setTcpEntry(encodeTcpRow(MIB_TCP_STATE_DELETE_TCB, target));
  if (isDeniedCode(code)) {
    throw new AccessDenied(
      `Not permitted to close ${name}: closing a connection needs administrator rights on ` +
        `Windows (SetTcpEntry answered ${code}). To close it, ${ADMIN_ADVICE}.`,
    );
  }
  const state = findTcp4(target);
  if (code !== ERROR_SUCCESS) {
    if (state === null || !STILL_OPEN.has(state)) {
      throw new AlreadyGone(`The connection ${name} is already closed.`);
    }
    throw new PlatformError(
      'OS_ERROR',
      `Windows could not close ${name}: SetTcpEntry answered ${describeWin32Error(code)}.`,
    );
  }
  if (state !== null && STILL_OPEN.has(state)) {
    if (api.wineVersion !== null) {
      throw new NotSupported(
        `Wine ${api.wineVersion} cannot close connections: its SetTcpEntry answers success ` +
          `without doing anything, and ${name} is still ${state}. Kill the owning process instead.`,
      );
    }
    throw new PlatformError(
      'OS_ERROR',
      `Windows reported ${name} closed, but it is still ${state}.`,
    );
  }
  return {
    closed: 1,
    detail: `SetTcpEntry(MIB_TCP_STATE_DELETE_TCB) closed ${name}${state ? ` (now ${state})` : ''}.`,
  };
}
