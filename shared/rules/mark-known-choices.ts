// The "Mark as known" choices for one row, for whichever menu shows them (the native row menu in
// main, or a renderer menu). Pure: each choice carries the exact request markKnown takes.
import type { MarkKnownRequest } from '../contract/rules';
import type { Connection } from '../model';

export interface MarkKnownChoice {
  label: string;
  request: MarkKnownRequest;
}

/** Listening or unconnected rows are known by their own port; connected rows by the far end. */
function portOfInterest(row: Connection): number {
  const listening = row.state === 'LISTEN' || row.remotePort === null;
  return listening ? row.localPort : (row.remotePort ?? row.localPort);
}

export function markKnownChoices(row: Connection): MarkKnownChoice[] {
  const choices: MarkKnownChoice[] = [];
  if (row.processPath !== null) {
    const name = row.processName ?? row.processPath;
    // A deleted or memory-only executable cannot be hashed: only its path can be trusted.
    if (!row.processPathDeleted && !row.processPath.startsWith('/memfd:')) {
      choices.push({
        label: `Process ${name} (this exact executable)`,
        request: { kind: 'process', rowId: row.id, by: 'hash' },
      });
    }
    choices.push({
      label: `Process ${name} (any executable at ${row.processPath})`,
      request: { kind: 'process', rowId: row.id, by: 'path' },
    });
  }
  if (row.remoteAddress !== null) {
    choices.push({
      label: `Remote address ${row.remoteAddress}`,
      request: { kind: 'remoteAddress', address: row.remoteAddress },
    });
  }
  const port = portOfInterest(row);
  if (port > 0) choices.push({ label: `Port ${port}`, request: { kind: 'port', port } });
  return choices;
}
