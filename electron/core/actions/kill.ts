// Ending the processes that own rows of the table. The renderer is not trusted, so every pid is
// checked here against the current table and against /proc right before the signal:
//   - it must own a row in the table (Portscope ends only processes it shows);
//   - it must still be the same process: its start time now equals the row's processStartTime,
//     so a pid reused by a stranger after the original exited is never signalled;
//   - never pid 0/1, kernel threads, or Portscope itself.
// Polite first (SIGTERM); whoever is still running after a few seconds is offered a forced kill.
import type { ActionOutcome, ActionReport } from '../../../shared/contract/actions';
import type { Connection } from '../../../shared/model';
import type { KillSignal, ProcessIdentity } from '../../platform/types';
import type { BackendContext } from '../context';
import { actionReport, confirmElevation, errorMessage, outcomeOf } from './action-outcome';
import { boundedList, describeProcess, processDetailLine } from './describe';
import { protectedProcessReason, type SelfFacts } from './self-protection';

export interface KillOptions {
  self: SelfFacts;
  /** How long a process gets to exit after SIGTERM before a forced kill is offered. */
  termWaitMs: number;
  /** How long to wait for the exit after SIGKILL (it cannot be ignored; this is for slow reaps). */
  killWaitMs: number;
  pollMs: number;
}

export const defaultKillTimings = { termWaitMs: 3000, killWaitMs: 2000, pollMs: 100 };

interface Candidate {
  pid: number;
  row: Connection;
  /** Signal through pkexec (after the person agreed to retry with elevation). */
  elevate: boolean;
}

function report(
  row: Pick<Connection, 'pid' | 'processName'>,
  outcome: ActionOutcome,
  message: string,
): ActionReport {
  return actionReport(describeProcess(row), outcome, message);
}

/** The rows of each pid in the table, first row first (they share process details). */
function rowsByPid(ctx: BackendContext): Map<number, Connection> {
  const byPid = new Map<number, Connection>();
  for (const row of ctx.table.rows()) {
    if (row.pid !== null && !byPid.has(row.pid)) byPid.set(row.pid, row);
  }
  return byPid;
}

/**
 * Null when `pid` may be signalled now; otherwise the report explaining why not. Also the elevated
 * agent's own check (core/agent/agent-actions.ts), against the agent's table.
 */
export async function checkStillSame(
  ctx: Pick<BackendContext, 'platform'>,
  row: Connection,
  self: SelfFacts,
): Promise<ActionReport | null> {
  const pid = row.pid as number;
  if (pid <= 1) {
    return report(row, 'refused', protectedProcessReason(pidOnly(pid), self) ?? '');
  }
  let who: ProcessIdentity | null;
  try {
    who = await ctx.platform.readProcessIdentity(pid);
  } catch (error) {
    return report(row, 'failed', errorMessage(error));
  }
  if (who === null) {
    return report(row, 'already-gone', `${describeProcess(row)} has already exited.`);
  }
  if (row.processStartTime === null || who.startTime === null) {
    return report(
      row,
      'refused',
      `Portscope could not read when ${describeProcess(row)} started, so it cannot make sure ` +
        'the pid still belongs to the same process: nothing was done.',
    );
  }
  if (who.startTime !== row.processStartTime) {
    return report(
      row,
      'refused',
      `pid ${pid} now belongs to a different process (${who.name}, started ` +
        `${new Date(who.startTime).toISOString()}) than the one in the table: the original has ` +
        'exited and its pid was reused. Nothing was done.',
    );
  }
  const protectedReason = protectedProcessReason(who, self);
  if (protectedReason !== null) return report(row, 'refused', protectedReason);
  return null;
}

function pidOnly(pid: number): ProcessIdentity {
  return { pid, name: '', parentPid: null, startTime: null, executable: null, kernelThread: false };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** True when the process with this pid and start time no longer runs. */
async function hasExited(ctx: BackendContext, row: Connection): Promise<boolean> {
  try {
    const who = await ctx.platform.readProcessIdentity(row.pid as number);
    return who === null || who.startTime !== row.processStartTime;
  } catch {
    return false;
  }
}

/** Wait until each candidate has exited or `waitMs` passed; returns those still running. */
async function waitForExit(
  ctx: BackendContext,
  candidates: Candidate[],
  waitMs: number,
  pollMs: number,
): Promise<Candidate[]> {
  let running = candidates;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const still: Candidate[] = [];
    for (const candidate of running) {
      if (!(await hasExited(ctx, candidate.row))) still.push(candidate);
    }
    running = still;
    if (running.length === 0 || Date.now() >= deadline) return running;
    await delay(pollMs);
  }
}

/**
 * Re-check and signal each candidate. Returns the ones signalled, the ones the OS refused
 * (AccessDenied), and final reports for everything else.
 */
async function signalAll(
  ctx: BackendContext,
  candidates: Candidate[],
  signal: KillSignal,
  self: SelfFacts,
  reports: Map<number, ActionReport>,
): Promise<{ signalled: Candidate[]; denied: Candidate[] }> {
  const signalled: Candidate[] = [];
  const denied: Candidate[] = [];
  for (const candidate of candidates) {
    // Re-checked right before the signal: the confirmation may have been open for minutes.
    const refusal = await checkStillSame(ctx, candidate.row, self);
    if (refusal) {
      reports.set(candidate.pid, refusal);
      continue;
    }
    try {
      await ctx.platform.killProcess(candidate.pid, signal, {
        elevate: candidate.elevate,
        startTime: candidate.row.processStartTime,
      });
      signalled.push(candidate);
    } catch (error) {
      const outcome = outcomeOf(error);
      if (outcome === 'not-permitted' && !candidate.elevate) denied.push(candidate);
      reports.set(candidate.pid, report(candidate.row, outcome, errorMessage(error)));
    }
  }
  return { signalled, denied };
}

async function offerElevation(ctx: BackendContext, denied: Candidate[]): Promise<Candidate[]> {
  if (denied.length === 0) return [];
  const confirmed = await confirmElevation(ctx, {
    message:
      denied.length === 1
        ? `Portscope is not permitted to end ${describeProcess(denied[0]!.row)}.`
        : `Portscope is not permitted to end ${denied.length} of these processes.`,
    detail:
      'They belong to another user. Retry this one action with administrator rights ' +
      '(pkexec asks for a password)? Portscope itself keeps running as you.\n\n' +
      boundedList(denied.map((c) => processDetailLine(c.row))),
  });
  if (!confirmed) return [];
  return denied.map((candidate) => ({ ...candidate, elevate: true }));
}

/** Signal, retry with elevation where refused and the person agrees, then wait for the exits. */
async function signalAndWait(
  ctx: BackendContext,
  candidates: Candidate[],
  signal: KillSignal,
  options: KillOptions,
  reports: Map<number, ActionReport>,
): Promise<Candidate[]> {
  const first = await signalAll(ctx, candidates, signal, options.self, reports);
  let signalled = first.signalled;
  const retry = await offerElevation(ctx, first.denied);
  if (retry.length > 0) {
    const second = await signalAll(ctx, retry, signal, options.self, reports);
    signalled = [...signalled, ...second.signalled];
  }
  const waitMs = signal === 'SIGTERM' ? options.termWaitMs : options.killWaitMs;
  const running = await waitForExit(ctx, signalled, waitMs, options.pollMs);
  const verb = signal === 'SIGTERM' ? 'Ended' : 'Force-killed';
  for (const candidate of signalled) {
    if (!running.includes(candidate)) {
      reports.set(
        candidate.pid,
        report(candidate.row, 'done', `${verb} ${describeProcess(candidate.row)}.`),
      );
    }
  }
  return running;
}

/**
 * Kill the processes with these pids (each once, however many rows it owns). `force` sends
 * SIGKILL at once; otherwise SIGTERM, then a forced kill is offered for whoever is still running.
 * Returns one report per distinct pid, in the order asked.
 */
export async function killProcesses(
  ctx: BackendContext,
  pids: number[],
  force: boolean,
  options: KillOptions,
): Promise<ActionReport[]> {
  const order = [...new Set(pids)];
  const reports = new Map<number, ActionReport>();
  const table = rowsByPid(ctx);
  const candidates: Candidate[] = [];
  for (const pid of order) {
    const row = table.get(pid);
    if (pid <= 1) {
      const reason = protectedProcessReason(pidOnly(pid), options.self) ?? '';
      reports.set(pid, report({ pid, processName: row?.processName ?? null }, 'refused', reason));
      continue;
    }
    if (!row) {
      reports.set(
        pid,
        report(
          { pid, processName: null },
          'refused',
          `pid ${pid} owns no connection in the table: Portscope only ends processes it shows.`,
        ),
      );
      continue;
    }
    const refusal = await checkStillSame(ctx, row, options.self);
    if (refusal) reports.set(pid, refusal);
    else candidates.push({ pid, row, elevate: false });
  }

  if (candidates.length > 0) {
    const confirmed =
      !ctx.settings.get().actions.askBeforeKill ||
      (await confirmKill(ctx, candidates, force)).confirmed;
    if (!confirmed) {
      for (const { pid, row } of candidates) {
        reports.set(pid, report(row, 'cancelled', 'Cancelled: nothing was done.'));
      }
    } else {
      const running = await signalAndWait(
        ctx,
        candidates,
        force ? 'SIGKILL' : 'SIGTERM',
        options,
        reports,
      );
      if (running.length > 0) await offerForcedKill(ctx, running, options, reports);
      await refreshQuietly(ctx);
    }
  }
  return order.map((pid) => reports.get(pid)!);
}

function confirmKill(ctx: BackendContext, candidates: Candidate[], force: boolean) {
  const first = candidates[0]!.row;
  const verb = force ? 'Force kill' : 'Kill';
  return ctx.dialogs.confirm({
    title: force ? 'Force Kill Process' : 'Kill Process',
    message:
      candidates.length === 1
        ? `${verb} ${describeProcess(first)}?`
        : `${verb} these ${candidates.length} processes?`,
    detail:
      boundedList(candidates.map((c) => processDetailLine(c.row))) +
      '\n\nUnsaved work in ' +
      (candidates.length === 1 ? 'this program' : 'these programs') +
      ' will be lost.',
    confirmLabel: force
      ? 'Force Kill'
      : candidates.length === 1
        ? 'Kill Process'
        : 'Kill Processes',
  });
}

async function offerForcedKill(
  ctx: BackendContext,
  running: Candidate[],
  options: KillOptions,
  reports: Map<number, ActionReport>,
): Promise<void> {
  const seconds = Math.round(options.termWaitMs / 1000);
  const answer = await ctx.dialogs.confirm({
    title: 'Still Running',
    message:
      running.length === 1
        ? `${describeProcess(running[0]!.row)} is still running ${seconds} s after it was asked to end.`
        : `${running.length} processes are still running ${seconds} s after they were asked to end.`,
    detail:
      'Force them to end (SIGKILL)? They get no chance to save anything.\n\n' +
      boundedList(running.map((c) => processDetailLine(c.row))),
    confirmLabel: 'Force Kill',
  });
  if (!answer.confirmed) {
    for (const { pid, row } of running) {
      reports.set(
        pid,
        report(
          row,
          'still-running',
          `${describeProcess(row)} did not end when asked, and the forced kill was declined.`,
        ),
      );
    }
    return;
  }
  const stillRunning = await signalAndWait(ctx, running, 'SIGKILL', options, reports);
  for (const { pid, row } of stillRunning) {
    reports.set(
      pid,
      report(
        row,
        'failed',
        `${describeProcess(row)} is still there after SIGKILL (it may be stuck in the kernel, ` +
          'state D): it will end when the kernel lets it go.',
      ),
    );
  }
}

async function refreshQuietly(ctx: BackendContext): Promise<void> {
  try {
    await ctx.refreshNow();
  } catch {
    // The next timed poll refreshes anyway; the action itself has been reported.
  }
}
