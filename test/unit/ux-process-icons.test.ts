// Which file main asks the icon source about for a pid (electron/core/process-icons.ts): the
// executable of the process in the table, never a deleted one (its path may hold another file
// now), one request per executable however many processes run it, and nothing for a pid the table
// does not hold.
import { describe, expect, it } from 'vitest';
import type { ConnectionTableView } from '../../electron/core/context';
import { attachFileIconSource, createProcessIconHandlers } from '../../electron/core/process-icons';
import type { Connection } from '../../shared/model';
import { makeConnection } from '../support/connection-fixture';

function tableOf(rows: Connection[]): { table: ConnectionTableView } {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return {
    table: { get: (id) => byId.get(id), rows: () => byId.values(), size: byId.size },
  };
}

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

describe('getProcessIcons', () => {
  it('asks once per executable, skips deleted executables and pids not in the table', async () => {
    const context = tableOf([
      makeConnection({ id: 'a1', pid: 100, processPath: '/usr/bin/firefox', localPort: 1 }),
      makeConnection({ id: 'a2', pid: 101, processPath: '/usr/bin/firefox', localPort: 2 }),
      makeConnection({ id: 'd', pid: 102, processPath: '/tmp/x', processPathDeleted: true }),
      makeConnection({ id: 'n', pid: 103, processPath: null, localPort: 4 }),
      makeConnection({ id: 'r', pid: 104, processPath: 'relative/path', localPort: 5 }),
    ]);
    const asked: string[] = [];
    attachFileIconSource(context, {
      async iconForFile(path) {
        asked.push(path);
        return PNG;
      },
    });
    const { getProcessIcons } = createProcessIconHandlers(context);
    expect(await getProcessIcons([100, 101, 102, 103, 104, 999])).toEqual([
      { pid: 100, icon: PNG },
      { pid: 101, icon: PNG },
      { pid: 102, icon: null },
      { pid: 103, icon: null },
      { pid: 104, icon: null },
      { pid: 999, icon: null },
    ]);
    expect(asked).toEqual(['/usr/bin/firefox']);
  });

  it('answers null when the source fails or has no icon', async () => {
    const context = tableOf([makeConnection({ id: 'a', pid: 200, processPath: '/usr/bin/a' })]);
    attachFileIconSource(context, {
      iconForFile: async () => {
        throw new Error('no icon theme');
      },
    });
    expect(await createProcessIconHandlers(context).getProcessIcons([200])).toEqual([
      { pid: 200, icon: null },
    ]);
  });
});
