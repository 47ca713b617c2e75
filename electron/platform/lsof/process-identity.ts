// Who a pid is right now, for the actions' pid-reuse check (electron/core/actions/kill.ts): the
// start time comes from the same ps keyword as the table's processStartTime (process-details.ts),
// so equal values mean the same process; the executable from lsof's `txt`, as in the table.
// And signalling a process on a Unix without a per-action elevation helper.
import path from 'node:path';
import { AccessDenied, NoSuchProcess, NotSupported, PlatformError } from '../errors';
import type { KillSignal, ProcessIdentity } from '../types';
import type { CommandRunner } from './command-runner';
import { parseLsofExecutables } from './lsof-field-parser';
import { executableArgs } from './process-details';
import { IDENTITY_KEYWORDS, parsePsStatus, psArgs } from './ps-parser';

export interface IdentityOptions {
  run: CommandRunner;
  /** Linux: kernel threads are kthreadd (pid 2) and its children. */
  kernelThreadParent: number | null;
}

/**
 * `pid` as ps sees it now; null when there is no such process or it is a zombie (it has exited
 * and only waits for its parent to collect it: nothing is left to signal, its sockets are gone).
 */
export async function readProcessIdentity(
  pid: number,
  options: IdentityOptions,
): Promise<ProcessIdentity | null> {
  if (!Number.isInteger(pid) || pid < 0) return null;
  const run = await options.run('ps', psArgs([pid], IDENTITY_KEYWORDS));
  const now = parsePsStatus(run.stdout).get(pid);
  if (!now) return null;
  const stateEnd = now.rest.search(/\s|$/);
  const state = now.rest.slice(0, stateEnd);
  if (state.startsWith('Z')) return null;
  const comm = now.rest.slice(stateEnd).trim();
  const executable = parseLsofExecutables(
    (await options.run('lsof', executableArgs([pid]))).stdout,
  ).get(pid);
  const parent = options.kernelThreadParent;
  return {
    pid,
    // macOS ps prints argv[0] as comm, often a path: the name is its last part.
    name: path.posix.basename(comm),
    parentPid: now.parentPid === 0 ? null : now.parentPid,
    startTime: now.startTime,
    executable: executable?.path ?? null,
    kernelThread: parent !== null && (pid === parent || now.parentPid === parent),
  };
}

/**
 * Send `signal` to `pid` with the rights Portscope has. There is no per-action elevation here:
 * `elevate` is refused with what to do instead. Throws AccessDenied (EPERM: another user's
 * process), NoSuchProcess (ESRCH: it exited).
 */
export async function killWithoutElevation(
  pid: number,
  signal: KillSignal,
  options: { elevate?: boolean } = {},
): Promise<void> {
  if (!Number.isInteger(pid) || pid <= 1) {
    throw new PlatformError('OS_ERROR', `Refusing to signal pid ${pid}.`);
  }
  if (options.elevate) {
    throw new NotSupported(
      'Portscope cannot ask for administrator rights for one action on this OS: choose Show all ' +
        `processes… so that the agent ends it (on the command line: sudo portscope kill ${pid}).`,
    );
  }
  try {
    process.kill(pid, signal);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPERM') {
      throw new AccessDenied(
        `Not permitted to end process ${pid}: it belongs to another user. Choose Show all ` +
          `processes… so that the agent ends it (on the command line: sudo portscope kill ${pid}).`,
        { cause: error },
      );
    }
    if (code === 'ESRCH') {
      throw new NoSuchProcess(`Process ${pid} has already exited.`, { cause: error });
    }
    throw new PlatformError('OS_ERROR', `Could not signal process ${pid}: ${String(error)}`, {
      cause: error,
    });
  }
}
