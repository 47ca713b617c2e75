// Export real connections: the test's own process (its name and command line full of commas,
// quotes, tabs, newlines, non-ASCII and a leading "=") owns real loopback sockets, the real Linux
// backend reads them, and every format is written by the real writer and read back with a real
// parser (csv-parse, fast-xml-parser, JSON.parse, Chromium for HTML and XML), field by field.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/core/backend';
import type { SaveFileRequest } from '../../electron/core/context';
import { exportToFile } from '../../electron/core/export/export-to-file';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import { createPlatformBackend } from '../../electron/platform';
import { COLUMNS, columnById, type ColumnId } from '../../shared/columns';
import { CONNECTION_FIELDS, connectionToJson, neutraliseFormula } from '../../shared/export';
import { printableCell } from '../../shared/export/text-table';
import { visibleXmlText } from '../../shared/export/xml';
import type { Connection } from '../../shared/model';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import { SocketChild } from '../support/socket-child';

// The executable's file name becomes the kernel's comm (the process name): 11 bytes, under the
// 15-byte limit. The arguments become the command line.
const HOSTILE_NAME = '=x,"q"\tü\n1';
const HOSTILE_ARGS = [
  '=HYPERLINK("http://x.invalid","click"),a',
  'tab\there',
  'new\nline\r\nend',
  '"double" \'single\'',
  'ünïcødé ✓ 日本 <b>&amp;</b>',
  '@SUM(A1)',
];

const childScript = fileURLToPath(new URL('../support/socket-child-main.mjs', import.meta.url));
let workDir = '';
let child: SocketChild;
let backend: Backend;
let rows: Connection[] = [];
let childRows: Connection[] = [];
const dialogAnswers: (string | null)[] = [];
const dialogRequests: SaveFileRequest[] = [];

async function waitForPid(socketChild: SocketChild): Promise<void> {
  for (let i = 0; i < 1500; i += 1) {
    try {
      if (socketChild.pid > 0) return;
    } catch {
      // not ready yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('socket child did not start');
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'portscope-export-'));
  const link = path.join(workDir, HOSTILE_NAME);
  symlinkSync(process.execPath, link);
  child = new SocketChild(
    spawn(link, [childScript, ...HOSTILE_ARGS], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  await waitForPid(child);
  const v4 = await child.listenTcp('127.0.0.1');
  await child.listenTcp('::1');
  await child.connectTcp('127.0.0.1', v4.port);
  await child.waitForAccepted(v4.handle);
  await child.bindUdp('::1');

  backend = createBackend({
    platform: createPlatformBackend(),
    settings: createMemorySettingsStore({ poll: { intervalMs: 1000, paused: true } }),
    dialogs: {
      confirm: async () => ({ confirmed: false, checkboxChecked: false }),
      openFile: async () => null,
      saveFile: async (request) => {
        dialogRequests.push(request);
        return dialogAnswers.shift() ?? null;
      },
    },
    emit: () => {},
    dataDir: workDir,
    pollSource: 'in-process',
    resolveNames: false,
  });
  await backend.start();
  for (let poll = 0; poll < 20; poll += 1) {
    childRows = [...backend.table.rows()].filter((row) => row.pid === child.pid);
    if (childRows.length >= 5) break;
    await backend.handlers.refreshNow();
  }
  // A copy of the listener marked suspicious, so the HTML tint is exercised on a real row.
  const tinted = childRows.find((row) => row.state === 'LISTEN' && row.family === 4)!;
  rows = [...backend.table.rows()].map((row) =>
    row === tinted
      ? {
          ...row,
          suspicion: {
            severity: 'danger' as const,
            reasons: [{ rule: 'test', message: 'Marked by the test: <b>"x"</b>' }],
          },
        }
      : row,
  );
  childRows = rows.filter((row) => row.pid === child.pid);
}, 60_000);

afterAll(async () => {
  await backend?.stop();
  if (child?.alive) {
    child.kill('SIGKILL');
    await child.exited;
  }
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('export of real connections', () => {
  it('the backend sees the hostile process exactly as it named itself', () => {
    // 2 listeners, the client, the accepted side, the UDP socket.
    expect(childRows).toHaveLength(5);
    for (const row of childRows) {
      expect(row.processName).toBe(HOSTILE_NAME);
      expect(row.commandLine).toBe([link(), childScript, ...HOSTILE_ARGS].join(' '));
    }
  });

  it.each([
    ['csv', ','],
    ['tsv', '\t'],
  ] as const)(
    '%s: every cell of every row, formulas neutralised, text exact',
    async (format, delimiter) => {
      const file = path.join(workDir, `all.${format}`);
      const outcome = await exportToFile(file, rows, { format: null, columns: null, filter: '' });
      expect(outcome).toMatchObject({ format, rows: rows.length });
      const records = parseCsv(readFileSync(file, 'utf8'), { delimiter }) as string[][];
      expect(records[0]).toEqual(COLUMNS.map((c) => c.header));
      expect(records).toHaveLength(rows.length + 1);
      // One comparison of the whole table (the machine may hold thousands of rows).
      expect(records.slice(1)).toEqual(
        rows.map((row) => COLUMNS.map((column) => neutraliseFormula(column.text(row)))),
      );
      const nameColumn = COLUMNS.findIndex((c) => c.id === 'processName');
      const commandColumn = COLUMNS.findIndex((c) => c.id === 'commandLine');
      for (const r of rows.flatMap((row, i) => (row.pid === child.pid ? [i + 1] : []))) {
        // Neutralised with one leading quote, and nothing else changed.
        expect(records[r]![nameColumn]).toBe(`'${HOSTILE_NAME}`);
        expect(records[r]![commandColumn]).toBe(rows[r - 1]!.commandLine);
      }
    },
  );

  it('json: the documented Connection shape, field by field', async () => {
    const file = path.join(workDir, 'all.json');
    await exportToFile(file, rows, { format: null, columns: ['pid'], filter: '' });
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
    expect(parsed).toHaveLength(rows.length);
    expect(parsed.every((item) => Object.keys(item).join() === CONNECTION_FIELDS.join())).toBe(
      true,
    );
    expect(parsed).toEqual(rows.map(connectionToJson));
    const own = parsed.filter((item) => item.pid === child.pid);
    expect(own.map((item) => item.processName)).toEqual(childRows.map(() => HOSTILE_NAME));
  });

  it('xml: well-formed, every cell exact', async () => {
    const file = path.join(workDir, 'all.xml');
    await exportToFile(file, rows, { format: null, columns: null, filter: `pid:${child.pid}` });
    const text = readFileSync(file, 'utf8');
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      trimValues: false,
      parseTagValue: false,
      parseAttributeValue: false,
      htmlEntities: true,
      isArray: (name) => name === 'connection',
    }).parse(text) as {
      connections: Record<string, string> & { connection: Record<string, string>[] };
    };
    expect(doc.connections['@filter']).toBe(`pid:${child.pid}`);
    const items = doc.connections.connection;
    expect(items).toHaveLength(rows.length);
    expect(items).toEqual(
      rows.map((row) => ({
        // Characters XML cannot carry (some other process's ESC colour code) are written
        // visibly (shared/export/xml.ts): compare with the same mapping.
        ...Object.fromEntries(
          COLUMNS.map((column) => [column.id, visibleXmlText(column.text(row))]),
        ),
        '@id': visibleXmlText(row.id),
        ...(row.suspicion ? { '@severity': row.suspicion.severity } : {}),
      })),
    );
  });

  it('txt: every cell in its column span', async () => {
    const file = path.join(workDir, 'all.txt');
    const columns: ColumnId[] = ['processName', 'pid', 'protocolLabel', 'localPort', 'commandLine'];
    await exportToFile(file, childRows, { format: null, columns, filter: '' });
    const lines = readFileSync(file, 'utf8').split('\n').slice(0, -1);
    expect(lines).toHaveLength(childRows.length + 2);
    const spans = [...lines[1]!.matchAll(/-+/g)].map((m) => [m.index, m.index + m[0].length]);
    childRows.forEach((row, r) => {
      const chars = [...lines[r + 2]!];
      columns.forEach((id, c) => {
        const [start, end] = spans[c]!;
        const last = c === columns.length - 1;
        const cell = chars
          .slice(start, last ? undefined : end)
          .join('')
          .trim();
        expect(cell).toBe(printableCell(columnById(id).text(row)));
      });
    });
  });

  describe('in Chromium', () => {
    let browser: ChromiumSession;
    beforeAll(async () => {
      browser = await launchChromium();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
    });

    it('html: a self-contained report with the table, the facts and the tint', async () => {
      const file = path.join(workDir, 'report.html');
      const columns: ColumnId[] = [
        'processName',
        'pid',
        'localAddress',
        'localPort',
        'commandLine',
        'suspicion',
      ];
      await exportToFile(file, rows, {
        format: null,
        columns,
        filter: `proc:"x" <script>`,
        meta: { hostName: 'host <&> "name"' },
      });
      const { page } = browser;
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(file).href);
      // One request: the document itself. No fonts, styles, scripts or images from anywhere.
      expect(requests).toEqual([pathToFileURL(file).href]);
      // Browser-side code as text: this file is type-checked without the DOM library.
      const report = (await page.evaluate(`(() => {
        const text = (selector) => document.querySelector(selector)?.textContent ?? null;
        const body = [...document.querySelectorAll('tbody tr')].map((tr) => ({
          id: tr.getAttribute('data-id'),
          severity: tr.className,
          cells: [...tr.querySelectorAll('td')].map((td) => td.textContent),
          background: tr.className ? getComputedStyle(tr.querySelector('td')).backgroundColor : '',
        }));
        return {
          title: document.title,
          host: text('#host'),
          filter: text('#filter'),
          headers: [...document.querySelectorAll('thead th')].map((th) => th.textContent),
          body,
          scripts: document.scripts.length,
        };
      })()`)) as HtmlReport;
      expect(report.title).toBe('Portscope: connections on host <&> "name"');
      expect(report.host).toBe('host <&> "name"');
      expect(report.filter).toBe('proc:"x" <script>');
      expect(report.scripts).toBe(0);
      expect(report.headers).toEqual(columns.map((id) => columnById(id).header));
      expect(report.body).toHaveLength(rows.length);
      expect(report.body.map(({ id, cells }) => ({ id, cells }))).toEqual(
        rows.map((row) => ({ id: row.id, cells: columns.map((id) => columnById(id).text(row)) })),
      );
      const tinted = report.body.find((row) => row.severity === 'danger')!;
      expect(tinted.cells[0]).toBe(HOSTILE_NAME);
      // The danger tint (#ffdede in the light theme), not the plain or the striped background.
      expect(tinted.background).toBe('rgb(255, 222, 222)');
    });

    it('xml: Chromium’s strict XML parser accepts it', async () => {
      const text = readFileSync(path.join(workDir, 'all.xml'), 'utf8');
      const result = (await browser.page.evaluate(`(() => {
        const doc = new DOMParser().parseFromString(${JSON.stringify(text)}, 'application/xml');
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          count: doc.querySelectorAll('connection').length,
          names: [...doc.querySelectorAll('connection > processName')].map((e) => e.textContent),
        };
      })()`)) as { error: string | null; count: number; names: string[] };
      expect(result.error).toBeNull();
      expect(result.count).toBe(rows.length);
      expect(result.names.filter((name) => name === HOSTILE_NAME)).toHaveLength(5);
    });
  });

  it('exportRows: the selected rows and visible columns, to the path the dialog chose', async () => {
    const file = path.join(workDir, 'chosen.csv');
    dialogAnswers.push(file);
    const selected = [childRows[2]!.id, childRows[0]!.id, 'tcp|4|gone:1|*'];
    const result = await backend.handlers.exportRows({
      scope: 'selected',
      ids: selected,
      columns: ['commandLine', 'pid', 'processName'],
      filter: '',
    });
    expect(result).toEqual({ path: file, rows: 2, format: 'csv' });
    expect(dialogRequests.at(-1)!.title).toBe('Export 2 connections');
    expect(dialogRequests.at(-1)!.filters[0]!.extensions).toContain('csv');
    const records = parseCsv(readFileSync(file, 'utf8')) as string[][];
    expect(records).toEqual([
      ['Command Line', 'PID', 'Process'],
      ...[childRows[2]!, childRows[0]!].map((row) => [
        row.commandLine,
        String(child.pid),
        `'${HOSTILE_NAME}`,
      ]),
    ]);
    // The dialog opens in this folder next time, with this format first.
    expect(backend.context.settings.get().export).toMatchObject({
      lastDirectory: workDir,
      lastFormat: 'csv',
    });
  });

  it('exportRows: cancelling the dialog writes nothing', async () => {
    dialogAnswers.push(null);
    const before = readdirSync(workDir).sort();
    const result = await backend.handlers.exportRows({
      scope: 'all',
      ids: [],
      columns: null,
      filter: '',
    });
    expect(result).toBeNull();
    expect(readdirSync(workDir).sort()).toEqual(before);
  });
});

interface HtmlReport {
  title: string;
  host: string | null;
  filter: string | null;
  headers: string[];
  body: { id: string; severity: string; cells: string[]; background: string }[];
  scripts: number;
}

function link(): string {
  return path.join(workDir, HOSTILE_NAME);
}
