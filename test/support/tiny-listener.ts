// Builds test/support/tiny-listener.c with the machine's cc and runs copies of it: real processes
// with a real listening socket, placed and named the way the suspicion rules look for. Every
// process started here is remembered, so stopTinyListeners() ends exactly these and nothing else.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { requireTool } from './required-tools';

const source = fileURLToPath(new URL('./tiny-listener.c', import.meta.url));

/** Compile once into a fresh temp dir; returns the binary's path. */
export async function buildTinyListener(): Promise<{ binary: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'portscope-tiny-listener-'));
  const binary = path.join(dir, 'tiny-listener');
  try {
    requireTool('cc');
    execFileSync('cc', ['-O2', '-Wall', '-o', binary, source], { stdio: 'pipe' });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    throw new Error(`Could not compile ${source} with cc (apt-get install gcc): ${stderr}`);
  }
  return { binary, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface TinyListener {
  pid: number;
  port: number;
  /** Where this copy of the program lives. */
  executable: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/**
 * Copy the binary to `executable` and run it: listen on address:port (0: any free port), renamed
 * to `name` when given. Resolves once the socket is listening.
 */
export async function startTinyListener(options: {
  binary: string;
  executable: string;
  address: string;
  port?: number;
  name?: string;
}): Promise<TinyListener> {
  await copyFile(options.binary, options.executable);
  await chmod(options.executable, 0o755);
  const child = spawn(
    options.executable,
    [options.address, String(options.port ?? 0), options.name ?? ''],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  const exited = once(child, 'exit');
  void exited.then(() => running.delete(child));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = readline.createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    lines.once('line', (line) => {
      const match = /^port (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
      else reject(new Error(`tiny-listener said: ${line}`));
    });
    void exited.then(([code]) => reject(new Error(`tiny-listener exited (${code}): ${stderr}`)));
  });
  return {
    pid: child.pid!,
    port,
    executable: options.executable,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL'); // only this child, by its own handle
      await exited;
    },
  };
}

/** End every tiny listener this process started (afterAll). */
export async function stopTinyListeners(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGKILL');
        await exited;
      }
    }),
  );
}
