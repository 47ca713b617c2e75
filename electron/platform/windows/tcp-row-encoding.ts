// MIB_TCPROW and MIB_TCP6ROW, the structs that name one connection to SetTcpEntry and to the
// EStats calls, built from a row as the table shows it. Pure.
//   MIB_TCPROW  { DWORD dwState; DWORD dwLocalAddr; DWORD dwLocalPort; DWORD dwRemoteAddr;
//                 DWORD dwRemotePort }                                               20 bytes
//   MIB_TCP6ROW { MIB_TCP_STATE State; IN6_ADDR LocalAddr; DWORD dwLocalScopeId;
//                 DWORD dwLocalPort; IN6_ADDR RemoteAddr; DWORD dwRemoteScopeId;
//                 DWORD dwRemotePort }                                               52 bytes
// Addresses in network order; ports in the first two bytes of their DWORD, network order.
// https://learn.microsoft.com/en-us/windows/win32/api/tcpmib/ns-tcpmib-mib_tcprow_lh
// https://learn.microsoft.com/en-us/windows/win32/api/tcpmib/ns-tcpmib-mib_tcp6row
import ipaddr from 'ipaddr.js';
import { PlatformError } from '../errors';

export const MIB_TCPROW_SIZE = 20;
export const MIB_TCP6ROW_SIZE = 52;

export interface TcpTuple {
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
}

function checkedPort(port: number): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new PlatformError('OS_ERROR', `Not a TCP port: ${port}`);
  }
  return port;
}

/** The four bytes of an IPv4 address (also accepts its IPv4-mapped IPv6 form). */
export function ipv4Bytes(address: string): number[] {
  if (!ipaddr.isValid(address)) {
    throw new PlatformError('OS_ERROR', `Not an IP address: ${JSON.stringify(address)}`);
  }
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return (parsed as ipaddr.IPv4).toByteArray();
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toByteArray();
  throw new PlatformError('OS_ERROR', `Not an IPv4 address: ${address}`);
}

/** The sixteen bytes of an IPv6 address; an IPv4 address becomes ::ffff:a.b.c.d. */
export function ipv6Bytes(address: string): number[] {
  if (!ipaddr.isValid(address)) {
    throw new PlatformError('OS_ERROR', `Not an IP address: ${JSON.stringify(address)}`);
  }
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return (parsed as ipaddr.IPv4).toIPv4MappedAddress().toByteArray();
  return (parsed as ipaddr.IPv6).toByteArray();
}

function writePort(row: Buffer, offset: number, port: number): void {
  row.writeUInt16BE(checkedPort(port), offset);
}

/**
 *   encodeTcpRow(12, {localAddress: "127.0.0.1", localPort: 8080, remoteAddress: "10.0.0.5",
 *                     remotePort: 443})
 *   -> 0C 00 00 00 | 7F 00 00 01 | 1F 90 00 00 | 0A 00 00 05 | 01 BB 00 00
 */
export function encodeTcpRow(state: number, tuple: TcpTuple): Buffer {
  const row = Buffer.alloc(MIB_TCPROW_SIZE);
  row.writeUInt32LE(state, 0);
  Buffer.from(ipv4Bytes(tuple.localAddress)).copy(row, 4);
  writePort(row, 8, tuple.localPort);
  Buffer.from(ipv4Bytes(tuple.remoteAddress)).copy(row, 12);
  writePort(row, 16, tuple.remotePort);
  return row;
}

export function encodeTcp6Row(
  state: number,
  tuple: TcpTuple,
  scopes: { localScopeId: number; remoteScopeId: number },
): Buffer {
  const row = Buffer.alloc(MIB_TCP6ROW_SIZE);
  row.writeUInt32LE(state, 0);
  Buffer.from(ipv6Bytes(tuple.localAddress)).copy(row, 4);
  row.writeUInt32LE(scopes.localScopeId >>> 0, 20);
  writePort(row, 24, tuple.localPort);
  Buffer.from(ipv6Bytes(tuple.remoteAddress)).copy(row, 28);
  row.writeUInt32LE(scopes.remoteScopeId >>> 0, 44);
  writePort(row, 48, tuple.remotePort);
  return row;
}
