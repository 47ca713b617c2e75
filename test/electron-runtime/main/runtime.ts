// The stand-in's process-wide state: its configuration, the channel to the test that started the
// app, and the record of every call the app made (the start-up order tests read it).
import type {
  AppCommand,
  AppMessage,
  AppRequest,
  CallRecord,
  StandInConfig,
  TestMessage,
} from '../wire/control-protocol';

function readConfig(): StandInConfig {
  const text = process.env.ELECTRON_STANDIN;
  if (!text) {
    throw new Error(
      'The Electron stand-in needs its configuration in ELECTRON_STANDIN (start the app with ' +
        'test/electron-runtime/launch.ts).',
    );
  }
  return JSON.parse(text) as StandInConfig;
}

export const config: StandInConfig = readConfig();

/** Set by app.ts when the app becomes ready; records say whether a call came before or after. */
export const lifecycle = { ready: false, quitting: false };

type CommandHandler = (command: AppCommand) => unknown;

/**
 * Node's IPC channel to the test (process.send). Without one (the stand-in started by hand),
 * requests get the answer a person closing the dialog would give, and records go nowhere.
 */
class ControlChannel {
  private nextId = 1;
  private readonly pending = new Map<number, (message: TestMessage & { type: 'answer' }) => void>();
  private commandHandler: CommandHandler | null = null;
  readonly connected = typeof process.send === 'function';

  constructor() {
    if (!this.connected) return;
    process.on('message', (message: TestMessage) => this.onMessage(message));
    // The channel must not keep the app alive: Electron's app lives until it quits (app.ts keeps
    // it alive), not while someone listens.
    process.channel?.unref();
  }

  send(message: AppMessage): void {
    if (this.connected) process.send!(message);
  }

  /** Ask the test to answer for a person (a dialog, a menu). */
  request(request: AppRequest): Promise<unknown> {
    if (!this.connected) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (answer) => {
        if (answer.ok) resolve(answer.value);
        else reject(new Error(answer.error));
      });
      this.send({ type: 'request', id, request });
    });
  }

  onCommand(handler: CommandHandler): void {
    this.commandHandler = handler;
  }

  private onMessage(message: TestMessage): void {
    if (message.type === 'answer') {
      const settle = this.pending.get(message.id);
      this.pending.delete(message.id);
      settle?.(message);
      return;
    }
    const { id, type: _type, ...command } = message;
    void (async () => {
      try {
        if (!this.commandHandler) throw new Error('the stand-in is not ready for commands');
        const value = await this.commandHandler(command as AppCommand);
        this.send({ type: 'reply', id, ok: true, value: value ?? null });
      } catch (error) {
        this.send({ type: 'reply', id, ok: false, error: String(error) });
      }
    })();
  }
}

export const control = new ControlChannel();

export const callLog: CallRecord[] = [];

/** Note a call the app made; the test reads the list in order. */
export function record(call: string, detail?: unknown): void {
  const entry: CallRecord = { call, ready: lifecycle.ready, at: Math.round(performance.now()) };
  if (detail !== undefined) entry.detail = detail;
  callLog.push(entry);
  control.send({ type: 'log', record: entry });
}

/** Plain data only (for records and the control channel): functions and cycles dropped. */
export function plain(value: unknown): unknown {
  const seen = new WeakSet<object>();
  return JSON.parse(
    JSON.stringify(value, (_key, item: unknown) => {
      if (typeof item === 'function' || typeof item === 'symbol') return undefined;
      if (typeof item === 'object' && item !== null) {
        if (seen.has(item)) return undefined;
        seen.add(item);
      }
      return item;
    }) ?? 'null',
  );
}
