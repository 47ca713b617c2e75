// How a launch of the Portscope binary is read: command-line (CLI) or window. One table for the
// main process's reading (electron/launch-args.ts) and the Linux `portscope` command's
// (resources/linux/portscope-launcher.sh), so the two cannot drift apart.

export interface LaunchCase {
  args: string[];
  /** The CLI's arguments, or null for a window launch. */
  cli: string[] | null;
  why: string;
}

export const LAUNCH_CASES: LaunchCase[] = [
  { args: [], cli: null, why: 'no arguments open the window' },
  { args: ['list', '--format', 'json'], cli: ['list', '--format', 'json'], why: 'a command' },
  { args: ['export', 'out.csv'], cli: ['export', 'out.csv'], why: 'a command with a file' },
  {
    args: ['--ozone-platform=wayland', 'list'],
    cli: ['list'],
    why: 'switches before the command are dropped',
  },
  { args: ['--no-sandbox', 'list'], cli: ['list'], why: 'a bare switch before a command word' },
  { args: ['--help'], cli: ['--help'], why: '--help asks the CLI' },
  { args: ['-h'], cli: ['-h'], why: '-h asks the CLI' },
  {
    args: ['--enable-features=UseOzonePlatform', '-psn_0_12345'],
    cli: null,
    why: 'switches alone open the window',
  },
  { args: [''], cli: null, why: 'an empty word is nothing' },
  {
    args: ['--user-data-dir', '/tmp/x'],
    cli: null,
    why: "a switch's value given as the next word is not a command",
  },
  {
    args: ['--class', 'Portscope', '--user-data-dir', '/tmp/x'],
    cli: null,
    why: 'several switches with separate values',
  },
  {
    args: ['--user-data-dir', '/tmp/x', 'list', '--suspicious'],
    cli: ['list', '--suspicious'],
    why: 'a command after a switch and its value',
  },
  {
    args: ['--user-data-dir=/tmp/x', 'lst'],
    cli: ['lst'],
    why: 'after a switch with its value, a mistyped command is still the CLI’s to refuse',
  },
  { args: ['lst'], cli: ['lst'], why: 'a mistyped command gets the CLI’s error' },
];
