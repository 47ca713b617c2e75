// What Properties shows, grouped as a person reads it: the connection, its traffic, the process,
// why it is flagged, and (folded away) the technical details such as the row id and inode. Every
// field of the row is in one of the groups, so "Copy All" and the panel agree. Pure: the values
// are plain text here; the panel marks hidden characters and formats traffic.
import { COLUMNS, OUTSIDE_TEXT_COLUMNS, type ColumnId } from '../../../../shared/columns';
import type { Connection } from '../../../../shared/model';
import { ruleById } from '../../../../shared/rules/engine';
import { formatBytes, formatCount, formatRate } from '../../../../shared/units';
import { SEVERITY_LABEL } from '../rules/severity';

export interface PropertyLine {
  label: string;
  /** Exact text, as copied. */
  text: string;
  /** As shown, when it differs (traffic in human units with the exact number after it). */
  shown?: string;
  /** Text from outside the app (names, paths): shown with hidden characters revealed. */
  outside?: boolean;
}

export interface PropertyGroup {
  id: 'connection' | 'traffic' | 'process' | 'why' | 'technical';
  title: string;
  lines: PropertyLine[];
}

const GROUP_OF: Record<ColumnId, PropertyGroup['id']> = {
  protocolLabel: 'connection',
  localAddress: 'connection',
  localPort: 'connection',
  localPortName: 'connection',
  remoteAddress: 'connection',
  remotePort: 'connection',
  remotePortName: 'connection',
  remoteHostName: 'connection',
  state: 'connection',
  remoteCountry: 'connection',
  remoteAsn: 'connection',
  remoteAsOrg: 'connection',
  firstSeen: 'connection',
  bytesSent: 'traffic',
  bytesReceived: 'traffic',
  packetsSent: 'traffic',
  packetsReceived: 'traffic',
  sendRate: 'traffic',
  receiveRate: 'traffic',
  processName: 'process',
  pid: 'process',
  processPath: 'process',
  commandLine: 'process',
  user: 'process',
  parentPid: 'process',
  processStartTime: 'process',
  services: 'process',
  company: 'process',
  productName: 'process',
  fileDescription: 'process',
  fileVersion: 'process',
  suspicion: 'why',
  inode: 'technical',
};

/** Windows-only fields: with the process when the OS filled them, else in the details. */
const ONLY_WHEN_KNOWN: ReadonlySet<ColumnId> = new Set([
  'services',
  'company',
  'productName',
  'fileDescription',
  'fileVersion',
]);

function trafficShown(id: ColumnId, row: Connection): string | undefined {
  switch (id) {
    case 'bytesSent':
    case 'bytesReceived': {
      const value = row[id];
      return value === null ? 'not known' : `${formatBytes(value)} (${formatCount(value)} bytes)`;
    }
    case 'packetsSent':
    case 'packetsReceived':
      return row[id] === null ? 'not known' : formatCount(row[id]);
    case 'sendRate':
    case 'receiveRate':
      return row[id] === null ? 'not known yet' : formatRate(row[id]);
    default:
      return undefined;
  }
}

/** The groups of one row; empty groups (no Windows extras, nothing flagged) are left out. */
export function propertyGroups(row: Connection): PropertyGroup[] {
  const groups: PropertyGroup[] = [
    { id: 'connection', title: 'Connection', lines: [] },
    { id: 'traffic', title: 'Traffic', lines: [] },
    { id: 'process', title: 'Process', lines: [] },
    { id: 'why', title: 'Why it is flagged', lines: [] },
    { id: 'technical', title: 'Technical details', lines: [] },
  ];
  const group = (id: PropertyGroup['id']) => groups.find((g) => g.id === id)!;
  for (const column of COLUMNS) {
    const text = column.text(row);
    // Windows-only fields the OS did not fill: with the technical details, out of the way.
    const groupId =
      ONLY_WHEN_KNOWN.has(column.id) && text === '' ? 'technical' : GROUP_OF[column.id];
    const shown =
      column.id === 'processPath' && row.processPathDeleted && text !== ''
        ? `${text} (deleted)`
        : column.id === 'suspicion'
          ? row.suspicion
            ? `${SEVERITY_LABEL[row.suspicion.severity]}: ${row.suspicion.reasons.length} ${row.suspicion.reasons.length === 1 ? 'reason' : 'reasons'}`
            : 'Nothing suspicious'
          : trafficShown(column.id, row);
    group(groupId).lines.push({
      label: column.header,
      text,
      ...(shown !== undefined ? { shown } : {}),
      ...(OUTSIDE_TEXT_COLUMNS.has(column.id) ? { outside: true } : {}),
    });
  }
  if (row.processNote) {
    group('process').lines.push({ label: 'Note', text: row.processNote, outside: true });
  }
  // Each reason with what its rule means and when it is harmless, one line each.
  for (const reason of row.suspicion?.reasons ?? []) {
    const rule = ruleById(reason.rule);
    group('why').lines.push({
      label: `Why: ${rule?.title ?? reason.rule}`,
      text: rule ? `${reason.message}. ${rule.explanation}` : reason.message,
    });
  }
  const technical = group('technical');
  technical.lines.push({ label: 'Family', text: `IPv${row.family}` });
  technical.lines.push({
    label: 'Socket Owner UID',
    text: row.socketUid === null ? '' : String(row.socketUid),
  });
  technical.lines.push({
    label: 'Executable Deleted',
    text: row.processPathDeleted ? 'yes' : 'no',
  });
  technical.lines.push({ label: 'Row Id', text: row.id });
  return groups.filter((g) => g.lines.length > 0);
}

/** "Copy All": every line as "Label<TAB>text", in the panel's order. */
export function propertiesText(row: Connection): string {
  return propertyGroups(row)
    .flatMap((group) => group.lines.map((line) => `${line.label}\t${line.text}`))
    .join('\n');
}
