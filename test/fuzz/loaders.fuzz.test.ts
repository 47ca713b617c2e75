// The loaders of files the person (or someone else) may have edited: settings (as parsed JSON and
// as a file on disk), the known items inside it, and the blocklist. Each input ends in settings
// that pass the schema (bad sections replaced by defaults, with a message), or in a blocklist with
// its problems listed: never an exception, never a polluted prototype, and on disk nothing but
// the settings file's own copy-aside of a bad file.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSettingsStore } from '../../electron/core/settings-store';
import { parseBlocklist } from '../../shared/rules/blocklist';
import { indexKnownItems } from '../../shared/rules/known-items';
import { knownItemSchema } from '../../shared/rules/settings-schema';
import { defaultSettings, settingsFromUnknown, settingsSchema } from '../../shared/settings';
import { makeConnection } from '../support/connection-fixture';
import {
  fuzz,
  hostileValue,
  hugeStrings,
  prototypeKeyObjects,
  prototypeSnapshot,
  reportAfterAll,
  testTimeout,
} from './fuzz-support';

reportAfterAll('loaders');

const RUNS = 150;
const BOUND_MS = 5000;
const prototypeBefore = prototypeSnapshot();
afterAll(() => {
  expect(prototypeSnapshot()).toEqual(prototypeBefore);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/** Settings as a person's editor, an older or newer Portscope, or an attacker left them. */
const settingsLike: fc.Arbitrary<unknown> = fc.oneof(
  hostileValue,
  prototypeKeyObjects,
  fc.constantFrom({ constructor: { prototype: {} } }, { toString: 'x', hasOwnProperty: 1 }),
  fc
    .tuple(
      fc.constantFrom(...(Object.keys(defaultSettings) as (keyof typeof defaultSettings)[])),
      fc.oneof(hostileValue, fc.constant(undefined)),
      fc.constantFrom('replace', 'inner', 'proto'),
    )
    .map(([section, value, how]) => {
      const copy = JSON.parse(JSON.stringify(defaultSettings)) as Record<
        string,
        Record<string, unknown>
      >;
      if (how === 'replace') copy[section] = value as Record<string, unknown>;
      else if (how === 'inner') {
        const keys = Object.keys(copy[section] ?? {});
        if (keys.length > 0) copy[section]![keys[keys.length - 1]!] = value;
      } else {
        Object.defineProperty(copy[section]!, '__proto__', { value, enumerable: true });
      }
      return copy;
    }),
  fc.record({
    rules: fc.record({
      enabled: fc.dictionary(fc.string({ maxLength: 70 }), fc.boolean(), { maxKeys: 50 }),
      known: fc.array(
        fc.oneof(hostileValue, fc.record({ kind: fc.constant('port'), port: fc.integer() })),
        { maxLength: 20 },
      ),
    }),
  }),
);

describe('settings', () => {
  it(
    'from parsed JSON: every section valid, or replaced and named',
    async () => {
      await fuzz(
        'settings (parsed)',
        settingsLike,
        (raw) => {
          const { settings, rejected } = settingsFromUnknown(raw);
          expect(settingsSchema.safeParse(settings).success).toBe(true);
          return rejected.length === 0 ? 'kept' : 'sections reset';
        },
        { runs: RUNS, boundMs: BOUND_MS, label: (result) => result ?? 'error' },
      );
    },
    testTimeout(RUNS, BOUND_MS),
  );

  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'portscope-fuzz-settings-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'from a file on disk: loads, says what it reset, writes nothing but a copy of a bad file',
    async () => {
      let n = 0;
      const fileText = fc.oneof(
        settingsLike.map((value) => {
          try {
            return JSON.stringify(value) ?? 'null';
          } catch {
            return '{"grid": ';
          }
        }),
        fc.string({ maxLength: 500, unit: 'binary' }),
        hugeStrings,
      );
      await fuzz(
        'settings file',
        fileText,
        async (text) => {
          const caseDir = path.join(dir, String((n += 1)));
          await rm(caseDir, { recursive: true, force: true });
          const { mkdir } = await import('node:fs/promises');
          await mkdir(caseDir);
          const file = path.join(caseDir, 'settings.json');
          await writeFile(file, text);
          const store = await createSettingsStore(file, { now: () => new Date(0) });
          expect(settingsSchema.safeParse(store.get()).success).toBe(true);
          for (const problem of store.loadProblems) expect(problem.length).toBeLessThan(2000);
          // A JSON object with keys but none of ours is another program's file: kept, not reused.
          // (Keys named like Object.prototype's members, "constructor", are not ours either.)
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
            const keys = Object.keys(parsed);
            if (keys.length > 0 && !keys.some((key) => Object.hasOwn(defaultSettings, key))) {
              expect(store.loadProblems.join(' ')).toMatch(/does not hold Portscope settings/);
            }
          }
          const files = await readdir(caseDir);
          expect(
            files.filter((f) => f !== 'settings.json' && !f.startsWith('settings.json.corrupt-')),
          ).toEqual([]);
          return store.loadProblems.length === 0 ? 'loaded' : 'reset, copy kept';
        },
        { runs: 80, boundMs: BOUND_MS, label: (result) => result ?? 'error' },
      );
    },
    testTimeout(80, BOUND_MS),
  );
});

describe('known items', () => {
  const rows = [
    makeConnection({
      id: 'a',
      processPath: '/usr/bin/x',
      remoteAddress: '203.0.113.9',
      firstSeen: 1,
    }),
    makeConnection({ id: 'b', processPath: null, remoteAddress: '::ffff:10.0.0.1', firstSeen: 1 }),
  ];
  it(
    'validated one by one, then indexed and matched',
    async () => {
      const item = fc.oneof(
        hostileValue,
        fc.record(
          {
            kind: fc.constantFrom('process', 'port', 'remoteAddress', '__proto__'),
            path: fc.string(),
            sha256: fc.option(fc.stringMatching(/^[0-9a-f]{64}$/)),
            port: fc.integer(),
            address: fc.oneof(fc.ipV4(), fc.ipV6(), fc.string()),
          },
          { requiredKeys: ['kind'] },
        ),
      );
      await fuzz(
        'known items',
        fc.array(item, { maxLength: 50 }),
        (raw) => {
          const items = raw.flatMap((candidate) => {
            const parsed = knownItemSchema.safeParse(candidate);
            return parsed.success ? [parsed.data] : [];
          });
          const index = indexKnownItems(items);
          for (const row of rows)
            index.matches(row, {
              privileged: true,
              blocklist: parseBlocklist(''),
              worldWritableDirOf: () => null,
              executableHash: () => null,
            });
          return items.length === raw.length ? 'all valid' : 'some refused';
        },
        { runs: RUNS, boundMs: BOUND_MS, label: (result) => result ?? 'error' },
      );
    },
    testTimeout(RUNS, BOUND_MS),
  );
});

describe('blocklist', () => {
  it(
    'parses any text into entries and problems; matching never throws',
    async () => {
      const line = fc.oneof(
        fc.ipV4(),
        fc.ipV6(),
        fc
          .tuple(fc.oneof(fc.ipV4(), fc.ipV6()), fc.integer({ min: -5, max: 200 }))
          .map(([a, bits]) => `${a}/${bits}`),
        fc.constantFrom(
          '# comment',
          '',
          '   ',
          '10.0.0.0/8 # net',
          '::ffff:10.0.0.0/104',
          '1.2.3',
          '0x7f.1',
          'fe80::1%eth0',
        ),
        fc.string({ maxLength: 200, unit: 'binary' }),
      );
      const text = fc.oneof(
        fc.array(line, { maxLength: 300 }).map((lines) => lines.join('\n')),
        hugeStrings,
      );
      await fuzz(
        'blocklist',
        fc.tuple(
          text,
          fc.array(fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 50 })), { maxLength: 20 }),
        ),
        ([content, addresses]) => {
          const list = parseBlocklist(content);
          for (const problem of list.problems.slice(0, 10))
            expect(problem.text.length).toBeLessThanOrEqual(121);
          for (const address of addresses) list.match(address);
          return list.problems.length === 0 ? 'clean' : 'with problems';
        },
        { runs: RUNS, boundMs: BOUND_MS, label: (result) => result ?? 'error' },
      );
    },
    testTimeout(RUNS, BOUND_MS),
  );
});
