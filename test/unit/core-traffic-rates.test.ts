// Send and receive rates, from two consecutive polls' counters: null when there is nothing to
// compare (first poll, no counters, a counter that went back, another socket under the same
// addresses), 0 when idle, bytes per second otherwise, over the time between the two reads by a
// monotonic clock (a wall-clock step does not bend them).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Connection, RawSocket } from '../../shared/model';
import { createPollPipeline } from '../../electron/core/poll-pipeline';
import { toConnections } from '../../electron/core/to-connection';
import type { PlatformBackend, PlatformRead } from '../../electron/platform/types';
import { makeRawSocket } from '../support/connection-fixture';

const counters = (bytesSent: number | null, bytesReceived: number | null, inode = 7) =>
  makeRawSocket({ inode, bytesSent, bytesReceived, packetsSent: 1, packetsReceived: 1 });

/** Two polls of one socket, `seconds` apart: the second poll's row. */
function secondPoll(before: RawSocket, after: RawSocket, seconds: number | null = 2): Connection {
  const [first] = toConnections([before], new Map(), new Map(), 1_000);
  const [second] = toConnections(
    [after],
    new Map(),
    new Map([[first!.id, first!]]),
    3_000,
    undefined,
    { secondsSincePrevious: seconds },
  );
  return second!;
}

describe('toConnections rates', () => {
  it('are null on a row’s first poll', () => {
    const [row] = toConnections([counters(5000, 100)], new Map(), new Map(), 1_000, undefined, {
      secondsSincePrevious: 1,
    });
    expect(row).toMatchObject({ sendRate: null, receiveRate: null, bytesSent: 5000 });
    // and on the pipeline's first poll, when no interval is known yet
    expect(secondPoll(counters(0, 0), counters(5000, 100), null)).toMatchObject({
      sendRate: null,
      receiveRate: null,
    });
  });

  it('are bytes per second over the interval', () => {
    expect(secondPoll(counters(1000, 500), counters(3000, 1500), 2)).toMatchObject({
      sendRate: 1000,
      receiveRate: 500,
      bytesSent: 3000,
      bytesReceived: 1500,
    });
  });

  it('are 0 when idle, and the row then stays the same object', () => {
    const [first] = toConnections([counters(1000, 500)], new Map(), new Map(), 1);
    const busy = toConnections(
      [counters(2000, 500)],
      new Map(),
      new Map([[first!.id, first!]]),
      2,
      undefined,
      { secondsSincePrevious: 1 },
    )[0]!;
    expect(busy).toMatchObject({ sendRate: 1000, receiveRate: 0 });
    const idle = toConnections(
      [counters(2000, 500)],
      new Map(),
      new Map([[busy.id, busy]]),
      3,
      undefined,
      { secondsSincePrevious: 1 },
    )[0]!;
    expect(idle).not.toBe(busy); // the rate changed: a new row, so the grid hears of it
    expect(idle).toMatchObject({ sendRate: 0, receiveRate: 0 });
    const stillIdle = toConnections(
      [counters(2000, 500)],
      new Map(),
      new Map([[idle.id, idle]]),
      4,
      undefined,
      { secondsSincePrevious: 1 },
    )[0]!;
    expect(stillIdle).toBe(idle);
  });

  it('are null when a counter went back (a new socket under the same addresses)', () => {
    expect(secondPoll(counters(5000, 5000), counters(10, 6000))).toMatchObject({
      sendRate: null,
      receiveRate: 500,
    });
  });

  it('are null when the row’s socket is another one, even if its counters are higher', () => {
    expect(secondPoll(counters(10, 10, 7), counters(9000, 9000, 8))).toMatchObject({
      sendRate: null,
      receiveRate: null,
    });
  });

  it('are null where the OS gives no counters (UDP, /proc/net, TIME_WAIT)', () => {
    expect(secondPoll(counters(null, null), counters(null, null))).toMatchObject({
      sendRate: null,
      receiveRate: null,
    });
    // The counters vanish when a connection becomes a TIME_WAIT minisock.
    expect(
      secondPoll(counters(1000, 1000), {
        ...counters(null, null),
        state: 'TIME_WAIT',
        inode: null,
      }),
    ).toMatchObject({ sendRate: null, receiveRate: null });
  });

  it('keep a connection’s last counters once it is a TIME_WAIT minisock (which has none)', () => {
    const timeWait = makeRawSocket({ state: 'TIME_WAIT', inode: null, socketUid: null, pid: null });
    const row = secondPoll(counters(1000, 2000), timeWait);
    expect(row).toMatchObject({
      state: 'TIME_WAIT',
      bytesSent: 1000,
      bytesReceived: 2000,
      packetsSent: 1,
      sendRate: 0,
      receiveRate: 0,
    });
    // Steady from then on: the same row object poll after poll.
    const [again] = toConnections([timeWait], new Map(), new Map([[row.id, row]]), 4, undefined, {
      secondsSincePrevious: 1,
    });
    expect(again).toBe(row);
    // A TIME_WAIT first seen as such has nothing to keep.
    const [fresh] = toConnections([timeWait], new Map(), new Map(), 1, undefined, {
      secondsSincePrevious: 1,
    });
    expect(fresh).toMatchObject({ bytesSent: null, sendRate: null });
  });

  it('are null for an interval that is not positive', () => {
    expect(secondPoll(counters(0, 0), counters(10, 10), 0).sendRate).toBeNull();
    expect(secondPoll(counters(0, 0), counters(10, 10), -1).sendRate).toBeNull();
  });
});

describe('the poll pipeline’s interval', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is measured on the monotonic clock, so a wall-clock step does not bend the rates', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'performance'] });
    vi.setSystemTime(new Date('2026-11-29T12:00:00Z'));
    let sent = 0;
    const platform: PlatformBackend = {
      os: 'linux',
      async readSockets(): Promise<PlatformRead> {
        return {
          sockets: [counters(sent, 0)],
          processes: new Map(),
          malformedLines: 0,
          privileged: true,
          warnings: [],
        };
      },
      readProcessIdentity: async () => null,
      killProcess: async () => {},
      closeTcp: async () => ({ closed: 0, detail: '' }),
    };
    const pipeline = createPollPipeline(platform);
    const first = await pipeline.poll();
    expect(first.delta.added[0]).toMatchObject({ sendRate: null });
    sent = 4000;
    vi.advanceTimersByTime(2000);
    // Someone sets the clock back an hour between the two polls.
    vi.setSystemTime(Date.now() - 3_600_000);
    const second = await pipeline.poll();
    expect(second.delta.updated[0]).toMatchObject({ bytesSent: 4000, sendRate: 2000 });
    pipeline.reset();
    const afterReset = await pipeline.poll();
    expect(afterReset.delta.added[0]).toMatchObject({ sendRate: null });
  });
});
