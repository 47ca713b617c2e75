// TCP extended statistics, as TCPView reads them: per connection, collection is switched on once
// with SetPerTcpConnectionEStats(TcpConnectionEstatsData, { EnableCollection = TRUE }) and then
// GetPerTcpConnectionEStats fills a TCP_ESTATS_DATA_ROD_v0. Both need an elevated process.
// Counting starts when collection is switched on, so a connection that was open before Portscope
// first saw it shows its traffic since then.
// https://learn.microsoft.com/en-us/windows/win32/api/iphlpapi/nf-iphlpapi-getpertcpconnectionestats
// https://learn.microsoft.com/en-us/windows/win32/api/tcpestats/ns-tcpestats-tcp_estats_data_rod_v0

/** TCP_ESTATS_TYPE.TcpConnectionEstatsData (tcpestats.h). */
export const TCP_CONNECTION_ESTATS_DATA = 1;
/** TCP_ESTATS_DATA_RW_v0 { BOOLEAN EnableCollection; } */
export const TCP_ESTATS_DATA_RW_SIZE = 1;

/**
 * TCP_ESTATS_DATA_ROD_v0, x64: DataBytesOut @0, DataSegsOut @8, DataBytesIn @16, DataSegsIn @24,
 * SegsOut @32, SegsIn @40 (ULONG64 each), SoftErrors @48, SoftErrorReason @52, SndUna @56,
 * SndNxt @60, SndMax @64 (ULONG), ThruBytesAcked @72 (ULONG64), RcvNxt @80 (ULONG),
 * ThruBytesReceived @88 (ULONG64); sizeof 96.
 */
export const TCP_ESTATS_DATA_ROD_SIZE = 96;

export interface TcpTrafficCounters {
  bytesSent: number;
  bytesReceived: number;
  packetsSent: number;
  packetsReceived: number;
}

/**
 * The counters of one TCP_ESTATS_DATA_ROD_v0: bytes are the data bytes (DataBytesOut/In, as
 * TCPView's Sent/Rcvd Bytes), packets every segment (SegsOut/In, as Linux's segs_out/segs_in).
 */
export function decodeEstatsData(bytes: Buffer): TcpTrafficCounters {
  return {
    bytesSent: Number(bytes.readBigUInt64LE(0)),
    bytesReceived: Number(bytes.readBigUInt64LE(16)),
    packetsSent: Number(bytes.readBigUInt64LE(32)),
    packetsReceived: Number(bytes.readBigUInt64LE(40)),
  };
}
