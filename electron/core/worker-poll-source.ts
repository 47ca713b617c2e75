// Poll source that runs each poll in a worker thread (poll-worker.ts). Reading /proc, building
// rows and diffing 10,000 sockets takes tens of milliseconds; here the main thread only receives
// the delta, so IPC and the window stay responsive while a poll runs.
import { fileExists } from './file-exists';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BackendName } from '../platform';
import type { PollResult } from './poll-pipeline';
import type { PollSource } from './poll-source';
import type { FromPollWorker, ToPollWorker } from './poll-worker-protocol';

/**
 * Where the built worker is. Bundled code may sit in out/main (entry) or out/main/chunks (shared
 * chunk); run from source (vitest) it is the build output of the repository.
 */
export function findPollWorkerFile(): string {
  const candidates = ['./poll-worker.js', '../poll-worker.js', '../../out/main/poll-worker.js'].map(
    (relative) => fileURLToPath(new URL(relative, import.meta.url)),
  );
  const found = candidates.find(fileExists);
  if (!found) {
    throw new Error(
      `The poll worker is not built (looked for ${candidates.join(', ')}). Run "npm run build".`,
    );
  }
  return found;
}

export interface WorkerPollSourceOptions {
  /** The built poll-worker.js; found next to this code (or in out/main) when omitted. */
  workerFile?: string;
  /** The platform backend the worker polls (the OS default when omitted). */
  backend?: BackendName;
}

/** The worker itself cannot run or has died (as opposed to one poll failing inside it). */
export class WorkerUnavailableError extends Error {
  override name = 'WorkerUnavailableError';
}

interface Waiter {
  resolve(result: PollResult): void;
  reject(error: Error): void;
}

export function createWorkerPollSource(options: WorkerPollSourceOptions = {}): PollSource {
  const worker = new Worker(options.workerFile ?? findPollWorkerFile(), {
    workerData: { backend: options.backend },
  });
  const waiters = new Map<number, Waiter>();
  let nextId = 1;
  let failure: Error | null = null;
  let closed = false;
  // A poll waits for the previous one: the worker holds the previous rows, so polls must be
  // answered in order, and there is no gain in reading /proc twice at once.
  let queue: Promise<unknown> = Promise.resolve();

  const failAll = (error: Error) => {
    failure = error;
    for (const waiter of waiters.values()) waiter.reject(error);
    waiters.clear();
  };

  worker.on('message', (message: FromPollWorker) => {
    if (message.type === 'result' || message.type === 'error') {
      const waiter = waiters.get(message.id);
      if (!waiter) return;
      waiters.delete(message.id);
      if (message.type === 'result') waiter.resolve(message.result);
      else waiter.reject(new Error(message.message));
    } else if (message.type === 'fatal') {
      failAll(new WorkerUnavailableError(`The poll worker could not start: ${message.message}`));
    }
  });
  worker.on('error', (error) =>
    failAll(new WorkerUnavailableError(`The poll worker failed: ${error.message}`)),
  );
  worker.on('exit', (code) => {
    if (!closed) {
      failAll(
        new WorkerUnavailableError(`The poll worker stopped unexpectedly (exit code ${code}).`),
      );
    }
  });

  const pollOnce = () =>
    new Promise<PollResult>((resolve, reject) => {
      if (failure) return reject(failure);
      if (closed) return reject(new Error('The poll worker is closed.'));
      const id = nextId++;
      waiters.set(id, { resolve, reject });
      worker.postMessage({ type: 'poll', id } satisfies ToPollWorker);
    });

  return {
    kind: 'worker',
    poll() {
      const result = queue.then(pollOnce, pollOnce);
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      if (closed) return;
      closed = true;
      failAll(new Error('The poll worker is closed.'));
      await worker.terminate();
    },
  };
}
