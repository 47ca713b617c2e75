// Run by Windows Node under Wine (test/integration/windows-wine.test.ts): a Windows program that
// owns real sockets on loopback for the Windows backend to find. Under Wine, Windows Node cannot
// write into a pipe, so it reports through files: it writes what it opened to the status file
// (argv[2]) and runs until a file named like it plus ".stop" appears, or two minutes pass.
import dgram from 'node:dgram';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { setInterval } from 'node:timers';

const statusFile = process.argv[2];
const keep = [];

function listen(host) {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => {
      socket.on('error', () => {});
      keep.push(socket);
    });
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => resolve(server));
  });
}

function connect(host, port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.on('error', () => {});
      resolve(socket);
    });
  });
}

function bindUdp(type, host) {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(type);
    socket.once('error', reject);
    socket.bind({ address: host, port: 0 }, () => resolve(socket));
  });
}

async function pair(host) {
  const server = await listen(host);
  const listenPort = server.address().port;
  const client = await connect(host, listenPort);
  keep.push(server, client);
  return { listenPort, clientPort: client.localPort };
}

const status = {
  pid: process.pid,
  tcp4: await pair('127.0.0.1'),
  tcp6: await pair('::1'),
  udp4: (await bindUdp('udp4', '127.0.0.1')).address().port,
  udp6: (await bindUdp('udp6', '::1')).address().port,
};
writeFileSync(`${statusFile}.tmp`, JSON.stringify(status));
renameSync(`${statusFile}.tmp`, statusFile);

const started = Date.now();
setInterval(() => {
  if (existsSync(`${statusFile}.stop`) || Date.now() - started > 120_000) process.exit(0);
}, 100);
