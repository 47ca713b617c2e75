// Channels of "Show all processes…": when other users' sockets show as owner unknown, the person
// can start the elevated agent (one administrator prompt for the session) and see every process,
// while the window itself keeps running as them. No arguments cross: main alone decides how to
// ask for administrator rights, and what to start.
import { invoke, noArgs } from './define';

export interface ElevationInfo {
  /** "Show all processes…" can work here (an administrator prompt exists for this OS and build). */
  available: boolean;
  /** The agent is running: the table already shows every process. */
  running: boolean;
  /** The running agent's process id (null when none runs). */
  agentPid: number | null;
  /** Why it is not available, in words a person can act on; null when it is. */
  reason: string | null;
}

export type ShowAllOutcome =
  /** The agent runs and the table now comes from it. */
  | 'started'
  | 'already-running'
  /** Windows: Portscope restarts elevated through UAC; this window is about to close. */
  | 'relaunching'
  /** The administrator prompt was dismissed: nothing changed. */
  | 'cancelled';

export interface ShowAllResult {
  outcome: ShowAllOutcome;
  /** One sentence for the status bar. */
  message: string;
}

export const agentInvokes = {
  getElevation: invoke<ElevationInfo>()(noArgs),
  /** Asks for administrator rights once and starts the agent (resolves when its table is in). */
  showAllProcesses: invoke<ShowAllResult>()(noArgs),
};
