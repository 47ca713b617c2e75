// The window's end of the agent's pipes: start it (the password prompt happens here), check it
// speaks our protocol, then pass its snapshot, deltas and status on, and send it requests with
// ids. What the agent sends is validated like anything else that crosses a trust boundary; a
// message that cannot be used is answered with an error, and since it may have been a delta the
// window now lacks, the whole table is asked for again.
import {
  AgentCancelled,
  type AgentLauncher,
  type AgentProcess,
  type ProcessExit,
} from './agent-process';
import { openMessageChannel, type MessageChannel } from './message-channel';
import {
  AGENT_PROTOCOL_VERSION,
  MAX_FROM_AGENT_BYTES,
  fromAgentSchema,
  type AgentRequestBody,
  type AgentRow,
  type FromAgent,
  type ToAgent,
} from './protocol';
import type { PollIntervalMs, PollStatus } from '../../../shared/model';

export interface AgentEvents {
  /** The whole table (the first poll, or after a snapshot request). */
  snapshot(rows: AgentRow[], status: PollStatus): void;
  delta(
    delta: { added: AgentRow[]; updated: AgentRow[]; removed: string[]; total: number },
    status: PollStatus,
  ): void;
  /** A status change without rows: a failed poll (with its reason), a pause, a new interval. */
  status(status: PollStatus, failure: string | null): void;
  /** The agent is gone (exited, killed, its pipe closed); `reason` says how. */
  ended(reason: string): void;
}

type Answer = Extract<FromAgent, { type: 'reply' } | { type: 'actionResult' }>;

export interface AgentConnection {
  readonly pid: number;
  readonly uid: number;
  /** Start the agent's polling; its messages go to `events` from now on. */
  begin(settings: { intervalMs: PollIntervalMs; paused: boolean }, events: AgentEvents): void;
  /** Send a request; resolves with its answer, rejects when the agent refuses it or goes away. */
  request(body: AgentRequestBody): Promise<Answer>;
  /** End the agent (its input closes; it exits). */
  close(): void;
  readonly ended: boolean;
}

/** The agent went away before answering. */
export class AgentGone extends Error {
  override name = 'AgentGone';
}

export interface ConnectOptions {
  /** Problems worth a line in the log (a broken message from the agent …). */
  log?(message: string): void;
  /** How long to wait for the exit code once the agent's pipe closed. */
  exitWaitMs?: number;
  /** How long a request may go unanswered (its answer may have been lost in a broken frame). */
  requestTimeoutMs?: number;
  /** Give up (the app is quitting): an open password prompt is withdrawn. */
  signal?: AbortSignal;
}

/** How an exit reads in a sentence: "exit code 1", "killed by SIGKILL". */
export function describeExit(exit: ProcessExit): string {
  if (exit.error) return `could not be started: ${exit.error}`;
  if (exit.signal) return `killed by ${exit.signal}`;
  return `exit code ${exit.code ?? 'unknown'}`;
}

function lastLine(text: string): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.length > 0 ? lines[lines.length - 1]!.trim() : '';
}

/**
 * Launch the agent and wait for its hello (as long as the password prompt stays open). Rejects
 * with AgentCancelled when the prompt was dismissed, or an error saying why it could not start.
 */
export function connectAgent(
  launcher: AgentLauncher,
  options: ConnectOptions = {},
): Promise<AgentConnection> {
  const log = options.log ?? (() => undefined);
  const agent: AgentProcess = launcher.launch();
  const pending = new Map<number, { resolve(answer: Answer): void; reject(error: Error): void }>();
  let nextId = 1;
  let events: AgentEvents | null = null;
  let hello: { pid: number; uid: number } | null = null;
  let ended = false;
  let resyncing = false;
  /** The parts of a snapshot received so far (null between snapshots). */
  let snapshotParts: AgentRow[][] | null = null;
  /** Another message was lost while a resync was on its way: ask again once it is answered. */
  let resyncAgain = false;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;

  return new Promise<AgentConnection>((resolveConnect, rejectConnect) => {
    const fail = (error: Error) => {
      rejectConnect(error);
      agent.stop();
    };
    options.signal?.addEventListener(
      'abort',
      () => {
        if (!hello) fail(new Error('Portscope is closing: the agent was not started.'));
      },
      { once: true },
    );
    let channel: MessageChannel<ToAgent> | null = null;
    const send = (message: ToAgent) => channel?.send(message) ?? false;

    const resync = () => {
      if (!events || ended) return;
      if (resyncing) {
        resyncAgain = true;
        return;
      }
      resyncing = true;
      resyncAgain = false;
      const settled = () => {
        resyncing = false;
        if (resyncAgain) resync();
      };
      connection.request({ type: 'snapshot' }).then(settled, settled);
    };

    const onMessage = (message: FromAgent) => {
      switch (message.type) {
        case 'hello':
          if (hello) {
            log('the agent said hello twice');
            return;
          }
          if (message.protocol !== AGENT_PROTOCOL_VERSION) {
            send({
              type: 'error',
              id: null,
              message: `This window speaks agent protocol ${AGENT_PROTOCOL_VERSION}, not ${message.protocol}.`,
            });
            fail(
              new Error(
                `The Portscope agent speaks protocol ${message.protocol}; this window speaks ` +
                  `${AGENT_PROTOCOL_VERSION}. Install the same version of Portscope for both.`,
              ),
            );
            return;
          }
          hello = { pid: message.pid, uid: message.uid };
          resolveConnect(connection);
          return;
        case 'snapshot': {
          // A snapshot comes in parts, back to back; a part out of order means one was lost.
          if (message.part === 0) snapshotParts = [];
          else if (snapshotParts === null || message.part !== snapshotParts.length) {
            snapshotParts = null;
            log(`the agent's snapshot part ${message.part} came out of order`);
            resync();
            return;
          }
          snapshotParts.push(message.rows);
          if (message.more) return;
          const rows = snapshotParts.flat();
          snapshotParts = null;
          events?.snapshot(rows, message.status);
          return;
        }
        case 'delta':
          events?.delta(message, message.status);
          return;
        case 'status':
          events?.status(message.status, message.failure);
          return;
        case 'reply':
        case 'actionResult': {
          const waiter = pending.get(message.id);
          if (!waiter) {
            log(`the agent answered request ${message.id}, which is not waiting`);
            return;
          }
          pending.delete(message.id);
          waiter.resolve(message);
          return;
        }
        case 'error': {
          const waiter = message.id === null ? undefined : pending.get(message.id);
          if (waiter && message.id !== null) {
            pending.delete(message.id);
            waiter.reject(new Error(message.message));
          } else {
            log(`the agent reported: ${message.message}`);
          }
          return;
        }
      }
    };

    const onEnd = async () => {
      if (ended) return;
      const exit = await Promise.race([
        agent.exited,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), options.exitWaitMs ?? 2000)),
      ]);
      ended = true;
      const detail = lastLine(agent.stderrTail());
      if (!hello) {
        fail(
          exit
            ? launcher.earlyExit(exit, agent.stderrTail())
            : new Error(
                `The agent closed its output before it started${detail ? `: ${detail}` : '.'}`,
              ),
        );
        return;
      }
      const reason =
        `the agent (pid ${hello.pid}) stopped` +
        (exit ? ` (${describeExit(exit)})` : '') +
        (detail ? `: ${detail}` : '');
      for (const waiter of pending.values()) waiter.reject(new AgentGone(`${reason}.`));
      pending.clear();
      events?.ended(reason);
    };

    channel = openMessageChannel<FromAgent, ToAgent>({
      input: agent.output,
      output: agent.input,
      schema: fromAgentSchema,
      maxIncomingBytes: MAX_FROM_AGENT_BYTES,
      onMessage,
      onInvalid: (problem) => {
        log(`refused ${problem} from the agent`);
        send({ type: 'error', id: null, message: `The window could not use ${problem}.` });
        // It may have been a delta: without it the table is wrong until the whole is sent again.
        resync();
      },
      onEnd: () => void onEnd(),
    });

    const connection: AgentConnection = {
      get pid() {
        return hello?.pid ?? 0;
      },
      get uid() {
        return hello?.uid ?? 0;
      },
      get ended() {
        return ended;
      },
      begin(settings, handlers) {
        events = handlers;
        send({
          type: 'hello',
          protocol: AGENT_PROTOCOL_VERSION,
          intervalMs: settings.intervalMs,
          paused: settings.paused,
        });
      },
      request(body) {
        if (ended) return Promise.reject(new AgentGone('The agent has stopped.'));
        const id = nextId++;
        return new Promise<Answer>((resolve, reject) => {
          // An answer lost to a broken frame must not leave the caller waiting for ever.
          const timer = setTimeout(() => {
            if (!pending.delete(id)) return;
            reject(new Error(`The agent did not answer within ${requestTimeoutMs / 1000} s.`));
          }, requestTimeoutMs);
          timer.unref?.();
          const settle =
            <T>(then: (value: T) => void) =>
            (value: T) => {
              clearTimeout(timer);
              then(value);
            };
          pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
          if (!send({ ...body, id } as ToAgent)) {
            pending.delete(id);
            clearTimeout(timer);
            reject(new AgentGone('The agent has stopped.'));
          }
        });
      },
      close() {
        if (!ended) {
          ended = true;
          for (const waiter of pending.values())
            waiter.reject(new AgentGone('The agent was stopped.'));
          pending.clear();
        }
        channel?.close();
        agent.stop();
      },
    };
  });
}

export { AgentCancelled };
