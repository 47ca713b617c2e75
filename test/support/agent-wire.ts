// A raw client of `portscope agent` for tests: it starts the built agent (as this test's user:
// root in CI), writes frames or any bytes at all to its stdin, and collects what it answers, so a
// test can act as a misbehaving window. Frames are read with the app's own FrameDecoder; the
// framing itself is tested byte by byte in test/unit/agent-protocol.test.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { encodeFrame, FrameDecoder } from '../../electron/core/agent/framing';
import type { AgentRow } from '../../electron/core/agent/protocol';
import { builtFile } from './build-output';

/** What the agent sent, parsed (not validated: a test looks at what really came). */
export type WireMessage = { type: string; id?: number | null; [key: string]: unknown };

export class AgentWire {
  readonly messages: WireMessage[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The agent's table as its snapshot and deltas build it. */
  readonly rows = new Map<string, AgentRow>();
  stderr = '';
  private readonly waiters: (() => void)[] = [];
  private nextId = 1;

  constructor(readonly child: ChildProcess) {
    const decoder = new FrameDecoder(256 * 1024 * 1024);
    child.stdout!.on('data', (chunk: Buffer) => {
      for (const event of decoder.push(chunk)) {
        if (event.kind !== 'frame') throw new Error(`the agent wrote ${event.kind} bytes`);
        this.receive(JSON.parse(event.payload.toString('utf8')) as WireMessage);
      }
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => (this.stderr += text));
    child.stdin!.on('error', () => undefined);
    this.exited = once(child, 'exit').then(([code, signal]) => ({
      code: code as number | null,
      signal: signal as NodeJS.Signals | null,
    }));
  }

  /** `node out/main/cli.js agent` (or `command` when given), started by this test. */
  static start(command?: string[]): AgentWire {
    const [program, ...args] = command ?? [process.execPath, builtFile('out/main/cli.js'), 'agent'];
    return new AgentWire(spawn(program!, args, { stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  get pid(): number {
    return this.child.pid!;
  }

  private receive(message: WireMessage): void {
    this.messages.push(message);
    if (message.type === 'snapshot') {
      if (message.part === 0) this.rows.clear();
      for (const row of message.rows as AgentRow[]) this.rows.set(row.id, row);
    } else if (message.type === 'delta') {
      for (const id of message.removed as string[]) this.rows.delete(id);
      for (const row of [...(message.added as AgentRow[]), ...(message.updated as AgentRow[])]) {
        this.rows.set(row.id, row);
      }
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** The first message from index `from` on that `match` accepts (waits for it). */
  async next(
    match: (message: WireMessage) => boolean,
    from = 0,
    timeoutMs = 10_000,
  ): Promise<WireMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find(match);
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `no such message from the agent; got ${JSON.stringify(this.messages.slice(from).map((m) => m.type))}; stderr: ${this.stderr}`,
        );
      }
      await Promise.race([
        new Promise<void>((resolve) => this.waiters.push(resolve)),
        new Promise((resolve) => setTimeout(resolve, 100)),
      ]);
    }
  }

  /** The error the agent sent after message index `from`. */
  error(from: number): Promise<WireMessage> {
    return this.next((message) => message.type === 'error', from);
  }

  send(message: unknown): void {
    this.child.stdin!.write(encodeFrame(message));
  }

  write(bytes: Buffer | string): void {
    this.child.stdin!.write(bytes);
  }

  /** Send a request with a fresh id and wait for the message answering it. */
  async request(body: Record<string, unknown>): Promise<WireMessage> {
    const id = this.nextId++;
    const from = this.messages.length;
    this.send({ ...body, id });
    return this.next((message) => message.id === id, from);
  }

  hello(options: { intervalMs?: number; paused?: boolean } = {}): Promise<WireMessage> {
    const from = this.messages.length;
    this.send({
      type: 'hello',
      protocol: 1,
      intervalMs: options.intervalMs ?? 1000,
      paused: options.paused ?? true,
    });
    return this.next((message) => message.type === 'snapshot' && message.more === false, from);
  }

  /** Close the agent's stdin, as a window that goes away does. */
  end(): void {
    this.child.stdin!.end();
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
