// Starting the agent: how the window runs `portscope agent` with administrator rights, and the
// pipes it talks to it over. The elevation program differs per OS (agent-launchers.ts); tests
// inject a command that starts the agent as root directly.
import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** How a launched process ended. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** It could not be started at all (ENOENT …). */
  error?: string;
}

/** The agent as the window sees it: two pipes, and what its stderr last said. */
export interface AgentProcess {
  /** The agent's stdin. Ending it ends the agent. */
  input: Writable;
  /** The agent's stdout. */
  output: Readable;
  /** When the launched program (the elevation program, then the agent) ends. */
  exited: Promise<ProcessExit>;
  /** The last lines of its stderr, for error messages. */
  stderrTail(): string;
  /**
   * Let the agent go: end its input (the agent exits on that; the window, running as the
   * person, cannot signal a root process), and end the elevation program if it is still asking.
   */
  stop(): void;
}

/** Thrown when the person dismissed the administrator prompt: nothing to report as a failure. */
export class AgentCancelled extends Error {
  override name = 'AgentCancelled';
}

export interface AgentLauncher {
  /** Who asks for the password, for messages: "pkexec", "the administrator prompt". */
  readonly how: string;
  launch(): AgentProcess;
  /**
   * The launched program ended before the agent said hello: why, in words a person can act on
   * (an AgentCancelled when the prompt was dismissed).
   */
  earlyExit(exit: ProcessExit, stderr: string): Error;
}

const STDERR_TAIL_CHARS = 4096;

/** Run `command` with piped stdio: the agent's pipes are its stdin and stdout. */
export function spawnAgentProcess(
  command: readonly string[],
  options: { env?: NodeJS.ProcessEnv; onStderr?: (text: string) => void } = {},
): AgentProcess {
  const child = spawn(command[0]!, command.slice(1), {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: options.env ?? process.env,
    windowsHide: true,
  });
  let tail = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    tail = (tail + text).slice(-STDERR_TAIL_CHARS);
    options.onStderr?.(text);
  });
  let startError: string | undefined;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('error', (error) => {
      startError = error.message;
      // 'exit' does not follow when the program could not be started.
      if (child.pid === undefined) resolve({ code: null, signal: null, error: startError });
    });
    child.once('exit', (code, signal) => resolve({ code, signal, error: startError }));
  });
  // The agent going away while we write is its exit, reported through `exited`.
  child.stdin.on('error', () => undefined);
  let answered = false;
  child.stdout.once('data', () => (answered = true));
  return {
    input: child.stdin,
    output: child.stdout,
    exited,
    stderrTail: () => tail.trim(),
    stop() {
      child.stdin.end();
      // Still at the password prompt (nothing from the agent yet): pkexec runs as the person
      // until it starts the agent, so it can be told to give up.
      if (!answered && child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}
