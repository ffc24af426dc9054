/**
 * Resizing as Keras's `load_img(target_size=…)` does it: Pillow's `Image.resize`. Keras's default
 * interpolation for `flow_from_directory` is `'nearest'`. Both methods here follow Pillow 9's
 * arithmetic and are checked pixel-exact against Pillow goldens (test/goldens/io/resize.json).
 */
import { EdgeAugmentError } from '../errors.js';
import type { RawImage, RawImageLike } from '../types.js';
import { validateRawImage } from './pixels.js';

/** Resampling methods of {@link resizeRawImage}. */
export type ResizeMethod = 'nearest' | 'bilinear';

/**
 * Resizes an interleaved u8 image.
 *
 * - `'nearest'` (Keras's default): output pixel `x` takes source column
 *   `floor((x + 0.5) · srcW / dstW)`, computed in Pillow's 16.16 fixed-point stepping so rounding
 *   matches Pillow exactly.
 * - `'bilinear'`: Pillow's separable, antialiased triangle filter (support scales with the
 *   downscale factor), 22-bit fixed-point coefficients, horizontal pass then vertical pass, each
 *   rounded to u8. Channels are filtered independently (Pillow premultiplies RGBA alpha; Keras
 *   converts to RGB before resizing, so RGB results match Pillow exactly).
 *
 * Returns the input itself when the size is unchanged.
 *
 * @throws {EdgeAugmentError} `INVALID_ARGUMENT` for non-positive/non-integer sizes or an unknown
 *   method; `INVALID_IMAGE` for a malformed image.
 * @example
 * ```ts
 * const small = resizeRawImage(img, 224, 224, 'nearest');
 * ```
 */
export function resizeRawImage(image: RawImageLike, width: number, height: number, method: ResizeMethod = 'nearest'): RawImage {
  const img = validateRawImage(image);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `Target size must be positive integers, got ${String(width)}×${String(height)}.`);
  }
  if (method !== 'nearest' && method !== 'bilinear') {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `Resize method must be 'nearest' or 'bilinear', got ${String(method)}.`);
  }
  if (width === img.width && height === img.height) return img;
  return method === 'nearest' ? resizeNearest(img, width, height) : resizeBilinear(img, width, height);
}

/** Source indices for nearest resampling along one axis (Pillow's affine fixed-point stepping). */
function nearestIndices(srcSize: number, dstSize: number): Int32Array {
  const scale = srcSize / dstSize;
  const idx = new Int32Array(dstSize);
  if (Math.abs(scale * dstSize) < 32768) {
    const fix = (v: number) => Math.floor(v * 65536 + 0.5);
    const step = fix(scale);
    let acc = fix(scale * 0.5);
    for (let i = 0; i < dstSize; i++) {
      idx[i] = Math.min(srcSize - 1, Math.max(0, Math.floor(acc / 65536)));
      acc += step;
    }
  } else {
    let acc = scale * 0.5;
    for (let i = 0; i < dstSize; i++) {
      idx[i] = Math.min(srcSize - 1, Math.max(0, Math.floor(acc)));
      acc += scale;
    }
  }
  return idx;
}

function resizeNearest(img: RawImage, w: number, h: number): RawImage {
  const C = img.channels;
  const xs = nearestIndices(img.width, w);
  const ys = nearestIndices(img.height, h);
  const out = new Uint8Array(w * h * C);
  const src = img.data;
  for (let y = 0; y < h; y++) {
    const row = ys[y] * img.width;
    for (let x = 0; x < w; x++) {
      const s = (row + xs[x]) * C;
      const d = (y * w + x) * C;
      for (let c = 0; c < C; c++) out[d + c] = src[s + c];
    }
  }
  return { data: out, width: w, height: h, channels: C };
}

const PRECISION_BITS = 22;

interface Coeffs { start: Int32Array; count: Int32Array; k: Int32Array; kSize: number }

/** Pillow's precompute_coeffs + normalize_coeffs_8bpc for the triangle (bilinear) filter. */
function bilinearCoeffs(inSize: number, outSize: number): Coeffs {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = 1 * filterScale;
  const kSize = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const k = new Int32Array(outSize * kSize);
  const tmp = new Float64Array(kSize);
  const ss = 1 / filterScale;
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xmax = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let ww = 0;
    for (let x = 0; x < xmax; x++) {
      const t = Math.abs((x + xmin - center + 0.5) * ss);
      const w = t < 1 ? 1 - t : 0;
      tmp[x] = w;
      ww += w;
    }
    for (let x = 0; x < xmax; x++) {
      const v = ww !== 0 ? tmp[x] / ww : tmp[x];
      k[xx * kSize + x] = v < 0 ? Math.trunc(-0.5 + v * (1 << PRECISION_BITS)) : Math.trunc(0.5 + v * (1 << PRECISION_BITS));
    }
    start[xx] = xmin;
    count[xx] = xmax;
  }
  return { start, count, k, kSize };
}

const clip8 = (acc: number) => {
  const v = Math.floor(acc / (1 << PRECISION_BITS));
  return v < 0 ? 0 : v > 255 ? 255 : v;
};

function resizeBilinear(img: RawImage, w: number, h: number): RawImage {
  const C = img.channels;
  const half = 1 << (PRECISION_BITS - 1);
  let cur: { data: Uint8Array | Uint8ClampedArray; width: number; height: number } = img;
  if (w !== img.width) {
    const cf = bilinearCoeffs(img.width, w);
    const out = new Uint8Array(w * img.height * C);
    const src = cur.data;
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < w; x++) {
        const s0 = cf.start[x];
        const n = cf.count[x];
        const kb = x * cf.kSize;
        for (let c = 0; c < C; c++) {
          let acc = half;
          for (let i = 0; i < n; i++) acc += src[(y * img.width + s0 + i) * C + c] * cf.k[kb + i];
          out[(y * w + x) * C + c] = clip8(acc);
        }
      }
    }
    cur = { data: out, width: w, height: img.height };
  }
  if (h !== img.height) {
    const cf = bilinearCoeffs(img.height, h);
    const out = new Uint8Array(w * h * C);
    const src = cur.data;
    for (let y = 0; y < h; y++) {
      const s0 = cf.start[y];
      const n = cf.count[y];
      const kb = y * cf.kSize;
      for (let x = 0; x < w; x++) {
        for (let c = 0; c < C; c++) {
          let acc = half;
          for (let i = 0; i < n; i++) acc += src[((s0 + i) * w + x) * C + c] * cf.k[kb + i];
          out[(y * w + x) * C + c] = clip8(acc);
        }
      }
    }
    cur = { data: out, width: w, height: h };
  }
  return { data: cur.data, width: w, height: h, channels: C };
}
