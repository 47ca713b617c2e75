// Electron glue of "Show all processes…": where the app binary is (for the agent's command
// line), the Windows restart through UAC (it quits this instance), and the refusal to open a
// window as root. What to run on each OS is decided in core/agent/elevation.ts.
import { execFile } from 'node:child_process';
import { app, dialog } from 'electron';
import type { ElevationOptions } from './core/agent/agent-handlers';
import {
  windowsElevatedRelaunch,
  windowsRelaunchFailure,
  type AppLocation,
} from './core/agent/agent-launchers';
import { elevationFor } from './core/agent/elevation';
import { windowAsRootRefusal } from './window-as-root';

function appLocation(): AppLocation {
  return {
    platform: process.platform,
    execPath: process.execPath,
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
  };
}

/** How this app gets administrator rights for the agent, on this OS. */
export function appElevation(): ElevationOptions {
  const location = appLocation();
  return elevationFor(location, {
    relaunchElevated: process.platform === 'win32' ? () => relaunchElevated(location) : undefined,
  });
}

/**
 * Windows: start an elevated Portscope (UAC asks), then quit this one. The single-instance lock
 * is let go first, or the new instance would hand itself over to this one and quit.
 */
async function relaunchElevated(location: AppLocation): Promise<void> {
  const { file, args } = windowsElevatedRelaunch(location);
  app.releaseSingleInstanceLock();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
    execFile(file, args, { windowsHide: true, timeout: 5 * 60_000 }, (error, _stdout, errText) =>
      resolve({
        code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
        stderr: String(errText),
      }),
    ),
  );
  if (code !== 0) {
    app.requestSingleInstanceLock();
    throw windowsRelaunchFailure({ code, signal: null }, stderr);
  }
  // After the invoke has answered, so the window can say that it is restarting.
  setTimeout(() => app.quit(), 500);
}

/** Started as root on Linux: say how to see every process instead, and exit. */
export function refuseWindowAsRoot(): boolean {
  const message = windowAsRootRefusal(process.platform, process.getuid?.());
  if (message === null) return false;
  // Before 'ready' on Linux this goes to stderr (there may be no display for root anyway).
  dialog.showErrorBox('Portscope does not run its window as root', message);
  app.exit(1);
  return true;
}
