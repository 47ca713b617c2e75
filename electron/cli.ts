// Entry of the headless CLI, built to out/main/cli.js: `npm run cli -- list --format json`.
// Plain Node, no Electron. Kept tiny: everything a command needs is imported when it runs.
import { runCli } from './cli/run';

// `portscope list | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  isTTY: process.stdout.isTTY === true,
}).then(
  (code) => {
    // Exit once stdout has drained, without waiting for background work the command no longer
    // needs (an IP database still loading, DNS queries in flight): the output is complete.
    process.exitCode = code;
    process.stdout.write('', () => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`portscope: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
