// The platform backend the window's actions use: while the agent runs, kill and close go to the
// agent (which re-checks them against its own table and acts with its rights); otherwise, and
// for everything else, the window's own backend (with pkexec per action on Linux). The actions
// above (core/actions) do their own checks and confirmations either way.
import {
  AccessDenied,
  AlreadyGone,
  NoSuchProcess,
  NotSupported,
  PlatformError,
  Refused,
} from '../../platform/errors';
import type { PlatformBackend } from '../../platform/types';
import type { AgentConnection } from './agent-client';
import type { AgentActionResult } from './agent-actions';

/** An agent's answer as the error (or success) the actions expect from a platform backend. */
export function agentOutcomeError(
  answer: AgentActionResult,
  gone: (message: string) => PlatformError,
): PlatformError | null {
  switch (answer.outcome) {
    case 'done':
      return null;
    case 'refused':
      return new Refused(answer.message);
    case 'not-permitted':
      return new AccessDenied(answer.message);
    case 'not-supported':
      return new NotSupported(answer.message);
    case 'already-gone':
      return gone(answer.message);
    default:
      return new PlatformError('OS_ERROR', answer.message);
  }
}

async function ask(
  agent: AgentConnection,
  body: Parameters<AgentConnection['request']>[0],
): Promise<AgentActionResult> {
  let answer;
  try {
    answer = await agent.request(body);
  } catch (error) {
    throw new PlatformError(
      'OS_ERROR',
      `The Portscope agent did not answer (${error instanceof Error ? error.message : String(error)}): ` +
        'nothing is known to have been done. Try again.',
      { cause: error },
    );
  }
  if (answer.type !== 'actionResult') {
    throw new PlatformError('OS_ERROR', 'The Portscope agent answered with something else.');
  }
  return answer;
}

export function routeActionsThroughAgent(
  local: PlatformBackend,
  agent: () => AgentConnection | null,
): PlatformBackend {
  return {
    get os() {
      return local.os;
    },
    readSockets: () => local.readSockets(),
    ...(local.userName ? { userName: (uid: number) => local.userName!(uid) } : {}),
    readProcessIdentity: (pid) => local.readProcessIdentity(pid),
    async killProcess(pid, signal, options) {
      const connection = agent();
      if (!connection) return local.killProcess(pid, signal, options);
      // The agent must be told which process is meant, not only which pid: the start time is
      // readable without privilege, and the actions have just checked it against the row.
      const who = await local.readProcessIdentity(pid);
      if (!who) throw new NoSuchProcess(`Process ${pid} has already exited.`);
      if (who.startTime === null) {
        throw new Refused(`The start time of pid ${pid} cannot be read: nothing was done.`);
      }
      const answer = await ask(connection, { type: 'kill', pid, startTime: who.startTime, signal });
      const error = agentOutcomeError(answer, (message) => new NoSuchProcess(message));
      if (error) throw error;
    },
    async closeTcp(target, options) {
      const connection = agent();
      if (!connection) return local.closeTcp(target, options);
      const answer = await ask(connection, { type: 'close', target });
      const error = agentOutcomeError(answer, (message) => new AlreadyGone(message));
      if (error) throw error;
      return { closed: 1, detail: answer.message };
    },
  };
}
