// A small Electron app for the stand-in's conformance test (test/integration/electron-stand-in.test.ts):
// a privileged scheme served by protocol.handle, one window with a preload, IPC handlers that
// report what they were given and by whom. Plain JavaScript, run as the app's main process is.
/* global URL, Response -- Node's own (Electron's main process has them too) */
import { app, BrowserWindow, ipcMain, protocol } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

protocol.registerSchemesAsPrivileged([
  { scheme: 'fixture', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

const page = `<!doctype html><html><head><title>fixture</title></head>
<body><p id="ready">ready</p></body></html>`;

app.whenReady().then(() => {
  protocol.handle('fixture', (request) => {
    const url = new URL(request.url);
    if (url.pathname === '/index.html') {
      return new Response(page, {
        headers: { 'content-type': 'text/html', 'x-fixture-method': request.method },
      });
    }
    if (url.pathname === '/echo') {
      return new Response(JSON.stringify({ url: request.url, method: request.method }), {
        headers: { 'content-type': 'application/json' },
      });
    }
    return new Response('missing', { status: 404 });
  });
  ipcMain.handle('echo', (event, ...args) => ({
    args,
    senderUrl: event.senderFrame?.url ?? null,
    senderIsMain: event.senderFrame ? event.senderFrame.parent === null : null,
    senderOrigin: event.senderFrame?.origin ?? null,
    senderId: event.sender.id,
  }));
  ipcMain.handle('fails', () => {
    throw new RangeError('handler said no');
  });
  ipcMain.handle('returns-function', () => () => 1);
  ipcMain.handle('push', (event, text) => {
    event.sender.send('pushed', text, { at: new Date(0) });
    return true;
  });
  const window = new BrowserWindow({
    width: 800,
    height: 600,
    webPreferences: { preload: path.join(here, 'preload.cjs'), sandbox: true },
  });
  void window.loadURL('fixture://app/index.html');
});

app.on('window-all-closed', () => app.quit());
