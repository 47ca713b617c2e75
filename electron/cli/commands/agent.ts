// `portscope agent`: the elevated agent. The window starts it through the OS's administrator
// prompt (pkexec on Linux, the administrator prompt on macOS) when the person chooses "Show all
// processes…"; it reads the table with full privilege and streams it to the window over its
// stdin and stdout (electron/core/agent/protocol.ts). No window, no web content: the same
// backend as the CLI, and nothing else.
import { parseArgs } from 'node:util';
import { currentSelfFacts } from '../../core/actions/self-protection';
import { runAgentService } from '../../core/agent/agent-service';
import { createPlatformBackend } from '../../platform';
import type { CliCommand } from '../command';
import { CliUsageError, EXIT_OK, type CliIo } from '../io';

const help = `Usage: portscope agent

Started by the Portscope window when you choose "Show all processes…", through the
administrator prompt (pkexec on Linux, the macOS administrator prompt): it reads every
process's connections with administrator rights and streams them to the window over its
standard input and output, in a binary protocol. It ends when the window closes.

Not for use by hand: to see every process from a terminal, run "sudo portscope list".

Chromium's switches (--no-sandbox, --ozone-platform=…, --disable-gpu), which the app binary
needs to start as root without a display, are accepted and ignored.
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs({
    args: argv,
    options: {
      'no-sandbox': { type: 'boolean' },
      'ozone-platform': { type: 'string' },
      'disable-gpu': { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new CliUsageError('agent takes no arguments.');
  const input = process.stdin;
  if (input.isTTY) {
    throw new CliUsageError(
      'the agent is started by the Portscope window (Show all processes…) and speaks a binary ' +
        'protocol on its standard input; to see every process here, run "sudo portscope list".',
    );
  }
  // stdout carries the protocol's frames and nothing else: anything a library logs goes to stderr.
  for (const method of ['log', 'info', 'debug', 'warn'] as const) {
    console[method] = (...args: unknown[]) => console.error(...args);
  }
  await runAgentService({
    platform: createPlatformBackend(),
    input,
    output: process.stdout,
    self: currentSelfFacts(),
    log: (message) => io.stderr.write(`portscope agent: ${message}\n`),
  });
  return EXIT_OK;
}

const command: CliCommand = {
  name: 'agent',
  summary: 'The elevated agent the window starts for "Show all processes…" (not for use by hand)',
  help,
  run,
};
export default command;
