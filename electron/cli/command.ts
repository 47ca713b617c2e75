// The shape of one CLI command (electron/cli/commands/<name>.ts exports one as default).
import type { CliIo } from './io';

export interface CliCommand {
  name: string;
  /** One line for `portscope --help`. */
  summary: string;
  /** Full text for `portscope <name> --help`: usage, options, output, exit codes. */
  help: string;
  /** Exit code. Throw CliUsageError for a bad command line; other errors exit 1. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** A registered command, loaded only when it runs, so the CLI starts without loading them all. */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<{ default: CliCommand }>;
}
