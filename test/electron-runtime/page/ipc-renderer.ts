// ipcRenderer in the preload's world: invoke() goes to the main process over the DevTools
// binding that only this world has, replies and webContents.send() messages come back through
// deliver(). Arguments are structured-cloned as Electron's IPC does (a function in them throws),
// and a failed invoke rejects with Electron's own message: "Error invoking remote method
// '<channel>': <the main-side error as a string>" (lib/renderer/api/ipc-renderer.ts).
import type { IpcRendererEventSurface, IpcRendererSurface } from '../surface';
import { decodeClone, encodeClone } from '../wire/clone-codec';
import type { MainToPage, PageToMain } from '../wire/page-protocol';

type Listener = (event: IpcRendererEventSurface, ...args: unknown[]) => void;

export class IpcRendererStandIn implements IpcRendererSurface {
  private readonly listeners = new Map<string, Listener[]>();
  private readonly pending = new Map<
    number,
    { channel: string; resolve(value: unknown): void; reject(error: Error): void }
  >();
  private nextId = 1;

  constructor(private readonly toMain: (message: PageToMain) => void) {}

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    try {
      const id = this.nextId++;
      const wire = encodeClone(args);
      return new Promise((resolve, reject) => {
        this.pending.set(id, { channel, resolve, reject });
        this.toMain({ op: 'invoke', id, channel: String(channel), args: wire });
      });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  on(channel: string, listener: Listener): this {
    const list = this.listeners.get(channel) ?? [];
    list.push(listener);
    this.listeners.set(channel, list);
    return this;
  }

  removeListener(channel: string, listener: Listener): this {
    const list = this.listeners.get(channel);
    const at = list?.lastIndexOf(listener) ?? -1;
    if (list && at >= 0) list.splice(at, 1);
    return this;
  }

  /** A message from the main process. */
  deliver(message: MainToPage): void {
    if (message.op === 'invoke-result') {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!pending) return;
      if (message.ok) pending.resolve(decodeClone(message.value));
      else {
        pending.reject(
          new Error(`Error invoking remote method '${pending.channel}': ${message.error}`),
        );
      }
      return;
    }
    const args = decodeClone(message.args) as unknown[];
    for (const listener of [...(this.listeners.get(message.channel) ?? [])]) {
      let prevented = false;
      const event: IpcRendererEventSurface = {
        sender: this,
        ports: [],
        preventDefault: () => {
          prevented = true;
        },
        get defaultPrevented() {
          return prevented;
        },
      };
      try {
        listener(event, ...args);
      } catch (error) {
        // As an EventEmitter listener's throw would: reported, the other listeners still run.
        setTimeout(() => {
          throw error;
        });
      }
    }
  }
}
