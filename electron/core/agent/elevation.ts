// How this app asks for administrator rights on each OS, for "Show all processes…". Plain, so
// every OS's choice is unit-tested here; electron/agent-elevation.ts passes in where the app is
// and how to restart it.
import { fileExists } from '../file-exists';
import type { ElevationOptions } from './agent-handlers';
import { agentCommand, pkexecLauncher, type AppLocation } from './agent-launchers';
import { fifoLauncher, macAdministratorCommand, osascriptEarlyExit } from './agent-fifo-launcher';

/** pkexec lives in a system directory; never the caller's PATH (it runs setuid root). */
const PKEXEC_PATHS = ['/usr/bin/pkexec', '/bin/pkexec'];

export interface ElevationDeps {
  /** Windows: restart the app elevated (Electron glue: UAC, then quit). */
  relaunchElevated?(): Promise<void>;
  /** Where pkexec is (found in the system directories when omitted). */
  pkexec?: string | null;
}

export function elevationFor(app: AppLocation, deps: ElevationDeps = {}): ElevationOptions {
  switch (app.platform) {
    case 'linux': {
      const pkexec =
        deps.pkexec !== undefined ? deps.pkexec : (PKEXEC_PATHS.find(fileExists) ?? null);
      if (!pkexec) {
        return {
          unavailableReason:
            "Showing every process needs polkit's pkexec to ask for administrator rights: " +
            'install it (the "pkexec" or "polkit" package).',
        };
      }
      return { launcher: pkexecLauncher(pkexec, agentCommand(app)) };
    }
    case 'darwin':
      return {
        launcher: fifoLauncher({
          how: 'the administrator prompt',
          command: (paths) => macAdministratorCommand(agentCommand(app), paths),
          earlyExit: osascriptEarlyExit,
        }),
      };
    case 'win32':
      return deps.relaunchElevated
        ? { relaunchElevated: deps.relaunchElevated }
        : { unavailableReason: 'Portscope cannot restart itself as administrator here.' };
    default:
      return {
        unavailableReason: `Portscope cannot ask for administrator rights on ${app.platform}.`,
      };
  }
}
