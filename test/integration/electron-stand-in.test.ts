// The Electron stand-in (test/electron-runtime) against what Electron documents, with a small app
// of its own (test/electron-runtime/conformance/): the contextBridge copies and proxies values as
// docs/api/context-bridge.md says (functions proxied, a new proxy per crossing; promises proxied;
// errors as their message; other values cloned; the API frozen on a read-only property; one API
// per key), a sandboxed preload's require offers only 'electron', ipcRenderer.invoke reaches the
// handler with the real sending frame and fails with Electron's messages, webContents.send
// reaches ipcRenderer listeners, and the app's protocol handler answers the page's requests.
// The desktop's parts as Electron documents them on Linux: nativeImage.createFromPath (empty for
// what is not a readable valid image, @2x variants, DIP sizes), app.getFileIcon (the icon for the
// name's type, at 16/32/48 px, a missing file included), Tray (only after ready, its errors, a
// menu shown as it was set, clicks on the icon and on menu items), a window's show and hide
// events, and app 'browser-window-created' with off/removeListener.
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type AppProcess } from '../electron-runtime/launch';
import type { TraySnapshot } from '../electron-runtime/wire/control-protocol';

const main = fileURLToPath(new URL('../electron-runtime/conformance/main.mjs', import.meta.url));
const WAIT = { timeout: 15_000, interval: 100 };
let configHome = '';
let app: AppProcess;
let browser: Browser;
let page: Page;

/** Runs `source` in the page's main world, as the page's own scripts would. */
function inPage<T>(source: string): Promise<T> {
  return page.evaluate(source) as Promise<T>;
}

beforeAll(async () => {
  configHome = await mkdtemp(path.join(tmpdir(), 'portscope-stand-in-'));
  app = await launchApp({ configHome, main });
  const ws = await app.waitFor(() => app.wsEndpoint, 'the browser');
  const window = await app.waitFor(
    () => [...app.windows.values()].find((w) => w.url === 'fixture://app/index.html'),
    'the window on fixture://app/index.html',
  );
  browser = await chromium.connectOverCDP(ws);
  const context = browser.contexts()[0]!;
  for (let tries = 0; !page && tries < 100; tries++) {
    for (const candidate of context.pages()) {
      const session = await context.newCDPSession(candidate);
      const { targetInfo } = await session.send('Target.getTargetInfo');
      if (targetInfo.targetId === window.targetId) page = candidate;
    }
    if (!page) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await page.waitForSelector('#ready');
}, 120_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  if (app) await app.quit().catch(() => app.kill());
  if (configHome) await rm(configHome, { recursive: true, force: true });
});

describe('contextBridge', () => {
  it('proxies functions and promises, copies data, and freezes the API on a read-only property', async () => {
    const seen = await inPage<Record<string, unknown>>(`(async () => ({
      double: typeof fixture.double + ' ' + fixture.double(21),
      later: (fixture.later(7) instanceof Promise) + ' ' + (await fixture.later(7)),
      callBack: fixture.callBack((x) => x * 2),
      frozen: [Object.isFrozen(fixture), Object.isFrozen(fixture.data), Object.isFrozen(fixture.data.list)],
      readOnly: Object.getOwnPropertyDescriptor(window, 'fixture').writable,
      configurable: Object.getOwnPropertyDescriptor(window, 'fixture').configurable,
      when: fixture.data.when instanceof Date && fixture.data.when.getTime(),
      map: fixture.data.map instanceof Map && fixture.data.map.get(1),
      deep: fixture.data.list[2].deep,
      sameFunctionTwice: (() => { const f = () => 1; return fixture.keep(f)(f); })(),
    }))()`);
    expect(seen).toEqual({
      double: 'function 42',
      later: 'true 7',
      callBack: 42,
      frozen: [true, true, true],
      readOnly: false,
      configurable: false,
      when: 0,
      map: 'one',
      deep: true,
      // Electron keeps a proxy for one crossing only: the same function twice is two proxies.
      sameFunctionTwice: false,
    });
  });

  it('copies values by structured clone, round trip through the isolated world', async () => {
    const echoed = await inPage<string>(`(() => {
      const value = fixture.echo({ n: NaN, neg: -0, big: 10n, u: undefined, set: new Set([1, 2]),
        re: /a+/g, bytes: new Uint8Array([1, 2, 3]), nested: [[1], { x: 'y' }] });
      return [Number.isNaN(value.n), Object.is(value.neg, -0), value.big === 10n,
        'u' in value && value.u === undefined, value.set instanceof Set && value.set.size,
        value.re instanceof RegExp && value.re.flags, value.bytes instanceof Uint8Array && value.bytes[2],
        JSON.stringify(value.nested)].join(',');
    })()`);
    expect(echoed).toBe('true,true,true,true,2,g,3,[[1],{"x":"y"}]');
  });

  it('errors cross as a new Error with their message only (thrown or rejected)', async () => {
    const errors = await inPage<string[]>(`(async () => {
      const out = [];
      try { fixture.throws(); } catch (error) { out.push(error.constructor.name + ': ' + error.message); }
      try { await fixture.rejects(); } catch (error) { out.push(error.constructor.name + ': ' + error.message); }
      return out;
    })()`);
    expect(errors).toEqual(['Error: thrown in the preload', 'Error: rejected in the preload']);
  });

  it('one API per key, a sandboxed require, and nothing of Node in the page', async () => {
    expect(await inPage('window.secondExposeError')).toBe(
      'Cannot bind an API on top of an existing property on the window object',
    );
    expect(await inPage('fixture.requireOther()')).toBe('module not found: fs');
    expect(await inPage('[typeof require, typeof process, typeof ipcRenderer].join()')).toBe(
      'undefined,undefined,undefined',
    );
  });
});

describe('ipcRenderer and ipcMain', () => {
  it('invoke reaches the handler with the arguments and the sending frame', async () => {
    const answer = await inPage<Record<string, unknown>>(
      `fixture.invoke('echo', 1, 'a', { b: [2], when: new Date(3) })`,
    );
    expect(answer).toMatchObject({
      senderUrl: 'fixture://app/index.html',
      senderIsMain: true,
      senderOrigin: 'fixture://app',
    });
    expect((answer.args as unknown[]).slice(0, 2)).toEqual([1, 'a']);
    expect(
      await inPage(
        `fixture.invoke('echo', { when: new Date(3) }).then((a) => a.args[0].when instanceof Date && a.args[0].when.getTime())`,
      ),
    ).toBe(3);
  });

  it('fails as Electron does: the handler’s error, a missing handler, what cannot be cloned', async () => {
    const failures = await inPage<string[]>(`(async () => {
      const out = [];
      for (const call of [
        () => fixture.invoke('fails'),
        () => fixture.invoke('no-such-channel'),
        () => fixture.invoke('echo', () => 1),
        () => fixture.invoke('returns-function'),
      ]) {
        try { await call(); out.push('resolved'); } catch (error) { out.push(error.message); }
      }
      return out;
    })()`);
    expect(failures[0]).toBe("Error invoking remote method 'fails': RangeError: handler said no");
    expect(failures[1]).toBe(
      "Error invoking remote method 'no-such-channel': Error: No handler registered for 'no-such-channel'",
    );
    expect(failures[2]).toMatch(/could not be cloned/);
    expect(failures[3]).toMatch(
      /^Error invoking remote method 'returns-function': .*could not be cloned/,
    );
    // Main logs a failed handler, as Electron does.
    await expect.poll(() => app.stderr, WAIT).toContain("Error occurred in handler for 'fails'");
  });

  it('webContents.send reaches the ipcRenderer listeners, the values cloned', async () => {
    expect(await inPage(`fixture.invoke('push', 'hi')`)).toBe(true);
    await expect.poll(() => inPage<number>('fixture.pushed().length'), WAIT).toBe(1);
    expect(
      await inPage(
        `(() => { const [m] = fixture.pushed(); return [m.args[0], m.args[1].at instanceof Date, m.senderIsIpcRenderer].join(); })()`,
      ),
    ).toBe('hi,true,true');
  });
});

describe('protocol.handle', () => {
  it('answers the page’s fetch with a Request for the app’s own scheme', async () => {
    const answer = await inPage<{ url: string; method: string }>(
      `fetch('/echo').then((response) => response.json())`,
    );
    expect(answer).toEqual({ url: 'fixture://app/echo', method: 'GET' });
    const missing = await inPage<number>(`fetch('/nothing').then((response) => response.status)`);
    expect(missing).toBe(404);
  });
});

// ── The desktop's parts ─────────────────────────────────────────────────────────────────────────

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const trayPng = path.join(repoRoot, 'resources/tray/tray.png');
const trayPng2x = path.join(repoRoot, 'resources/tray/tray@2x.png');
const PNG_SIGNATURE = '89504e470d0a1a0a';

interface ImageSeen {
  empty: boolean;
  size: { width: number; height: number };
  pngBase64: string;
  dataUrl: string;
  error?: string;
}

/** A PNG's own size, from its IHDR (https://www.w3.org/TR/png-3/#11IHDR). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** What Electron promises of an image that loaded: toPNG() is it, and toDataURL() is that PNG. */
function expectImage(image: ImageSeen, size: { width: number; height: number }): void {
  expect(image.empty).toBe(false);
  expect(image.size).toEqual(size);
  const png = Buffer.from(image.pngBase64, 'base64');
  expect(pngSize(png)).toEqual(size);
  expect(image.dataUrl).toBe(`data:image/png;base64,${image.pngBase64}`);
}

describe('nativeImage', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'portscope-native-image-'));
    const bytes = readFileSync(trayPng);
    await writeFile(path.join(dir, 'truncated.png'), bytes.subarray(0, bytes.length - 20));
    const badCrc = Buffer.from(bytes);
    badCrc[29] ^= 0xff; // inside IHDR's CRC
    await writeFile(path.join(dir, 'bad-crc.png'), badCrc);
    await writeFile(path.join(dir, 'text.png'), 'not an image\n');
    await mkdir(path.join(dir, 'folder.png'));
    await copyFile(trayPng2x, path.join(dir, 'only@2x.png'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('loads a PNG with its @2x variant, sizes in DIPs, a relative path from the working directory', async () => {
    const own = pngSize(readFileSync(trayPng));
    const twice = pngSize(readFileSync(trayPng2x));
    const half = { width: twice.width / 2, height: twice.height / 2 };
    const { fromPaths } = await inPage<{ fromPaths: ImageSeen[] }>(
      `fixture.invoke('native-images', ${JSON.stringify([
        trayPng,
        // The app runs in the checkout (launch.ts's cwd): a relative path is read from there.
        'resources/tray/tray.png',
      ])})`,
    );
    expectImage(fromPaths[0]!, own);
    expectImage(fromPaths[1]!, own);
    const sizeOf = (file: string, scaleFactor: number) =>
      inPage<{ size: unknown; empty: boolean }>(
        `fixture.invoke('native-image-at-scale', ${JSON.stringify(file)}, ${scaleFactor})`,
      );
    // The @2x representation beside the file is loaded too: the same image, in DIPs.
    expect(await sizeOf(trayPng, 2)).toEqual({ size: own, empty: false });
    // A name that gives its scale is that scale: 32 px at 2x is 16 x 16 DIPs.
    expect(await sizeOf(trayPng2x, 1)).toEqual({ size: half, empty: false });
    // Only the @2x file exists: createFromPath('only.png') still loads it, at scale 2.
    expect(await sizeOf(path.join(dir, 'only.png'), 2)).toEqual({ size: half, empty: false });
    expect(
      app.log.some(
        (entry) =>
          entry.call === 'nativeImage.createFromPath' &&
          (entry.detail as { path: string }).path === trayPng,
      ),
    ).toBe(true);
  });

  it('is empty for a path that does not exist, cannot be read, or is not a valid image', async () => {
    const paths = [
      '',
      path.join(dir, 'missing.png'),
      path.join(dir, 'folder.png'),
      path.join(dir, 'text.png'),
      path.join(dir, 'truncated.png'),
      path.join(dir, 'bad-crc.png'),
    ];
    const { fromPaths, empty } = await inPage<{ fromPaths: ImageSeen[]; empty: ImageSeen }>(
      `fixture.invoke('native-images', ${JSON.stringify(paths)})`,
    );
    // An empty image (createEmpty's too): no size, an empty PNG, an empty data URL.
    const nothing = { empty: true, size: { width: 0, height: 0 }, pngBase64: '' };
    for (const image of [...fromPaths, empty]) {
      expect(image).toEqual({ ...nothing, dataUrl: 'data:image/png;base64,' });
    }
  });
});

describe('app.getFileIcon', () => {
  it('gives the icon of the file’s type at 16, 32 (default) and 48 px, even for a missing file', async () => {
    const icon = (file: string, options?: object) =>
      inPage<ImageSeen>(
        `fixture.invoke('file-icon', ${JSON.stringify(file)}, ${options ? JSON.stringify(options) : 'undefined'})`,
      );
    expectImage(await icon(process.execPath, { size: 'small' }), { width: 16, height: 16 });
    expectImage(await icon(process.execPath, { size: 'normal' }), { width: 32, height: 32 });
    expectImage(await icon(process.execPath, { size: 'large' }), { width: 48, height: 48 });
    expectImage(await icon(process.execPath), { width: 32, height: 32 });
    // Linux guesses the type from the name alone: the file need not exist.
    expectImage(await icon('/nonexistent/portscope-program', { size: 'small' }), {
      width: 16,
      height: 16,
    });
    expect(
      app.log.filter((entry) => entry.call === 'app.getFileIcon').map((entry) => entry.detail),
    ).toEqual(
      expect.arrayContaining([
        { path: process.execPath, size: 'small' },
        { path: process.execPath, size: null },
      ]),
    );
    // A wrong argument throws within the call, as Electron's argument conversion does.
    expect(await inPage(`fixture.invoke('file-icon-bad-argument')`)).toMatch(/^TypeError: /);
  });
});

describe('Tray', () => {
  const trayOf = async (): Promise<TraySnapshot> => {
    const { trays } = await app.state();
    const live = trays.filter((tray) => !tray.destroyed);
    expect(live).toHaveLength(1);
    return live[0]!;
  };
  const events = () => inPage<Record<string, unknown>[]>(`fixture.invoke('tray-events')`);

  it('cannot be made before the app is ready', async () => {
    expect(await inPage(`fixture.invoke('tray-before-ready')`)).toEqual({
      error: 'Error: Cannot create Tray before app is ready',
    });
  });

  it('shows its image, tooltip and menu; a click runs the item’s handler with the focused window', async () => {
    expect(await inPage(`fixture.invoke('tray-create', ${JSON.stringify(trayPng)})`)).toBe(false);
    const tray = await trayOf();
    expect(tray).toMatchObject({
      toolTip: 'Fixture tray',
      title: '',
      destroyed: false,
      image: { path: trayPng, empty: false, scaleFactors: [1, 2] },
    });
    expect(tray.contextMenu?.map((item) => [item.label, item.type, item.enabled])).toEqual([
      ['Say hello', 'normal', true],
      ['Watch', 'checkbox', true],
      ['Not now', 'normal', false],
      ['', 'separator', true],
      ['More', 'submenu', true],
    ]);
    // The test's own view, pushed as it changed, agrees.
    expect(app.trays.get(tray.id)).toEqual(tray);

    const window = [...app.windows.values()].find((w) => !w.destroyed)!;
    await app.command({ command: 'clickTrayMenu', trayId: tray.id, path: ['Say hello'] });
    await app.command({ command: 'clickTrayMenu', trayId: tray.id, path: ['Watch'] });
    await app.command({ command: 'clickTrayMenu', trayId: tray.id, path: ['More', 'Deep'] });
    await expect(
      app.command({ command: 'clickTrayMenu', trayId: tray.id, path: ['Not now'] }),
    ).rejects.toThrow('"Not now" is disabled in the tray menu');
    await expect(
      app.command({ command: 'clickTrayMenu', trayId: tray.id, path: ['Nothing'] }),
    ).rejects.toThrow('The tray menu has no "Nothing"');
    // The icon itself: Linux has no bounds or position to give, and no mouse button flags.
    await app.command({ command: 'clickTray', trayId: tray.id });
    expect(await events()).toEqual([
      { label: 'Say hello', window: window.id },
      // A checkbox is toggled before its click handler runs.
      { label: 'Watch', checked: true },
      { label: 'Deep' },
      {
        click: {
          shiftKey: false,
          ctrlKey: false,
          altKey: false,
          metaKey: false,
          triggeredByAccelerator: true,
        },
        bounds: { x: 0, y: 0, width: 0, height: 0 },
        position: { x: 0, y: 0 },
      },
    ]);
  });

  it('shows a changed menu item only once the menu is set again (Linux)', async () => {
    const watch = async () => (await trayOf()).contextMenu?.find((item) => item.label === 'Watch');
    const before = (await watch())!.checked;
    await inPage(`fixture.invoke('tray-check-watch')`);
    expect((await watch())!.checked).toBe(before);
    await inPage(`fixture.invoke('tray-set-menu-again')`);
    expect((await watch())!.checked).toBe(true);
  });

  it('fails as Electron does: a bad image or menu, and anything after destroy()', async () => {
    expect(await inPage(`fixture.invoke('tray-misuse')`)).toEqual({
      missingImagePath: {
        error: "Error: Failed to load image from path '/nonexistent/portscope-fixture.png'",
      },
      notAnImage: { error: 'Error: Argument must be a file path or a NativeImage' },
      notAMenu: { error: 'TypeError: Must pass Menu or null' },
      emptyImage: {},
      setTitle: {},
      destroyed: { value: true },
      afterDestroy: { error: 'Error: Tray is destroyed' },
    });
    const { trays } = await app.state();
    const destroyed = trays.filter((tray) => tray.destroyed);
    expect(destroyed).toHaveLength(1);
    expect(destroyed[0]).toMatchObject({ contextMenu: null, image: { empty: true } });
    await expect(app.command({ command: 'clickTray', trayId: destroyed[0]!.id })).rejects.toThrow(
      'is destroyed',
    );
  });
});

describe('windows and the app', () => {
  it('a window emits show and hide when its visibility changes, and isVisible follows', async () => {
    expect(await inPage(`fixture.invoke('window-visibility')`)).toEqual({
      events: ['hide false', 'show true'],
      hidden: false,
      shown: true,
    });
  });

  it('app emits browser-window-created for each new window; off and removeListener stop it', async () => {
    const seen = await inPage<{
      mainId: number;
      secondId: number;
      windowsCreated: unknown[];
      removedHeard: string[];
    }>(`fixture.invoke('second-window')`);
    expect(seen.windowsCreated).toEqual([
      { id: seen.mainId, preventDefault: 'function', isWindow: true },
      { id: seen.secondId, preventDefault: 'function', isWindow: true },
    ]);
    expect(seen.removedHeard).toEqual([]);
  });
});
