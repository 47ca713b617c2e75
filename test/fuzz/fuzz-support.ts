// The property-based boundary suite (issue 13, "fuzz the boundaries"): every input a target gets
// must end in a result or a clear error within a time bound, and nothing may crash. Each target
// records how many cases ran and its slowest input; the numbers are printed after each file and
// written to .tmp/fuzz/<file>.json.
//
// In `npm test` every target runs a few hundred cases at most (seconds in all). For a longer run:
//   PORTSCOPE_FUZZ_SCALE=50 npx vitest run test/fuzz     (50 times the cases, longer time limits)
// PORTSCOPE_FUZZ_SEED=<n> replays a run (fast-check prints the seed and the shrunk input on
// failure).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll } from 'vitest';
import { revealControls } from '../../shared/visible-text';

export const FUZZ_SCALE = Math.max(1, Number(process.env.PORTSCOPE_FUZZ_SCALE ?? 1) || 1);
const SEED =
  process.env.PORTSCOPE_FUZZ_SEED === undefined
    ? undefined
    : Number(process.env.PORTSCOPE_FUZZ_SEED);

/** A vitest timeout for a test running `runs` cases of up to `boundMs` each, scaled. */
export function testTimeout(runs: number, boundMs: number): number {
  return Math.max(30_000, Math.min(runs * FUZZ_SCALE * boundMs, 3_600_000));
}

export interface TargetReport {
  target: string;
  cases: number;
  totalMs: number;
  slowestMs: number;
  /** The slowest input, abbreviated (long strings cut, deep structures summarised). */
  slowestInput: string;
  /** How the cases ended, by the target's own labels (e.g. accepted / refused). */
  outcomes: Record<string, number>;
}

const reports: TargetReport[] = [];

/** A short, safe description of any value (never recursion-deep, never megabytes long). */
export function describeInput(value: unknown, depth = 0): string {
  if (typeof value === 'string') {
    // Controls shown as pictures (␀, ␛, ⟦U+202E⟧): the report stays one readable line.
    const shown = `"${revealControls(value.length > 40 ? value.slice(0, 40) : value)}"`;
    return value.length > 40 ? `${shown}…(${value.length} chars)` : shown;
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || typeof value !== 'object') return String(value);
  if (depth >= 3) return Array.isArray(value) ? `[…${value.length}]` : '{…}';
  if (Array.isArray(value)) {
    // By index, not slice/map: a hostile array may carry its own "constructor" key, and
    // Array.prototype methods that build arrays consult it (ArraySpeciesCreate).
    const items: string[] = [];
    for (let i = 0; i < Math.min(4, value.length); i++)
      items.push(describeInput(value[i], depth + 1));
    return `[${items.join(', ')}${value.length > 4 ? `, …(${value.length})` : ''}]`;
  }
  if (value instanceof Uint8Array) return `bytes(${value.length})`;
  const keys = Reflect.ownKeys(value).slice(0, 6);
  const entries = keys.map((key) => {
    const inner = (value as Record<PropertyKey, unknown>)[key];
    return `${String(key)}: ${describeInput(inner, depth + 1)}`;
  });
  return `{${entries.join(', ')}${Reflect.ownKeys(value).length > 6 ? ', …' : ''}}`;
}

export class TimeBoundExceeded extends Error {
  override name = 'TimeBoundExceeded';
}

/**
 * Runs `run` on `runs` (scaled) inputs from `arbitrary`. A case fails when it throws something
 * `acceptError` does not accept (default: nothing thrown is accepted), when it takes longer than
 * `boundMs` (an async one is abandoned at the bound; a synchronous one is measured), or when
 * `check` rejects its result.
 */
export async function fuzz<T, R>(
  target: string,
  arbitrary: fc.Arbitrary<T>,
  run: (input: T) => R | Promise<R>,
  options: {
    runs: number;
    boundMs: number;
    acceptError?: (error: unknown) => boolean;
    /** Names how a case ended, for the report ("accepted", "refused" …). */
    label?: (result: R | undefined, error: unknown) => string;
  },
): Promise<TargetReport> {
  const report: TargetReport = {
    target,
    cases: 0,
    totalMs: 0,
    slowestMs: 0,
    slowestInput: '',
    outcomes: {},
  };
  reports.push(report);
  const boundMs = options.boundMs * Math.min(FUZZ_SCALE, 4);
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (input) => {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      let result: R | undefined;
      let caught: unknown;
      try {
        result = await Promise.race<R>([
          Promise.resolve().then(() => run(input)),
          new Promise((_, reject) => {
            timer = setTimeout(
              () => reject(new TimeBoundExceeded(`${target}: no answer within ${boundMs} ms`)),
              boundMs,
            );
          }),
        ]);
      } catch (error) {
        if (error instanceof TimeBoundExceeded || !options.acceptError?.(error)) throw error;
        caught = error;
      } finally {
        clearTimeout(timer);
      }
      const ms = performance.now() - started;
      report.cases += 1;
      report.totalMs += ms;
      const label = options.label?.(result, caught) ?? (caught === undefined ? 'ok' : 'error');
      report.outcomes[label] = (report.outcomes[label] ?? 0) + 1;
      if (ms > report.slowestMs) {
        report.slowestMs = ms;
        report.slowestInput = describeInput(input);
      }
      if (ms > boundMs) throw new TimeBoundExceeded(`${target}: took ${ms.toFixed(0)} ms`);
    }),
    { numRuns: Math.round(options.runs * FUZZ_SCALE), seed: SEED, endOnFailure: true },
  );
  if (details.failed) {
    // fast-check's own report prints the input with its stringifier, which chokes on the very
    // objects this suite makes (an own "constructor" key): describe it ourselves.
    const cause = details.errorInstance;
    const message = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    throw new Error(
      `${target}: failed on ${describeInput(details.counterexample?.[0])} after ${details.numRuns} ` +
        `cases (seed ${details.seed}, path "${details.counterexamplePath}"): ${message}`,
      { cause },
    );
  }
  return report;
}

/** Prints this file's reports and writes them to .tmp/fuzz/<name>.json. */
export function reportAfterAll(name: string): void {
  afterAll(() => {
    const lines = reports.map(
      (r) =>
        `  ${r.target.padEnd(30)} ${String(r.cases).padStart(6)} cases (${Object.entries(r.outcomes)
          .map(([label, n]) => `${n} ${label}`)
          .join(', ')}), slowest ${r.slowestMs.toFixed(1)} ms: ${r.slowestInput}`,
    );
    console.log(`fuzz ${name} (scale ${FUZZ_SCALE}):\n${lines.join('\n')}`);
    const dir = path.join(process.cwd(), '.tmp', 'fuzz');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(reports, null, 2)}\n`);
  });
}

// ── Hostile values shared by the targets ────────────────────────────────────────────────────────

/** Objects whose own keys are the ones prototype pollution uses (made by JSON.parse, as IPC does). */
export const prototypeKeyObjects: fc.Arbitrary<unknown> = fc.constantFrom(
  ...[
    '{"__proto__": {"polluted": true}}',
    '{"constructor": {"prototype": {"polluted": true}}}',
    '{"__proto__": null, "toString": "x", "hasOwnProperty": 1}',
    '[{"__proto__": {"polluted": true}}]',
    '{"valueOf": {"__proto__": {"polluted": true}}, "__defineGetter__": 1}',
  ].map((json) => JSON.parse(json) as unknown),
);

/** Arrays or objects nested `depth` deep (a stack-depth attack on recursive code). */
export const deeplyNested: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 50, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) => {
    let value: unknown = 'leaf';
    for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
    return value;
  });

/**
 * Strings of up to a megabyte (three in the long mode), of one repeated unit: cheap to make,
 * costly to mishandle (a backtracking pattern takes minutes on them).
 */
export const hugeStrings: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('a', ' ', '\0', ':', '%', '@', '\u202e', '\u{1F600}', 'a:', '"', '\\', '<'),
    fc.integer({ min: 10_000, max: 1_000_000 * Math.min(FUZZ_SCALE, 3) }),
  )
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)));

/** Anything structured clone or JSON can carry, hostile shapes included. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 4,
    withBigInt: true,
    withDate: true,
    withTypedArray: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
  }),
  prototypeKeyObjects,
  deeplyNested,
  hugeStrings,
);

/** Object.prototype as it is now: compared after a run to see that nothing polluted it. */
export function prototypeSnapshot(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).sort();
}
