// `portscope close LOCALADDR LOCALPORT REMOTEADDR REMOTEPORT` with * wildcards, as CurrPorts'
// /close: close the matching TCP connections through the same handler as the window.
import { parseArgs } from 'node:util';
import { closeRefusal } from '../../core/actions/close';
import { matchClosePattern, parseClosePattern } from '../../core/actions/close-pattern';
import type { CliCommand } from '../command';
import { runConfirmedAction } from '../confirmed-action';
import { BACKEND_NAMES } from '../../platform';
import { backendFromOption, backendOption } from '../backend-option';
import { CliUsageError, type CliIo } from '../io';

const help = `Usage: portscope close [--yes] LOCALADDR LOCALPORT REMOTEADDR REMOTEPORT

Close the TCP connections that match; any of the four may be * (any). Addresses are IPv4 or
IPv6 (brackets allowed: [::1]); an IPv4-mapped address matches its IPv4 form.
  portscope close '*' '*' 10.0.0.2 443     every connection to 10.0.0.2 port 443
  portscope close 127.0.0.1 5000 '*' '*'   every connection on local port 5000

Only connected TCP sockets are closed (not listeners, not UDP). On Linux the kernel destroys the
socket (ss -K, sock_diag); both ends see a reset. Closing another user's connection needs root.

Options:
  -y, --yes   Do not ask. Without --yes the command asks on the terminal, and refuses when
              there is no terminal.
  --backend NAME
              How to read the table and act: ${BACKEND_NAMES.join(', ')} (see "portscope list
              --help"). Default: $PORTSCOPE_BACKEND when set, else this OS's own.
  -h, --help  This text.

Prints what it closed, one line each. Exit codes: 0 every match closed, 1 nothing matched or any
close failed (not permitted: run with sudo), 2 bad command line.
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { yes: { type: 'boolean', short: 'y', default: false }, ...backendOption },
    allowPositionals: true,
    strict: true,
  });
  const backendName = backendFromOption(values.backend);
  let pattern;
  try {
    pattern = parseClosePattern(positionals);
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  return runConfirmedAction(
    'close',
    io,
    values.yes,
    async (backend) => {
      const rows = [...backend.table.rows()].filter(
        (row) => row.protocol === 'tcp' && matchClosePattern(pattern, row) && !closeRefusal(row),
      );
      if (rows.length === 0) {
        io.stderr.write('portscope close: no connected TCP connection matches.\n');
        return null;
      }
      return backend.handlers.closeConnections(
        rows.map((row) => ({
          localAddress: row.localAddress,
          localPort: row.localPort,
          remoteAddress: row.remoteAddress as string,
          remotePort: row.remotePort as number,
        })),
      );
    },
    backendName,
  );
}

const command: CliCommand = {
  name: 'close',
  summary: 'Close TCP connections: close LOCALADDR LOCALPORT REMOTEADDR REMOTEPORT (* = any)',
  help,
  run,
};
export default command;
