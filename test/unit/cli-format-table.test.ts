// `list --format table` for people: traffic in human units, right-aligned like every number,
// '-' where unknown; and `list --help` names every field the JSON carries.
import { describe, expect, it } from 'vitest';
import { CONNECTION_FIELDS } from '../../shared/model';
import list from '../../electron/cli/commands/list';
import { DEFAULT_TABLE_COLUMNS, formatTable } from '../../electron/cli/format-table';
import { makeConnection } from '../support/connection-fixture';

describe('formatTable', () => {
  it('shows bytes, packets and rates as people read them, right-aligned', () => {
    const rows = [
      makeConnection({
        localPort: 40001,
        bytesSent: 1_234_567,
        bytesReceived: 999,
        packetsSent: 12_345,
        packetsReceived: 7,
        sendRate: 12_500,
        receiveRate: 0,
      }),
      makeConnection({ localPort: 40002, protocol: 'udp', state: null }),
    ];
    const text = formatTable(rows, [
      'localPort',
      'bytesSent',
      'bytesReceived',
      'packetsSent',
      'sendRate',
      'receiveRate',
    ]);
    expect(text).toBe(
      [
        'Local Port  Sent Bytes  Rcvd Bytes  Sent Packets  Send Rate  Receive Rate',
        '     40001      1.2 MB       999 B        12,345  12.5 KB/s         0 B/s',
        '     40002           -           -             -          -             -',
        '',
      ].join('\n'),
    );
  });

  it('has the traffic columns among its defaults', () => {
    expect(DEFAULT_TABLE_COLUMNS).toEqual(expect.arrayContaining(['bytesSent', 'bytesReceived']));
  });
});

describe('list --help', () => {
  it('names every field of the JSON', () => {
    for (const field of CONNECTION_FIELDS) expect(list.help).toMatch(new RegExp(`\\b${field}\\b`));
  });
});
