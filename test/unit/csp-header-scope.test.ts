import { describe, expect, it } from 'vitest';
import { needsCspHeader, rendererLocation } from '../../electron/renderer-location';

const dev = rendererLocation({
  devServerUrl: 'http://localhost:5173/',
  isPackaged: false,
  rendererDir: '/app/out/renderer',
});
const built = rendererLocation({
  devServerUrl: undefined,
  isPackaged: true,
  rendererDir: '/app/out/renderer',
});

describe('needsCspHeader', () => {
  it('adds the header to the dev server responses only', () => {
    expect(needsCspHeader('http://localhost:5173/', dev)).toBe(true);
    expect(needsCspHeader('http://localhost:5173/src/main.tsx?t=1', dev)).toBe(true);
    expect(needsCspHeader('http://localhost:5174/', dev)).toBe(false);
    expect(needsCspHeader('http://127.0.0.1:5173/', dev)).toBe(false);
  });

  it('leaves DevTools pages alone (a CSP there stops them running)', () => {
    expect(needsCspHeader('devtools://devtools/bundled/devtools_app.html', dev)).toBe(false);
    expect(needsCspHeader('devtools://devtools/bundled/devtools_app.html', built)).toBe(false);
  });

  it('leaves portscope://app to the protocol handler, which sends its own', () => {
    expect(needsCspHeader('portscope://app/index.html', built)).toBe(false);
    expect(needsCspHeader('not a url', built)).toBe(false);
  });
});
