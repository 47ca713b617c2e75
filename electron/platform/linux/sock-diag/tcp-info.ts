// Traffic counters of one TCP socket from its struct tcp_info (the INET_DIAG_INFO attribute of a
// sock_diag reply), as RawSocket's bytesSent/bytesReceived/packetsSent/packetsReceived.
//
// What the kernel counts, and what is taken off so the numbers mean bytes of data:
//  - tcpi_bytes_acked counts acknowledged sequence space, and SYN and FIN each take one sequence
//    number: the side that connected has 1 counted for its SYN (the accepting side has not: its
//    socket is born with the SYN-ACK already acknowledged), and a socket whose FIN was
//    acknowledged (FIN_WAIT2) has 1 more. The FIN is known from the state; the SYN is not (inet_diag
//    does not say who connected), so where the kernel also reports the data bytes it sent
//    (tcpi_bytes_sent less tcpi_bytes_retrans, Linux 4.19+), the acknowledged count is capped by
//    them: exact whenever no data is in flight, at most the SYN's 1 byte over while it is.
//  - tcpi_bytes_received counts the peer's FIN too, once it has arrived (CLOSE_WAIT, LAST_ACK,
//    CLOSING).
//  - tcpi_segs_out / tcpi_segs_in count every segment, pure ACKs and retransmissions included
//    (RFC 4898 tcpEStatsPerfSegsOut/In), which is what TCPView's packet columns show.
// Measured here (Linux 6.18): a 1,000,000-byte transfer reads bytes_acked 1,000,001 on the side
// that connected, bytes_received 1,000,000 on the other; after a FIN, 1,000,002 and 1,000,001.
import {
  TCP_CLOSE_WAIT,
  TCP_CLOSING,
  TCP_FIN_WAIT2,
  TCP_LAST_ACK,
  TCPI_BYTES_ACKED,
  TCPI_BYTES_RECEIVED,
  TCPI_BYTES_RETRANS,
  TCPI_BYTES_SENT,
  TCPI_SEGS_IN,
  TCPI_SEGS_OUT,
} from './constants';

export interface TcpCounters {
  bytesSent: number | null;
  bytesReceived: number | null;
  packetsSent: number | null;
  packetsReceived: number | null;
}

export const UNKNOWN_COUNTERS: Readonly<TcpCounters> = Object.freeze({
  bytesSent: null,
  bytesReceived: null,
  packetsSent: null,
  packetsReceived: null,
});

/** A u64 as a number: exact below 2^53 bytes (8 PiB), which no socket reaches. */
function u64(view: DataView, offset: number, littleEndian: boolean): number {
  const low = view.getUint32(offset + (littleEndian ? 0 : 4), littleEndian);
  const high = view.getUint32(offset + (littleEndian ? 4 : 0), littleEndian);
  return high * 0x1_0000_0000 + low;
}

/**
 * Counters from the tcp_info at view[offset, offset + length) of a socket in `state` (the
 * kernel's state number). Fields the sending kernel's tcp_info is too short to hold are null:
 * bytes need Linux 4.1 (136 bytes), packets Linux 4.2 (144 bytes).
 */
export function readTcpCounters(
  view: DataView,
  offset: number,
  length: number,
  state: number,
  littleEndian: boolean,
): TcpCounters {
  const has = (field: number, size: number) => field + size <= length;
  let bytesSent: number | null = null;
  let bytesReceived: number | null = null;
  if (has(TCPI_BYTES_RECEIVED, 8)) {
    const ownFinAcked = state === TCP_FIN_WAIT2 ? 1 : 0;
    let acked = Math.max(0, u64(view, offset + TCPI_BYTES_ACKED, littleEndian) - ownFinAcked);
    if (has(TCPI_BYTES_RETRANS, 8)) {
      const sent = u64(view, offset + TCPI_BYTES_SENT, littleEndian);
      const retransmitted = u64(view, offset + TCPI_BYTES_RETRANS, littleEndian);
      acked = Math.min(acked, Math.max(0, sent - retransmitted));
    }
    bytesSent = acked;
    const peerFin =
      state === TCP_CLOSE_WAIT || state === TCP_LAST_ACK || state === TCP_CLOSING ? 1 : 0;
    bytesReceived = Math.max(0, u64(view, offset + TCPI_BYTES_RECEIVED, littleEndian) - peerFin);
  }
  const segments = has(TCPI_SEGS_IN, 4);
  return {
    bytesSent,
    bytesReceived,
    packetsSent: segments ? view.getUint32(offset + TCPI_SEGS_OUT, littleEndian) : null,
    packetsReceived: segments ? view.getUint32(offset + TCPI_SEGS_IN, littleEndian) : null,
  };
}
