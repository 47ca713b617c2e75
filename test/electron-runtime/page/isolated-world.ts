// Runs in the preload's isolated world before any page script (the stand-in registers it with
// Page.addScriptToEvaluateOnNewDocument and a world name): builds what a sandboxed preload gets
// from Electron (require('electron') with contextBridge and ipcRenderer; process with its few
// sandboxed fields) and runs the app's real built preload in it. Electron's sandboxed `require`
// offers a handful of modules; this one offers exactly what the app's preload uses, 'electron',
// and answers anything else as Electron does ("module not found"), so a preload that starts to
// need more fails here first.
//
// It also reports keydowns the page left unhandled to the main process, where the application
// menu's accelerators are matched (Electron handles menu accelerators for keyboard events the
// page did not consume).
import type { ContextBridgeSurface } from '../surface';
import {
  MAIN_BINDING,
  PAGE_DELIVER,
  type MainToPage,
  type PageToMain,
  type PreloadWorldConfig,
  type UnhandledKey,
} from '../wire/page-protocol';
import { IpcRendererStandIn } from './ipc-renderer';
import { WorldLink } from './world-link';

type PreloadFunction = (
  exports: unknown,
  require: (name: string) => unknown,
  module: { exports: unknown },
  __filename: string,
  __dirname: string,
  process: unknown,
  global: unknown,
) => void;

export default function startPreloadWorld(
  config: PreloadWorldConfig,
  preload: PreloadFunction,
): void {
  const binding = (globalThis as unknown as Record<string, (payload: string) => void>)[
    MAIN_BINDING
  ];
  if (typeof binding !== 'function') throw new Error('The stand-in binding is missing.');
  const toMain = (message: PageToMain) => binding(JSON.stringify(message));

  const link = new WorldLink(config.token, 'isolated');
  const ipcRenderer = new IpcRendererStandIn(toMain);
  Object.defineProperty(globalThis, PAGE_DELIVER, {
    value: (json: string) => ipcRenderer.deliver(JSON.parse(json) as MainToPage),
  });
  const contextBridge: ContextBridgeSurface = {
    exposeInMainWorld(apiKey: string, api: unknown) {
      link.expose(String(apiKey), api);
    },
  };
  reportUnhandledKeys(toMain);

  const electron = Object.freeze({ contextBridge, ipcRenderer });
  const require = (name: string): unknown => {
    if (name === 'electron') return electron;
    throw new Error(`module not found: ${name}`);
  };
  const module = { exports: {} as unknown };
  const process = Object.freeze({
    platform: config.platform,
    versions: Object.freeze({ ...config.versions }),
    env: Object.freeze({}),
    type: 'renderer',
    sandboxed: true,
    contextIsolated: true,
  });
  const slash = config.preloadPath.lastIndexOf('/');
  try {
    preload(
      module.exports,
      require,
      module,
      config.preloadPath,
      config.preloadPath.slice(0, Math.max(slash, 0)),
      process,
      globalThis,
    );
  } catch (error) {
    // What Electron prints when a preload throws; the page still loads.
    console.error(`Unable to load preload script: ${config.preloadPath}`);
    console.error(error);
  }
}

// Keys Chromium's editor consumes in a text field (its editing commands): they never reach the
// window's accelerators, so they are not reported.
const EDITING_KEYS = new Set([
  'Backspace',
  'Delete',
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Enter',
  'Insert',
]);
const EDITING_CTRL_LETTERS = new Set(['a', 'c', 'v', 'x', 'z', 'y']);
const MODIFIERS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLTextAreaElement) return !target.readOnly;
  if (target instanceof HTMLInputElement) {
    return !target.readOnly && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
  }
  return (target as HTMLElement).isContentEditable;
}

function consumedByEditor(event: KeyboardEvent): boolean {
  if (!isEditable(event.target)) return false;
  if (EDITING_KEYS.has(event.key)) return true;
  const mod = event.ctrlKey || event.metaKey;
  return mod && !event.altKey && EDITING_CTRL_LETTERS.has(event.key.toLowerCase());
}

function reportUnhandledKeys(toMain: (message: PageToMain) => void): void {
  window.addEventListener(
    'keydown',
    (event) => {
      if (MODIFIERS.has(event.key) || event.isComposing) return;
      // Read after the whole dispatch: a page handler later in the path may still prevent it.
      setTimeout(() => {
        if (event.defaultPrevented || consumedByEditor(event)) return;
        const key: UnhandledKey = {
          key: event.key,
          code: event.code,
          ctrlKey: event.ctrlKey,
          shiftKey: event.shiftKey,
          altKey: event.altKey,
          metaKey: event.metaKey,
          repeat: event.repeat,
        };
        toMain({ op: 'key', key });
      }, 0);
    },
    true,
  );
}
