// The renderer's Content-Security-Policy, sent as a response header by main (session
// webRequest) in addition to the <meta> tag in renderer/index.html: the header also covers the
// dev server's responses and cannot be removed by script in the page.
// Directives: https://www.w3.org/TR/CSP3/ ; Electron's advice:
// https://www.electronjs.org/docs/latest/tutorial/security#7-define-a-content-security-policy
import type { RendererLocation } from './renderer-location';

export function contentSecurityPolicy(location: RendererLocation): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    // AG Grid sets element styles and injects its theme as <style> at run time.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    // Everything the page needs comes over IPC; it never fetches from the network.
    'connect-src': ["'self'"],
    'worker-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  if (location.kind === 'dev-server') {
    // Vite's dev server: the React refresh preamble is an inline script, and hot reload talks
    // over a WebSocket to the same host.
    const ws = location.origin.replace(/^http/, 'ws');
    directives['script-src'] = ["'self'", "'unsafe-inline'", location.origin];
    directives['connect-src'] = ["'self'", location.origin, ws];
  }
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
