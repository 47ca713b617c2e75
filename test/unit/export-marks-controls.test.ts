// Exports' human formats mark bidi overrides and controls; the data formats keep every character
// (issue 13.5). With U+202E, "invoice‮gnp.exe" reads "invoiceexe.png" in a browser or a text
// editor: in the HTML report and the text table it is shown as invoice⟦U+202E⟧gnp.exe. CSV, TSV
// and JSON are for programs and are read back with real parsers to check they are exact. (XML's
// control characters are handled in xml.ts, by another change.)
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportToString } from '../../shared/export';
import type { ExportFormat } from '../../shared/export/formats';
import { makeConnection } from '../support/connection-fixture';

const NAME = 'invoice\u202egnp.exe';
const COMMAND = `/tmp/${NAME} --x \u2066hidden\u2069 \u200bzero \x1b[31mred`;
const row = makeConnection({
  id: 'tcp|4|127.0.0.1:4444|127.0.0.1:50000',
  processName: NAME,
  commandLine: COMMAND,
  processPath: `/tmp/${NAME}`,
  firstSeen: 1764103560000,
  suspicion: {
    severity: 'warning',
    reasons: [{ rule: 'temporary-location', message: `runs from /tmp/${NAME}` }],
  },
});
const columns = ['processName', 'commandLine', 'processPath'] as const;
const meta = {
  title: 'Connections',
  hostName: 'host\u202e',
  generatedAt: 1764103560000,
  filter: '',
};
const exported = (format: ExportFormat) =>
  exportToString([row], { format, columns: [...columns], meta });

const BIDI = /[\u200b\u202a-\u202e\u2066-\u2069]/;

describe('human formats mark what would disguise a name', () => {
  it('HTML report: cells, the reasons tooltip and the host', () => {
    const html = exported('html');
    expect(html).not.toMatch(BIDI);
    expect(html).toContain('<td>invoice⟦U+202E⟧gnp.exe</td>');
    expect(html).toContain('⟦U+2066⟧hidden⟦U+2069⟧ ⟦U+200B⟧zero ␛[31mred');
    expect(html).toContain('title="runs from /tmp/invoice⟦U+202E⟧gnp.exe"');
    expect(html).toContain('<dd id="host">host⟦U+202E⟧</dd>');
  });

  it('text table', () => {
    const text = exported('txt');
    expect(text).not.toMatch(BIDI);
    expect(text).toContain('invoice⟦U+202E⟧gnp.exe');
    expect(text).toContain('⟦U+200B⟧zero \\x1b[31mred');
  });
});

describe('data formats keep the exact text', () => {
  it('CSV and TSV', () => {
    for (const [format, delimiter] of [
      ['csv', ','],
      ['tsv', '\t'],
    ] as const) {
      const records = parseCsv(exported(format), { delimiter, relax_quotes: true }) as string[][];
      expect(records[1]).toEqual([NAME, COMMAND, `/tmp/${NAME}`]);
    }
  });

  it('JSON', () => {
    const [parsed] = JSON.parse(exported('json')) as { processName: string; commandLine: string }[];
    expect(parsed!.processName).toBe(NAME);
    expect(parsed!.commandLine).toBe(COMMAND);
  });
});
