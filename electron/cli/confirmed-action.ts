// What `portscope close` and `portscope kill` share: the confirmation policy (a person at a
// terminal, or --yes), the backend they act through, and one report line per target.
import type { ActionReport } from '../../shared/contract/actions';
import type { Backend } from '../core/backend';
import type { BackendName } from '../platform';
import { withCliBackend } from './backend-session';
import { createCliDialogs } from './cli-dialogs';
import { EXIT_FAILURE, EXIT_OK, type CliIo } from './io';

/**
 * Acting needs a yes: from a person at a terminal, or --yes. A script without a terminal and
 * without --yes must never end processes or connections by accident, so it is refused up front.
 */
export function refuseWithoutConfirmation(name: string, io: CliIo, yes: boolean): boolean {
  if (yes) return false;
  const stdin = io.stdin as (NodeJS.ReadableStream & { isTTY?: boolean }) | undefined;
  if (stdin?.isTTY === true) return false;
  io.stderr.write(
    `portscope ${name}: not confirmed: there is no terminal to ask on. ` +
      'Pass --yes to act without asking.\n',
  );
  return true;
}

/** One line per target; exit 0 only when every target was done. */
export function printReports(name: string, io: CliIo, reports: ActionReport[]): number {
  for (const report of reports) {
    if (report.ok) io.stdout.write(`${report.message}\n`);
    else io.stderr.write(`portscope ${name}: ${report.target}: ${report.message}\n`);
  }
  return reports.length > 0 && reports.every((report) => report.ok) ? EXIT_OK : EXIT_FAILURE;
}

/**
 * Refuse without a yes; otherwise open the backend (`backendName`, from --backend; dialogs on
 * the terminal, answered by --yes; no name lookups), `act` through its handlers and print the reports. `act` returns null when it
 * found nothing to act on and has said why on stderr (exit 1).
 */
export async function runConfirmedAction(
  name: string,
  io: CliIo,
  yes: boolean,
  act: (backend: Backend) => Promise<ActionReport[] | null>,
  backendName?: BackendName,
): Promise<number> {
  if (refuseWithoutConfirmation(name, io, yes)) return EXIT_FAILURE;
  const options = {
    dialogs: createCliDialogs(io, { assumeYes: yes }),
    resolveNames: false,
    backend: backendName,
  };
  return withCliBackend(name, io, options, async (backend) => {
    const reports = await act(backend);
    return reports === null ? EXIT_FAILURE : printReports(name, io, reports);
  });
}
