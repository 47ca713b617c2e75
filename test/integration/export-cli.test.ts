// The CLI as people run it: `portscope export` and `portscope watch` as separate processes, built
// from the sources into one bundle (vite build API; the app's full build may not exist yet and the
// bundle must be readable by nobody). Also: permission denied (run as nobody), the file size
// limit (prlimit), and 50,000 rows exported in a child process, with time and memory printed.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/model';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';
import { requireTool } from '../support/required-tools';

const isRoot = process.getuid?.() === 0;
const asNobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
const repo = fileURLToPath(new URL('../..', import.meta.url));
let workDir = '';
let cli = '';
let largeScript = '';
let child: SocketChild;
let listenPort = 0;

function runCli(args: string[], prefix: string[] = []): SpawnSyncReturns<string> {
  const command = [...prefix, process.execPath, cli, ...args];
  return spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', timeout: 60_000 });
}

async function waitFor<T>(what: string, probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 900; i += 1) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

beforeAll(async () => {
  // In the temp folder, not in the checkout: nobody must be able to run the bundle even when the
  // checkout lives in a folder only its owner may enter. The bundle finds node_modules (IP
  // databases) the way the built app does, through a link next to it.
  workDir = mkdtempSync(path.join(tmpdir(), 'portscope-export-cli-'));
  chmodSync(workDir, 0o755);
  symlinkSync(path.join(repo, 'node_modules'), path.join(workDir, 'node_modules'));
  const largeEntry = path.join(workDir, 'export-large.ts');
  writeFileSync(largeEntry, LARGE_EXPORT_SOURCE);
  await build({
    configFile: false,
    logLevel: 'silent',
    root: repo,
    ssr: { noExternal: true },
    build: {
      ssr: true,
      outDir: path.join(workDir, 'out'),
      minify: false,
      rollupOptions: {
        input: { cli: path.join(repo, 'electron/cli.ts'), 'export-large': largeEntry },
        output: { format: 'esm', entryFileNames: '[name].mjs' },
      },
    },
  });
  cli = path.join(workDir, 'out', 'cli.mjs');
  largeScript = path.join(workDir, 'out', 'export-large.mjs');
  spawnSync('chmod', ['-R', 'a+rX', path.join(workDir, 'out')]);

  child = await spawnSocketChild({ title: 'portscope-export-cli' });
  listenPort = (await child.listenTcp('127.0.0.1')).port;
}, 120_000);

afterAll(async () => {
  await stopAllSocketChildren();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('portscope export', () => {
  it('"-" writes CSV to stdout, filtered to the test’s own process', () => {
    const result = runCli(['export', '-', '--filter', `pid:${child.pid}`, '--no-resolve']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const records = parseCsv(result.stdout, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      Process: 'portscope-export-cli',
      PID: String(child.pid),
      Protocol: 'TCP',
      'Local Address': '127.0.0.1',
      'Local Port': String(listenPort),
      State: 'LISTEN',
    });
  });

  it('writes a file in the format of its extension and says what it wrote', () => {
    const file = path.join(workDir, 'mine.json');
    const result = runCli(['export', file, '--filter', `pid:${child.pid} port:${listenPort}`]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(
      new RegExp(`^Wrote 1 connection to ${file} \\(json, \\d+ bytes\\)\\.`),
    );
    const rows = JSON.parse(readFileSync(file, 'utf8')) as Connection[];
    expect(rows.map((row) => [row.pid, row.localPort, row.state])).toEqual([
      [child.pid, listenPort, 'LISTEN'],
    ]);
  });

  it('--format wins over the extension; --columns picks and orders columns', () => {
    const result = runCli([
      'export',
      '-',
      '--format',
      'tsv',
      '--columns',
      'localPort,processName',
      '--filter',
      `pid:${child.pid}`,
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`Local Port\tProcess\r\n${listenPort}\tportscope-export-cli\r\n`);
  });

  it.each([
    [['export'], /name the FILE to write/],
    [['export', 'out.dat'], /cannot tell the format from the name "out.dat": pass --format/],
    [['export', '-', '--format', 'pdf'], /--format must be one of csv, tsv, json, html, xml, txt/],
    [['export', '-', '--filter', 'port:70000'], /bad --filter: port: "70000" is not a port/],
    [['export', '-', '--columns', 'pid,nope'], /unknown column "nope"/],
    [['export', '-', '--frobnicate'], /Unknown option '--frobnicate'/],
  ])('bad command line %j: exit 2 with a message', (args, message) => {
    const result = runCli(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('a missing folder: exit 1 and a message naming it', () => {
    const file = path.join(workDir, 'no-such-dir', 'x.csv');
    const result = runCli(['export', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`the folder ${path.dirname(file)} does not exist`);
  });

  describe.runIf(isRoot)('refused by the OS', () => {
    it('as nobody in root’s folder: permission denied, the old file intact', () => {
      const dir = path.join(workDir, 'root-only');
      mkdirSync(dir, { mode: 0o755 });
      const file = path.join(dir, 'evidence.csv');
      writeFileSync(file, 'old evidence\r\n', { mode: 0o666 });
      const result = runCli(['export', file, '--no-resolve'], asNobody);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        `Cannot write ${file}: permission denied in the folder ${dir}. Choose a folder you can write to`,
      );
      expect(result.stderr).toContain('The existing evidence.csv was left unchanged.');
      expect(readFileSync(file, 'utf8')).toBe('old evidence\r\n');
      expect(readdirSync(dir)).toEqual(['evidence.csv']);
    });

    it('over the file size limit (prlimit --fsize): EFBIG explained, the old file intact', () => {
      const dir = path.join(workDir, 'limited');
      mkdirSync(dir);
      const file = path.join(dir, 'table.json');
      writeFileSync(file, '[]\n');
      // 2 KiB: smaller than any real table's JSON (one row is about 700 bytes).
      requireTool('prlimit');
      const result = runCli(['export', file, '--no-resolve'], ['prlimit', '--fsize=2048']);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        'larger than the biggest file this system lets Portscope write',
      );
      expect(result.stderr).toContain('The existing table.json was left unchanged.');
      expect(readFileSync(file, 'utf8')).toBe('[]\n');
      expect(readdirSync(dir)).toEqual(['table.json']);
    });
  });
});

describe('portscope watch --log', () => {
  it.each(['jsonl', 'csv'] as const)(
    '%s: records an open and a close of the test’s own connection',
    async (format) => {
      const log = path.join(workDir, `changes.${format}`);
      const watcher = spawn(
        process.execPath,
        [
          cli,
          'watch',
          '--log',
          log,
          '--format',
          format,
          '--interval',
          '200',
          '--filter',
          `pid:${child.pid}`,
          '--no-resolve',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      watcher.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
      const exited = new Promise<number | null>((resolve) => watcher.on('exit', resolve));
      try {
        await waitFor('watch to start', () => (stderr.includes('Logging') ? true : undefined));
        // Already open when watch started (the listener): not logged.
        const client = await child.connectTcp('127.0.0.1', listenPort);
        const read = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
        // A line may be half-written while we read: then try again on the next probe.
        const records = (): Record<string, unknown>[] => {
          try {
            return parseRecords();
          } catch {
            return [];
          }
        };
        const parseRecords = () =>
          format === 'jsonl'
            ? read()
                .split('\n')
                .filter(Boolean)
                .map((line) => JSON.parse(line) as Record<string, unknown>)
            : (parseCsv(read(), { columns: true }) as Record<string, string>[]).map((r) => ({
                time: r.Time,
                event: r.Event,
                localPort: Number(r['Local Port']),
                remotePort: Number(r['Remote Port']),
                pid: Number(r.PID),
                processName: r.Process,
              }));
        const isClient = (r: Record<string, unknown>) =>
          r.localPort === client.localPort && r.remotePort === listenPort;
        await waitFor('the open', () => records().find((r) => isClient(r) && r.event === 'opened'));
        // The client closes first, so its socket goes to TIME_WAIT: logged as closed then.
        await child.close(client.handle);
        await waitFor('the close', () =>
          records().find((r) => isClient(r) && r.event === 'closed'),
        );
        watcher.kill('SIGINT');
        expect(await exited).toBe(0);
        const mine = records().filter(isClient);
        expect(mine.map((r) => r.event)).toEqual(['opened', 'closed']);
        for (const r of mine) {
          expect(r).toMatchObject({ pid: child.pid, processName: 'portscope-export-cli' });
          expect(new Date(String(r.time)).toISOString()).toBe(r.time);
        }
        // The listener was open before watch started: never logged as opened.
        const isListener = (r: Record<string, unknown>) =>
          r.localPort === listenPort && (r.remotePort === null || r.remotePort === 0);
        expect(records().some(isListener)).toBe(false);
      } finally {
        if (watcher.exitCode === null) watcher.kill('SIGKILL');
      }
    },
    // A loaded machine with 10,000 sockets: start-up and each poll take seconds there.
    180_000,
  );

  it('without --log: exit 2', () => {
    const result = runCli(['watch']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--log FILE is required/);
  });
});

describe('50,000 rows', () => {
  it.each(['csv', 'tsv', 'json', 'html', 'xml', 'txt'])(
    '%s: streamed to a file in a child process (figures printed)',
    (format) => {
      const file = path.join(workDir, `large.${format}`);
      const result = spawnSync(process.execPath, ['--expose-gc', largeScript, file, '50000'], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(result.stderr).toBe('');
      const figures = JSON.parse(result.stdout) as Record<string, number | string>;
      console.log(`export of 50,000 rows: ${JSON.stringify(figures)}`);
      expect(figures).toMatchObject({ rows: 50_000, format });
      const text = readFileSync(file, 'utf8');
      expect(text.length).toBeGreaterThan(50_000 * 100);
      if (format === 'csv') expect(text.split('\r\n')).toHaveLength(50_002);
      if (format === 'json') expect(JSON.parse(text)).toHaveLength(50_000);
      rmSync(file);
    },
  );
});

// Runs in its own process so its memory figures are its own: builds 50,000 rows like a busy
// machine's, then exports them, sampling resident memory while the writer runs.
const LARGE_EXPORT_SOURCE = `
import { exportToFile } from ${JSON.stringify(path.join(repo, 'electron/core/export/export-to-file.ts'))};
const [file, count] = process.argv.slice(2);
const rows = [];
for (let i = 0; i < Number(count); i += 1) {
  rows.push({
    id: 'tcp|4|10.0.' + (i >> 8 & 255) + '.' + (i & 255) + ':' + (1024 + i % 60000) + '|142.250.185.78:443',
    protocol: 'tcp', family: 4, localAddress: '10.0.' + (i >> 8 & 255) + '.' + (i & 255),
    localPort: 1024 + (i % 60000), remoteAddress: '142.250.185.78', remotePort: 443,
    state: 'ESTABLISHED', inode: 4000000 + i, socketUid: 1000, pid: 2000 + (i % 300),
    processName: 'firefox-esr', processPath: '/usr/lib/firefox-esr/firefox-esr',
    processPathDeleted: false,
    commandLine: '/usr/lib/firefox-esr/firefox-esr -contentproc -childID ' + i + ' -isForBrowser -prefsLen 31337 -appDir /usr/lib/firefox-esr/browser',
    user: 'anna', parentPid: 1999, processStartTime: 1764100000000 + i, firstSeen: 1764103500000 + i,
    localPortName: null, remotePortName: 'https', remoteHostName: 'fra16s52-in-f14.1e100.net',
    remoteCountry: 'US', remoteAsn: 15169, remoteAsOrg: 'Google LLC',
    suspicion: i % 100 === 0 ? { severity: 'warning', reasons: [{ rule: 'r', message: 'Example reason' }] } : null,
  });
}
globalThis.gc?.();
const mb = (n) => Math.round(n / 1048576 * 10) / 10;
const before = process.memoryUsage();
let peakRss = before.rss;
let peakHeap = before.heapUsed;
const sampler = setInterval(() => {
  const now = process.memoryUsage();
  peakRss = Math.max(peakRss, now.rss);
  peakHeap = Math.max(peakHeap, now.heapUsed);
}, 2);
const started = performance.now();
const outcome = await exportToFile(file, rows, { format: null, columns: null, filter: '' });
const ms = Math.round(performance.now() - started);
clearInterval(sampler);
process.stdout.write(JSON.stringify({
  format: outcome.format, rows: outcome.rows, ms, outputMB: mb(outcome.bytes),
  rssBeforeMB: mb(before.rss), peakRssMB: mb(peakRss), rssGrowthMB: mb(peakRss - before.rss),
  heapBeforeMB: mb(before.heapUsed), peakHeapMB: mb(peakHeap),
}));
`;
