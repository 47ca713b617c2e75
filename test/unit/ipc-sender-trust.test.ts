// The trust decision main makes for every IPC message, and the requests the page may make.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  isAllowedRequestUrl,
  isTrustedRendererUrl,
  isTrustedSender,
  rendererLocation,
} from '../../electron/renderer-location';

const indexHtmlPath = '/opt/Portscope/resources/app.asar/out/renderer/index.html';
const built = rendererLocation({ devServerUrl: undefined, isPackaged: true, indexHtmlPath });
const dev = rendererLocation({
  devServerUrl: 'http://localhost:5173/',
  isPackaged: false,
  indexHtmlPath,
});
const ownUrl = pathToFileURL(indexHtmlPath).href;

describe('rendererLocation', () => {
  it('uses the built file when packaged, even if the dev variable is set', () => {
    const location = rendererLocation({
      devServerUrl: 'http://localhost:5173/',
      isPackaged: true,
      indexHtmlPath,
    });
    expect(location).toEqual({ kind: 'file', indexHtmlPath });
  });

  it('uses the dev server when unpackaged and set', () => {
    expect(dev).toEqual({
      kind: 'dev-server',
      origin: 'http://localhost:5173',
      url: 'http://localhost:5173/',
    });
  });

  it('refuses a dev server that is not on this machine', () => {
    expect(() =>
      rendererLocation({
        devServerUrl: 'http://192.0.2.10:5173/',
        isPackaged: false,
        indexHtmlPath,
      }),
    ).toThrow(/loopback/);
    expect(() =>
      rendererLocation({ devServerUrl: 'file:///tmp/x.html', isPackaged: false, indexHtmlPath }),
    ).toThrow(/loopback/);
  });
});

describe('isTrustedRendererUrl (built app)', () => {
  it('trusts our index.html, with or without query and fragment', () => {
    expect(isTrustedRendererUrl(ownUrl, built)).toBe(true);
    expect(isTrustedRendererUrl(`${ownUrl}?x=1#/settings`, built)).toBe(true);
  });

  it('refuses other files, even next to ours or reached by ..', () => {
    const other = pathToFileURL(join(indexHtmlPath, '../other.html')).href;
    expect(isTrustedRendererUrl(other, built)).toBe(false);
    expect(isTrustedRendererUrl('file:///etc/passwd', built)).toBe(false);
    expect(
      isTrustedRendererUrl(
        'file:///opt/Portscope/resources/app.asar/out/renderer/sub/../../renderer/evil.html',
        built,
      ),
    ).toBe(false);
  });

  it('normalizes .. and percent-encoding the same way the browser does', () => {
    expect(
      isTrustedRendererUrl(
        'file:///opt/Portscope/resources/app.asar/out/x/../renderer/index%2Ehtml',
        built,
      ),
    ).toBe(true);
  });

  it('refuses remote pages, other schemes, UNC-style hosts and garbage', () => {
    for (const url of [
      'https://example.com/index.html',
      'http://localhost:5173/',
      'about:blank',
      'data:text/html,<p>hi</p>',
      'devtools://devtools/bundled/inspector.html',
      `file://evil-host${indexHtmlPath}`,
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
    expect(isTrustedRendererUrl(ownUrl, dev)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('needs the main frame as well as our URL', () => {
    expect(isTrustedSender({ url: ownUrl, isMainFrame: true }, built)).toBe(true);
    expect(isTrustedSender({ url: ownUrl, isMainFrame: false }, built)).toBe(false);
    expect(isTrustedSender({ url: null, isMainFrame: true }, built)).toBe(false);
  });
});

describe('isAllowedRequestUrl', () => {
  it('lets the built page load its own files and inline data only', () => {
    const asset = pathToFileURL(join(indexHtmlPath, '../assets/index-abc.js')).href;
    expect(isAllowedRequestUrl(ownUrl, built)).toBe(true);
    expect(isAllowedRequestUrl(asset, built)).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA', built)).toBe(true);
    expect(isAllowedRequestUrl('file:///etc/passwd', built)).toBe(false);
    expect(
      isAllowedRequestUrl('file:///opt/Portscope/resources/app.asar/out/main/index.js', built),
    ).toBe(false);
    expect(isAllowedRequestUrl('https://example.com/collect?rows=1', built)).toBe(false);
    expect(isAllowedRequestUrl('http://localhost:5173/', built)).toBe(false);
    expect(isAllowedRequestUrl('ftp://example.com/', built)).toBe(false);
  });

  it('lets the dev page reach its dev server (http and the hot-reload socket) only', () => {
    expect(isAllowedRequestUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequestUrl('ws://localhost:5173/?token=x', dev)).toBe(true);
    expect(isAllowedRequestUrl('http://localhost:8080/', dev)).toBe(false);
    expect(isAllowedRequestUrl('https://example.com/', dev)).toBe(false);
    expect(isAllowedRequestUrl(ownUrl, dev)).toBe(false);
  });
});
