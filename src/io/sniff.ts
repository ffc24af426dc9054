/**
 * Header sniffing: an image's format, size and EXIF orientation read from its first bytes, without
 * decoding a single pixel. Every decode path calls {@link sniffImage} first, so the pixel budget
 * (`maxPixels`) is enforced before any pixel buffer exists, and a truncated JPEG is caught before a
 * decoder can turn it into a silently grey picture.
 */
import { EdgeAugmentError } from '../errors.js';

/** Container formats the sniffer recognises. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'bmp';

/** EXIF orientation values (TIFF tag 0x0112). 1 = upright (`decodeImage` applies the others unless `orientation: 'none'`). */
export type ExifOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** Default pixel budget: 50 megapixels. */
export const DEFAULT_MAX_PIXELS = 50_000_000;

/** What {@link sniffImage} learns from a header. */
export interface ImageHeader {
  format: ImageFormat;
  /** MIME type of the format, e.g. `image/jpeg`. */
  mimeType: string;
  /** Stored width in pixels (before EXIF orientation is applied). */
  width: number;
  /** Stored height in pixels (before EXIF orientation is applied). */
  height: number;
  /** EXIF orientation (JPEG APP1 only; 1 for every other format or when absent/invalid). */
  orientation: ExifOrientation;
  /**
   * Whether the stream is structurally complete: JPEG has an EOI marker after its first scan,
   * PNG's chunk walk reaches IEND without running out of bytes. Always true for other formats
   * (not checked). Decoders refuse incomplete streams with `TRUNCATED_IMAGE`.
   */
  complete: boolean;
  /** JPEG only: the frame is arithmetic-coded (SOF9–SOF15), whose data can be far smaller than Huffman's. */
  arithmetic?: boolean;
}

/** Options of {@link sniffImage}. */
export interface SniffOptions {
  /** Largest accepted `width × height`. Default {@link DEFAULT_MAX_PIXELS}. */
  maxPixels?: number;
}

const MIME: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  bmp: 'image/bmp',
};

/** MIME type for a format. */
export function mimeTypeOf(format: ImageFormat): string {
  return MIME[format];
}

/**
 * Identifies the container format from magic bytes only.
 *
 * @returns the format, or `null` when the bytes match none of jpeg/png/webp/gif/bmp.
 * @example
 * ```ts
 * detectFormat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10])); // 'png'
 * ```
 */
export function detectFormat(bytes: Uint8Array): ImageFormat | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 &&
    b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'png';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return 'gif';
  if (b.length >= 2 && b[0] === 0x42 && b[1] === 0x4d) return 'bmp';
  return null;
}

/**
 * Reads format, dimensions and EXIF orientation from an encoded image's header and enforces the
 * pixel budget. Allocates nothing proportional to the image.
 *
 * @throws {EdgeAugmentError} `EMPTY_INPUT` for zero bytes; `UNSUPPORTED_FORMAT` for unknown magic;
 *   `TRUNCATED_IMAGE` when the bytes end before the size is known; `DECODE_FAILED` for a header
 *   that is structurally wrong (e.g. zero width); `IMAGE_TOO_LARGE` when `width × height > maxPixels`.
 * @example
 * ```ts
 * const h = sniffImage(bytes, { maxPixels: 4096 * 4096 });
 * console.log(h.format, h.width, h.height, h.orientation);
 * ```
 */
export function sniffImage(bytes: Uint8Array, options: SniffOptions = {}): ImageHeader {
  if (!(bytes instanceof Uint8Array)) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', 'sniffImage expects a Uint8Array of encoded image bytes.');
  }
  if (bytes.length === 0) {
    throw new EdgeAugmentError('EMPTY_INPUT', 'The image input is empty (0 bytes).');
  }
  const format = detectFormat(bytes);
  if (!format) {
    const head = Array.from(bytes.subarray(0, 8), (v) => v.toString(16).padStart(2, '0')).join(' ');
    throw new EdgeAugmentError(
      'UNSUPPORTED_FORMAT',
      `Unrecognised image format (first bytes: ${head}). Supported: jpeg, png, webp, gif, bmp.`,
      { details: { head } },
    );
  }
  let h: Omit<ImageHeader, 'format' | 'mimeType'>;
  switch (format) {
    case 'png': h = sniffPng(bytes); break;
    case 'jpeg': h = sniffJpeg(bytes); break;
    case 'webp': h = sniffWebp(bytes); break;
    case 'gif': h = sniffGif(bytes); break;
    case 'bmp': h = sniffBmp(bytes); break;
  }
  if (!(h.width > 0 && h.height > 0)) {
    throw new EdgeAugmentError('DECODE_FAILED', `The ${format} header declares an empty image (${h.width}×${h.height}).`, {
      details: { format, width: h.width, height: h.height },
    });
  }
  assertPixelBudget(h.width, h.height, options.maxPixels, format);
  return { format, mimeType: MIME[format], ...h };
}

/**
 * Throws `IMAGE_TOO_LARGE` when `width × height` exceeds `maxPixels` (default 50 MP).
 *
 * @throws {EdgeAugmentError} `IMAGE_TOO_LARGE`; `INVALID_ARGUMENT` for a non-positive budget.
 */
export function assertPixelBudget(width: number, height: number, maxPixels = DEFAULT_MAX_PIXELS, what = 'image'): void {
  if (!(typeof maxPixels === 'number' && maxPixels > 0)) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `maxPixels must be a positive number, got ${String(maxPixels)}.`);
  }
  const pixels = width * height;
  if (pixels > maxPixels) {
    throw new EdgeAugmentError(
      'IMAGE_TOO_LARGE',
      `The ${what} is ${width}×${height} = ${pixels} pixels, over the limit of ${maxPixels}. ` +
        'Pass a larger `maxPixels` if you really mean to decode it.',
      { details: { width, height, pixels, maxPixels } },
    );
  }
}

// ---------------------------------------------------------------------------------------------

function ascii(b: Uint8Array, off: number, len: number): string {
  let s = '';
  for (let i = 0; i < len && off + i < b.length; i++) s += String.fromCharCode(b[off + i]);
  return s;
}
const u16be = (b: Uint8Array, o: number) => (b[o] << 8) | b[o + 1];
const u16le = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32be = (b: Uint8Array, o: number) => ((b[o] << 24) >>> 0) + ((b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]);
const u32le = (b: Uint8Array, o: number) => ((b[o + 3] << 24) >>> 0) + ((b[o + 2] << 16) | (b[o + 1] << 8) | b[o]);
const i32le = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24);

function truncated(format: ImageFormat, what: string, length: number): EdgeAugmentError {
  return new EdgeAugmentError('TRUNCATED_IMAGE', `The ${format} data ends (${length} bytes) before ${what}: the file is truncated.`, {
    details: { format, length },
  });
}

function sniffPng(b: Uint8Array): Omit<ImageHeader, 'format' | 'mimeType'> {
  if (b.length < 24) throw truncated('png', 'the IHDR chunk', b.length);
  if (ascii(b, 12, 4) !== 'IHDR') {
    throw new EdgeAugmentError('DECODE_FAILED', 'PNG: the first chunk is not IHDR.', { details: { format: 'png' } });
  }
  const width = u32be(b, 16);
  const height = u32be(b, 20);
  // Chunk walk (lengths only, no CRC): complete when IEND is reached within the bytes.
  let off = 8;
  let complete = false;
  while (off + 8 <= b.length) {
    const len = u32be(b, off);
    const type = ascii(b, off + 4, 4);
    const end = off + 12 + len;
    if (end > b.length) break;
    if (type === 'IEND') { complete = true; break; }
    off = end;
  }
  return { width, height, orientation: 1, complete };
}

/** SOF markers that carry the frame size (C0–CF except DHT C4, JPG C8, DAC CC). */
function isSof(m: number): boolean {
  return m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
}

function sniffJpeg(b: Uint8Array): Omit<ImageHeader, 'format' | 'mimeType'> {
  let off = 2;
  let width = -1;
  let height = -1;
  let orientation: ExifOrientation = 1;
  let sosAt = -1;
  let arithmetic = false;
  while (off < b.length) {
    if (b[off] !== 0xff) {
      throw new EdgeAugmentError('DECODE_FAILED', `JPEG: expected a marker at byte ${off}, found 0x${b[off].toString(16)}.`, {
        details: { format: 'jpeg', offset: off },
      });
    }
    while (off < b.length && b[off] === 0xff) off++; // fill bytes
    if (off >= b.length) break;
    const marker = b[off++];
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (marker === 0xd9) break; // EOI before any scan
    if (off + 2 > b.length) break;
    const len = u16be(b, off);
    if (len < 2) throw new EdgeAugmentError('DECODE_FAILED', `JPEG: segment 0x${marker.toString(16)} has length ${len}.`, { details: { format: 'jpeg' } });
    const segEnd = off + len;
    if (isSof(marker)) {
      if (off + 7 > b.length) break;
      height = u16be(b, off + 3);
      width = u16be(b, off + 5);
      arithmetic = marker >= 0xc9;
    } else if (marker === 0xe1 && segEnd <= b.length && ascii(b, off + 2, 4) === 'Exif' && b[off + 6] === 0 && b[off + 7] === 0) {
      orientation = readExifOrientation(b.subarray(off + 8, segEnd));
    } else if (marker === 0xda) {
      sosAt = off;
      break;
    }
    off = segEnd;
  }
  if (width < 0) throw truncated('jpeg', 'the frame header (SOF)', b.length);
  let complete = false;
  if (sosAt >= 0) {
    // Entropy-coded data escapes 0xFF as FF00 and uses RSTn (FFD0–D7); a real FFD9 is the EOI.
    for (let i = sosAt; i + 1 < b.length; i++) {
      if (b[i] === 0xff && b[i + 1] === 0xd9) { complete = true; break; }
    }
  }
  return { width, height, orientation, complete, ...(arithmetic ? { arithmetic } : {}) };
}

/**
 * Reads the orientation tag (0x0112) from IFD0 of a TIFF block (the bytes after `Exif\0\0`).
 * Returns 1 when absent or malformed. Exported for tests and for callers holding raw EXIF.
 */
export function readExifOrientation(t: Uint8Array): ExifOrientation {
  if (t.length < 8) return 1;
  const le = t[0] === 0x49 && t[1] === 0x49;
  const be = t[0] === 0x4d && t[1] === 0x4d;
  if (!le && !be) return 1;
  const r16 = le ? u16le : u16be;
  const r32 = le ? u32le : u32be;
  if (r16(t, 2) !== 42) return 1;
  const ifd = r32(t, 4);
  if (ifd + 2 > t.length) return 1;
  const n = r16(t, ifd);
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > t.length) return 1;
    if (r16(t, e) === 0x0112) {
      const type = r16(t, e + 2);
      const v = type === 3 ? r16(t, e + 8) : type === 4 ? r32(t, e + 8) : 0;
      return v >= 1 && v <= 8 ? (v as ExifOrientation) : 1;
    }
  }
  return 1;
}

function sniffWebp(b: Uint8Array): Omit<ImageHeader, 'format' | 'mimeType'> {
  if (b.length < 30) throw truncated('webp', 'the first chunk header', b.length);
  const chunk = ascii(b, 12, 4);
  let width: number;
  let height: number;
  if (chunk === 'VP8 ') {
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) {
      throw new EdgeAugmentError('DECODE_FAILED', 'WebP: VP8 key-frame start code missing.', { details: { format: 'webp' } });
    }
    width = u16le(b, 26) & 0x3fff;
    height = u16le(b, 28) & 0x3fff;
  } else if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) throw new EdgeAugmentError('DECODE_FAILED', 'WebP: VP8L signature byte missing.', { details: { format: 'webp' } });
    const bits = u32le(b, 21);
    width = (bits & 0x3fff) + 1;
    height = ((bits >>> 14) & 0x3fff) + 1;
  } else if (chunk === 'VP8X') {
    width = (b[24] | (b[25] << 8) | (b[26] << 16)) + 1;
    height = (b[27] | (b[28] << 8) | (b[29] << 16)) + 1;
  } else {
    throw new EdgeAugmentError('DECODE_FAILED', `WebP: unknown first chunk "${chunk}".`, { details: { format: 'webp' } });
  }
  const riffSize = u32le(b, 4) + 8;
  return { width, height, orientation: 1, complete: riffSize <= b.length };
}

function sniffGif(b: Uint8Array): Omit<ImageHeader, 'format' | 'mimeType'> {
  if (b.length < 10) throw truncated('gif', 'the logical screen descriptor', b.length);
  return { width: u16le(b, 6), height: u16le(b, 8), orientation: 1, complete: true };
}

function sniffBmp(b: Uint8Array): Omit<ImageHeader, 'format' | 'mimeType'> {
  if (b.length < 26) throw truncated('bmp', 'the DIB header', b.length);
  const dib = u32le(b, 14);
  if (dib === 12) return { width: u16le(b, 18), height: u16le(b, 20), orientation: 1, complete: true };
  return { width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)), orientation: 1, complete: true };
}
