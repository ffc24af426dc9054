/**
 * `warp`: a projective pull warp with torch `grid_sample` semantics (align_corners=False, zero padding)
 * as torchvision 0.14 uses it on uint8 tensors: output pixel (x, y) samples the source at
 * (X/Z, Y/Z) with [X, Y, Z] = M·[x, y, 1] in pixel-index coordinates (pixel centres at integers).
 *
 * - bilinear: 4 taps, each out-of-bounds tap contributes 0; weights and sums in float32 as torch's CPU
 *   kernel; nearest: round half to even of the source coordinate (nearbyint).
 * - `fill` (one value, or one per channel): torchvision's mask trick — a channel of ones is sampled
 *   alongside; bilinear: out = v·m + (1 − m)·fill; nearest: fill where m < 0.5. Without fill: zeros.
 * - The result is rounded half to even (torch.round before the uint8 cast).
 *
 * `torchGrid` (optional) replays torchvision's own float32 grid arithmetic (`_gen_affine_grid` /
 * `_perspective_grid`, then grid_sample's unnormalise) instead of evaluating M in float64, so ties of
 * the nearest mode fall as torch's do. The fuser must drop it when it multiplies warps (M stays exact).
 */
import { EdgeAugmentError } from '../../errors.js';
import type { ImageInfo, Img, Stage, StageKernel } from '../core/types.js';
import { outU8, scratchF32, sizedOutInfo } from './util.js';
import { readyConv, type ConvRunner } from './conv-wasm.js';

const f32 = Math.fround;

/** How the source coordinates are produced (see the module doc). */
export type TorchGrid =
  /** `_gen_affine_grid(theta, w, h, ow, oh)`: theta = the 2×3 matrix torchvision passes to F_t.affine/rotate. */
  | { type: 'affine'; theta: readonly number[] }
  /** `_perspective_grid(coeffs, ow, oh)`: the 8 coefficients of `_get_perspective_coeffs`. */
  | { type: 'perspective'; coeffs: readonly number[] };

/** Attributes of a `warp` stage. */
export interface WarpStage extends Stage {
  kind: 'warp';
  /** 3×3 row-major pull matrix in pixel-index coordinates (output → source). */
  matrix: readonly number[];
  /** Output size. */
  width: number;
  height: number;
  interpolation: 'nearest' | 'bilinear';
  /** Fill for the area outside the source: one value or one per channel; null = zeros (no mask). */
  fill: readonly number[] | null;
  torchGrid?: TorchGrid;
}

/** Round half to even (nearbyint) of a float. */
export function nearbyint(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && (r & 1) !== 0 ? r - 1 : r;
}

function roundU8(v: number): number {
  if (!(v > 0)) return 0;
  if (v >= 255) return 255;
  return nearbyint(v);
}

/**
 * Per-channel fill values for an image of `channels` (float32, as torch's fill tensor), or null.
 * One value → every channel; one per channel; 3 values on RGBA → alpha 255; 3 or 4 on grey → its luma.
 */
export function fillVector(fill: readonly number[] | null | undefined, channels: number): Float32Array | null {
  if (fill === null || fill === undefined) return null;
  const out = new Float32Array(channels);
  if (fill.length === 1) out.fill(fill[0]!);
  else if (fill.length === channels) for (let c = 0; c < channels; c++) out[c] = fill[c]!;
  else if (channels === 4 && fill.length === 3) { out.set(fill); out[3] = 255; }
  else if (channels === 1 && fill.length >= 3) out[0] = 0.2989 * fill[0]! + 0.587 * fill[1]! + 0.114 * fill[2]!;
  else throw new EdgeAugmentError('INVALID_PARAMS', `fill: ${fill.length} values for a ${channels}-channel image; give 1 or ${channels}.`, { details: { field: 'fill' } });
  return out;
}

/**
 * Samples `src` at the source coordinates `xs`, `ys` (float32 pixel-index coordinates, one per output
 * pixel, row-major) into a `width`×`height` image — torch grid_sample(align_corners=False, zeros) plus
 * torchvision's fill mask and rounding.
 */
export function sampleGrid(src: Img, xs: Float32Array, ys: Float32Array, width: number, height: number, interpolation: 'nearest' | 'bilinear', fill: readonly number[] | null | undefined): Img {
  const { data: d, width: W, height: H, channels: C } = src;
  const fv = fillVector(fill, C);
  const n = width * height;
  const out = outU8(n * C);
  const acc = new Float32Array(C);
  if (interpolation === 'nearest') {
    const fq = fv ? Uint8Array.from(fv, roundU8) : new Uint8Array(C);
    for (let i = 0, o = 0; i < n; i++, o += C) {
      const ix = nearbyint(xs[i]!);
      const iy = nearbyint(ys[i]!);
      if (ix >= 0 && ix < W && iy >= 0 && iy < H) {
        const s = (iy * W + ix) * C;
        for (let c = 0; c < C; c++) out[o + c] = d[s + c]!;
      } else for (let c = 0; c < C; c++) out[o + c] = fq[c]!;
    }
    return { data: out, width, height, channels: C };
  }
  const WC = W * C;
  // Uint8ClampedArray stores clamp to [0, 255] and round half to even: torch.round + the uint8 cast.
  const oc = new Uint8ClampedArray(out.buffer);
  const fr = fv ? Uint8Array.from(fv, roundU8) : new Uint8Array(C);
  for (let i = 0, o = 0; i < n; i++, o += C) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (!(x > -1 && x < W && y > -1 && y < H)) {
      // No tap in bounds: v = 0, m = 0 → fill (or 0).
      for (let c = 0; c < C; c++) out[o + c] = fr[c]!;
      continue;
    }
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const w = f32(x - x0);
    const e = f32(1 - w);
    const nn = f32(y - y0);
    const s = f32(1 - nn);
    const wnw = f32(s * e);
    const wne = f32(s * w);
    const wsw = f32(nn * e);
    const wse = f32(nn * w);
    const p = y0 * WC + x0 * C;
    if (x0 >= 0 && x0 + 1 < W && y0 >= 0 && y0 + 1 < H) {
      // Interior: all four taps in bounds.
      const q = p + WC;
      if (!fv) {
        for (let c = 0; c < C; c++) {
          oc[o + c] = f32(f32(f32(f32(d[p + c]! * wnw) + f32(d[p + C + c]! * wne)) + f32(d[q + c]! * wsw)) + f32(d[q + C + c]! * wse));
        }
        continue;
      }
      // m is 1 only up to float32 rounding of the weights: keep torch's v·m + (1 − m)·fill.
      const m = f32(f32(f32(wnw + wne) + wsw) + wse);
      const im = f32(1 - m);
      for (let c = 0; c < C; c++) {
        const v = f32(f32(f32(f32(d[p + c]! * wnw) + f32(d[p + C + c]! * wne)) + f32(d[q + c]! * wsw)) + f32(d[q + C + c]! * wse));
        oc[o + c] = f32(f32(v * m) + f32(im * fv[c]!));
      }
      continue;
    }
    const inL = x0 >= 0;
    const inR = x0 + 1 < W;
    const inT = y0 >= 0;
    const inB = y0 + 1 < H;
    const pnw = inT && inL ? p : -1;
    const pne = inT && inR ? p + C : -1;
    const psw = inB && inL ? p + WC : -1;
    const pse = inB && inR ? p + WC + C : -1;
    for (let c = 0; c < C; c++) {
      acc[c] = f32(f32(f32((pnw >= 0 ? f32(d[pnw + c]! * wnw) : 0) + (pne >= 0 ? f32(d[pne + c]! * wne) : 0)) + (psw >= 0 ? f32(d[psw + c]! * wsw) : 0)) + (pse >= 0 ? f32(d[pse + c]! * wse) : 0));
    }
    if (fv) {
      const m = f32(f32(f32((pnw >= 0 ? wnw : 0) + (pne >= 0 ? wne : 0)) + (psw >= 0 ? wsw : 0)) + (pse >= 0 ? wse : 0));
      const im = f32(1 - m);
      for (let c = 0; c < C; c++) oc[o + c] = f32(f32(acc[c]! * m) + f32(im * fv[c]!));
    } else for (let c = 0; c < C; c++) oc[o + c] = acc[c]!;
  }
  return { data: out, width, height, channels: C };
}

/** Source coordinates of a pixel-index pull matrix (float64, stored as float32). */
function matrixCoords(m: readonly number[], ow: number, oh: number, xs: Float32Array, ys: Float32Array): void {
  const [a, b, c, dd, e, f, g, h, k] = m as [number, number, number, number, number, number, number, number, number];
  const affine = g === 0 && h === 0;
  let i = 0;
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++, i++) {
      const X = a * x + b * y + c;
      const Y = dd * x + e * y + f;
      if (affine) { xs[i] = X / k; ys[i] = Y / k; } else { const Z = g * x + h * y + k; xs[i] = X / Z; ys[i] = Y / Z; }
    }
  }
}

/**
 * [bx, by, 1]·[a, b, c] as torch's float32 bmm computes it on the reference machine (OpenBLAS sgemm with
 * FMA): fma(by, b, bx·a) + c. The float32 product of two float32 values is exact in float64, so the
 * fused step is one float64 add rounded to float32 (double rounding aside).
 */
export function dot3(bx: number, by: number, a: number, b: number, c: number): number {
  return f32(f32(by * b + f32(bx * a)) + c);
}

/** torchvision's float32 grid arithmetic (see the module doc), then grid_sample's unnormalise. */
function torchCoords(t: TorchGrid, W: number, H: number, ow: number, oh: number, xs: Float32Array, ys: Float32Array): void {
  const hw = f32(W * 0.5);
  const hh = f32(H * 0.5);
  const unX = (g: number): number => f32(f32(f32(g + 1) * hw) - 0.5);
  const unY = (g: number): number => f32(f32(f32(g + 1) * hh) - 0.5);
  let i = 0;
  if (t.type === 'affine') {
    const th = t.theta.map(f32);
    const r0 = f32(th[0]! / hw), r1 = f32(th[1]! / hw), r2 = f32(th[2]! / hw);
    const r3 = f32(th[3]! / hh), r4 = f32(th[4]! / hh), r5 = f32(th[5]! / hh);
    // dot3 per pixel, with the column products f32(bx·a) hoisted (same arithmetic, fewer operations).
    const ax = new Float64Array(ow);
    const ay = new Float64Array(ow);
    for (let x = 0; x < ow; x++) {
      const bx = f32(-ow * 0.5 + 0.5 + x);
      ax[x] = f32(bx * r0);
      ay[x] = f32(bx * r3);
    }
    for (let y = 0; y < oh; y++) {
      const by = f32(-oh * 0.5 + 0.5 + y);
      const b1 = by * r1; // exact in float64 (float32 × float32)
      const b4 = by * r4;
      for (let x = 0; x < ow; x++, i++) {
        xs[i] = f32(f32(f32(f32(f32(b1 + ax[x]!) + r2) + 1) * hw) - 0.5);
        ys[i] = f32(f32(f32(f32(f32(b4 + ay[x]!) + r5) + 1) * hh) - 0.5);
      }
    }
    return;
  }
  const c = t.coeffs.map(f32);
  const sx = f32(0.5 * ow);
  const sy = f32(0.5 * oh);
  const r0 = f32(c[0]! / sx), r1 = f32(c[1]! / sx), r2 = f32(c[2]! / sx);
  const r3 = f32(c[3]! / sy), r4 = f32(c[4]! / sy), r5 = f32(c[5]! / sy);
  for (let y = 0; y < oh; y++) {
    const by = f32(y + 0.5);
    for (let x = 0; x < ow; x++, i++) {
      const bx = f32(x + 0.5);
      const z = dot3(bx, by, c[6]!, c[7]!, 1);
      const gx = f32(f32(dot3(bx, by, r0, r1, r2) / z) - 1);
      const gy = f32(f32(dot3(bx, by, r3, r4, r5) / z) - 1);
      xs[i] = unX(gx);
      ys[i] = unY(gy);
    }
  }
}

/** 1.5·2^52: adding and subtracting it rounds a double (|v| < 2^51) to an integer, ties to even — nearbyint. */
const RNE = 6755399441055744;

/**
 * The float32 pieces of torch's affine grid for an output row of width `ow` (as {@link torchCoords}):
 * theta scaled to pixels (r0…r5), and per output column its x- and y-contributions (`ax`, `ay`, scratch
 * arrays valid until the next call). Shared by the nearest and bilinear affine paths.
 */
function affineTorchRows(theta: readonly number[], W: number, H: number, ow: number) {
  const hw = f32(W * 0.5);
  const hh = f32(H * 0.5);
  const th = theta.map(f32);
  const r0 = f32(th[0]! / hw), r1 = f32(th[1]! / hw), r2 = f32(th[2]! / hw);
  const r3 = f32(th[3]! / hh), r4 = f32(th[4]! / hh), r5 = f32(th[5]! / hh);
  const ax = scratchF32(0, ow);
  const ay = scratchF32(1, ow);
  for (let x = 0; x < ow; x++) {
    const bx = f32(-ow * 0.5 + 0.5 + x);
    ax[x] = f32(bx * r0);
    ay[x] = f32(bx * r3);
  }
  return { ax, ay, r1, r2, r4, r5, hw, hh };
}

/**
 * perf: the affine `torchGrid` + nearest case (RandAugment's rotate/shear/translate) in one pass: the
 * same float32 grid arithmetic as {@link torchCoords} and the same sampling as {@link sampleGrid}
 * (nearbyint, out of bounds → fill), without the coordinate arrays; on the WASM kernel (conv.wasm
 * `warpNearestAffine`) when `wasm` is given — the same bytes.
 */
export function nearestAffineTorch(src: Img, theta: readonly number[], ow: number, oh: number, fill: readonly number[] | null | undefined, wasm: ConvRunner | null): Img {
  const { data: d, width: W, height: H, channels: C } = src;
  const fv = fillVector(fill, C);
  const fq = fv ? Uint8Array.from(fv, roundU8) : new Uint8Array(C);
  const out = outU8(ow * oh * C);
  const { ax, ay, r1, r2, r4, r5, hw, hh } = affineTorchRows(theta, W, H, ow);
  if (wasm) return wasm.warpNearestAffine(src, ow, oh, ax, ay, [r1, r2, r4, r5, hw, hh], fq, out);
  const f0 = fq[0]!, f1 = fq[C > 1 ? 1 : 0]!, f2 = fq[C > 2 ? 2 : 0]!, f3 = fq[C > 3 ? 3 : 0]!;
  let o = 0;
  for (let y = 0; y < oh; y++) {
    const by = f32(-oh * 0.5 + 0.5 + y);
    const b1 = by * r1; // exact in float64 (float32 × float32)
    const b4 = by * r4;
    for (let x = 0; x < ow; x++, o += C) {
      const xf = f32(f32(f32(f32(f32(b1 + ax[x]!) + r2) + 1) * hw) - 0.5);
      const yf = f32(f32(f32(f32(f32(b4 + ay[x]!) + r5) + 1) * hh) - 0.5);
      const ix = xf + RNE - RNE;
      const iy = yf + RNE - RNE;
      if (ix >= 0 && ix < W && iy >= 0 && iy < H) {
        const sp = (iy * W + ix) * C;
        if (C === 3) {
          out[o] = d[sp]!;
          out[o + 1] = d[sp + 1]!;
          out[o + 2] = d[sp + 2]!;
        } else if (C === 1) out[o] = d[sp]!;
        else {
          out[o] = d[sp]!;
          out[o + 1] = d[sp + 1]!;
          out[o + 2] = d[sp + 2]!;
          out[o + 3] = d[sp + 3]!;
        }
      } else {
        out[o] = f0;
        if (C > 1) {
          out[o + 1] = f1;
          out[o + 2] = f2;
          if (C === 4) out[o + 3] = f3;
        }
      }
    }
  }
  return { data: out, width: ow, height: oh, channels: C };
}

/**
 * perf: the affine `torchGrid` + bilinear case (torchvision rotate/affine with bilinear) on conv.wasm
 * `warpBilinearAffine`: the coordinates of {@link torchCoords}, the sampling of {@link sampleGrid} — the
 * same bytes as `torchCoords` + `sampleGrid`, which run where WASM is not loaded.
 */
export function bilinearAffineTorch(src: Img, theta: readonly number[], ow: number, oh: number, fill: readonly number[] | null | undefined, wasm: ConvRunner): Img {
  const { width: W, height: H, channels: C } = src;
  const fv = fillVector(fill, C);
  const fr = fv ? Uint8Array.from(fv, roundU8) : new Uint8Array(C);
  const { ax, ay, r1, r2, r4, r5, hw, hh } = affineTorchRows(theta, W, H, ow);
  return wasm.warpBilinearAffine(src, ow, oh, ax, ay, [r1, r2, r4, r5, hw, hh], fv, fr, outU8(ow * oh * C));
}

/**
 * perf: the perspective `torchGrid` + bilinear case (torchvision perspective) on conv.wasm
 * `warpBilinearPerspective`: the float32 grid of {@link torchCoords} (column products hoisted), the
 * sampling of {@link sampleGrid} — the same bytes as `torchCoords` + `sampleGrid`.
 */
export function bilinearPerspectiveTorch(src: Img, coeffs: readonly number[], ow: number, oh: number, fill: readonly number[] | null | undefined, wasm: ConvRunner): Img {
  const { width: W, height: H, channels: C } = src;
  const fv = fillVector(fill, C);
  const fr = fv ? Uint8Array.from(fv, roundU8) : new Uint8Array(C);
  const c = coeffs.map(f32);
  const sx = f32(0.5 * ow);
  const sy = f32(0.5 * oh);
  const r0 = f32(c[0]! / sx), r1 = f32(c[1]! / sx), r2 = f32(c[2]! / sx);
  const r3 = f32(c[3]! / sy), r4 = f32(c[4]! / sy), r5 = f32(c[5]! / sy);
  const cols = scratchF32(0, 3 * ow);
  for (let x = 0; x < ow; x++) {
    const bx = f32(x + 0.5);
    cols[x] = f32(bx * r0);
    cols[ow + x] = f32(bx * r3);
    cols[2 * ow + x] = f32(bx * c[6]!);
  }
  return wasm.warpBilinearPerspective(src, ow, oh, cols, [r1, r2, r4, r5, c[7]!, f32(W * 0.5), f32(H * 0.5)], fv, fr, outU8(ow * oh * C));
}

export const warpKernel: StageKernel = {
  kind: 'warp',
  maskStage: warpMaskStage,
  mapPoints: warpMapPoints,
  projective: true,
  outInfo: sizedOutInfo,
  run(src: Img, stage: Stage): Img {
    const s = stage as WarpStage;
    if (s.interpolation === 'nearest' && s.torchGrid?.type === 'affine') {
      // readyConv loads conv.wasm on first use; until then (or without WASM) the TS loop runs.
      return nearestAffineTorch(src, s.torchGrid.theta, s.width, s.height, s.fill, readyConv());
    }
    if (s.interpolation === 'bilinear' && s.torchGrid?.type === 'affine') {
      const wasm = readyConv();
      if (wasm) return bilinearAffineTorch(src, s.torchGrid.theta, s.width, s.height, s.fill, wasm);
    }
    if (s.interpolation === 'bilinear' && s.torchGrid?.type === 'perspective') {
      const wasm = readyConv();
      if (wasm) return bilinearPerspectiveTorch(src, s.torchGrid.coeffs, s.width, s.height, s.fill, wasm);
    }
    const n = s.width * s.height;
    const xs = scratchF32(0, n);
    const ys = scratchF32(1, n);
    if (s.torchGrid) torchCoords(s.torchGrid, src.width, src.height, s.width, s.height, xs, ys);
    else matrixCoords(s.matrix, s.width, s.height, xs, ys);
    return sampleGrid(src, xs, ys, s.width, s.height, s.interpolation, s.fill);
  },
};

/** 3×3 product a·b (row-major). */
export function mul3(a: readonly number[], b: readonly number[]): number[] {
  const o = new Array<number>(9);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) o[r * 3 + c] = a[r * 3]! * b[c]! + a[r * 3 + 1]! * b[3 + c]! + a[r * 3 + 2]! * b[6 + c]!;
  return o;
}

/** Translation matrix. */
export function translation(tx: number, ty: number): number[] {
  return [1, 0, tx, 0, 1, ty, 0, 0, 1];
}

/**
 * The pixel-index pull matrix of torchvision's affine grid: `theta` (2×3, centred coordinates, output →
 * source) for a `w`×`h` source and an `ow`×`oh` output.
 */
export function affineThetaToPixels(theta: readonly number[], w: number, h: number, ow: number, oh: number): number[] {
  const m = [theta[0]!, theta[1]!, theta[2]!, theta[3]!, theta[4]!, theta[5]!, 0, 0, 1];
  return mul3(translation(w * 0.5 - 0.5, h * 0.5 - 0.5), mul3(m, translation(-(ow * 0.5 - 0.5), -(oh * 0.5 - 0.5))));
}

/** The pixel-index pull matrix of torchvision's perspective grid (coefficients a..h, pixel-edge coordinates). */
export function perspectiveCoeffsToPixels(c: readonly number[]): number[] {
  const m = [c[0]!, c[1]!, c[2]!, c[3]!, c[4]!, c[5]!, c[6]!, c[7]!, 1];
  return mul3(translation(-0.5, -0.5), mul3(m, translation(0.5, 0.5)));
}

/**
 * For the fuser: one `warp` doing `first` then `second` (pull matrices multiply: out → mid → source),
 * or null when they cannot be merged (different fills). The merged stage resamples once instead of
 * twice: where `second` samples inside the intermediate image and `first` maps pixel centres to pixel
 * centres (integer translations, flips, quarter turns) in nearest mode, the bytes are the same; elsewhere
 * it is one interpolation instead of two (sharper), and the intermediate image's border no longer clips
 * (pixels `first` pushed out of frame can come back) — an approximation of the op-by-op torchvision
 * result, as the colour fusion is. `torchGrid` is dropped: the float64 matrix is used. Bilinear wins.
 */
export function composeWarps(first: WarpStage, second: WarpStage): WarpStage | null {
  const fa = first.fill;
  const fb = second.fill;
  const sameFill = (fa === null && fb === null) || (fa !== null && fb !== null && fa.length === fb.length && fa.every((v, i) => v === fb[i]));
  if (!sameFill) return null;
  return {
    kind: 'warp',
    matrix: mul3(first.matrix, second.matrix),
    width: second.width,
    height: second.height,
    interpolation: first.interpolation === 'bilinear' || second.interpolation === 'bilinear' ? 'bilinear' : 'nearest',
    fill: fb,
  };
}

/**
 * The pull matrix of a `permute` stage (transpose, then flips) on an image of `info`, so a flip or
 * quarter turn next to a warp can be folded into it (exact: it maps pixel centres to pixel centres).
 */
export function permuteMatrix(p: { transpose: boolean; flipX: boolean; flipY: boolean }, info: ImageInfo): number[] {
  const ow = p.transpose ? info.height : info.width;
  const oh = p.transpose ? info.width : info.height;
  // out (x, y) → (tx, ty) in the transposed frame → source.
  const flip = [p.flipX ? -1 : 1, 0, p.flipX ? ow - 1 : 0, 0, p.flipY ? -1 : 1, p.flipY ? oh - 1 : 0, 0, 0, 1];
  const tr = p.transpose ? [0, 1, 0, 1, 0, 0, 0, 0, 1] : [1, 0, 0, 0, 1, 0, 0, 0, 1];
  return mul3(tr, flip);
}

// ---- Targets (masks, boxes, keypoints): see StageKernel.maskStage / mapPoints. ----

/** The mask stage of a warp: same matrix (and torch grid, so the same sample positions), nearest, fill 0. */
export function warpMaskStage(stage: Stage): WarpStage {
  const s = stage as WarpStage;
  return { ...s, interpolation: 'nearest', fill: null };
}

/** Inverse of a 3×3 row-major matrix (adjugate / determinant); null when singular. */
export function invert3(m: readonly number[]): number[] | null {
  const [a, b, c, d, e, f, g, h, k] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * k - f * h, B = -(d * k - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (!(Math.abs(det) > 1e-300) || !Number.isFinite(det)) return null;
  const inv = [A, -(b * k - c * h), b * f - c * e, B, a * k - c * g, -(a * f - c * d), C, -(a * h - b * g), a * e - b * d];
  return inv.map((v) => v / det);
}

/**
 * Forward map of a projective pull matrix `m` (output → source, pixel-index coordinates): points in
 * corner coordinates go to index coordinates (−0.5), through m⁻¹, and back (+0.5). A point that maps to
 * or behind the horizon (w ≤ 0) becomes NaN.
 */
export function mapThroughPull(m: readonly number[], xy: Float64Array): void {
  const inv = invert3(m);
  if (!inv) { xy.fill(NaN); return; }
  const [a, b, c, d, e, f, g, h, k] = inv as [number, number, number, number, number, number, number, number, number];
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i]! - 0.5, y = xy[i + 1]! - 0.5;
    const w = g * x + h * y + k;
    if (!(w > 0)) { xy[i] = NaN; xy[i + 1] = NaN; continue; }
    xy[i] = (a * x + b * y + c) / w + 0.5;
    xy[i + 1] = (d * x + e * y + f) / w + 0.5;
  }
}

/** Points forward through a warp (the inverse of its pull matrix, float64). */
export function warpMapPoints(stage: Stage, xy: Float64Array): void {
  mapThroughPull((stage as WarpStage).matrix, xy);
}
