/**
 * Image features for drift monitoring: the names, the data types, input validation and the flat
 * row form used by profiles. The definitions themselves are documented in
 * src/kernels/assembly/features.ts and implemented twice (WASM kernel, TypeScript reference).
 */
import { EdgeAugmentError } from '../../errors.js';
import type { RawImage } from '../../types.js';

/**
 * The scalar image features, in the stable order the kernel writes them.
 *
 * - `brightness`: mean BT.601 luma Y = 0.299R + 0.587G + 0.114B on 0..255 (grey: the value).
 * - `contrast`: RMS contrast, the population std of Y.
 * - `hue_mean`, `hue_std`: plain (linear) mean and population std of skimage's H in [0, 1)
 *   (H = 0 for grey pixels). Hue is circular: reds near 0 and near 1 average to ≈ 0.5, so read
 *   these as distribution statistics for drift, not as "the average colour".
 * - `saturation_mean`, `saturation_std`, `value_mean`, `value_std`: skimage's S and V in [0, 1].
 * - `colorfulness`: Hasler–Süsstrunk, σ_rgyb + 0.3·μ_rgyb with rg = R−G, yb = (R+G)/2 − B.
 * - `sharpness`: population variance of the 4-neighbour Laplacian of Y over interior pixels
 *   (borders skipped, no padding; 0 when width or height < 3).
 * - `entropy`: Shannon entropy (bits) of the 256-bin histogram of Y rounded half up to u8.
 * - `edge_density`: fraction of interior pixels whose Sobel magnitude on Y (scipy.ndimage.sobel
 *   scale) is strictly above the edge threshold (default {@link DEFAULT_EDGE_THRESHOLD}).
 * - `width`, `height`, `aspect_ratio` (width / height).
 *
 * @example
 * ```ts
 * const row = IMAGE_FEATURE_NAMES.map((name) => features.scalars[name]);
 * ```
 */
export const IMAGE_FEATURE_NAMES = /* #__PURE__ */ Object.freeze([
  'brightness', 'contrast', 'hue_mean', 'hue_std', 'saturation_mean', 'saturation_std',
  'value_mean', 'value_std', 'colorfulness', 'sharpness', 'entropy', 'edge_density',
  'width', 'height', 'aspect_ratio',
] as const);

/** One scalar image feature name. */
export type ImageFeatureName = (typeof IMAGE_FEATURE_NAMES)[number];

/**
 * Default Sobel-magnitude threshold of `edge_density`, in scipy.ndimage.sobel units on 0..255
 * luma (a clean step edge of height h has magnitude 4h, so 100 ≈ a step of 25 grey levels).
 *
 * @example
 * ```ts
 * const fx = await createFeatureExtractor(wasm, { edgeThreshold: DEFAULT_EDGE_THRESHOLD / 2 });
 * ```
 */
export const DEFAULT_EDGE_THRESHOLD = 100;

/** Largest image (pixels) the features accept: keeps every exact integer sum inside 64 bits. */
export const MAX_FEATURE_PIXELS = 100_000_000;

/** Per-channel 256-bin histograms (alpha ignored). */
export type ImageHistograms =
  | { r: Uint32Array; g: Uint32Array; b: Uint32Array }
  | { gray: Uint32Array };

/** Every feature of one image. */
export interface ImageFeatures {
  /** The scalars, keyed by {@link IMAGE_FEATURE_NAMES}. */
  scalars: Record<ImageFeatureName, number>;
  /** 256-bin histograms: `{ r, g, b }` for RGB/RGBA, `{ gray }` for one channel. */
  histograms: ImageHistograms;
}

/** Options shared by the WASM extractor and the reference. */
export interface FeatureOptions {
  /** Sobel magnitude above which a pixel is an edge (default {@link DEFAULT_EDGE_THRESHOLD}). */
  edgeThreshold?: number;
}

/** Validates the options; returns the edge threshold. @throws {EdgeAugmentError} `INVALID_ARGUMENT`. */
export function resolveEdgeThreshold(options: FeatureOptions | undefined): number {
  const t = options?.edgeThreshold ?? DEFAULT_EDGE_THRESHOLD;
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0 || t > 1e4) {
    throw new EdgeAugmentError('INVALID_ARGUMENT',
      `edgeThreshold must be a finite number in [0, 10000] (Sobel magnitude on 0..255 luma), got ${String(t)}.`);
  }
  return t;
}

/**
 * Checks `image` is a RawImage the features accept: integer width and height ≥ 1, channels 1, 3
 * or 4, a Uint8Array/Uint8ClampedArray of exactly width·height·channels bytes.
 *
 * @example
 * ```ts
 * validateFeatureImage({ data: new Uint8Array(12), width: 2, height: 2, channels: 3 }); // ok
 * ```
 * @throws {EdgeAugmentError} `INVALID_IMAGE`, or `IMAGE_TOO_LARGE` above {@link MAX_FEATURE_PIXELS}.
 */
export function validateFeatureImage(image: RawImage): void {
  if (image === null || typeof image !== 'object') {
    throw new EdgeAugmentError('INVALID_IMAGE', 'Expected a RawImage { data, width, height, channels }.');
  }
  const { data, width, height, channels } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new EdgeAugmentError('INVALID_IMAGE',
      `Image width and height must be integers ≥ 1, got ${String(width)}×${String(height)}.`, { details: { width, height } });
  }
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new EdgeAugmentError('INVALID_IMAGE', `Image channels must be 1, 3 or 4, got ${String(channels)}.`, { details: { channels } });
  }
  if (!(data instanceof Uint8Array) && !(data instanceof Uint8ClampedArray)) {
    throw new EdgeAugmentError('INVALID_IMAGE', 'Image data must be a Uint8Array or Uint8ClampedArray.');
  }
  if (width * height > MAX_FEATURE_PIXELS) {
    throw new EdgeAugmentError('IMAGE_TOO_LARGE',
      `Image has ${width * height} pixels, the features accept at most ${MAX_FEATURE_PIXELS}: downscale it first.`, { details: { width, height } });
  }
  const expected = width * height * channels;
  if (data.length !== expected) {
    throw new EdgeAugmentError('INVALID_IMAGE',
      `Image data has ${data.length} bytes, width·height·channels = ${width}·${height}·${channels} = ${expected} expected.`,
      { details: { length: data.length, expected } });
  }
}

/**
 * Flattens features into one numeric row for a profile: the scalars plus `red_mean`,
 * `green_mean`, `blue_mean` (channel means from the histograms; grey images repeat the grey
 * mean), so colour and grey images share one schema.
 *
 * @example
 * ```ts
 * builder.add(featuresToRecord(extractor.extract(image)));
 * ```
 */
export function featuresToRecord(f: ImageFeatures): Record<string, number> {
  const row: Record<string, number> = {};
  for (const name of IMAGE_FEATURE_NAMES) row[name] = f.scalars[name];
  const h = f.histograms;
  if ('gray' in h) {
    const m = histogramMean(h.gray);
    row.red_mean = m; row.green_mean = m; row.blue_mean = m;
  } else {
    row.red_mean = histogramMean(h.r);
    row.green_mean = histogramMean(h.g);
    row.blue_mean = histogramMean(h.b);
  }
  return row;
}

/** Names of the columns {@link featuresToRecord} produces, in order. */
export const IMAGE_FEATURE_RECORD_NAMES = /* #__PURE__ */ Object.freeze([
  ...IMAGE_FEATURE_NAMES, 'red_mean', 'green_mean', 'blue_mean',
] as const);

function histogramMean(h: Uint32Array): number {
  let n = 0, s = 0;
  for (let v = 0; v < 256; v++) { n += h[v]; s += h[v] * v; }
  return n ? s / n : 0;
}
