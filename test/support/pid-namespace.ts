// A private pid namespace (and its own /proc) for tests that need a pid really reused: its
// processes, and the agent when asked, run inside it (pid-namespace-init.mjs is its pid 1), so
// making a pid come back there changes nothing for other processes on the machine (other tests
// run beside ours). Ending it (or the test process dying) ends everything in it. Needs root.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import readline from 'node:readline';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';

const init = fileURLToPath(new URL('./pid-namespace-init.mjs', import.meta.url));

/** Why a pid namespace cannot be made here, or null. */
export function pidNamespaceUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not root';
  const probe = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true']);
  return probe.status === 0 ? null : `unshare --pid failed: ${probe.stderr}`;
}

export interface NsProcess {
  /** The pid inside the namespace (what its /proc, and an agent in it, see). */
  pid: number;
  /** Field 22 of its /proc/PID/stat. */
  startTicks: number;
}

export class PidNamespace {
  private nextId = 1;
  private readonly waiting = new Map<number, (answer: Answer) => void>();
  private readonly control: Duplex;

  private constructor(readonly child: ChildProcess) {
    this.control = child.stdio[3] as Duplex;
    readline.createInterface({ input: this.control }).on('line', (line) => {
      const answer = JSON.parse(line) as Answer;
      if (answer.id === undefined) return;
      this.waiting.get(answer.id)?.(answer);
      this.waiting.delete(answer.id);
    });
  }

  /**
   * A new namespace. Its stdin and stdout (this.child's) belong to the agent, once started:
   * pass this.child to AgentWire.
   */
  static async start(): Promise<PidNamespace> {
    const child = spawn('unshare', ['--pid', '--fork', '--mount-proc', process.execPath, init], {
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    const ns = new PidNamespace(child);
    const control = child.stdio[3] as Duplex;
    await new Promise<void>((resolve, reject) => {
      control.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`the pid namespace ended (${code})`)));
    });
    return ns;
  }

  private async request<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    const answer = await new Promise<Answer>((resolve) => {
      this.waiting.set(id, resolve);
      this.control.write(`${JSON.stringify({ id, op, ...args })}\n`);
    });
    if (!answer.ok) throw new Error(answer.error);
    return answer.result as T;
  }

  /** Start the agent inside, on this.child's stdin and stdout. */
  agent(argv: string[]): Promise<{ pid: number }> {
    return this.request('agent', { argv });
  }

  /** A process listening on 127.0.0.1 (a port of its own). */
  listener(title: string): Promise<NsProcess & { port: number }> {
    return this.request('listener', { title });
  }

  /** A process without sockets; as exactly `pid` when given (pid reuse). */
  process(title: string, pid?: number): Promise<NsProcess> {
    return this.request('process', { title, pid });
  }

  kill(pid: number): Promise<void> {
    return this.request('kill', { pid });
  }

  alive(pid: number): Promise<boolean> {
    return this.request('alive', { pid });
  }

  /** Run a command inside, to its end. */
  run(argv: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return this.request('run', { argv });
  }

  /** End the namespace and everything in it. */
  async end(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.control.end();
    this.child.stdin?.end();
    await exited;
  }
}

interface Answer {
  id?: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}
