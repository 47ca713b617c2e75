// The one shape every platform backend produces and every consumer (grid, CLI JSON, exports) reads.
// Plain data only: it crosses IPC and worker boundaries by structured clone and is printed as JSON
// by `portscope list --format json`, so field names here are a documented, stable interface.

export type Protocol = 'tcp' | 'udp';
export type IpFamily = 4 | 6;

/**
 * TCP states as Linux names them (include/net/tcp_states.h); other platforms map onto these.
 * https://github.com/torvalds/linux/blob/master/include/net/tcp_states.h
 */
export const TCP_STATES = [
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'CLOSE',
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'CLOSING',
  'NEW_SYN_RECV',
  'BOUND_INACTIVE',
] as const;
export type TcpState = (typeof TCP_STATES)[number];

export type Severity = 'notice' | 'warning' | 'danger';

export interface SuspicionReason {
  /** Rule id, stable across versions (e.g. "deleted-executable"). */
  rule: string;
  /** One sentence a person can act on. */
  message: string;
}

export interface Suspicion {
  /** The highest severity among the reasons. */
  severity: Severity;
  reasons: SuspicionReason[];
}

/** Details of the process that owns a socket, as read from the OS. */
export interface ProcessInfo {
  pid: number;
  name: string;
  /** Executable path; null when it cannot be read (kernel thread, no permission). */
  path: string | null;
  /** The executable was deleted (or replaced) on disk while the process runs. */
  pathDeleted: boolean;
  commandLine: string | null;
  user: string | null;
  uid: number | null;
  parentPid: number | null;
  /** Process start, milliseconds since the Unix epoch. With pid, identifies one process. */
  startTime: number | null;
  /** Services the process hosts, by name, comma-separated (Windows; TCPView's Services). */
  services: string | null;
  /** From the executable's version resource (Windows; CurrPorts' version columns). */
  company: string | null;
  productName: string | null;
  fileDescription: string | null;
  fileVersion: string | null;
  /**
   * What could not be read about this process and why, in words a person can act on
   * ("path and command line hidden: run Portscope as administrator"); null when nothing is missing.
   */
  note: string | null;
}

/** ProcessInfo's fields that only some OSes fill, all unknown: spread into a Linux/lsof process. */
export const NO_PROCESS_EXTRAS = {
  services: null,
  company: null,
  productName: null,
  fileDescription: null,
  fileVersion: null,
  note: null,
} as const satisfies Partial<ProcessInfo>;

/** A socket as the OS reports it, before enrichment (what a platform backend returns). */
export interface RawSocket {
  protocol: Protocol;
  family: IpFamily;
  /** As people write it: IPv6 compressed (RFC 5952), IPv4-mapped IPv6 shown as IPv4. */
  localAddress: string;
  localPort: number;
  /** null for listeners and unconnected UDP sockets. */
  remoteAddress: string | null;
  remotePort: number | null;
  /** null for UDP. */
  state: TcpState | null;
  /** Kernel socket inode (Linux) or equivalent handle; null when the OS gives none (TIME_WAIT). */
  inode: number | null;
  /** Uid that owns the socket, known even when its process is not visible. */
  socketUid: number | null;
  /** null when the owner cannot be seen (another user's process without root). */
  pid: number | null;
  /**
   * Traffic counters of the socket since it was created, as the OS keeps them (Linux: tcp_info
   * through sock_diag; Windows: TCP extended statistics). null where the OS does not tell (UDP
   * on Linux, the /proc/net fallback, no privilege).
   */
  bytesSent: number | null;
  bytesReceived: number | null;
  packetsSent: number | null;
  packetsReceived: number | null;
}

/** RawSocket's traffic counters, all unknown: spread into a socket from a table without them. */
export const NO_TRAFFIC_COUNTERS = {
  bytesSent: null,
  bytesReceived: null,
  packetsSent: null,
  packetsReceived: null,
} as const satisfies Partial<RawSocket>;

/**
 * One row of the table: the socket as read (RawSocket) plus its process and what enrichers add.
 * Nullable fields are null when unknown or not applicable. JSON field order: CONNECTION_FIELDS.
 */
export interface Connection extends RawSocket {
  /** Stable across polls for the same socket: state changes keep the id. */
  id: string;
  processName: string | null;
  processPath: string | null;
  processPathDeleted: boolean;
  commandLine: string | null;
  /** Process owner, or the socket owner when the process is not visible. */
  user: string | null;
  parentPid: number | null;
  processStartTime: number | null;
  /** ProcessInfo's Windows extras and note, carried per row (null where not applicable). */
  services: string | null;
  company: string | null;
  productName: string | null;
  fileDescription: string | null;
  fileVersion: string | null;
  processNote: string | null;
  /**
   * Bytes per second over the last poll interval, from the counters above; null on a row's first
   * poll and where the counters are null.
   */
  sendRate: number | null;
  receiveRate: number | null;
  /** When Portscope first saw this row, milliseconds since the Unix epoch. */
  firstSeen: number;
  /** Service names from the services table ("https", "ssh"). */
  localPortName: string | null;
  remotePortName: string | null;
  /** Reverse DNS name of the remote address, when resolution is on and an answer came. */
  remoteHostName: string | null;
  /** ISO 3166-1 alpha-2 code from the offline IP database. */
  remoteCountry: string | null;
  remoteAsn: number | null;
  remoteAsOrg: string | null;
  suspicion: Suspicion | null;
}

// The Connection fields in groups, each written once; the documented order (CONNECTION_FIELDS) and
// the field sets compared by the diff and refreshed by enrichers are built from them.

/** The fields a row id is made of (electron/core/row-identity.ts): fixed for the row's life. */
const IDENTITY_FIELDS = [
  'id',
  'protocol',
  'family',
  'localAddress',
  'localPort',
  'remoteAddress',
  'remotePort',
] as const;

/** Fields the platform read fills (socket and owning process): they can change under one id. */
const READ_FIELDS = [
  'state',
  'inode',
  'socketUid',
  'pid',
  'processName',
  'processPath',
  'processPathDeleted',
  'commandLine',
  'user',
  'parentPid',
  'processStartTime',
  'services',
  'company',
  'productName',
  'fileDescription',
  'fileVersion',
  'processNote',
  'bytesSent',
  'bytesReceived',
  'packetsSent',
  'packetsReceived',
  'sendRate',
  'receiveRate',
] as const;

/** Fields filled after the platform read, by enrichers in the main process. */
export const ENRICHED_FIELDS = [
  'localPortName',
  'remotePortName',
  'remoteHostName',
  'remoteCountry',
  'remoteAsn',
  'remoteAsOrg',
  'suspicion',
] as const;
export type EnrichedFields = (typeof ENRICHED_FIELDS)[number];

/**
 * Every Connection field, in the documented order: the key order of `list --format json` and of
 * the JSON export. firstSeen is neither read nor enriched: it is carried over from the first poll.
 */
export const CONNECTION_FIELDS = [
  ...IDENTITY_FIELDS,
  ...READ_FIELDS,
  'firstSeen',
  ...ENRICHED_FIELDS,
] as const satisfies readonly (keyof Connection)[];

// Fails to compile when the model gains a field the lists lack.
type UnlistedField = Exclude<keyof Connection, (typeof CONNECTION_FIELDS)[number]>;
const everyFieldListed: [UnlistedField] extends [never] ? true : UnlistedField = true;
void everyFieldListed;

/**
 * Fields that can differ between two polls of the same row: not the identity fields (they make
 * the id) and not firstSeen (carried over by definition).
 */
export const CHANGEABLE_FIELDS = [...READ_FIELDS, ...ENRICHED_FIELDS] as const;

/** What changed between two polls, keyed by Connection.id. */
export interface ConnectionDelta {
  added: Connection[];
  updated: Connection[];
  removed: string[];
}

/** How the last poll went: shown in the status bar, printed by the CLI on problems. */
export interface PollStatus {
  /** Completion time of the last poll, ms since epoch; null before the first. */
  at: number | null;
  durationMs: number | null;
  intervalMs: number;
  paused: boolean;
  /** Lines of OS tables that could not be parsed in the last poll (skipped, not fatal). */
  malformedLines: number;
  /** True when the backend can see every process's sockets (root on Linux). */
  privileged: boolean;
  /** Problems a person can act on, e.g. "other users' sockets show as owner unknown: …". */
  warnings: string[];
}

export interface Snapshot {
  connections: Connection[];
  status: PollStatus;
}

/** Pushed to the renderer after every poll that changed something, and on status changes. */
export interface DeltaEvent extends ConnectionDelta {
  status: PollStatus;
}

export const POLL_INTERVALS_MS = [500, 1000, 2000, 5000, 10000] as const;
export type PollIntervalMs = (typeof POLL_INTERVALS_MS)[number];
