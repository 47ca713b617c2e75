// `portscope kill PID…`: end processes that own connections, through the same handler and the
// same safety checks as Kill Process in the window.
import { parseArgs } from 'node:util';
import { parseInvokeArgs } from '../../../shared/contract';
import type { CliCommand } from '../command';
import { runConfirmedAction } from '../confirmed-action';
import { BACKEND_NAMES } from '../../platform';
import { backendFromOption, backendOption } from '../backend-option';
import { CliUsageError, type CliIo } from '../io';

const help = `Usage: portscope kill [--force] [--yes] PID...

End the processes with these pids. Each must own a connection in the table (as "portscope list"
shows it) and still be the same process (same start time); pid 1, kernel threads and Portscope
itself are refused.

Without --force, each gets SIGTERM; one still running after 3 s is offered SIGKILL (asked again).

Options:
  --force     SIGKILL at once (the process cannot clean up).
  -y, --yes   Do not ask. Without --yes the command asks on the terminal, and refuses when
              there is no terminal.
  --backend NAME
              How to read the table and act: ${BACKEND_NAMES.join(', ')} (see "portscope list
              --help"). Default: $PORTSCOPE_BACKEND when set, else this OS's own.
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
      ...backendOption,
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) throw new CliUsageError('name at least one PID.');
  const backendName = backendFromOption(values.backend);
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
  return runConfirmedAction(
    'kill',
    io,
    values.yes,
    async (backend) =>
      values.force
        ? backend.handlers.forceKillProcesses(targets)
        : backend.handlers.killProcesses(targets),
    backendName,
  );
}

const command: CliCommand = {
  name: 'kill',
  summary: 'End the processes with these pids (SIGTERM, then an offered SIGKILL)',
  help,
  run,
};
export default command;
