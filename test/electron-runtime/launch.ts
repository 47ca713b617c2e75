// Starts the app's real main process (out/main/index.js) under the Electron stand-in, in a Node
// child process of its own, and keeps the test's end of the control channel: what the app did
// (call log, windows, notifications, tray icons, error boxes), the answers to its dialogs and
// menus, and commands (click a menu item, a notification, a tray icon or its menu; minimize,
// resize, close a window; quit).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { resolveChromium } from '../support/chromium';
import { builtFile, repoRoot } from '../support/build-output';
import { ensureStandInBuilt, standInModuleUrl, standInRegisterUrl } from './build';
import type {
  AppCommand,
  AppMessage,
  AppRequest,
  AppState,
  CallRecord,
  NotificationRecord,
  StandInConfig,
  TestMessage,
  TraySnapshot,
  WindowSnapshot,
} from './wire/control-protocol';

export interface LaunchOptions {
  /** Command-line arguments after the app (`<app> list --format json`). */
  args?: string[];
  /** The main script; the app's built out/main/index.js unless a test brings its own. */
  main?: string;
  /** XDG_CONFIG_HOME of the app: its userData folder is <configHome>/<name>. */
  configHome: string;
  /** Environment on top of this process's. */
  env?: Record<string, string>;
  packaged?: boolean;
  displays?: { width: number; height: number }[];
  theme?: 'light' | 'dark';
  notificationsSupported?: boolean;
  chromiumArgs?: string[];
  cwd?: string;
  /**
   * Who the app runs as. No Portscope window runs as root (electron/window-as-root.ts), so a test
   * running as root starts it as `nobody` with the capabilities that stand for what its scenarios
   * need (APP_CAPABILITIES); 'root' is for the test of that refusal.
   */
  user?: 'nobody' | 'root';
}

/** nobody, as setpriv makes it. */
const NOBODY = 65534;
/**
 * What the window as nobody may still do in the tests, whose sockets belong to root-owned
 * children: see their owners (/proc/PID/fd: sys_ptrace), kill them (kill), close their TCP
 * connections (sock_diag destroy: net_admin) and read the checkout and the package Chromium even
 * when they sit in a 0700 folder (dac_read_search). Not setuid, not dac_override: it writes only
 * where nobody may (its config home, handed to it below, and folders the tests hand it).
 */
const APP_CAPABILITIES = ['kill', 'net_admin', 'sys_ptrace', 'dac_read_search'];

function asNobody(): string[] {
  const caps = APP_CAPABILITIES.map((cap) => `+${cap}`).join(',');
  return [
    'setpriv',
    `--reuid=${NOBODY}`,
    `--regid=${NOBODY}`,
    '--clear-groups',
    `--inh-caps=${caps}`,
    `--ambient-caps=${caps}`,
  ];
}

/** Hands `dir` and everything in it to nobody (it is the app's own folder). */
export function giveToNobody(dir: string): void {
  chownSync(dir, NOBODY, NOBODY);
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (lstatSync(file).isDirectory()) giveToNobody(file);
    else if (!lstatSync(file).isSymbolicLink()) chownSync(file, NOBODY, NOBODY);
  }
}

export type RequestAnswerer = (request: AppRequest) => unknown;

const WAIT_MS = 60_000;

export class AppProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly log: CallRecord[] = [];
  readonly windows = new Map<number, WindowSnapshot>();
  readonly notifications: NotificationRecord[] = [];
  /** Every tray icon the app made, as last shown, by id. */
  readonly trays = new Map<number, TraySnapshot>();
  readonly errorBoxes: { title: string; content: string }[] = [];
  /** Console errors and uncaught errors of the app's pages, from their first line. */
  readonly pageErrors: string[] = [];
  private readonly pageErrorListeners: ((text: string) => void)[] = [];
  stdout = '';
  stderr = '';
  wsEndpoint: string | null = null;
  private answerer: RequestAnswerer = (request) => {
    throw new Error(`Nothing in the test answers the app's ${request.kind}`);
  };
  private nextId = 1;
  private readonly replies = new Map<number, (message: AppMessage & { type: 'reply' }) => void>();
  private readonly waiters = new Set<() => void>();

  constructor(child: ChildProcess) {
    this.child = child;
    this.exited = once(child, 'exit').then(([code, signal]) => {
      this.wake();
      return { code: code as number | null, signal: signal as NodeJS.Signals | null };
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (this.stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    child.on('message', (message: AppMessage) => this.onMessage(message));
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  onPageError(listener: (text: string) => void): void {
    this.pageErrorListeners.push(listener);
  }

  /** Who answers the app's dialogs and menus (a person, scripted by the test). */
  answerRequests(answerer: RequestAnswerer): void {
    this.answerer = answerer;
  }

  private send(message: TestMessage): void {
    if (this.child.connected) this.child.send(message);
  }

  private wake(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private onMessage(message: AppMessage): void {
    switch (message.type) {
      case 'log':
        this.log.push(message.record);
        break;
      case 'browser':
        this.wsEndpoint = message.wsEndpoint;
        break;
      case 'window':
        this.windows.set(message.window.id, message.window);
        break;
      case 'pageError':
        this.pageErrors.push(message.text);
        for (const listener of this.pageErrorListeners) listener(message.text);
        break;
      case 'errorBox':
        this.errorBoxes.push({ title: message.title, content: message.content });
        break;
      case 'notification':
        this.notifications.push(message.notification);
        break;
      case 'tray':
        this.trays.set(message.tray.id, message.tray);
        break;
      case 'request':
        void (async () => {
          try {
            const value = await this.answerer(message.request);
            this.send({ type: 'answer', id: message.id, ok: true, value: value ?? null });
          } catch (error) {
            this.send({
              type: 'answer',
              id: message.id,
              ok: false,
              error: error instanceof Error ? error.message : String(error),
            });
          }
        })();
        break;
      case 'reply':
        this.replies.get(message.id)?.(message);
        this.replies.delete(message.id);
        break;
    }
    this.wake();
  }

  /** Resolves with `probe()`'s first truthy value; fails when the app exits or time is up. */
  async waitFor<T>(
    probe: () => T | null | undefined | false,
    what: string,
    timeoutMs = WAIT_MS,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (!this.alive) {
        throw new Error(`The app exited while waiting for ${what}.\n${this.stderr.slice(-4000)}`);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out waiting for ${what}.\n${this.stderr.slice(-4000)}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 250));
        this.waiters.add(wake);
      });
    }
  }

  command(command: AppCommand): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (!this.child.connected) {
        reject(new Error('The app is not running'));
        return;
      }
      this.replies.set(id, (reply) =>
        reply.ok ? resolve(reply.value) : reject(new Error(reply.error)),
      );
      this.send({ type: 'command', id, ...command } as TestMessage);
    });
  }

  state(): Promise<AppState> {
    return this.command({ command: 'state' }) as Promise<AppState>;
  }

  /** Quit as the app's own Quit would, and wait for the process to end. */
  async quit(timeoutMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.alive) await this.command({ command: 'quit' }).catch(() => undefined);
    return this.waitForExit(timeoutMs);
  }

  async waitForExit(
    timeoutMs = 15_000,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs));
    const result = await Promise.race([this.exited, timeout]);
    if (result) return result;
    this.kill();
    throw new Error(`The app did not exit within ${timeoutMs} ms.\n${this.stderr.slice(-4000)}`);
  }

  /** Only this process (its Chromium ends with it: Playwright kills the browser it launched). */
  kill(): void {
    if (this.alive) this.child.kill('SIGKILL');
  }
}

/** Starts out/main/index.js under the stand-in. */
export async function launchApp(options: LaunchOptions): Promise<AppProcess> {
  const main = options.main ?? builtFile('out/main/index.js');
  if (!options.main) builtFile('out/preload/index.cjs');
  await ensureStandInBuilt();
  const chromium = await resolveChromium();
  const config: StandInConfig = {
    chromium: {
      executablePath: chromium.executablePath,
      env: chromium.env,
      args: chromium.args,
    },
    packaged: options.packaged ?? false,
    displays: options.displays ?? [{ width: 1920, height: 1080 }],
    theme: options.theme ?? 'light',
    notificationsSupported: options.notificationsSupported ?? true,
    chromiumArgs: options.chromiumArgs ?? [],
  };
  const dropRoot = process.getuid?.() === 0 && (options.user ?? 'nobody') === 'nobody';
  if (dropRoot) giveToNobody(options.configHome);
  const node = [
    process.execPath,
    // Electron's main process warns on an unhandled rejection where Node would exit
    // (electron/electron#36528); uncaught exceptions: electron.ts.
    '--unhandled-rejections=warn',
    '--import',
    standInRegisterUrl,
    main,
    ...(options.args ?? []),
  ];
  const command = dropRoot ? [...asNobody(), ...node] : node;
  const child = spawn(command[0]!, command.slice(1), {
    cwd: options.cwd ?? repoRoot,
    env: {
      ...process.env,
      // Chromium and the app keep dotfiles under HOME: root's is not nobody's to write.
      ...(dropRoot ? { HOME: options.configHome } : {}),
      ...options.env,
      XDG_CONFIG_HOME: options.configHome,
      ELECTRON_STANDIN: JSON.stringify(config),
      ELECTRON_STANDIN_MODULE: standInModuleUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  return new AppProcess(child);
}
