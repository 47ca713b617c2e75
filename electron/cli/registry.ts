// Every CLI command, one line each. A command's module is imported only when it runs, so adding
// commands (and their dependencies) does not slow `portscope list` down.
import type { CommandEntry } from './command';

export const commands: readonly CommandEntry[] = [
  {
    name: 'list',
    summary: 'Print every TCP and UDP socket once, as JSON or a table',
    load: () => import('./commands/list'),
  },
];

export function findCommand(name: string): CommandEntry | undefined {
  return commands.find((command) => command.name === name);
}
