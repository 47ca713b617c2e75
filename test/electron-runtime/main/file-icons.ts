// app.getFileIcon: the desktop's icon for a file, as Electron gets it on Linux.
//
// Electron documents: "On Linux and macOS, icons depend on the application associated with file
// mime type." What it does on Linux (shell/browser/api/electron_api_app.cc GetFileIcon, Chromium's
// chrome/browser/icon_loader_auralinux.cc and ui/gtk's GetIconForContentType): the MIME type is
// guessed from the file's NAME alone (base/nix/mime_util_xdg.h: "The file path does not have to
// exist"; unknown names are application/octet-stream), and the desktop's icon theme (GTK) gives
// that type's icon, falling back to application/octet-stream's. The file is never opened: a path
// that does not exist gets an icon too. The promise rejects with "Failed to get file icon." only
// when the desktop gives no icon at all (no icon theme). Sizes: 'small' 16 px, 'normal' 32 px
// (the default, and what an unknown size string means), 'large' 48 px on Linux (Electron's
// spec/api-app-spec.ts).
//
// The stand-in's desktop has an icon theme with one icon, a generic "executable" (a program
// window), which it gives for every type: Portscope asks only about executables, which a Linux
// theme shows with its generic executable icon anyway. The icon is drawn here, in code, and
// PNG-encoded (png.ts), rather than copied from a real theme (whose licence is not ours to ship).
import type { NativeImageSurface } from '../surface';
import { conversionFailure } from './arguments';
import { imageFromPng } from './native-image';
import { encodeRgbaPng } from './png';
import { record } from './runtime';

const SIZES = { small: 16, normal: 32, large: 48 } as const;

type Rgba = [number, number, number, number];
const OUTLINE: Rgba = [0x4d, 0x4d, 0x4d, 0xff];
const TITLE_BAR: Rgba = [0x35, 0x84, 0xe4, 0xff];
const BODY: Rgba = [0xf6, 0xf5, 0xf4, 0xff];
const PROMPT: Rgba = [0x24, 0x1f, 0x31, 0xff];

/** The generic executable icon at `size` px: a program window with a title bar and a prompt. */
function drawExecutableIcon(size: number): Buffer {
  const pixels = Buffer.alloc(size * size * 4); // transparent
  const unit = size / 16;
  const set = (x: number, y: number, colour: Rgba) => pixels.set(colour, (y * size + x) * 4);
  const left = Math.round(unit);
  const right = size - 1 - Math.round(unit);
  const top = Math.round(2 * unit);
  const bottom = size - 1 - Math.round(2 * unit);
  const titleBottom = top + Math.max(2, Math.round(3 * unit));
  for (let y = top; y <= bottom; y++) {
    for (let x = left; x <= right; x++) {
      const edge = x === left || x === right || y === top || y === bottom;
      set(x, y, edge ? OUTLINE : y < titleBottom ? TITLE_BAR : BODY);
    }
  }
  // A ">" prompt in the body: two diagonal strokes.
  const promptLeft = left + Math.round(2 * unit);
  const middle = Math.round((titleBottom + bottom) / 2);
  const reach = Math.max(1, Math.round(2 * unit));
  for (let step = 0; step <= reach; step++) {
    for (let thick = 0; thick < Math.max(1, Math.round(unit)); thick++) {
      set(promptLeft + step + thick, middle - reach + step, PROMPT);
      set(promptLeft + step + thick, middle + reach - step, PROMPT);
    }
  }
  return encodeRgbaPng(size, size, pixels);
}

const drawn = new Map<number, Buffer>();

function iconPng(size: number): Buffer {
  let png = drawn.get(size);
  if (!png) {
    png = drawExecutableIcon(size);
    drawn.set(size, png);
  }
  return png;
}

/** Arguments are checked within the call (Electron throws there); the icon comes later. */
export function getFileIcon(
  file: string,
  options?: Electron.FileIconOptions,
): Promise<NativeImageSurface> {
  if (typeof file !== 'string') throw conversionFailure(0, file);
  const sizeName = options?.size;
  const size = sizeName && sizeName in SIZES ? SIZES[sizeName] : SIZES.normal;
  record('app.getFileIcon', { path: file, size: sizeName ?? null });
  // Electron's icon loader answers from another thread: never within the call.
  return new Promise((resolve) => setImmediate(() => resolve(imageFromPng(iconPng(size)))));
}
