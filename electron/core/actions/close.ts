// Closing TCP connections named by their 4-tuple. Only a tuple that is a connected TCP row of the
// current table is closed: the renderer is not trusted, and the exact tuple is what the person
// saw. The platform destroys it (sock_diag on Linux, SetTcpEntry on Windows); success is then
// confirmed by polling again and finding the row gone.
import {
  displayAddress,
  type ActionReport,
  type CloseTarget,
} from '../../../shared/contract/actions';
import type { Connection, TcpState } from '../../../shared/model';
import type { BackendContext } from '../context';
import {
  actionReport as report,
  confirmElevation,
  errorMessage,
  outcomeOf,
} from './action-outcome';
import { boundedList, describeConnection, describeProcess } from './describe';

/**
 * States with a live connection that the kernel can abort. LISTEN has none (kill the process);
 * TIME_WAIT, CLOSE and request sockets (SYN_RECV) are not full sockets SOCK_DESTROY can reach.
 */
export const CLOSABLE_STATES: ReadonlySet<TcpState> = new Set<TcpState>([
  'ESTABLISHED',
  'SYN_SENT',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'CLOSE_WAIT',
  'LAST_ACK',
  'CLOSING',
]);

/** Why this row cannot be closed, or null when it can. */
export function closeRefusal(row: Connection): string | null {
  if (row.protocol === 'udp') {
    return 'UDP has no connection to close (it is connectionless): kill the owning process instead.';
  }
  if (row.state === 'LISTEN') {
    return 'This is a listening socket, not a connection: kill the owning process to stop it.';
  }
  if (row.state === 'TIME_WAIT') {
    return 'This connection is already closed (TIME_WAIT): the kernel forgets it within a minute.';
  }
  if (row.state === null || !CLOSABLE_STATES.has(row.state) || row.remoteAddress === null) {
    return `A connection in state ${row.state ?? 'unknown'} cannot be closed.`;
  }
  return null;
}

function sameTuple(row: Connection, target: CloseTarget): boolean {
  return (
    row.localPort === target.localPort &&
    row.remotePort === target.remotePort &&
    row.localAddress === target.localAddress &&
    row.remoteAddress === target.remoteAddress
  );
}

/** The target with addresses written as the table writes them (IPv4-mapped as IPv4 …). */
export function normalizeTarget(target: CloseTarget): CloseTarget {
  return {
    ...target,
    localAddress: displayAddress(target.localAddress),
    remoteAddress: displayAddress(target.remoteAddress),
  };
}

/** The table's TCP row with exactly this tuple, else any row with it (a UDP one), else null. */
export function findRow(rows: Iterable<Connection>, target: CloseTarget): Connection | null {
  let other: Connection | null = null;
  for (const row of rows) {
    if (!sameTuple(row, target)) continue;
    if (row.protocol === 'tcp') return row;
    other ??= row;
  }
  return other;
}

function owner(row: Connection): string {
  return row.pid === null ? 'owner not visible' : describeProcess(row);
}

/** Close these connections (asks first unless the person turned that off). One report each. */
export async function closeConnections(
  ctx: BackendContext,
  targets: CloseTarget[],
): Promise<ActionReport[]> {
  const reports: ActionReport[] = [];
  const toClose: { index: number; row: Connection }[] = [];
  const seen = new Set<string>();
  for (const raw of targets) {
    const target = normalizeTarget(raw);
    const name = describeConnection(target);
    const key = name;
    if (seen.has(key)) continue;
    seen.add(key);
    const row = findRow(ctx.table.rows(), target);
    if (!row) {
      reports.push(
        report(
          name,
          'refused',
          `${name} is not a connection in the table (it may have closed already): nothing was done.`,
        ),
      );
      continue;
    }
    const refusal = closeRefusal(row);
    if (refusal) {
      reports.push(report(name, 'refused', refusal));
      continue;
    }
    reports.push(report(name, 'failed', 'Not attempted.'));
    toClose.push({ index: reports.length - 1, row });
  }
  if (toClose.length === 0) return reports;

  if (ctx.settings.get().actions.askBeforeClose) {
    const answer = await ctx.dialogs.confirm({
      title: 'Close Connection',
      message:
        toClose.length === 1
          ? `Close the connection ${describeConnection(toClose[0]!.row)} of ${owner(toClose[0]!.row)}?`
          : `Close these ${toClose.length} connections?`,
      detail:
        boundedList(toClose.map(({ row }) => `${describeConnection(row)}  ${owner(row)}`)) +
        '\n\nBoth ends see the connection reset; the program may reconnect.',
      confirmLabel: toClose.length === 1 ? 'Close Connection' : 'Close Connections',
      checkboxLabel: "Don't ask again",
    });
    if (!answer.confirmed) {
      for (const { index } of toClose) {
        reports[index] = {
          ...reports[index]!,
          outcome: 'cancelled',
          message: 'Cancelled: nothing was done.',
        };
      }
      return reports;
    }
    if (answer.checkboxChecked) {
      const current = ctx.settings.get().actions;
      await ctx.settings.update({ actions: { ...current, askBeforeClose: false } });
    }
  }

  const denied = await closeEach(ctx, toClose, reports, false);
  if (
    denied.length > 0 &&
    (await confirmElevation(ctx, {
      message:
        denied.length === 1
          ? `Portscope is not permitted to close ${describeConnection(denied[0]!.row)}.`
          : `Portscope is not permitted to close ${denied.length} of these connections.`,
      detail:
        "Closing another program's connection needs administrator rights. Retry this one " +
        'action with them (pkexec asks for a password)? Portscope itself keeps running as you.',
    }))
  ) {
    await closeEach(ctx, denied, reports, true);
  }

  try {
    await ctx.refreshNow();
  } catch {
    return reports;
  }
  // The OS said it closed: the fresh table must agree (a destroyed socket leaves the table).
  for (const { index, row } of toClose) {
    const entry = reports[index]!;
    const still = ctx.table.get(row.id);
    if (entry.ok && still && still.state !== null && CLOSABLE_STATES.has(still.state)) {
      reports[index] = report(
        entry.target,
        'failed',
        `The OS reported ${entry.target} closed, but it is still listed (${still.state}).`,
      );
    }
  }
  return reports;
}

/** Close each one; returns those the OS refused (for an elevated retry). */
async function closeEach(
  ctx: BackendContext,
  items: { index: number; row: Connection }[],
  reports: ActionReport[],
  elevate: boolean,
): Promise<{ index: number; row: Connection }[]> {
  const denied: { index: number; row: Connection }[] = [];
  for (const item of items) {
    const { row, index } = item;
    const name = reports[index]!.target;
    try {
      await ctx.platform.closeTcp(
        {
          family: row.family,
          localAddress: row.localAddress,
          localPort: row.localPort,
          remoteAddress: row.remoteAddress as string,
          remotePort: row.remotePort as number,
        },
        { elevate },
      );
      reports[index] = report(name, 'done', `Closed ${name} (${owner(row)}).`);
    } catch (error) {
      const outcome = outcomeOf(error);
      if (outcome === 'not-permitted' && !elevate) denied.push(item);
      reports[index] = report(name, outcome, errorMessage(error));
    }
  }
  return denied;
}
