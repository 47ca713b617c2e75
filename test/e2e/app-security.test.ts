// End to end, the whole app: what the page may and may not do, enforced by the app's own main
// process (electron/session-hardening.ts, app-protocol.ts, ipc.ts) under the Electron stand-in.
// The page is served by the app's protocol handler with the CSP as a header; navigation,
// window.open and permissions are refused; only the renderer's own page may call main, and every
// channel of the contract is answered there. A loopback HTTP server this test starts stands for
// "somewhere else": it must never see a request.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/content-security-policy';
import { APP_INDEX_URL } from '../../electron/renderer-location';
import { channelOf, invokeNames } from '../../shared/contract';
import { openPortscopePage, type PortscopePage } from '../support/portscope-app';

const WAIT = { timeout: 15_000, interval: 100 };
const policy = contentSecurityPolicy({ kind: 'app-protocol', rendererDir: '', url: APP_INDEX_URL });

let portscope: PortscopePage;
let elsewhere: Server;
let elsewhereUrl = '';
const elsewhereRequests: string[] = [];

/** Runs `source` in the page's main world as a page script would (the test has no DOM types). */
function inPage<T>(source: string): Promise<T> {
  return portscope.page.evaluate(source) as Promise<T>;
}

beforeAll(async () => {
  elsewhere = createServer((request, response) => {
    elsewhereRequests.push(request.url ?? '');
    response.end('<p>elsewhere</p>');
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  const address = elsewhere.address();
  if (address === null || typeof address === 'string') throw new Error('no server address');
  elsewhereUrl = `http://127.0.0.1:${address.port}`;
  portscope = await openPortscopePage({ settings: { poll: { intervalMs: 1000, paused: false } } });
}, 120_000);

afterAll(async () => {
  await portscope?.close();
  await new Promise((resolve) => elsewhere?.close(resolve));
});

describe('the page the app serves', () => {
  it('is portscope://app/index.html from the app’s protocol handler, with the CSP header, and runs without violations', async () => {
    const { page, app } = portscope;
    expect((await portscope.window()).url).toBe(APP_INDEX_URL);
    await page.addInitScript({
      content: `globalThis.__violations = [];
        document.addEventListener('securitypolicyviolation', (event) => {
          globalThis.__violations.push(event.effectiveDirective + ' blocked ' + (event.blockedURI || '(inline)'));
        });`,
    });
    const response = await page.reload({ waitUntil: 'load' });
    // The header main's protocol handler sent with the document (electron/app-protocol.ts).
    expect(response?.headers()['content-security-policy']).toBe(policy);
    expect(response?.headers()['x-content-type-options']).toBe('nosniff');
    await page.waitForSelector('.ag-row', { timeout: 30_000 });
    // webRequest saw the real scheme, and the handler answered it (no request was refused).
    expect(app.log.some((entry) => entry.call === 'session.request.cancelled')).toBe(false);

    // An inline script the page did not ship is refused by the policy.
    const inline = await inPage<unknown>(`(() => {
      const script = document.createElement('script');
      script.textContent = 'globalThis.__inlineRan = true';
      document.body.append(script);
      return globalThis.__inlineRan ?? false;
    })()`);
    expect(inline).toBe(false);
    const violations = await inPage<string[]>('globalThis.__violations');
    // zod probes once whether eval is allowed (caught); anything else blocked broke the page.
    // The inline script is reported once per policy (the header and the page's meta tag).
    const others = violations.filter((v) => v !== 'script-src blocked eval');
    expect(others.length).toBeGreaterThan(0);
    expect(new Set(others)).toEqual(new Set(['script-src-elem blocked inline']));
    expect(portscope.pageErrors.filter((e) => !/Content Security Policy/.test(e))).toEqual([]);
  });

  it('cannot reach the network: fetch and images elsewhere never leave the page', async () => {
    const fetched = await inPage<string>(
      `fetch(${JSON.stringify(`${elsewhereUrl}/fetch`)}).then(() => 'loaded', (e) => e.name)`,
    );
    expect(fetched).toBe('TypeError');
    await inPage(
      `new Promise((resolve) => { const img = new Image(); img.onload = img.onerror = resolve; img.src = ${JSON.stringify(`${elsewhereUrl}/img`)}; })`,
    );
    expect(elsewhereRequests).toEqual([]);
  });
});

describe('navigation, new windows and permissions', () => {
  it('a navigation the page starts is stopped (will-navigate), and the page stays', async () => {
    const { page, app } = portscope;
    await inPage(`location.href = ${JSON.stringify(`${elsewhereUrl}/navigate`)}`);
    await expect
      .poll(
        () =>
          app.log.find(
            (entry) =>
              entry.call === 'webContents.will-navigate' &&
              (entry.detail as { url: string }).url === `${elsewhereUrl}/navigate`,
          )?.detail,
        WAIT,
      )
      .toMatchObject({ isMainFrame: true, prevented: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await portscope.window()).url).toBe(APP_INDEX_URL);
    expect(await page.locator('.ag-root-wrapper').count()).toBe(1);
    expect(elsewhereRequests).toEqual([]);
  });

  it('window.open is denied by the app’s window-open handler: no window, no request', async () => {
    const { page, app } = portscope;
    const pagesBefore = page.context().pages().length;
    await inPage(`window.open(${JSON.stringify(`${elsewhereUrl}/popup`)}, 'x', 'width=300')`);
    await expect
      .poll(() => app.log.find((entry) => entry.call === 'webContents.window-open')?.detail, WAIT)
      .toEqual({ url: `${elsewhereUrl}/popup`, action: 'deny' });
    await expect.poll(() => page.context().pages().length, WAIT).toBe(pagesBefore);
    expect((await app.state()).windows).toHaveLength(1);
    expect(elsewhereRequests).toEqual([]);
  });

  it('every permission is refused: notifications, geolocation, camera, clipboard', async () => {
    const answers = await inPage<string[]>(`(async () => [
      await Notification.requestPermission(),
      (await navigator.permissions.query({ name: 'geolocation' })).state,
      (await navigator.permissions.query({ name: 'camera' })).state,
      (await navigator.permissions.query({ name: 'clipboard-read' })).state,
      await new Promise((resolve) =>
        navigator.geolocation.getCurrentPosition(() => resolve('position'), (e) => resolve('error ' + e.code)),
      ),
    ])()`);
    // PERMISSION_DENIED is 1 (https://www.w3.org/TR/geolocation/#dom-geolocationpositionerror).
    expect(answers).toEqual(['denied', 'denied', 'denied', 'denied', 'error 1']);
    const decided = portscope.app.log.find((entry) => entry.call === 'session.permissions');
    const decisions = (decided?.detail as { decisions: Record<string, boolean> }).decisions;
    expect(Object.values(decisions).every((granted) => granted === false)).toBe(true);
    expect(Object.keys(decisions)).toEqual(expect.arrayContaining(['notifications', 'media']));
  });
});

describe('who may call main', () => {
  it('every channel of the contract is registered and answers, refusing arguments it does not take', async () => {
    const registered = portscope.app.log
      .filter((entry) => entry.call === 'ipcMain.handle')
      .map((entry) => (entry.detail as { channel: string }).channel);
    expect(registered.sort()).toEqual(invokeNames.map((name) => channelOf(name)).sort());
    const answers = await inPage<Record<string, string>>(`(async () => {
      const answers = {};
      for (const name of ${JSON.stringify(invokeNames)}) {
        answers[name] = await window.portscope[name]({ junk: true }, 'junk', 99).then(
          () => 'resolved',
          (error) => error.message,
        );
      }
      return answers;
    })()`);
    for (const name of invokeNames) {
      // main's validation answered (a missing handler would say "No handler registered").
      expect(answers[name], name).toMatch(new RegExp(`^Rejected ${name}: `));
    }
  });

  it('a page that is no longer the renderer’s own URL is refused; back at index.html it is answered', async () => {
    const { app } = portscope;
    const asked = (await inPage<string>(`(async () => {
      history.pushState(null, '', '/elsewhere.html');
      try {
        await window.portscope.getSettings();
        return 'answered';
      } catch (error) {
        return error.message;
      } finally {
        history.pushState(null, '', '/index.html');
      }
    })()`)) as string;
    expect(asked).toMatch(/^Refused getSettings from portscope:\/\/app\/elsewhere\.html/);
    await expect.poll(() => app.stderr, WAIT).toContain('Portscope IPC: Refused getSettings');
    const settings = await inPage<{ poll: { intervalMs: number } }>(
      'window.portscope.getSettings()',
    );
    expect(settings.poll.intervalMs).toBe(1000);
  });

  it('a frame inside the page gets no window.portscope (the preload runs in the main frame only)', async () => {
    const inFrame = await inPage<string>(`new Promise((resolve) => {
      const frame = document.createElement('iframe');
      document.body.append(frame);
      resolve(typeof frame.contentWindow.portscope);
      frame.remove();
    })`);
    expect(inFrame).toBe('undefined');
    // And the API the main frame has cannot be replaced or reached around.
    const exposed = await inPage<[boolean, boolean, string]>(`(() => {
      const descriptor = Object.getOwnPropertyDescriptor(window, 'portscope');
      return [descriptor.writable, Object.isFrozen(window.portscope), typeof window.ipcRenderer];
    })()`);
    expect(exposed).toEqual([false, true, 'undefined']);
  });
});

describe('settings the page cannot write', () => {
  it('a file path sent by the page is refused; the blocklist is the file the person picks in main’s dialog', async () => {
    const { api, dialogs } = portscope;
    const { rules } = await portscope.settings.get();
    // The page names a path itself (the contract's types forbid it; a compromised page would not
    // care): refused whole by main's validation, nothing changes.
    const hostile = { rules: { ...rules, blocklistPath: '/etc/passwd' } };
    await expect(
      api.updateSettings(hostile as Parameters<typeof api.updateSettings>[0]),
    ).rejects.toThrow(/Unrecognized key: "blocklistPath"/);
    expect((await portscope.settings.get()).rules.blocklistPath).toBeNull();
    // The page can only ask; main opens its open-file dialog and the person chooses.
    dialogs.answerOpenFile(null);
    const cancelled = await api.changeProtectedSetting({ kind: 'chooseBlocklistFile' });
    expect(cancelled.changed).toBe(false);
    dialogs.answerOpenFile('/srv/lists/blocklist.txt');
    const chosen = await api.changeProtectedSetting({ kind: 'chooseBlocklistFile' });
    expect(chosen.settings.rules.blocklistPath).toBe('/srv/lists/blocklist.txt');
    expect(dialogs.openRequests.map((request) => request.title)).toEqual([
      'Choose a blocklist file',
      'Choose a blocklist file',
    ]);
    expect(
      portscope.app.log.filter((entry) => entry.call === 'dialog.showOpenDialog'),
    ).toHaveLength(2);
    await expect
      .poll(() => portscope.settings.saved()?.rules.blocklistPath, WAIT)
      .toBe('/srv/lists/blocklist.txt');
  });
});
