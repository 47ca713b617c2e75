// protocol: privileged schemes (before ready, once) and protocol.handle handlers, which answer
// the page's requests for the scheme with a real Request and Response (session.ts routes them
// here). How a scheme reaches Chromium at all: scheme-origin.ts.
import type { ProtocolSurface } from '../surface';
import { mapScheme } from './scheme-origin';
import { lifecycle, plain, record } from './runtime';

type Handler = (request: Request) => Response | Promise<Response>;

/** Schemes Chromium handles itself: protocol.handle cannot take them over here. */
const BUILT_IN = new Set(['http', 'https', 'file', 'data', 'blob', 'about', 'ws', 'wss']);

class ProtocolStandIn implements ProtocolSurface {
  private registered = false;
  readonly privileged: Electron.CustomScheme[] = [];
  private readonly handlers = new Map<string, Handler>();

  registerSchemesAsPrivileged(customSchemes: Electron.CustomScheme[]): void {
    // Electron: "can only be used before the ready event … and can be called only once".
    if (lifecycle.ready) {
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    }
    if (this.registered) {
      throw new Error('protocol.registerSchemesAsPrivileged can be called only once');
    }
    this.registered = true;
    for (const custom of customSchemes) {
      this.privileged.push(custom);
      const privileges = custom.privileges ?? {};
      if (privileges.standard && privileges.secure) mapScheme(custom.scheme);
    }
    record('protocol.registerSchemesAsPrivileged', plain(customSchemes));
  }

  handle(scheme: string, handler: Handler): void {
    if (!lifecycle.ready) throw new Error('protocol.handle must be called after app is ready');
    if (this.handlers.has(scheme)) {
      throw new Error(`Failed to register protocol: ${scheme}`);
    }
    if (BUILT_IN.has(scheme)) {
      throw new Error(`The stand-in cannot intercept the built-in scheme ${scheme}:`);
    }
    const custom = this.privileged.find((entry) => entry.scheme === scheme);
    if (!custom?.privileges?.standard || !custom.privileges.secure) {
      // Chromium under the stand-in can load only standard, secure schemes (scheme-origin.ts).
      throw new Error(
        `The stand-in serves only schemes registered as standard and secure; ${scheme} is not`,
      );
    }
    this.handlers.set(scheme, handler);
    record('protocol.handle', { scheme });
  }

  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
    record('protocol.unhandle', { scheme });
  }

  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme) || BUILT_IN.has(scheme);
  }

  handlerFor(scheme: string): Handler | undefined {
    return this.handlers.get(scheme);
  }

  handledSchemes(): string[] {
    return [...this.handlers.keys()];
  }
}

export const protocol = new ProtocolStandIn();
