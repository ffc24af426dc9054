/**
 * `blend`: torchvision's `_blend(img, degenerate, ratio)` on uint8 — `ratio·img + (1 − ratio)·degenerate`
 * in float32, clamped to [0, 255] and truncated (torch's uint8 cast), alpha copied. The degenerate
 * image is made from the stage's own input:
 *  - `grey`: the truncated-uint8 greyscale of each pixel (adjust_saturation; a grey input is unchanged),
 *  - `greyMean`: the float32 mean of that greyscale image (adjust_contrast; of the values on grey input),
 *  - `blurred`: the 3×3 [[1,1,1],[1,5,1],[1,1,1]]/13 blur rounded to uint8, borders kept (adjust_sharpness;
 *    images of width or height ≤ 2 are unchanged).
 * Each float32 step of torch is reproduced with `Math.fround`, so results are byte-identical to
 * torchvision 0.14. The mean is the exact integer sum over the pixel count in float32; torch sums in
 * float32 (cascade), which agreed with it on every full-size sample photo tried (up to 640×427 and 512²,
 * sums above 2^24), but could in principle round differently on huge images (~1e-7 relative).
 */
import type { Img, Stage, StageKernel } from '../core/types.js';
import { colourChannels, f32, outU8, pixelOnly, truncU8 } from './util.js';
import { applyTables, lutKernel, type LutStage } from './lut.js';
import { releaseU8 } from './util.js';
import { readyConv, type ColourStep } from './conv-wasm.js';

/** Attributes of a `blend` stage. */
export interface BlendStage extends Stage {
  kind: 'blend';
  /** What the image is blended with. */
  with: 'grey' | 'greyMean' | 'blurred';
  /** torchvision's ratio: 1 = the input, 0 = the degenerate image; > 1 extrapolates. */
  ratio: number;
  /**
   * Optional 256-entry table applied to every colour level first (a preceding `lut` stage folded in:
   * the same bytes as running that table, then this stage, without the intermediate image). Not for `blurred`.
   */
  pre?: ArrayLike<number>;
  /**
   * perf: colour stages to run right after this one (`blend` grey/greyMean and `lut` stages), set by
   * the executor's run-time fusion: on conv.wasm the image stays in the module between them (one copy
   * in, one out); the same bytes as running them one by one.
   */
  then?: readonly Stage[];
}

/** The identity level table. */
const IDENTITY = /* #__PURE__ */ Uint8Array.from({ length: 256 }, (_, v) => v);

/** torchvision rgb_to_grayscale weights as float32 (torch multiplies a uint8 channel by a float32 scalar). */
export const GREY_R = f32(0.2989);
export const GREY_G = f32(0.587);
export const GREY_B = f32(0.114);
const GREY_W = [GREY_R, GREY_G, GREY_B] as const;

/** float32 products w·v for v = 0..255 of the three weights (r at 0, g at 256, b at 512). */
const GREY_TABLE = /* #__PURE__ */ (() => {
  const t = new Float32Array(768);
  for (let v = 0; v < 256; v++) {
    t[v] = f32(GREY_R * v);
    t[256 + v] = f32(GREY_G * v);
    t[512 + v] = f32(GREY_B * v);
  }
  return t;
})();

/** torch's `(0.2989·r + 0.587·g + 0.114·b).to(uint8)` in float32: truncated (the sum is < 255). */
export function greyU8(r: number, g: number, b: number): number {
  return Math.trunc(f32(f32(GREY_TABLE[r]! + GREY_TABLE[256 + g]!) + GREY_TABLE[512 + b]!));
}

/** float32 `x·v` for v = 0..255 (torch: python float × uint8 tensor → float32). */
function scaled(x: number): Float32Array {
  const t = new Float32Array(256);
  const k = f32(x);
  for (let v = 0; v < 256; v++) t[v] = f32(k * v);
  return t;
}

/** A level table as a Uint8Array (one element kind in the loops below). */
function u8(t: ArrayLike<number>): Uint8Array {
  return t instanceof Uint8Array ? t : Uint8Array.from(t);
}

/** `pre` applied to the colour channels of an image (grey: every value), alpha copied. */
function applyPre(src: Img, pre: ArrayLike<number>): Img {
  if (readyConv()) return applyTables(src, pre, false);
  const d = src.data;
  const C = src.channels;
  const t = u8(pre);
  const n = d.length;
  const out = outU8(n);
  if (C !== 4) for (let i = 0; i < n; i++) out[i] = t[d[i]!]!;
  else {
    for (let i = 0; i < n; i += 4) {
      out[i] = t[d[i]!]!;
      out[i + 1] = t[d[i + 1]!]!;
      out[i + 2] = t[d[i + 2]!]!;
      out[i + 3] = d[i + 3]!;
    }
  }
  return { ...src, data: out };
}

/**
 * The three float32 grey products of each level read through `pre` (r at 0, g at 256, b at 512):
 * greyU8(pre[r], pre[g], pre[b]) = trunc(f32(f32(t[r] + t[256 + g]) + t[512 + b])).
 */
function greyTable(pre: Uint8Array): Float32Array {
  if (pre === IDENTITY) return GREY_TABLE;
  const t = new Float32Array(768);
  for (let v = 0; v < 256; v++) {
    const p = pre[v]!;
    t[v] = GREY_TABLE[p]!;
    t[256 + v] = GREY_TABLE[256 + p]!;
    t[512 + v] = GREY_TABLE[512 + p]!;
  }
  return t;
}

/** truncU8 of a float32 value (NaN cannot occur here). */
function clampTrunc(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : v | 0;
}

function blendGrey(src: Img, ratio: number, preIn: ArrayLike<number>): Img {
  const d = src.data;
  const C = src.channels;
  const pre = u8(preIn);
  if (C === 1) return pre === IDENTITY ? { ...src, data: d.slice() } : applyPre(src, pre);
  const wasm = readyConv();
  // The tables below are f32 products of a constant and a level, so the kernel computes them (same bytes).
  if (wasm && d.length > 0) return wasm.blendGreyArith(src, pre === IDENTITY ? null : pre, f32(ratio), f32(1 - ratio), GREY_W, outU8(d.length));
  const a0 = scaled(ratio);
  const a = new Float32Array(256);
  for (let v = 0; v < 256; v++) a[v] = a0[pre[v]!]!;
  const b = scaled(1 - ratio);
  const g = greyTable(pre);
  const n = d.length;
  const out = outU8(n);
  for (let i = 0; i < n; i += C) {
    const r = d[i]!, gg = d[i + 1]!, bl = d[i + 2]!;
    const bg = b[Math.trunc(f32(f32(g[r]! + g[256 + gg]!) + g[512 + bl]!))]!;
    out[i] = clampTrunc(f32(a[r]! + bg));
    out[i + 1] = clampTrunc(f32(a[gg]! + bg));
    out[i + 2] = clampTrunc(f32(a[bl]! + bg));
    if (C === 4) out[i + 3] = d[i + 3]!;
  }
  return { ...src, data: out };
}

/** The float32 mean torch.mean gives for the greyscale (or grey) image (of `pre` applied to it). */
export function greyMean(src: Img, preIn: ArrayLike<number> = IDENTITY): number {
  const d = src.data;
  const C = src.channels;
  const pre = u8(preIn);
  const n = d.length;
  let sum = 0;
  if (C === 1) {
    // Histogram, then the weighted sum (exact integers either way).
    const h = new Int32Array(256);
    for (let i = 0; i < n; i++) h[d[i]!]!++;
    for (let v = 0; v < 256; v++) sum += h[v]! * pre[v]!;
  } else {
    const wasm = readyConv();
    if (wasm && n > 0) return meanOfSum(wasm.greySum(src, pre === IDENTITY ? null : pre, GREY_W), src);
    const g = greyTable(pre);
    const h = new Int32Array(256);
    for (let i = 0; i < n; i += C) h[Math.trunc(f32(f32(g[d[i]!]! + g[256 + d[i + 1]!]!) + g[512 + d[i + 2]!]!))]!++;
    return meanOf(h, src);
  }
  return f32(f32(sum) / (src.width * src.height));
}

/** torch.mean of a greyscale image with level histogram `h`: the exact sum over the pixel count in float32. */
function meanOf(h: Int32Array, src: Img): number {
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += h[v]! * v;
  return meanOfSum(sum, src);
}

/** The float32 mean from the exact sum of the grey levels. */
function meanOfSum(sum: number, src: { width: number; height: number }): number {
  return f32(f32(sum) / (src.width * src.height));
}

/** adjust_contrast's level table: truncU8(f32(f32(ratio·pre[v]) + f32((1 − ratio)·mean))). */
function meanTable(ratio: number, pre: Uint8Array, mean: number): Uint8Array {
  const a = scaled(ratio);
  const bm = f32(f32(1 - ratio) * mean);
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = truncU8(f32(a[pre[v]!]! + bm));
  return lut;
}

function blendMean(src: Img, ratio: number, preIn: ArrayLike<number>): Img {
  const pre = u8(preIn);
  const wasm = readyConv();
  // Colour: grey sum and the table's arithmetic (truncU8(f32(f32(ratio·v) + bm))) in one copy into the module.
  if (wasm && src.channels !== 1 && src.data.length > 0) {
    return wasm.contrast(src, pre === IDENTITY ? null : pre, GREY_W, f32(ratio), (sum) => f32(f32(1 - ratio) * meanOfSum(sum, src)), outU8(src.data.length));
  }
  const lut = meanTable(ratio, pre, greyMean(src, pre));
  if (wasm) return applyTables(src, lut, false);
  const d = src.data;
  const C = src.channels;
  const n = d.length;
  const out = outU8(n);
  if (C !== 4) for (let i = 0; i < n; i++) out[i] = lut[d[i]!]!;
  else {
    for (let i = 0; i < n; i += 4) {
      out[i] = lut[d[i]!]!;
      out[i + 1] = lut[d[i + 1]!]!;
      out[i + 2] = lut[d[i + 2]!]!;
      out[i + 3] = d[i + 3]!;
    }
  }
  return { ...src, data: out };
}

function blendBlurred(src: Img, ratio: number): Img {
  const { width: W, height: H, channels: C, data: d } = src;
  if (W <= 2 || H <= 2) return { ...src, data: d.slice() };
  const a = scaled(ratio);
  const b = scaled(1 - ratio);
  const cc = colourChannels(src);
  const out = outU8(d.length);
  // Border pixels blend with themselves (torch blends the whole image; f32(a·v) + f32(b·v) need not be v).
  const selfT = new Uint8Array(256);
  for (let v = 0; v < 256; v++) selfT[v] = truncU8(f32(a[v]! + b[v]!));
  // s/13 is never within 1/26 of a half, so torch's float32 conv + round equals the exact rounding.
  const blurT = new Uint8Array(13 * 255 + 1);
  for (let s = 0; s < blurT.length; s++) blurT[s] = Math.round(s / 13);
  const wasm = readyConv();
  if (wasm) return wasm.sharpen(src, a, b, selfT, blurT, out);
  const self = (i: number): void => {
    for (let c = 0; c < cc; c++) out[i + c] = selfT[d[i + c]!]!;
    if (C === 4) out[i + 3] = d[i + 3]!;
  };
  const row = W * C;
  for (let x = 0; x < W; x++) {
    self(x * C);
    self((H - 1) * row + x * C);
  }
  for (let y = 1; y < H - 1; y++) {
    self(y * row);
    self(y * row + (W - 1) * C);
    const end = y * row + (W - 1) * C;
    if (C === 3 || C === 1) {
      // Every byte of the row's interior is a colour channel.
      for (let k = y * row + C; k < end; k++) {
        const up = k - row, dn = k + row;
        const s = d[up - C]! + d[up]! + d[up + C]! + d[k - C]! + 5 * d[k]! + d[k + C]! + d[dn - C]! + d[dn]! + d[dn + C]!;
        out[k] = clampTrunc(f32(a[d[k]!]! + b[blurT[s]!]!));
      }
    } else {
      for (let i = y * row + C; i < end; i += 4) {
        for (let c = 0; c < 3; c++) {
          const k = i + c, up = k - row, dn = k + row;
          const s = d[up - 4]! + d[up]! + d[up + 4]! + d[k - 4]! + 5 * d[k]! + d[k + 4]! + d[dn - 4]! + d[dn]! + d[dn + 4]!;
          out[k] = clampTrunc(f32(a[d[k]!]! + b[blurT[s]!]!));
        }
        out[i + 3] = d[i + 3]!;
      }
    }
  }
  return { ...src, data: out };
}

/** The conv.wasm step of a colour stage on an image of `src`'s size, or null (not a step it has). */
export function colourStep(st: Stage, src: { width: number; height: number }): ColourStep | null {
  if (st.kind === 'lut') {
    const t = (st as LutStage).tables;
    if (t.length !== 256 && t.length !== 768) return null;
    const t3 = new Uint8Array(768);
    for (let k = 0; k < 768; k++) t3[k] = t[t.length === 256 ? k & 255 : k]!;
    return { op: 'lut', table: t3 };
  }
  const b = st as BlendStage;
  if (st.kind !== 'blend' || (b.with !== 'grey' && b.with !== 'greyMean')) return null;
  const pre = b.pre ? u8(b.pre) : null;
  const ratio = b.ratio;
  if (b.with === 'grey') return { op: 'grey', pre, ka: f32(ratio), kb: f32(1 - ratio), w: GREY_W };
  return {
    op: 'mean', pre, w: GREY_W, ka: f32(ratio), kb: (sum) => f32(f32(1 - ratio) * meanOfSum(sum, src)),
    table: (sum, p) => meanTable(ratio, p ?? IDENTITY, meanOfSum(sum, src)),
  };
}

/** A blend stage with `then`: one conv.wasm call for colour images, else the stages one by one. */
function runChain(src: Img, s: BlendStage): Img {
  const list: Stage[] = [{ ...s, then: undefined }, ...s.then!];
  const wasm = readyConv();
  if (wasm && src.channels !== 1 && src.data.length > 0) {
    const steps = list.map((st) => colourStep(st, src));
    if (steps.every((x) => x !== null)) return wasm.colourChain(src, steps as ColourStep[], outU8(src.data.length));
  }
  let cur = src;
  for (const st of list) {
    const next = st.kind === 'lut' ? lutKernel.run(cur, st, {}) as Img : runBlend(cur, st as BlendStage);
    if (cur !== src && next.data !== cur.data) releaseU8(cur.data);
    cur = next;
  }
  return cur;
}

function runBlend(src: Img, s: BlendStage): Img {
  if (s.then?.length) return runChain(src, s);
  const pre = s.pre ?? IDENTITY;
  if (s.with === 'grey') return blendGrey(src, s.ratio, pre);
  if (s.with === 'greyMean') return blendMean(src, s.ratio, pre);
  return blendBlurred(s.pre ? applyPre(src, s.pre) : src, s.ratio);
}

export const blendKernel: StageKernel = {
  kind: 'blend',
  maskStage: pixelOnly,
  run(src: Img, stage: Stage): Img {
    return runBlend(src, stage as BlendStage);
  },
};
