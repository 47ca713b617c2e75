// ipcMain: invoke handlers by channel, run as Electron runs them (lib/browser/api/web-contents.ts,
// '-ipc-invoke'): one handler per channel, the handler's value or error sent back, "No handler
// registered for '<channel>'" when there is none, and a failed handler logged in main.
import type { IpcMainInvokeEventSurface, IpcMainSurface } from '../surface';
import { record } from './runtime';

type Handler = (event: IpcMainInvokeEventSurface, ...args: unknown[]) => unknown;

export type InvokeOutcome = { ok: true; value: unknown } | { ok: false; error: string };

class IpcMainStandIn implements IpcMainSurface {
  private readonly handlers = new Map<string, Handler>();

  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    if (typeof listener !== 'function') {
      throw new TypeError(`Expected handler to be a function, but found type '${typeof listener}'`);
    }
    this.handlers.set(channel, listener);
    record('ipcMain.handle', { channel });
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
    record('ipcMain.removeHandler', { channel });
  }

  channels(): string[] {
    return [...this.handlers.keys()];
  }

  /** An invoke from a page. */
  async invoke(
    event: IpcMainInvokeEventSurface,
    channel: string,
    args: unknown[],
  ): Promise<InvokeOutcome> {
    const handler = this.handlers.get(channel);
    if (!handler) return { ok: false, error: `Error: No handler registered for '${channel}'` };
    try {
      return { ok: true, value: await handler(event, ...args) };
    } catch (error) {
      console.error(`Error occurred in handler for '${channel}':`, error);
      return { ok: false, error: String(error) };
    }
  }
}

export const ipcMain = new IpcMainStandIn();
