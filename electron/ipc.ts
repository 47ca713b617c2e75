// The only place main touches ipcMain: every invoke channel of shared/contract.ts is registered
// here, through createInvokeDispatcher (sender check, zod validation, error envelope), and every
// event goes to the window's page with webContents.send on the channel the contract names.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { channelOf, invokeNames, type EmitEvent, type InvokeHandlers } from '../shared/contract';
import { createInvokeDispatcher } from './ipc-dispatch';
import { isTrustedRendererUrl, type IpcSender, type RendererLocation } from './renderer-location';

/** Registers every invoke channel; returns the function that removes them again. */
export function registerIpcHandlers(
  handlers: InvokeHandlers,
  location: RendererLocation,
): () => void {
  const dispatch = createInvokeDispatcher(handlers, location, {
    refused: (message) => console.warn(`Portscope IPC: ${message}`),
    failed: (name, error) => console.error(`Portscope IPC: ${name} failed:`, error),
  });
  for (const name of invokeNames) {
    ipcMain.handle(channelOf(name), (event: IpcMainInvokeEvent, ...args: unknown[]) =>
      dispatch(name, senderOf(event), args),
    );
  }
  return () => {
    for (const name of invokeNames) ipcMain.removeHandler(channelOf(name));
  };
}

function senderOf(event: IpcMainInvokeEvent): IpcSender {
  // senderFrame is null when the frame navigated away or was destroyed before we got here.
  const frame = event.senderFrame;
  return { url: frame?.url ?? null, isMainFrame: frame ? frame.parent === null : false };
}

/** Events go to the main window's page only, and only while it shows our renderer. */
export function createWindowEmitter(
  getWindow: () => BrowserWindow | null,
  location: RendererLocation,
): EmitEvent {
  return (name, payload) => {
    const window = getWindow();
    if (!window || window.isDestroyed()) return;
    const contents = window.webContents;
    if (contents.isDestroyed() || !isTrustedRendererUrl(contents.getURL(), location)) return;
    contents.send(channelOf(name), payload);
  };
}
