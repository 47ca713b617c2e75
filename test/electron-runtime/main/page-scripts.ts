// The two scripts every window's page starts with, from the stand-in's page bundles (build.ts
// bundles page/main-world.ts and page/isolated-world.ts next to the stand-in). Each is wrapped
// in a function so nothing of it is left as a global of its world, and runs in the main frame
// only: Chromium runs such scripts in every frame, while Electron runs a preload in subframes only
// with nodeIntegrationInSubFrames (which the stand-in refuses).
import { readFileSync } from 'node:fs';
import type { PreloadWorldConfig } from '../wire/page-protocol';

function bundle(name: string): string {
  return readFileSync(new URL(`./page/${name}.js`, import.meta.url), 'utf8');
}

let mainWorld: string | null = null;
let preloadWorld: string | null = null;

/** The main world's end of the contextBridge. */
export function mainWorldScript(token: string): string {
  mainWorld ??= bundle('main-world');
  return (
    `(() => {\nif (window.top !== window) return;\n${mainWorld}\n` +
    `standInMainWorld(${JSON.stringify(token)});\n})();`
  );
}

/**
 * The preload's world: Electron's sandboxed preload environment, then the preload itself, as
 * Electron wraps it (a function of exports, require, module, __filename, __dirname, process,
 * global).
 */
export function preloadWorldScript(config: PreloadWorldConfig, preloadSource: string): string {
  preloadWorld ??= bundle('isolated-world');
  return (
    `(() => {\nif (window.top !== window) return;\n${preloadWorld}\n` +
    `standInPreloadWorld(${JSON.stringify(config)}, ` +
    `function (exports, require, module, __filename, __dirname, process, global) {\n` +
    `${preloadSource}\n});\n})();`
  );
}
