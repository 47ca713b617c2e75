// What the page may do, enforced by the session and every web contents
// (https://www.electronjs.org/docs/latest/tutorial/security): it may load only our own files;
// navigation, redirects, new windows, <webview> and permission requests are refused.
import { app, session } from 'electron';
import { contentSecurityPolicy } from './content-security-policy';
import { isAllowedRequestUrl, needsCspHeader, type RendererLocation } from './renderer-location';

/** Before any window exists: every web contents, whatever creates it, is a single document. */
export function guardWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** After ready: permissions refused, requests limited to the renderer, the dev CSP header. */
export function hardenSession(where: RendererLocation): void {
  const ses = session.defaultSession;
  // Portscope needs no camera, notifications, clipboard-read, geolocation …: refuse them all.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url, where);
    if (!allowed) console.warn(`Portscope: blocked a request to ${details.url}`);
    callback({ cancel: !allowed });
  });
  // The dev server's responses get the CSP here; portscope://app sets it itself (app-protocol.ts).
  const policy = contentSecurityPolicy(where);
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!needsCspHeader(details.url, where)) {
      callback({});
      return;
    }
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] },
    });
  });
}
