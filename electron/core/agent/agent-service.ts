// The elevated agent's work (`portscope agent`, electron/cli/commands/agent.ts): poll the table
// with full privilege on the window's timer, stream it to the window (a snapshot, then deltas
// and status), and answer the window's requests. It serves one window for as long as that window
// keeps its pipe open; when the pipe closes the service ends and the agent exits.
//
// Nothing the window sends can crash it: every frame is validated (protocol.ts), and anything
// unusable is answered with an error message naming the problem.
import type { Readable, Writable } from 'node:stream';
import type { Connection, PollStatus } from '../../../shared/model';
import type { PlatformBackend } from '../../platform/types';
import type { SelfFacts } from '../actions/self-protection';
import { createPollPipeline } from '../poll-pipeline';
import type { PollResult, PollSource } from '../poll-source';
import { Poller } from '../poller';
import { agentClose, agentKill, type AgentActionContext } from './agent-actions';
import { openMessageChannel } from './message-channel';
import {
  agentRow,
  AGENT_PROTOCOL_VERSION,
  MAX_TO_AGENT_BYTES,
  SNAPSHOT_PART_ROWS,
  toAgentSchema,
  type AgentRequest,
  type FromAgent,
  type ToAgent,
} from './protocol';

export interface AgentServiceOptions {
  platform: PlatformBackend;
  /** From the window (the agent's stdin). */
  input: Readable;
  /** To the window (the agent's stdout). Nothing else may write to it. */
  output: Writable;
  self: SelfFacts;
  /** Diagnostics (the agent's stderr). */
  log(message: string): void;
}

/** Serve the window until its pipe closes; resolves then (the agent should exit). */
export function runAgentService(options: AgentServiceOptions): Promise<void> {
  const { platform, log } = options;
  const pipeline = createPollPipeline(platform);
  const table = new Map<string, Connection>();
  /** The next poll starts from nothing (the first, or after a "snapshot" request): send it whole. */
  let sendWhole = true;
  const source: PollSource = {
    kind: 'in-process',
    poll: () => pipeline.poll(),
    close: async () => pipeline.reset(),
  };
  let poller: Poller | null = null;
  const actions: AgentActionContext = {
    platform,
    rows: () => table.values(),
    self: options.self,
  };

  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const channel = openMessageChannel<ToAgent, FromAgent>({
    input: options.input,
    output: options.output,
    schema: toAgentSchema,
    maxIncomingBytes: MAX_TO_AGENT_BYTES,
    onMessage: (message) => {
      void handle(message).catch((error: unknown) => {
        // A request's own failure (not the window's fault): answered, logged, never thrown.
        const text = error instanceof Error ? error.message : String(error);
        log(`request failed: ${text}`);
        if ('id' in message && message.id !== null) {
          send({ type: 'error', id: message.id, message: text || 'The request failed.' });
        }
      });
    },
    onInvalid: (problem, id) => {
      log(`refused ${problem}`);
      send({ type: 'error', id, message: `The agent could not use ${problem}.` });
    },
    onEnd: (reason) => {
      log(`the window's side closed (${reason}): stopping`);
      void stop();
    },
  });
  const send = (message: FromAgent) => channel.send(message);

  // The window refreshes after an action (a "refresh" request), as it does without the agent.
  const onPoll = (result: PollResult | null, status: PollStatus) => {
    if (!result) {
      send({ type: 'status', status, failure: poller?.lastError()?.message || 'The poll failed.' });
      return;
    }
    const { delta } = result;
    for (const id of delta.removed) table.delete(id);
    for (const row of delta.added) table.set(row.id, row);
    for (const row of delta.updated) table.set(row.id, row);
    if (sendWhole) {
      sendWhole = false;
      const rows = Array.from(table.values(), agentRow);
      const parts = Math.max(1, Math.ceil(rows.length / SNAPSHOT_PART_ROWS));
      for (let part = 0; part < parts; part++) {
        const slice = rows.slice(part * SNAPSHOT_PART_ROWS, (part + 1) * SNAPSHOT_PART_ROWS);
        send({ type: 'snapshot', rows: slice, status, part, more: part < parts - 1 });
      }
    } else {
      send({
        type: 'delta',
        added: delta.added.map(agentRow),
        updated: delta.updated.map(agentRow),
        removed: delta.removed,
        status,
        total: table.size,
      });
    }
  };

  async function handle(message: ToAgent): Promise<void> {
    if (message.type === 'error') {
      log(`the window reported: ${message.message}`);
      return;
    }
    if (message.type === 'hello') {
      if (message.protocol !== AGENT_PROTOCOL_VERSION) {
        send({
          type: 'error',
          id: null,
          message:
            `The window speaks agent protocol ${message.protocol}; this agent speaks ` +
            `${AGENT_PROTOCOL_VERSION}. Use a window and agent of the same Portscope version.`,
        });
        await stop();
        return;
      }
      if (poller) {
        send({ type: 'error', id: null, message: 'The window said hello twice.' });
        return;
      }
      poller = new Poller({
        source,
        intervalMs: message.intervalMs,
        paused: message.paused,
        onPoll,
      });
      await poller.start();
      return;
    }
    if (!poller) {
      send({ type: 'error', id: message.id, message: 'The window sent a request before hello.' });
      return;
    }
    await answer(poller, message);
  }

  async function answer(active: Poller, request: AgentRequest): Promise<void> {
    switch (request.type) {
      case 'setInterval':
        active.setInterval(request.intervalMs);
        send({ type: 'status', status: active.status(), failure: null });
        send({ type: 'reply', id: request.id });
        return;
      case 'setPaused':
        active.setPaused(request.paused);
        send({ type: 'status', status: active.status(), failure: null });
        send({ type: 'reply', id: request.id });
        return;
      case 'refresh':
        await active.refreshNow();
        send({ type: 'reply', id: request.id });
        return;
      case 'snapshot':
        // Forget the previous poll: the next one reports every row, and goes out whole.
        await active.stop();
        pipeline.reset();
        table.clear();
        sendWhole = true;
        await active.start();
        send({ type: 'reply', id: request.id });
        return;
      case 'kill': {
        const outcome = await agentKill(actions, request);
        send({ type: 'actionResult', id: request.id, ...outcome });
        return;
      }
      case 'close': {
        const outcome = await agentClose(actions, request.target);
        send({ type: 'actionResult', id: request.id, ...outcome });
        return;
      }
    }
  }

  let stopping: Promise<void> | null = null;
  function stop(): Promise<void> {
    stopping ??= (async () => {
      await poller?.stop();
      channel.close();
      finish();
    })();
    return stopping;
  }

  send({
    type: 'hello',
    protocol: AGENT_PROTOCOL_VERSION,
    pid: process.pid,
    uid: process.getuid?.() ?? 0,
  });
  return finished;
}
