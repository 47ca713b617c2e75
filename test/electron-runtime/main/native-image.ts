// nativeImage: images read from PNG files, as Electron's createFromPath reads them.
//
// What Electron documents and does, kept here:
//   - createFromPath "returns an empty image if the path does not exist, cannot be read, or is not
//     a valid image"; a relative path is read from the working directory (Electron's
//     spec/api-native-image-spec.ts);
//   - high-resolution variants beside the file (docs/api/native-image.md, "High Resolution
//     Image"): createFromPath('icon.png') also loads icon@2x.png and the other scale suffixes as
//     representations, and a name that carries a scale itself (icon@2x.png) is loaded at that
//     scale, its size given in DIPs (pixels / scale);
//   - an empty image's toPNG() is an empty Buffer and its toDataURL() 'data:image/png;base64,';
//   - where Electron wants an image (Tray), a string is a path whose image must load ("Failed to
//     load image from path …") and anything else must be a NativeImage (toNativeImage below).
//
// What the stand-in does not do: decode pixels. toPNG() hands back the representation's own PNG
// file (Electron re-encodes the same pixels, so the bytes may differ but the image is the same),
// and a scale factor without its own representation (Electron would resample) is refused with an
// error rather than answered wrongly. JPEG files, which Electron also reads, are refused the same
// way: the stand-in reads only PNG.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { NativeImageModuleSurface, NativeImageSurface } from '../surface';
import type { NativeImageSnapshot } from '../wire/control-protocol';
import { conversionFailure } from './arguments';
import { readPng } from './png';
import { record } from './runtime';

/** The scale suffixes Electron looks for beside a file, in its order (shell/common/skia_util.cc). */
const SCALE_SUFFIXES: [string, number][] = [
  ['@2x', 2],
  ['@3x', 3],
  ['@1x', 1],
  ['@4x', 4],
  ['@5x', 5],
  ['@1.25x', 1.25],
  ['@1.33x', 1.33],
  ['@1.4x', 1.4],
  ['@1.5x', 1.5],
  ['@1.8x', 1.8],
  ['@2.5x', 2.5],
];

interface Representation {
  scale: number;
  png: Buffer;
  /** Pixels. */
  width: number;
  height: number;
}

class StandInLimitation extends Error {
  override name = 'StandInLimitation';
}

export class NativeImageStandIn implements NativeImageSurface {
  /** By scale, ascending. */
  private readonly representations: Representation[];

  /** `source`: the path it was created from, for the test's eyes (which file a tray shows). */
  constructor(
    representations: Representation[],
    readonly source: string | null,
  ) {
    this.representations = [...representations].sort((a, b) => a.scale - b.scale);
  }

  isEmpty(): boolean {
    return this.representations.length === 0;
  }

  /** The representation for `scaleFactor`, as Electron picks it: the closest scale. */
  private closest(scaleFactor: number): Representation | undefined {
    let best: Representation | undefined;
    for (const representation of this.representations) {
      if (
        !best ||
        Math.abs(representation.scale - scaleFactor) < Math.abs(best.scale - scaleFactor)
      )
        best = representation;
    }
    return best;
  }

  getSize(scaleFactor = 1): Electron.Size {
    const representation = this.closest(scaleFactor);
    if (!representation) return { width: 0, height: 0 };
    // DIPs: a 32 px @2x representation is a 16 x 16 image.
    return {
      width: Math.floor(representation.width / representation.scale),
      height: Math.floor(representation.height / representation.scale),
    };
  }

  getScaleFactors(): number[] {
    return this.representations.map((representation) => representation.scale);
  }

  private pngAt(scaleFactor: number): Buffer {
    if (this.isEmpty()) return Buffer.alloc(0);
    const exact = this.representations.find((candidate) => candidate.scale === scaleFactor);
    if (!exact) {
      throw new StandInLimitation(
        `The Electron stand-in cannot resample an image: it has representations at ` +
          `${this.getScaleFactors().join(', ')}x, not ${scaleFactor}x`,
      );
    }
    return Buffer.from(exact.png);
  }

  toPNG(options: Electron.ToPNGOptions = {}): Buffer {
    return this.pngAt(options.scaleFactor ?? 1);
  }

  toDataURL(options: Electron.ToDataURLOptions = {}): string {
    return `data:image/png;base64,${this.pngAt(options.scaleFactor ?? 1).toString('base64')}`;
  }

  snapshot(): NativeImageSnapshot {
    return {
      path: this.source,
      empty: this.isEmpty(),
      ...this.getSize(),
      scaleFactors: this.getScaleFactors(),
    };
  }
}

/** One file as a representation at `scale`, or null when it is not a readable, valid image. */
function readRepresentation(file: string, scale: number): Representation | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return null; // missing, a directory, unreadable: no image (Electron's answer too)
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    throw new StandInLimitation(`The Electron stand-in reads only PNG images; ${file} is a JPEG`);
  }
  const info = readPng(bytes);
  return info ? { scale, png: bytes, ...info } : null;
}

/**
 * The scale a file's own name gives it, or null when it names none: a name like "*@*x" names one,
 * the scale from the suffix list (case-insensitive), 1 for a suffix not in it (skia_util.cc,
 * GetScaleFactorFromPath and PopulateImageSkiaRepsFromPath).
 */
function scaleInName(file: string): number | null {
  const stem = path.basename(file, path.extname(file));
  if (!/@.*x$/.test(stem)) return null;
  const lower = stem.toLowerCase();
  return SCALE_SUFFIXES.find(([suffix]) => lower.endsWith(suffix))?.[1] ?? 1;
}

function createFromPath(file: string): NativeImageStandIn {
  if (typeof file !== 'string') throw conversionFailure(0, file);
  if (file === '') return new NativeImageStandIn([], null);
  const absolute = path.resolve(file);
  const ownScale = scaleInName(absolute);
  const representations: Representation[] = [];
  if (ownScale !== null) {
    // "Don't search for other representations if the DPI has been specified."
    const own = readRepresentation(absolute, ownScale);
    if (own) representations.push(own);
  } else {
    const base = readRepresentation(absolute, 1);
    if (base) representations.push(base);
    const extension = path.extname(absolute);
    const stem = absolute.slice(0, absolute.length - extension.length);
    for (const [suffix, scale] of SCALE_SUFFIXES) {
      if (representations.some((known) => known.scale === scale)) continue;
      const variant = readRepresentation(`${stem}${suffix}${extension}`, scale);
      if (variant) representations.push(variant);
    }
  }
  return new NativeImageStandIn(representations, absolute);
}

/** An image from PNG bytes the stand-in made itself (the desktop's file icons). */
export function imageFromPng(png: Buffer): NativeImageStandIn {
  const info = readPng(png);
  if (!info) throw new Error('The Electron stand-in made an invalid PNG');
  return new NativeImageStandIn([{ scale: 1, png, ...info }], null);
}

export const nativeImage: NativeImageModuleSurface = {
  createEmpty() {
    record('nativeImage.createEmpty');
    return new NativeImageStandIn([], null);
  },
  createFromPath(file: string) {
    const image = createFromPath(file);
    record('nativeImage.createFromPath', { path: file, empty: image.isEmpty() });
    return image;
  },
};

/**
 * An image argument as Electron converts one (NativeImage::TryConvertNativeImage): a path string
 * must load, anything else must be a NativeImage (an empty one is accepted).
 */
export function toNativeImage(value: unknown): NativeImageStandIn {
  if (typeof value === 'string') {
    const image = createFromPath(value);
    if (image.isEmpty()) throw new Error(`Failed to load image from path '${value}'`);
    return image;
  }
  if (value instanceof NativeImageStandIn) return value;
  throw new Error('Argument must be a file path or a NativeImage');
}
