/**
 * Encoding RawImages to PNG (lossless), JPEG (MozJPEG) or WebP (libwebp) with the @jsquash WASM
 * codecs — the same bytes in every runtime, browsers included, so an upload manifest's sha256 can
 * be reproduced anywhere.
 */
import { EdgeAugmentError, isEdgeAugmentError } from '../errors.js';
import type { RawImage, RawImageLike } from '../types.js';
import { codecs, resetCodecs, type CodecImage } from './codecs.js';
import { convertChannels, validateRawImage } from './pixels.js';

/** Output formats of {@link encodeImage}. */
export type EncodeFormat = 'png' | 'jpeg' | 'webp';

/** Options of {@link encodeImage}. */
export interface EncodeOptions {
  /** Default `'png'`. */
  format?: EncodeFormat;
  /** JPEG/WebP quality 0..100 (default 90). Ignored for PNG. WebP with quality 100 is still lossy; use `lossless`. */
  quality?: number;
  /** WebP only: lossless mode. Default false. */
  lossless?: boolean;
}

const MIME: Record<EncodeFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

/**
 * Encodes a {@link RawImage}. 1- and 3-channel images are expanded to RGBA first (the codecs take
 * RGBA); JPEG ignores alpha. A PNG round trip through {@link decodeImage} is lossless.
 *
 * @throws {EdgeAugmentError} `INVALID_IMAGE` for a malformed image, `INVALID_ARGUMENT` for a bad
 *   format/quality, `ENCODE_FAILED` when the codec fails, `WASM_INIT_FAILED` when it cannot load.
 * @example
 * ```ts
 * const png = await encodeImage(img);                                  // lossless
 * const jpg = await encodeImage(img, { format: 'jpeg', quality: 85 });
 * ```
 */
export async function encodeImage(image: RawImageLike, options: EncodeOptions = {}): Promise<Uint8Array> {
  const format = options.format ?? 'png';
  if (!(format in MIME)) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `format must be one of png, jpeg, webp; got ${String(format)}.`);
  }
  const quality = options.quality ?? 90;
  if (typeof quality !== 'number' || !(quality >= 0 && quality <= 100)) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `quality must be a number in 0..100, got ${String(quality)}.`);
  }
  const rgba = convertChannels(validateRawImage(image), 4);
  const data = rgba.data instanceof Uint8ClampedArray ? rgba.data : new Uint8ClampedArray(rgba.data.buffer, rgba.data.byteOffset, rgba.data.length);
  // jsquash's PNG encoder reads `data.buffer` whole: hand it a buffer that is exactly the pixels.
  const exact = data.byteOffset === 0 && data.buffer.byteLength === data.length ? data : new Uint8ClampedArray(data);
  const input: CodecImage = { data: exact, width: rgba.width, height: rgba.height };
  try {
    let out: ArrayBuffer;
    if (format === 'png') out = await codecs.pngEncode(input);
    else if (format === 'jpeg') out = await codecs.jpegEncode(input, { quality: Math.round(quality) });
    else out = await codecs.webpEncode(input, options.lossless ? { lossless: 1, quality: 100, exact: 1 } : { quality });
    return new Uint8Array(out);
  } catch (e) {
    if (isEdgeAugmentError(e)) throw e;
    if (format !== 'png') resetCodecs(format === 'jpeg' ? 'jpegEncode' : 'webpEncode');
    throw new EdgeAugmentError('ENCODE_FAILED', `Encoding ${format} failed: ${(e as Error)?.message ?? String(e)}`, { cause: e, details: { format } });
  }
}

/**
 * {@link encodeImage} wrapped in a `Blob` with the right MIME type (browsers, workers, Deno, Bun,
 * Node ≥ 18 — wherever `Blob` exists).
 *
 * @throws {EdgeAugmentError} as {@link encodeImage}; `UNSUPPORTED_RUNTIME` when `Blob` is missing.
 * @example
 * ```ts
 * const url = URL.createObjectURL(await encodeImageToBlob(img, { format: 'webp', quality: 80 }));
 * ```
 */
export async function encodeImageToBlob(image: RawImageLike, options: EncodeOptions = {}): Promise<Blob> {
  if (typeof Blob !== 'function') throw new EdgeAugmentError('UNSUPPORTED_RUNTIME', 'Blob is not available in this runtime.');
  const bytes = await encodeImage(image, options);
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: MIME[options.format ?? 'png'] });
}
