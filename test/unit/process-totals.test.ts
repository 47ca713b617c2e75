// Traffic summed per process (pid + start time) and over any rows: a process's totals are the sum
// of its rows, unknown counters are left out rather than counted as 0, and a reused pid is
// another process.
import { describe, expect, it } from 'vitest';
import {
  hasTraffic,
  NO_TRAFFIC,
  processKey,
  sumTraffic,
  trafficByProcess,
  type TrafficRow,
} from '../../shared/process-totals';
import type { Connection } from '../../shared/model';
import { UNOWNED, makeConnection } from '../support/connection-fixture';

const STARTED = 1_764_100_000_000;

function row(overrides: Partial<Connection>): TrafficRow {
  return makeConnection({
    pid: 42,
    processStartTime: STARTED,
    processName: 'curl',
    bytesSent: null,
    bytesReceived: null,
    packetsSent: null,
    packetsReceived: null,
    sendRate: null,
    receiveRate: null,
    ...overrides,
  });
}

describe('trafficByProcess', () => {
  it('adds up each process’s rows, field by field', () => {
    const rows = [
      row({
        bytesSent: 1000,
        bytesReceived: 10,
        packetsSent: 5,
        packetsReceived: 3,
        sendRate: 100,
        receiveRate: 0,
      }),
      row({
        bytesSent: 24,
        bytesReceived: 990,
        packetsSent: 2,
        packetsReceived: 9,
        sendRate: 0,
        receiveRate: 50,
      }),
      row({
        pid: 7,
        processName: 'sshd',
        bytesSent: 1,
        bytesReceived: 2,
        packetsSent: 1,
        packetsReceived: 1,
      }),
    ];
    const totals = trafficByProcess(rows);
    expect(totals.get(`42|${STARTED}`)).toEqual({
      key: `42|${STARTED}`,
      pid: 42,
      processStartTime: STARTED,
      processName: 'curl',
      rows: 2,
      bytesSent: 1024,
      bytesReceived: 1000,
      packetsSent: 7,
      packetsReceived: 12,
      sendRate: 100,
      receiveRate: 50,
    });
    expect(totals.get(`7|${STARTED}`)).toMatchObject({ rows: 1, bytesSent: 1, sendRate: null });
    expect(totals.size).toBe(2);
  });

  it('leaves unknown counters out (UDP rows), and is null only where no row knows', () => {
    const totals = trafficByProcess([
      row({ protocol: 'udp', state: null }),
      row({ bytesSent: 5, bytesReceived: 6 }),
    ]);
    expect(totals.get(`42|${STARTED}`)).toMatchObject({
      rows: 2,
      bytesSent: 5,
      bytesReceived: 6,
      packetsSent: null,
      sendRate: null,
    });
    expect(trafficByProcess([row({ protocol: 'udp' })]).get(`42|${STARTED}`)?.bytesSent).toBeNull();
  });

  it('keeps a reused pid apart, and leaves rows with no visible owner out', () => {
    const totals = trafficByProcess([
      row({ bytesSent: 1 }),
      row({ processStartTime: STARTED + 60_000, bytesSent: 2 }),
      row({ ...UNOWNED, bytesSent: 4 }),
    ]);
    expect([...totals.keys()]).toEqual([`42|${STARTED}`, `42|${STARTED + 60_000}`]);
    expect(processKey({ pid: null, processStartTime: null })).toBeNull();
    expect(processKey({ pid: 3, processStartTime: null })).toBe('3|?');
  });
});

describe('sumTraffic', () => {
  it('adds every row, owned or not: the status bar’s totals', () => {
    expect(
      sumTraffic([
        row({ bytesSent: 1, sendRate: 1.5 }),
        row({ ...UNOWNED, bytesSent: 4, sendRate: 2 }),
      ]),
    ).toEqual({
      rows: 2,
      bytesSent: 5,
      bytesReceived: null,
      packetsSent: null,
      packetsReceived: null,
      sendRate: 3.5,
      receiveRate: null,
    });
    expect(sumTraffic([]).rows).toBe(0);
    // Nothing known is not "0 B": the status bar then shows no traffic at all.
    expect(sumTraffic([])).toEqual({ rows: 0, ...NO_TRAFFIC });
    expect(hasTraffic(sumTraffic([]))).toBe(false);
    expect(hasTraffic({ ...NO_TRAFFIC, receiveRate: 0 })).toBe(true);
  });
});
