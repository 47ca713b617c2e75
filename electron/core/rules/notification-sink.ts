// Where desktop notices go. Core cannot import Electron, so the Electron glue (electron/notify.ts)
// installs the one function that shows a native notification; without it (CLI, tests) notices
// are dropped. One sink per process: there is one desktop.
import type { DesktopNotice } from './notifications';

export type DesktopNotifier = (notice: DesktopNotice) => void;

let sink: DesktopNotifier | null = null;

/** Install (or with null, remove) the function that shows notices. Returns the previous one. */
export function setDesktopNotifier(notifier: DesktopNotifier | null): DesktopNotifier | null {
  const previous = sink;
  sink = notifier;
  return previous;
}

export function showDesktopNotice(notice: DesktopNotice): void {
  sink?.(notice);
}
