// The life of the backend in a one-shot command (list, export, close, kill): open it, stop when its
// first poll could not read the table, always stop it afterwards; and the one read of the table
// that list and export print.
import type { Backend } from '../core/backend';
import type { Connection } from '../../shared/model';
import { openCliBackend, settleForOutput, type CliBackendOptions } from './cli-backend';
import { EXIT_FAILURE, type CliIo } from './io';
import { compareRows } from './row-order';

/**
 * Run `body` on a started backend and return its exit code. A failed first poll is reported as
 * "portscope NAME: could not read the connection table: …" (exit 1) without running `body`.
 */
export async function withCliBackend(
  name: string,
  io: CliIo,
  options: CliBackendOptions,
  body: (backend: Backend) => Promise<number>,
): Promise<number> {
  const backend = await openCliBackend(options);
  try {
    const failure = backend.lastPollError();
    if (failure) {
      io.stderr.write(
        `portscope ${name}: could not read the connection table: ${failure.message}\n`,
      );
      return EXIT_FAILURE;
    }
    return await body(backend);
  } finally {
    await backend.stop();
  }
}

/**
 * The table once, ready to print: lookups settled (geo only when `showsGeo`), the poll's warnings
 * on stderr, the rows `keep` accepts (all without it) in the documented list order.
 */
export async function rowsForOutput(
  backend: Backend,
  name: string,
  io: CliIo,
  options: { showsGeo: boolean; keep?: (row: Connection) => boolean },
): Promise<Connection[]> {
  await settleForOutput(backend, options.showsGeo);
  const { connections, status } = backend.snapshot();
  for (const warning of status.warnings) io.stderr.write(`portscope ${name}: ${warning}\n`);
  const rows = options.keep ? connections.filter(options.keep) : connections;
  return rows.sort(compareRows);
}
