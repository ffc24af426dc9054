/**
 * The contract between the pure planner and the pixel kernels. Everything a kernel needs to
 * produce one output image is in a {@link WarpParams}: no randomness, no spec, no tfjs.
 */

/** Fill modes, named and numbered as the kernels take them. Semantics are scipy.ndimage's. */
export const FILL_MODES = ['constant', 'nearest', 'reflect', 'wrap'] as const;
export type FillMode = (typeof FILL_MODES)[number];
/** Interpolations the kernels implement (scipy.ndimage order 0 / order 1). */
export const INTERPOLATIONS = ['nearest', 'bilinear'] as const;
export type Interpolation = (typeof INTERPOLATIONS)[number];

/**
 * One fused warp + colour pass over an interleaved u8 image.
 *
 * Geometry ("pull" resampling, like scipy.ndimage.affine_transform): for every output pixel at
 * column `x`, row `y` (pixel centres on integer coordinates), the source is sampled at
 *   sx = m[0]·x + m[1]·y + m[2]   (source column)
 *   sy = m[3]·x + m[4]·y + m[5]   (source row)
 * Flips are already folded into `matrix`.
 *
 * Colour, per channel c, on the interpolated (unrounded) value w:
 *   v = clamp(colorScale[c]·w + colorOffset[c], clipLo[c], clipHi[c])
 * u8 output: round-half-up(clamp(v, 0, 255)).
 * f32 output: v·outScale[c] + outOffset[c]  (rescale / normalisation), no rounding, no 0..255 clamp.
 *
 * Pixels that sample outside the source under `fillMode: 'constant'` take `cval[c]` *before* the
 * colour stage (as Keras does: warp first, then colour).
 */
export interface WarpParams {
  /** 2×3 pull matrix, row-major: [m00, m01, m02, m10, m11, m12] (output x,y → source x,y). */
  matrix: ArrayLike<number>;
  fillMode: FillMode;
  interpolation: Interpolation;
  /** Constant fill value per channel (length ≥ channels), 0..255. */
  cval: ArrayLike<number>;
  /** Per-channel colour affine scale (length ≥ channels). Identity = 1. */
  colorScale: ArrayLike<number>;
  /** Per-channel colour affine offset (length ≥ channels). Identity = 0. */
  colorOffset: ArrayLike<number>;
  /** Per-channel clip applied after the colour affine (Keras channel-shift clipping). Identity = [-Inf, Inf]. */
  clipLo: ArrayLike<number>;
  clipHi: ArrayLike<number>;
}

/** Extra per-channel affine for float32 output (rescale, featurewise normalisation). */
export interface FloatOutputParams {
  outScale: ArrayLike<number>;
  outOffset: ArrayLike<number>;
}

/** Numeric codes of the fill modes as the WASM kernels take them. */
export const FILL_MODE_CODE: Readonly<Record<FillMode, number>> = /* #__PURE__ */ Object.freeze({
  constant: 0, nearest: 1, reflect: 2, wrap: 3,
});
/** Numeric codes of the interpolations as the WASM kernels take them. */
export const INTERPOLATION_CODE: Readonly<Record<Interpolation, number>> = /* #__PURE__ */ Object.freeze({
  nearest: 0, bilinear: 1,
});

/** Identity colour/geometry, handy for tests and explicit params. */
export function identityWarpParams(channels: number): WarpParams {
  const n = Math.max(4, channels);
  return {
    matrix: [1, 0, 0, 0, 1, 0],
    fillMode: 'nearest',
    interpolation: 'bilinear',
    cval: new Array(n).fill(0),
    colorScale: new Array(n).fill(1),
    colorOffset: new Array(n).fill(0),
    clipLo: new Array(n).fill(-Infinity),
    clipHi: new Array(n).fill(Infinity),
  };
}
