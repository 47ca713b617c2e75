// Whois lookups against real servers on 127.0.0.1 started here: a port-43 chain (IANA-like →
// registry-like → ARIN-style ReferralServer), an RDAP server with a bootstrap pointing at it, and
// hostile servers. Every lookup must end — in an answer, a marked truncated answer, or a clear
// error — within the configured bounds.
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultLookupSettings, type LookupSettings } from '../../shared/whois/lookup-settings';
import { createWhoisService } from '../../electron/core/lookup/whois-service';
import { startFakeRdapServer, type FakeRdapServer } from '../support/fake-rdap-server';
import { startFakeWhoisServer, type FakeWhoisServer } from '../support/fake-whois-server';

const fixture = (name: string) => readFile(path.join(__dirname, '../fixtures/whois', name), 'utf8');

const servers: (FakeWhoisServer | FakeRdapServer)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function whoisServer(...args: Parameters<typeof startFakeWhoisServer>) {
  const server = await startFakeWhoisServer(...args);
  servers.push(server);
  return server;
}
async function rdapServer(...args: Parameters<typeof startFakeRdapServer>) {
  const server = await startFakeRdapServer(...args);
  servers.push(server);
  return server;
}

/** Fast bounds; no RDAP unless a bootstrap is given; no refresh from the internet. */
function settingsFor(patch: Partial<LookupSettings>): LookupSettings {
  return {
    ...defaultLookupSettings,
    rdapEnabled: false,
    rdapBootstrapRefreshUrl: '',
    connectTimeoutMs: 1000,
    totalTimeoutMs: 1500,
    perServerIntervalMs: 0,
    maxResponseBytes: 256 * 1024,
    ...patch,
  };
}

async function service(patch: Partial<LookupSettings>) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portscope-whois-'));
  const settings = settingsFor(patch);
  return { dataDir, whois: createWhoisService({ dataDir, settings: () => settings }) };
}

describe('port-43 whois with referrals', () => {
  it('follows refer: to the registry and ReferralServer: to a third server', async () => {
    const arinText = await fixture('arin-8.8.8.8.txt');
    const third = await whoisServer({ kind: 'answer', reply: () => arinText });
    const registry = await whoisServer({
      kind: 'answer',
      reply: () =>
        `NetRange:       8.0.0.0 - 8.255.255.255\nNetName:        NET8\n` +
        `ReferralServer:  whois://127.0.0.1:${third.port}\n`,
    });
    const iana = await whoisServer({
      kind: 'answer',
      reply: () =>
        `% IANA WHOIS server\n\nrefer:        127.0.0.1:${registry.port}\n\nsource: IANA\n`,
    });
    const { whois } = await service({ whoisServer: iana.address });

    const summary = await whois.lookup('8.8.8.8');

    expect(summary).toMatchObject({
      address: '8.8.8.8',
      source: 'whois',
      networkName: 'LVLT-GOGL-8-8-8',
      range: '8.8.8.0 - 8.8.8.255',
      cidr: ['8.8.8.0/24'],
      organisation: 'Google LLC',
      country: 'US',
      abuseContact: 'network-abuse@google.com',
      registry: 'ARIN',
      truncated: false,
      servers: [iana.address, registry.address, third.address],
    });
    expect(summary.raw).toBe(arinText.replace(/\r\n?/g, '\n'));
    expect([iana.queries, registry.queries, third.queries]).toEqual([
      ['8.8.8.8'],
      ['8.8.8.8'],
      ['8.8.8.8'],
    ]);
  });

  it('answers the second time from the cache, also after a restart (disk)', async () => {
    const registry = await whoisServer({
      kind: 'answer',
      reply: () => 'inetnum: 9.9.9.0 - 9.9.9.255\nnetname: QUAD9\ncountry: CH\nsource: RIPE\n',
    });
    const { whois, dataDir } = await service({ whoisServer: registry.address });
    const first = await whois.lookup('9.9.9.9');
    const second = await whois.lookup('9.9.9.9');
    await whois.dispose();
    const restarted = createWhoisService({
      dataDir,
      settings: () => settingsFor({ whoisServer: registry.address }),
    });
    const third = await restarted.lookup('9.9.9.9');

    expect(first.fromCache).toBe(false);
    expect(second).toMatchObject({ fromCache: true, networkName: 'QUAD9', country: 'CH' });
    expect(third).toMatchObject({ fromCache: true, networkName: 'QUAD9' });
    expect(registry.queries).toEqual(['9.9.9.9']);
  });

  it('keeps answers per source asked: another whois server is asked itself, never answered from the first one’s cache', async () => {
    const first = await whoisServer({ kind: 'answer', reply: () => 'netname: FIRST-SOURCE\n' });
    const second = await whoisServer({ kind: 'answer', reply: () => 'netname: SECOND-SOURCE\n' });
    const { whois, dataDir } = await service({ whoisServer: first.address });
    expect(await whois.lookup('9.9.9.9')).toMatchObject({ networkName: 'FIRST-SOURCE' });
    await whois.dispose();

    // Same cache folder, another server (what `portscope whois --whois-server` does).
    const other = createWhoisService({
      dataDir,
      settings: () => settingsFor({ whoisServer: second.address }),
    });
    expect(await other.lookup('9.9.9.9')).toMatchObject({
      networkName: 'SECOND-SOURCE',
      fromCache: false,
    });
    await other.dispose();
    // Each source's answer is kept: asking the first server again is a cache hit of its own.
    const again = createWhoisService({
      dataDir,
      settings: () => settingsFor({ whoisServer: first.address }),
    });
    expect(await again.lookup('9.9.9.9')).toMatchObject({
      networkName: 'FIRST-SOURCE',
      fromCache: true,
    });
    // RDAP on is another source too (here it finds no RDAP server and falls back to port 43).
    const withRdap = createWhoisService({
      dataDir,
      settings: () =>
        settingsFor({
          whoisServer: first.address,
          rdapEnabled: true,
          rdapBootstrap: '/nonexistent',
        }),
    });
    expect((await withRdap.lookup('9.9.9.9')).fromCache).toBe(false);
    expect(first.queries).toEqual(['9.9.9.9', '9.9.9.9']);
    expect(second.queries).toEqual(['9.9.9.9']);
  });

  it('answers private and special addresses locally, with no traffic', async () => {
    const registry = await whoisServer({ kind: 'answer', reply: () => 'netname: X\n' });
    const { whois } = await service({ whoisServer: registry.address });
    for (const address of [
      '192.168.1.10',
      '10.0.0.1',
      '127.0.0.1',
      '100.64.1.1',
      'fd12::1',
      '::',
    ]) {
      const summary = await whois.lookup(address);
      expect(summary.source).toBe('local');
      expect(summary.raw).toMatch(/It has no public owner: nothing to look up/);
      // Each says what kind of address it is, once: loopback is not called private (issue 14.17).
      if (address === '127.0.0.1') {
        expect(summary.raw).toBe(
          '127.0.0.1: loopback address (this machine). It has no public owner: nothing to look up.',
        );
      }
      const isPrivateRange = /private/i.test(summary.specialRange ?? '');
      if (!isPrivateRange) expect(summary.raw).not.toMatch(/private/i);
    }
    expect(registry.queries).toEqual([]);
  });

  it('rejects what is not an IP address', async () => {
    const { whois } = await service({});
    await expect(whois.lookup('example.com; rm -rf /')).rejects.toThrow(/not an IP address/);
  });
});

describe('RDAP first', () => {
  it('summarises the RDAP server’s JSON, found through the bootstrap', async () => {
    const json = JSON.parse(await fixture('rdap-arin-8.8.8.8.json')) as unknown;
    const rdap = await rdapServer({ kind: 'json', body: () => json });
    const port43 = await whoisServer({ kind: 'answer', reply: () => 'netname: WRONG\n' });
    const { whois } = await service({
      rdapEnabled: true,
      rdapBootstrap: await rdap.writeBootstrap(['8.0.0.0/8']),
      whoisServer: port43.address,
    });

    const summary = await whois.lookup('8.8.8.8');

    expect(summary).toMatchObject({
      source: 'rdap',
      networkName: 'GOGL',
      organisation: 'Google LLC',
      abuseContact: 'network-abuse@google.com',
      cidr: ['8.8.8.0/24'],
      registry: 'ARIN',
      servers: [`127.0.0.1:${rdap.port}`],
    });
    expect(JSON.parse(summary.raw)).toEqual(json);
    expect(rdap.requests).toEqual(['/ip/8.8.8.8']);
    expect(port43.queries).toEqual([]);
  });

  it.each([
    ['HTTP 500', { kind: 'status', status: 500 } as const, /HTTP 500/],
    ['a timeout', { kind: 'hang' } as const, /did not answer within/],
    ['malformed JSON', { kind: 'malformed' } as const, /malformed JSON/],
  ])('falls back to port 43 after %s', async (_name, behaviour, reason) => {
    const rdap = await rdapServer(behaviour);
    const registry = await whoisServer({
      kind: 'answer',
      reply: () => 'inetnum: 8.8.8.0 - 8.8.8.255\nnetname: FROM-PORT-43\nsource: ARIN\n',
    });
    const { whois } = await service({
      rdapEnabled: true,
      rdapBootstrap: await rdap.writeBootstrap(['8.0.0.0/8']),
      whoisServer: registry.address,
    });

    const summary = await whois.lookup('8.8.8.8');

    expect(summary.source).toBe('whois');
    expect(summary.networkName).toBe('FROM-PORT-43');
    expect(summary.notes.join(' ')).toMatch(reason);
    expect(rdap.requests).toEqual(['/ip/8.8.8.8']);
    expect(registry.queries).toEqual(['8.8.8.8']);
  });
});

describe('hostile whois servers end in a clear error or a marked, truncated answer', () => {
  it('a server that never answers: an error naming it and the time limit', async () => {
    const silent = await whoisServer({ kind: 'silent' });
    const { whois } = await service({ whoisServer: silent.address });
    await expect(whois.lookup('8.8.8.8')).rejects.toThrow(
      new RegExp(`${silent.address} did not answer within 1.5 s`),
    );
    expect(silent.queries).toEqual(['8.8.8.8']);
  });

  it('a server that drips a byte a second: what came, marked truncated', async () => {
    const drip = await whoisServer({ kind: 'drip', byte: 'z', intervalMs: 1000 });
    const { whois } = await service({ whoisServer: drip.address });
    const summary = await whois.lookup('8.8.8.8');
    expect(summary.truncated).toBe(true);
    expect(summary.raw).toMatch(/^z+$/);
    expect(summary.notes.join(' ')).toMatch(/still sending after 1500 ms; the reply was cut/);
  });

  it('a server that sends 50 MB: cut at the cap, marked truncated', async () => {
    const flood = await whoisServer({ kind: 'flood', totalBytes: 50 * 1024 * 1024 });
    const { whois } = await service({
      whoisServer: flood.address,
      totalTimeoutMs: 20_000,
      maxResponseBytes: 64 * 1024,
    });
    const summary = await whois.lookup('8.8.8.8');
    expect(summary.truncated).toBe(true);
    expect(summary.raw.length).toBe(64 * 1024);
    expect(summary.notes.join(' ')).toMatch(/more than 65536 bytes/);
  });

  it('servers that refer in a loop: stopped, the loop named', async () => {
    let portB = 0;
    const a = await whoisServer({ kind: 'answer', reply: () => `refer: 127.0.0.1:${portB}\n` });
    const b = await whoisServer({ kind: 'answer', reply: () => `refer: 127.0.0.1:${a.port}\n` });
    portB = b.port;
    const { whois } = await service({ whoisServer: a.address });
    const summary = await whois.lookup('8.8.8.8');
    expect(summary.notes.join(' ')).toMatch(/referral loop: 127\.0\.0\.1:\d+ was already asked/);
    expect(a.queries).toEqual(['8.8.8.8']);
    expect(b.queries).toEqual(['8.8.8.8']);
  });

  it('a referral chain longer than the limit: stopped at the limit', async () => {
    const chain: FakeWhoisServer[] = [];
    let nextPort = 0;
    for (let i = 0; i < 4; i += 1) {
      const target = nextPort;
      chain.unshift(
        await whoisServer({
          kind: 'answer',
          reply: () => (target ? `whois: 127.0.0.1:${target}\n` : 'netname: END\n'),
        }),
      );
      nextPort = chain[0]!.port;
    }
    const { whois } = await service({ whoisServer: chain[0]!.address, maxReferrals: 2 });
    const summary = await whois.lookup('8.8.8.8');
    expect(summary.servers).toHaveLength(3);
    expect(summary.notes.join(' ')).toMatch(/stopped after 2 referrals/);
    expect(chain[3]!.queries).toEqual([]);
  });

  it('a server that sends binary garbage: shown cleaned, nothing parsed from it', async () => {
    const garbage = Buffer.from([0xff, 0xfe, 0x00, 0x1b, 0x5b, 0x32, 0x4a, 0x80, 0x81, 0x0a, 0xc3]);
    const server = await whoisServer({ kind: 'garbage', bytes: garbage });
    const { whois } = await service({ whoisServer: server.address });
    const summary = await whois.lookup('8.8.8.8');
    expect(summary.source).toBe('whois');
    expect(summary.networkName).toBeNull();
    expect(summary.organisation).toBeNull();
    // eslint-disable-next-line no-control-regex
    expect(summary.raw).not.toMatch(/[\u0000\u001b]/);
  });

  it('a server that hangs up without a word: an error, and nothing cached', async () => {
    const mute = await whoisServer({ kind: 'hangUp' });
    const { whois } = await service({ whoisServer: mute.address });
    await expect(whois.lookup('8.8.8.8')).rejects.toThrow(
      new RegExp(`${mute.address} closed the connection without an answer`),
    );
    // Asked again, not answered from a cache: the silence was not taken for a record.
    await expect(whois.lookup('8.8.8.8')).rejects.toThrow(/without an answer/);
    expect(mute.queries).toEqual(['8.8.8.8', '8.8.8.8']);
  });

  it('a refused connection: an error that says so', async () => {
    const gone = await whoisServer({ kind: 'silent' });
    await gone.close();
    const { whois } = await service({ whoisServer: gone.address });
    await expect(whois.lookup('8.8.8.8')).rejects.toThrow(/refused the connection/);
  });
});
