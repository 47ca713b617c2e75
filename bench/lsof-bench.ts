// `npm run bench`, lsof part: the lsof backend's steady poll next to what it is made of (`lsof`
// alone, the exact command it runs) and next to the default backend (/proc) and `ss`, all in the
// same run, with N loopback TCP sockets held by bench/connection-helper.mjs.
// Built by bench/vite.config.ts to out/bench/lsof-bench.js and run by bench/run.sh. Not a test:
// it prints figures, it asserts nothing.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createPollPipeline } from '../electron/core/poll-pipeline';
import { createLinuxBackend } from '../electron/platform/linux';
import { createLsofBackend, lsofArgs } from '../electron/platform/lsof';
import { findTool } from '../electron/platform/lsof/command-runner';

const SOCKET_COUNTS = (process.env.BENCH_SOCKETS ?? '1000,10000').split(',').map(Number);
const POLLS = Number(process.env.BENCH_LSOF_POLLS ?? 15);
const CHURN = 0.05;

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '../..');
const helperScript = path.join(projectRoot, 'bench/connection-helper.mjs');

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** The helper process that owns the sockets; `request` waits for its answer. */
async function startHelper() {
  const child = spawn(process.execPath, [helperScript], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout! });
  const waiting = new Map<number, (ok: boolean) => void>();
  let nextId = 1;
  const pid = await new Promise<number>((resolve) => {
    lines.on('line', (line) => {
      const message = JSON.parse(line) as {
        id?: number;
        event?: string;
        pid?: number;
        ok?: boolean;
      };
      if (message.event === 'ready') resolve(message.pid!);
      else if (message.id !== undefined) waiting.get(message.id)?.(message.ok === true);
    });
  });
  const request = (op: string, connections = 0) =>
    new Promise<void>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (ok) => (ok ? resolve() : reject(new Error(`helper ${op} failed`))));
      child.stdin!.write(`${JSON.stringify({ id, op, connections })}\n`);
    });
  const stop = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await request('exit').catch(() => undefined);
    await exited;
  };
  return { pid, request, stop };
}

function timeCommand(command: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: 'ignore' });
  const elapsed = performance.now() - started;
  // lsof exits 1 when one of its -i selections matched nothing (no UDP socket): not a failure.
  if (result.status !== 0 && !(command.endsWith('lsof') && result.status === 1)) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
  }
  return elapsed;
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

async function benchmark(sockets: number) {
  const lsof = findTool('lsof');
  const netstat = findTool('netstat');
  if (!lsof) throw new Error('lsof is not installed');
  const helper = await startHelper();
  try {
    await helper.request('open', Math.round(sockets / 2));
    const lsofBackend = createLsofBackend({ probeDenied: false });
    const linuxBackend = createLinuxBackend();
    const lsofPoll = createPollPipeline(lsofBackend);
    const linuxPoll = createPollPipeline(linuxBackend);
    for (let i = 0; i < 3; i++) {
      await lsofPoll.poll();
      await linuxPoll.poll();
    }
    const samples = {
      lsofPoll: [] as number[],
      lsofRead: [] as number[],
      linuxPoll: [] as number[],
      lsofAlone: [] as number[],
      netstatAlone: [] as number[],
      ssTuanp: [] as number[],
      ssTuan: [] as number[],
    };
    // Interleaved, so that every measure sees the same machine load.
    for (let i = 0; i < POLLS; i++) {
      samples.lsofPoll.push(await timed(() => lsofPoll.poll()));
      samples.lsofRead.push(await timed(() => lsofBackend.readSockets()));
      samples.linuxPoll.push(await timed(() => linuxPoll.poll()));
      samples.lsofAlone.push(timeCommand(lsof, lsofArgs(false)));
      if (netstat) samples.netstatAlone.push(timeCommand(netstat, ['-tuanWe']));
      samples.ssTuanp.push(timeCommand('ss', ['-tuanp']));
      samples.ssTuan.push(timeCommand('ss', ['-tuan']));
    }
    // A poll that meets new processes: 5% of connections replaced by the same helper does not
    // make new processes, so this measures the churned table, not new-process details.
    const churned: number[] = [];
    for (let i = 0; i < 5; i++) {
      await helper.request('replace', Math.round((sockets / 2) * CHURN));
      churned.push(await timed(() => lsofPoll.poll()));
    }
    const read = await lsofBackend.readSockets();
    const figures = {
      sockets,
      rows: read.sockets.length,
      helperRowsAttributed: read.sockets.filter((s) => s.pid === helper.pid).length,
      lsofPollMs: median(samples.lsofPoll),
      lsofReadMs: median(samples.lsofRead),
      lsofChurnPollMs: median(churned),
      linuxPollMs: median(samples.linuxPoll),
      lsofAloneMs: median(samples.lsofAlone),
      netstatAloneMs: netstat ? median(samples.netstatAlone) : null,
      ssTuanpMs: median(samples.ssTuanp),
      ssTuanMs: median(samples.ssTuan),
    };
    return figures;
  } finally {
    await helper.stop();
  }
}

async function main() {
  console.log(`Portscope lsof backend benchmark: lsof ${lsofVersion()}, node ${process.version}`);
  for (const sockets of SOCKET_COUNTS) {
    const f = await benchmark(sockets);
    console.log(
      [
        `── ${f.sockets} sockets (lsof backend rows ${f.rows}, helper rows attributed ${f.helperRowsAttributed})`,
        `  lsof backend poll (lsof ∥ netstat, ps, join, rows, diff), median of ${POLLS}: ${ms(f.lsofPollMs)}; read alone ${ms(f.lsofReadMs)}; with ${CHURN * 100}% replaced ${ms(f.lsofChurnPollMs)}`,
        `  \`lsof ${lsofArgs(false).join(' ')}\` alone ${ms(f.lsofAloneMs)}; \`netstat -tuanWe\` alone ${f.netstatAloneMs === null ? 'n/a' : ms(f.netstatAloneMs)}`,
        `  default backend (/proc) poll ${ms(f.linuxPollMs)}; ss -tuanp ${ms(f.ssTuanpMs)}, ss -tuan ${ms(f.ssTuanMs)}`,
        `  ratios: lsof backend / lsof alone = ${(f.lsofPollMs / f.lsofAloneMs).toFixed(2)}, lsof backend / default backend = ${(f.lsofPollMs / f.linuxPollMs).toFixed(2)}, lsof backend / ss -tuanp = ${(f.lsofPollMs / f.ssTuanpMs).toFixed(2)}`,
      ].join('\n'),
    );
  }
}

function lsofVersion(): string {
  const result = spawnSync('lsof', ['-v'], { encoding: 'utf8' });
  return /revision: (\S+)/.exec(`${result.stdout}${result.stderr}`)?.[1] ?? 'unknown';
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
