// The last minute of send/receive rates, per key (a connection's id, a process's key), for the
// live chart in Properties. Rates arrive with each poll for the rows that changed; a row that
// did not change kept its rate, so a series is a list of change points read as steps. Only keys
// whose rates are known are kept, and points older than the window are dropped as new ones come.

export interface RatePoint {
  /** Milliseconds since the epoch. */
  at: number;
  send: number;
  receive: number;
}

export const HISTORY_MS = 60_000;

export class RateHistory {
  private readonly series = new Map<string, RatePoint[]>();

  constructor(private readonly windowMs = HISTORY_MS) {}

  /** Note the rates of `key` at `at`; nulls (rate unknown) end the series. */
  record(key: string, at: number, send: number | null, receive: number | null): void {
    if (send === null && receive === null) {
      this.series.delete(key);
      return;
    }
    let points = this.series.get(key);
    if (!points) {
      points = [];
      this.series.set(key, points);
    }
    const last = points[points.length - 1];
    const point = { at, send: send ?? 0, receive: receive ?? 0 };
    // The same rates again: the step already says so.
    if (last && last.send === point.send && last.receive === point.receive && points.length > 1) {
      const beforeLast = points[points.length - 2]!;
      if (beforeLast.send === point.send && beforeLast.receive === point.receive) {
        last.at = at;
        return;
      }
    }
    points.push(point);
    this.prune(points, at);
  }

  forget(key: string): void {
    this.series.delete(key);
  }

  /** Drop series whose key is no longer live (called now and then, not per poll). */
  retain(isLive: (key: string) => boolean): void {
    for (const key of this.series.keys()) if (!isLive(key)) this.series.delete(key);
  }

  /**
   * The points within the window ending at `now`, oldest first; the value in force at the
   * window's start (from an older point) comes first, at the window's start.
   */
  pointsOf(key: string, now: number): RatePoint[] {
    const points = this.series.get(key);
    if (!points || points.length === 0) return [];
    const start = now - this.windowMs;
    const inside = points.filter((point) => point.at >= start && point.at <= now);
    const before = points.filter((point) => point.at < start).at(-1);
    return before ? [{ ...before, at: start }, ...inside] : inside;
  }

  get size(): number {
    return this.series.size;
  }

  private prune(points: RatePoint[], now: number): void {
    const start = now - this.windowMs;
    // Keep one point before the window: it says what the rate was when the window begins.
    let drop = 0;
    while (drop + 1 < points.length && points[drop + 1]!.at < start) drop += 1;
    if (drop > 0) points.splice(0, drop);
  }
}
