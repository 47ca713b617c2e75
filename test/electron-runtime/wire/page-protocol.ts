// What the preload's world (page/isolated-world.ts) and the stand-in's main process say to each
// other: the renderer half of Electron's IPC. Page → main goes through a DevTools binding that
// exists only in the preload's isolated world (the page's own scripts cannot call it); main →
// page is a function the stand-in evaluates in that world. Types only, shared by both ends.
import type { Wire } from './clone-codec';

/** The isolated world's name, as the DevTools protocol creates it for the preload. */
export const PRELOAD_WORLD = 'electron-standin-preload';
/** The binding the preload world calls; payloads are JSON of PageToMain. */
export const MAIN_BINDING = '__electronStandInToMain';
/** The function the main process calls in the preload world with JSON of MainToPage. */
export const PAGE_DELIVER = '__electronStandInDeliver';

/** A keydown the page did not handle (its default not prevented): menu accelerators. */
export interface UnhandledKey {
  key: string;
  code: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  repeat: boolean;
}

export type PageToMain =
  { op: 'invoke'; id: number; channel: string; args: Wire } | { op: 'key'; key: UnhandledKey };

export type MainToPage =
  | { op: 'invoke-result'; id: number; ok: true; value: Wire }
  | { op: 'invoke-result'; id: number; ok: false; error: string }
  | { op: 'message'; channel: string; args: Wire };

/** What the preload world is started with (page/isolated-world.ts). */
export interface PreloadWorldConfig {
  /** Names the handshake events with the main world; random per window. */
  token: string;
  /** The preload's file name, as Electron reports __filename to it. */
  preloadPath: string;
  /** process.platform and process.versions, as a sandboxed preload sees them. */
  platform: string;
  versions: Record<string, string>;
}
