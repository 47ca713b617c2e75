// portscope://app: the scheme the built renderer is served from (why: renderer-location.ts).
// Registered as a standard, secure scheme so the page is one ordinary origin (module scripts,
// fetch of its own assets, a CSP 'self' that means exactly this folder).
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import {
  APP_SCHEME,
  contentTypeOf,
  rendererFileFor,
  type RendererLocation,
} from './renderer-location';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves out/renderer on portscope://app/, with the CSP as a real response header. */
export function serveRenderer(
  location: Extract<RendererLocation, { kind: 'app-protocol' }>,
  contentSecurityPolicy: string,
): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405 });
    }
    const file = rendererFileFor(request.url, location.rendererDir);
    if (!file) return new Response(null, { status: 404 });
    let body: Buffer;
    try {
      // Electron's fs reads inside app.asar.
      body = await readFile(file);
    } catch {
      return new Response(null, { status: 404 });
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': contentTypeOf(file),
        'content-security-policy': contentSecurityPolicy,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      },
    });
  });
}
