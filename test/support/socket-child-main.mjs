// A real process that owns real sockets, driven by the test that spawned it (socket-child.ts).
// Commands arrive as JSON lines on stdin; answers and socket events leave as JSON lines on stdout.
// Plain JavaScript so that it runs under bare `node`, like any other program Portscope watches.
import dgram from 'node:dgram';
import net from 'node:net';
import readline from 'node:readline';

if (process.env.SOCKET_CHILD_TITLE) process.title = process.env.SOCKET_CHILD_TITLE;
if (process.env.SOCKET_CHILD_IGNORE_SIGTERM === '1') process.on('SIGTERM', () => {});

const handles = new Map();
/** Bytes each TCP socket has received, by handle (for traffic tests). */
const receivedBytes = new Map();
const receivedWaiters = new Map();
let nextHandle = 1;

function countReceived(handle, chunk) {
  const total = (receivedBytes.get(handle) ?? 0) + chunk.length;
  receivedBytes.set(handle, total);
  for (const waiter of [...(receivedWaiters.get(handle) ?? [])]) waiter(total);
}

function send(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function track(socket, kind) {
  const handle = `${kind}${nextHandle++}`;
  handles.set(handle, socket);
  let ended = false;
  const end = (event, code) => {
    if (ended) return;
    ended = true;
    send({ event: 'end', handle, end: event, code });
  };
  socket.on('error', (error) => end('error', error.code));
  socket.on('close', () => end('close'));
  return handle;
}

const operations = {
  listenTcp({ host, port }) {
    return new Promise((resolve, reject) => {
      const server = net.createServer();
      const handle = track(server, 'listen');
      let accepted = 0;
      server.on('connection', (socket) => {
        const acceptedHandle = track(socket, 'accepted');
        socket.on('data', (chunk) => countReceived(acceptedHandle, chunk));
        accepted += 1;
        send({
          event: 'accepted',
          handle,
          accepted: acceptedHandle,
          remotePort: socket.remotePort,
          count: accepted,
        });
      });
      server.once('error', reject);
      server.listen({ host, port, exclusive: true }, () => {
        server.off('error', reject);
        resolve({ handle, port: server.address().port });
      });
    });
  },
  connectTcp({ host, port }) {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        const handle = track(socket, 'client');
        socket.on('data', (chunk) => countReceived(handle, chunk));
        resolve({ handle, localPort: socket.localPort });
      });
    });
  },
  bindUdp({ host, port }) {
    return new Promise((resolve, reject) => {
      const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
      socket.once('error', reject);
      socket.bind({ address: host, port }, () => {
        socket.off('error', reject);
        resolve({ handle: track(socket, 'udp'), port: socket.address().port });
      });
    });
  },
  connectUdp({ handle, host, port }) {
    return new Promise((resolve, reject) => {
      const socket = handles.get(handle);
      if (!socket) return reject(new Error(`no socket ${handle}`));
      socket.connect(port, host, (error) => (error ? reject(error) : resolve({})));
    });
  },
  /** Write exactly `count` zero bytes on a TCP socket; answers once they are handed to the kernel. */
  sendBytes({ handle, count }) {
    return new Promise((resolve, reject) => {
      const socket = handles.get(handle);
      if (!(socket instanceof net.Socket)) return reject(new Error(`no TCP socket ${handle}`));
      socket.write(Buffer.alloc(count), (error) => (error ? reject(error) : resolve({})));
    });
  },
  /** Answers once a TCP socket has received at least `count` bytes in all. */
  waitForReceived({ handle, count }) {
    return new Promise((resolve) => {
      const done = (total) => {
        if (total < count) return false;
        resolve({ received: total });
        return true;
      };
      if (done(receivedBytes.get(handle) ?? 0)) return;
      const waiters = receivedWaiters.get(handle) ?? [];
      const waiter = (total) => {
        if (done(total)) waiters.splice(waiters.indexOf(waiter), 1);
      };
      waiters.push(waiter);
      receivedWaiters.set(handle, waiters);
    });
  },
  close({ handle }) {
    return new Promise((resolve, reject) => {
      const socket = handles.get(handle);
      if (!socket) return reject(new Error(`no socket ${handle}`));
      handles.delete(handle);
      if (socket instanceof net.Socket) {
        // A socket the peer already ended has emitted 'close' before we were asked.
        if (socket.destroyed) return resolve({});
        socket.once('close', () => resolve({}));
        socket.destroy();
      } else {
        socket.close(() => resolve({}));
      }
    });
  },
  exit() {
    setImmediate(() => process.exit(0));
    return {};
  },
};

readline.createInterface({ input: process.stdin }).on('line', async (line) => {
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    return;
  }
  try {
    const operation = operations[request.op];
    if (!operation) throw new Error(`unknown op ${request.op}`);
    send({ id: request.id, ok: true, result: await operation(request) });
  } catch (error) {
    send({ id: request.id, ok: false, error: String(error?.message ?? error) });
  }
});

// The parent going away (test crash) must not leave this process behind.
process.stdin.on('end', () => process.exit(0));
send({ event: 'ready', pid: process.pid });
