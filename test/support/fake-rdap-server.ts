// An RDAP server (plain HTTP) on 127.0.0.1 for tests, with a bootstrap file pointing at it.
import { mkdtemp, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type RdapBehaviour =
  | { kind: 'json'; body: (address: string) => unknown }
  | { kind: 'status'; status: number }
  | { kind: 'hang' }
  | { kind: 'malformed' };

export interface FakeRdapServer {
  port: number;
  baseUrl: string;
  /** Request paths received ("/ip/8.8.8.8"). */
  requests: string[];
  /** Write a bootstrap file (RFC 9224) that sends `prefixes` here; returns its path. */
  writeBootstrap(prefixes: string[]): Promise<string>;
  close(): Promise<void>;
}

export async function startFakeRdapServer(behaviour: RdapBehaviour): Promise<FakeRdapServer> {
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    requests.push(url);
    const match = /^\/ip\/([^/?]+)$/.exec(url);
    if (!match) {
      response.writeHead(404).end();
      return;
    }
    const address = decodeURIComponent(match[1]!);
    switch (behaviour.kind) {
      case 'json':
        response
          .writeHead(200, { 'content-type': 'application/rdap+json' })
          .end(JSON.stringify(behaviour.body(address)));
        return;
      case 'status':
        response.writeHead(behaviour.status, { 'content-type': 'application/rdap+json' }).end('{}');
        return;
      case 'hang':
        return;
      case 'malformed':
        response
          .writeHead(200, { 'content-type': 'application/rdap+json' })
          .end('{"objectClassName": "ip netw');
        return;
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}/`;
  return {
    port,
    baseUrl,
    requests,
    async writeBootstrap(prefixes) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'portscope-rdap-'));
      const file = path.join(dir, 'bootstrap.json');
      await writeFile(
        file,
        JSON.stringify({
          version: '1.0',
          publication: '2026-01-01T00:00:00Z',
          services: [[prefixes, [baseUrl]]],
        }),
      );
      return file;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
