// The rows' wire format (shared/wire.ts): each process's details once per message, rows naming
// them by index, decoded back into exactly the Connection rows that were encoded, through JSON
// as the test bridge sends them and as Electron's structured clone would.
import { describe, expect, it } from 'vitest';
import type { Connection, DeltaEvent, PollStatus } from '../../shared/model';
import {
  WireFormatError,
  decodeDelta,
  decodeRow,
  decodeSnapshot,
  encodeDelta,
  encodeSnapshot,
} from '../../shared/wire';
import { CONNECTION_FIELDS } from '../../shared/export';
import { makeConnection } from '../support/connection-fixture';

const status: PollStatus = {
  at: 1,
  durationMs: 2,
  intervalMs: 1000,
  paused: false,
  malformedLines: 0,
  privileged: true,
  warnings: [],
};

const longCommand = `java -cp ${'lib/x.jar:'.repeat(2000)} Main`;
function rowsOf(pid: number, count: number, fields: Partial<Connection> = {}): Connection[] {
  return Array.from({ length: count }, (_, i) =>
    makeConnection({
      id: `tcp|4|127.0.0.1:${10000 + i}|127.0.0.1:${pid}`,
      localPort: 10000 + i,
      pid,
      processName: `p${pid}`,
      commandLine: `${longCommand} ${pid}`,
      processStartTime: pid * 10,
      firstSeen: 5,
      ...fields,
    }),
  );
}

const through = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('wire format', () => {
  const rows = [
    ...rowsOf(1, 100),
    ...rowsOf(2, 3, { services: 'svc', processNote: 'note' }),
    // No visible owner: every process detail null.
    ...rowsOf(3, 2, { pid: null, processName: null, commandLine: null, processStartTime: null }),
  ];

  it('round-trips a snapshot exactly, field order included', () => {
    const wire = through(encodeSnapshot({ connections: rows, status }));
    const decoded = decodeSnapshot(wire);
    expect(decoded).toEqual({ connections: rows, status });
    expect(Object.keys(decoded.connections[0]!)).toEqual([...CONNECTION_FIELDS]);
  });

  it('carries each process once: the command line is sent once, not once per row', () => {
    const wire = encodeSnapshot({ connections: rows, status });
    expect(wire.processes).toHaveLength(3);
    const json = JSON.stringify(wire);
    expect(json.split('lib/x.jar:lib').length - 1).toBeLessThan(2 * 2000 + 1);
    const perRow = JSON.stringify({ connections: rows, status });
    expect(json.length).toBeLessThan(perRow.length / 15);
  });

  it('keeps a process whose rows disagree (details changed between polls) apart', () => {
    const renamed = [...rowsOf(7, 2), ...rowsOf(7, 1, { processName: 'renamed', id: 'other' })];
    const wire = encodeSnapshot({ connections: renamed, status });
    expect(wire.processes.map((p) => p.processName)).toEqual(['p7', 'renamed']);
    expect(decodeSnapshot(through(wire)).connections).toEqual(renamed);
  });

  it('round-trips a delta', () => {
    const delta: DeltaEvent = {
      added: rowsOf(4, 5),
      updated: rowsOf(1, 2, { state: 'CLOSE_WAIT' }),
      removed: ['gone'],
      status,
    };
    expect(decodeDelta(through(encodeDelta(delta)))).toEqual(delta);
  });

  it('refuses a row that names a process the message does not carry', () => {
    const wire = encodeSnapshot({ connections: rowsOf(1, 1), status });
    expect(() => decodeRow({ ...wire.connections[0]!, process: 5 }, wire.processes)).toThrow(
      WireFormatError,
    );
  });
});
