// Where our renderer lives, and whether a URL is it. Plain module (no 'electron' import) so the
// trust decision main makes for every IPC message is unit-tested.
//
// In a packaged or built app the renderer is out/renderer/index.html loaded over file://; under
// `electron-vite dev` it is the Vite dev server named by ELECTRON_RENDERER_URL. Anything else
// that manages to run in a frame of ours (a navigated page, an iframe, devtools extensions) is
// not allowed to call the backend.
import { fileURLToPath, pathToFileURL } from 'node:url';

export type RendererLocation =
  { kind: 'file'; indexHtmlPath: string } | { kind: 'dev-server'; origin: string; url: string };

export function rendererLocation(options: {
  /** process.env.ELECTRON_RENDERER_URL, set by electron-vite in dev only. */
  devServerUrl: string | undefined;
  isPackaged: boolean;
  indexHtmlPath: string;
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
  return { kind: 'file', indexHtmlPath: options.indexHtmlPath };
}

/** True only for the renderer's own page (query and fragment aside). */
export function isTrustedRendererUrl(
  url: string | null | undefined,
  location: RendererLocation,
): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (location.kind === 'dev-server') return parsed.origin === location.origin;
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
  try {
    return fileURLToPath(parsed) === fileURLToPath(pathToFileURL(location.indexHtmlPath));
  } catch {
    return false;
  }
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

function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    hostname === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

/**
 * Requests the page may make at all (session webRequest.onBeforeRequest): its own files, the dev
 * server, inline data and the developer tools. Nothing goes to the network, so even a script
 * that slipped past the CSP has nowhere to send the table.
 */
export function isAllowedRequestUrl(url: string, location: RendererLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  switch (parsed.protocol) {
    case 'data:':
    case 'blob:':
    case 'devtools:':
      return true;
    case 'file:': {
      if (location.kind !== 'file' || parsed.host !== '') return false;
      const rendererDir = fileURLToPath(new URL('.', pathToFileURL(location.indexHtmlPath)));
      try {
        return fileURLToPath(parsed).startsWith(rendererDir);
      } catch {
        return false;
      }
    }
    case 'http:':
    case 'https:':
    case 'ws:':
    case 'wss:':
      return location.kind === 'dev-server' && parsed.host === new URL(location.origin).host;
    default:
      return false;
  }
}
