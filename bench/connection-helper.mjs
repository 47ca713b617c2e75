// Benchmark helper: a separate process that owns N loopback TCP sockets (N/2 connections, both
// ends here, plus one listener) and replaces some of them on request, so the benchmark polls a
// busy table that changes like a real one, or has some connections send data (chatter), so their
// traffic counters move between polls. Commands are JSON lines on stdin, answers on stdout.
// Connections end with RST at both ends (resetAndDestroy), so no TIME_WAIT rows pile up between
// polls (nor linger into the next measurement) and the table stays at N sockets.
import net from 'node:net';
import readline from 'node:readline';

const server = net.createServer();
/** Open connections, oldest first: [client, accepted]. */
const connections = [];
const acceptedWaiters = [];

server.on('connection', (socket) => {
  socket.on('error', () => {});
  const waiter = acceptedWaiters.shift();
  if (waiter) waiter(socket);
  else socket.destroy();
});

await new Promise((resolve) =>
  server.listen({ host: '127.0.0.1', port: 0, backlog: 4096 }, resolve),
);
const { port } = server.address();

function connectOne() {
  return new Promise((resolve, reject) => {
    // Each accepted socket is paired with the next client (connections complete in order of
    // acceptance closely enough; the pairing only decides which two sockets are closed together).
    const acceptedPromise = new Promise((accept) => acceptedWaiters.push(accept));
    const client = net.connect({ host: '127.0.0.1', port });
    client.on('error', reject);
    client.once('connect', async () => {
      const accepted = await acceptedPromise;
      connections.push([client, accepted]);
      resolve();
    });
  });
}

async function open(count) {
  const batch = 256;
  for (let done = 0; done < count; done += batch) {
    const size = Math.min(batch, count - done);
    await Promise.all(Array.from({ length: size }, connectOne));
  }
}

/** The first `count` connections each send `bytes` bytes, client to server (steady traffic). */
async function chatter(count, bytes) {
  const payload = Buffer.alloc(bytes);
  await Promise.all(
    connections
      .slice(0, count)
      .map(([client]) => new Promise((resolve) => client.write(payload, resolve))),
  );
}

function closeOldest(count) {
  for (const [client, accepted] of connections.splice(0, count)) {
    client.resetAndDestroy();
    accepted.resetAndDestroy();
  }
}

const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

readline.createInterface({ input: process.stdin }).on('line', async (line) => {
  const request = JSON.parse(line);
  try {
    if (request.op === 'open') await open(request.connections);
    else if (request.op === 'chatter') await chatter(request.connections, request.bytes ?? 100);
    else if (request.op === 'replace') {
      closeOldest(request.connections);
      await open(request.connections);
    } else if (request.op === 'exit') {
      closeOldest(connections.length);
      setImmediate(() => process.exit(0));
    }
    send({ id: request.id, ok: true, connections: connections.length });
  } catch (error) {
    send({ id: request.id, ok: false, error: String(error?.message ?? error) });
  }
});
process.stdin.on('end', () => process.exit(0));
send({ event: 'ready', pid: process.pid, port });
