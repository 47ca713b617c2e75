// Port-43 whois servers on 127.0.0.1 for tests: well-behaved ones that answer from a function,
// and hostile ones (silent, dripping, flooding, garbage). Each counts the queries it received and
// closes only its own sockets.
import net from 'node:net';

export interface FakeWhoisServer {
  port: number;
  /** "127.0.0.1:PORT", as the whoisServer setting takes it. */
  address: string;
  /** Query lines received, in order (without CRLF). */
  queries: string[];
  close(): Promise<void>;
}

export type WhoisBehaviour =
  | { kind: 'answer'; reply: (query: string) => string | Buffer }
  | { kind: 'silent' }
  /** Reads the query, then closes the connection without a byte. */
  | { kind: 'hangUp' }
  | { kind: 'drip'; byte?: string; intervalMs?: number }
  | { kind: 'flood'; totalBytes: number }
  | { kind: 'garbage'; bytes: Buffer };

export async function startFakeWhoisServer(
  behaviour: WhoisBehaviour,
  /** A loopback address to listen on (127.0.0.2 … stand for other hosts in referral tests). */
  host = '127.0.0.1',
): Promise<FakeWhoisServer> {
  const queries: string[] = [];
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined); // the client hanging up on a hostile server is expected
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      const end = buffered.indexOf('\n');
      if (end < 0) return;
      const query = buffered.slice(0, end).replace(/\r$/, '');
      buffered = '';
      queries.push(query);
      respond(socket, query);
    });
  });

  function respond(socket: net.Socket, query: string) {
    switch (behaviour.kind) {
      case 'answer':
        socket.end(behaviour.reply(query));
        return;
      case 'silent':
        return; // keep the connection open and say nothing
      case 'hangUp':
        socket.end();
        return;
      case 'drip': {
        const timer = setInterval(() => {
          if (socket.destroyed) clearInterval(timer);
          else socket.write(behaviour.byte ?? 'x');
        }, behaviour.intervalMs ?? 1000);
        timers.add(timer);
        socket.on('close', () => clearInterval(timer));
        return;
      }
      case 'flood': {
        const chunk = Buffer.alloc(64 * 1024, 'A');
        let sent = 0;
        const pump = () => {
          while (!socket.destroyed && sent < behaviour.totalBytes) {
            sent += chunk.length;
            if (!socket.write(chunk)) {
              socket.once('drain', pump);
              return;
            }
          }
          if (!socket.destroyed) socket.end();
        };
        pump();
        return;
      }
      case 'garbage':
        socket.end(behaviour.bytes);
        return;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    address: `${host}:${port}`,
    queries,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearInterval(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
