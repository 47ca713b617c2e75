// `portscope list --format json`: the CLI inside the app binary, no window (CurrPorts' /scomma).
import { app } from 'electron';
import { attachParentConsole } from './platform/windows/attach-console';

export async function runCommandLine(argv: string[]): Promise<void> {
  app.dock?.hide();
  // `portscope list | head` closes the pipe early: the reader's choice, not an error, and
  // nothing more needs writing (electron/cli.ts does the same for plain Node).
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') app.exit(0);
  });
  // Windows: a GUI program has no console; write to the one it was started from.
  const attached = process.platform === 'win32' ? attachParentConsole() : null;
  const stdout = attached?.stdout ?? process.stdout;
  const stderr = attached?.stderr ?? process.stderr;
  let code = 1;
  try {
    const { runCli } = await import('./cli/run');
    code = await runCli(argv, {
      stdout,
      stderr,
      stdin: process.stdin,
      isTTY: attached !== null || process.stdout.isTTY === true,
    });
  } catch (error) {
    stderr.write(`portscope: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  // app.exit() does not wait for output still queued for a pipe.
  await new Promise<void>((resolve) => stdout.write('', () => resolve()));
  app.exit(code);
}
