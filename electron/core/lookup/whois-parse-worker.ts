// Entry of the reply-parser worker thread (built to out/main/whois-parse-worker.js, see
// electron.vite.config.ts): whois and RDAP replies are outside text of up to maxResponseBytes
// (16 MB at most), so they are read here rather than on the thread that serves the window.
// The parent (reply-parser.ts) ends this thread when a reply takes too long.
import { parentPort } from 'node:worker_threads';
import { answerReplyRequest, type ReplyRequest, type ReplyWorkerReady } from './reply-reading';

const port = parentPort;
if (!port) throw new Error('whois-parse-worker.js must run as a worker thread');
port.on('message', (request: ReplyRequest) => port.postMessage(answerReplyRequest(request)));
// Loaded: from now on a failure is a reply's doing, not a worker that cannot run here.
port.postMessage({ ready: true } satisfies ReplyWorkerReady);
