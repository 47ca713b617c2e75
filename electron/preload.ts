// Runs in the sandboxed renderer before the page: exposes window.portscope, one named method per
// contract channel (shared/contract-client.ts), over ipcRenderer. The page never sees
// ipcRenderer, an IpcRendererEvent, or a way to name a channel itself. Built as one CommonJS
// file (out/preload/index.cjs), as sandboxed preloads require.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelOf, eventNames, invokeNames } from '../shared/contract';
import { createPortscopeApi, unwrapInvokeOutcome } from '../shared/contract-client';

const api = createPortscopeApi(
  { invokeNames, eventNames },
  {
    invoke: async (name, args) =>
      unwrapInvokeOutcome(name, await ipcRenderer.invoke(channelOf(name), ...args)),
    subscribe: (name, listener) => {
      const channel = channelOf(name);
      // Only the payload crosses: the event object would hand the page a sender to reply with.
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
  },
);

contextBridge.exposeInMainWorld('portscope', api);
