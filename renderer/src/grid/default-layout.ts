// The grid's default columns: which show, in what order, how wide, and which stay pinned on the
// left (Process and PID, so scrolling right never loses whose row it is). The shown set fits a
// 1280 px window with room for the scrollbar (test/unit/ux-grid-layout.test.ts adds it up; the
// e2e suite checks it in Chromium); every other column is one click away in the column chooser.
// "Reset columns" goes back to exactly this. Widths are for the widest common UI font (DejaVu
// Sans, what Debian's Chromium draws system-ui with): each shown header reads in full.
//
// The CLI's table and the exports have their own default (shared/columns.ts `visible`): a file
// has no width limit.
import { COLUMN_IDS, type ColumnId } from '../../../shared/columns';

export interface ColumnLayout {
  id: ColumnId;
  width: number;
  visible: boolean;
  pinned?: 'left';
}

/** Shown by default, in order. */
const SHOWN: readonly ColumnLayout[] = [
  { id: 'processName', width: 136, visible: true, pinned: 'left' },
  { id: 'pid', width: 62, visible: true, pinned: 'left' },
  { id: 'protocolLabel', width: 74, visible: true },
  { id: 'localAddress', width: 120, visible: true },
  { id: 'localPort', width: 86, visible: true },
  { id: 'remoteAddress', width: 128, visible: true },
  { id: 'remotePort', width: 102, visible: true },
  { id: 'remoteHostName', width: 148, visible: true },
  { id: 'state', width: 98, visible: true },
  { id: 'bytesSent', width: 90, visible: true },
  { id: 'bytesReceived', width: 92, visible: true },
  { id: 'suspicion', width: 120, visible: true },
];

/** Widths of the columns the chooser adds. */
const HIDDEN_WIDTHS: Partial<Record<ColumnId, number>> = {
  localPortName: 110,
  remotePortName: 120,
  remoteCountry: 70,
  remoteAsn: 80,
  remoteAsOrg: 170,
  user: 100,
  processPath: 240,
  commandLine: 320,
  processStartTime: 150,
  firstSeen: 150,
  packetsSent: 100,
  packetsReceived: 104,
  sendRate: 90,
  receiveRate: 104,
  services: 160,
  company: 160,
  productName: 160,
  fileDescription: 180,
  fileVersion: 110,
  parentPid: 86,
  inode: 90,
};

/** Every column: the shown ones first in their order, then the rest in shared/columns.ts order. */
export const DEFAULT_LAYOUT: readonly ColumnLayout[] = [
  ...SHOWN,
  ...COLUMN_IDS.filter((id) => !SHOWN.some((column) => column.id === id)).map(
    (id): ColumnLayout => ({ id, width: HIDDEN_WIDTHS[id] ?? 120, visible: false }),
  ),
];

export function defaultLayoutOf(id: ColumnId): ColumnLayout {
  const layout = DEFAULT_LAYOUT.find((column) => column.id === id);
  if (!layout) throw new Error(`No default layout for column ${id}`);
  return layout;
}

/** The window width the default columns are made to fit (the default window size). */
export const FIT_WIDTH_PX = 1280;

/** Room the layout leaves for the grid's vertical scrollbar and its border. */
export const SCROLLBAR_ALLOWANCE_PX = 18;
