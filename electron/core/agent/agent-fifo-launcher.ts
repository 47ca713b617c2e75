// macOS: the administrator prompt (`osascript -e 'do shell script "…" with administrator
// privileges'`) runs a shell command as root and waits for its output; it cannot hand the
// window a pipe to a long-running process. So the window makes two named pipes (FIFOs) in a
// private folder, and the shell command starts the agent in the background with its stdin and
// stdout on them: the agent still speaks over stdin/stdout, and still ends when the window
// closes its side (end of file on its stdin).
// https://developer.apple.com/library/archive/technotes/tn2065/_index.html (do shell script)
import { execFileSync, spawn } from 'node:child_process';
import {
  closeSync,
  constants,
  createReadStream,
  createWriteStream,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NotSupported } from '../../platform/errors';
import { describeExit } from './agent-client';
import {
  AgentCancelled,
  type AgentLauncher,
  type AgentProcess,
  type ProcessExit,
} from './agent-process';

export interface FifoPaths {
  /** The agent's stdin. */
  toAgent: string;
  /** The agent's stdout. */
  fromAgent: string;
  /** The agent's stderr (appended). */
  log: string;
}

/** A word for sh: single-quoted, with ' written as '\''. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

/**
 * The shell command that starts the agent on the FIFOs and returns at once (&): the
 * administrator prompt waits for the command's output, and the agent's output goes to the FIFO.
 */
export function fifoShellCommand(agent: readonly string[], paths: FifoPaths): string {
  return (
    `${agent.map(shellQuote).join(' ')} < ${shellQuote(paths.toAgent)} ` +
    `> ${shellQuote(paths.fromAgent)} 2>> ${shellQuote(paths.log)} &`
  );
}

/** An AppleScript string literal: backslash and double quote escaped. */
export function appleScriptString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export const MAC_PROMPT =
  'Portscope wants to see which program owns every network connection, and to end programs ' +
  'or close connections when you ask it to.';

/** osascript's arguments: the command as root, after macOS's administrator prompt. */
export function macAdministratorCommand(agent: readonly string[], paths: FifoPaths): string[] {
  const script =
    `do shell script ${appleScriptString(fifoShellCommand(agent, paths))} ` +
    `with prompt ${appleScriptString(MAC_PROMPT)} with administrator privileges`;
  return ['/usr/bin/osascript', '-e', script];
}

/**
 * osascript fails (exit 1) with AppleScript error -128 when the person cancels the prompt.
 * https://developer.apple.com/library/archive/documentation/AppleScript/Conceptual/AppleScriptLangGuide/reference/ASLR_error_codes.html
 */
export function osascriptEarlyExit(exit: ProcessExit, stderr: string): Error {
  if (/-128\b|User cancel+ed/i.test(stderr)) {
    return new AgentCancelled(
      'Administrator rights were not granted: Portscope still shows what you can see.',
    );
  }
  if (exit.error) return new NotSupported(`osascript could not be run: ${exit.error}.`);
  const detail = stderr.trim().split('\n').pop();
  return new Error(
    `The agent could not start (osascript: ${describeExit(exit)}${detail ? `: ${detail}` : ''}).`,
  );
}

export interface FifoLauncherOptions {
  how: string;
  /** The elevating command that runs fifoShellCommand (osascript on macOS; sh in tests). */
  command(paths: FifoPaths): string[];
  earlyExit(exit: ProcessExit, stderr: string): Error;
}

export function fifoLauncher(options: FifoLauncherOptions): AgentLauncher {
  return {
    how: options.how,
    earlyExit: options.earlyExit,
    launch: () => launchOnFifos(options),
  };
}

function launchOnFifos(options: FifoLauncherOptions): AgentProcess {
  // mkdtemp makes the folder 0700: only this user (and root) can open the FIFOs.
  const dir = mkdtempSync(path.join(tmpdir(), 'portscope-agent-pipes-'));
  const paths: FifoPaths = {
    toAgent: path.join(dir, 'to-agent'),
    fromAgent: path.join(dir, 'from-agent'),
    log: path.join(dir, 'agent.log'),
  };
  execFileSync('mkfifo', ['-m', '600', paths.toAgent, paths.fromAgent]);
  const command = options.command(paths);
  const launcher = spawn(command[0]!, command.slice(1), {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let launcherErr = '';
  launcher.stderr.setEncoding('utf8');
  launcher.stderr.on('data', (text: string) => (launcherErr = (launcherErr + text).slice(-4096)));

  // Opening a FIFO waits (in libuv's thread pool) until the other side opens it too.
  const input = createWriteStream(paths.toAgent);
  const output = createReadStream(paths.fromAgent);
  input.on('error', () => undefined);
  let inputOpen = false;
  let outputOpen = false;
  input.once('open', () => (inputOpen = true));
  output.once('open', () => (outputOpen = true));

  /**
   * The agent will never open its ends: open them ourselves, so that our own opens (which may
   * not even have started yet, in a busy thread pool) return; each stand-in end is held until
   * ours has opened. Our reader then sees end of file, and the connection ends.
   */
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    if (!inputOpen) {
      // A reader can always open without waiting.
      const fd = openSync(paths.toAgent, constants.O_RDONLY | constants.O_NONBLOCK);
      input.once('open', () => closeSync(fd));
    }
    const openWriter = (attempt: number) => {
      if (outputOpen) return;
      try {
        const fd = openSync(paths.fromAgent, constants.O_WRONLY | constants.O_NONBLOCK);
        output.once('open', () => closeSync(fd));
      } catch (error) {
        // ENXIO: our reader is not waiting yet (a writer cannot open before a reader).
        if ((error as NodeJS.ErrnoException).code === 'ENXIO' && attempt < 500) {
          setTimeout(() => openWriter(attempt + 1), 10);
        }
      }
    };
    openWriter(0);
  };

  let launcherExit: ProcessExit | null = null;
  const launcherDone = new Promise<ProcessExit>((resolve) => {
    launcher.once('error', (error) => resolve({ code: null, signal: null, error: error.message }));
    launcher.once('exit', (code, signal) => resolve({ code, signal }));
  }).then((exit) => {
    launcherExit = exit;
    // The prompt was refused or failed: no agent will come.
    if (exit.code !== 0) release();
    return exit;
  });
  const agentDone = new Promise<void>((resolve) => output.once('close', () => resolve()));
  const exited = launcherDone.then(async (exit) => {
    if (exit.code !== 0) return exit;
    await agentDone;
    // The agent ran detached: its exit code is not ours to know.
    return { code: null, signal: null };
  });
  void exited.then(() => rmSync(dir, { recursive: true, force: true }));

  const readLog = () => {
    try {
      return readFileSync(paths.log, 'utf8').slice(-4096);
    } catch {
      return '';
    }
  };
  return {
    input,
    output,
    exited,
    stderrTail: () => `${launcherErr}\n${readLog()}`.trim(),
    stop() {
      input.end();
      if (launcherExit === null) launcher.kill();
      release();
    },
  };
}
