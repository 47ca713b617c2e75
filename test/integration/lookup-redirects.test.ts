// Where RDAP redirects and whois referrals may send Portscope (issue 13.8): https only, and never
// into the local network unless the configured server is local itself. Every server here is on
// loopback; to stand in for the internet, the lookups are told that only 127.0.0.1 and ::1 are
// local, so 127.0.0.2 and 127.0.0.3 play public hosts. Each target records what reached it, so a
// refusal is seen to happen before anything is sent there.
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpGetError, httpGetBounded } from '../../electron/core/lookup/http-get';
import { redirectHop } from '../../electron/core/lookup/outbound-guard';
import { lookupPort43 } from '../../electron/core/lookup/whois-port43';
import { defaultLookupSettings } from '../../shared/whois/lookup-settings';
import { startFakeWhoisServer, type FakeWhoisServer } from '../support/fake-whois-server';

/** Only 127.0.0.1 and ::1 are local here; other loopback addresses play public hosts. */
const pretendPublic = (address: string) =>
  !['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(address);

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** An HTTP server on `host` that answers every request with `answer`; counts requests. */
async function httpServer(
  host: string,
  answer: (response: http.ServerResponse) => void,
): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const server = http.createServer((_request, response) => {
    requests += 1;
    answer(response);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  const { port } = server.address() as net.AddressInfo;
  return { url: `http://${host}:${port}/`, requests: () => requests };
}

const redirector = (host: string, location: string) =>
  httpServer(host, (response) => response.writeHead(302, { location }).end());
const target = (host: string) =>
  httpServer(host, (response) =>
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
  );

/** A TCP listener that only counts connections (an https target need not finish TLS to count). */
async function connectionCounter(
  host: string,
): Promise<{ port: number; connections: () => number }> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { port: (server.address() as net.AddressInfo).port, connections: () => connections };
}

const get = (url: string) =>
  httpGetBounded(url, {
    connectTimeoutMs: 2000,
    totalTimeoutMs: 4000,
    maxBytes: 1 << 20,
    accept: 'application/json',
    isPublicAddress: pretendPublic,
  });

async function refusal(url: string): Promise<string> {
  const error = await get(url).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(HttpGetError);
  return (error as Error).message;
}

describe('RDAP redirects', () => {
  it('a local configured server may redirect to another local server (labs, mirrors, tests)', async () => {
    const end = await target('127.0.0.1');
    const start = await redirector('127.0.0.1', end.url);
    expect((await get(start.url)).status).toBe(200);
    expect(end.requests()).toBe(1);
  });

  it('a public server redirecting to plain http is not followed', async () => {
    const end = await target('127.0.0.3');
    const start = await redirector('127.0.0.2', end.url);
    expect(await refusal(start.url)).toBe(
      `127.0.0.2:${new URL(start.url).port} redirected to a http:// URL (127.0.0.3:${new URL(end.url).port}): only https redirects are followed`,
    );
    expect(end.requests()).toBe(0);
  });

  it('a local server may not send the request out to the internet over plain http', async () => {
    const end = await target('127.0.0.3');
    const start = await redirector('127.0.0.1', end.url);
    expect(await refusal(start.url)).toMatch(/sends plain http to 127\.0\.0\.3, outside the local/);
    expect(end.requests()).toBe(0);
  });

  it('a public server redirecting into the local network is not followed, by address or by name', async () => {
    const local = await connectionCounter('127.0.0.1');
    const byAddress = await redirector('127.0.0.2', `https://127.0.0.1:${local.port}/ip/8.8.8.8`);
    expect(await refusal(byAddress.url)).toMatch(
      /points to 127\.0\.0\.1, a private, loopback or otherwise local address: not followed/,
    );
    // "localhost" is only known to be local once resolved: the lookup itself refuses it.
    const byName = await redirector('127.0.0.2', `https://localhost:${local.port}/ip/8.8.8.8`);
    expect(await refusal(byName.url)).toMatch(/points to (127\.0\.0\.1|::1), a private/);
    expect(local.connections()).toBe(0);
  });

  it('https redirects between public servers are followed', () => {
    const hop = redirectHop(
      new URL('https://rdap.arin.net/registry/ip/193.0.6.139'),
      new URL('https://rdap.db.ripe.net/ip/193.0.6.139'),
      false,
      pretendPublic,
    );
    expect(hop.reach).toBe('public');
  });
});

describe('whois referrals', () => {
  const servers: FakeWhoisServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('a public server referring into the local network is not followed', async () => {
    const local = await startFakeWhoisServer({ kind: 'answer', reply: () => 'netname: LOCAL\n' });
    const publicServer = await startFakeWhoisServer(
      { kind: 'answer', reply: () => `netname: PUBLIC\nrefer: ${local.address}\n` },
      '127.0.0.2',
    );
    servers.push(local, publicServer);
    const answer = await lookupPort43(
      '8.8.8.8',
      { ...defaultLookupSettings, whoisServer: publicServer.address },
      { isPublicAddress: pretendPublic },
    );
    expect(answer.fields.networkName).toBe('PUBLIC');
    expect(local.queries).toEqual([]);
    expect(answer.notes.join(' ')).toMatch(
      /referral to 127\.0\.0\.1:\d+ failed \(the referral to 127\.0\.0\.1:\d+ points to 127\.0\.0\.1, a private/,
    );
  });

  it('a local configured server may refer to another local one', async () => {
    const second = await startFakeWhoisServer({ kind: 'answer', reply: () => 'netname: SECOND\n' });
    const first = await startFakeWhoisServer({
      kind: 'answer',
      reply: () => `refer: ${second.address}\n`,
    });
    servers.push(first, second);
    const answer = await lookupPort43(
      '8.8.8.8',
      { ...defaultLookupSettings, whoisServer: first.address },
      { isPublicAddress: pretendPublic },
    );
    expect(answer.fields.networkName).toBe('SECOND');
  });
});
