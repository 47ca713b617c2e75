// Where polls come from. The app polls in a worker thread (worker-poll-source.ts) so the main
// process's event loop stays free for IPC and the window; the CLI and tests poll on the calling
// thread (in-process). Both run electron/core/poll-pipeline.ts and hand back the same PollResult.
import type { PlatformBackend } from '../platform/types';
import { createPollPipeline, type PollResult } from './poll-pipeline';

export type { PollResult } from './poll-pipeline';

export interface PollSource {
  readonly kind: 'worker' | 'in-process';
  /** One poll. Rejects when the read fails (the poller turns that into a warning). */
  poll(): Promise<PollResult>;
  close(): Promise<void>;
}

export function createInProcessPollSource(platform: PlatformBackend): PollSource {
  const pipeline = createPollPipeline(platform);
  return {
    kind: 'in-process',
    poll: () => pipeline.poll(),
    close: async () => pipeline.reset(),
  };
}
