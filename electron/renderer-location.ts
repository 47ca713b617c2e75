// Where our renderer lives, and whether a URL is it. Plain module (no 'electron' import) so the
// trust decisions main makes (for every IPC message, every request the page makes, every file
// the app protocol serves) are unit-tested.
//
// Built or packaged, the renderer is served from out/renderer over our own scheme,
// portscope://app/index.html (electron/app-protocol.ts), rather than file://: a file:// page is
// granted access to every file:// URL, while portscope://app is one origin that can read nothing
// but its own folder (Electron security checklist, "avoid file://"). Under `electron-vite dev` it
// is the Vite dev server named by ELECTRON_RENDERER_URL.
import { isAbsolute, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'portscope';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

export type RendererLocation =
  | { kind: 'app-protocol'; rendererDir: string; url: string }
  | { kind: 'dev-server'; origin: string; url: string };

export function rendererLocation(options: {
  /** process.env.ELECTRON_RENDERER_URL, set by electron-vite in dev only. */
  devServerUrl: string | undefined;
  isPackaged: boolean;
  /** out/renderer: the folder the app protocol serves. */
  rendererDir: string;
}): RendererLocation {
  if (!options.isPackaged && options.devServerUrl) {
    const url = new URL(options.devServerUrl);
    // The dev server must be on this machine: a remote URL would hand the backend to it.
    if (!isLoopbackHost(url.hostname) || !['http:', 'https:'].includes(url.protocol)) {
      throw new Error(
        `ELECTRON_RENDERER_URL must be a loopback http(s) URL, not ${options.devServerUrl}`,
      );
    }
    return { kind: 'dev-server', origin: url.origin, url: url.href };
  }
  return { kind: 'app-protocol', rendererDir: options.rendererDir, url: APP_INDEX_URL };
}

function parse(url: string | null | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for the renderer's own page (query and fragment aside). */
export function isTrustedRendererUrl(
  url: string | null | undefined,
  location: RendererLocation,
): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (location.kind === 'dev-server') return parsed.origin === location.origin;
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.pathname === '/index.html'
  );
}

/** The sender of an IPC message, as much of it as the trust decision needs. */
export interface IpcSender {
  /** senderFrame.url; null when the frame is gone. */
  url: string | null;
  /** senderFrame.parent === null: subframes never talk to the backend. */
  isMainFrame: boolean;
}

export function isTrustedSender(sender: IpcSender, location: RendererLocation): boolean {
  return sender.isMainFrame && isTrustedRendererUrl(sender.url, location);
}

/**
 * Requests the page may make at all (session webRequest.onBeforeRequest): its own origin, inline
 * data and the developer tools. Nothing goes to the network or to file://, so even a script that
 * slipped past the CSP has nowhere to send the table and nothing else to read.
 */
export function isAllowedRequestUrl(url: string, location: RendererLocation): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  switch (parsed.protocol) {
    case 'data:':
    case 'blob:':
    case 'devtools:':
      return true;
    case `${APP_SCHEME}:`:
      return location.kind === 'app-protocol' && parsed.host === APP_HOST;
    case 'http:':
    case 'https:':
    case 'ws:':
    case 'wss:':
      return location.kind === 'dev-server' && parsed.host === new URL(location.origin).host;
    default:
      return false;
  }
}

/**
 * Responses main adds the CSP header to (session webRequest.onHeadersReceived): the dev server's
 * only. portscope://app sends its own (app-protocol.ts), and a header on every response would
 * also land on the DevTools pages (devtools://), which then refuse to run
 * (https://github.com/electron/electron/issues/22451).
 */
export function needsCspHeader(url: string, location: RendererLocation): boolean {
  return location.kind === 'dev-server' && parse(url)?.origin === location.origin;
}

/**
 * The file a portscope://app URL names inside the renderer folder, or null when it names
 * anything else (another host, a path that climbs out with .. or encoded separators).
 */
export function rendererFileFor(url: string, rendererDir: string): string | null {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // An encoded separator or NUL inside a segment is never a real file name of ours.
  if (path.includes('\\') || path.includes('\0')) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
    return null;
  }
  return file;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** Content type by extension; module scripts are refused without a JavaScript type. */
export function contentTypeOf(file: string): string {
  const dot = file.lastIndexOf('.');
  return (dot >= 0 && CONTENT_TYPES[file.slice(dot).toLowerCase()]) || 'application/octet-stream';
}

function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}
