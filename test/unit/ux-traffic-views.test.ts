// Traffic in the window on fixture rows that carry counters (the Linux backend filling them is
// built in parallel; on this branch the real rows have none): sums per process and for the status
// bar, the Processes view's rows, the rate history Properties charts, the chart's geometry, and
// the Properties groups with traffic in human units.
import { describe, expect, it } from 'vitest';
import {
  propertiesText,
  propertyGroups,
} from '../../renderer/src/features/actions/properties-model';
import { NO_PROCESS_KEY, summarizeProcesses } from '../../renderer/src/processes/process-summary';
import { chartGeometry, niceTop } from '../../renderer/src/traffic/chart-geometry';
import { RateHistory } from '../../renderer/src/traffic/rate-history';
import { COLUMNS } from '../../shared/columns';
import type { Connection } from '../../shared/model';
import { makeConnection, UNOWNED } from '../support/connection-fixture';

const STARTED = 1_764_100_000_000;

function browserRow(port: number, fields: Partial<Connection> = {}): Connection {
  return makeConnection({
    localPort: port,
    remoteAddress: '142.250.185.78',
    remotePort: 443,
    pid: 5000,
    processName: 'firefox',
    processPath: '/usr/lib/firefox/firefox',
    processStartTime: STARTED,
    bytesSent: 1_000,
    bytesReceived: 2_000_000,
    packetsSent: 10,
    packetsReceived: 1_500,
    sendRate: 100,
    receiveRate: 50_000,
    ...fields,
  });
}

const rows: Connection[] = [
  browserRow(50001),
  browserRow(50002, { remoteAddress: '151.101.1.69', bytesSent: 500, sendRate: 0 }),
  browserRow(50003, {
    remoteAddress: null,
    remotePort: null,
    state: 'LISTEN',
    bytesSent: null,
    bytesReceived: null,
    packetsSent: null,
    packetsReceived: null,
    sendRate: null,
    receiveRate: null,
    suspicion: {
      severity: 'notice',
      reasons: [{ rule: 'all-interfaces-listener', message: 'Listens on all interfaces' }],
    },
  }),
  // The same pid, another start time: a reused pid is another process.
  browserRow(50004, {
    processStartTime: STARTED + 60_000,
    processName: 'nc',
    suspicion: {
      severity: 'warning',
      reasons: [{ rule: 'backdoor-port', message: 'Connected to port 4444' }],
    },
  }),
  makeConnection({ ...UNOWNED, localPort: 50005, state: 'TIME_WAIT' }),
];

describe('Processes view rows', () => {
  const summaries = summarizeProcesses(rows);

  it('one per process (pid and start time), and one for rows of no known process', () => {
    expect(summaries.map((s) => [s.key, s.processName, s.rows])).toEqual([
      [`5000|${STARTED}`, 'firefox', 3],
      [NO_PROCESS_KEY, null, 1],
      [`5000|${STARTED + 60_000}`, 'nc', 1],
    ]);
  });

  it('counts connections, listeners and distinct remote hosts, and sums traffic', () => {
    const firefox = summaries[0]!;
    expect(firefox).toMatchObject({
      connections: 2,
      listeners: 1,
      remoteHosts: 2,
      bytesSent: 1_500,
      bytesReceived: 4_000_000,
      sendRate: 100,
      receiveRate: 100_000,
    });
    // A process's totals are the sum of its rows.
    const own = rows.filter((row) => row.pid === 5000 && row.processStartTime === STARTED);
    expect(firefox.bytesReceived).toBe(own.reduce((sum, row) => sum + (row.bytesReceived ?? 0), 0));
    expect(firefox.rowIds).toEqual(own.map((row) => row.id));
  });

  it('carries the most severe suspicion of its rows', () => {
    expect(summaries[0]!.suspicion?.severity).toBe('notice');
    expect(summaries[2]!.suspicion).toEqual({
      severity: 'warning',
      reasons: [{ rule: 'backdoor-port', message: 'Connected to port 4444' }],
    });
    expect(summaries[1]!.suspicion).toBeNull();
    expect(summaries[1]!.user).toBeNull();
  });
});

describe('rate history', () => {
  it('keeps the last minute as steps, and the rate in force when the window begins', () => {
    const history = new RateHistory(60_000);
    history.record('a', 0, 100, 0);
    history.record('a', 30_000, 500, 10);
    history.record('a', 70_000, 0, 0);
    expect(history.pointsOf('a', 80_000)).toEqual([
      { at: 20_000, send: 100, receive: 0 },
      { at: 30_000, send: 500, receive: 10 },
      { at: 70_000, send: 0, receive: 0 },
    ]);
  });

  it('folds a run of equal rates into its ends, and forgets keys whose rates are unknown', () => {
    const history = new RateHistory(60_000);
    for (let t = 0; t <= 5_000; t += 1_000) history.record('b', t, 7, 7);
    expect(history.pointsOf('b', 5_000)).toEqual([
      { at: 0, send: 7, receive: 7 },
      { at: 5_000, send: 7, receive: 7 },
    ]);
    history.record('b', 6_000, null, null);
    expect(history.pointsOf('b', 6_000)).toEqual([]);
    history.record('c', 0, 1, 1);
    history.retain((key) => key !== 'c');
    expect(history.size).toBe(0);
  });
});

describe('rate chart geometry', () => {
  it('scales to a round top and draws each direction as steps up to now', () => {
    expect(niceTop(0)).toBe(1000);
    expect(niceTop(1234)).toBe(2000);
    expect(niceTop(48_000)).toBe(50_000);
    const geometry = chartGeometry(
      [
        { at: 0, send: 0, receive: 1000 },
        { at: 30_000, send: 2000, receive: 0 },
      ],
      60_000,
      300,
      60,
    );
    expect(geometry.top).toBe(2000);
    expect(geometry.send).toBe('M0 60H150V0H300');
    expect(geometry.receive).toBe('M0 30H150V60H300');
    expect(chartGeometry([], 1, 300, 60).send).toBe('');
  });
});

describe('Properties groups', () => {
  it('holds every column once, traffic in human units, technical details apart', () => {
    const row = browserRow(50001);
    const groups = propertyGroups(row);
    expect(groups.map((group) => group.id)).toEqual([
      'connection',
      'traffic',
      'process',
      'why',
      'technical',
    ]);
    const labels = groups.flatMap((group) => group.lines.map((line) => line.label));
    for (const column of COLUMNS) expect(labels.filter((l) => l === column.header)).toHaveLength(1);
    const traffic = groups.find((group) => group.id === 'traffic')!.lines;
    expect(traffic.find((line) => line.label === 'Rcvd Bytes')).toEqual({
      label: 'Rcvd Bytes',
      text: '2000000',
      shown: '2.0 MB (2,000,000 bytes)',
    });
    expect(traffic.find((line) => line.label === 'Receive Rate')?.shown).toBe('50.0 KB/s');
    // The row id and inode are there for who needs them, out of the way.
    const technical = groups.find((group) => group.id === 'technical')!.lines;
    expect(technical.map((line) => line.label)).toEqual(
      expect.arrayContaining(['Inode', 'Row Id', 'Services', 'Company']),
    );
    // Copy All: every line, exact values.
    expect(propertiesText(row).split('\n')).toContain('Rcvd Bytes\t2000000');
    expect(propertiesText(row).split('\n')).toHaveLength(labels.length);
  });

  it('says when counters are not known, and marks outside text', () => {
    const udp = makeConnection({ protocol: 'udp', state: null });
    const traffic = propertyGroups(udp).find((group) => group.id === 'traffic')!.lines;
    expect(traffic.find((line) => line.label === 'Sent Bytes')?.shown).toBe('not known');
    const process = propertyGroups(udp).find((group) => group.id === 'process')!.lines;
    expect(process.find((line) => line.label === 'Command Line')?.outside).toBe(true);
  });
});
