/**
 * RawImage helpers: validation, channel conversion, and {@link toRawImage}, which turns anything a
 * user may hold (ImageData, ImageBitmap, <img>, canvases, Blob/File, encoded bytes, tf tensors) into
 * the SDK's one pixel type. Every branch is guarded by feature detection, so the same code runs
 * where a DOM type does not exist (Node, Deno, Bun, workerd).
 */
import { EdgeAugmentError } from '../errors.js';
import type { Channels, RawImage } from '../types.js';
import { decodeImage, type DecodeOptions } from './decode.js';
import { convertChannels, validateRawImage } from './pixels.js';

/** A duck-typed tfjs tensor (rank 3 `[h, w, c]` or rank 4 `[1, h, w, c]`). Import no tfjs for it. */
export interface TensorLike {
  shape: number[];
  dtype: string;
  data(): Promise<ArrayLike<number>>;
}

/** Everything {@link toRawImage} accepts. DOM types appear by name only; none is required at run time. */
export type ImageInput =
  | RawImage
  | ImageData
  | ImageBitmap
  | HTMLImageElement
  | HTMLCanvasElement
  | OffscreenCanvas
  | Blob
  | ArrayBuffer
  | Uint8Array
  | TensorLike;

/** Options of {@link toRawImage}: decode options (for encoded inputs) plus the wanted channel count. */
export interface ToRawImageOptions extends DecodeOptions {
  /**
   * Channels of the result. Default: decoded and DOM inputs give 4 (RGBA); RawImage and tensor
   * inputs keep their own.
   */
  channels?: Channels;
}

const has = (name: string): boolean => typeof (globalThis as Record<string, unknown>)[name] === 'function';
const isInstance = (v: unknown, name: string): boolean =>
  has(name) && v instanceof ((globalThis as Record<string, unknown>)[name] as abstract new (...a: never[]) => unknown);

function isTensorLike(v: unknown): v is TensorLike {
  const t = v as TensorLike;
  return typeof v === 'object' && v !== null && Array.isArray(t.shape) && typeof t.dtype === 'string' && typeof t.data === 'function';
}

function isRawImageLike(v: unknown): v is RawImage {
  const r = v as RawImage;
  return typeof v === 'object' && v !== null && 'channels' in r && 'data' in r && 'width' in r && 'height' in r;
}

/**
 * Normalises any supported input to a validated {@link RawImage}.
 *
 * - `RawImage`: validated, returned as is (or channel-converted).
 * - `ImageData` (or any `{data, width, height}` whose data is RGBA): wrapped, RGBA.
 * - `ImageBitmap`, `HTMLImageElement`, `HTMLCanvasElement`, `OffscreenCanvas`: drawn to an
 *   `OffscreenCanvas` (or a DOM canvas) and read back with `getImageData` — browsers only.
 * - `Blob`/`File`, `ArrayBuffer`, `Uint8Array`: treated as encoded image bytes and decoded with
 *   {@link decodeImage} (so `maxPixels`/`orientation` apply).
 * - tf tensors (duck-typed `{shape, dtype, data()}`): `[h,w,c]` or `[1,h,w,c]`, c ∈ {1,3,4},
 *   values 0..255 (int or float; floats are rounded and clamped).
 *
 * @throws {EdgeAugmentError} `INVALID_IMAGE` for wrong shapes/lengths/values, `INVALID_ARGUMENT` for
 *   an unsupported input type, and every decode error for encoded inputs.
 * @example
 * ```ts
 * const img = await toRawImage(fileInput.files[0], { channels: 3 });
 * const fromTensor = await toRawImage(tf.browser.fromPixels(canvas));
 * ```
 */
export async function toRawImage(input: ImageInput, options: ToRawImageOptions = {}): Promise<RawImage> {
  const want = options.channels;
  if (want !== undefined && want !== 1 && want !== 3 && want !== 4) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `channels must be 1, 3 or 4, got ${String(want)}.`);
  }
  const finish = (img: RawImage) => (want ? convertChannels(img, want) : img);
  if (input === null || input === undefined) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', 'toRawImage received no input.');
  }
  if (input instanceof Uint8Array || input instanceof ArrayBuffer || isInstance(input, 'Blob')) {
    return decodeImage(input as Uint8Array | ArrayBuffer | Blob, { ...options, channels: want ?? 4 });
  }
  if (isTensorLike(input)) return finish(await tensorToRawImage(input));
  if (isRawImageLike(input)) return finish(validateRawImage(input, 'RawImage'));
  if (isInstance(input, 'ImageData') || isImageDataLike(input)) {
    const d = input as ImageData;
    return finish(validateRawImage({ data: d.data, width: d.width, height: d.height, channels: 4 }, 'ImageData'));
  }
  if (isInstance(input, 'ImageBitmap') || isInstance(input, 'HTMLImageElement') || isInstance(input, 'HTMLCanvasElement') || isInstance(input, 'OffscreenCanvas')) {
    return finish(drawToRaw(input as CanvasImageSource & { width: number; height: number }, options.maxPixels));
  }
  throw new EdgeAugmentError(
    'INVALID_ARGUMENT',
    'Unsupported image input. Pass a RawImage, ImageData, ImageBitmap, HTMLImageElement, HTMLCanvasElement, ' +
      'OffscreenCanvas, Blob/File, ArrayBuffer/Uint8Array of encoded bytes, or a tf.Tensor3D/4D.',
  );
}

function isImageDataLike(v: unknown): boolean {
  const d = v as ImageData;
  return typeof v === 'object' && v !== null && d.data instanceof Uint8ClampedArray && typeof d.width === 'number' &&
    typeof d.height === 'number' && d.data.length === d.width * d.height * 4;
}

async function tensorToRawImage(t: TensorLike): Promise<RawImage> {
  let shape = t.shape;
  if (shape.length === 4) {
    if (shape[0] !== 1) {
      throw new EdgeAugmentError('INVALID_IMAGE', `A rank-4 tensor must hold one image ([1, h, w, c]); got shape [${shape.join(', ')}]. Use tf.unstack for batches.`);
    }
    shape = shape.slice(1);
  }
  if (shape.length !== 3) {
    throw new EdgeAugmentError('INVALID_IMAGE', `Expected a tensor of shape [h, w, c] or [1, h, w, c]; got [${shape.join(', ')}].`);
  }
  const [h, w, c] = shape;
  if (c !== 1 && c !== 3 && c !== 4) {
    throw new EdgeAugmentError('INVALID_IMAGE', `Tensor has ${c} channels; valid: 1, 3, 4 (channels last).`);
  }
  if (t.dtype !== 'int32' && t.dtype !== 'float32' && t.dtype !== 'bool') {
    throw new EdgeAugmentError('INVALID_IMAGE', `Tensor dtype ${t.dtype} is not an image dtype (int32 or float32, values 0..255).`);
  }
  const values = await t.data();
  const n = h * w * c;
  if (values.length !== n) throw new EdgeAugmentError('INVALID_IMAGE', `Tensor data has ${values.length} values, shape needs ${n}.`);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isNaN(v)) throw new EdgeAugmentError('INVALID_IMAGE', `Tensor value at ${i} is NaN.`, { details: { index: i } });
    out[i] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
  }
  return validateRawImage({ data: out, width: w, height: h, channels: c }, 'tensor');
}

function drawToRaw(src: CanvasImageSource & { width: number; height: number; naturalWidth?: number; naturalHeight?: number }, maxPixels?: number): RawImage {
  const width = src.naturalWidth || src.width;
  const height = src.naturalHeight || src.height;
  if (!(width > 0 && height > 0)) throw new EdgeAugmentError('INVALID_IMAGE', `The image source has no pixels (${width}×${height}); is the <img> loaded?`);
  if (maxPixels !== undefined && width * height > maxPixels) {
    throw new EdgeAugmentError('IMAGE_TOO_LARGE', `The image source is ${width}×${height}, over maxPixels ${maxPixels}.`);
  }
  let ctx: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null = null;
  if (has('OffscreenCanvas')) {
    ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  } else if (typeof document !== 'undefined') {
    const c = document.createElement('canvas');
    c.width = width;
    c.height = height;
    ctx = c.getContext('2d', { willReadFrequently: true });
  }
  if (!ctx) throw new EdgeAugmentError('UNSUPPORTED_RUNTIME', 'Reading pixels from a DOM image source needs OffscreenCanvas or a document.');
  ctx.drawImage(src, 0, 0);
  const d = ctx.getImageData(0, 0, width, height);
  return { data: d.data, width, height, channels: 4 };
}
