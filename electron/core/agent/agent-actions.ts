// Kill and close as the elevated agent does them. The window asks; the agent decides, against its
// own table (what it read with full privilege, not what the window says it shows) and with every
// refusal the window has (electron/core/actions: pid 1, kernel threads, itself, a reused pid,
// UDP, listeners, TIME_WAIT …), re-checking the process right before the signal. The window runs
// as the person, with a web renderer in it, so it is less trusted than the agent: at most it can
// ask for what the person could do in the window with the rights they granted.
import type { ActionOutcome } from '../../../shared/contract/actions';
import type { Connection } from '../../../shared/model';
import type { KillSignal, PlatformBackend } from '../../platform/types';
import { errorMessage, outcomeOf } from '../actions/action-outcome';
import { closeRefusal, findRow, normalizeTarget } from '../actions/close';
import { describeConnection, describeProcess } from '../actions/describe';
import { checkStillSame } from '../actions/kill';
import { protectedProcessReason, type SelfFacts } from '../actions/self-protection';

export interface AgentActionContext {
  platform: PlatformBackend;
  /** The agent's current table: the rows of its last poll. */
  rows(): Iterable<Connection>;
  self: SelfFacts;
}

export interface AgentActionResult {
  outcome: ActionOutcome;
  message: string;
}

export interface AgentKillRequest {
  pid: number;
  /** processStartTime of the pid as the window's row shows it. */
  startTime: number;
  signal: KillSignal;
}

export interface AgentCloseRequest {
  family: 4 | 6;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
}

const result = (outcome: ActionOutcome, message: string): AgentActionResult => ({
  outcome,
  message,
});

function firstRowOf(rows: Iterable<Connection>, pid: number): Connection | null {
  for (const row of rows) if (row.pid === pid) return row;
  return null;
}

export async function agentKill(
  ctx: AgentActionContext,
  request: AgentKillRequest,
): Promise<AgentActionResult> {
  const { pid } = request;
  if (pid <= 1) {
    const who = { pid, name: '', parentPid: null, startTime: null, executable: null };
    return result('refused', protectedProcessReason({ ...who, kernelThread: false }, ctx.self)!);
  }
  const row = firstRowOf(ctx.rows(), pid);
  if (!row) {
    return result(
      'refused',
      `pid ${pid} owns no connection in the agent's table: the agent only ends processes it shows.`,
    );
  }
  if (row.processStartTime !== request.startTime) {
    return result(
      'refused',
      `${describeProcess(row)} in the agent's table is not the process the window named (it ` +
        'started at another time: the pid was reused, or the window is behind). Nothing was done.',
    );
  }
  // Same start time now as in the table, not a protected process: read right before the signal.
  const refusal = await checkStillSame(ctx, row, ctx.self);
  if (refusal) return result(refusal.outcome, refusal.message);
  try {
    await ctx.platform.killProcess(pid, request.signal);
    return result('done', `Sent ${request.signal} to ${describeProcess(row)}.`);
  } catch (error) {
    return result(outcomeOf(error), errorMessage(error));
  }
}

export async function agentClose(
  ctx: AgentActionContext,
  request: AgentCloseRequest,
): Promise<AgentActionResult> {
  const target = normalizeTarget(request);
  const name = describeConnection(target);
  const row = findRow(ctx.rows(), target);
  if (!row || row.family !== request.family) {
    return result(
      'refused',
      `${name} is not a connection in the agent's table (it may have closed already): nothing was done.`,
    );
  }
  const refusal = closeRefusal(row);
  if (refusal) return result('refused', refusal);
  try {
    await ctx.platform.closeTcp({
      family: row.family,
      localAddress: row.localAddress,
      localPort: row.localPort,
      remoteAddress: row.remoteAddress as string,
      remotePort: row.remotePort as number,
    });
    return result('done', `Closed ${name}.`);
  } catch (error) {
    return result(outcomeOf(error), errorMessage(error));
  }
}
