// The window's backend (createBackend, with "Show all processes…") running as nobody, driven
// by a test over JSON lines: for tests of the elevated agent (test/integration/agent-*.test.ts).
// Its code is bundled into a world-readable temporary folder with koffi beside it
// (script-as-user.ts nobodyWorkDir), since nobody may not be able to read the checkout (a 0700
// home folder). Needs root (setpriv).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { Connection } from '../../shared/model';
import { AS_NOBODY, nobodyWorkDir } from './script-as-user';

const root = fileURLToPath(new URL('../..', import.meta.url));

export { AS_NOBODY };

/** How the window starts the agent: any command, or the app's own pkexec launcher. */
export type TestLauncher =
  { kind: 'command'; command: string[] } | { kind: 'pkexec'; pkexec: string; agent: string[] };

const SOURCE = `
import readline from 'node:readline';
import { createBackend } from ${JSON.stringify(`${root}electron/core/backend.ts`)};
import { createMemorySettingsStore } from ${JSON.stringify(`${root}electron/core/settings-store.ts`)};
import { createLinuxBackend } from ${JSON.stringify(`${root}electron/platform/linux/index.ts`)};
import { commandLauncher, pkexecLauncher } from ${JSON.stringify(`${root}electron/core/agent/agent-launchers.ts`)};

const spec = JSON.parse(process.env.PORTSCOPE_TEST_LAUNCHER);
const launcher = spec.kind === 'pkexec'
  ? pkexecLauncher(spec.pkexec, spec.agent)
  : commandLauncher(spec.command, 'the test');
const backend = createBackend({
  platform: createLinuxBackend(),
  settings: createMemorySettingsStore({
    poll: { intervalMs: 1000, paused: true },
    actions: { askBeforeKill: false, askBeforeClose: false },
  }),
  dialogs: { confirm: async () => ({ confirmed: false, checkboxChecked: false }), saveFile: async () => null },
  emit: () => {},
  dataDir: process.env.PORTSCOPE_TEST_DATA_DIR,
  pollSource: 'in-process',
  resolveNames: false,
  elevation: { launcher },
});
await backend.start();
const h = backend.handlers;
const ops = {
  whoami: () => ({ uid: process.getuid(), pid: process.pid }),
  rows: () => [...backend.table.rows()],
  status: async () => (await h.getSnapshot()).status,
  elevation: () => h.getElevation(),
  showAll: () => h.showAllProcesses(),
  refresh: () => h.refreshNow(),
  kill: ({ pids }) => h.killProcesses(pids.map((pid) => ({ pid }))),
  close: ({ targets }) => h.closeConnections(targets),
  // The route the window's actions take, past their checks (as a compromised window could).
  platformKill: ({ pid, elevate }) => backend.context.platform.killProcess(pid, 'SIGKILL', { elevate }),
  platformClose: ({ target }) => backend.context.platform.closeTcp(target),
  stop: async () => { await backend.stop(); setImmediate(() => process.exit(0)); },
};
readline.createInterface({ input: process.stdin }).on('line', async (line) => {
  const { id, op, ...args } = JSON.parse(line);
  try {
    const result = await ops[op](args);
    process.stdout.write(JSON.stringify({ id, ok: true, result: result ?? null }) + '\\n');
  } catch (error) {
    process.stdout.write(JSON.stringify({ id, ok: false, error: { name: error.name, code: error.code, message: error.message } }) + '\\n');
  }
});
process.stdout.write(JSON.stringify({ ready: true }) + '\\n');
`;

export interface Answer {
  id?: number;
  ok: boolean;
  result?: unknown;
  error?: { name: string; code?: string; message: string };
}

/** Bundles the window once per test file; dispose() removes it. */
export async function bundleWindow(): Promise<{ script: string; dir: string; dispose(): void }> {
  const dir = nobodyWorkDir('portscope-nobody-window-');
  const entry = path.join(dir, 'window-as-nobody.ts');
  writeFileSync(entry, SOURCE);
  await build({
    configFile: false,
    logLevel: 'silent',
    root: dir,
    ssr: { noExternal: true },
    build: {
      ssr: entry,
      outDir: path.join(dir, 'out'),
      minify: false,
      rollupOptions: { output: { format: 'esm', entryFileNames: 'window-as-nobody.mjs' } },
    },
  });
  const script = path.join(dir, 'out', 'window-as-nobody.mjs');
  chmodSync(path.join(dir, 'out'), 0o755);
  chmodSync(script, 0o644);
  return { script, dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

const started = new Set<WindowAsNobody>();

export class WindowAsNobody {
  private nextId = 1;
  private readonly waiting = new Map<number, (answer: Answer) => void>();
  readonly exited: Promise<unknown>;
  stderr = '';

  private constructor(readonly child: ChildProcess) {
    this.exited = once(child, 'exit');
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => (this.stderr += text));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const answer = JSON.parse(line) as Answer;
      if (answer.id === undefined) return;
      this.waiting.get(answer.id)?.(answer);
      this.waiting.delete(answer.id);
    });
  }

  /** Start the bundled window as `user` (a setpriv prefix), starting the agent with `launcher`. */
  static async start(
    bundle: { script: string; dir: string },
    launcher: TestLauncher,
    user: readonly string[] = AS_NOBODY,
  ): Promise<WindowAsNobody> {
    // Its caches go inside the bundle's folder, removed with it (writable by nobody).
    const dataDir = mkdtempSync(path.join(bundle.dir, 'data-'));
    chownSync(dataDir, 65534, 65534);
    const child = spawn(user[0]!, [...user.slice(1), process.execPath, bundle.script], {
      stdio: ['pipe', 'pipe', 'pipe'],
      cwd: bundle.dir,
      env: {
        ...process.env,
        PORTSCOPE_TEST_LAUNCHER: JSON.stringify(launcher),
        PORTSCOPE_TEST_DATA_DIR: dataDir,
      },
    });
    const window = new WindowAsNobody(child);
    started.add(window);
    await new Promise<void>((resolve, reject) => {
      child.stdout!.once('data', () => resolve());
      child.once('exit', () => reject(new Error(`the window exited: ${window.stderr}`)));
    });
    return window;
  }

  async call<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    const answer = await this.answer(op, args);
    if (!answer.ok) throw Object.assign(new Error(answer.error!.message), answer.error);
    return answer.result as T;
  }

  /** The answer, failed or not. */
  answer(op: string, args: Record<string, unknown> = {}): Promise<Answer> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.stdin!.write(`${JSON.stringify({ id, op, ...args })}\n`);
    });
  }

  /** Rows of `pid` on this local port (another process's socket may have the same port). */
  async rowsOf(pid: number | null, port: number): Promise<Connection[]> {
    const rows = await this.call<Connection[]>('rows');
    return rows.filter((row) => row.localPort === port && row.pid === pid);
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
}

/** Kill every window this test process started and that still runs (and nothing else). */
export async function stopAllWindows(): Promise<void> {
  const windows = [...started].filter((window) => window.alive);
  for (const window of windows) window.child.kill('SIGKILL');
  await Promise.all(windows.map((window) => window.exited));
}

/** Gone, or a zombie not reaped yet: either way the process has exited. */
export function hasExited(pid: number): boolean {
  try {
    return / Z /.test(readStat(pid));
  } catch {
    return true;
  }
}

function readStat(pid: number): string {
  // After the comm, which may hold spaces: " S ppid …"
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 1);
}

/** Poll `probe` until it gives a value (not null/false), for at most 10 s. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | null | false> | T | null | false,
): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
