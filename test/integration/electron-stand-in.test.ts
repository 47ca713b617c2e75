// The Electron stand-in (test/electron-runtime) against what Electron documents, with a small app
// of its own (test/electron-runtime/conformance/): the contextBridge copies and proxies values as
// docs/api/context-bridge.md says (functions proxied, a new proxy per crossing; promises proxied;
// errors as their message; other values cloned; the API frozen on a read-only property; one API
// per key), a sandboxed preload's require offers only 'electron', ipcRenderer.invoke reaches the
// handler with the real sending frame and fails with Electron's messages, webContents.send
// reaches ipcRenderer listeners, and the app's protocol handler answers the page's requests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type AppProcess } from '../electron-runtime/launch';

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
