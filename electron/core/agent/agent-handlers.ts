// The invoke handlers of "Show all processes…" (shared/contract/agent.ts): one administrator
// prompt starts the agent, which then is the window's source of polls for the session.
import type { InvokeHandlers } from '../../../shared/contract';
import type { ShowAllResult } from '../../../shared/contract/agent';
import { NotSupported } from '../../platform/errors';
import { AgentCancelled, type AgentLauncher } from './agent-process';
import { connectAgent } from './agent-client';
import type { PollSwitch } from './poll-switch';

/** How this app gets administrator rights; main fills it in per OS (electron/agent-elevation.ts). */
export interface ElevationOptions {
  /** Start `portscope agent` with administrator rights (tests start it as root directly). */
  launcher?: AgentLauncher;
  /**
   * Windows: restart the whole app elevated through UAC instead. Resolves once the elevated app
   * has been started (this one then quits); rejects with AgentCancelled when UAC was declined.
   */
  relaunchElevated?(): Promise<void>;
  /** Why neither can work here, for the person. */
  unavailableReason?: string;
}

export type AgentHandlers = Pick<InvokeHandlers, 'getElevation' | 'showAllProcesses'>;

const NOT_AVAILABLE =
  'Showing every process needs an administrator prompt, which Portscope cannot show here.';

export function createAgentHandlers(deps: {
  elevation: ElevationOptions | undefined;
  polls: PollSwitch;
  log(message: string): void;
  /** Aborted when the backend stops: a prompt still open is withdrawn. */
  signal?: AbortSignal;
}): AgentHandlers {
  const { elevation, polls } = deps;
  const available = Boolean(elevation?.launcher || elevation?.relaunchElevated);
  let starting: Promise<ShowAllResult> | null = null;

  async function start(): Promise<ShowAllResult> {
    try {
      if (elevation?.relaunchElevated) {
        await elevation.relaunchElevated();
        return {
          outcome: 'relaunching',
          message: 'Portscope is restarting with administrator rights.',
        };
      }
      const launcher = elevation?.launcher;
      if (!launcher) throw new NotSupported(elevation?.unavailableReason ?? NOT_AVAILABLE);
      const connection = await connectAgent(launcher, { log: deps.log, signal: deps.signal });
      await polls.useAgent(connection);
      return {
        outcome: 'started',
        message:
          `Showing every process: the Portscope agent (pid ${connection.pid}) reads the ` +
          'connections with administrator rights; this window still runs as you.',
      };
    } catch (error) {
      if (error instanceof AgentCancelled) return { outcome: 'cancelled', message: error.message };
      throw error;
    }
  }

  return {
    getElevation: () => ({
      available,
      running: polls.agentConnection() !== null,
      agentPid: polls.agentConnection()?.pid ?? null,
      reason: available ? null : (elevation?.unavailableReason ?? NOT_AVAILABLE),
    }),
    showAllProcesses() {
      if (polls.agentConnection()) {
        return { outcome: 'already-running', message: 'The Portscope agent is already running.' };
      }
      starting ??= start().finally(() => (starting = null));
      return starting;
    },
  };
}
