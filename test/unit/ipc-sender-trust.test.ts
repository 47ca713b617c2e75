// The trust decisions main makes: which IPC senders may call the backend, which requests the
// page may make, and which files portscope://app serves.
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  contentTypeOf,
  isAllowedRequestUrl,
  isTrustedRendererUrl,
  isTrustedSender,
  rendererFileFor,
  rendererLocation,
} from '../../electron/renderer-location';

const rendererDir = '/opt/Portscope/resources/app.asar/out/renderer';
const built = rendererLocation({ devServerUrl: undefined, isPackaged: true, rendererDir });
const dev = rendererLocation({
  devServerUrl: 'http://localhost:5173/',
  isPackaged: false,
  rendererDir,
});

describe('rendererLocation', () => {
  it('serves the built renderer on portscope://app when packaged, even if the dev URL is set', () => {
    const location = rendererLocation({
      devServerUrl: 'http://localhost:5173/',
      isPackaged: true,
      rendererDir,
    });
    expect(location).toEqual({ kind: 'app-protocol', rendererDir, url: APP_INDEX_URL });
    expect(APP_INDEX_URL).toBe('portscope://app/index.html');
  });

  it('uses the dev server when unpackaged and set', () => {
    expect(dev).toEqual({
      kind: 'dev-server',
      origin: 'http://localhost:5173',
      url: 'http://localhost:5173/',
    });
  });

  it('refuses a dev server that is not on this machine', () => {
    for (const devServerUrl of ['http://192.0.2.10:5173/', 'file:///tmp/x.html']) {
      expect(() => rendererLocation({ devServerUrl, isPackaged: false, rendererDir })).toThrow(
        /loopback/,
      );
    }
  });
});

describe('isTrustedRendererUrl (built app)', () => {
  it('trusts our index.html, with or without query and fragment', () => {
    expect(isTrustedRendererUrl(APP_INDEX_URL, built)).toBe(true);
    expect(isTrustedRendererUrl(`${APP_INDEX_URL}?x=1#/settings`, built)).toBe(true);
    // Chromium reports frame URLs canonical (lower-case host, no ..); anything else is refused.
    expect(isTrustedRendererUrl('portscope://app/x/../index.html', built)).toBe(true);
    expect(isTrustedRendererUrl('portscope://APP/index.html', built)).toBe(false);
  });

  it('refuses other pages of our origin, other origins, schemes and garbage', () => {
    for (const url of [
      'portscope://app/other.html',
      'portscope://app/',
      'portscope://evil/index.html',
      'portscope://user:pw@app/index.html',
      'file:///opt/Portscope/resources/app.asar/out/renderer/index.html',
      'https://example.com/index.html',
      'http://localhost:5173/',
      'about:blank',
      'data:text/html,<p>hi</p>',
      'devtools://devtools/bundled/inspector.html',
      'not a url',
      '',
      null,
      undefined,
    ]) {
      expect(isTrustedRendererUrl(url, built), String(url)).toBe(false);
    }
  });
});

describe('isTrustedRendererUrl (dev server)', () => {
  it('trusts any page of the dev server origin and nothing else', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/index.html?t=1', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedRendererUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isTrustedRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isTrustedRendererUrl(APP_INDEX_URL, dev)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('needs the main frame as well as our URL', () => {
    expect(isTrustedSender({ url: APP_INDEX_URL, isMainFrame: true }, built)).toBe(true);
    expect(isTrustedSender({ url: APP_INDEX_URL, isMainFrame: false }, built)).toBe(false);
    expect(isTrustedSender({ url: null, isMainFrame: true }, built)).toBe(false);
  });
});

describe('isAllowedRequestUrl', () => {
  it('lets the built page load its own origin and inline data only', () => {
    expect(isAllowedRequestUrl('portscope://app/assets/index-abc.js', built)).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA', built)).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'file:///opt/Portscope/resources/app.asar/out/renderer/index.html',
      'portscope://other/x.js',
      'https://example.com/collect?rows=1',
      'http://localhost:5173/',
      'ftp://example.com/',
    ]) {
      expect(isAllowedRequestUrl(url, built), url).toBe(false);
    }
  });

  it('lets the dev page reach its dev server (http and the hot-reload socket) only', () => {
    expect(isAllowedRequestUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequestUrl('ws://localhost:5173/?token=x', dev)).toBe(true);
    expect(isAllowedRequestUrl('http://localhost:8080/', dev)).toBe(false);
    expect(isAllowedRequestUrl('https://example.com/', dev)).toBe(false);
    expect(isAllowedRequestUrl(APP_INDEX_URL, dev)).toBe(false);
  });
});

describe('rendererFileFor', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'portscope-renderer-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html>');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('maps our URLs to files inside the renderer folder', () => {
    expect(rendererFileFor('portscope://app/index.html', dir)).toBe(join(dir, 'index.html'));
    expect(rendererFileFor('portscope://app/', dir)).toBe(join(dir, 'index.html'));
    expect(rendererFileFor('portscope://app/assets/index-abc.js?v=1', dir)).toBe(
      join(dir, 'assets/index-abc.js'),
    );
    expect(rendererFileFor('portscope://app/assets/a%20b.css', dir)).toBe(
      join(dir, 'assets/a b.css'),
    );
  });

  it('never maps outside the folder, whatever the encoding', () => {
    for (const url of [
      'portscope://app/../../etc/passwd',
      'portscope://app/%2e%2e/%2e%2e/etc/passwd',
      'portscope://app/assets/..%2f..%2f..%2fetc%2fpasswd',
      'portscope://app/..%5c..%5cwindows',
      'portscope://app/a%00.html',
      'portscope://app/%E0%A4%A',
      'portscope://other/index.html',
      'file:///etc/passwd',
      'garbage',
    ]) {
      const file = rendererFileFor(url, dir);
      expect(file === null || file.startsWith(`${dir}/`), `${url} → ${file}`).toBe(true);
      expect(file, url).not.toBe('/etc/passwd');
    }
  });

  it('a symlink inside the folder is the packager’s business: the path stays inside', async () => {
    await symlink('/etc', join(dir, 'etc-link')).catch(() => undefined);
    // Lexically inside; the folder is written by our build, not by the page.
    expect(rendererFileFor('portscope://app/etc-link/hostname', dir)).toBe(
      join(dir, 'etc-link/hostname'),
    );
  });
});

describe('contentTypeOf', () => {
  it('gives module scripts a JavaScript type and unknown files a safe default', () => {
    expect(contentTypeOf('/x/assets/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/x/a.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('/x/LICENSE')).toBe('application/octet-stream');
  });
});
