// Telling a command-line launch (`portscope list --format json`, as CurrPorts' /scomma) from a
// window launch. Plain module so it is unit-tested.
import { commands } from './cli/registry';

/**
 * The arguments the person typed. process.argv holds the executable first; when run unpackaged
 * (`electron .`, process.defaultApp true) the app path comes next and is skipped too.
 */
export function userArgs(argv: readonly string[], defaultApp: boolean): string[] {
  return argv.slice(defaultApp ? 2 : 1);
}

/** The CLI's command words (electron/cli/registry.ts). */
export const COMMAND_NAMES: readonly string[] = commands.map((command) => command.name);

/**
 * The CLI arguments when this launch is a CLI command, else null. A command is a positional
 * word (`list`, `export`) or `--help`/`-h`; the switches before it are for Chromium or the OS
 * (`--ozone-platform=wayland`, `--no-sandbox`, macOS's `-psn_0_123`) and are left out. Switches
 * alone open the window.
 *
 * A switch may also be given its value as the next word (`--user-data-dir /x`, `--class
 * Portscope`): a word right after a switch written without `=` is that switch's value, unless it
 * is one of the CLI's command words (`--verbose list` still runs `list`). Any other first word
 * is the CLI's to judge, so a mistyped command gets the CLI's error rather than a window.
 */
export function cliArgsFromLaunch(
  args: readonly string[],
  commandNames: readonly string[] = COMMAND_NAMES,
): string[] | null {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') return args.slice(i);
    if (arg === '' || arg === '-' || arg === '--') continue;
    if (arg.startsWith('-')) continue;
    const previous = i > 0 ? args[i - 1]! : '';
    const isSwitchValue =
      previous.startsWith('-') &&
      !previous.includes('=') &&
      previous !== '--' &&
      !commandNames.includes(arg);
    if (isSwitchValue) continue;
    return args.slice(i);
  }
  return null;
}
