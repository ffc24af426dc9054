/**
 * Decoding encoded images (JPEG, PNG, WebP, BMP everywhere; GIF in browsers only) to RawImage.
 *
 * Every decode sniffs the header first ({@link sniffImage}): the pixel budget is enforced before any
 * pixel buffer is allocated, and a structurally incomplete JPEG/PNG/WebP is refused with
 * `TRUNCATED_IMAGE` — libjpeg (and browsers) would otherwise fill the missing rows with grey and
 * report success. Browsers decode natively (`createImageBitmap` + `OffscreenCanvas`); every other
 * runtime uses the @jsquash WASM codecs loaded by `codecs.ts`.
 */
import { ownsWholeBuffer } from '../buffers.js';
import { EdgeAugmentError, isEdgeAugmentError } from '../errors.js';
import type { Channels, RawImage } from '../types.js';
import { codecs, jpegDecode, resetCodecs, withDiagnostics, type CodecImage } from './codecs.js';
import { decodeBmp } from './bmp.js';
import { applyOrientation } from './orientation.js';
import { convertChannels } from './pixels.js';
import { DEFAULT_MAX_PIXELS, sniffImage, type ImageHeader } from './sniff.js';

/** Encoded image bytes in any of the forms {@link decodeImage} takes. */
export type EncodedInput = Uint8Array | ArrayBuffer | Blob;

/** Options of {@link decodeImage}. */
export interface DecodeOptions {
  /** Largest accepted `width × height`, checked from the header. Default 50,000,000. */
  maxPixels?: number;
  /** `'exif'` (default) turns JPEGs upright by their EXIF orientation; `'none'` keeps stored pixels. */
  orientation?: 'exif' | 'none';
  /** Channels of the result: 4 = RGBA (default), 3 = RGB (alpha dropped), 1 = luma (PIL 'L'). */
  channels?: Channels;
  /**
   * `'auto'` (default): native browser decoding where `createImageBitmap` and `OffscreenCanvas`
   * exist, WASM elsewhere. `'wasm'` forces the `@jsquash` codecs (identical pixels in every runtime).
   */
  decoder?: 'auto' | 'wasm';
}

/** Result of one item of {@link decodeMany}. */
export type DecodeResult = { ok: true; image: RawImage } | { ok: false; error: EdgeAugmentError };

/** Options of {@link decodeMany}. */
export interface DecodeManyOptions extends DecodeOptions {
  /** Throw the first error instead of reporting it per item. Default false. */
  failFast?: boolean;
}

/**
 * Reads encoded input into a `Uint8Array` (no copy for a Uint8Array; a view for an ArrayBuffer).
 *
 * @throws {EdgeAugmentError} `INVALID_ARGUMENT` for other types, `IO_ERROR` when a Blob cannot be read.
 */
export async function toBytes(input: EncodedInput): Promise<Uint8Array> {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (typeof Blob === 'function' && input instanceof Blob) {
    try {
      return new Uint8Array(await input.arrayBuffer());
    } catch (e) {
      throw new EdgeAugmentError('IO_ERROR', `Reading the Blob failed: ${(e as Error).message}`, { cause: e });
    }
  }
  throw new EdgeAugmentError('INVALID_ARGUMENT', 'Expected encoded image bytes: Uint8Array, ArrayBuffer or Blob/File.');
}

/** The orientation that undoes each EXIF orientation (all are self-inverse except 6 ↔ 8). */
const INVERSE_ORIENTATION = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 8, 7: 7, 8: 6 } as const;

function nativeDecodeAvailable(): boolean {
  const g = globalThis as Record<string, unknown>;
  return typeof g.createImageBitmap === 'function' && typeof g.OffscreenCanvas === 'function';
}

/**
 * Decodes an encoded image to a {@link RawImage} (RGBA unless `channels` says otherwise).
 *
 * Truncation policy: a JPEG without an EOI marker after its first scan, a PNG whose chunk walk does
 * not reach IEND, or a WebP shorter than its RIFF size is rejected with `TRUNCATED_IMAGE`; if libjpeg
 * still reports "Premature end of JPEG file" the result is discarded with `TRUNCATED_IMAGE` too.
 *
 * @throws {EdgeAugmentError} `EMPTY_INPUT`, `UNSUPPORTED_FORMAT` (unknown magic, GIF outside a browser,
 *   RLE-compressed BMP), `TRUNCATED_IMAGE`, `IMAGE_TOO_LARGE`, `DECODE_FAILED` (corrupt data), `WASM_INIT_FAILED`
 *   (codec could not load; in workerd: modules not supplied via `setCodecModules`).
 * @example
 * ```ts
 * const rgba = await decodeImage(await fetch(url).then((r) => r.arrayBuffer()));
 * const rgb = await decodeImage(file, { channels: 3, maxPixels: 4096 * 4096 });
 * ```
 */
export async function decodeImage(input: EncodedInput, options: DecodeOptions = {}): Promise<RawImage> {
  const channels = options.channels ?? 4;
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `channels must be 1, 3 or 4, got ${String(channels)}.`);
  }
  const orientation = options.orientation ?? 'exif';
  if (orientation !== 'exif' && orientation !== 'none') {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `orientation must be 'exif' or 'none', got ${String(orientation)}.`);
  }
  const bytes = await toBytes(input);
  const header = checkedHeader(bytes, options.maxPixels ?? DEFAULT_MAX_PIXELS);
  let img: RawImage;
  if (options.decoder !== 'wasm' && nativeDecodeAvailable()) {
    img = await decodeNative(bytes, header, orientation);
  } else {
    img = await decodeWasm(bytes, header);
    if (orientation === 'exif') img = applyOrientation(img, header.orientation);
  }
  return convertChannels(img, channels);
}

/**
 * `decodeImage(bytes, { decoder: 'wasm', orientation: 'none', channels })` for data that must be a
 * JPEG, through the JPEG decoder alone: what the `jpeg` op needs, without the PNG and WebP codecs in
 * the bundles that carry it (the worker). Same checks and errors as {@link decodeImage}, plus
 * `DECODE_FAILED` for data that is not a JPEG.
 */
export async function decodeJpegWasm(bytes: Uint8Array, channels: Channels): Promise<RawImage> {
  const header = checkedHeader(bytes, DEFAULT_MAX_PIXELS);
  if (header.format !== 'jpeg') {
    throw new EdgeAugmentError('DECODE_FAILED', `Expected JPEG data, got ${header.format}.`, { details: { format: header.format } });
  }
  return convertChannels(await runDecoder(bytes, header, jpegDecode, 'jpegDecode'), channels);
}

/** Sniffs the header and refuses truncated data (see {@link decodeImage}). */
function checkedHeader(bytes: Uint8Array, maxPixels: number): ImageHeader {
  const header = sniffImage(bytes, { maxPixels });
  if (!header.complete) {
    throw new EdgeAugmentError(
      'TRUNCATED_IMAGE',
      `The ${header.format} data (${bytes.length} bytes, ${header.width}×${header.height}) is truncated: ` +
        (header.format === 'jpeg' ? 'no end-of-image marker after the scan data.' : header.format === 'png' ? 'the chunks end before IEND.' : 'shorter than its RIFF size.'),
      { details: { format: header.format, length: bytes.length, width: header.width, height: header.height } },
    );
  }
  checkJpegBytes(header, bytes.length);
  return header;
}

/**
 * Huffman-coded JPEG needs at least one bit per 8×8 block of its first component (the DC code; even a
 * single-symbol table spends one bit), so it can hold at most 512 pixels per byte. A header claiming
 * more than 1,024 pixels per byte present (twice that bound) cannot be a whole image: refuse it before
 * the decoder allocates the claimed size (a 716-byte file saying 7000×7000 made libjpeg allocate
 * ~350 MB and work 1.8 s before reporting the missing data). Arithmetic-coded JPEGs are exempt.
 */
export const JPEG_MAX_PIXELS_PER_BYTE = 1024;

function checkJpegBytes(header: ImageHeader, length: number): void {
  if (header.format !== 'jpeg' || header.arithmetic) return;
  const pixels = header.width * header.height;
  if (pixels > length * JPEG_MAX_PIXELS_PER_BYTE) {
    throw new EdgeAugmentError(
      'TRUNCATED_IMAGE',
      `The jpeg header says ${header.width}×${header.height} but the file has only ${length} bytes; a Huffman-coded JPEG ` +
        `of that size needs at least ${Math.ceil(pixels / 512)} bytes of scan data, so the data is truncated or forged.`,
      { details: { format: 'jpeg', length, width: header.width, height: header.height } },
    );
  }
}

function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  if (ownsWholeBuffer(bytes)) return bytes.buffer as ArrayBuffer;
  return bytes.slice().buffer as ArrayBuffer;
}

async function decodeWasm(bytes: Uint8Array, header: ImageHeader): Promise<RawImage> {
  const { format } = header;
  if (format === 'bmp') return decodeBmp(bytes);
  switch (format) {
    case 'jpeg': return runDecoder(bytes, header, codecs.jpegDecode, 'jpegDecode');
    case 'png': return runDecoder(bytes, header, codecs.pngDecode, 'png');
    case 'webp': return runDecoder(bytes, header, codecs.webpDecode, 'webpDecode');
    default:
      throw new EdgeAugmentError(
        'UNSUPPORTED_FORMAT',
        `Decoding ${format} needs a browser (createImageBitmap); outside browsers edge-augment decodes jpeg, png, webp and bmp.`,
        { details: { format } },
      );
  }
}

/** One WASM codec decode with its diagnostics turned into typed errors. */
async function runDecoder(
  bytes: Uint8Array, header: ImageHeader, run: (b: ArrayBuffer) => Promise<CodecImage>, codecName: 'jpegDecode' | 'png' | 'webpDecode',
): Promise<RawImage> {
  const { format } = header;
  const r = await withDiagnostics(() => run(exactBuffer(bytes)));
  const messages = r.messages;
  if (!r.ok) {
    const e = r.error;
    if (isEdgeAugmentError(e)) throw e;
    // An emscripten exit() leaves the instance unusable: re-initialise on next use.
    if (codecName !== 'png') resetCodecs(codecName);
    const text = messages.length ? messages.join('; ') : ((e as Error)?.message ?? String(e));
    throw new EdgeAugmentError('DECODE_FAILED', `The ${format} decoder rejected the data: ${text}.`, {
      cause: e,
      details: { format, diagnostics: messages },
    });
  }
  const out = r.value;
  if (format === 'jpeg' && messages.some((m) => /premature end/i.test(m))) {
    throw new EdgeAugmentError('TRUNCATED_IMAGE', `The jpeg data is truncated (libjpeg: "${messages.join('; ')}"); the missing rows would be grey.`, {
      details: { format, diagnostics: messages },
    });
  }
  if (!out || out.width !== header.width || out.height !== header.height || out.data.length !== out.width * out.height * 4) {
    throw new EdgeAugmentError('DECODE_FAILED', `The ${format} decoder returned ${out?.width}×${out?.height} for a ${header.width}×${header.height} header.`, {
      details: { format },
    });
  }
  const data = out.data instanceof Uint8Array ? out.data : new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.length);
  return { data, width: out.width, height: out.height, channels: 4 };
}

async function decodeNative(bytes: Uint8Array, header: ImageHeader, orientation: 'exif' | 'none'): Promise<RawImage> {
  let bitmap: ImageBitmap;
  try {
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: header.mimeType });
    bitmap = await createImageBitmap(blob, {
      // Always 'from-image': Chromium ignores the legacy value 'none' and rotates anyway (measured in
      // test/io/browser.test.ts), so 'none' is produced below by undoing the rotation.
      imageOrientation: 'from-image',
      premultiplyAlpha: 'none',
      colorSpaceConversion: 'none',
    });
  } catch (e) {
    throw new EdgeAugmentError('DECODE_FAILED', `The browser could not decode the ${header.format} data: ${(e as Error)?.message ?? String(e)}.`, {
      cause: e,
      details: { format: header.format },
    });
  }
  try {
    const { width, height } = bitmap;
    const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new EdgeAugmentError('DECODE_FAILED', 'OffscreenCanvas 2d context unavailable.');
    ctx.drawImage(bitmap, 0, 0);
    const d = ctx.getImageData(0, 0, width, height);
    let img: RawImage = { data: d.data, width, height, channels: 4 };
    const o = header.orientation;
    if (o !== 1) {
      // Did the browser rotate? For 5–8 the size tells; for 2–4 trust it (every current engine does).
      const rotated = o < 5 || (width === header.height && height === header.width && width !== height) || width === height;
      if (orientation === 'none' && rotated) img = applyOrientation(img, INVERSE_ORIENTATION[o]);
      else if (orientation === 'exif' && !rotated) img = applyOrientation(img, o);
    }
    return img;
  } finally {
    bitmap.close();
  }
}

/**
 * Decodes many inputs one after another; one bad file never loses the others. Each item reports
 * `{ ok: true, image }` or `{ ok: false, error }` (always an {@link EdgeAugmentError}; unexpected
 * failures are wrapped as `DECODE_FAILED` with the cause and `details.index`).
 *
 * @throws {EdgeAugmentError} only with `failFast: true` (the first failure, with `details.index`).
 * @example
 * ```ts
 * const results = await decodeMany(files, { channels: 3 });
 * const images = results.flatMap((r) => (r.ok ? [r.image] : []));
 * ```
 */
export async function decodeMany(inputs: Iterable<EncodedInput> | AsyncIterable<EncodedInput>, options: DecodeManyOptions = {}): Promise<DecodeResult[]> {
  const { failFast = false, ...decodeOptions } = options;
  const results: DecodeResult[] = [];
  let index = 0;
  for await (const input of inputs as AsyncIterable<EncodedInput>) {
    try {
      results.push({ ok: true, image: await decodeImage(input, decodeOptions) });
    } catch (e) {
      const error = isEdgeAugmentError(e)
        ? new EdgeAugmentError(e.code, e.message, { cause: e.cause ?? e, details: { ...e.details, index } })
        : new EdgeAugmentError('DECODE_FAILED', `Item ${index}: ${(e as Error)?.message ?? String(e)}`, { cause: e, details: { index } });
      if (failFast) throw error;
      results.push({ ok: false, error });
    }
    index++;
  }
  return results;
}
