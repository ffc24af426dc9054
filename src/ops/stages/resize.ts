/**
 * `resize`: torch.nn.functional.interpolate on a box of the source, as torchvision 0.14's F.resize on a
 * uint8 tensor does it (cast to float32, interpolate, clamp for bicubic, round half to even):
 *
 * - `nearest`: src = min(floor(dst · (in/out)), in − 1) (out = in: identity; out = 2·in: dst >> 1).
 * - `bilinear` (align_corners=False): src = max((dst + 0.5)·in/out − 0.5, 0), two taps, the far tap
 *   clamped; rows interpolated first along x, then combined along y (float32).
 * - `bicubic`: A = −0.75, src = (dst + 0.5)·in/out − 0.5, four taps clamped to the edge.
 * - `antialias` (bilinear/bicubic): torch's separable anti-aliased kernel — support = (taps/2)·scale when
 *   downscaling, triangle (bilinear) or cubic a = −0.5 (bicubic) filter, normalised weights; width
 *   first, then height.
 *
 * The box (`left`, `top`, `boxWidth`, `boxHeight`) must lie inside the source (a `crop` stage pads first).
 */
import { EdgeAugmentError } from '../../errors.js';
import type { Img, Stage, StageKernel } from '../core/types.js';
import { atLeastF32, atLeastI32, outU8, releaseU8, scratchF32, sizedOutInfo } from './util.js';
import { readyConv, type ColourStep, type ConvRunner } from './conv-wasm.js';
import { blendKernel, colourStep } from './blend.js';

const f32 = Math.fround;

export type ResizeInterpolation = 'nearest' | 'bilinear' | 'bicubic';

export interface ResizeStage extends Stage {
  kind: 'resize';
  /** Source box. */
  left: number;
  top: number;
  boxWidth: number;
  boxHeight: number;
  /** Output size. */
  width: number;
  height: number;
  interpolation: ResizeInterpolation;
  antialias: boolean;
  /**
   * Mirror the output left–right (output column x is computed as column width − 1 − x: the same bytes as
   * this resize followed by an hflip). Set by the executor's run-time fusion (`runStages`) only: target
   * planning sees the unfused resize + permute, so masks never meet it.
   */
  flipX?: boolean;
  /**
   * perf: colour stages (`blend` grey/greyMean first, then such blends and `lut`s) run on the output
   * before it leaves conv.wasm; set by the executor's run-time fusion. The same bytes as running them
   * after the resize.
   */
  then?: readonly Stage[];
}

/** Taps of one axis: for output i, `size[i]` source indices from `first[i]` (absolute, clamped) with weights. */
interface Taps {
  n: number;
  /** Max taps per output. */
  k: number;
  /** Source index of tap j of output i: idx[i * k + j] (scratch arrays may be longer than n·k). */
  idx: Int32Array;
  w: Float32Array;
}

function cubic1(x: number, A: number): number {
  return f32(f32(f32(f32(f32(f32(A + 2) * x) - f32(A + 3)) * x) * x) + 1);
}
function cubic2(x: number, A: number): number {
  return f32(f32(f32(f32(f32(f32(A * x) - f32(5 * A)) * x) + f32(8 * A)) * x) - f32(4 * A));
}

/**
 * Taps of a plain resize; `flip`: output i gets the taps of output outSize − 1 − i (a mirrored output).
 * `slot`: the taps go into grow-only scratch arrays of that slot (valid until its next use; the arrays
 * may be longer than n·k) instead of fresh ones — per-image resizes allocate nothing here.
 */
function plainTaps(inSize: number, outSize: number, offset: number, mode: 'bilinear' | 'bicubic', flip = false, slot = -1): Taps {
  const scale = f32(inSize / outSize);
  const k = mode === 'bilinear' ? 2 : 4;
  const idx = slot >= 0 ? atLeastI32(slot, outSize * k) : new Int32Array(outSize * k);
  const w = slot >= 0 ? atLeastF32(slot, outSize * k) : new Float32Array(outSize * k);
  if (mode === 'bilinear') {
    const last = inSize - 1;
    for (let i = 0; i < outSize; i++) {
      let r = f32(f32(scale * f32(i + 0.5)) - 0.5);
      if (r < 0) r = 0;
      // r ≥ 0: truncation is floor.
      let i0 = Math.trunc(r);
      if (i0 > last) i0 = last;
      let lam = f32(r - i0);
      if (lam > 1) lam = 1;
      const o = (flip ? outSize - 1 - i : i) * 2;
      idx[o] = offset + i0;
      idx[o + 1] = offset + (i0 < last ? i0 + 1 : i0);
      w[o] = f32(1 - lam);
      w[o + 1] = lam;
    }
    return { n: outSize, k: 2, idx, w };
  }
  const A = -0.75;
  for (let i = 0; i < outSize; i++) {
    const r = f32(f32(scale * f32(i + 0.5)) - 0.5);
    const i0 = Math.min(Math.floor(r), inSize - 1);
    const t = Math.min(Math.max(f32(r - i0), 0), 1);
    const x2 = f32(1 - t);
    const o = flip ? outSize - 1 - i : i;
    w[o * 4] = cubic2(f32(t + 1), A);
    w[o * 4 + 1] = cubic1(t, A);
    w[o * 4 + 2] = cubic1(x2, A);
    w[o * 4 + 3] = cubic2(f32(x2 + 1), A);
    for (let j = 0; j < 4; j++) idx[o * 4 + j] = offset + Math.max(Math.min(i0 - 1 + j, inSize - 1), 0);
  }
  return { n: outSize, k: 4, idx, w };
}

function aaFilter(mode: 'bilinear' | 'bicubic', x: number): number {
  if (x < 0) x = -x;
  if (mode === 'bilinear') return x < 1 ? f32(1 - x) : 0;
  const a = -0.5;
  if (x < 1) return f32(f32(f32(f32(f32(a + 2) * x) - f32(a + 3)) * x) * x + 1);
  if (x < 2) return f32(f32(f32(f32(f32(f32(x - 5) * x) + 8) * x) - 4) * a);
  return 0;
}

/** Taps of an antialiased resize; `flip` as in plainTaps. */
function aaTaps(inSize: number, outSize: number, offset: number, mode: 'bilinear' | 'bicubic', flip = false): Taps {
  const scale = f32(inSize / outSize);
  const interp = mode === 'bilinear' ? 2 : 4;
  const support = scale >= 1 ? f32(interp * 0.5 * scale) : interp * 0.5;
  const k = Math.ceil(support) * 2 + 1;
  const invscale = scale >= 1 ? f32(1 / scale) : 1;
  const idx = new Int32Array(outSize * k);
  const w = new Float32Array(outSize * k);
  for (let i = 0; i < outSize; i++) {
    const center = f32(scale * f32(i + 0.5));
    const xmin = Math.max(Math.trunc(f32(f32(center - support) + 0.5)), 0);
    const xsize = Math.min(Math.trunc(f32(f32(center + support) + 0.5)), inSize) - xmin;
    let total = 0;
    const o = (flip ? outSize - 1 - i : i) * k;
    for (let j = 0; j < xsize; j++) {
      const v = aaFilter(mode, f32(f32(f32(f32(j + xmin) - center) + 0.5) * invscale));
      w[o + j] = v;
      total = f32(total + v);
    }
    for (let j = 0; j < k; j++) {
      if (j < xsize && total !== 0) w[o + j] = f32(w[o + j]! / total);
      idx[o + j] = offset + (j < xsize ? xmin + j : xmin);
      if (j >= xsize) w[o + j] = 0;
    }
  }
  return { n: outSize, k, idx, w };
}

function resizeNearest(src: Img, s: ResizeStage): Img {
  const { data: d, width: W, channels: C } = src;
  const near = (i: number, inS: number, outS: number): number => {
    if (outS === inS) return i;
    if (outS === 2 * inS) return i >> 1;
    return Math.min(Math.floor(f32(i * f32(inS / outS))), inS - 1);
  };
  const xi = new Int32Array(s.width);
  for (let x = 0; x < s.width; x++) xi[s.flipX ? s.width - 1 - x : x] = (s.left + near(x, s.boxWidth, s.width)) * C;
  const out = new Uint8Array(s.width * s.height * C);
  for (let y = 0, o = 0; y < s.height; y++) {
    const row = (s.top + near(y, s.boxHeight, s.height)) * W * C;
    for (let x = 0; x < s.width; x++, o += C) for (let c = 0; c < C; c++) out[o + c] = d[row + xi[x]! + c]!;
  }
  return { data: out, width: s.width, height: s.height, channels: C };
}

export const resizeKernel: StageKernel = {
  kind: 'resize',
  maskStage: resizeMaskStage,
  mapPoints: resizeMapPoints,
  projective: true,
  outInfo: sizedOutInfo,
  run(src: Img, stage: Stage): Img {
    const s = stage as ResizeStage;
    if (s.then?.length) return resizeThen(src, s);
    const { data: d, width: W, channels: C } = src;
    checkBox(src, s);
    if (s.boxWidth === s.width && s.boxHeight === s.height && !s.flipX) {
      const out = new Uint8Array(s.width * s.height * C);
      for (let y = 0; y < s.height; y++) out.set(d.subarray(((s.top + y) * W + s.left) * C, ((s.top + y) * W + s.left + s.width) * C), y * s.width * C);
      return { data: out, width: s.width, height: s.height, channels: C };
    }
    // (A mirrored same-size box: nearest gives the identity taps, mirrored.)
    if (s.interpolation === 'nearest' || (s.boxWidth === s.width && s.boxHeight === s.height)) return resizeNearest(src, s);
    // readyConv starts loading conv.wasm on first use; until it is there, the TS path runs.
    return resizeSeparable(src, s, readyConv());
  },
};

/** A resize with colour stages after it: in one conv.wasm call where it can, else one stage after the other. */
function resizeThen(src: Img, s: ResizeStage): Img {
  const [first, ...rest] = s.then!;
  const plain: ResizeStage = { ...s, then: undefined };
  const wasm = readyConv();
  const separable = s.interpolation !== 'nearest' && !(s.boxWidth === s.width && s.boxHeight === s.height);
  if (wasm && separable && src.channels !== 1 && src.data.length > 0) {
    const steps = s.then!.map((st) => colourStep(st, s));
    if (steps.every((x) => x !== null)) {
      checkBox(src, s);
      return resizeSeparable(src, plain, wasm, steps as ColourStep[]);
    }
  }
  const r = resizeKernel.run(src, plain, {}) as Img;
  const out = blendKernel.run(r, { ...first!, then: rest }, {}) as Img;
  if (out.data !== r.data) releaseU8(r.data);
  return out;
}

/** A resize's box must lie inside the source and its output be at least 1×1. */
function checkBox(src: Img, s: ResizeStage): void {
  const { width: W, height: H } = src;
  if (s.left < 0 || s.top < 0 || s.boxWidth < 1 || s.boxHeight < 1 || s.left + s.boxWidth > W || s.top + s.boxHeight > H || s.width < 1 || s.height < 1) {
    throw new EdgeAugmentError('INVALID_PARAMS', `resize: box ${s.left},${s.top} ${s.boxWidth}×${s.boxHeight} must lie inside the ${W}×${H} image and the output be at least 1×1 (got ${s.width}×${s.height}).`);
  }
}

/**
 * The mask stage of a resize: a `nearest` image resize keeps torch's `nearest` (src = floor(dst · in/out):
 * the mask takes the pixels the image took); a bilinear/bicubic one (centre-aligned) becomes
 * `maskResize`, nearest with aligned centres, so mask edges stay within half an output pixel of the
 * image's. (torchvision v2 and albumentations resize masks with floor-nearest whatever the image's
 * interpolation: up to a pixel off.)
 */
export function resizeMaskStage(stage: Stage): Stage {
  const s = stage as ResizeStage;
  if (s.flipX) throw new EdgeAugmentError('INTERNAL', 'resize: a mirrored (run-time fused) resize has no mask stage; plan targets on the unfused stages.');
  return s.interpolation === 'nearest' ? { ...s, antialias: false } : { ...s, kind: 'maskResize', interpolation: 'nearest', antialias: false };
}

/** Points forward through a resize of the box (left, top, boxWidth, boxHeight) to width × height (corner coordinates scale exactly). */
export function resizeMapPoints(stage: Stage, xy: Float64Array): void {
  const s = stage as ResizeStage;
  const sx = s.width / s.boxWidth, sy = s.height / s.boxHeight;
  for (let i = 0; i < xy.length; i += 2) {
    const x = (xy[i]! - s.left) * sx;
    xy[i] = s.flipX ? s.width - x : x;
    xy[i + 1] = (xy[i + 1]! - s.top) * sy;
  }
}

/**
 * The bilinear/bicubic (plain or antialiased) resize of a checked box: on the WASM kernel when `wasm`
 * is given, else in TypeScript — the same bytes either way.
 */
export function resizeSeparable(src: Img, s: ResizeStage, wasm: ConvRunner | null, steps?: readonly ColourStep[]): Img {
  if (wasm && !steps?.length && isDown2(s)) return resizeDown2(src, s, wasm);
  const { data: d, width: W, height: H, channels: C } = src;
  const mode = s.interpolation as 'bilinear' | 'bicubic';
  const flip = !!s.flipX;
  // Taps and index arrays in grow-only scratch (slots 0–5; used before this returns): no per-image allocations.
  const tx = s.antialias ? aaTaps(s.boxWidth, s.width, s.left, mode, flip) : plainTaps(s.boxWidth, s.width, s.left, mode, flip, 0);
  const ty = s.antialias ? aaTaps(s.boxHeight, s.height, s.top, mode) : plainTaps(s.boxHeight, s.height, s.top, mode, false, 1);
  // Horizontal pass over the box rows the vertical taps use (float32), then the vertical pass.
  const ow = s.width;
  const OC = ow * C;
  const nx = tx.n * tx.k;
  const ny = ty.n * ty.k;
  const rowsUsed = atLeastI32(2, H).fill(-1, 0, H);
  let nRows = 0;
  for (let i = 0; i < ny; i++) if (rowsUsed[ty.idx[i]!] === -1) rowsUsed[ty.idx[i]!] = nRows++;
  const kx = tx.k;
  const xo = atLeastI32(3, nx);
  for (let i = 0; i < nx; i++) xo[i] = tx.idx[i]! * C;
  const wx = tx.w;
  if (wasm) {
    const ky = ty.k;
    const rows = atLeastI32(4, nRows);
    for (let y = 0; y < H; y++) if (rowsUsed[y]! >= 0) rows[rowsUsed[y]!] = y;
    const ro = atLeastI32(5, ny);
    // The kernel streams the horizontal pass through a ring of tmp rows: as many as one output row's taps
    // span (rounded up to a power of two), when the last tap row never decreases (always, for torch's
    // taps); else every row up front.
    let ring = 1;
    let last = -1;
    for (let y = 0; y < s.height && ring <= nRows; y++) {
      let lo = nRows;
      let hi = -1;
      for (let j = 0; j < ky; j++) {
        const r = rowsUsed[ty.idx[y * ky + j]!]!;
        ro[y * ky + j] = r;
        if (r < lo) lo = r;
        if (r > hi) hi = r;
      }
      if (hi < last) ring = nRows + 1;
      last = hi;
      if (hi - lo + 1 > ring) ring = hi - lo + 1;
    }
    if (ring > nRows) {
      ring = nRows;
      for (let i = 0; i < ny; i++) ro[i] = rowsUsed[ty.idx[i]!]!;
    }
    // A power of two (the kernel takes slots with a mask).
    ring = 2 ** Math.ceil(Math.log2(ring));
    return wasm.resize(src, { top: s.top, boxHeight: s.boxHeight, rows, nRows, xo, wx, kx, ro, wy: ty.w, ky, ring, width: ow, height: s.height, out: outU8(OC * s.height), steps });
  }
  const tmp = scratchF32(2, nRows * OC);
  for (let y = 0; y < H; y++) {
    const r = rowsUsed[y]!;
    if (r < 0) continue;
    const srow = y * W * C;
    let t = r * OC;
    if (kx === 2 && C === 3) {
      for (let x = 0; x < ow; x++, t += 3) {
        const a = srow + xo[2 * x]!, b = srow + xo[2 * x + 1]!;
        const w0 = wx[2 * x]!, w1 = wx[2 * x + 1]!;
        tmp[t] = f32(f32(d[a]! * w0) + f32(d[b]! * w1));
        tmp[t + 1] = f32(f32(d[a + 1]! * w0) + f32(d[b + 1]! * w1));
        tmp[t + 2] = f32(f32(d[a + 2]! * w0) + f32(d[b + 2]! * w1));
      }
    } else if (kx === 2) {
      for (let x = 0; x < ow; x++) {
        const a = srow + xo[2 * x]!, b = srow + xo[2 * x + 1]!;
        const w0 = wx[2 * x]!, w1 = wx[2 * x + 1]!;
        for (let c = 0; c < C; c++) tmp[t++] = f32(f32(d[a + c]! * w0) + f32(d[b + c]! * w1));
      }
    } else if (C === 3) {
      for (let x = 0; x < ow; x++, t += 3) {
        const base = x * kx;
        let p = srow + xo[base]!;
        let w = wx[base]!;
        let v0 = f32(d[p]! * w), v1 = f32(d[p + 1]! * w), v2 = f32(d[p + 2]! * w);
        for (let j = 1; j < kx; j++) {
          p = srow + xo[base + j]!;
          w = wx[base + j]!;
          v0 = f32(v0 + f32(d[p]! * w));
          v1 = f32(v1 + f32(d[p + 1]! * w));
          v2 = f32(v2 + f32(d[p + 2]! * w));
        }
        tmp[t] = v0;
        tmp[t + 1] = v1;
        tmp[t + 2] = v2;
      }
    } else {
      for (let x = 0; x < ow; x++) {
        const base = x * kx;
        for (let c = 0; c < C; c++) {
          let v = f32(d[srow + xo[base]! + c]! * wx[base]!);
          for (let j = 1; j < kx; j++) v = f32(v + f32(d[srow + xo[base + j]! + c]! * wx[base + j]!));
          tmp[t++] = v;
        }
      }
    }
  }
  const ky = ty.k;
  const out = outU8(OC * s.height);
  // Uint8ClampedArray stores clamp to [0, 255] and round half to even: torch.round + the uint8 cast.
  const oc = new Uint8ClampedArray(out.buffer);
  const ro = new Int32Array(ky);
  const acc = scratchF32(3, OC);
  const wy = new Float32Array(ky);
  for (let y = 0; y < s.height; y++) {
    for (let j = 0; j < ky; j++) { ro[j] = rowsUsed[ty.idx[y * ky + j]!]! * OC; wy[j] = ty.w[y * ky + j]!; }
    const orow = y * OC;
    if (ky === 2) {
      const r0 = ro[0]!, r1 = ro[1]!, w0 = wy[0]!, w1 = wy[1]!;
      for (let x = 0; x < OC; x++) oc[orow + x] = f32(f32(tmp[r0 + x]! * w0) + f32(tmp[r1 + x]! * w1));
    } else {
      // Tap-major over a float32 row: the same sum order as torch (t = w0·a0; t += wj·aj), sequential memory.
      const r0 = ro[0]!, w0 = wy[0]!;
      for (let x = 0; x < OC; x++) acc[x] = f32(tmp[r0 + x]! * w0);
      for (let j = 1; j < ky; j++) {
        const rj = ro[j]!, wj = wy[j]!;
        if (wj === 0) continue;
        for (let x = 0; x < OC; x++) acc[x] = f32(acc[x]! + f32(tmp[rj + x]! * wj));
      }
      oc.set(acc, orow);
    }
  }
  return { data: out, width: ow, height: s.height, channels: C };
}

/**
 * perf: whether a checked resize stage is a plain bilinear downscale to half the width and 1/f of the
 * height, f an integer (no antialias, no mirror) — {@link resizeDown2} computes it.
 */
function isDown2(s: ResizeStage): boolean {
  return s.interpolation === 'bilinear' && !s.antialias && !s.flipX && s.boxWidth === 2 * s.width && s.boxHeight % s.height === 0;
}

/**
 * perf: {@link isDown2} resizes on conv.wasm (`resizeDown2`), the same bytes as the float32 taps of
 * {@link resizeSeparable}: with an integer factor f, scale = f exactly and the source coordinate of output i
 * is f·i + (f − 1)/2 — a half for even f (two neighbours at 0.5 each), a whole pixel for odd f (taps 1
 * and 0: a pick) — so every product and sum of the float32 path is exact (halves and quarters of sums of
 * at most four levels), and its round half to even of (sum of the 2 or 4 taps) / (2 or 4) is the
 * kernel's integer rounding. (Other integer factors along x run no faster as integer sums without SIMD
 * than the float32 kernel: they stay there.)
 */
function resizeDown2(src: Img, s: ResizeStage, wasm: ConvRunner): Img {
  return wasm.resizeDown2(src, s.left, s.top, s.boxHeight / s.height, s.width, s.height, outU8(s.width * s.height * src.channels));
}
