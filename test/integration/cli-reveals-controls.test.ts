// What the CLI prints for people shows control characters instead of obeying them (issue 13.4):
// a real process whose title holds ESC sequences, a C1 control and a right-to-left override, a
// whois server and an RDAP server (both on 127.0.0.1) whose answers hold the same, and an error
// message that quotes outside text. Data for programs (JSON) keeps every character exactly.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { startFakeRdapServer, type FakeRdapServer } from '../support/fake-rdap-server';
import { startFakeWhoisServer, type FakeWhoisServer } from '../support/fake-whois-server';
import { spawnSocketChild, stopAllSocketChildren } from '../support/socket-child';

afterAll(() => stopAllSocketChildren());
const servers: (FakeWhoisServer | FakeRdapServer)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** ESC [2J clears a terminal; CSI (U+009B) is the C1 form of ESC [; U+202E reverses text. */
const HOSTILE = '\x1b[2J\x1b]0;owned\x07evil\u009b31m\u202egnp.exe';
const SHOWN = '␛[2J␛]0;owned␇evil⟦U+009B⟧31m⟦U+202E⟧gnp.exe';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    isTTY: false,
  });
  return { code, stdout, stderr };
}

describe('the CLI prints outside text with its controls shown', () => {
  it('list --format table: a process title with ESC, C1 and bidi controls', async () => {
    const child = await spawnSocketChild({ title: `x${HOSTILE}` });
    await child.listenTcp('127.0.0.1');
    const table = await cli([
      'list',
      '--format',
      'table',
      '--no-resolve',
      '--filter',
      `pid:${child.pid}`,
      '--columns',
      'pid,commandLine',
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).not.toMatch(CONTROLS);
    expect(table.stdout).toContain(SHOWN);
    // The columns still line up: the header's second column starts where each value does.
    const [header, row] = table.stdout.split('\n');
    expect(row!.indexOf('x␛')).toBe(header!.indexOf('Command Line'));

    // JSON is for programs: every character exactly as the process has it.
    const json = await cli([
      'list',
      '--format',
      'json',
      '--no-resolve',
      '--filter',
      `pid:${child.pid}`,
    ]);
    const rows = JSON.parse(json.stdout) as { commandLine: string }[];
    expect(rows[0]!.commandLine).toContain(HOSTILE);
  });

  it('whois: a port-43 reply and its summary', async () => {
    const reply = `inetnum: 8.8.8.0 - 8.8.8.255\nnetname: ${HOSTILE}\norg-name: \u202eCorp\n`;
    const server = await startFakeWhoisServer({ kind: 'answer', reply: () => reply });
    servers.push(server);
    const base = ['whois', '--no-rdap', '--no-cache', '--whois-server', server.address];
    const summary = await cli([...base, '8.8.8.8']);
    expect(summary.code).toBe(0);
    expect(summary.stdout).not.toMatch(CONTROLS);
    expect(summary.stdout).toContain('⟦U+202E⟧Corp');
    const raw = await cli([...base, '--raw', '8.8.8.8']);
    expect(raw.stdout).not.toMatch(CONTROLS);
    expect(raw.stdout).toContain('⟦U+009B⟧31m⟦U+202E⟧gnp.exe');
    expect(raw.stdout.split('\n').length).toBeGreaterThan(3); // the reply's own lines are kept
  });

  it('whois: RDAP fields', async () => {
    const rdap = await startFakeRdapServer({
      kind: 'json',
      body: (address) => ({
        objectClassName: 'ip network',
        name: HOSTILE,
        startAddress: address,
        endAddress: address,
        entities: [
          {
            roles: ['registrant'],
            vcardArray: ['vcard', [['fn', {}, 'text', `Org\u202e${HOSTILE}`]]],
          },
        ],
      }),
    });
    servers.push(rdap);
    const bootstrap = await rdap.writeBootstrap(['8.0.0.0/8']);
    const text = await cli(['whois', '--no-cache', '--rdap-bootstrap', bootstrap, '8.8.8.8']);
    expect(text.code).toBe(0);
    expect(text.stdout).not.toMatch(CONTROLS);
    const network = text.stdout.split('\n').find((line) => line.startsWith('Network:'));
    expect(network?.replace(/^Network: +/, '')).toBe(SHOWN);
    const raw = await cli([
      'whois',
      '--no-cache',
      '--rdap-bootstrap',
      bootstrap,
      '--raw',
      '8.8.8.8',
    ]);
    expect(raw.stdout).not.toMatch(CONTROLS);
    const json = await cli([
      'whois',
      '--no-cache',
      '--rdap-bootstrap',
      bootstrap,
      '--format',
      'json',
      '8.8.8.8',
    ]);
    expect((JSON.parse(json.stdout) as { networkName: string }).networkName).toBe(HOSTILE);
  });

  it('error messages that quote outside text', async () => {
    const usage = await cli(['whois', HOSTILE]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain(`"${SHOWN}" is not an IP address`);
    expect(usage.stderr).not.toMatch(CONTROLS);
    const unknown = await cli([HOSTILE]);
    expect(unknown.stderr).toContain(`unknown command "${SHOWN}"`);
    expect(unknown.stderr).not.toMatch(CONTROLS);
  });
});
