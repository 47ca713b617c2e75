// Running one action (kill, close) with administrator rights through pkexec, without ever running
// Portscope itself as root. pkexec asks polkit, which shows the desktop's password prompt.
// Exit codes from pkexec(1): 126 = the person dismissed the prompt or was not authorised,
// 127 = pkexec itself could not run (no polkit agent, no session).
// https://www.freedesktop.org/software/polkit/docs/latest/pkexec.1.html
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { AccessDenied, NotSupported, PlatformError } from '../errors';

/** Where iproute2 and procps put their programs on the distributions we know of. */
const SYSTEM_DIRS = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/**
 * Absolute path of a system program. pkexec runs with a sanitised environment, so the program is
 * named by absolute path, and only from system directories (never the caller's PATH).
 */
export async function findSystemProgram(name: string): Promise<string | null> {
  for (const dir of SYSTEM_DIRS) {
    const candidate = path.join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next directory
    }
  }
  return null;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** Exit status; null when killed by a signal. */
  status: number | null;
}

/** execFile that resolves on any exit status (ss and kill report problems in stderr). */
export function runProgram(file: string, args: string[], timeoutMs = 15_000): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (error && typeof error.code === 'string') {
          reject(error);
          return;
        }
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ stdout, stderr, status });
      },
    );
  });
}

/** Run `program args…` as root through pkexec; throws a PlatformError a person can act on. */
export async function runElevated(program: string, args: string[]): Promise<ExecResult> {
  const pkexec = await findSystemProgram('pkexec');
  if (!pkexec) {
    throw new NotSupported(
      'pkexec is not installed, so Portscope cannot ask for administrator rights: install the ' +
        'polkit package (pkexec); on the command line, use sudo (e.g. sudo portscope close …).',
    );
  }
  let result: ExecResult;
  try {
    // Elevation waits for a person to type a password: allow them a few minutes.
    result = await runProgram(pkexec, [program, ...args], 5 * 60_000);
  } catch (error) {
    throw new PlatformError('OS_ERROR', `pkexec could not be started: ${String(error)}`, {
      cause: error,
    });
  }
  if (result.status === 126) {
    throw new AccessDenied(
      'Administrator rights were not granted (the password prompt was dismissed or refused).',
    );
  }
  if (result.status === 127) {
    throw new NotSupported(
      'pkexec could not ask for a password (no polkit authentication agent is running in this ' +
        'session); on the command line, use sudo instead.',
    );
  }
  return result;
}
