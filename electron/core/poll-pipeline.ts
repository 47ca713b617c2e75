// One poll, start to finish: platform read -> rows -> diff against the previous poll (the same
// delta shared/diff.ts's diffConnections finds, made in the same pass as the rows).
// The same code runs on the calling thread (in-process source: CLI, tests) and inside the poll
// worker (worker source: the app), so the two can never disagree about what a delta is.
import { capCommandLine } from '../../shared/command-line-cap';
import type { Connection, ConnectionDelta, ProcessInfo } from '../../shared/model';
import type { PlatformBackend } from '../platform/types';
import { RowKeyCache } from './row-identity';
import { toConnections, type UserNameOf } from './to-connection';

/** What one poll produces: the raw delta (enriched fields null) and how the read went. */
export interface PollResult {
  delta: ConnectionDelta;
  /** Completion time, ms since the epoch. */
  at: number;
  durationMs: number;
  malformedLines: number;
  privileged: boolean;
  warnings: string[];
  /** Rows in the table after this poll. */
  total: number;
}

export interface PollPipeline {
  poll(): Promise<PollResult>;
  /** Forget the previous poll: the next poll reports every row as added. */
  reset(): void;
}

/**
 * Each process's command line as stored (shared/command-line-cap.ts), whichever backend read it:
 * the cap holds for every OS here, once per process per poll.
 */
export function capProcesses(
  processes: ReadonlyMap<number, ProcessInfo>,
): ReadonlyMap<number, ProcessInfo> {
  let capped: Map<number, ProcessInfo> | null = null;
  for (const [pid, info] of processes) {
    const commandLine = capCommandLine(info.commandLine);
    if (commandLine === info.commandLine) continue;
    // A copy, only when something is cut: a backend may keep its map between reads.
    capped ??= new Map(processes);
    capped.set(pid, { ...info, commandLine });
  }
  return capped ?? processes;
}

export function createPollPipeline(platform: PlatformBackend): PollPipeline {
  let previous = new Map<string, Connection>();
  // When the previous read finished, by the monotonic clock: rates divide by the time between
  // two reads, which a wall-clock step (NTP, suspend, a person setting the time) must not bend.
  let previousReadAt: number | null = null;
  const rowKeys = new RowKeyCache();
  const userNameOf: UserNameOf | undefined = platform.userName
    ? (uid) => platform.userName!(uid)
    : undefined;

  return {
    async poll() {
      const started = performance.now();
      const read = await platform.readSockets();
      const readAt = performance.now();
      const now = Date.now();
      // The delta is found while the rows are made (toConnections knows which it rebuilt), which
      // spares a second pass over 10,000 rows; removed ids are the previous ones not seen again.
      const delta: ConnectionDelta = { added: [], updated: [], removed: [] };
      const rows = toConnections(
        read.sockets,
        capProcesses(read.processes),
        previous,
        now,
        userNameOf,
        {
          secondsSincePrevious: previousReadAt === null ? null : (readAt - previousReadAt) / 1000,
          rowKeys,
          delta,
        },
      );
      const next = new Map<string, Connection>();
      for (const row of rows) next.set(row.id, row);
      if (next.size - delta.added.length !== previous.size) {
        for (const id of previous.keys()) if (!next.has(id)) delta.removed.push(id);
      }
      previous = next;
      previousReadAt = readAt;
      return {
        delta,
        at: Date.now(),
        durationMs: performance.now() - started,
        malformedLines: read.malformedLines,
        privileged: read.privileged,
        warnings: read.warnings,
        total: next.size,
      };
    },
    reset() {
      previous = new Map();
      previousReadAt = null;
    },
  };
}
