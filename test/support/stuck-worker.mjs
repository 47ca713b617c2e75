// A worker thread that never answers: it spins on the first message it gets, as a parser caught
// in a catastrophic pattern would (for the reply-parser time limit, test/integration).
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => {
  for (;;) {
    // busy forever, until the parent terminates the thread
  }
});
