// Every CLI command, one line each. A command's module is imported only when it runs, so adding
// commands (and their dependencies) does not slow `portscope list` down.
import type { CommandEntry } from './command';

export const commands: readonly CommandEntry[] = [
  {
    name: 'list',
    summary: 'Print every TCP and UDP socket once, as JSON or a table',
    load: () => import('./commands/list'),
  },
  {
    name: 'export',
    summary: 'Write the table once to a file: csv, tsv, json, html, xml or txt',
    load: () => import('./commands/export'),
  },
  {
    name: 'watch',
    summary: 'Log every connection that opens or closes to a file, until stopped',
    load: () => import('./commands/watch'),
  },
  {
    name: 'close',
    summary: 'Close TCP connections (* = any part)',
    load: () => import('./commands/close'),
  },
  {
    name: 'kill',
    summary: 'End processes that own connections',
    load: () => import('./commands/kill'),
  },
  {
    name: 'whois',
    summary: 'Who holds an address: registry, network, organisation, abuse contact',
    load: () => import('./commands/whois'),
  },
  {
    name: 'agent',
    summary: 'The elevated agent the window starts for "Show all processes…" (not by hand)',
    load: () => import('./commands/agent'),
  },
];

export function findCommand(name: string): CommandEntry | undefined {
  return commands.find((command) => command.name === name);
}
