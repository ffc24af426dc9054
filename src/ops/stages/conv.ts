/**
 * `conv`: correlation of every channel (alpha included: blurring is spatial) with a separable kernel
 * (`kx` along rows, then `ky` along columns) or a 2-D kernel (`k2`, `kw` × `kh`, row-major), anchored at
 * the kernel's centre, with a border mode. Arithmetic is float32 (weights rounded to float32, products
 * and sums rounded to float32 tap by tap, in kernel order), then round half to even and clamp — torch's
 * `conv2d` on a float32 copy of a uint8 image followed by `round()`, OpenCV's `filter2D`/`sepFilter2D`
 * up to summation order (≤ 1 level at exact ties). The separable case runs on the WASM SIMD kernel
 * (src/kernels/assembly/conv.ts, loaded on first use: the first call is asynchronous) with the same
 * float32 operations in the same order as the TypeScript path here, so both give the same bytes.
 *
 * Border modes (OpenCV names): `reflect101` (…cb|abcd|cb…; torch `reflect`, OpenCV default),
 * `reflect` (…ba|abcd|dc…), `replicate` (…aa|abcd|dd…). Reflection repeats for kernels larger than the
 * image (torch raises there).
 */
import { EdgeAugmentError } from '../../errors.js';
import type { Img, Stage, StageKernel } from '../core/types.js';
import { convRunner } from './conv-wasm.js';
import { pixelOnly } from './util.js';

/** Border modes of a `conv` stage. */
export type ConvBorder = 'reflect101' | 'reflect' | 'replicate';

/** Attributes of a `conv` stage: either `kx` + `ky` (separable) or `k2` + `kw` + `kh`. */
export interface ConvStage extends Stage {
  kind: 'conv';
  /** Horizontal taps (odd length), applied first. */
  kx?: readonly number[];
  /** Vertical taps (odd length). */
  ky?: readonly number[];
  /** 2-D taps, row-major `kh` × `kw` (odd sizes). */
  k2?: readonly number[];
  kw?: number;
  kh?: number;
  border: ConvBorder;
}

const f32 = Math.fround;

/** Source index for position `i` (may be outside 0..n−1) under a border mode. */
export function borderIndex(i: number, n: number, border: ConvBorder): number {
  if (i >= 0 && i < n) return i;
  if (border === 'replicate' || n === 1) return i < 0 ? 0 : n - 1;
  if (border === 'reflect101') {
    const period = 2 * n - 2;
    let m = i % period;
    if (m < 0) m += period;
    return m < n ? m : period - m;
  }
  const period = 2 * n;
  let m = i % period;
  if (m < 0) m += period;
  return m < n ? m : period - 1 - m;
}

/** Round half to even and clamp to 0..255 (torch.round then uint8; OpenCV cvRound + saturate_cast). */
function toU8(v: number): number {
  if (!(v > 0)) return 0;
  if (v >= 255) return 255;
  let r = Math.round(v);
  if (r - v === 0.5 && (r & 1) === 1) r -= 1;
  return r;
}

/**
 * torchvision's `_get_gaussian_kernel1d` in float32: linspace(−(k−1)/2, (k−1)/2, k), exp(−½(x/σ)²),
 * divided by its sum.
 */
export function gaussianKernel1d(size: number, sigma: number): number[] {
  const half = (size - 1) * 0.5;
  const s = f32(sigma);
  const pdf: number[] = [];
  let sum = 0;
  for (let i = 0; i < size; i++) {
    const x = f32(-half + i);
    const t = f32(x / s);
    const v = f32(Math.exp(f32(-0.5 * f32(t * t))));
    pdf.push(v);
    sum = f32(sum + v);
  }
  return pdf.map((v) => f32(v / sum));
}

function checkTaps(taps: readonly number[] | undefined, what: string): Float32Array {
  if (!taps || taps.length % 2 !== 1 || !taps.every(Number.isFinite)) {
    throw new EdgeAugmentError('INVALID_PARAMS', `conv stage: ${what} must be an odd number of finite taps.`);
  }
  return Float32Array.from(taps);
}

/** Reference separable path (TypeScript, float32 emulated). */
export function convSeparableTs(src: Img, kx: Float32Array, ky: Float32Array, border: ConvBorder): Img {
  const { width: W, height: H, channels: C, data: d } = src;
  const WC = W * C;
  const rx = (kx.length - 1) >> 1;
  const ry = (ky.length - 1) >> 1;
  const KX = kx.length;
  const KY = ky.length;
  // Horizontal: a float row with rx pixels of border either side, then taps along it.
  const pad = new Float32Array((W + 2 * rx) * C);
  const tmp = new Float32Array(H * WC);
  const xmap = new Int32Array(W + 2 * rx);
  for (let x = 0; x < W + 2 * rx; x++) xmap[x] = borderIndex(x - rx, W, border) * C;
  for (let y = 0; y < H; y++) {
    const row = y * WC;
    for (let x = 0, o = 0; x < W + 2 * rx; x++, o += C) {
      const s = row + xmap[x]!;
      for (let c = 0; c < C; c++) pad[o + c] = d[s + c]!;
    }
    for (let i = 0; i < WC; i++) {
      let acc = 0;
      for (let k = 0, p = i; k < KX; k++, p += C) acc = f32(acc + f32(kx[k]! * pad[p]!));
      tmp[row + i] = acc;
    }
  }
  // Vertical.
  const out = new Uint8Array(H * WC);
  const rows = new Int32Array(KY);
  for (let y = 0; y < H; y++) {
    for (let k = 0; k < KY; k++) rows[k] = borderIndex(y + k - ry, H, border) * WC;
    const o = y * WC;
    for (let i = 0; i < WC; i++) {
      let acc = 0;
      for (let k = 0; k < KY; k++) acc = f32(acc + f32(ky[k]! * tmp[rows[k]! + i]!));
      out[o + i] = toU8(acc);
    }
  }
  return { data: out, width: W, height: H, channels: C };
}

/** Non-zero taps of a 2-D kernel: float offsets in a padded image of row width `pw`, float32 weights. */
export function sparseTaps(k2: readonly number[], kw: number, kh: number, pw: number, C: number): { offs: Int32Array; ws: Float32Array } {
  const offs: number[] = [];
  const ws: number[] = [];
  for (let ky = 0; ky < kh; ky++) {
    for (let kx = 0; kx < kw; kx++) {
      const w = f32(k2[ky * kw + kx]!);
      if (w !== 0) { offs.push((ky * pw + kx) * C); ws.push(w); }
    }
  }
  if (!offs.length) { offs.push(((kh >> 1) * pw + (kw >> 1)) * C); ws.push(0); }
  return { offs: Int32Array.from(offs), ws: Float32Array.from(ws) };
}

/** 2-D path: only the non-zero taps are visited (motion blur kernels are mostly zeros). */
export function conv2dTs(src: Img, k2: readonly number[], kw: number, kh: number, border: ConvBorder): Img {
  const { width: W, height: H, channels: C, data: d } = src;
  const rx = (kw - 1) >> 1;
  const ry = (kh - 1) >> 1;
  const PW = W + 2 * rx;
  const PH = H + 2 * ry;
  // A float copy of the image with the border filled in, so the tap loop has no index mapping.
  const pad = new Float32Array(PW * PH * C);
  for (let py = 0; py < PH; py++) {
    const sy = borderIndex(py - ry, H, border);
    for (let px = 0; px < PW; px++) {
      const s = (sy * W + borderIndex(px - rx, W, border)) * C;
      const o = (py * PW + px) * C;
      for (let c = 0; c < C; c++) pad[o + c] = d[s + c]!;
    }
  }
  const { offs, ws } = sparseTaps(k2, kw, kh, PW, C);
  const T = offs.length;
  const WC = W * C;
  const out = new Uint8Array(W * H * C);
  const acc = new Float32Array(WC);
  // Row at a time, tap by tap (each sample still sums its taps in kernel order).
  for (let y = 0; y < H; y++) {
    acc.fill(0);
    const base = y * PW * C;
    for (let t = 0; t < T; t++) {
      const w = ws[t]!;
      const b = base + offs[t]!;
      for (let i = 0; i < WC; i++) acc[i] = f32(acc[i]! + f32(w * pad[b + i]!));
    }
    const o = y * WC;
    for (let i = 0; i < WC; i++) out[o + i] = toU8(acc[i]!);
  }
  return { data: out, width: W, height: H, channels: C };
}

export const convKernel: StageKernel = {
  kind: 'conv',
  maskStage: pixelOnly,
  run(src: Img, stage: Stage): Img | Promise<Img> {
    const s = stage as ConvStage;
    if (s.k2) {
      const kw = s.kw ?? 0;
      const kh = s.kh ?? 0;
      if (!(kw % 2 === 1 && kh % 2 === 1 && s.k2.length === kw * kh && s.k2.every(Number.isFinite))) {
        throw new EdgeAugmentError('INVALID_PARAMS', `conv stage: k2 must hold kw × kh finite taps with odd kw, kh (got ${s.k2.length}, ${kw}×${kh}).`);
      }
      const k2 = s.k2;
      const r2 = convRunner();
      if (r2 instanceof Promise) return r2.then((k) => (k ? k.sparse(src, k2, kw, kh, s.border) : conv2dTs(src, k2, kw, kh, s.border)));
      return r2 ? r2.sparse(src, k2, kw, kh, s.border) : conv2dTs(src, k2, kw, kh, s.border);
    }
    const kx = checkTaps(s.kx, 'kx');
    const ky = checkTaps(s.ky, 'ky');
    const r = convRunner();
    if (r instanceof Promise) return r.then((k) => (k ? k.separable(src, kx, ky, s.border) : convSeparableTs(src, kx, ky, s.border)));
    return r ? r.separable(src, kx, ky, s.border) : convSeparableTs(src, kx, ky, s.border);
  },
};
