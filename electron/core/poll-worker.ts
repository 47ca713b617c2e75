// Entry of the poll worker thread (built to out/main/poll-worker.js, see electron.vite.config.ts).
// It owns its own platform backend (with its caches of inodes and processes) and the previous
// poll's rows, and answers each "poll" with the delta only. Polls are answered one at a time in
// order; the main side never sends a second before the first is answered.
import { parentPort, workerData } from 'node:worker_threads';
import { createPlatformBackend, isBackendName } from '../platform';
import { createPollPipeline } from './poll-pipeline';
import type { FromPollWorker, ToPollWorker } from './poll-worker-protocol';

const port = parentPort;
if (!port) throw new Error('poll-worker.js must run as a worker thread');

const post = (message: FromPollWorker) => port.postMessage(message);

try {
  // The backend the main thread chose (worker-poll-source.ts); the OS default when none came.
  const requested = (workerData as { backend?: unknown } | null)?.backend;
  const backend = typeof requested === 'string' && isBackendName(requested) ? requested : undefined;
  const pipeline = createPollPipeline(createPlatformBackend(backend));
  port.on('message', (message: ToPollWorker) => {
    if (message.type === 'close') {
      port.close();
      return;
    }
    pipeline.poll().then(
      (result) => post({ type: 'result', id: message.id, result }),
      (error: unknown) =>
        post({
          type: 'error',
          id: message.id,
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
}
