// The headless command line: `portscope <command> [options]`. Exported as a function (not run on
// import) so that electron/cli.ts and the packaged app can both call it with their own streams.
import type { CliCommand } from './command';
import {
  CliUsageError,
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  asUsageError,
  forPeople,
  type CliStreams,
} from './io';
import { commands, findCommand } from './registry';

function generalHelp(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    'Usage: portscope <command> [options]',
    '',
    'Every network connection on this machine, by process, without the window.',
    '',
    'Commands:',
    ...lines,
    '',
    'Run "portscope <command> --help" for the options of one command.',
    '',
    'Exit codes: 0 success, 1 the command failed (message on stderr), 2 bad command line.',
    '',
  ].join('\n');
}

const wantsHelp = (argv: readonly string[]) => argv.includes('--help') || argv.includes('-h');

/** Run one command line (without "node cli.js"); resolves to the process exit code. */
export async function runCli(argv: string[], streams: CliStreams): Promise<number> {
  // Every command, and every message below, writes through this (io.ts: forPeople).
  const io = forPeople(streams);
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(generalHelp());
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h') {
    io.stdout.write(generalHelp());
    return EXIT_OK;
  }
  if (name === 'help') {
    if (rest[0] === undefined) {
      io.stdout.write(generalHelp());
      return EXIT_OK;
    }
    return runCli([rest[0], '--help'], streams);
  }
  const entry = findCommand(name);
  if (!entry) {
    io.stderr.write(
      `portscope: unknown command "${name}". Commands: ${commands.map((c) => c.name).join(', ')}.\n` +
        'Run "portscope --help" for usage.\n',
    );
    return EXIT_USAGE;
  }
  let command: CliCommand;
  try {
    command = (await entry.load()).default;
  } catch (error) {
    io.stderr.write(`portscope ${name}: could not load the command: ${messageOf(error)}\n`);
    return EXIT_FAILURE;
  }
  if (wantsHelp(rest)) {
    io.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (caught) {
    const error = asUsageError(caught);
    if (error instanceof CliUsageError) {
      io.stderr.write(
        `portscope ${name}: ${error.message}\nRun "portscope ${name} --help" for usage.\n`,
      );
      return EXIT_USAGE;
    }
    io.stderr.write(`portscope ${name}: ${messageOf(error)}\n`);
    return EXIT_FAILURE;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
