// Running one action (kill, close) with administrator rights through pkexec, without ever running
// Portscope itself as root. pkexec asks polkit, which shows the desktop's password prompt.
// Exit codes from pkexec(1): 126 = the person dismissed the password prompt; 127 = not
// authorised, or no authentication could be obtained (no polkit agent to ask), or pkexec failed;
// otherwise the program's own status. pkexec's stderr tells the 127s apart.
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

/** Why pkexec did not run the program, or null when it did (the status is the program's). */
export type PkexecRefusal = 'dismissed' | 'not-authorized' | 'no-agent' | 'failed';

export function pkexecRefusal(status: number | null, stderr: string): PkexecRefusal | null {
  if (status === 126) return 'dismissed';
  if (status !== 127) return null;
  // "Error executing command as another user: Not authorized" (polkit said no, or a wrong
  // password); "Error creating textual authentication agent: …" / "No authentication agent
  // found." (nobody to ask).
  if (/Not authorized/i.test(stderr)) return 'not-authorized';
  if (/authentication agent/i.test(stderr)) return 'no-agent';
  return 'failed';
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
  switch (pkexecRefusal(result.status, result.stderr)) {
    case 'dismissed':
      throw new AccessDenied(
        'Administrator rights were not granted (the password prompt was dismissed).',
      );
    case 'not-authorized':
      throw new AccessDenied(
        'Administrator rights were refused: polkit does not allow this user to do it (or the ' +
          'password was wrong).',
      );
    case 'no-agent':
      throw new NotSupported(
        'pkexec could not ask for a password (no polkit authentication agent is running in this ' +
          'session); on the command line, use sudo instead.',
      );
    case 'failed':
      throw new PlatformError('OS_ERROR', `pkexec failed: ${result.stderr.trim() || 'exit 127'}`);
    case null:
      return result;
  }
}
