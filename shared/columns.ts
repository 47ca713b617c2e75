// The table's columns, shared by the grid (renderer), every export format and the CLI's table
// output, so that "export the visible columns in their order" means the same thing everywhere.
// A column id is the Connection field it shows, except "protocolLabel" which combines two fields.
import type { Connection } from './model';

export interface ColumnDef {
  id: ColumnId;
  /** Header shown in the grid and written as the header row of CSV/TSV/HTML/TXT exports. */
  header: string;
  /** Shown by default (a person can show the others from the column menu). */
  visible: boolean;
  /** Plain text for copy, CSV, TSV, TXT and HTML cells. */
  text(row: Connection): string;
}

/** "TCP", "TCPv6", "UDP", "UDPv6": TCPView's protocol column. */
export function protocolLabel(row: Pick<Connection, 'protocol' | 'family'>): string {
  return `${row.protocol.toUpperCase()}${row.family === 6 ? 'v6' : ''}`;
}

/** Local time as "2026-11-25 21:46:00", sortable as text and readable in every locale. */
export function formatTimestamp(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

const str = (value: string | number | null): string => (value === null ? '' : String(value));
/** Bytes per second, whole (a rate's fraction of a byte is noise). */
const rateText = (value: number | null): string =>
  value === null ? '' : String(Math.round(value));

export const COLUMNS = [
  { id: 'processName', header: 'Process', visible: true, text: (r) => str(r.processName) },
  { id: 'pid', header: 'PID', visible: true, text: (r) => str(r.pid) },
  { id: 'protocolLabel', header: 'Protocol', visible: true, text: (r) => protocolLabel(r) },
  { id: 'localAddress', header: 'Local Address', visible: true, text: (r) => r.localAddress },
  { id: 'localPort', header: 'Local Port', visible: true, text: (r) => String(r.localPort) },
  {
    id: 'localPortName',
    header: 'Local Port Name',
    visible: false,
    text: (r) => str(r.localPortName),
  },
  {
    id: 'remoteAddress',
    header: 'Remote Address',
    visible: true,
    text: (r) => str(r.remoteAddress),
  },
  { id: 'remotePort', header: 'Remote Port', visible: true, text: (r) => str(r.remotePort) },
  {
    id: 'remotePortName',
    header: 'Remote Port Name',
    visible: false,
    text: (r) => str(r.remotePortName),
  },
  {
    id: 'remoteHostName',
    header: 'Remote Host Name',
    visible: true,
    text: (r) => str(r.remoteHostName),
  },
  { id: 'state', header: 'State', visible: true, text: (r) => str(r.state) },
  { id: 'remoteCountry', header: 'Country', visible: true, text: (r) => str(r.remoteCountry) },
  {
    id: 'remoteAsn',
    header: 'ASN',
    visible: false,
    text: (r) => (r.remoteAsn === null ? '' : `AS${r.remoteAsn}`),
  },
  { id: 'remoteAsOrg', header: 'Network Owner', visible: true, text: (r) => str(r.remoteAsOrg) },
  {
    id: 'suspicion',
    header: 'Why',
    visible: true,
    text: (r) =>
      r.suspicion ? r.suspicion.reasons.map((reason) => reason.message).join('; ') : '',
  },
  { id: 'user', header: 'User', visible: true, text: (r) => str(r.user) },
  { id: 'processPath', header: 'Process Path', visible: true, text: (r) => str(r.processPath) },
  { id: 'commandLine', header: 'Command Line', visible: true, text: (r) => str(r.commandLine) },
  {
    id: 'processStartTime',
    header: 'Started',
    visible: true,
    text: (r) => formatTimestamp(r.processStartTime),
  },
  {
    id: 'firstSeen',
    header: 'First Seen',
    visible: true,
    text: (r) => formatTimestamp(r.firstSeen),
  },
  // Traffic (TCPView's Sent/Rcvd columns): exact numbers here, for copy and CSV; the grid and the
  // text table show them in human units (shared/units.ts).
  { id: 'bytesSent', header: 'Sent Bytes', visible: true, text: (r) => str(r.bytesSent) },
  {
    id: 'bytesReceived',
    header: 'Rcvd Bytes',
    visible: true,
    text: (r) => str(r.bytesReceived),
  },
  { id: 'packetsSent', header: 'Sent Packets', visible: false, text: (r) => str(r.packetsSent) },
  {
    id: 'packetsReceived',
    header: 'Rcvd Packets',
    visible: false,
    text: (r) => str(r.packetsReceived),
  },
  { id: 'sendRate', header: 'Send Rate', visible: false, text: (r) => rateText(r.sendRate) },
  {
    id: 'receiveRate',
    header: 'Receive Rate',
    visible: false,
    text: (r) => rateText(r.receiveRate),
  },
  // What Windows tells about a process (TCPView's Services, CurrPorts' version columns).
  { id: 'services', header: 'Services', visible: false, text: (r) => str(r.services) },
  { id: 'company', header: 'Company', visible: false, text: (r) => str(r.company) },
  { id: 'productName', header: 'Product Name', visible: false, text: (r) => str(r.productName) },
  {
    id: 'fileDescription',
    header: 'File Description',
    visible: false,
    text: (r) => str(r.fileDescription),
  },
  { id: 'fileVersion', header: 'File Version', visible: false, text: (r) => str(r.fileVersion) },
  { id: 'parentPid', header: 'Parent PID', visible: false, text: (r) => str(r.parentPid) },
  { id: 'inode', header: 'Inode', visible: false, text: (r) => str(r.inode) },
] as const satisfies readonly ColumnDef[];

export type ColumnId =
  | Exclude<
      keyof Connection,
      'id' | 'protocol' | 'family' | 'socketUid' | 'processPathDeleted' | 'processNote'
    >
  | 'protocolLabel';

export const COLUMN_IDS = COLUMNS.map((column) => column.id) as ColumnId[];

/**
 * Text that comes from outside and a person reads as a name or path: a process can name itself
 * anything, a PTR record can hold anything, Windows version resources too. Wherever the window
 * shows it (grid, Properties), hidden characters are revealed and marked (shared/visible-text.ts).
 */
export const OUTSIDE_TEXT_COLUMNS: ReadonlySet<ColumnId> = new Set<ColumnId>([
  'processName',
  'processPath',
  'commandLine',
  'user',
  'remoteHostName',
  'remoteAsOrg',
  'services',
  'company',
  'productName',
  'fileDescription',
  'fileVersion',
]);

export function isColumnId(value: string): value is ColumnId {
  return (COLUMN_IDS as string[]).includes(value);
}

export function columnById(id: ColumnId): ColumnDef {
  const column = (COLUMNS as readonly ColumnDef[]).find((c) => c.id === id);
  if (!column) throw new Error(`Unknown column ${id}`);
  return column;
}
