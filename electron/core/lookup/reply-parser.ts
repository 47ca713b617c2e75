// Whois and RDAP replies are read off the main thread (issue 13.3): a reply is outside text of up
// to maxResponseBytes, and the thread that serves the window and the poll must never wait on it.
// One worker (whois-parse-worker.ts) is started on the first reply, kept while lookups come, and
// ended after a quiet minute; a reply that takes longer than the time limit ends it at once (the
// next reply starts a fresh one). When no worker can start at all (the built worker missing, a
// packaged app that cannot load it), replies are read in-process: the parsers are linear, so
// that costs time in proportion to the reply, never a stall.
import { fileExists } from '../file-exists';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  answerReplyRequest,
  type RdapReading,
  type ReplyAnswer,
  type ReplyRequest,
  type ReplyWorkerReady,
  type WhoisReplyReading,
} from './reply-reading';

export interface ReplyParser {
  whois(text: string): Promise<WhoisReplyReading>;
  /** Throws MalformedJsonError or RdapFormatError (by name) for a reply that is no ip network. */
  rdap(body: string, serverHost: string | null): Promise<RdapReading>;
  /** Ends the worker (a later reply starts another). */
  dispose(): Promise<void>;
}

/** A reply that could not be read in time, or whose reading ended the worker. */
export class ReplyParseError extends Error {
  override name = 'ReplyParseError';
}

/** A reply takes a few milliseconds per megabyte to read; this much time means something is wrong. */
export const REPLY_PARSE_TIMEOUT_MS = 10_000;
const IDLE_MS = 60_000;
/** Heap for the worker: a 16 MB reply and what is read from it fit many times over. */
const WORKER_HEAP_MB = 256;

/** Reads replies in this thread (tests, and the fallback when no worker can start). */
export function createInlineReplyParser(): ReplyParser {
  let nextId = 1;
  const run = (request: ReplyRequest) => Promise.resolve(settle(answerReplyRequest(request)));
  return {
    whois: (text) => run({ id: nextId++, kind: 'whois', text }) as Promise<WhoisReplyReading>,
    rdap: (text, serverHost) =>
      run({ id: nextId++, kind: 'rdap', text, serverHost }) as Promise<RdapReading>,
    dispose: async () => undefined,
  };
}

/** An answer's value, or its error rebuilt with the name it had in the worker. */
function settle(answer: ReplyAnswer): WhoisReplyReading | RdapReading {
  if (answer.ok) return answer.value;
  const error = new Error(answer.message);
  error.name = answer.name;
  throw error;
}

/** The built worker: next to this code in out/main (or its chunks), or in out/main from source. */
export function findReplyWorkerFile(): string | null {
  const candidates = [
    './whois-parse-worker.js',
    '../whois-parse-worker.js',
    '../../../out/main/whois-parse-worker.js',
  ].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));
  return candidates.find(fileExists) ?? null;
}

interface Pending {
  request: ReplyRequest;
  resolve(value: WhoisReplyReading | RdapReading): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export interface WorkerReplyParserOptions {
  /** The built whois-parse-worker.js; found by findReplyWorkerFile when omitted. */
  workerFile?: string | null;
  timeoutMs?: number;
  idleMs?: number;
}

export function createWorkerReplyParser(options: WorkerReplyParserOptions = {}): ReplyParser {
  const timeoutMs = options.timeoutMs ?? REPLY_PARSE_TIMEOUT_MS;
  const idleMs = options.idleMs ?? IDLE_MS;
  const inline = createInlineReplyParser();
  const pending = new Map<number, Pending>();
  let worker: Worker | null = null;
  /** The worker's code has loaded (its first message): later failures are a reply's doing. */
  let loaded = false;
  /** Set when no worker can start here: every reply is read in-process from then on. */
  let unavailable = false;
  let idleTimer: NodeJS.Timeout | null = null;
  let nextId = 1;

  const stopIdleTimer = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
  };

  /** Keep the process alive only while a reply is being read (the CLI exits when idle). */
  const updateRef = () => {
    if (!worker) return;
    if (pending.size > 0) {
      stopIdleTimer();
      worker.ref();
      return;
    }
    worker.unref();
    stopIdleTimer();
    idleTimer = setTimeout(() => void endWorker(), idleMs);
    idleTimer.unref();
  };

  const endWorker = async () => {
    stopIdleTimer();
    const ending = worker;
    worker = null;
    loaded = false;
    await ending?.terminate();
  };

  /** Every waiting reply fails (the worker died) or, when it never started, is read in-process. */
  const failAll = (error: Error, neverStarted: boolean) => {
    const waiting = [...pending.values()];
    pending.clear();
    for (const entry of waiting) {
      clearTimeout(entry.timer);
      if (neverStarted) {
        inlineAnswer(entry.request).then(entry.resolve, entry.reject);
      } else {
        entry.reject(new ReplyParseError(`the reply could not be read: ${error.message}`));
      }
    }
  };

  const inlineAnswer = (request: ReplyRequest) =>
    request.kind === 'whois'
      ? inline.whois(request.text)
      : inline.rdap(request.text, request.serverHost);

  const start = (): Worker | null => {
    if (worker) return worker;
    if (unavailable) return null;
    const file = options.workerFile === undefined ? findReplyWorkerFile() : options.workerFile;
    if (file === null) {
      unavailable = true;
      return null;
    }
    let started: Worker;
    try {
      started = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    } catch {
      unavailable = true;
      return null;
    }
    worker = started;
    loaded = false;
    started.on('message', (answer: ReplyAnswer | ReplyWorkerReady) => {
      if ('ready' in answer) {
        if (worker === started) loaded = true;
        return;
      }
      const entry = pending.get(answer.id);
      if (!entry) return;
      pending.delete(answer.id);
      clearTimeout(entry.timer);
      try {
        entry.resolve(settle(answer));
      } catch (error) {
        entry.reject(error as Error);
      }
      updateRef();
    });
    const lost = (error: Error) => {
      if (worker !== started) return;
      const neverStarted = !loaded;
      if (neverStarted) unavailable = true;
      worker = null;
      loaded = false;
      stopIdleTimer();
      failAll(error, neverStarted);
    };
    started.on('error', lost);
    started.on('exit', (code) => lost(new Error(`the reader stopped (exit code ${code})`)));
    return started;
  };

  const ask = (request: ReplyRequest): Promise<WhoisReplyReading | RdapReading> => {
    const running = start();
    if (!running) return inlineAnswer(request);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(request.id);
        reject(
          new ReplyParseError(
            `reading the reply took longer than ${timeoutMs / 1000} s and was stopped`,
          ),
        );
        // The worker may be stuck in this reply: end it; the next reply starts a fresh one.
        if (worker === running) {
          worker = null;
          loaded = false;
          const others = [...pending.values()];
          pending.clear();
          void running.terminate();
          for (const entry of others) {
            clearTimeout(entry.timer);
            void ask(entry.request).then(entry.resolve, entry.reject);
          }
        }
      }, timeoutMs);
      pending.set(request.id, { request, resolve, reject, timer });
      updateRef();
      running.postMessage(request);
    });
  };

  return {
    whois: (text) => ask({ id: nextId++, kind: 'whois', text }) as Promise<WhoisReplyReading>,
    rdap: (text, serverHost) =>
      ask({ id: nextId++, kind: 'rdap', text, serverHost }) as Promise<RdapReading>,
    dispose: endWorker,
  };
}
