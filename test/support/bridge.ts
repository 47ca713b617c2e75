// The renderer benchmark's transport (bench/renderer-bench.ts; no test uses it any more: e2e tests
// run the whole app under the Electron stand-in, test/support/portscope-app.ts). It keeps a place
// because the benchmark feeds the real renderer synthetic rows from a backend it builds itself
// (createBackend), in the benchmark's own process, which the real main process cannot do. A test
// that must show the renderer a platform the machine does not have (fixture rows of another OS)
// may use it for the same reason; anything the real app can show belongs in portscope-app.ts.
//
// The real renderer (out/renderer) in Chromium, talking to the real backend
// (electron/core/backend.ts over the real Linux platform) through exactly the window.portscope
// object the preload builds. Both are generated from shared/contract.ts: one method per invoke
// channel (arguments validated with parseInvokeArgs, as electron/ipc.ts does) and one on* method
// per event channel, built by shared/contract-client.ts like the preload. Invokes go page -> Node
// over a Playwright binding into the dispatcher electron/ipc.ts uses (sender check, zod
// validation, error envelope); events go Node -> page with page.evaluate, in emit order.
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import {
  eventNames,
  invokeNames,
  type EmitEvent,
  type EventName,
  type InvokeHandlers,
  type InvokeName,
} from '../../shared/contract';
import type { SettingsPatch } from '../../shared/settings';
import { defaultLookupSettings } from '../../shared/whois/lookup-settings';
import { createBackend, type Backend } from '../../electron/core/backend';
import type { Dialogs, SettingsStore } from '../../electron/core/context';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import { createInvokeDispatcher } from '../../electron/ipc-dispatch';
import { createPlatformBackend } from '../../electron/platform';
import type { PlatformBackend } from '../../electron/platform/types';
import { launchChromium, type ChromiumOptions } from './chromium';
import { ScriptedDialogs } from './scripted-dialogs';

/** The project root: the nearest folder up from here with the build config (this file may be
 * bundled into out/bench by the benchmark build, so its own location is not fixed). */
function findRepoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'electron.vite.config.ts'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the Portscope project root');
    dir = parent;
  }
  return dir;
}

const repoRoot = findRepoRoot();
export const RENDERER_DIR = path.join(repoRoot, 'out', 'renderer');

export { ScriptedDialogs };

// ── Building the renderer ───────────────────────────────────────────────────────────────────────

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Build out/renderer when it is missing or older than renderer/ or shared/ (`npm test` builds
 * first, so this only works during development). Uses electron-vite's own resolved renderer
 * config, so the result is what `electron-vite build` makes, without needing main to build.
 */
export async function ensureRendererBuilt(): Promise<void> {
  if (rendererIsFresh()) return;
  // Test files run in parallel processes: one builds, the others wait for it (mkdir is atomic).
  const lock = path.join(repoRoot, 'out', '.renderer-build.lock');
  await mkdir(path.dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      await mkdir(lock);
      break;
    } catch {
      if (waited > 180_000) throw new Error(`renderer build lock ${lock} is stuck; remove it`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    if (rendererIsFresh()) return;
    const { resolveConfig } = await import('electron-vite');
    const { build } = await import('vite');
    process.env.NODE_ENV_ELECTRON_VITE = 'production';
    const resolved = await resolveConfig(
      { root: repoRoot, logLevel: 'warn' },
      'build',
      'production',
    );
    const renderer = resolved.config?.renderer;
    if (!renderer) throw new Error('electron.vite.config.ts has no renderer section');
    await build(renderer);
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

function rendererIsFresh(): boolean {
  const index = path.join(RENDERER_DIR, 'index.html');
  if (!existsSync(index)) return false;
  const sources = Math.max(
    newestMtime(path.join(repoRoot, 'renderer')),
    newestMtime(path.join(repoRoot, 'shared')),
  );
  return statSync(index).mtimeMs >= sources;
}

// ── Serving it ──────────────────────────────────────────────────────────────────────────────────

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Module scripts do not load from file:// in Chromium (opaque origin), so out/renderer is served
 * over loopback HTTP. The CSP is the page's own meta tag, exactly as in Electron.
 */
async function serveRenderer(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = path.join(RENDERER_DIR, pathname === '/' ? 'index.html' : pathname);
    if (
      !file.startsWith(RENDERER_DIR + path.sep) ||
      !existsSync(file) ||
      !statSync(file).isFile()
    ) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no server address');
  return { url: `http://127.0.0.1:${address.port}/index.html`, server };
}

// ── The page side: window.portscope, built as the preload builds it ─────────────────────────────

/**
 * The script that runs in the page before its own: shared/contract-client.ts (the very code the
 * preload bundles; it has no run-time imports) compiled to plain JavaScript, then
 * createPortscopeApi over the Playwright binding instead of ipcRenderer. Invoke answers come back
 * as the same envelopes main sends (electron/ipc-dispatch.ts), unwrapped by the same function.
 */
async function pageApiScript(): Promise<string> {
  const ts = (await import('typescript')).default;
  const source = await readFile(path.join(repoRoot, 'shared', 'contract-client.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  const body = outputText.replace(/^export (?=(function|class|const|let|async) )/gm, '');
  if (/^\s*(import|export)\b/m.test(body)) {
    throw new Error(
      'shared/contract-client.ts gained a run-time import; the bridge cannot inline it',
    );
  }
  const names = JSON.stringify({ invokeNames, eventNames });
  return `(() => {
${body}
const names = ${names};
const listeners = new Map(names.eventNames.map((name) => [name, new Set()]));
const api = createPortscopeApi(names, {
  invoke: async (name, args) =>
    unwrapInvokeOutcome(name, JSON.parse(await globalThis.__portscopeInvoke(name, args))),
  subscribe: (name, listener) => {
    const set = listeners.get(name);
    const forward = (payload) => listener(payload);
    set.add(forward);
    return () => set.delete(forward);
  },
});
Object.defineProperty(globalThis, '__portscopeDeliver', {
  value: (name, payload) => { for (const listener of listeners.get(name) ?? []) listener(payload); },
});
// contextBridge.exposeInMainWorld makes a read-only, non-configurable property: so does this.
Object.defineProperty(globalThis, 'portscope', { value: api, enumerable: true });
})();`;
}

// ── Opening a page ──────────────────────────────────────────────────────────────────────────────

/** What the bridge needs of a backend; the real one by default, a synthetic one in the bench. */
export interface BridgeBackend {
  handlers: InvokeHandlers;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface BackendDeps {
  platform: PlatformBackend;
  settings: SettingsStore;
  dialogs: Dialogs;
  emit: EmitEvent;
  dataDir: string;
}

export interface OpenPortscopeOptions extends ChromiumOptions {
  /** Settings the memory store starts with (e.g. a 500 ms interval to keep tests short). */
  settings?: SettingsPatch;
  /** The platform to poll; the real Linux one by default. */
  platform?: PlatformBackend;
  /**
   * Reverse-DNS the remote addresses, as the app does by default. Off unless asked: tests and the
   * bench must not depend on (or send traffic to) a name server.
   */
  resolveNames?: boolean;
  /** Build something other than the real backend (the renderer bench feeds synthetic rows). */
  createBackend?: (deps: BackendDeps) => BridgeBackend;
}

export interface BridgedRenderer<B extends BridgeBackend = Backend> {
  page: Page;
  backend: B;
  dialogs: ScriptedDialogs;
  settings: SettingsStore;
  /** Console errors and CSP violations seen in the page (a test can assert there are none). */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openRendererBridge(
  options?: OpenPortscopeOptions & { createBackend?: undefined },
): Promise<BridgedRenderer>;
export async function openRendererBridge<B extends BridgeBackend>(
  options: OpenPortscopeOptions & { createBackend: (deps: BackendDeps) => B },
): Promise<BridgedRenderer<B>>;
export async function openRendererBridge(
  options: OpenPortscopeOptions = {},
): Promise<BridgedRenderer<BridgeBackend>> {
  await ensureRendererBuilt();
  const cleanups: (() => Promise<unknown> | void)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };

  try {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'portscope-data-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));

    // Events reach the page in emit order; before the page exists (first poll) they are dropped,
    // as Electron drops sends to a window that has not loaded: the renderer asks for a snapshot.
    let page: Page | null = null;
    let delivery: Promise<unknown> = Promise.resolve();
    const emit: EmitEvent = (name, payload) => {
      const target = page;
      if (!target) return;
      // One JSON string per event, parsed in the page: Playwright's own argument encoding of a
      // 1,000-row delta costs the page ~60 ms of protocol decoding per event, which would be
      // measured as the renderer's; Electron's structured clone of the same payload is cheap,
      // and JSON round-trips these plain-data payloads exactly as it does.
      const message = JSON.stringify({ name: name as EventName, payload });
      delivery = delivery.then(() =>
        target
          .evaluate((json) => {
            const { name: eventName, payload: eventPayload } = JSON.parse(json) as {
              name: string;
              payload: unknown;
            };
            const deliver = (globalThis as unknown as Record<string, unknown>).__portscopeDeliver;
            if (typeof deliver === 'function') deliver(eventName, eventPayload);
          }, message)
          .catch(() => undefined),
      );
    };

    // The first-run notice about host names (renderer/src/features/first-run) counts as answered
    // unless a test brings its own `lookup` section: it would push every test's table down.
    const settings = createMemorySettingsStore({
      lookup: { ...defaultLookupSettings, hostNamesNoticeShown: true },
      ...options.settings,
    });
    const dialogs = new ScriptedDialogs();
    const deps: BackendDeps = {
      platform: options.platform ?? createPlatformBackend(),
      settings,
      dialogs,
      emit,
      dataDir,
    };
    const backend: BridgeBackend = options.createBackend
      ? options.createBackend(deps)
      : createBackend({
          ...deps,
          pollSource: 'in-process',
          resolveNames: options.resolveNames ?? false,
        });
    await backend.start();
    cleanups.push(() => backend.stop());

    const { url, server } = await serveRenderer();
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));

    const chromium = await launchChromium(options);
    cleanups.push(() => chromium.close());
    const pageErrors: string[] = [];
    chromium.page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    chromium.page.on('pageerror', (error) => pageErrors.push(error.message));

    // The same dispatcher electron/ipc.ts uses: sender check, zod validation, envelope.
    const origin = new URL(url).origin;
    const dispatch = createInvokeDispatcher(backend.handlers, { kind: 'dev-server', origin, url });
    await chromium.page.exposeBinding('__portscopeInvoke', async (source, name, args) => {
      if (typeof name !== 'string' || !(invokeNames as string[]).includes(name)) {
        throw new Error(`Unknown channel ${String(name)}`);
      }
      const sender = { url: source.frame.url(), isMainFrame: source.frame.parentFrame() === null };
      // As one JSON string, like events: Playwright's own encoding of a 10,000-row snapshot
      // costs the page about a second, which Electron's structured clone (~50 ms) does not.
      return JSON.stringify(
        await dispatch(name as InvokeName, sender, Array.isArray(args) ? args : []),
      );
    });
    await chromium.page.addInitScript({ content: await pageApiScript() });

    page = chromium.page;
    await page.goto(url);
    // The grid is up and the snapshot is in once the status bar shows the poll line.
    try {
      await page.waitForSelector('.ag-root-wrapper');
      await page.waitForSelector('[data-status="poll"]');
    } catch (error) {
      const seen = pageErrors.length > 0 ? ` Page errors: ${pageErrors.join(' | ')}` : '';
      throw new Error(`The renderer did not come up: ${(error as Error).message}${seen}`);
    }

    return { page, backend, dialogs, settings, pageErrors, close };
  } catch (error) {
    await close();
    throw error;
  }
}
