// How each OS starts `portscope agent` with administrator rights, as commands built by pure
// functions (unit-tested here for every OS), plus the exit codes each elevation program uses to
// say "the person said no" or "I cannot ask".
//   Linux    pkexec, with the polkit action resources/polkit/dev.portscope.agent.policy
//   macOS    the administrator prompt of `osascript … with administrator privileges`
//            (agent-fifo-launcher.ts: that prompt cannot hand over pipes)
//   Windows  no agent: the whole app restarts elevated through UAC (windowsElevatedRelaunch)
import { AccessDenied, NotSupported } from '../../platform/errors';
import { pkexecRefusal } from '../../platform/linux/action-elevation';
import { describeExit } from './agent-client';
import {
  AgentCancelled,
  spawnAgentProcess,
  type AgentLauncher,
  type ProcessExit,
} from './agent-process';

/** Where the app is, as Electron tells it (electron/agent-elevation.ts fills this in). */
export interface AppLocation {
  platform: NodeJS.Platform;
  /** process.execPath: the app binary (Electron itself when run unpackaged). */
  execPath: string;
  /** Unpackaged (`electron .`): Electron needs the app folder as its first argument. */
  isPackaged: boolean;
  /** app.getAppPath(). */
  appPath: string;
}

/**
 * Chromium switches the app binary needs to run as the agent on Linux: root without a sandbox
 * (Chromium refuses root otherwise, crbug.com/638180; the agent shows no web content, so there is
 * nothing to sandbox) and without a display (pkexec clears DISPLAY; Ozone's headless platform
 * skips display set-up, and no GPU process is wanted). `portscope agent` accepts and ignores them.
 */
export const LINUX_AGENT_SWITCHES = ['--no-sandbox', '--ozone-platform=headless', '--disable-gpu'];

/**
 * The agent's command line, without elevation. "agent" comes right after the program so that the
 * polkit policy can name it (org.freedesktop.policykit.exec.argv1).
 *   packaged Linux:  /opt/Portscope/portscope agent --no-sandbox --ozone-platform=headless --disable-gpu
 *   unpackaged:      …/electron /path/to/app agent …
 */
export function agentCommand(app: AppLocation): string[] {
  const program = app.isPackaged ? [app.execPath] : [app.execPath, app.appPath];
  return [...program, 'agent', ...(app.platform === 'linux' ? LINUX_AGENT_SWITCHES : [])];
}

function withStderr(message: string, stderr: string): string {
  const detail = stderr.trim().split('\n').filter(Boolean).pop();
  return detail ? `${message} (${detail.trim()})` : message;
}

/** Any command that starts the agent (tests start it as root directly; the benchmark too). */
export function commandLauncher(command: readonly string[], how = command[0]!): AgentLauncher {
  return {
    how,
    launch: () => spawnAgentProcess(command),
    earlyExit: (exit, stderr) =>
      new Error(withStderr(`The agent could not start (${how}: ${describeExit(exit)})`, stderr)),
  };
}

/** pkexec ended before the agent spoke: the prompt dismissed, refused, or impossible (pkexecRefusal). */
export function pkexecEarlyExit(exit: ProcessExit, stderr: string): Error {
  if (exit.error) {
    return new NotSupported(`pkexec could not be run: ${exit.error}. Install polkit's pkexec.`);
  }
  switch (pkexecRefusal(exit.code, stderr)) {
    case 'dismissed':
      return new AgentCancelled(
        'Administrator rights were not granted: Portscope still shows what you can see.',
      );
    case 'not-authorized':
      return new AccessDenied(
        'Administrator rights were refused (a wrong password, or polkit does not let this user ' +
          'start the Portscope agent): Portscope still shows what you can see.',
      );
    case 'no-agent':
      return new NotSupported(
        'pkexec could not ask for a password: no polkit authentication agent is running in ' +
          'this session (a desktop session starts one).',
      );
    default:
      return new Error(
        withStderr(`The agent could not start (pkexec: ${describeExit(exit)})`, stderr),
      );
  }
}

/** Linux: `pkexec <agent command>`; polkit shows the policy's message in its password prompt. */
export function pkexecLauncher(pkexec: string, agent: readonly string[]): AgentLauncher {
  return {
    how: 'pkexec',
    launch: () => spawnAgentProcess([pkexec, ...agent]),
    earlyExit: pkexecEarlyExit,
  };
}

/**
 * Windows has no agent: an elevated Electron has no sandbox problem there (as TCPView runs
 * elevated), so "Show all processes…" restarts the whole app through UAC. PowerShell's
 * Start-Process -Verb RunAs is ShellExecute's "runas" verb; it fails (exit 1) when the person
 * declines the UAC prompt. Each value is a single-quoted PowerShell string ('' escapes ').
 * https://learn.microsoft.com/powershell/module/microsoft.powershell.management/start-process
 */
export function windowsElevatedRelaunch(app: AppLocation): { file: string; args: string[] } {
  const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
  // Start-Process joins -ArgumentList with spaces and quotes nothing: a path with spaces must
  // carry its own double quotes.
  const args = app.isPackaged ? [] : [`"${app.appPath}"`];
  const argumentList = args.length > 0 ? ` -ArgumentList ${args.map(quote).join(',')}` : '';
  return {
    file: 'powershell.exe',
    args: [
      '-NoProfile',
      '-NonInteractive',
      '-Command',
      `Start-Process -FilePath ${quote(app.execPath)}${argumentList} -Verb RunAs`,
    ],
  };
}

/**
 * Why the UAC restart did not happen: PowerShell says "The operation was canceled by the user"
 * when the person declines the prompt (ShellExecute's ERROR_CANCELLED, 1223).
 * https://learn.microsoft.com/windows/win32/debug/system-error-codes--1000-1299-
 */
export function windowsRelaunchFailure(exit: ProcessExit, stderr: string): Error {
  if (/canceled by the user|cancelled by the user|1223/i.test(stderr)) {
    return new AgentCancelled(
      'Administrator rights were not granted: Portscope keeps running as you.',
    );
  }
  return new Error(
    withStderr(`Portscope could not restart as administrator (${describeExit(exit)})`, stderr),
  );
}
