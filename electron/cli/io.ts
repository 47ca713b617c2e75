// What a CLI command is handed: where to write, and whether a person is watching (TTY).
// Streams are passed in (not process.stdout) so the packaged app and the tests can run commands
// and capture their output.
//
// Text for people and data for programs are kept apart, and forPeople is the one place where
// people's text is made safe: process names, command lines, paths, whois and RDAP replies and
// error messages quoting them are outside text, and a terminal obeys the escape sequences in
// what it prints (an ESC in a process title could recolour, retitle or rewrite the screen) and
// shows bidi overrides reversed. Every write to `stdout` and `stderr` goes through
// revealControls; `data` (JSON, CSV, an export to "-") is written exactly as made.
import { revealControls, type RevealOptions } from '../../shared/visible-text';

export interface TextSink {
  write(text: string): unknown;
}

/** A stream that can say it is full ('drain' when it can take more): process.stdout. */
export interface DataSink extends TextSink {
  once?(event: 'drain', listener: () => void): unknown;
}

/** The streams the CLI is started with: process.stdout/stderr/stdin, or a test's captures. */
export interface CliStreams {
  stdout: DataSink;
  stderr: TextSink;
  /** For commands that ask before acting (close, kill). */
  stdin?: NodeJS.ReadableStream;
  /** stdout is a terminal: a person reads it (tables), rather than a program (JSON). */
  isTTY: boolean;
}

/** What a command writes to (see the header: made by forPeople). */
export interface CliIo {
  /** Text for people on standard output (tables, whois summaries, results). */
  stdout: TextSink;
  /** Messages for people on standard error. */
  stderr: TextSink;
  /** Standard output for programs (JSON, CSV, an export to "-"): never altered. */
  data: DataSink;
  stdin?: NodeJS.ReadableStream;
  isTTY: boolean;
}

/** Our own layout survives: line breaks and tabs that the command writes. */
const PEOPLE_TEXT: RevealOptions = { keepLineBreaks: true, keepTabs: true };

function revealing(sink: TextSink): TextSink {
  return { write: (text: string) => sink.write(revealControls(text, PEOPLE_TEXT)) };
}

/** The one choke point (see the header): the streams a command is given. */
export function forPeople(streams: CliStreams): CliIo {
  return {
    stdout: revealing(streams.stdout),
    stderr: revealing(streams.stderr),
    data: streams.stdout,
    stdin: streams.stdin,
    isTTY: streams.isTTY,
  };
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
