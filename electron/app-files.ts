/// <reference types="electron-vite/node" />
// Where the built app's own files are, for the glue modules that hand them to Electron.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconPath from '../resources/icon.png?asset';
import trayAlertPath from '../resources/tray/tray-alert.png?asset';
import trayPath from '../resources/tray/tray.png?asset';
import trayTemplatePath from '../resources/tray/trayTemplate.png?asset';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The window and About icon. Packaged, it is unpacked next to app.asar (electron-builder.yml
 * asarUnpack): native code such as the GTK About dialog cannot read inside the archive.
 */
export const iconFile = iconPath.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');

const unpacked = (file: string) => file.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');

/**
 * The tray icons (resources/render-icons.mjs): plain and with an alert badge, and the macOS
 * menu-bar template. Each has an @2x file beside it, which Electron picks for HiDPI screens.
 */
export const trayIconFiles = {
  normal: unpacked(trayPath),
  alert: unpacked(trayAlertPath),
  template: unpacked(trayTemplatePath),
};

/** The built preload (one CommonJS file: sandboxed preloads cannot require modules). */
export const preloadFile = join(here, '../preload/index.cjs');

/** The built renderer (served as portscope://app, see app-protocol.ts). */
export const rendererDir = join(here, '../renderer');
