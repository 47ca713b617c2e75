// Parsers of outside text under generated input: the filter language, the /proc parsers, whois
// and RDAP replies, the RDAP bootstrap, whois bytes, and DNS names (also through the reverse-DNS
// enricher against a loopback DNS server answering generated PTR names). Each input must end in a
// result or the parser's own clear error, within the bound. Where a parser was rewritten to be
// linear, it is also compared with the regular expression it replaced on short inputs.
//
// The lsof parser (electron/platform/lsof) is being written by another engineer: add it to
// PROC_TARGETS below when it lands (its input is `lsof -F` text, as for the /proc tables).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createReverseDnsEnricher,
  isHostName,
} from '../../electron/core/lookup/reverse-dns-enricher';
import { readRdapReply } from '../../electron/core/lookup/reply-reading';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import { parsePasswd } from '../../electron/platform/linux/passwd';
import { parseProcNetTable } from '../../electron/platform/linux/proc-net-parser';
import {
  parseBootTime,
  parseCmdline,
  parseProcPidStat,
  parseStatusUid,
} from '../../electron/platform/linux/proc-stat-parser';
import { compileFilter, FILTER_FIELDS } from '../../shared/filter';
import { decodeWhoisBytes, cleanWhoisText } from '../../shared/whois/decode';
import { defaultLookupSettings } from '../../shared/whois/lookup-settings';
import { findEmail, readWhoisReply, splitKeyValue } from '../../shared/whois/parse-whois';
import { parseRdapBootstrap } from '../../shared/whois/rdap-bootstrap';
import { makeConnection } from '../support/connection-fixture';
import { startFakeDnsServer } from '../support/fake-dns-server';
import { fuzz, hostileValue, hugeStrings, reportAfterAll, testTimeout } from './fuzz-support';

reportAfterAll('parsers');

const RUNS = 150;
/**
 * Per input. Generous (the machine may be busy, inputs reach 3 MB, and each is parsed once,
 * cold), yet a parser that backtracks on a megabyte takes minutes.
 */
const BOUND_MS = 5000;
const fixture = (dir: string, name: string) =>
  readFileSync(path.join(__dirname, '../fixtures', dir, name), 'utf8');

/** Text as outside sources send it: any code points, lines, a few huge ones. */
const anyText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 2000, unit: 'binary' }) },
  {
    weight: 2,
    arbitrary: fc.array(fc.string({ maxLength: 120 }), { maxLength: 200 }).map((l) => l.join('\n')),
  },
  { weight: 1, arbitrary: hugeStrings },
);

/** `base` with random lines replaced, cut, or spliced with hostile text: near-valid input. */
function mutatedLines(base: string): fc.Arbitrary<string> {
  const lines = base.split('\n');
  return fc
    .array(
      fc.tuple(
        fc.nat(lines.length),
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.constantFrom('', '\0', ':', ' - ', '%', '\u202e', 'x'.repeat(5000)),
        ),
      ),
      { maxLength: 8 },
    )
    .map((edits) => {
      const copy = [...lines];
      for (const [at, text] of edits)
        copy[at % copy.length] = text + (copy[at % copy.length] ?? '').slice(text.length % 7);
      return copy.join('\n');
    });
}

const sampleRows = [
  makeConnection({ id: 'a', processName: 'firefox', commandLine: 'firefox -P', firstSeen: 1 }),
  makeConnection({
    id: 'b',
    family: 6,
    localAddress: '::1',
    remoteAddress: '2001:db8::1',
    protocol: 'udp',
    state: null,
    pid: null,
    processName: null,
    commandLine: null,
    firstSeen: 1,
  }),
];

describe('the filter language', () => {
  const fieldTerm = fc
    .tuple(
      fc.boolean(),
      fc.constantFrom(...Object.keys(FILTER_FIELDS), 'bogus', 'PORT'),
      fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.constantFrom(
          '443',
          '1-2',
          '80,443',
          '10.0.0.0/8',
          '::1',
          '"a b"',
          'listen',
          'tcp6',
          'as15169',
          '999999999999',
          '5-1',
          '',
        ),
      ),
    )
    .map(([negated, field, value]) => `${negated ? '-' : ''}${field}:${value}`);
  const filterText = fc.oneof(
    fc
      .array(fc.oneof(fieldTerm, fc.constantFrom('OR', '-', '"', 'word', '::1', 'fe80::1%eth0')), {
        maxLength: 12,
      })
      .map((t) => t.join(' ')),
    anyText,
  );

  it(
    'compiles or says where it stops reading, and its test never throws',
    async () => {
      await fuzz(
        'filter',
        filterText,
        (text) => {
          const compiled = compileFilter(text);
          if (compiled.ok) {
            for (const row of sampleRows) compiled.test(row);
            return 'compiled';
          }
          expect(compiled.error.length).toBeGreaterThan(0);
          expect(compiled.position).toBeGreaterThanOrEqual(0);
          expect(compiled.position).toBeLessThanOrEqual(text.length);
          return 'refused';
        },
        { runs: RUNS * 2, boundMs: BOUND_MS, label: (result) => result ?? 'error' },
      );
    },
    testTimeout(RUNS * 2, BOUND_MS),
  );
});

describe('/proc parsers', () => {
  const PROC_TARGETS: [string, fc.Arbitrary<string>, (text: string) => unknown][] = [
    [
      '/proc/net/tcp',
      fc.oneof(mutatedLines(fixture('linux/proc/net', 'tcp')), anyText),
      (t) => parseProcNetTable(t, 'tcp', 4),
    ],
    [
      '/proc/net/tcp6',
      fc.oneof(mutatedLines(fixture('linux/proc/net', 'tcp6')), anyText),
      (t) => parseProcNetTable(t, 'tcp', 6),
    ],
    [
      '/proc/net/udp',
      fc.oneof(mutatedLines(fixture('linux/proc/net', 'udp')), anyText),
      (t) => parseProcNetTable(t, 'udp', 4),
    ],
    [
      '/proc/PID/stat',
      fc.oneof(mutatedLines(fixture('linux', 'pid-stat-odd-comm.txt')), anyText),
      parseProcPidStat,
    ],
    ['/proc/PID/cmdline', anyText, parseCmdline],
    ['/proc/PID/status Uid', anyText, parseStatusUid],
    [
      '/proc/stat btime',
      fc.oneof(mutatedLines(fixture('linux/proc', 'stat')), anyText),
      parseBootTime,
    ],
    ['/etc/passwd', fc.oneof(mutatedLines(fixture('linux', 'passwd')), anyText), parsePasswd],
    // lsof -F output (electron/platform/lsof): add ['lsof -F', arbitrary, parseLsof] here.
  ];
  for (const [name, arbitrary, parse] of PROC_TARGETS) {
    it(
      name,
      async () => {
        await fuzz(name, arbitrary, (text) => parse(text), { runs: RUNS, boundMs: BOUND_MS });
      },
      testTimeout(RUNS, BOUND_MS),
    );
  }
  it.todo('lsof -F output (electron/platform/lsof, being written): add it to PROC_TARGETS');
});

describe('whois and RDAP replies', () => {
  const replies = fc.oneof(
    mutatedLines(fixture('whois', 'arin-8.8.8.8.txt')),
    mutatedLines(fixture('whois', 'ripe-193.0.6.139.txt')),
    mutatedLines(fixture('whois', 'iana-8.8.8.8.txt')),
    anyText,
  );

  it(
    'port-43 replies',
    async () => {
      await fuzz('whois reply', replies, (text) => readWhoisReply(text), {
        runs: RUNS,
        boundMs: BOUND_MS,
      });
    },
    testTimeout(RUNS, BOUND_MS),
  );

  it(
    'the rewritten line and e-mail scanners agree with the patterns they replaced',
    async () => {
      // The old patterns, run only on short inputs (they backtrack on long ones: issue 13.3).
      const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
      const LINE = /^\s*([A-Za-z][A-Za-z0-9 _-]{0,40}?)\s*:\s*(.*?)\s*$/;
      const emailish = fc
        .array(
          fc.constantFrom(
            'a',
            'b',
            'Z',
            '0',
            '.',
            '-',
            '_',
            '%',
            '+',
            '@',
            ' ',
            'é',
            ':',
            'x@y.co',
          ),
          { maxLength: 40 },
        )
        .map((c) => c.join(''));
      const lineish = fc
        .array(fc.constantFrom('a', 'B', '1', ' ', '\t', ':', '-', '_', '%', '#', 'x', '/', 'é'), {
          maxLength: 50,
        })
        .map((c) => c.join(''));
      await fuzz(
        'findEmail = EMAIL',
        emailish,
        (text) => {
          expect(findEmail(text)).toBe(EMAIL.exec(text)?.[0] ?? null);
        },
        { runs: RUNS * 3, boundMs: BOUND_MS },
      );
      await fuzz(
        'splitKeyValue = line pattern',
        lineish,
        (line) => {
          const old = LINE.exec(line);
          const isUrl = /^[a-z]+:\/\//i.test(line.trim());
          const expected =
            old && !/^\s*[%#]/.test(line) && !isUrl
              ? { key: old[1]!.toLowerCase(), value: old[2] }
              : null;
          expect(splitKeyValue(line)).toEqual(expected);
        },
        { runs: RUNS * 3, boundMs: BOUND_MS },
      );
    },
    testTimeout(RUNS * 6, BOUND_MS),
  );

  it(
    'RDAP replies: a summary, or an RDAP format or JSON error',
    async () => {
      const rdap = JSON.parse(fixture('whois', 'rdap-arin-8.8.8.8.json')) as Record<
        string,
        unknown
      >;
      const body = fc.oneof(
        fc.tuple(fc.constantFrom(...Object.keys(rdap)), hostileValue).map(([key, value]) => {
          try {
            return JSON.stringify({ ...rdap, [key]: value });
          } catch {
            return '{}'; // a value JSON cannot carry (a bigint): the reply is just empty
          }
        }),
        fc.jsonValue().map((value) => JSON.stringify(value)),
        anyText,
        fc
          .integer({ min: 1000, max: 50_000 })
          .map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
        // Up to the default reply cap (1 MB) of entities nested in one entity.
        fc.integer({ min: 1000, max: 50_000 }).map((n) =>
          JSON.stringify({
            objectClassName: 'ip network',
            entities: [{ entities: Array.from({ length: n }, () => ({ roles: ['abuse'] })) }],
          }),
        ),
      );
      await fuzz('RDAP reply', body, (text) => readRdapReply(text, 'rdap.example'), {
        runs: RUNS / 2,
        boundMs: BOUND_MS,
        acceptError: (error) =>
          ['RdapFormatError', 'MalformedJsonError'].includes((error as Error).name),
        label: (_result, error) => (error ? (error as Error).name : 'summary'),
      });
    },
    testTimeout(RUNS / 2, BOUND_MS),
  );

  it(
    'RDAP bootstrap files',
    async () => {
      const shipped = JSON.parse(
        readFileSync(path.join(__dirname, '../../resources/rdap/ipv4.json'), 'utf8'),
      ) as { services: unknown[] };
      const file = fc.oneof(
        hostileValue,
        fc
          .array(
            fc.tuple(
              fc.array(fc.string({ maxLength: 50 })),
              fc.array(fc.oneof(fc.webUrl(), fc.string())),
            ),
            { maxLength: 20 },
          )
          .map((services) => ({ services })),
        fc.nat(shipped.services.length).map((n) => ({
          ...shipped,
          services: [...shipped.services.slice(0, n), [['1.2.3.0/24', 'x'], 'not-urls']],
        })),
      );
      await fuzz('RDAP bootstrap', file, (json) => parseRdapBootstrap(json), {
        runs: RUNS,
        boundMs: BOUND_MS,
        acceptError: (error) => (error as Error).name === 'BootstrapFormatError',
        label: (_result, error) => (error ? 'refused' : 'read'),
      });
    },
    testTimeout(RUNS, BOUND_MS),
  );

  it(
    'whois bytes of any encoding',
    async () => {
      await fuzz(
        'whois bytes',
        fc.uint8Array({ maxLength: 100_000 }),
        (bytes) => cleanWhoisText(decodeWhoisBytes(bytes).text),
        { runs: RUNS, boundMs: BOUND_MS },
      );
    },
    testTimeout(RUNS, BOUND_MS),
  );
});

describe('DNS names', () => {
  it(
    'host-name check',
    async () => {
      await fuzz('isHostName', anyText, (name) => isHostName(name), {
        runs: RUNS,
        boundMs: BOUND_MS,
      });
    },
    testTimeout(RUNS, BOUND_MS),
  );

  it(
    'PTR answers from a loopback DNS server: shown only as confirmed host names',
    async () => {
      const label = fc.oneof(
        fc.stringMatching(/^[a-z0-9-]{1,20}$/),
        fc
          .string({ minLength: 1, maxLength: 30, unit: 'grapheme' })
          .filter((s) => !s.includes('.') && Buffer.byteLength(s) <= 63),
      );
      const ptrName = fc
        .array(label, { minLength: 1, maxLength: 4 })
        .map((labels) => labels.join('.'));
      const cases = fc.tuple(ptrName, fc.boolean());
      await fuzz(
        'reverse DNS enricher',
        cases,
        async ([name, confirms]) => {
          const address = '192.0.2.44';
          const dns = await startFakeDnsServer(
            { [address]: name },
            confirms ? {} : { [name]: ['203.0.113.1'] },
          );
          const settings = createMemorySettingsStore({
            lookup: { ...defaultLookupSettings, dnsServers: [dns.address], dnsTimeoutMs: 1000 },
          });
          const enricher = createReverseDnsEnricher({ settings });
          const row = makeConnection({ id: 'r', remoteAddress: address, firstSeen: 1 });
          let shown: string | null;
          try {
            await new Promise<void>((resolve) => {
              enricher.attach?.({ refresh: () => resolve() });
              enricher.enrich(row);
            });
            const again = { ...row };
            enricher.enrich(again);
            shown = again.remoteHostName;
          } finally {
            enricher.dispose?.();
            await dns.close();
          }
          if (shown !== null) {
            expect(isHostName(shown)).toBe(true);
            expect(confirms).toBe(true);
          }
          return shown === null ? 'no name' : 'confirmed name';
        },
        { runs: 25, boundMs: 3000, label: (result) => result ?? 'error' },
      );
    },
    testTimeout(25, 3000),
  );
});
