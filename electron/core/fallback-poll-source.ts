// The app polls in a worker thread; if that worker cannot run (a packaged build whose loader
// cannot reach the worker's module, a crash), polling must go on rather than leave a frozen
// table. This source starts with the worker and, when the worker itself fails (not when a poll
// inside it fails: that is an ordinary warning), switches for good to polling on this thread and
// says so in the status bar.
import type { ConnectionDelta } from '../../shared/model';
import type { PlatformBackend } from '../platform/types';
import type { PollResult } from './poll-pipeline';
import { createInProcessPollSource, type PollSource } from './poll-source';
import { WorkerUnavailableError } from './worker-poll-source';

/**
 * A new source's first poll reports every row as added. Against the rows the table already has,
 * that is: rows it knows are updates (no green flash), rows it has that are gone are removals.
 */
export function rebaseFullPoll(
  knownIds: ReadonlySet<string>,
  full: ConnectionDelta,
): ConnectionDelta {
  const seen = new Set<string>();
  const added = [];
  const updated = [...full.updated];
  for (const row of full.added) {
    seen.add(row.id);
    if (knownIds.has(row.id)) updated.push(row);
    else added.push(row);
  }
  for (const row of full.updated) seen.add(row.id);
  const removed = [...knownIds].filter((id) => !seen.has(id));
  return { added, updated, removed };
}

export function createFallbackPollSource(
  platform: PlatformBackend,
  startWorker: () => PollSource,
): PollSource {
  const knownIds = new Set<string>();
  let note: string | null = null;
  let rebaseNext = false;
  let active: PollSource;
  try {
    active = startWorker();
  } catch (error) {
    active = createInProcessPollSource(platform);
    note = fallbackNote(error);
  }

  const track = (result: PollResult): PollResult => {
    let delta = result.delta;
    if (rebaseNext) {
      delta = rebaseFullPoll(knownIds, delta);
      rebaseNext = false;
    }
    for (const row of delta.added) knownIds.add(row.id);
    for (const id of delta.removed) knownIds.delete(id);
    return {
      ...result,
      delta,
      warnings: note ? [...result.warnings, note] : result.warnings,
    };
  };

  return {
    get kind() {
      return active.kind;
    },
    async poll() {
      try {
        return track(await active.poll());
      } catch (error) {
        if (!(error instanceof WorkerUnavailableError)) throw error;
        await active.close().catch(() => undefined);
        active = createInProcessPollSource(platform);
        note = fallbackNote(error);
        rebaseNext = knownIds.size > 0;
        return track(await active.poll());
      }
    },
    close: () => active.close(),
  };
}

function fallbackNote(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `Polling on the main thread (the window may stutter at many sockets): ${reason}`;
}
