// `npm run bench`, the elevated agent's part: how long "Show all processes…" takes from the
// click to the first table from the agent in the window, and what the agent costs while it
// polls every second, with N loopback TCP sockets held by a helper process (the same helper as
// bench/bench.ts). Built to out/bench/agent-bench.js (bench/vite.config.ts); run by bench/run.sh.
// Not a test: it prints figures and asserts nothing.
//
// The agent is started directly with the built CLI (node out/main/cli.js agent), without
// pkexec: the time a person takes to type a password is theirs, not Portscope's. The window's
// side runs here, in-process, as the whole backend the app uses (enrichers included).
//
// As root it runs in a network namespace of its own (unshare --net, loopback up), so that the
// table holds the helper's N sockets and not whatever else the machine has open at the time;
// BENCH_AGENT_NETNS=0 measures on the machine's own table instead.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { commandLauncher } from '../electron/core/agent/agent-launchers';
import { createBackend, type Backend } from '../electron/core/backend';
import { createMemorySettingsStore } from '../electron/core/settings-store';
import { createLinuxBackend } from '../electron/platform/linux';

const SOCKET_COUNTS = (process.env.BENCH_AGENT_SOCKETS ?? '1000,10000').split(',').map(Number);
const STARTS = 5;
const IDLE_SECONDS = Number(process.env.BENCH_AGENT_IDLE_SECONDS ?? 30);
const SS_RUNS = 10;
const READ_RUNS = 20;

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '../..');
const helperScript = path.join(projectRoot, 'bench/connection-helper.mjs');
const cliFile = path.join(projectRoot, 'out/main/cli.js');

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function startHelper(connections: number): Promise<{ pid: number; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [helperScript], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const answers: ((line: { id?: number; event?: string; pid?: number }) => void)[] = [];
  lines.on('line', (line) => answers.shift()?.(JSON.parse(line)));
  const next = () => new Promise<{ pid?: number }>((resolve) => answers.push(resolve));
  const { pid } = await next();
  child.stdin!.write(`${JSON.stringify({ id: 1, op: 'open', connections })}\n`);
  await next();
  return {
    pid: pid!,
    // "exit" resets its connections (no TIME_WAIT rows left for the next size's table).
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin!.write(`${JSON.stringify({ id: 2, op: 'exit' })}\n`);
      await exited;
    },
  };
}

/** The window's backend (not privileged itself), able to start the agent. */
function windowBackend(): Backend {
  return createBackend({
    // root: false makes the window's own polls report "not privileged", as for a person.
    platform: createLinuxBackend({ root: false }),
    settings: createMemorySettingsStore({ poll: { intervalMs: 1000, paused: false } }),
    dialogs: {
      confirm: async () => ({ confirmed: false, checkboxChecked: false }),
      saveFile: async () => null,
      openFile: async () => null,
    },
    emit: () => {},
    dataDir: path.join(projectRoot, '.tmp/bench-data'),
    pollSource: 'in-process',
    resolveNames: false,
    elevation: {
      launcher: commandLauncher([process.execPath, cliFile, 'agent'], 'the benchmark'),
    },
  });
}

/** CPU time (user + system) of a process, in ms: fields 14 and 15 of /proc/PID/stat. */
function cpuMs(pid: number): number {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // USER_HZ is 100 (see electron/platform/linux/proc-stat-parser.ts).
  return (Number(fields[14 - 3]) + Number(fields[15 - 3])) * 10;
}

function timeSs(): number {
  const started = performance.now();
  spawnSync('ss', ['-tuanp'], { stdio: 'ignore' });
  return performance.now() - started;
}

async function benchmark(sockets: number): Promise<string[]> {
  const helper = await startHelper(Math.round(sockets / 2));
  const lines: string[] = [];
  try {
    // 1. From "Show all processes…" to the agent's first table applied in the window.
    const starts: number[] = [];
    let attributed = 0;
    let rows = 0;
    for (let i = 0; i < STARTS; i++) {
      const backend = windowBackend();
      await backend.start();
      const started = performance.now();
      const result = await backend.handlers.showAllProcesses();
      starts.push(performance.now() - started);
      if (result.outcome !== 'started')
        throw new Error(`the agent did not start: ${result.message}`);
      const table = [...backend.table.rows()];
      rows = table.length;
      attributed = table.filter((row) => row.pid === helper.pid).length;
      await backend.stop();
    }
    lines.push(
      `── ${sockets} sockets (table rows ${rows}, helper rows attributed by the agent ${attributed})`,
      `  Show all processes → first agent table in the window, median of ${STARTS}: ${ms(median(starts))} (min ${ms(Math.min(...starts))}, max ${ms(Math.max(...starts))}; the password prompt not included)`,
    );

    // 2. The agent polling every second, nothing changing: its CPU over IDLE_SECONDS.
    const backend = windowBackend();
    await backend.start();
    await backend.handlers.showAllProcesses();
    const { agentPid } = await backend.handlers.getElevation();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const windowBefore = process.cpuUsage();
    const before = cpuMs(agentPid!);
    const wallStart = performance.now();
    await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
    const agentCpu = cpuMs(agentPid!) - before;
    const wall = performance.now() - wallStart;
    const window = process.cpuUsage(windowBefore);
    await backend.stop();
    const polls = wall / 1000;
    // What the same read of the OS costs by itself, here: the kernel writing /proc/net/* (it
    // walks its whole socket hash table, whatever namespace asks) is most of a poll.
    const platform = createLinuxBackend();
    platform.readSocketsSync();
    const readBefore = process.cpuUsage();
    for (let i = 0; i < READ_RUNS; i++) platform.readSocketsSync();
    const read = process.cpuUsage(readBefore);
    const readCpu = (read.user + read.system) / 1000 / READ_RUNS;
    const ss = median(Array.from({ length: SS_RUNS }, timeSs));
    const perPoll = agentCpu / polls;
    lines.push(
      `  agent at 1 s polling, idle, over ${IDLE_SECONDS} s: ${((agentCpu / wall) * 100).toFixed(2)}% of a core (target < 1%), ${perPoll.toFixed(1)} ms CPU per poll`,
      `    the platform read alone: ${readCpu.toFixed(1)} ms CPU (user ${(read.user / 1000 / READ_RUNS).toFixed(1)}, system ${(read.system / 1000 / READ_RUNS).toFixed(1)}); the agent's own share: ${Math.max(0, perPoll - readCpu).toFixed(1)} ms per poll`,
      `  window's side meanwhile (the benchmark process, its own polls stopped): ${(((window.user + window.system) / 1000 / wall) * 100).toFixed(2)}% of a core`,
      `  ss -tuanp, median of ${SS_RUNS}: ${ss.toFixed(1)} ms wall; agent CPU per poll / ss -tuanp = ${(perPoll / ss).toFixed(2)}`,
    );
  } finally {
    await helper.stop();
  }
  return lines;
}

/** Run this benchmark again inside a new network namespace; false when that is not wanted. */
function inOwnNetworkNamespace(): boolean {
  if (process.getuid?.() !== 0 || process.env.BENCH_AGENT_NETNS === '0') return false;
  const run = spawnSync(
    'unshare',
    [
      '--net',
      'sh',
      '-c',
      'ip link set lo up && exec "$0" "$@"',
      process.execPath,
      ...process.argv.slice(1),
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, BENCH_AGENT_NETNS: '0', BENCH_AGENT_IN_NETNS: '1' },
    },
  );
  if (run.error) return false;
  process.exitCode = run.status ?? 1;
  return true;
}

async function main() {
  if (inOwnNetworkNamespace()) return;
  const where = process.env.BENCH_AGENT_IN_NETNS === '1' ? ', in its own network namespace' : '';
  console.log(
    `Portscope agent benchmark: node ${process.version}, uid ${process.getuid?.()}${where}`,
  );
  for (const sockets of SOCKET_COUNTS) console.log((await benchmark(sockets)).join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
