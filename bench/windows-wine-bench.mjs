// `npm run bench`, Windows part (bench/run.sh): the Windows backend under Wine against
// `netstat -ano` under Wine, in the same run, with 1,000 and 10,000 loopback TCP sockets held by
// a helper process (bench/connection-helper.mjs). The backend's figure is one steady poll inside
// Windows Node (table read, process details, rows), like bench.ts's poll against `ss`; netstat's
// is a whole run of Wine's netstat.exe. Wine's figures are not Windows': Wine 8.0 builds its
// tables from /proc/net and searches each socket's owner among the Wine processes' open files,
// so both sides pay Wine's costs, which Windows does not have. Measured: that owner search is
// nearly all of a poll (3.4 s of GetExtendedTcpTable(TCP_TABLE_OWNER_PID_ALL) at 1,500 sockets
// against 0.15 s for the same table without pids), and netstat.exe asks for no pids at all.
// Skipped with a note when Wine is missing (CI tests it; the bench is run by people).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { performance } from 'node:perf_hooks';
import { buildProbe } from '../test/support/wine/build-probe.mjs';
import {
  findWineLoader,
  prepareWine,
  repoRoot,
  runWindowsNode,
  toWindowsPath,
} from '../scripts/wine-env.mjs';

const SOCKET_COUNTS = (process.env.BENCH_SOCKETS ?? '1000,10000').split(',').map(Number);
// Wine's owner-pid table costs seconds per poll at these counts (see below): few rounds.
const POLLS = 3;
const ROUNDS = 2;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value) => `${value.toFixed(1)} ms`;

function startHelper() {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bench/connection-helper.mjs')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout });
  const waiting = new Map();
  let nextId = 1;
  const ready = new Promise((resolve) =>
    lines.on('line', (line) => {
      const message = JSON.parse(line);
      if (message.event === 'ready') resolve();
      else waiting.get(message.id)?.(message);
    }),
  );
  const request = (op, connections = 0) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (answer) => (answer.ok ? resolve() : reject(new Error(answer.error))));
      child.stdin.write(`${JSON.stringify({ id, op, connections })}\n`);
    });
  return {
    ready,
    request,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await request('exit').catch(() => undefined);
      await exited;
    },
  };
}

/** Run Windows Node with the probe; its JSON answer and the wall time of the whole run. */
async function probeRun(wine, probe, args) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'portscope-wine-bench-'));
  const out = path.join(scratch, 'out');
  const outFd = openSync(out, 'w');
  const errFd = openSync(path.join(scratch, 'err'), 'w');
  const started = performance.now();
  const child = runWindowsNode(wine, [toWindowsPath(probe), ...args], {
    stdoutFd: outFd,
    stderrFd: errFd,
  });
  await new Promise((resolve) => child.on('exit', resolve));
  const wall = performance.now() - started;
  closeSync(outFd);
  closeSync(errFd);
  const answer = JSON.parse(readFileSync(out, 'utf8').trim().split('\n').pop());
  rmSync(scratch, { recursive: true, force: true });
  if (!answer.ok) throw new Error(`probe ${args.join(' ')}: ${answer.error.message}`);
  return { result: answer.result, wall };
}

/** One run of Wine's netstat.exe, its output into a file (as for Windows Node, not a pipe). */
async function netstatRun(wine) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'portscope-netstat-'));
  const outFd = openSync(path.join(scratch, 'out'), 'w');
  const started = performance.now();
  const child = spawn(wine.loader, ['netstat', '-ano'], {
    env: wine.env,
    stdio: ['ignore', outFd, 'ignore'],
  });
  const code = await new Promise((resolve) => child.on('exit', resolve));
  const wall = performance.now() - started;
  closeSync(outFd);
  const lines = readFileSync(path.join(scratch, 'out'), 'utf8').split('\n').length;
  rmSync(scratch, { recursive: true, force: true });
  if (code !== 0) throw new Error(`wine netstat -ano exited ${code}`);
  return { wall, lines };
}

async function main() {
  console.log('Windows backend under Wine vs `netstat -ano` under Wine (same run)');
  if (findWineLoader() === null) {
    console.log('  skipped: Wine is not installed (sudo apt-get install wine64)');
    return;
  }
  const wine = await prepareWine({ log: (line) => console.log(`  ${line}`) });
  const probe = await buildProbe(wine.cacheDir);
  const wineVersion = spawnSync(wine.loader, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(
    `  ${wineVersion}; Wine's figures are not Windows' (see bench/windows-wine-bench.mjs)`,
  );
  for (const sockets of SOCKET_COUNTS) {
    const helper = startHelper();
    await helper.ready;
    try {
      await helper.request('open', Math.round(sockets / 2));
      // Interleaved: the backend's polls and netstat see the same machine load.
      const polls = [];
      const processRuns = [];
      const tables = [];
      const netstat = [];
      let rows = 0;
      let netstatLines = 0;
      for (let round = 0; round < ROUNDS; round += 1) {
        const run = await probeRun(wine, probe, ['bench', String(POLLS)]);
        // The first poll of a process reads every process's details; the rest are steady.
        polls.push(...run.result.durations.slice(1));
        tables.push(...run.result.tableDurations.slice(1));
        processRuns.push(run.wall);
        rows = run.result.rows;
        const ns = await netstatRun(wine);
        netstat.push(ns.wall);
        netstatLines = ns.lines;
      }
      const poll = median(polls);
      const ns = median(netstat);
      console.log(
        `  ${sockets} sockets (backend saw ${rows} rows, netstat printed ${netstatLines} lines)`,
      );
      console.log(
        `    steady poll (in Windows Node) ${ms(poll)}   netstat -ano ${ms(ns)}   ratio ${(poll / ns).toFixed(2)}x`,
      );
      console.log(
        `    of which Wine's GetExtendedTcpTable (owner pids) ${ms(median(tables))}; ` +
          `the rest (decoding, processes, rows) ${ms(poll - median(tables))}`,
      );
      console.log(`    whole probe process (start + ${POLLS} polls) ${ms(median(processRuns))}`);
    } finally {
      await helper.stop();
    }
  }
}

main().catch((error) => {
  console.error(`windows-wine-bench: ${error.stack ?? error}`);
  process.exitCode = 1;
});
