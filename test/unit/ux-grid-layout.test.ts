// The table's default columns (renderer/src/grid/default-layout.ts): they fit a 1280 px window
// with room for the scrollbar, Process and PID are first and pinned, Why and the traffic columns
// are among them, and every column of shared/columns.ts has a place.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LAYOUT,
  FIT_WIDTH_PX,
  SCROLLBAR_ALLOWANCE_PX,
} from '../../renderer/src/grid/default-layout';
import { COLUMN_IDS } from '../../shared/columns';

describe('default grid layout', () => {
  const shown = DEFAULT_LAYOUT.filter((column) => column.visible);

  it('fits 1280 px with the scrollbar', () => {
    const total = shown.reduce((sum, column) => sum + column.width, 0);
    expect(total).toBeLessThanOrEqual(FIT_WIDTH_PX - SCROLLBAR_ALLOWANCE_PX);
  });

  it('pins Process and PID first, and nothing else', () => {
    expect(shown.slice(0, 2).map((column) => [column.id, column.pinned])).toEqual([
      ['processName', 'left'],
      ['pid', 'left'],
    ]);
    expect(DEFAULT_LAYOUT.filter((column) => column.pinned).length).toBe(2);
  });

  it("shows TCPView's columns, the traffic and the reason", () => {
    expect(shown.map((column) => column.id)).toEqual(
      expect.arrayContaining([
        'protocolLabel',
        'localAddress',
        'localPort',
        'remoteAddress',
        'remotePort',
        'state',
        'bytesSent',
        'bytesReceived',
        'suspicion',
      ]),
    );
  });

  it('places every column once', () => {
    expect(DEFAULT_LAYOUT.map((column) => column.id).sort()).toEqual([...COLUMN_IDS].sort());
  });
});
