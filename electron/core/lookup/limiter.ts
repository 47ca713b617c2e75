// Bounds on outgoing lookups: at most N at once (the rest wait in line, first come first served),
// and a minimum gap between two queries to the same server, because registries rate-limit and
// block clients that hammer them (ARIN: https://www.arin.net/resources/registry/whois/rws/api/).

export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly waiting: number;
}

export function createLimiter(maxInFlight: () => number): Limiter {
  let active = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    while (active < Math.max(1, maxInFlight()) && queue.length > 0) {
      active += 1;
      queue.shift()!();
    }
  };
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push(() => {
          task()
            .then(resolve, reject)
            .finally(() => {
              active -= 1;
              next();
            });
        });
        next();
      });
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
  };
}

/** Spaces queries to the same server by at least `intervalMs`, in the order they were asked. */
export function createServerPacer(intervalMs: () => number, now: () => number = Date.now) {
  const nextSlot = new Map<string, number>();
  return {
    async wait(server: string): Promise<void> {
      const gap = intervalMs();
      const at = Math.max(now(), nextSlot.get(server) ?? 0);
      nextSlot.set(server, at + gap);
      const delay = at - now();
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      if (nextSlot.size > 1000) nextSlot.clear(); // a bound on memory; pacing restarts
    },
  };
}
