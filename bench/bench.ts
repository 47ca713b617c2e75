// `npm run bench`: how much a poll costs next to `ss`, how long it blocks the main thread, how
// much CPU the backend uses polling every second, and how much heap it keeps, with N loopback TCP
// sockets held by a helper process.
// Built by bench/vite.config.ts to out/bench/bench.js and run by bench/run.sh (which raises the
// open-file limit for 10,000 sockets). Not a test: it prints figures, it asserts nothing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createBackend, type Backend } from '../electron/core/backend';
import type { Dialogs } from '../electron/core/context';
import { createPollPipeline } from '../electron/core/poll-pipeline';
import { createMemorySettingsStore } from '../electron/core/settings-store';
import { MAX_COMMAND_LINE } from '../shared/command-line-cap';
import { createBackendFor } from '../electron/platform';
import { createLinuxBackend } from '../electron/platform/linux';

const SOCKET_COUNTS = (process.env.BENCH_SOCKETS ?? '1000,10000').split(',').map(Number);
const STEADY_POLLS = 20;
const BLOCKING_POLLS = 20;
const HEAP_POLLS = Number(process.env.BENCH_HEAP_POLLS ?? 300);
const CHURN = 0.05;
/** Share of connections that send data between two polls in the "busy" steady state. */
const CHATTER = 0.05;
/** How long the idle cost is measured, at 1 s polling, and at which socket counts. */
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 30);
const IDLE_AT = new Set((process.env.BENCH_IDLE_AT ?? '1000').split(',').map(Number));

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '../..');
const helperScript = path.join(projectRoot, 'bench/connection-helper.mjs');
const workerFile = path.join(projectRoot, 'out/main/poll-worker.js');
const cliFile = path.join(projectRoot, 'out/main/cli.js');
const CLI_RUNS = 7;

// ── small statistics ──────────────────────────────────────────────────────────────────────────
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const max = (values: number[]) => Math.max(...values);
const ms = (value: number) => `${value.toFixed(1)} ms`;

// ── the helper process that owns the sockets ──────────────────────────────────────────────────
interface Helper {
  pid: number;
  request(op: string, connections?: number, bytes?: number): Promise<void>;
  stop(): Promise<void>;
}

async function startHelper(args: string[] = []): Promise<Helper> {
  const child: ChildProcess = spawn(process.execPath, [helperScript, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const waiting = new Map<number, (answer: { ok: boolean; error?: string }) => void>();
  let nextId = 1;
  const ready = new Promise<number>((resolve) => {
    lines.on('line', (line) => {
      const message = JSON.parse(line) as { id?: number; event?: string; pid?: number };
      if (message.event === 'ready') resolve(message.pid!);
      else if (message.id !== undefined) waiting.get(message.id)?.(message as { ok: boolean });
    });
  });
  const pid = await ready;
  const request = (op: string, connections = 0, bytes = 0) =>
    new Promise<void>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (answer) =>
        answer.ok ? resolve() : reject(new Error(`helper ${op}: ${answer.error}`)),
      );
      child.stdin!.write(`${JSON.stringify({ id, op, connections, bytes })}\n`);
    });
  return {
    pid,
    request,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await request('exit').catch(() => undefined);
      await exited;
    },
  };
}

// ── pieces being measured ─────────────────────────────────────────────────────────────────────
const refuseDialogs: Dialogs = {
  confirm: async () => ({ confirmed: false, checkboxChecked: false }),
  saveFile: async () => null,
  openFile: async () => null,
};

function makeBackend(pollSource: 'worker' | 'in-process', polling = false): Backend {
  return createBackend({
    platform: createBackendFor(process.platform),
    // Paused unless measuring the timer's own cost: the benchmark decides when polls run
    // (refreshNow), no timer interferes.
    settings: createMemorySettingsStore({ poll: { intervalMs: 1000, paused: !polling } }),
    dialogs: refuseDialogs,
    emit: () => {},
    dataDir: path.join(projectRoot, '.tmp/bench-data'),
    pollSource,
    workerFile,
    resolveNames: false,
  });
}

function timeCommand(command: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: 'ignore' });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
  return elapsed;
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

/** Main-thread busy time during `action` (event-loop utilisation), and its wall time. */
async function mainThreadCost(action: () => Promise<unknown>) {
  const before = performance.eventLoopUtilization();
  const started = performance.now();
  await action();
  const wall = performance.now() - started;
  const used = performance.eventLoopUtilization(before);
  return { busy: used.active, wall };
}

const gc = (globalThis as { gc?: () => void }).gc;

// ── one socket count ──────────────────────────────────────────────────────────────────────────
type Figures = Record<string, number | string | boolean>;

async function benchmark(sockets: number): Promise<Figures> {
  const connections = Math.round(sockets / 2);
  const churn = Math.round(connections * CHURN);
  const helper = await startHelper();
  const figures: Figures = { sockets };
  try {
    await helper.request('open', connections);

    // 1. Steady state, interleaved so all three see the same machine load.
    const platform = createBackendFor(process.platform);
    const pipeline = createPollPipeline(platform);
    const inProcess = makeBackend('in-process');
    await inProcess.start();
    // Enrichers' one-time background loads (the IP database) run on the main thread; measured
    // here on their own, and finished before the steady polls so they do not blur them.
    const loadDelay = monitorEventLoopDelay({ resolution: 1 });
    loadDelay.enable();
    const load = await mainThreadCost(() => inProcess.settle());
    loadDelay.disable();
    figures.enricherLoadWallMs = load.wall;
    figures.enricherLoadMainThreadBusyMs = load.busy;
    figures.enricherLoadEventLoopDelayMaxMs = loadDelay.max / 1e6;
    for (let i = 0; i < 3; i++) {
      await inProcess.handlers.refreshNow();
      await pipeline.poll();
    }
    // The same read from /proc/net (the fallback), for comparison.
    const procPlatform = createLinuxBackend({ socketTable: 'proc' });
    procPlatform.readSocketsSync();
    const backendPoll: number[] = [];
    const busyPoll: number[] = [];
    const pipelinePoll: number[] = [];
    const readOnly: number[] = [];
    const procRead: number[] = [];
    const ssP: number[] = [];
    const ssN: number[] = [];
    const ssPI: number[] = [];
    const chatty = Math.round(connections * CHATTER);
    for (let i = 0; i < STEADY_POLLS; i++) {
      backendPoll.push(
        await timed(async () => {
          await inProcess.handlers.refreshNow();
        }),
      );
      // Busy: 5% of connections sent data since the last poll, so their rows change.
      await helper.request('chatter', chatty, 100);
      busyPoll.push(
        await timed(async () => {
          await inProcess.handlers.refreshNow();
        }),
      );
      pipelinePoll.push(await timed(() => pipeline.poll()));
      readOnly.push(await timed(() => platform.readSockets()));
      procRead.push(await timed(async () => procPlatform.readSocketsSync()));
      ssP.push(timeCommand('ss', ['-tuanp']));
      ssN.push(timeCommand('ss', ['-tuan']));
      ssPI.push(timeCommand('ss', ['-tuanpi']));
    }
    // A cold CLI `list` (a new Node process: start-up, first full read, JSON out) against the
    // same `ss -tuanp`, interleaved; `--no-resolve` so no DNS answer is waited for.
    const cliList: number[] = [];
    const ssForCli: number[] = [];
    for (let i = 0; i < CLI_RUNS; i++) {
      cliList.push(
        timeCommand(process.execPath, [cliFile, 'list', '--format', 'json', '--no-resolve']),
      );
      ssForCli.push(timeCommand('ss', ['-tuanp']));
    }
    figures.cliListMedianMs = median(cliList);
    figures.ratioCliToSsTuanp = figures.cliListMedianMs / median(ssForCli);
    const snapshot = await inProcess.handlers.getSnapshot();
    figures.tableRows = snapshot.connections.length;
    figures.helperRowsAttributed = snapshot.connections.filter((r) => r.pid === helper.pid).length;
    figures.privileged = snapshot.status.privileged;
    figures.trafficRowsCounted = snapshot.connections.filter(
      (r) => r.pid === helper.pid && r.bytesSent !== null,
    ).length;
    figures.pollMedianMs = median(backendPoll);
    figures.busyPollMedianMs = median(busyPoll);
    figures.pipelineMedianMs = median(pipelinePoll);
    figures.platformReadMedianMs = median(readOnly);
    figures.procReadMedianMs = median(procRead);
    figures.ssTuanpMedianMs = median(ssP);
    figures.ssTuanMedianMs = median(ssN);
    figures.ssTuanpiMedianMs = median(ssPI);
    figures.ratioPollToSsTuanp = figures.pollMedianMs / figures.ssTuanpMedianMs;
    figures.ratioPollToSsTuan = figures.pollMedianMs / figures.ssTuanMedianMs;
    figures.ratioPollToSsTuanpi = figures.pollMedianMs / figures.ssTuanpiMedianMs;
    figures.ratioBusyPollToSsTuan = figures.busyPollMedianMs / figures.ssTuanMedianMs;
    figures.ratioBusyPollToSsTuanpi = figures.busyPollMedianMs / figures.ssTuanpiMedianMs;

    // 2. Main-thread cost of a poll with 5% of connections replaced before each, both sources.
    for (const kind of ['in-process', 'worker'] as const) {
      const backend = kind === 'in-process' ? inProcess : makeBackend('worker');
      if (kind === 'worker') {
        const first = await mainThreadCost(() => backend.start());
        figures.workerFirstPollMainThreadMs = first.busy;
        await backend.settle();
      }
      const delay = monitorEventLoopDelay({ resolution: 1 });
      const busy: number[] = [];
      const wall: number[] = [];
      delay.enable();
      for (let i = 0; i < BLOCKING_POLLS; i++) {
        await helper.request('replace', churn);
        const cost = await mainThreadCost(async () => {
          await backend.handlers.refreshNow();
        });
        busy.push(cost.busy);
        wall.push(cost.wall);
      }
      delay.disable();
      const key = kind === 'worker' ? 'worker' : 'inProcess';
      figures[`${key}ChurnPollWallMedianMs`] = median(wall);
      figures[`${key}MainThreadBusyMedianMs`] = median(busy);
      figures[`${key}MainThreadBusyMaxMs`] = max(busy);
      figures[`${key}EventLoopDelayMaxMs`] = delay.max / 1e6;
      figures[`${key}EventLoopDelayP99Ms`] = delay.percentile(99) / 1e6;
      if (process.env.BENCH_VERBOSE) {
        console.log(`  ${kind} busy per poll: ${busy.map((b) => b.toFixed(1)).join(' ')}`);
      }
      if (kind === 'worker') await backend.stop();
    }

    // 3. Idle cost: the app's backend (worker source) polling on its own 1 s timer, nothing
    //    else happening; CPU of this whole process (main thread, worker, kernel time of both)
    //    over wall time, as a share of one core.
    if (IDLE_AT.has(sockets) && IDLE_SECONDS > 0) {
      const polling = makeBackend('worker', true);
      await polling.start();
      await polling.settle();
      await new Promise((resolve) => setTimeout(resolve, 3000)); // past start-up work
      const cpuBefore = process.cpuUsage();
      const wallBefore = performance.now();
      await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
      const cpu = process.cpuUsage(cpuBefore);
      const wall = performance.now() - wallBefore;
      await polling.stop();
      figures.idleSeconds = wall / 1000;
      figures.idleCpuPercentOfCore = ((cpu.user + cpu.system) / 1000 / wall) * 100;
      figures.idleCpuUserPercent = (cpu.user / 1000 / wall) * 100;
      figures.idleCpuSystemPercent = (cpu.system / 1000 / wall) * 100;
    }

    // 4. Heap of the backend (in-process: every cache in this one heap) over many churned polls.
    if (gc) {
      gc();
      const heapStart = process.memoryUsage().heapUsed;
      for (let i = 0; i < HEAP_POLLS; i++) {
        await helper.request('replace', churn);
        await inProcess.handlers.refreshNow();
        if (i === 9) {
          gc();
          figures.heapAfter10PollsMB = process.memoryUsage().heapUsed / 1024 / 1024;
        }
      }
      gc();
      figures.heapPolls = HEAP_POLLS;
      figures.heapBeforeMB = heapStart / 1024 / 1024;
      figures.heapAfterPollsMB = process.memoryUsage().heapUsed / 1024 / 1024;
      figures.tableRowsAfterChurn = inProcess.table.size;
    }
    await inProcess.stop();
  } finally {
    await helper.stop();
  }
  return figures;
}

// ── the snapshot the renderer receives, with long command lines ───────────────────────────────
/**
 * The helper again, its command line made 200 KB long (two 100 KB arguments: Linux takes at most
 * 128 KiB per argument), as in issue 13.6. Every one of its sockets belongs to that process.
 */
const LONG_ARGS = ['a', 'b'].map((letter) => letter.repeat(100 * 1024));

async function snapshotSizes(sockets: number): Promise<Figures> {
  const helper = await startHelper(LONG_ARGS);
  const figures: Figures = {};
  try {
    await helper.request('open', Math.round(sockets / 2));
    const backend = makeBackend('in-process');
    await backend.start();
    const snapshot = backend.snapshot();
    const helperRows = snapshot.connections.filter((row) => row.pid === helper.pid);
    const full = [process.execPath, helperScript, ...LONG_ARGS].join(' ').length;
    const stored = helperRows[0]?.commandLine?.length ?? 0;
    // Every row with its process's details, as the snapshot was sent before (a row at a time:
    // 10,000 rows of 32 KB would make one string of a third of a gigabyte).
    let perRow = Buffer.byteLength(JSON.stringify({ connections: [], status: snapshot.status }));
    for (const row of snapshot.connections) perRow += Buffer.byteLength(JSON.stringify(row)) + 1;
    figures.snapshotRows = snapshot.connections.length;
    figures.snapshotHelperRows = helperRows.length;
    figures.helperCommandLineChars = full;
    figures.storedCommandLineChars = stored;
    figures.snapshotBytesPerRowUncapped = perRow + helperRows.length * (full - stored);
    figures.snapshotBytesPerRow = perRow;
    figures.snapshotBytesWire = Buffer.byteLength(
      JSON.stringify(await backend.handlers.getSnapshot()),
    );
    await backend.stop();
  } finally {
    await helper.stop();
  }
  return figures;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

function report(f: Figures): string {
  const n = (key: string) => Number(f[key]);
  const lines = [
    `── ${f.sockets} sockets (table rows ${f.tableRows}, helper rows attributed ${f.helperRowsAttributed}, with traffic counters ${f.trafficRowsCounted}, privileged ${f.privileged})`,
    `  poll, full backend (read with counters + attribution + process details + rows + diff + table + enrichers), median of ${STEADY_POLLS}: ${ms(n('pollMedianMs'))}`,
    `    with ${CHATTER * 100}% of connections sending between polls: ${ms(n('busyPollMedianMs'))}`,
    `    of which platform read (sock_diag) ${ms(n('platformReadMedianMs'))} (the /proc/net fallback: ${ms(n('procReadMedianMs'))}); read + rows + diff without table ${ms(n('pipelineMedianMs'))}`,
    `  ss -tuan median ${ms(n('ssTuanMedianMs'))}, ss -tuanp ${ms(n('ssTuanpMedianMs'))}, ss -tuanpi ${ms(n('ssTuanpiMedianMs'))}`,
    `  ratio poll / ss -tuan = ${n('ratioPollToSsTuan').toFixed(2)} (target <= 1.0), poll / ss -tuanpi = ${n('ratioPollToSsTuanpi').toFixed(2)} (target <= 0.3), poll / ss -tuanp = ${n('ratioPollToSsTuanp').toFixed(2)}`,
    `    with ${CHATTER * 100}% sending: poll / ss -tuan = ${n('ratioBusyPollToSsTuan').toFixed(2)}, poll / ss -tuanpi = ${n('ratioBusyPollToSsTuanpi').toFixed(2)}`,
    `  cold CLI \`list --format json\`, median of ${CLI_RUNS}: ${ms(n('cliListMedianMs'))}, ratio to ss -tuanp = ${n('ratioCliToSsTuanp').toFixed(2)} (Node's own start-up is ~60 ms of it)`,
    `  enrichers' one-time load (IP database) on the main thread: wall ${ms(n('enricherLoadWallMs'))}, busy ${ms(n('enricherLoadMainThreadBusyMs'))}, longest block ${ms(n('enricherLoadEventLoopDelayMaxMs'))}`,
    `  main thread per poll with ${CHURN * 100}% replaced (busy median / max, event-loop delay max / p99):`,
    `    worker source:     ${ms(n('workerMainThreadBusyMedianMs'))} / ${ms(n('workerMainThreadBusyMaxMs'))}, ${ms(n('workerEventLoopDelayMaxMs'))} / ${ms(n('workerEventLoopDelayP99Ms'))} (poll wall ${ms(n('workerChurnPollWallMedianMs'))}; first full poll ${ms(n('workerFirstPollMainThreadMs'))} on the main thread)`,
    `    in-process source: ${ms(n('inProcessMainThreadBusyMedianMs'))} / ${ms(n('inProcessMainThreadBusyMaxMs'))}, ${ms(n('inProcessEventLoopDelayMaxMs'))} / ${ms(n('inProcessEventLoopDelayP99Ms'))}`,
  ];
  if (f.idleCpuPercentOfCore !== undefined) {
    lines.push(
      `  idle cost, app backend polling every 1 s (worker) for ${n('idleSeconds').toFixed(0)} s: ${n('idleCpuPercentOfCore').toFixed(2)}% of a core (user ${n('idleCpuUserPercent').toFixed(2)}%, system ${n('idleCpuSystemPercent').toFixed(2)}%; target < 1%)`,
    );
  }
  if (f.snapshotBytesWire !== undefined) {
    lines.push(
      `  snapshot for the renderer, ${f.snapshotRows} rows, ${f.snapshotHelperRows} of them one process with a ${n('helperCommandLineChars').toLocaleString('en-US')}-character command line (stored: ${n('storedCommandLineChars').toLocaleString('en-US')}, cap ${MAX_COMMAND_LINE.toLocaleString('en-US')}):`,
      `    before (every row its own copy, uncapped; computed) ${mb(n('snapshotBytesPerRowUncapped'))}; every row its own copy, capped ${mb(n('snapshotBytesPerRow'))}; encoded, each process once ${mb(n('snapshotBytesWire'))} (JSON bytes)`,
    );
  }
  if (f.heapPolls !== undefined) {
    lines.push(
      `  heap (in-process backend, after gc) at phase start ${n('heapBeforeMB').toFixed(1)} MB (IP database load garbage included), after 10 polls ${n('heapAfter10PollsMB').toFixed(1)} MB, after ${f.heapPolls} polls with ${CHURN * 100}% replaced ${n('heapAfterPollsMB').toFixed(1)} MB (table ${f.tableRowsAfterChurn} rows)`,
    );
  } else {
    lines.push('  heap: skipped (run node with --expose-gc)');
  }
  return lines.join('\n');
}

async function main() {
  const load = os.loadavg()[0]!.toFixed(1);
  console.log(
    `Portscope benchmark: node ${process.version}, pid ${process.pid}, ${os.cpus().length} cores, ` +
      `load average ${load} at start${process.env.BENCH_NETNS === '1' ? ', own network namespace' : ''}`,
  );
  const all: Figures[] = [];
  for (const sockets of SOCKET_COUNTS) {
    const figures = { ...(await benchmark(sockets)), ...(await snapshotSizes(sockets)) };
    all.push(figures);
    console.log(report(figures));
  }
  const out = path.join(projectRoot, 'out/bench/results.json');
  writeFileSync(out, `${JSON.stringify(all, null, 2)}\n`);
  console.log(`\nFigures as JSON: ${path.relative(projectRoot, out)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
