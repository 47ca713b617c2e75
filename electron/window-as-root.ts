// No Portscope window runs as root. Chromium refuses root without --no-sandbox, and a window
// running as root with no sandbox would turn any renderer bug into root. The person gets every
// process another way: "Show all processes…" starts the elevated agent (one password prompt)
// while the window keeps running as them. The CLI is not a window: `sudo portscope list` works.

export const WINDOW_AS_ROOT_MESSAGE =
  'Portscope does not run its window as root: a browser engine running as root would turn any ' +
  'bug in a page into a bug with root rights.\n\n' +
  'Start Portscope as yourself, and when sockets show as "owner unknown", choose "Show all ' +
  'processes…" in the status bar: one password prompt starts a small agent that sees every ' +
  'process for the session, while the window keeps running as you.\n\n' +
  'On the command line, root works as before: sudo portscope list.';

/** The message to show and exit with, or null when the window may start. Linux only. */
export function windowAsRootRefusal(
  platform: NodeJS.Platform,
  uid: number | undefined,
): string | null {
  return platform === 'linux' && uid === 0 ? WINDOW_AS_ROOT_MESSAGE : null;
}
