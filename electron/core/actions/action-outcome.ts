// What close and kill share once the OS has answered: the report for one target, the outcome a
// platform error means, and the one "retry as administrator" question after a refusal.
import type { ActionOutcome, ActionReport } from '../../../shared/contract/actions';
import { PlatformError } from '../../platform/errors';
import type { BackendContext } from '../context';

export function actionReport(
  target: string,
  outcome: ActionOutcome,
  message: string,
): ActionReport {
  return { target, ok: outcome === 'done', outcome, message };
}

/** The outcome a failed platform call means for its target (anything unexpected: 'failed'). */
export function outcomeOf(error: unknown): ActionOutcome {
  if (!(error instanceof PlatformError)) return 'failed';
  switch (error.code) {
    case 'ACCESS_DENIED':
      return 'not-permitted';
    case 'NOT_SUPPORTED':
      return 'not-supported';
    case 'REFUSED':
      return 'refused';
    case 'ALREADY_GONE':
    case 'NO_SUCH_PROCESS':
      return 'already-gone';
    default:
      return 'failed';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * After the OS refused some targets: ask once whether to retry them with administrator rights.
 * Elevation is per action through pkexec on Linux; the other OSes have their own (not yet), so
 * there it is never offered (false without asking).
 */
export async function confirmElevation(
  ctx: BackendContext,
  question: { message: string; detail: string },
): Promise<boolean> {
  if (ctx.platform.os !== 'linux') return false;
  const answer = await ctx.dialogs.confirm({
    title: 'Not permitted',
    ...question,
    confirmLabel: 'Retry as Administrator',
  });
  return answer.confirmed;
}
