// The export formatters on rows like a real table's, read back with real parsers. The hostile
// strings are what a process can put in its own name and command line.
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { COLUMNS, columnById, type ColumnId } from '../../shared/columns';
import {
  CONNECTION_FIELDS,
  exportChunks,
  exportToString,
  formatFromPath,
  neutraliseFormula,
  type ExportFormat,
  type ExportOptions,
} from '../../shared/export';
import { printableCell } from '../../shared/export/text-table';
import type { Connection } from '../../shared/model';
import { makeConnection } from '../support/connection-fixture';

const base: Connection = makeConnection({
  id: 'tcp|4|192.168.1.23:51844|142.250.185.78:443',
  localAddress: '192.168.1.23',
  localPort: 51844,
  remoteAddress: '142.250.185.78',
  remotePort: 443,
  inode: 4719263,
  pid: 2281,
  processName: 'firefox-esr',
  processPath: '/usr/lib/firefox-esr/firefox-esr',
  commandLine: '/usr/lib/firefox-esr/firefox-esr -contentproc -isForBrowser',
  parentPid: 2190,
  processStartTime: 1764103500000,
  firstSeen: 1764103560000,
  remotePortName: 'https',
  remoteHostName: 'fra16s52-in-f14.1e100.net',
  remoteCountry: 'US',
  remoteAsn: 15169,
  remoteAsOrg: 'Google LLC',
});

const hostile: Connection = {
  ...base,
  id: 'tcp|6|::1:4444|::1:50000',
  family: 6,
  localAddress: '::1',
  localPort: 4444,
  remoteAddress: '::1',
  remotePort: 50000,
  processName: '=cmd|"/C calc"!A0',
  commandLine:
    '=HYPERLINK("http://x.invalid","click"), a\tb\r\nc "quoted" ünïcødé ✓ 日本 <b>&amp;</b>',
  processPath: '+/tmp/.x/payload',
  user: '@admin',
  remoteHostName: null,
  remoteCountry: null,
  remoteAsn: null,
  remoteAsOrg: null,
  suspicion: {
    severity: 'danger',
    reasons: [{ rule: 'deleted-executable', message: 'The program file was deleted.' }],
  },
};

const udp: Connection = {
  ...base,
  id: 'udp|4|127.0.0.53:53|',
  protocol: 'udp',
  localAddress: '127.0.0.53',
  localPort: 53,
  remoteAddress: null,
  remotePort: null,
  state: null,
  processName: 'systemd-resolve',
  commandLine: '-bash',
  remoteHostName: null,
  remoteCountry: null,
  remoteAsn: null,
  remoteAsOrg: null,
};

const rows = [base, hostile, udp];
const meta = {
  title: 'Portscope: connections on test-host',
  hostName: 'test-host',
  generatedAt: 1764103600000,
  filter: 'proc:"a b" -state:listen',
};
const options = (format: ExportFormat, columns: ColumnId[] | null = null): ExportOptions => ({
  format,
  columns,
  meta,
});

describe('formatFromPath', () => {
  it('knows every extension, case-insensitively, and nothing else', () => {
    expect(formatFromPath('/home/a/out.CSV')).toBe('csv');
    expect(formatFromPath('out.tab')).toBe('tsv');
    expect(formatFromPath('r.htm')).toBe('html');
    expect(formatFromPath('C:\\Users\\a\\r.xml')).toBe('xml');
    expect(formatFromPath('table.txt')).toBe('txt');
    expect(formatFromPath('x.json')).toBe('json');
    expect(formatFromPath('/tmp/.csv')).toBeNull(); // a hidden file named ".csv", no extension
    expect(formatFromPath('/tmp/dir.csv/out')).toBeNull();
    expect(formatFromPath('out.dat')).toBeNull();
  });
});

describe('neutraliseFormula', () => {
  it('prefixes = + - @ tab CR, and leaves the rest alone', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(neutraliseFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    }
    expect(neutraliseFormula('firefox')).toBe('firefox');
    expect(neutraliseFormula('')).toBe('');
    expect(neutraliseFormula(' =1')).toBe(' =1');
  });
});

describe.each([
  ['csv', ','],
  ['tsv', '\t'],
] as const)('%s', (format, delimiter) => {
  it('has a header row and every cell, with formulas neutralised and text intact', () => {
    const text = exportToString(rows, options(format));
    const records = parseCsv(text, { delimiter, relax_column_count: false }) as string[][];
    expect(records[0]).toEqual(COLUMNS.map((c) => c.header));
    expect(records).toHaveLength(rows.length + 1);
    rows.forEach((row, r) => {
      COLUMNS.forEach((column, c) => {
        expect(records[r + 1]![c]).toBe(neutraliseFormula(column.text(row)));
      });
    });
    const process = records[2]![0]!;
    expect(process).toBe(`'${hostile.processName}`);
    expect(process.slice(1)).toBe(hostile.processName);
    expect(records[3]![COLUMNS.findIndex((c) => c.id === 'commandLine')]).toBe("'-bash");
  });

  it('writes RFC 4180 CRLF records and the chosen columns in order', () => {
    const text = exportToString([base], options(format, ['pid', 'processName', 'localPort']));
    expect(text).toBe(
      ['PID', 'Process', 'Local Port'].join(delimiter) +
        '\r\n' +
        ['2281', 'firefox-esr', '51844'].join(delimiter) +
        '\r\n',
    );
  });
});

describe('json', () => {
  it('is an array of exactly the model fields, whatever the columns', () => {
    const text = exportToString(rows, options('json', ['pid']));
    const parsed = JSON.parse(text) as Record<string, unknown>[];
    expect(parsed).toEqual(rows);
    for (const item of parsed) expect(Object.keys(item)).toEqual([...CONNECTION_FIELDS]);
    expect(exportToString([], options('json'))).toBe('[]\n');
  });

  it('leaves out properties that are not in the model', () => {
    const extra = { ...base, grid: 'x' } as Connection;
    expect(Object.keys(JSON.parse(exportToString([extra], options('json')))[0])).not.toContain(
      'grid',
    );
  });
});

describe('xml', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    htmlEntities: true,
    isArray: (name) => name === 'connection',
  });

  it('is well-formed and carries every cell exactly, CR and all', () => {
    const text = exportToString(rows, options('xml'));
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = parser.parse(text) as {
      connections: Record<string, string> & { connection: Record<string, string>[] };
    };
    expect(doc.connections['@host']).toBe('test-host');
    expect(doc.connections['@filter']).toBe(meta.filter);
    expect(doc.connections['@generated']).toBe(new Date(meta.generatedAt).toISOString());
    const items = doc.connections.connection;
    expect(items).toHaveLength(3);
    rows.forEach((row, r) => {
      expect(items[r]!['@id']).toBe(row.id);
      for (const column of COLUMNS) expect(items[r]![column.id]).toBe(column.text(row));
    });
    expect(items[1]!['@severity']).toBe('danger');
    expect(text).not.toContain('removed');
  });

  it('writes characters XML 1.0 cannot carry visibly and says how many', () => {
    const bad = { ...base, processName: 'a\u0000b\u0001c\u001b[31m\uFFFEd\uD800e😀\u007f' };
    const text = exportToString([bad], options('xml', ['processName']));
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = parser.parse(text) as { connections: { connection: Record<string, string>[] } };
    // NUL ␀, SOH ␁, ESC ␛ (control pictures), U+FFFE and a lone surrogate as U+FFFD; DEL and
    // astral characters are XML characters and stay.
    expect(doc.connections.connection[0]!.processName).toBe(
      'a\u2400b\u2401c\u241b[31m\uFFFDd\uFFFDe😀\u007f',
    );
    expect(text).toContain(
      '<!-- 5 character(s) that XML 1.0 cannot carry are written as Unicode control pictures ' +
        '(U+2400-U+241F) or U+FFFD -->',
    );
  });
});

describe('html', () => {
  it('is one self-contained document with the facts and escaped cells', () => {
    const text = exportToString(rows, options('html', ['processName', 'commandLine', 'pid']));
    expect(text.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(text).toContain("default-src 'none'");
    expect(text).not.toMatch(/<script|<link|src=|url\(/i);
    expect(text).toContain('<dd id="host">test-host</dd>');
    expect(text).toContain('<dd id="filter">proc:&quot;a b&quot; -state:listen</dd>');
    expect(text).toContain('class="danger"');
    expect(text).toContain('&lt;b&gt;&amp;amp;&lt;/b&gt;');
    expect(text).toContain('a\tb&#13;\nc');
    expect(text).toContain('<p id="count">3 connections');
  });
});

describe('txt', () => {
  it('aligns columns and shows control characters as escapes', () => {
    const columns: ColumnId[] = ['processName', 'pid', 'localPort', 'commandLine'];
    const text = exportToString(rows, options('txt', columns));
    const lines = text.split('\n').slice(0, -1);
    expect(lines).toHaveLength(rows.length + 2);
    // The rule line gives each column's width; every row's cells sit inside those spans.
    const spans = [...lines[1]!.matchAll(/-+/g)].map((m) => [m.index, m.index + m[0].length]);
    expect(spans).toHaveLength(columns.length);
    rows.forEach((row, r) => {
      const chars = [...lines[r + 2]!];
      columns.forEach((id, c) => {
        const [start, end] = spans[c]!;
        const cell = chars
          .slice(start, c === columns.length - 1 ? undefined : end)
          .join('')
          .trim();
        expect(cell).toBe(printableCell(columnById(id).text(row)));
      });
    });
    expect(text).toContain('a\\tb\\r\\nc');
    // Numbers are right-aligned under their header.
    expect(lines[0]).toMatch(/^Process\s+PID {2}Local Port/);
  });
});

describe('streaming', () => {
  it('yields many chunks for many rows, none holding the whole file', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ ...base, id: `r${i}`, localPort: i }));
    for (const format of ['csv', 'tsv', 'json', 'html', 'xml', 'txt'] as const) {
      const chunks = [...exportChunks(many, options(format))];
      const total = chunks.reduce((n, chunk) => n + chunk.length, 0);
      expect(chunks.length).toBeGreaterThan(5);
      expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(total / 4);
    }
  });
});
