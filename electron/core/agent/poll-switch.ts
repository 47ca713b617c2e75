// Where the window's polls come from: its own unprivileged source (the poll worker, or this
// thread), or the elevated agent once the person chose "Show all processes…". The backend talks
// to this one object either way. Switching keeps the table: the new side's first, whole table is
// turned into a delta against the rows already shown (rows still there are updates that keep
// their "first seen" time, rows gone are removals), so nothing flashes as new and nothing is
// lost. If the agent dies, polling goes back to the unprivileged source with a note in the
// status; nothing else changes.
import type {
  Connection,
  ConnectionDelta,
  PollIntervalMs,
  PollStatus,
} from '../../../shared/model';
import type { ConnectionTableView } from '../context';
import type { PollResult, PollSource } from '../poll-source';
import { Poller } from '../poller';
import type { AgentConnection } from './agent-client';
import { AgentPoller, type PollControl } from './agent-poller';

/**
 * A whole table (every row of a fresh source) as a delta against what `table` shows. Rows the
 * table has keep their firstSeen: the connection was seen then, whoever reads it now.
 */
export function rebaseOnTable(
  table: ConnectionTableView,
  rows: readonly Connection[],
): ConnectionDelta {
  const seen = new Set<string>();
  const added: Connection[] = [];
  const updated: Connection[] = [];
  for (const row of rows) {
    seen.add(row.id);
    const known = table.get(row.id);
    if (known) updated.push({ ...row, firstSeen: known.firstSeen });
    else added.push(row);
  }
  const removed: string[] = [];
  for (const row of table.rows()) if (!seen.has(row.id)) removed.push(row.id);
  return { added, updated, removed };
}

/** The status note while the agent is not running after it stopped. */
export function agentStoppedNote(reason: string): string {
  return (
    `Showing only what Portscope can see as you: ${reason}. Other users' sockets show as ` +
    'owner unknown again; "Show all processes…" starts the agent again.'
  );
}

export interface PollSwitchOptions {
  /** A new unprivileged poll source (at start, and again when the agent stops). */
  openLocalSource(): PollSource;
  intervalMs: PollIntervalMs;
  paused: boolean;
  onPoll(result: PollResult | null, status: PollStatus): void;
  /** The rows the window shows, to rebase a new side's first table on. */
  table: ConnectionTableView;
  log?(message: string): void;
}

interface LocalSide {
  poller: Poller;
  source: PollSource;
}

export class PollSwitch implements PollControl {
  private local: LocalSide | null;
  private agent: { poller: AgentPoller; connection: AgentConnection } | null = null;
  /** Said in every status until the agent runs again. */
  private note: string | null = null;
  private intervalMs: PollIntervalMs;
  private paused: boolean;
  private running = false;
  private stopped = false;

  constructor(private readonly options: PollSwitchOptions) {
    this.intervalMs = options.intervalMs;
    this.paused = options.paused;
    this.local = this.openLocal(false);
  }

  /** The agent, while it is the source of polls (kill and close go through it then). */
  agentConnection(): AgentConnection | null {
    return this.agent?.connection ?? null;
  }

  status(): PollStatus {
    return this.active().status();
  }

  lastError(): Error | null {
    return this.active().lastError();
  }

  async start(): Promise<void> {
    this.running = true;
    await this.active().start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.running = false;
    const agent = this.agent;
    this.agent = null;
    await agent?.poller.stop();
    const local = this.local;
    this.local = null;
    if (local) {
      await local.poller.stop();
      await local.source.close();
    }
  }

  setInterval(intervalMs: PollIntervalMs): void {
    this.intervalMs = intervalMs;
    this.active().setInterval(intervalMs);
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.active().setPaused(paused);
  }

  refreshNow(): Promise<void> {
    return this.active().refreshNow();
  }

  /**
   * Make the agent the source of polls: stop the local side, start the agent's polling, and
   * resolve once its first table is applied. Rejects (and polls locally again) when the agent
   * stops before that.
   */
  async useAgent(connection: AgentConnection): Promise<void> {
    if (this.stopped) {
      connection.close();
      throw new Error('Portscope is shutting down.');
    }
    const previous = this.active().status();
    const local = this.local;
    this.local = null;
    if (local) {
      await local.poller.stop();
      await local.source.close();
    }
    const poller = new AgentPoller(connection, {
      intervalMs: this.intervalMs,
      paused: this.paused,
      initialStatus: previous,
      onPoll: this.options.onPoll,
      rebase: (rows) => rebaseOnTable(this.options.table, rows),
      onEnd: (reason) => this.fallBack(reason),
      log: this.options.log,
    });
    this.agent = { poller, connection };
    this.note = null;
    await poller.start();
  }

  private active(): PollControl {
    const side = this.agent?.poller ?? this.local?.poller;
    if (!side) throw new Error('Polling has stopped.');
    return side;
  }

  /** The agent went away: poll as the person again, at once, from a fresh source. */
  private fallBack(reason: string): void {
    if (this.stopped || !this.agent) return;
    this.agent = null;
    this.note = agentStoppedNote(reason);
    this.options.log?.(`${reason}; polling without it`);
    this.local = this.openLocal(true);
    if (this.running) void this.local.poller.start();
  }

  /** A local poller over a fresh source; `rebase`: its first table is a delta on the table. */
  private openLocal(rebase: boolean): LocalSide {
    const source = this.options.openLocalSource();
    let rebaseNext = rebase;
    const noted: PollSource = {
      get kind() {
        return source.kind;
      },
      poll: async () => {
        const result = await source.poll();
        let delta = result.delta;
        if (rebaseNext) {
          rebaseNext = false;
          delta = rebaseOnTable(this.options.table, [...delta.added, ...delta.updated]);
        }
        const warnings = this.note ? [...result.warnings, this.note] : result.warnings;
        return { ...result, delta, warnings };
      },
      close: () => source.close(),
    };
    const poller = new Poller({
      source: noted,
      intervalMs: this.intervalMs,
      paused: this.paused,
      onPoll: this.options.onPoll,
    });
    return { poller, source: noted };
  }
}
