// The poller with real timers at its shortest interval (0.5 s). Assertions count polls, never
// measure time.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PollStatus } from '../../shared/model';
import { Poller } from '../../electron/core/poller';
import type { PollResult, PollSource } from '../../electron/core/poll-source';

const result = (warnings: string[] = []): PollResult => ({
  delta: { added: [], updated: [], removed: [] },
  at: Date.now(),
  durationMs: 1,
  malformedLines: 2,
  privileged: true,
  warnings,
  total: 0,
});

/** A source whose polls finish when the test says so (or at once when `autoFinish`). */
function controlledSource(autoFinish = true) {
  let started = 0;
  const pending: ((value: PollResult | Error) => void)[] = [];
  let failNext: Error | null = null;
  const source: PollSource = {
    kind: 'in-process',
    poll() {
      started += 1;
      if (failNext) {
        const error = failNext;
        failNext = null;
        return Promise.reject(error);
      }
      if (autoFinish) return Promise.resolve(result());
      return new Promise((resolve, reject) =>
        pending.push((value) => (value instanceof Error ? reject(value) : resolve(value))),
      );
    },
    close: async () => {},
  };
  return {
    source,
    started: () => started,
    finishOne: (value: PollResult | Error = result()) => pending.shift()?.(value),
    pendingCount: () => pending.length,
    failNextWith: (error: Error) => (failNext = error),
  };
}

const pollers: Poller[] = [];
afterEach(async () => {
  await Promise.all(pollers.splice(0).map((poller) => poller.stop()));
});

function makePoller(source: PollSource, paused = false) {
  const seen: { ok: boolean; status: PollStatus }[] = [];
  const poller = new Poller({
    source,
    intervalMs: 500,
    paused,
    onPoll: (r, status) => seen.push({ ok: r !== null, status }),
  });
  pollers.push(poller);
  return { poller, seen };
}

describe('Poller', () => {
  it('polls once on start, then keeps polling on the interval', async () => {
    const control = controlledSource();
    const { poller, seen } = makePoller(control.source);
    await poller.start();
    expect(seen).toHaveLength(1);
    expect(seen[0].status).toMatchObject({ intervalMs: 500, paused: false, malformedLines: 2 });
    expect(seen[0].status.at).not.toBeNull();
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(3), { timeout: 5000 });
  });

  it('stops polling while paused, still refreshes on demand, and resumes', async () => {
    const control = controlledSource();
    const { poller, seen } = makePoller(control.source);
    await poller.start();
    poller.setPaused(true);
    expect(poller.status().paused).toBe(true);
    const count = seen.length;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(seen.length).toBe(count);

    await poller.refreshNow();
    expect(seen.length).toBe(count + 1);

    poller.setPaused(false);
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(count + 3), {
      timeout: 5000,
    });
  });

  it('starting paused still gives the first table, and no timer keeps running', async () => {
    const control = controlledSource();
    const { poller, seen } = makePoller(control.source, true);
    await poller.start();
    expect(seen).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(control.started()).toBe(1);
  });

  it('coalesces refreshNow calls during a poll into one follow-up poll', async () => {
    const control = controlledSource(false);
    const { poller, seen } = makePoller(control.source, true);
    const first = poller.start();
    expect(control.started()).toBe(1);
    const a = poller.refreshNow();
    const b = poller.refreshNow();
    const c = poller.refreshNow();
    expect(b).toBe(a);
    expect(c).toBe(a);
    // No second read while the first is running.
    expect(control.started()).toBe(1);
    control.finishOne();
    await first;
    await vi.waitFor(() => expect(control.pendingCount()).toBe(1));
    expect(control.started()).toBe(2);
    control.finishOne();
    await Promise.all([a, b, c]);
    expect(seen).toHaveLength(2);
    expect(control.started()).toBe(2);
  });

  it('turns a failed poll into a warning, keeps polling, and clears it on success', async () => {
    const control = controlledSource();
    const { poller, seen } = makePoller(control.source, true);
    control.failNextWith(new Error('cannot read /proc/net/tcp'));
    await poller.start();
    expect(seen[0].ok).toBe(false);
    expect(seen[0].status.warnings).toEqual(['The last poll failed: cannot read /proc/net/tcp']);
    expect(poller.lastError()?.message).toBe('cannot read /proc/net/tcp');

    poller.setPaused(false);
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(2), { timeout: 5000 });
    expect(seen[1]).toMatchObject({ ok: true, status: { warnings: [] } });
    expect(poller.lastError()).toBeNull();
  });

  it('reports a changed interval in its status', async () => {
    const control = controlledSource();
    const { poller } = makePoller(control.source, true);
    await poller.start();
    poller.setInterval(10000);
    expect(poller.status().intervalMs).toBe(10000);
  });
});
