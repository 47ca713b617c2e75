// `portscope kill PID…`: end processes that own connections, through the same handler and the
// same safety checks as Kill Process in the window.
import { parseArgs } from 'node:util';
import { parseInvokeArgs } from '../../../shared/contract';
import { createCliDialogs } from '../cli-dialogs';
import { openCliBackend } from '../cli-backend';
import type { CliCommand } from '../command';
import type { ActionReport } from '../../../shared/contract/actions';
import { CliUsageError, EXIT_FAILURE, EXIT_OK, type CliIo } from '../io';

// Shared with `portscope close` (close.ts): the confirmation policy and the report.
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

const help = `Usage: portscope kill [--force] [--yes] PID...

End the processes with these pids. Each must own a connection in the table (as "portscope list"
shows it) and still be the same process (same start time); pid 1, kernel threads and Portscope
itself are refused.

Without --force, each gets SIGTERM; one still running after 3 s is offered SIGKILL (asked again).

Options:
  --force     SIGKILL at once (the process cannot clean up).
  -y, --yes   Do not ask. Without --yes the command asks on the terminal, and refuses when
              there is no terminal.
  -h, --help  This text.

Prints one line per process. Exit codes: 0 every process ended, 1 any was refused, not
permitted (run with sudo) or still running, 2 bad command line.
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      force: { type: 'boolean', default: false },
      yes: { type: 'boolean', short: 'y', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) throw new CliUsageError('name at least one PID.');
  const pids = positionals.map((text) => {
    if (!/^\d+$/.test(text)) throw new CliUsageError(`"${text}" is not a pid.`);
    return { pid: Number(text) };
  });
  let targets: { pid: number }[];
  try {
    [targets] = parseInvokeArgs('killProcesses', [pids]);
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  if (refuseWithoutConfirmation('kill', io, values.yes)) return EXIT_FAILURE;

  const backend = await openCliBackend({
    dialogs: createCliDialogs(io, { assumeYes: values.yes }),
    resolveNames: false,
  });
  try {
    const failure = backend.lastPollError();
    if (failure) {
      io.stderr.write(`portscope kill: could not read the connection table: ${failure.message}\n`);
      return EXIT_FAILURE;
    }
    const reports = values.force
      ? await backend.handlers.forceKillProcesses(targets)
      : await backend.handlers.killProcesses(targets);
    return printReports('kill', io, reports);
  } finally {
    await backend.stop();
  }
}

const command: CliCommand = {
  name: 'kill',
  summary: 'End the processes with these pids (SIGTERM, then an offered SIGKILL)',
  help,
  run,
};
export default command;
