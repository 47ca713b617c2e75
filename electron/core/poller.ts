// Runs polls on a timer: one at a time, never overlapping, at 0.5/1/2/5/10 s. A poll that fails
// (a /proc read error, the worker died) becomes a warning in the status and polling goes on; the
// next good poll clears it.
import type { PollIntervalMs, PollStatus } from '../../shared/model';
import type { PollResult, PollSource } from './poll-source';

export interface PollerOptions {
  source: PollSource;
  intervalMs: PollIntervalMs;
  paused: boolean;
  /** Called after every poll, with the result (null when it failed) and the new status. */
  onPoll(result: PollResult | null, status: PollStatus): void;
}

export class Poller {
  private readonly source: PollSource;
  private readonly onPoll: PollerOptions['onPoll'];
  private state: PollStatus;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private inFlight: Promise<void> | null = null;
  /** A refreshNow that arrived during a poll: one more poll after it, shared by every caller. */
  private followUp: Promise<void> | null = null;
  /** performance.now() when the last poll started: the interval counts from poll start. */
  private lastStart = 0;
  private lastFailure: Error | null = null;

  constructor(options: PollerOptions) {
    this.source = options.source;
    this.onPoll = options.onPoll;
    this.state = {
      at: null,
      durationMs: null,
      intervalMs: options.intervalMs,
      paused: options.paused,
      malformedLines: 0,
      privileged: false,
      warnings: [],
    };
  }

  /** Why the last poll failed, or null when it succeeded (the CLI exits non-zero on it). */
  lastError(): Error | null {
    return this.lastFailure;
  }

  status(): PollStatus {
    return { ...this.state, warnings: [...this.state.warnings] };
  }

  /** Poll once now (even when paused: the first table), then keep polling unless paused. */
  async start(): Promise<void> {
    this.running = true;
    await this.refreshNow();
  }

  /** No more polls; waits for one in flight. Does not close the source. */
  async stop(): Promise<void> {
    this.running = false;
    this.clearTimer();
    await (this.followUp ?? this.inFlight);
  }

  setInterval(intervalMs: PollIntervalMs): void {
    this.state.intervalMs = intervalMs;
    // Reschedule from the last poll's start, so 10 s -> 0.5 s takes effect at once.
    if (this.running && !this.inFlight) this.schedule();
  }

  setPaused(paused: boolean): void {
    this.state.paused = paused;
    if (paused) this.clearTimer();
    else if (this.running && !this.inFlight) this.schedule();
  }

  /**
   * Poll at once. When a poll is already running, one more poll follows it (it may have read the
   * OS before the action that asked for this refresh); every caller in the meantime shares it.
   */
  refreshNow(): Promise<void> {
    if (!this.inFlight) return this.runPoll();
    this.followUp ??= this.inFlight.then(() => {
      this.followUp = null;
      return this.runPoll();
    });
    return this.followUp;
  }

  private runPoll(): Promise<void> {
    this.clearTimer();
    const started = performance.now();
    this.lastStart = started;
    const poll = this.source.poll().then(
      (result) => {
        this.lastFailure = null;
        this.state = {
          ...this.state,
          at: result.at,
          durationMs: result.durationMs,
          malformedLines: result.malformedLines,
          privileged: result.privileged,
          warnings: [...result.warnings],
        };
        return result;
      },
      (error: unknown) => {
        this.lastFailure = error instanceof Error ? error : new Error(String(error));
        const message = this.lastFailure.message;
        this.state = {
          ...this.state,
          at: Date.now(),
          durationMs: performance.now() - started,
          warnings: [`The last poll failed: ${message}`],
        };
        return null;
      },
    );
    const done = poll
      .then((result) => {
        try {
          this.onPoll(result, this.status());
        } catch (error) {
          // A consumer's failure (e.g. a closed window) must not stop polling.
          console.error('Portscope: handling a poll failed:', error);
        }
      })
      .finally(() => {
        this.inFlight = null;
        if (this.running && !this.followUp) this.schedule();
      });
    this.inFlight = done;
    return done;
  }

  private schedule(): void {
    this.clearTimer();
    if (this.state.paused || !this.running) return;
    const interval = this.state.intervalMs;
    // Polls start every `interval`; when a poll takes longer than that, still leave a tenth of
    // the interval free so a slow machine is not kept busy polling back to back.
    const sinceStart = performance.now() - this.lastStart;
    const delay = Math.max(interval - sinceStart, interval / 10);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.refreshNow();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
