// The window's poll control while the agent runs. The agent polls on its own timer and streams
// the results; this turns its messages into the same onPoll(result, status) calls the local
// Poller makes, and forwards interval, pause and "refresh now" to it. The backend cannot tell
// the two apart (poll-switch.ts chooses which one is active).
import type { ConnectionDelta, PollIntervalMs, PollStatus } from '../../../shared/model';
import type { PollResult } from '../poll-source';
import type { AgentConnection } from './agent-client';
import type { AgentRow } from './protocol';

/** What the backend drives, whichever side polls: the local Poller has the same methods. */
export interface PollControl {
  status(): PollStatus;
  lastError(): Error | null;
  start(): Promise<void>;
  stop(): Promise<void>;
  setInterval(intervalMs: PollIntervalMs): void;
  setPaused(paused: boolean): void;
  refreshNow(): Promise<void>;
}

export interface AgentPollerOptions {
  intervalMs: PollIntervalMs;
  paused: boolean;
  /** The status shown until the agent's first poll arrives. */
  initialStatus: PollStatus;
  onPoll(result: PollResult | null, status: PollStatus): void;
  /** A whole table from the agent, as a delta against the rows the window already shows. */
  rebase(rows: AgentRow[]): ConnectionDelta;
  /** The agent went away (not by stop()). */
  onEnd(reason: string): void;
  log?(message: string): void;
}

export class AgentPoller implements PollControl {
  private state: PollStatus;
  private failure: Error | null = null;
  private firstPoll: Promise<void>;
  private resolveFirst: () => void = () => {};
  private rejectFirst: (error: Error) => void = () => {};
  private stopped = false;
  private gone = false;

  constructor(
    private readonly connection: AgentConnection,
    private readonly options: AgentPollerOptions,
  ) {
    this.state = {
      ...options.initialStatus,
      intervalMs: options.intervalMs,
      paused: options.paused,
      warnings: [...options.initialStatus.warnings],
    };
    this.firstPoll = new Promise<void>((resolve, reject) => {
      this.resolveFirst = resolve;
      this.rejectFirst = reject;
    });
    // Handled by start()'s caller; do not let a rejection go unobserved meanwhile.
    this.firstPoll.catch(() => undefined);
  }

  status(): PollStatus {
    return { ...this.state, warnings: [...this.state.warnings] };
  }

  lastError(): Error | null {
    return this.failure;
  }

  /** Start the agent's polling; resolves once its first table has been applied. */
  async start(): Promise<void> {
    this.connection.begin(
      { intervalMs: this.options.intervalMs, paused: this.options.paused },
      {
        snapshot: (rows, status) => {
          this.apply(this.options.rebase(rows), status, rows.length);
          this.resolveFirst();
        },
        delta: (delta, status) => this.apply(delta, status, delta.total),
        status: (status, failure) => {
          this.failure = failure === null ? this.failure : new Error(failure);
          this.state = this.withLocalSettings(status);
          this.options.onPoll(null, this.status());
        },
        ended: (reason) => {
          this.gone = true;
          this.rejectFirst(
            new Error(`The Portscope agent stopped before its first poll: ${reason}.`),
          );
          if (!this.stopped) this.options.onEnd(reason);
        },
      },
    );
    await this.firstPoll;
  }

  /** Ends the agent (closing its pipe is what ends it). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.rejectFirst(new Error('Polling through the agent was stopped.'));
    this.connection.close();
  }

  setInterval(intervalMs: PollIntervalMs): void {
    this.state.intervalMs = intervalMs;
    this.send({ type: 'setInterval', intervalMs });
  }

  setPaused(paused: boolean): void {
    this.state.paused = paused;
    this.send({ type: 'setPaused', paused });
  }

  /** Poll at once; resolves after that poll's delta has been applied (or when the agent went). */
  async refreshNow(): Promise<void> {
    if (this.gone) return;
    try {
      await this.connection.request({ type: 'refresh' });
    } catch (error) {
      this.options.log?.(`refresh through the agent failed: ${String(error)}`);
    }
  }

  private send(
    body:
      { type: 'setInterval'; intervalMs: PollIntervalMs } | { type: 'setPaused'; paused: boolean },
  ) {
    if (this.gone) return;
    this.connection.request(body).catch((error: unknown) => {
      this.options.log?.(`${body.type} through the agent failed: ${String(error)}`);
    });
  }

  /** The agent's status, with the interval and pause the window set last (the agent follows). */
  private withLocalSettings(status: PollStatus): PollStatus {
    return { ...status, intervalMs: this.state.intervalMs, paused: this.state.paused };
  }

  private apply(delta: ConnectionDelta, status: PollStatus, total: number): void {
    this.failure = null;
    this.state = this.withLocalSettings(status);
    const result: PollResult = {
      delta,
      at: status.at ?? Date.now(),
      durationMs: status.durationMs ?? 0,
      malformedLines: status.malformedLines,
      privileged: status.privileged,
      warnings: status.warnings,
      total,
    };
    this.options.onPoll(result, this.status());
  }
}
