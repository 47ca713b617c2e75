// Dialogs for the command line: confirmations are asked on the terminal (y/N), or answered by
// --yes; without a terminal and without --yes nothing is confirmed, so a script never acts by
// accident. There is no file chooser: commands take paths as arguments.
import readline from 'node:readline';
import type { ConfirmAnswer, ConfirmRequest, Dialogs } from '../core/context';
import type { CliIo } from './io';

export function createCliDialogs(io: CliIo, options: { assumeYes?: boolean } = {}): Dialogs {
  return {
    async confirm(request: ConfirmRequest): Promise<ConfirmAnswer> {
      if (options.assumeYes) return { confirmed: true, checkboxChecked: false };
      const stdin = io.stdin as (NodeJS.ReadableStream & { isTTY?: boolean }) | undefined;
      if (!stdin || stdin.isTTY !== true) {
        io.stderr.write(`${request.message} Not confirmed: pass --yes to act without asking.\n`);
        return { confirmed: false, checkboxChecked: false };
      }
      const prompt = readline.createInterface({ input: stdin, output: process.stderr });
      try {
        const detail = request.detail ? `\n${request.detail}` : '';
        const answer = await new Promise<string>((resolve) =>
          prompt.question(`${request.message}${detail}\n${request.confirmLabel}? [y/N] `, resolve),
        );
        return { confirmed: /^y(es)?$/i.test(answer.trim()), checkboxChecked: false };
      } finally {
        prompt.close();
      }
    },
    async saveFile() {
      return null;
    },
    async openFile() {
      return null;
    },
  };
}
