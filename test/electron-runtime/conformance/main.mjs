// A small Electron app for the stand-in's conformance test (test/integration/electron-stand-in.test.ts):
// a privileged scheme served by protocol.handle, one window with a preload, IPC handlers that
// report what they were given and by whom, and handlers that use the desktop's parts (nativeImage,
// app.getFileIcon, Tray, window show/hide, browser-window-created) and report what Electron's API
// answered. Plain JavaScript, run as the app's main process is.
/* global URL, Response -- Node's own (Electron's main process has them too) */
import { app, BrowserWindow, ipcMain, Menu, nativeImage, protocol, Tray } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

protocol.registerSchemesAsPrivileged([
  { scheme: 'fixture', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

/** What `run()` did: its value, or the error it threw (name and message). */
function outcome(run) {
  try {
    return { value: run() };
  } catch (error) {
    return { error: `${error.constructor.name}: ${error.message}` };
  }
}

// Electron refuses a Tray before the app is ready.
const trayBeforeReady = outcome(() => {
  new Tray(nativeImage.createEmpty());
  return 'created';
});

// Every BrowserWindow is announced; listeners taken off with off/removeListener hear nothing.
const windowsCreated = [];
const removedHeard = [];
app.on('browser-window-created', (event, window) => {
  windowsCreated.push({
    id: window.id,
    preventDefault: typeof event.preventDefault,
    isWindow: window instanceof BrowserWindow,
  });
});
const heardAfterOff = (_event, window) => removedHeard.push(`off ${window.id}`);
app.on('browser-window-created', heardAfterOff);
app.off('browser-window-created', heardAfterOff);
const heardAfterRemove = (_event, window) => removedHeard.push(`removeListener ${window.id}`);
app.on('browser-window-created', heardAfterRemove);
app.removeListener('browser-window-created', heardAfterRemove);

/** An image as Electron's API describes it. */
function describeImage(image) {
  const png = image.toPNG();
  return {
    empty: image.isEmpty(),
    size: image.getSize(),
    pngBase64: png.toString('base64'),
    dataUrl: image.toDataURL(),
  };
}

// The tray the test clicks, its menu, and what its handlers heard.
const trayEvents = [];
let tray = null;
let trayMenu = null;

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

  // ── The desktop's parts ──────────────────────────────────────────────────────────────────────
  ipcMain.handle('tray-before-ready', () => trayBeforeReady);
  ipcMain.handle('native-images', (_event, paths) => ({
    fromPaths: paths.map((file) => describeImage(nativeImage.createFromPath(file))),
    empty: describeImage(nativeImage.createEmpty()),
  }));
  ipcMain.handle('native-image-at-scale', (_event, file, scaleFactor) => {
    const image = nativeImage.createFromPath(file);
    return { size: image.getSize(scaleFactor), empty: image.isEmpty() };
  });
  ipcMain.handle('file-icon', async (_event, file, options) => {
    try {
      return describeImage(await app.getFileIcon(file, options));
    } catch (error) {
      return { error: error.message };
    }
  });
  ipcMain.handle('file-icon-bad-argument', () => {
    // Electron checks its arguments within the call: a throw, not a rejected promise.
    const result = outcome(() => app.getFileIcon(42));
    if (result.value) result.value.catch(() => undefined);
    return result.error ?? 'returned a promise';
  });
  ipcMain.handle('tray-create', (_event, imagePath) => {
    tray = new Tray(imagePath);
    tray.setToolTip('Fixture tray');
    trayMenu = Menu.buildFromTemplate([
      {
        label: 'Say hello',
        click: (item, focused) =>
          trayEvents.push({ label: item.label, window: focused ? focused.id : null }),
      },
      {
        label: 'Watch',
        type: 'checkbox',
        checked: false,
        click: (item) => trayEvents.push({ label: item.label, checked: item.checked }),
      },
      { label: 'Not now', enabled: false, click: () => trayEvents.push({ label: 'Not now' }) },
      { type: 'separator' },
      {
        label: 'More',
        submenu: [{ label: 'Deep', click: (item) => trayEvents.push({ label: item.label }) }],
      },
    ]);
    tray.setContextMenu(trayMenu);
    tray.on('click', (event, bounds, position) =>
      trayEvents.push({ click: { ...event }, bounds, position }),
    );
    return tray.isDestroyed();
  });
  ipcMain.handle('tray-events', () => trayEvents);
  // Linux shows a changed MenuItem only once the menu is set again (docs/api/tray.md).
  ipcMain.handle('tray-check-watch', () => {
    trayMenu.items[1].checked = true;
  });
  ipcMain.handle('tray-set-menu-again', () => tray.setContextMenu(trayMenu));
  ipcMain.handle('tray-misuse', () => {
    const other = new Tray(nativeImage.createEmpty());
    const results = {
      missingImagePath: outcome(() => new Tray('/nonexistent/portscope-fixture.png')),
      notAnImage: outcome(() => other.setImage({ not: 'an image' })),
      notAMenu: outcome(() => other.setContextMenu({ items: [] })),
      emptyImage: outcome(() => other.setImage(nativeImage.createEmpty())),
      setTitle: outcome(() => other.setTitle('shown on macOS only')),
      destroyed: outcome(() => {
        other.destroy();
        other.destroy();
        return other.isDestroyed();
      }),
      afterDestroy: outcome(() => other.setToolTip('too late')),
    };
    return results;
  });
  ipcMain.handle('window-visibility', () => {
    const events = [];
    const onShow = () => events.push(`show ${window.isVisible()}`);
    const onHide = () => events.push(`hide ${window.isVisible()}`);
    window.on('show', onShow);
    window.on('hide', onHide);
    window.hide();
    window.hide();
    const hidden = window.isVisible();
    window.show();
    window.show();
    const shown = window.isVisible();
    window.off('show', onShow);
    window.off('hide', onHide);
    return { events, hidden, shown };
  });
  ipcMain.handle('second-window', async () => {
    const second = new BrowserWindow({ show: false, webPreferences: { sandbox: true } });
    await second.loadURL('fixture://app/index.html');
    const id = second.id;
    second.destroy();
    return { mainId: window.id, secondId: id, windowsCreated, removedHeard };
  });
});

app.on('window-all-closed', () => app.quit());
