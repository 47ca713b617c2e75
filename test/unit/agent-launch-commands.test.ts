// How each OS asks for administrator rights for "Show all processes…": the commands, the exit
// codes each elevation program uses, and the polkit policy that must name exactly the command
// the app runs. (pkexec and the named pipes run for real in test/integration/agent-*.test.ts;
// osascript and UAC cannot run here, so their command lines are checked as text.)
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  appleScriptString,
  fifoShellCommand,
  macAdministratorCommand,
  osascriptEarlyExit,
  shellQuote,
} from '../../electron/core/agent/agent-fifo-launcher';
import {
  agentCommand,
  LINUX_AGENT_SWITCHES,
  pkexecEarlyExit,
  windowsElevatedRelaunch,
  windowsRelaunchFailure,
  type AppLocation,
} from '../../electron/core/agent/agent-launchers';
import { AgentCancelled } from '../../electron/core/agent/agent-process';
import { elevationFor } from '../../electron/core/agent/elevation';
import { AccessDenied, NotSupported } from '../../electron/platform/errors';
import { windowAsRootRefusal } from '../../electron/window-as-root';

const packagedLinux: AppLocation = {
  platform: 'linux',
  execPath: '/opt/Portscope/portscope',
  isPackaged: true,
  appPath: '/opt/Portscope/resources/app.asar',
};

describe('the agent command', () => {
  it('puts "agent" first after the program, and the switches a root, display-less Electron needs', () => {
    expect(agentCommand(packagedLinux)).toEqual([
      '/opt/Portscope/portscope',
      'agent',
      '--no-sandbox',
      '--ozone-platform=headless',
      '--disable-gpu',
    ]);
    expect(
      agentCommand({
        platform: 'linux',
        execPath: '/src/node_modules/electron/dist/electron',
        isPackaged: false,
        appPath: '/src',
      }),
    ).toEqual([
      '/src/node_modules/electron/dist/electron',
      '/src',
      'agent',
      ...LINUX_AGENT_SWITCHES,
    ]);
    expect(
      agentCommand({
        platform: 'darwin',
        execPath: '/Applications/Portscope.app/Contents/MacOS/Portscope',
        isPackaged: true,
        appPath: '',
      }),
    ).toEqual(['/Applications/Portscope.app/Contents/MacOS/Portscope', 'agent']);
  });

  it('picks pkexec on Linux, the administrator prompt on macOS, a UAC restart on Windows', async () => {
    expect(elevationFor(packagedLinux, { pkexec: '/usr/bin/pkexec' }).launcher?.how).toBe('pkexec');
    expect(elevationFor(packagedLinux, { pkexec: null })).toEqual({
      unavailableReason: expect.stringMatching(/install it/),
    });
    const mac = elevationFor({ ...packagedLinux, platform: 'darwin' });
    expect(mac.launcher?.how).toBe('the administrator prompt');
    const relaunch = async () => undefined;
    expect(
      elevationFor({ ...packagedLinux, platform: 'win32' }, { relaunchElevated: relaunch }),
    ).toEqual({ relaunchElevated: relaunch });
    expect(elevationFor({ ...packagedLinux, platform: 'freebsd' }).unavailableReason).toMatch(
      /freebsd/,
    );
  });
});

describe('pkexec', () => {
  it('tells a dismissed prompt (126) from a refusal and from a prompt nobody could show (127)', () => {
    // stderr as pkexec 122 writes it here (agent-pkexec.test.ts sees both for real).
    expect(pkexecEarlyExit({ code: 126, signal: null }, '')).toBeInstanceOf(AgentCancelled);
    const noAgent = pkexecEarlyExit(
      { code: 127, signal: null },
      "Error creating textual authentication agent: Error opening current controlling terminal for the process (`/dev/tty'): No such device or address\n",
    );
    expect(noAgent).toBeInstanceOf(NotSupported);
    expect(noAgent.message).toMatch(/no polkit authentication agent is running/);
    const refused = pkexecEarlyExit(
      { code: 127, signal: null },
      'Error executing command as another user: Not authorized\n\nThis incident has been reported.\n',
    );
    expect(refused).toBeInstanceOf(AccessDenied);
    expect(refused.message).toMatch(/refused/);
    expect(pkexecEarlyExit({ code: null, signal: null, error: 'spawn ENOENT' }, '')).toBeInstanceOf(
      NotSupported,
    );
    expect(pkexecEarlyExit({ code: 1, signal: null }, 'boom\n').message).toMatch(
      /exit code 1.*boom/,
    );
  });

  it('has a policy that names exactly the packaged agent command, shipped where polkit reads', () => {
    const xml = new XMLParser({ ignoreAttributes: false }).parse(
      readFileSync('resources/polkit/dev.portscope.agent.policy', 'utf8'),
    ) as {
      policyconfig: {
        action: {
          '@_id': string;
          description: string;
          message: string;
          defaults: Record<string, string>;
          annotate: { '@_key': string; '#text': string }[];
        };
      };
    };
    const action = xml.policyconfig.action;
    const annotation = (key: string) =>
      action.annotate.find((entry) => entry['@_key'] === `org.freedesktop.policykit.exec.${key}`)?.[
        '#text'
      ];
    const [program, firstArgument] = agentCommand(packagedLinux);
    expect(action['@_id']).toBe('dev.portscope.agent');
    expect(annotation('path')).toBe(program);
    expect(annotation('argv1')).toBe(firstArgument);
    expect(action.message).toMatch(/which program owns every network connection/);
    expect(Object.values(action.defaults)).toEqual(['auth_admin', 'auth_admin', 'auth_admin']);

    // The packages install it into polkit's actions folder (deb and rpm), and the binary where
    // it says (electron-builder: /opt/<productName>/<linux.executableName>).
    const builder = readFileSync('electron-builder.yml', 'utf8');
    const productName = /^productName: (\S+)$/m.exec(builder)?.[1];
    const executableName = /^linux:\n(?: {2}.*\n)*? {2}executableName: (\S+)$/m.exec(builder)?.[1];
    expect(`/opt/${productName}/${executableName}`).toBe(program);
    const installed =
      '    - resources/polkit/dev.portscope.agent.policy=/usr/share/polkit-1/actions/dev.portscope.agent.policy';
    for (const target of ['deb', 'rpm']) {
      const section =
        new RegExp(`^${target}:\\n((?: {2}.*\\n|\\n)*)`, 'm').exec(builder)?.[1] ?? '';
      expect(section, target).toContain(`  fpm:\n${installed}\n`);
    }
  });
});

describe('macOS: the administrator prompt over named pipes', () => {
  const paths = {
    toAgent: "/tmp/it's here/to-agent",
    fromAgent: '/tmp/x/from-agent',
    log: '/tmp/x/agent.log',
  };
  const agent = ['/Applications/Portscope "Beta".app/Contents/MacOS/Portscope', 'agent'];

  it('quotes every word for sh and the whole command for AppleScript', () => {
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    const shell = fifoShellCommand(agent, paths);
    expect(shell).toBe(
      `'/Applications/Portscope "Beta".app/Contents/MacOS/Portscope' 'agent' ` +
        `< '/tmp/it'\\''s here/to-agent' > '/tmp/x/from-agent' 2>> '/tmp/x/agent.log' &`,
    );
    const [osascript, flag, script] = macAdministratorCommand(agent, paths);
    expect([osascript, flag]).toEqual(['/usr/bin/osascript', '-e']);
    expect(script).toBe(
      `do shell script ${appleScriptString(shell)} with prompt ` +
        `${appleScriptString(
          'Portscope wants to see which program owns every network connection, and to end ' +
            'programs or close connections when you ask it to.',
        )} with administrator privileges`,
    );
    // The AppleScript literal unescapes to exactly the shell command.
    const literal = /^do shell script "((?:[^"\\]|\\.)*)"/.exec(script!)![1]!;
    expect(literal.replace(/\\(.)/g, '$1')).toBe(shell);
  });

  it('reads a cancelled prompt (-128) as a cancel', () => {
    expect(
      osascriptEarlyExit({ code: 1, signal: null }, '0:84: execution error: User canceled. (-128)'),
    ).toBeInstanceOf(AgentCancelled);
    expect(osascriptEarlyExit({ code: 1, signal: null }, 'other').message).toMatch(/exit code 1/);
  });
});

describe('Windows: a restart through UAC', () => {
  it('runs Start-Process -Verb RunAs with every value quoted for PowerShell', () => {
    expect(
      windowsElevatedRelaunch({
        platform: 'win32',
        execPath: "C:\\Program Files\\Portscope\\Portscope's.exe",
        isPackaged: true,
        appPath: '',
      }),
    ).toEqual({
      file: 'powershell.exe',
      args: [
        '-NoProfile',
        '-NonInteractive',
        '-Command',
        "Start-Process -FilePath 'C:\\Program Files\\Portscope\\Portscope''s.exe' -Verb RunAs",
      ],
    });
    expect(
      windowsElevatedRelaunch({
        platform: 'win32',
        execPath: 'C:\\src\\electron.exe',
        isPackaged: false,
        appPath: 'C:\\my src',
      }).args[3],
    ).toBe(
      `Start-Process -FilePath 'C:\\src\\electron.exe' -ArgumentList '"C:\\my src"' -Verb RunAs`,
    );
  });

  it('reads a declined UAC prompt as a cancel', () => {
    expect(
      windowsRelaunchFailure(
        { code: 1, signal: null },
        'Start-Process : This command cannot be run due to the error: The operation was canceled by the user.',
      ),
    ).toBeInstanceOf(AgentCancelled);
    expect(windowsRelaunchFailure({ code: 1, signal: null }, 'no such file').message).toMatch(
      /could not restart/,
    );
  });
});

describe('no window as root', () => {
  it('refuses the window as root on Linux and says how to see every process instead', () => {
    expect(windowAsRootRefusal('linux', 0)).toMatch(
      /Show all processes…[\s\S]*sudo portscope list/,
    );
    expect(windowAsRootRefusal('linux', 1000)).toBeNull();
    expect(windowAsRootRefusal('darwin', 0)).toBeNull();
  });
});
