// session.defaultSession: the permission handlers and webRequest, and the one route every
// request of every window goes through, in Electron's order: onBeforeRequest → the app's
// protocol.handle handler (or the network, for http/https) → onHeadersReceived → the page.
//
// Permissions: Chromium has no DevTools hook for a page's permission request, so the stand-in
// asks the app's request handler (and check handler) about every permission Electron names, for
// the page's origin, before the page loads, and sets Chromium's answer to theirs
// (Browser.setPermission). A page's request then gets exactly the app's answer; the difference
// from Electron is only when the handler is asked. With no handler Electron grants, and so does
// the stand-in.
import type { Route } from 'playwright-core';
import type {
  BeforeRequestDetails,
  HeadersReceivedDetails,
  PermissionName,
  SessionModuleSurface,
  SessionSurface,
  WebContentsSurface,
  WebRequestSurface,
} from '../surface';
import { protocol } from './protocol';
import { webContentsForPage } from './registry';
import { plain, record } from './runtime';
import { fromPageUrl, isMappedScheme, originOf, toPageUrl } from './scheme-origin';
import type { WebContentsStandIn } from './web-contents';

type BeforeRequestListener = (
  details: BeforeRequestDetails,
  callback: (response: Electron.CallbackResponse) => void,
) => void;
type HeadersReceivedListener = (
  details: HeadersReceivedDetails,
  callback: (response: Electron.HeadersReceivedResponse) => void,
) => void;
type RequestHandler = (
  webContents: WebContentsSurface,
  permission: PermissionName,
  callback: (permissionGranted: boolean) => void,
  details: Electron.PermissionRequest,
) => void;
type CheckHandler = (
  webContents: WebContentsSurface | null,
  permission: PermissionName,
  requestingOrigin: string,
  details: Electron.PermissionCheckHandlerHandlerDetails,
) => boolean;
type DeviceHandler = (details: Electron.DevicePermissionHandlerHandlerDetails) => boolean;

class WebRequestStandIn implements WebRequestSurface {
  beforeRequest: BeforeRequestListener | null = null;
  headersReceived: HeadersReceivedListener | null = null;

  onBeforeRequest(listener: BeforeRequestListener | null): void {
    this.beforeRequest = listener;
    record('session.webRequest.onBeforeRequest', { set: listener !== null });
  }

  onHeadersReceived(listener: HeadersReceivedListener | null): void {
    this.headersReceived = listener;
    record('session.webRequest.onHeadersReceived', { set: listener !== null });
  }
}

class SessionStandIn implements SessionSurface {
  readonly webRequest = new WebRequestStandIn();
  permissionRequestHandler: RequestHandler | null = null;
  permissionCheckHandler: CheckHandler | null = null;
  devicePermissionHandler: DeviceHandler | null = null;

  setPermissionRequestHandler(handler: RequestHandler | null): void {
    this.permissionRequestHandler = handler;
    record('session.setPermissionRequestHandler', { set: handler !== null });
  }

  setPermissionCheckHandler(handler: CheckHandler | null): void {
    this.permissionCheckHandler = handler;
    record('session.setPermissionCheckHandler', { set: handler !== null });
  }

  setDevicePermissionHandler(handler: DeviceHandler | null): void {
    this.devicePermissionHandler = handler;
    record('session.setDevicePermissionHandler', { set: handler !== null });
  }
}

const defaultSession = new SessionStandIn();
export const session: SessionModuleSurface = { defaultSession };

// ── Permissions ─────────────────────────────────────────────────────────────────────────────────

/** Electron's permission names and the Chromium permission descriptors behind each. */
const PERMISSIONS: [PermissionName, { name: string; sysex?: boolean }[]][] = [
  ['notifications', [{ name: 'notifications' }]],
  ['geolocation', [{ name: 'geolocation' }]],
  ['media', [{ name: 'camera' }, { name: 'microphone' }]],
  ['midi', [{ name: 'midi' }]],
  ['midiSysex', [{ name: 'midi', sysex: true }]],
  ['clipboard-read', [{ name: 'clipboard-read' }]],
  ['clipboard-sanitized-write', [{ name: 'clipboard-write' }]],
  ['idle-detection', [{ name: 'idle-detection' }]],
  ['window-management', [{ name: 'window-management' }]],
  ['local-fonts', [{ name: 'local-fonts' }]],
  ['storage-access', [{ name: 'storage-access' }]],
  ['persistent-storage', [{ name: 'persistent-storage' }]],
  ['screen-wake-lock', [{ name: 'screen-wake-lock' }]],
  ['display-capture', [{ name: 'display-capture' }]],
  ['background-sync', [{ name: 'background-sync' }]],
  ['payment-handler', [{ name: 'payment-handler' }]],
  ['sensors', [{ name: 'accelerometer' }, { name: 'gyroscope' }, { name: 'magnetometer' }]],
];

function askRequestHandler(
  contents: WebContentsStandIn,
  permission: PermissionName,
  requestingUrl: string,
): Promise<boolean> {
  const handler = defaultSession.permissionRequestHandler;
  if (!handler) return Promise.resolve(true);
  return new Promise((resolve) => {
    let answered = false;
    // A handler that never calls back leaves Chromium's request pending; here it counts as no.
    const timer = setTimeout(() => resolve(false), 2000);
    handler(
      contents,
      permission,
      (granted) => {
        if (answered) return;
        answered = true;
        clearTimeout(timer);
        resolve(granted === true);
      },
      { isMainFrame: true, requestingUrl },
    );
  });
}

/** Sets Chromium's answer to every permission for the page about to load at `appUrl`. */
export async function applyPermissions(
  contents: WebContentsStandIn,
  appUrl: string,
  setPermission: (
    descriptor: { name: string; sysex?: boolean },
    setting: 'granted' | 'denied',
    origin: string,
  ) => Promise<void>,
): Promise<void> {
  const pageOrigin = new URL(toPageUrl(appUrl)).origin;
  if (pageOrigin === 'null') return;
  const decisions: Record<string, boolean> = {};
  for (const [permission, descriptors] of PERMISSIONS) {
    const requested = await askRequestHandler(contents, permission, appUrl);
    const checked =
      defaultSession.permissionCheckHandler?.(contents, permission, originOf(appUrl), {
        isMainFrame: true,
        requestingUrl: appUrl,
        embeddingOrigin: originOf(appUrl),
      } as Electron.PermissionCheckHandlerHandlerDetails) ?? true;
    const granted = requested && checked;
    decisions[permission] = granted;
    for (const descriptor of descriptors) {
      await setPermission(descriptor, granted ? 'granted' : 'denied', pageOrigin).catch(
        () => undefined, // a descriptor this Chromium does not know
      );
    }
  }
  record('session.permissions', { url: appUrl, decisions });
}

// ── Requests ────────────────────────────────────────────────────────────────────────────────────

let nextRequestId = 1;

type ResourceType = Electron.OnBeforeRequestListenerDetails['resourceType'];

function resourceTypeOf(playwrightType: string, isMainFrame: boolean): ResourceType {
  switch (playwrightType) {
    case 'document':
      return isMainFrame ? 'mainFrame' : 'subFrame';
    case 'stylesheet':
    case 'script':
    case 'image':
    case 'font':
    case 'media':
      return playwrightType;
    case 'xhr':
    case 'fetch':
    case 'eventsource':
      return 'xhr';
    case 'websocket':
      return 'webSocket';
    case 'ping':
      return 'ping';
    default:
      return 'other';
  }
}

function beforeRequest(details: BeforeRequestDetails): Promise<Electron.CallbackResponse> {
  const listener = defaultSession.webRequest.beforeRequest;
  if (!listener) return Promise.resolve({});
  return new Promise((resolve) => listener(details, (response) => resolve(response ?? {})));
}

function headersReceived(
  details: HeadersReceivedDetails,
): Promise<Electron.HeadersReceivedResponse> {
  const listener = defaultSession.webRequest.headersReceived;
  if (!listener) return Promise.resolve({});
  return new Promise((resolve) => listener(details, (response) => resolve(response ?? {})));
}

interface Answer {
  status: number;
  statusText: string;
  headers: Record<string, string[]>;
  body: Buffer;
}

async function answerFromHandler(
  scheme: string,
  url: string,
  route: Route,
): Promise<Answer | null> {
  const handler = protocol.handlerFor(scheme);
  if (!handler) return null;
  const request = route.request();
  const method = request.method();
  const body = request.postDataBuffer();
  const init: RequestInit & { duplex?: 'half' } = { method, headers: request.headers() };
  if (body && method !== 'GET' && method !== 'HEAD') {
    init.body = new Uint8Array(body);
    init.duplex = 'half';
  }
  const response = await handler(new Request(url, init));
  if (!(response instanceof Response)) {
    throw new TypeError(`The protocol handler for ${scheme}: did not return a Response`);
  }
  const headers: Record<string, string[]> = {};
  response.headers.forEach((value, name) => {
    (headers[name] ??= []).push(value);
  });
  return {
    status: response.status,
    statusText: response.statusText,
    headers,
    body: Buffer.from(await response.arrayBuffer()),
  };
}

async function answerFromNetwork(route: Route): Promise<Answer> {
  const response = await route.fetch({ maxRedirects: 0 });
  const headers: Record<string, string[]> = {};
  for (const { name, value } of response.headersArray()) {
    (headers[name.toLowerCase()] ??= []).push(value);
  }
  return {
    status: response.status(),
    statusText: response.statusText(),
    headers,
    body: await response.body(),
  };
}

function flattenHeaders(headers: Record<string, string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = Array.isArray(value) ? value.join(name === 'set-cookie' ? '\n' : ', ') : value;
  }
  return out;
}

/** Every request of every window comes here (browser-host.ts routes the whole context). */
export async function routeRequest(route: Route): Promise<void> {
  const request = route.request();
  let contents: WebContentsStandIn | undefined;
  let isMainFrame = false;
  try {
    const frame = request.frame();
    contents = webContentsForPage(frame.page());
    isMainFrame = frame.parentFrame() === null;
  } catch {
    contents = undefined; // a service worker's request: the app registers none
  }
  if (!contents || contents.isDestroyed()) {
    // A page the app did not make (a window.open the stand-in closed): nothing may load.
    await route.abort('blockedbyclient').catch(() => undefined);
    return;
  }
  try {
    const pageUrl = request.url();
    const url = fromPageUrl(pageUrl);
    const isNavigation = request.isNavigationRequest();
    if (isNavigation && !contents.mayNavigate(pageUrl, isMainFrame, request.redirectedFrom())) {
      // ERR_ABORTED: Chromium drops the navigation and keeps the page, as Electron does when
      // will-navigate is prevented (any other error would show an error page instead).
      await route.abort('aborted');
      return;
    }
    const frame = isMainFrame ? contents.mainFrame : null;
    const common = {
      id: nextRequestId++,
      url,
      method: request.method(),
      webContentsId: contents.id,
      webContents: contents,
      frame,
      resourceType: resourceTypeOf(request.resourceType(), isMainFrame),
      referrer: request.headers().referer ?? '',
      timestamp: Date.now(),
    };
    const before = await beforeRequest({ ...common, uploadData: [] });
    if (before.cancel) {
      record('session.request.cancelled', { url });
      await route.abort('blockedbyclient');
      return;
    }
    if (before.redirectURL) {
      await route.fulfill({ status: 307, headers: { location: toPageUrl(before.redirectURL) } });
      return;
    }
    const scheme = new URL(url).protocol.slice(0, -1);
    let answer: Answer | null;
    if (isMappedScheme(scheme)) {
      answer = await answerFromHandler(scheme, url, route);
      if (!answer) {
        await route.abort('failed'); // net::ERR_UNKNOWN_URL_SCHEME in Electron
        return;
      }
    } else {
      answer = await answerFromNetwork(route);
    }
    const received = await headersReceived({
      ...common,
      statusCode: answer.status,
      statusLine: `HTTP/1.1 ${answer.status} ${answer.statusText}`.trim(),
      responseHeaders: answer.headers,
    });
    if (received.cancel) {
      await route.abort('blockedbyclient');
      return;
    }
    const headers = received.responseHeaders ?? answer.headers;
    const statusFromLine = received.statusLine ? /\s(\d{3})\b/.exec(received.statusLine) : null;
    await route.fulfill({
      status: statusFromLine ? Number(statusFromLine[1]) : answer.status,
      headers: flattenHeaders(headers),
      body: answer.body,
    });
  } catch (error) {
    record('session.request.failed', { url: request.url(), error: String(error) });
    await route.abort('failed').catch(() => undefined);
  }
}

export function permissionHandlersSnapshot(): unknown {
  return plain({
    request: defaultSession.permissionRequestHandler !== null,
    check: defaultSession.permissionCheckHandler !== null,
    device: defaultSession.devicePermissionHandler !== null,
  });
}
