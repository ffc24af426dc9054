/**
 * Composition: params → one 2×3 pull matrix (warp + flips) and one per-channel colour affine with a
 * clip — the whole of a Keras `apply_transform` in the form the fused kernel takes. Pure arithmetic.
 */
import type { WarpParams, FloatOutputParams } from '../kernels/contract.js';
import type { NormalizedSpec } from '../spec/spec.js';
import type { AugmentParams } from './params.js';
import { deg2rad, sincos } from './trig.js';

/** Row-major 3×3 affine (last row 0 0 1 implied): [a, b, c, d, e, f]. */
export type Affine = [number, number, number, number, number, number];

/** a·b for 2×3 affines (as 3×3 with an implied last row). */
export function mul(a: Affine, b: Affine): Affine {
  return [
    a[0] * b[0] + a[1] * b[3], a[0] * b[1] + a[1] * b[4], a[0] * b[2] + a[1] * b[5] + a[2],
    a[3] * b[0] + a[4] * b[3], a[3] * b[1] + a[4] * b[4], a[3] * b[2] + a[4] * b[5] + a[5],
  ];
}

/**
 * The 2×3 pull matrix (output x,y → source x,y; x = column, y = row) for params on a
 * `width` × `height` image.
 *
 * Keras computes M = R(θ)·T(tx, ty)·Sh(shear)·Z(zx, zy), centres it with an offset of
 * (h/2 − ½, w/2 − ½) and, by swapping axes, ends up applying exactly that M in (column, row)
 * coordinates: so `tx` moves along columns and the pivot is transposed when w ≠ h. kerasCompat
 * reproduces that; the default mode pivots on the true centre ((w−1)/2, (h−1)/2) and uses
 * T(−tx, −ty) so + moves the picture right / down. Flips (applied after the warp) are folded in.
 */
export function composeMatrix(p: AugmentParams, width: number, height: number, kerasCompat: boolean): Affine {
  let m: Affine = [1, 0, 0, 0, 1, 0];
  if (p.theta !== 0) {
    const [s, c] = sincos(deg2rad(p.theta));
    m = [c, -s, 0, s, c, 0];
  }
  if (p.tx !== 0 || p.ty !== 0) {
    m = mul(m, kerasCompat ? [1, 0, p.tx, 0, 1, p.ty] : [1, 0, -p.tx, 0, 1, -p.ty]);
  }
  if (p.shear !== 0) {
    const [s, c] = sincos(deg2rad(p.shear));
    m = mul(m, [1, -s, 0, 0, c, 0]);
  }
  if (p.zx !== 1 || p.zy !== 1) m = mul(m, [p.zx, 0, 0, 0, p.zy, 0]);
  const ox = kerasCompat ? height / 2 - 0.5 : width / 2 - 0.5;
  const oy = kerasCompat ? width / 2 - 0.5 : height / 2 - 0.5;
  m = mul(mul([1, 0, ox, 0, 1, oy], m), [1, 0, -ox, 0, 1, -oy]);
  if (p.flipHorizontal) m = mul(m, [-1, 0, width - 1, 0, 1, 0]);
  if (p.flipVertical) m = mul(m, [1, 0, 0, 0, -1, height - 1]);
  return m;
}

/** The value range Keras clips a channel shift to, for one source image. */
export interface ImageRange {
  min: number;
  max: number;
}

/**
 * Min and max over the colour channels (alpha excluded) of an interleaved u8 image — Keras clips a
 * channel shift to the image's own range. Keras takes the range of the *warped* image; we take the
 * source's (widened by `cval` under constant fill), which is the same whenever the warp keeps the
 * extreme pixels, and lets the whole pipeline stay one pass.
 */
export function imageRange(data: ArrayLike<number>, channels: number): ImageRange {
  const colour = channels === 4 ? 3 : channels;
  let min = 255;
  let max = 0;
  for (let i = 0; i < data.length; i += channels) {
    for (let c = 0; c < colour; c++) {
      const v = data[i + c]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (min === 0 && max === 255) break;
  }
  return { min, max };
}

/**
 * The full kernel parameters for one output: matrix, fill, interpolation and the colour affine
 * (channel shift, then brightness, folded into scale/offset/clip). Alpha (channel 3 of RGBA) is
 * never colour-shifted and is filled opaque (255) under constant fill.
 */
export function composeWarp(p: AugmentParams, spec: Pick<NormalizedSpec, 'fillMode' | 'cval' | 'interpolation'>, width: number, height: number, channels: number, kerasCompat: boolean, range?: ImageRange): WarpParams {
  const matrix = composeMatrix(p, width, height, kerasCompat);
  const colourChannels = channels === 4 ? 3 : channels;
  const cval = [0, 0, 0, 0];
  const scale = [1, 1, 1, 1];
  const offset = [0, 0, 0, 0];
  const lo = [-Infinity, -Infinity, -Infinity, -Infinity];
  const hi = [Infinity, Infinity, Infinity, Infinity];
  const b = p.brightness ?? 1;
  const s = p.channelShiftIntensity ?? 0;
  let rmin = range?.min ?? 0;
  let rmax = range?.max ?? 255;
  if (spec.fillMode === 'constant') {
    rmin = Math.min(rmin, spec.cval);
    rmax = Math.max(rmax, spec.cval);
  }
  for (let c = 0; c < 4; c++) {
    if (c < colourChannels) {
      cval[c] = spec.cval;
      scale[c] = b;
      offset[c] = s * b;
      if (p.channelShiftIntensity !== null) {
        lo[c] = rmin * b;
        hi[c] = rmax * b;
      }
    } else {
      cval[c] = 255;
    }
  }
  return { matrix, fillMode: spec.fillMode, interpolation: spec.interpolation, cval, colorScale: scale, colorOffset: offset, clipLo: lo, clipHi: hi };
}

/** Per-channel statistics learnt by `fit()` (Keras's `mean` and `std`), on the rescaled scale. */
export interface FeaturewiseStats {
  mean: number[];
  std: number[];
}

/**
 * The float output affine: rescale, then featurewise centre / std normalisation (÷ (std + 1e-6)),
 * folded into one scale and offset per output channel. Samplewise steps need the output's own
 * statistics and are applied after the kernel (see the client).
 */
export function composeFloatOutput(spec: Pick<NormalizedSpec, 'rescale' | 'featurewiseCenter' | 'featurewiseStdNormalization'>, outChannels: number, stats: FeaturewiseStats | null): FloatOutputParams {
  const r = spec.rescale ?? 1;
  const outScale: number[] = [];
  const outOffset: number[] = [];
  for (let c = 0; c < outChannels; c++) {
    let sc = r;
    let off = 0;
    const mean = spec.featurewiseCenter && stats ? stats.mean[c] ?? 0 : 0;
    const div = spec.featurewiseStdNormalization && stats ? (stats.std[c] ?? 0) + 1e-6 : 1;
    // ((v·r) − mean) / div
    off = -mean / div;
    sc = sc / div;
    outScale.push(sc);
    outOffset.push(off);
  }
  return { outScale, outOffset };
}

/**
 * How one output is produced: one fused pass, or — when a channel shift is on — two, because Keras
 * clips the shifted values to the range of the *warped* image, which is known only after the warp:
 * pass 1 warps (geometry and flips, no colour), pass 2 applies the colour affine clipped to the range
 * of pass 1's output (an identity-geometry pass over the warped image).
 */
export interface ItemPlan {
  /** The (first) pass. When `second` is absent it is the whole job, colour included. */
  first: WarpParams;
  /** The colour pass, given pass 1's u8 output. */
  second?: (warped: ArrayLike<number>, channels: number) => WarpParams;
}

/** Plans one output from its params (see {@link ItemPlan}). */
export function planItem(p: AugmentParams, spec: Pick<NormalizedSpec, 'fillMode' | 'cval' | 'interpolation'>, width: number, height: number, channels: number, kerasCompat: boolean): ItemPlan {
  if (p.channelShiftIntensity === null) {
    return { first: composeWarp(p, spec, width, height, channels, kerasCompat) };
  }
  const geometryOnly: AugmentParams = { ...p, channelShiftIntensity: null, brightness: null };
  const colourOnly: AugmentParams = {
    theta: 0, tx: 0, ty: 0, shear: 0, zx: 1, zy: 1, flipHorizontal: false, flipVertical: false,
    channelShiftIntensity: p.channelShiftIntensity, brightness: p.brightness,
  };
  return {
    first: composeWarp(geometryOnly, spec, width, height, channels, kerasCompat),
    second: (warped, ch) => composeWarp(colourOnly, { fillMode: 'nearest', cval: 0, interpolation: 'nearest' }, width, height, ch, false, imageRange(warped, ch)),
  };
}
