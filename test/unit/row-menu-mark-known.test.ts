// The "Mark as Known" entry of the right-click menu model: a submenu of the choices
// shared/rules markKnownChoices gives for the row, each carrying a request the markKnown channel
// accepts; disabled, with the reason, when it cannot name one thing.
import { describe, expect, it } from 'vitest';
import {
  buildRowMenu,
  markKnownMenuEntry,
  type RowMenuEntry,
} from '../../electron/core/actions/row-menu-model';
import { markKnownRequestSchema } from '../../shared/contract/rules';
import type { Connection } from '../../shared/model';
import { makeConnection } from '../support/connection-fixture';

function row(fields: Partial<Connection>): Connection {
  return makeConnection({
    id: 'tcp|4|127.0.0.1:40000|127.0.0.77:4444',
    remoteAddress: '127.0.0.77',
    remotePort: 4444,
    processName: 'nc',
    processPath: '/usr/bin/nc.openbsd',
    commandLine: 'nc 127.0.0.77 4444',
    user: 'alice',
    processStartTime: 1,
    firstSeen: 1,
    suspicion: {
      severity: 'warning',
      reasons: [{ rule: 'backdoor-port', message: 'Connected to remote port 4444' }],
    },
    ...fields,
  });
}

const linux = { os: 'linux' as const, selfPid: 99 };
const markKnownItem = (rows: Connection[]): RowMenuEntry =>
  buildRowMenu(rows, linux).find((entry) => entry.command === 'markKnown')!;

describe('Mark as Known in the row menu', () => {
  it('offers the process (by hash, by path), the remote address and the port of one row', () => {
    const connection = row({});
    const item = markKnownItem([connection]);
    expect(item).toMatchObject({ label: 'Mark as Known', enabled: true, separatorBefore: true });
    expect(item.submenu).toEqual([
      {
        label: 'Process nc (this exact executable)',
        request: { kind: 'process', rowId: connection.id, by: 'hash' },
      },
      {
        label: 'Process nc (any executable at /usr/bin/nc.openbsd)',
        request: { kind: 'process', rowId: connection.id, by: 'path' },
      },
      {
        label: 'Remote address 127.0.0.77',
        request: { kind: 'remoteAddress', address: '127.0.0.77' },
      },
      { label: 'Port 4444', request: { kind: 'port', port: 4444 } },
    ]);
    // Main sends each request to markKnown as is: the channel's own schema must accept it.
    for (const choice of item.submenu ?? []) {
      expect(markKnownRequestSchema.safeParse(choice.request).success).toBe(true);
    }
  });

  it('names a listener by its own port, and a deleted executable by path only', () => {
    const listener = row({
      id: 'tcp|4|0.0.0.0:31337|*',
      localAddress: '0.0.0.0',
      localPort: 31337,
      remoteAddress: null,
      remotePort: null,
      state: 'LISTEN',
      processPathDeleted: true,
    });
    expect(markKnownEntryRequests(listener)).toEqual([
      { kind: 'process', rowId: listener.id, by: 'path' },
      { kind: 'port', port: 31337 },
    ]);
  });

  it('offers only what is known of a row without a visible owner', () => {
    const hidden = row({ pid: null, processName: null, processPath: null, commandLine: null });
    expect(markKnownEntryRequests(hidden)).toEqual([
      { kind: 'remoteAddress', address: '127.0.0.77' },
      { kind: 'port', port: 4444 },
    ]);
  });

  it('is disabled, with the reason, for several rows or none', () => {
    expect(markKnownItem([row({}), row({ id: 'b', localPort: 40001 })])).toMatchObject({
      enabled: false,
      label: 'Mark as Known (select one row)',
    });
    expect(markKnownItem([row({}), row({ id: 'b' })]).submenu).toBeUndefined();
    expect(markKnownMenuEntry([])).toMatchObject({
      enabled: false,
      label: 'Mark as Known (nothing selected)',
    });
  });

  it('is disabled when the row names nothing (no owner, no peer, port 0)', () => {
    const nothing = row({
      pid: null,
      processName: null,
      processPath: null,
      remoteAddress: null,
      remotePort: null,
      localPort: 0,
      protocol: 'udp',
      state: null,
    });
    expect(markKnownMenuEntry([nothing])).toMatchObject({
      enabled: false,
      label: 'Mark as Known (no process, address or port to name)',
    });
  });
});

function markKnownEntryRequests(connection: Connection) {
  return (markKnownMenuEntry([connection]).submenu ?? []).map((choice) => choice.request);
}
