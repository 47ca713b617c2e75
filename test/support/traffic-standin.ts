// A PLATFORM STAND-IN for the window's traffic tests. It is the real Linux backend's read (real
// sockets, real processes) with traffic counters filled in for the sockets of the processes a test
// names (its own socket children), growing by a set amount on every read, in the shape the real
// counters take (RawSocket.bytesSent … as sock_diag's tcp_info reports them). Why a stand-in: the
// Linux backend that reads real counters is being built in parallel; on this branch every row has
// null counters, and the window's traffic columns, totals, Processes sums and charts need numbers.
// Rates are then computed by the real pipeline (electron/core/to-connection.ts) from two reads.
import type { RawSocket } from '../../shared/model';
import type { PlatformBackend, PlatformRead } from '../../electron/platform/types';

export interface TrafficPlan {
  /** Bytes added to the counters on each read. */
  sentPerRead: number;
  receivedPerRead: number;
  /** Counters before the first read (a connection that has been busy a while). */
  sentBefore?: number;
  receivedBefore?: number;
}

/** Counters the plan gives a socket after `reads` reads; packets at an MSS-sized 1,448 bytes. */
function counters(plan: TrafficPlan, reads: number) {
  const sent = (plan.sentBefore ?? 0) + plan.sentPerRead * reads;
  const received = (plan.receivedBefore ?? 0) + plan.receivedPerRead * reads;
  return {
    bytesSent: sent,
    bytesReceived: received,
    packetsSent: Math.ceil(sent / 1448),
    packetsReceived: Math.ceil(received / 1448),
  };
}

const key = (s: RawSocket) =>
  `${s.protocol}|${s.localAddress}|${s.localPort}|${s.remoteAddress}|${s.remotePort}`;

/**
 * The real backend, with counters for TCP connections (not listeners, not UDP: Linux gives UDP
 * none) of the sockets `planOf` returns a plan for.
 */
export function withTrafficCounters(
  real: PlatformBackend,
  planOf: (socket: RawSocket) => TrafficPlan | null,
): PlatformBackend {
  const reads = new Map<string, number>();
  return {
    os: real.os,
    userName: real.userName?.bind(real),
    readProcessIdentity: (pid) => real.readProcessIdentity(pid),
    killProcess: (pid, signal, options) => real.killProcess(pid, signal, options),
    closeTcp: (target, options) => real.closeTcp(target, options),
    async readSockets(): Promise<PlatformRead> {
      const read = await real.readSockets();
      const sockets = read.sockets.map((socket) => {
        if (socket.protocol !== 'tcp' || socket.remoteAddress === null) return socket;
        const plan = planOf(socket);
        if (!plan) return socket;
        const count = (reads.get(key(socket)) ?? 0) + 1;
        reads.set(key(socket), count);
        return { ...socket, ...counters(plan, count) };
      });
      return { ...read, sockets };
    },
  };
}
