// Messages between the main thread (worker-poll-source.ts) and the poll worker (poll-worker.ts).
// Only deltas cross: after the first poll a steady table costs a few rows per message, not 10,000.
import type { PollResult } from './poll-pipeline';

export type ToPollWorker = { type: 'poll'; id: number } | { type: 'close' };

export type FromPollWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: PollResult }
  | { type: 'error'; id: number; message: string }
  /** The worker could not start (no platform backend for this OS …). */
  | { type: 'fatal'; message: string };
