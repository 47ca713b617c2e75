// PNG files as nativeImage reads them and the stand-in's icon theme writes them. Reading checks
// what a decoder would (signature, chunk CRCs, a valid IHDR, image data that inflates to exactly
// the rows IHDR promises, IEND), so a truncated or corrupt file counts as "not a valid image" and
// gives an empty NativeImage, as Electron's does. The pixels themselves are never needed: the
// stand-in hands the file's own PNG bytes on (native-image.ts).
// Format: https://www.w3.org/TR/png-3/ (chunk layout §5.3, IHDR §11.2.1, Adam7 §8.2).
import { crc32, deflateSync, inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Bit depths allowed for each colour type (PNG §11.2.1, table 11.1), and samples per pixel. */
const COLOUR_TYPES: Record<number, { depths: number[]; samples: number }> = {
  0: { depths: [1, 2, 4, 8, 16], samples: 1 }, // greyscale
  2: { depths: [8, 16], samples: 3 }, // truecolour
  3: { depths: [1, 2, 4, 8], samples: 1 }, // indexed
  4: { depths: [8, 16], samples: 2 }, // greyscale with alpha
  6: { depths: [8, 16], samples: 4 }, // truecolour with alpha
};

/** A decoder refuses images this large rather than allocating them (2^31-1 is PNG's own cap). */
const MAX_PIXELS = 1 << 26;

/** Adam7 passes: starting column/row and step (PNG §8.2). */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

export interface PngInfo {
  width: number;
  height: number;
}

/** Bytes of filtered image data: one filter byte per row plus the packed samples. */
function scanlineBytes(width: number, height: number, bitsPerPixel: number): number {
  if (width === 0 || height === 0) return 0;
  return height * (1 + Math.ceil((width * bitsPerPixel) / 8));
}

function expectedDataLength(info: PngInfo, bitsPerPixel: number, interlaced: boolean): number {
  if (!interlaced) return scanlineBytes(info.width, info.height, bitsPerPixel);
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    const width = Math.max(0, Math.ceil((info.width - x0) / dx));
    const height = Math.max(0, Math.ceil((info.height - y0) / dy));
    total += scanlineBytes(width, height, bitsPerPixel);
  }
  return total;
}

/** The image's size when `bytes` is a complete, valid PNG file; null otherwise. */
export function readPng(bytes: Uint8Array): PngInfo | null {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.length < SIGNATURE.length || !data.subarray(0, 8).equals(SIGNATURE)) return null;
  let offset = 8;
  let header: { info: PngInfo; bitsPerPixel: number; interlaced: boolean; colour: number } | null =
    null;
  let palette = false;
  const idat: Buffer[] = [];
  for (;;) {
    if (offset + 12 > data.length) return null;
    const length = data.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (length > 0x7fffffff || end > data.length) return null;
    const typeAndData = data.subarray(offset + 4, offset + 8 + length);
    if (crc32(typeAndData) !== data.readUInt32BE(offset + 8 + length)) return null;
    const type = typeAndData.subarray(0, 4).toString('latin1');
    const body = typeAndData.subarray(4);
    if (header === null && type !== 'IHDR') return null;
    if (type === 'IHDR') {
      if (header !== null || length !== 13) return null;
      const width = body.readUInt32BE(0);
      const height = body.readUInt32BE(4);
      const [depth, colour, compression, filter, interlace] = body.subarray(8, 13);
      const kind = COLOUR_TYPES[colour!];
      if (!kind || !kind.depths.includes(depth!)) return null;
      if (compression !== 0 || filter !== 0 || (interlace !== 0 && interlace !== 1)) return null;
      if (width === 0 || height === 0 || width * height > MAX_PIXELS) return null;
      header = {
        info: { width, height },
        bitsPerPixel: depth! * kind.samples,
        interlaced: interlace === 1,
        colour: colour!,
      };
    } else if (type === 'PLTE') {
      palette = true;
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      break;
    }
    offset = end;
  }
  if (header === null || idat.length === 0 || (header.colour === 3 && !palette)) return null;
  const expected = expectedDataLength(header.info, header.bitsPerPixel, header.interlaced);
  try {
    const inflated = inflateSync(Buffer.concat(idat), { maxOutputLength: expected + 1 });
    if (inflated.length !== expected) return null;
  } catch {
    return null;
  }
  return header.info;
}

function chunk(type: string, body: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A PNG file of 8-bit RGBA pixels (row-major, `width * height * 4` bytes), unfiltered rows. */
export function encodeRgbaPng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new RangeError('RGBA data does not match the size');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, truecolour with alpha, deflate, no filter, no interlace
  const rows = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    // Filter type 0 (None) for every row: the icons are tiny, size does not matter.
    rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (1 + width * 4) + 1);
  }
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
