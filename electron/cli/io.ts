// What a CLI command is handed: where to write, and whether a person is watching (TTY).
// Streams are passed in (not process.stdout) so the packaged app and the tests can run commands
// and capture their output.

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** For commands that ask before acting (close, kill). */
  stdin?: NodeJS.ReadableStream;
  /** stdout is a terminal: a person reads it (tables), rather than a program (JSON). */
  isTTY: boolean;
}

/** Exit codes of every command: documented in `portscope --help`. */
export const EXIT_OK = 0;
/** The command ran and failed (could not read the OS, the action was refused …). */
export const EXIT_FAILURE = 1;
/** The command line itself was wrong (unknown flag, bad filter): nothing was done. */
export const EXIT_USAGE = 2;

/** A mistake in the command line: printed with a pointer to --help, exit code 2. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

/** node:util parseArgs errors as usage errors (they carry ERR_PARSE_ARGS_* codes). */
export function asUsageError(error: unknown): unknown {
  const code = error instanceof TypeError ? (error as TypeError & { code?: unknown }).code : null;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    return new CliUsageError((error as TypeError).message);
  }
  return error;
}
