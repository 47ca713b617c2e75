// Telling a command-line launch (`portscope list --format json`, as CurrPorts' /scomma) from a
// window launch. Plain module so it is unit-tested.

/**
 * The arguments the person typed. process.argv holds the executable first; when run unpackaged
 * (`electron .`, process.defaultApp true) the app path comes next and is skipped too.
 */
export function userArgs(argv: readonly string[], defaultApp: boolean): string[] {
  return argv.slice(defaultApp ? 2 : 1);
}

/**
 * The CLI arguments when this launch is a CLI command, else null. A command is a positional
 * word (`list`, `export`) or `--help`/`-h`; the switches before it are for Chromium or the OS
 * (`--ozone-platform=wayland`, macOS's `-psn_0_123`) and are left out. Switches alone open the
 * window.
 */
export function cliArgsFromLaunch(args: readonly string[]): string[] | null {
  const start = args.findIndex(
    (arg) => arg === '--help' || arg === '-h' || (arg !== '' && !arg.startsWith('-')),
  );
  return start === -1 ? null : args.slice(start);
}
