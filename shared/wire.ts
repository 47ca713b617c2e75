// How rows cross from main to the renderer: each message carries each process's details once,
// and its rows name them by index. A process with 100 sockets used to send its command line 100
// times (issue 13.6: a 200 KB command line on 100 sockets made 20 MB of JSON). Encoded in one
// place in main (electron/core/backend.ts: the snapshot and every delta), decoded in one place in
// the renderer (renderer/src/rows/live-table.ts, before the row store), so everything on either
// side still works with Connection rows. Plain data: survives structured clone and JSON alike.
import type { Connection, DeltaEvent, PollStatus, Snapshot } from './model';

/** The Connection fields that describe the owning process rather than the socket. */
export type ProcessDetails = Pick<
  Connection,
  | 'processName'
  | 'processPath'
  | 'processPathDeleted'
  | 'commandLine'
  | 'parentPid'
  | 'processStartTime'
  | 'services'
  | 'company'
  | 'productName'
  | 'fileDescription'
  | 'fileVersion'
  | 'processNote'
>;

/** A row without its process details; `process` indexes the message's `processes`. */
export type WireRow = Omit<Connection, keyof ProcessDetails> & { process: number };

export interface WireRows {
  /** Every distinct process of the message's rows, once. */
  processes: ProcessDetails[];
}

export interface WireSnapshot extends WireRows {
  connections: WireRow[];
  status: PollStatus;
}

export interface WireDelta extends WireRows {
  added: WireRow[];
  updated: WireRow[];
  removed: string[];
  status: PollStatus;
}

const PROCESS_KEYS = [
  'processName',
  'processPath',
  'processPathDeleted',
  'commandLine',
  'parentPid',
  'processStartTime',
  'services',
  'company',
  'productName',
  'fileDescription',
  'fileVersion',
  'processNote',
] as const satisfies readonly (keyof ProcessDetails)[];

// Fails to compile when ProcessDetails gains a field the list lacks.
type UnlistedKey = Exclude<keyof ProcessDetails, (typeof PROCESS_KEYS)[number]>;
const everyKeyListed: [UnlistedKey] extends [never] ? true : UnlistedKey = true;
void everyKeyListed;

function sameDetails(a: ProcessDetails, row: Connection): boolean {
  for (const key of PROCESS_KEYS) if (a[key] !== row[key]) return false;
  return true;
}

/** Builds one message's process table while its rows are encoded. */
class ProcessTable {
  readonly processes: ProcessDetails[] = [];
  /** pid + start time → indexes with those (normally one: a process has one set of details). */
  private readonly byProcess = new Map<string, number[]>();

  indexOf(row: Connection): number {
    const key = `${row.pid}|${row.processStartTime}`;
    let candidates = this.byProcess.get(key);
    if (candidates) {
      for (const index of candidates) if (sameDetails(this.processes[index]!, row)) return index;
    } else {
      candidates = [];
      this.byProcess.set(key, candidates);
    }
    const index = this.processes.length;
    this.processes.push({
      processName: row.processName,
      processPath: row.processPath,
      processPathDeleted: row.processPathDeleted,
      commandLine: row.commandLine,
      parentPid: row.parentPid,
      processStartTime: row.processStartTime,
      services: row.services,
      company: row.company,
      productName: row.productName,
      fileDescription: row.fileDescription,
      fileVersion: row.fileVersion,
      processNote: row.processNote,
    });
    candidates.push(index);
    return index;
  }

  encode(row: Connection): WireRow {
    const {
      processName: _processName,
      processPath: _processPath,
      processPathDeleted: _processPathDeleted,
      commandLine: _commandLine,
      parentPid: _parentPid,
      processStartTime: _processStartTime,
      services: _services,
      company: _company,
      productName: _productName,
      fileDescription: _fileDescription,
      fileVersion: _fileVersion,
      processNote: _processNote,
      ...socket
    } = row;
    return { ...socket, process: this.indexOf(row) };
  }
}

export function encodeSnapshot(snapshot: Snapshot): WireSnapshot {
  const table = new ProcessTable();
  const connections = snapshot.connections.map((row) => table.encode(row));
  return { processes: table.processes, connections, status: snapshot.status };
}

export function encodeDelta(delta: DeltaEvent): WireDelta {
  const table = new ProcessTable();
  const added = delta.added.map((row) => table.encode(row));
  const updated = delta.updated.map((row) => table.encode(row));
  return {
    processes: table.processes,
    added,
    updated,
    removed: delta.removed,
    status: delta.status,
  };
}

export class WireFormatError extends Error {
  override name = 'WireFormatError';
}

/** One row as a Connection again, its fields in the documented order (CONNECTION_FIELDS). */
export function decodeRow(row: WireRow, processes: readonly ProcessDetails[]): Connection {
  const details = processes[row.process];
  if (details === undefined) {
    throw new WireFormatError(`row ${row.id} names process ${row.process}, which is not sent`);
  }
  return {
    id: row.id,
    protocol: row.protocol,
    family: row.family,
    localAddress: row.localAddress,
    localPort: row.localPort,
    remoteAddress: row.remoteAddress,
    remotePort: row.remotePort,
    state: row.state,
    inode: row.inode,
    socketUid: row.socketUid,
    pid: row.pid,
    processName: details.processName,
    processPath: details.processPath,
    processPathDeleted: details.processPathDeleted,
    commandLine: details.commandLine,
    user: row.user,
    parentPid: details.parentPid,
    processStartTime: details.processStartTime,
    services: details.services,
    company: details.company,
    productName: details.productName,
    fileDescription: details.fileDescription,
    fileVersion: details.fileVersion,
    processNote: details.processNote,
    bytesSent: row.bytesSent,
    bytesReceived: row.bytesReceived,
    packetsSent: row.packetsSent,
    packetsReceived: row.packetsReceived,
    sendRate: row.sendRate,
    receiveRate: row.receiveRate,
    firstSeen: row.firstSeen,
    localPortName: row.localPortName,
    remotePortName: row.remotePortName,
    remoteHostName: row.remoteHostName,
    remoteCountry: row.remoteCountry,
    remoteAsn: row.remoteAsn,
    remoteAsOrg: row.remoteAsOrg,
    suspicion: row.suspicion,
  };
}

/** Rows `from` to `to` (exclusive) of a snapshot: the renderer loads 10,000 rows in batches. */
export function decodeSnapshotRows(wire: WireSnapshot, from = 0, to = Infinity): Connection[] {
  return wire.connections.slice(from, to).map((row) => decodeRow(row, wire.processes));
}

export function decodeSnapshot(wire: WireSnapshot): Snapshot {
  return { connections: decodeSnapshotRows(wire), status: wire.status };
}

export function decodeDelta(wire: WireDelta): DeltaEvent {
  return {
    added: wire.added.map((row) => decodeRow(row, wire.processes)),
    updated: wire.updated.map((row) => decodeRow(row, wire.processes)),
    removed: wire.removed,
    status: wire.status,
  };
}
