// Spawns real processes that own real sockets (socket-child-main.mjs), for tests that read them
// back through the real backend, kill them, or close their connections. Every process started
// here is remembered, so stopAllSocketChildren() can end exactly these and nothing else.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import readline from 'node:readline';
import { requireWrapper } from './required-tools';

const scriptSource = fileURLToPath(new URL('./socket-child-main.mjs', import.meta.url));
let scriptCopy: string | null = null;

/**
 * The child's script, copied once per test process into a folder every user can read: a child
 * run as another user (setpriv --reuid=65534) cannot read it inside the checkout when the
 * checkout lives in a folder only its owner may enter (root's home is 0700, so is a mktemp -d).
 */
function childScript(): string {
  if (scriptCopy) return scriptCopy;
  const dir = mkdtempSync(path.join(tmpdir(), 'portscope-socket-child-'));
  chmodSync(dir, 0o755);
  const copy = path.join(dir, 'socket-child-main.mjs');
  copyFileSync(scriptSource, copy);
  chmodSync(copy, 0o644);
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  scriptCopy = copy;
  return copy;
}

export interface SocketChildOptions {
  /** Keep running on SIGTERM, so only a forced kill ends it. */
  ignoreSigterm?: boolean;
  /** process.title: what /proc/PID/comm and cmdline show. */
  title?: string;
  /** Program to run instead of this Node (e.g. a copy of node placed in /dev/shm). */
  nodePath?: string;
  /** Run through a wrapper, e.g. ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']. */
  wrapper?: string[];
  /** More arguments after the script (the child ignores them): e.g. for a long command line. */
  args?: string[];
}

export interface SocketEnd {
  event: 'close' | 'error';
  code?: string;
}

export interface AcceptedSocket {
  handle: string;
  remotePort: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface ChildMessage {
  id?: number;
  ok?: boolean;
  result?: unknown;
  error?: string;
  event?: 'ready' | 'accepted' | 'end';
  handle?: string;
  accepted?: string;
  remotePort?: number;
  end?: 'close' | 'error';
  code?: string;
  pid?: number;
}

export class SocketChild {
  readonly process: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly ends = new Map<string, SocketEnd>();
  private readonly endWaiters = new Map<string, ((end: SocketEnd) => void)[]>();
  private readonly accepted = new Map<string, AcceptedSocket[]>();
  private readonly acceptWaiters: (() => void)[] = [];
  private pidValue: number | null = null;
  /** What the child wrote to stderr (also passed on to this process's). */
  stderr = '';

  constructor(child: ChildProcess) {
    this.process = child;
    this.exited = once(child, 'exit').then(([code, signal]) => ({
      code: code as number | null,
      signal: signal as NodeJS.Signals | null,
    }));
    void this.exited.then(() => {
      for (const { reject } of this.pending.values()) reject(new Error('socket child exited'));
      this.pending.clear();
    });
    readline.createInterface({ input: child.stdout! }).on('line', (line) => this.onLine(line));
  }

  /** The pid of the Node process that owns the sockets (not of a wrapper like setpriv). */
  get pid(): number {
    if (this.pidValue === null) throw new Error('socket child not ready');
    return this.pidValue;
  }

  private onLine(line: string): void {
    let message: ChildMessage;
    try {
      message = JSON.parse(line) as ChildMessage;
    } catch {
      return;
    }
    if (message.event === 'ready') {
      this.pidValue = message.pid ?? null;
    } else if (message.event === 'accepted' && message.handle && message.accepted) {
      const list = this.accepted.get(message.handle) ?? [];
      list.push({ handle: message.accepted, remotePort: message.remotePort ?? 0 });
      this.accepted.set(message.handle, list);
      for (const wake of this.acceptWaiters.splice(0)) wake();
    } else if (message.event === 'end' && message.handle) {
      const end: SocketEnd = { event: message.end ?? 'close', code: message.code };
      this.ends.set(message.handle, end);
      for (const wake of this.endWaiters.get(message.handle) ?? []) wake(end);
      this.endWaiters.delete(message.handle);
    } else if (message.id !== undefined) {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!pending) return;
      if (message.ok) pending.resolve(message.result);
      else pending.reject(new Error(message.error ?? 'socket child failed'));
    }
  }

  private request<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.process.stdin!.write(`${JSON.stringify({ id, op, ...args })}\n`);
    });
  }

  listenTcp(host: string, port = 0): Promise<{ handle: string; port: number }> {
    return this.request('listenTcp', { host, port });
  }

  connectTcp(host: string, port: number): Promise<{ handle: string; localPort: number }> {
    return this.request('connectTcp', { host, port });
  }

  bindUdp(host: string, port = 0): Promise<{ handle: string; port: number }> {
    return this.request('bindUdp', { host, port });
  }

  async connectUdp(handle: string, host: string, port: number): Promise<void> {
    await this.request('connectUdp', { handle, host, port });
  }

  /** Write exactly `count` bytes on a TCP socket; resolves once the kernel has taken them. */
  async sendBytes(handle: string, count: number): Promise<void> {
    await this.request('sendBytes', { handle, count });
  }

  /** Resolves once a TCP socket of this child has received at least `count` bytes in all. */
  async waitForReceived(handle: string, count: number): Promise<number> {
    const answer = await this.request<{ received: number }>('waitForReceived', { handle, count });
    return answer.received;
  }

  async close(handle: string): Promise<void> {
    await this.request('close', { handle });
  }

  /** Resolves once the listener has accepted `count` connections. */
  async waitForAccepted(listenHandle: string, count = 1): Promise<AcceptedSocket[]> {
    for (;;) {
      const list = this.accepted.get(listenHandle) ?? [];
      if (list.length >= count) return list.slice(0, count);
      await new Promise<void>((resolve) => this.acceptWaiters.push(resolve));
    }
  }

  /** Resolves when the socket closes or errors (ECONNRESET when the kernel destroyed it). */
  waitForEnd(handle: string): Promise<SocketEnd> {
    const ended = this.ends.get(handle);
    if (ended) return Promise.resolve(ended);
    return new Promise((resolve) => {
      const waiters = this.endWaiters.get(handle) ?? [];
      waiters.push(resolve);
      this.endWaiters.set(handle, waiters);
    });
  }

  /** Ask the child to exit on its own. */
  async exit(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    await this.request('exit').catch(() => undefined);
    await this.exited;
  }

  /** Signal this child (and only this child). */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.process.exitCode === null && this.process.signalCode === null) {
      this.process.kill(signal);
    }
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }
}

const started = new Set<SocketChild>();

export async function spawnSocketChild(options: SocketChildOptions = {}): Promise<SocketChild> {
  requireWrapper(options.wrapper);
  const program = [options.nodePath ?? process.execPath, childScript(), ...(options.args ?? [])];
  const command = [...(options.wrapper ?? []), ...program];
  const child = spawn(command[0]!, command.slice(1), {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      SOCKET_CHILD_TITLE: options.title ?? '',
      SOCKET_CHILD_IGNORE_SIGTERM: options.ignoreSigterm ? '1' : '',
    },
  });
  const socketChild = new SocketChild(child);
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    socketChild.stderr += chunk;
    process.stderr.write(chunk);
  });
  started.add(socketChild);
  void socketChild.exited.then(() => started.delete(socketChild));
  await waitUntilReady(socketChild);
  return socketChild;
}

async function waitUntilReady(child: SocketChild): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      if (child.pid > 0) return;
    } catch {
      // not ready yet
    }
    if (!child.alive) {
      // Say why: a wrapper's user that cannot run this Node, a missing script …
      const why = child.stderr.trim().split('\n').slice(-3).join(' / ');
      throw new Error(`socket child exited before it was ready${why ? `: ${why}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill();
  throw new Error('socket child did not start within 15 s');
}

/** End every socket child this test process started, and nothing else. */
export async function stopAllSocketChildren(): Promise<void> {
  const children = [...started];
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map((child) => child.exited));
}
