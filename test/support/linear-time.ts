// Timing a parser on adversarial input against the same parser on ordinary input of the same size
// (issue 13.3). A ratio, not an absolute time: the machine may be slow or busy, but a parser that
// backtracks is slower on the adversarial text by a factor that grows with its length (hundreds
// to thousands at 1 MB), while a linear one stays within a small factor of its baseline.
import { expect } from 'vitest';

/** The fastest of `runs` calls, in milliseconds (the least disturbed by GC and other work). */
export function bestOfMs(fn: () => unknown, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/**
 * Below this a baseline is mostly timer noise: ratios are taken against at least this much.
 * Inputs are sized (1 MB) so that real baselines exceed it.
 */
const BASELINE_FLOOR_MS = 2;

export interface LinearResult {
  baselineMs: number;
  adversarialMs: number;
  ratio: number;
}

/**
 * Expects `adversarial` to take at most `maxRatio` times as long as `baseline`. The adversarial
 * input runs once first and again only when it looks slow, so a quadratic parser fails in one
 * (long) run rather than three.
 */
export function expectLinear(
  adversarial: () => unknown,
  /** The ordinary input's parse, or its time already measured (bestOfMs) for several cases. */
  baseline: (() => unknown) | number,
  maxRatio = 10,
): LinearResult {
  const baselineMs = Math.max(
    typeof baseline === 'number' ? baseline : bestOfMs(baseline),
    BASELINE_FLOOR_MS,
  );
  let adversarialMs = bestOfMs(adversarial, 1);
  if (adversarialMs > baselineMs * maxRatio) adversarialMs = bestOfMs(adversarial, 2);
  const ratio = adversarialMs / baselineMs;
  expect(
    ratio,
    `adversarial ${adversarialMs.toFixed(1)} ms vs baseline ${baselineMs.toFixed(1)} ms`,
  ).toBeLessThanOrEqual(maxRatio);
  return { baselineMs, adversarialMs, ratio };
}
