// The thin edge of the lsof backend: run lsof, netstat or ps and hand back what they printed.
// Programs are taken from the system directories only, never from PATH (Portscope may run as
// root), and run with execFile (no shell). Their environment pins the C locale and UTC, so that
// ps prints start times in one format and one zone (ps-parser.ts), whatever the user's settings.
// Errors of running them are translated here into PlatformErrors a person can act on.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { NotSupported, PlatformError } from '../errors';

export type ToolName = 'lsof' | 'netstat' | 'ps';

export interface CommandResult {
  stdout: string;
  stderr: string;
  /** Exit status; null when the program was ended by a signal. */
  status: number | null;
}

/** Run one of the tools with these arguments; resolves whatever its exit status. */
export type CommandRunner = (tool: ToolName, args: readonly string[]) => Promise<CommandResult>;

/**
 * Where the tools live: macOS keeps lsof and netstat in /usr/sbin and ps in /bin; Debian and
 * Fedora put lsof in /usr/bin (or /usr/sbin), net-tools' netstat in /bin, procps' ps in /bin;
 * the BSDs' ports install lsof under /usr/local/sbin.
 */
export const SYSTEM_DIRS = [
  '/usr/sbin',
  '/usr/bin',
  '/sbin',
  '/bin',
  '/usr/local/sbin',
  '/usr/local/bin',
];

const INSTALL_ADVICE: Record<ToolName, string> = {
  lsof: 'install the lsof package (apt install lsof, dnf install lsof)',
  netstat: 'install the net-tools package (apt install net-tools)',
  ps: 'install the procps package',
};

/** The absolute path of a tool in the system directories, or null when it is not there. */
export function findTool(tool: ToolName, dirs: readonly string[] = SYSTEM_DIRS): string | null {
  for (const dir of dirs) {
    const candidate = path.join(dir, tool);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next directory
    }
  }
  return null;
}

/** The error for a tool that is not installed. */
export function toolMissing(tool: ToolName): NotSupported {
  return new NotSupported(
    `The ${tool} program was not found in ${SYSTEM_DIRS.join(', ')}: ${INSTALL_ADVICE[tool]}.`,
  );
}

export interface CommandRunnerOptions {
  dirs?: readonly string[];
  /** lsof can take seconds on a machine with many processes; more than this is a hang. */
  timeoutMs?: number;
}

/** 10,000 sockets make about 0.7 MB of lsof output; allow far more before calling it an error. */
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

export function createCommandRunner(options: CommandRunnerOptions = {}): CommandRunner {
  const dirs = options.dirs ?? SYSTEM_DIRS;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const found = new Map<ToolName, string>();
  return (tool, args) => {
    let program = found.get(tool);
    if (program === undefined) {
      const located = findTool(tool, dirs);
      if (located === null) return Promise.reject(toolMissing(tool));
      program = located;
      found.set(tool, program);
    }
    return runProgram(tool, program, args, timeoutMs);
  };
}

function runProgram(
  tool: ToolName,
  program: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      program,
      args,
      {
        encoding: 'utf8',
        timeout: timeoutMs,
        maxBuffer: MAX_OUTPUT_BYTES,
        env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' },
      },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ stdout, stderr, status: 0 });
          return;
        }
        if (typeof error.code === 'number') {
          resolve({ stdout, stderr, status: error.code });
          return;
        }
        if (error.signal && !error.killed) {
          // Ended by a signal someone else sent: a failed run, not a failure to run.
          resolve({ stdout, stderr, status: null });
          return;
        }
        reject(translateRunError(tool, error, timeoutMs));
      },
    );
  });
}

/** Why a tool could not be run (not: why it failed), in words a person can act on. */
export function translateRunError(
  tool: ToolName,
  error: Error & { code?: string | number | null; killed?: boolean },
  timeoutMs: number,
): PlatformError {
  if (error.code === 'ENOENT') return toolMissing(tool);
  if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
    return new PlatformError(
      'OS_ERROR',
      `${tool} printed more than ${MAX_OUTPUT_BYTES / (1024 * 1024)} MB; Portscope stopped reading it.`,
      { cause: error },
    );
  }
  if (error.killed) {
    return new PlatformError(
      'OS_ERROR',
      `${tool} did not finish within ${Math.round(timeoutMs / 1000)} s (a hung network file ` +
        'system can stall it); the next poll tries again.',
      { cause: error },
    );
  }
  return new PlatformError('OS_ERROR', `${tool} could not be run: ${error.message}`, {
    cause: error,
  });
}
