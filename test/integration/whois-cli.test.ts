// `portscope whois` against servers on 127.0.0.1 started here (no cache: nothing is written to
// the user's cache folder).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import whoisCommand from '../../electron/cli/commands/whois';
import { CliUsageError, forPeople, type CliIo } from '../../electron/cli/io';
import { startFakeRdapServer, type FakeRdapServer } from '../support/fake-rdap-server';
import { startFakeWhoisServer, type FakeWhoisServer } from '../support/fake-whois-server';

const open: (FakeWhoisServer | FakeRdapServer)[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** The streams runCli would hand the command (forPeople), capturing what is written. */
function capture(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const io = forPeople({
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    isTTY: false,
  });
  return { ...io, out: () => out, err: () => err };
}

async function arinServer() {
  const text = await readFile(path.join(__dirname, '../fixtures/whois/arin-8.8.8.8.txt'), 'utf8');
  const server = await startFakeWhoisServer({ kind: 'answer', reply: () => text });
  open.push(server);
  return { server, text };
}

describe('portscope whois', () => {
  it('prints the summary from the server named by --whois-server', async () => {
    const { server } = await arinServer();
    const io = capture();
    const code = await whoisCommand.run(
      ['--no-rdap', '--no-cache', '--whois-server', server.address, '8.8.8.8'],
      io,
    );
    expect(code).toBe(0);
    expect(io.out()).toContain('Network:       LVLT-GOGL-8-8-8\n');
    expect(io.out()).toContain('Organisation:  Google LLC\n');
    expect(io.out()).toContain('Abuse contact: network-abuse@google.com\n');
    expect(io.out()).toContain(`Source:        whois (${server.address})\n`);
  });

  it('--raw prints the reply, --format json the whole summary', async () => {
    const { server, text } = await arinServer();
    const raw = capture();
    await whoisCommand.run(
      ['--no-rdap', '--no-cache', '--whois-server', server.address, '--raw', '8.8.8.8'],
      raw,
    );
    expect(raw.out()).toBe(text.endsWith('\n') ? text : `${text}\n`);
    const json = capture();
    await whoisCommand.run(
      ['--no-rdap', '--no-cache', '--whois-server', server.address, '--format', 'json', '8.8.8.8'],
      json,
    );
    expect(JSON.parse(json.out())).toMatchObject({
      address: '8.8.8.8',
      organisation: 'Google LLC',
      source: 'whois',
    });
  });

  it('--rdap-bootstrap points RDAP at a server here', async () => {
    const rdap = await startFakeRdapServer({
      kind: 'json',
      body: (address) => ({
        objectClassName: 'ip network',
        name: 'TEST-NET',
        startAddress: address,
        endAddress: address,
        country: 'de',
      }),
    });
    open.push(rdap);
    const bootstrap = await rdap.writeBootstrap(['8.0.0.0/8']);
    const io = capture();
    const code = await whoisCommand.run(
      ['--no-cache', '--rdap-bootstrap', bootstrap, '--format', 'json', '8.8.8.8'],
      io,
    );
    expect(code).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({
      source: 'rdap',
      networkName: 'TEST-NET',
      country: 'DE',
    });
  });

  it('answers a private address without asking anyone', async () => {
    const io = capture();
    expect(
      await whoisCommand.run(['--no-cache', '--whois-server', '127.0.0.1:1', '192.168.1.1'], io),
    ).toBe(0);
    expect(io.out()).toContain('Owner:   none: private network (RFC 1918) (no public owner)');
  });

  it('exit 1 with a readable message when the server does not answer', async () => {
    const silent = await startFakeWhoisServer({ kind: 'silent' });
    open.push(silent);
    const io = capture();
    const code = await whoisCommand.run(
      ['--no-rdap', '--no-cache', '--timeout', '500', '--whois-server', silent.address, '8.8.8.8'],
      io,
    );
    expect(code).toBe(1);
    expect(io.err()).toBe(
      `portscope whois: whois failed: ${silent.address} did not answer within 0.5 s\n`,
    );
  });

  it('refuses a bad command line', async () => {
    await expect(whoisCommand.run(['example.com'], capture())).rejects.toThrow(CliUsageError);
    await expect(whoisCommand.run(['--format', 'xml', '8.8.8.8'], capture())).rejects.toThrow(
      /text or json/,
    );
    await expect(whoisCommand.run(['--whois-server', 'a b', '8.8.8.8'], capture())).rejects.toThrow(
      /HOST:PORT/,
    );
  });
});
