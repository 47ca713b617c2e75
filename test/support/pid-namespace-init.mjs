// The first process (pid 1) of a private pid namespace for tests that need a pid really reused
// (pid-namespace.ts starts it under `unshare --pid --fork --mount-proc`). The kernel hands out
// ns_last_pid + 1 next (Documentation/admin-guide/sysctl/kernel.rst, "ns_last_pid"), and that
// counter belongs to this namespace alone: setting it here makes a new process take the pid of
// one that exited, without touching how pids are given out to anything else on the machine.
// It takes commands as JSON lines on fd 3; fds 0-2 are passed to the agent it may start.
// Plain JavaScript so that it runs under bare `node`.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import readline from 'node:readline';

const control = new net.Socket({ fd: 3, readable: true, writable: true });
const children = new Map();

/** Prints its port (a listener) or "ready", then waits to be killed. */
const CHILD = `
process.title = process.argv[1];
if (process.argv[2] === 'listen') {
  const server = require('node:net').createServer();
  server.listen(0, '127.0.0.1', () => console.log(server.address().port));
} else console.log('ready');
setInterval(() => {}, 1 << 30);
`;

function startTicks(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[22 - 3]);
}

/** Start argv, as pid `pid` when given (retried: a thread of this Node may take it first). */
function start(argv, { pid, stdio = ['ignore', 'pipe', 'inherit'] } = {}) {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (pid) writeFileSync('/proc/sys/kernel/ns_last_pid', String(pid - 1));
    const child = spawn(argv[0], argv.slice(1), { stdio });
    if (!pid || child.pid === pid) {
      children.set(child.pid, child);
      return child;
    }
    child.kill('SIGKILL');
  }
  throw new Error(`could not start a process as pid ${pid}`);
}

async function firstLine(child) {
  const [line] = await once(readline.createInterface({ input: child.stdout }), 'line');
  return line;
}

const operations = {
  agent: ({ argv }) => ({ pid: start(argv, { stdio: [0, 1, 2] }).pid }),
  async listener({ title }) {
    const child = start([process.execPath, '-e', CHILD, title, 'listen']);
    const port = Number(await firstLine(child));
    return { pid: child.pid, port, startTicks: startTicks(child.pid) };
  },
  async process({ title, pid }) {
    const child = start([process.execPath, '-e', CHILD, title, 'wait'], { pid });
    await firstLine(child);
    return { pid: child.pid, startTicks: startTicks(child.pid) };
  },
  async kill({ pid }) {
    const child = children.get(pid);
    if (!child) throw new Error(`pid ${pid} was not started here`);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    return {};
  },
  alive({ pid }) {
    const child = children.get(pid);
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  },
  run({ argv }) {
    const result = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  },
};

readline.createInterface({ input: control }).on('line', async (line) => {
  const { id, op, ...args } = JSON.parse(line);
  try {
    const result = await operations[op](args);
    control.write(`${JSON.stringify({ id, ok: true, result })}\n`);
  } catch (error) {
    control.write(`${JSON.stringify({ id, ok: false, error: String(error?.message ?? error) })}\n`);
  }
});
// The test going away ends the namespace: when pid 1 exits, the kernel kills everything in it.
control.on('end', () => process.exit(0));
control.write(`${JSON.stringify({ ready: true })}\n`);
