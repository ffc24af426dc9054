/**
 * `downscale`: shrink by `scale` then resize back to the original size (albumentations `Downscale`,
 * i.e. pixelation), both with OpenCV 4.6 `cv2.resize` semantics on u8: the small size is
 * round(W·scale) × round(H·scale) (half to even, at least 1); `nearest` takes src = floor(dst·(1/inv))
 * with inv = fx for the down step and dst/src for the up step; `linear` uses half-pixel centres,
 * edge-clamped, with OpenCV's 11-bit fixed-point weights and rounding. All channels.
 */
import { EdgeAugmentError } from '../../errors.js';
import type { Img, Stage, StageKernel } from '../core/types.js';
import { pixelOnly } from './util.js';

export interface DownscaleStage extends Stage {
  kind: 'downscale';
  scale: number;
  interpolation: 'nearest' | 'linear';
}

const rint = (v: number) => {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
};

function resizeNearest(src: Img, dw: number, dh: number, invX: number, invY: number): Img {
  const { width: W, height: H, channels: C, data: d } = src;
  const out = new Uint8Array(dw * dh * C);
  const ifx = 1 / invX;
  const ify = 1 / invY;
  const xs = new Int32Array(dw);
  for (let x = 0; x < dw; x++) xs[x] = Math.min(Math.floor(x * ifx), W - 1) * C;
  for (let y = 0; y < dh; y++) {
    const sy = Math.min(Math.floor(y * ify), H - 1);
    const row = sy * W * C;
    let o = y * dw * C;
    for (let x = 0; x < dw; x++) {
      const s = row + xs[x]!;
      for (let c = 0; c < C; c++) out[o++] = d[s + c]!;
    }
  }
  return { data: out, width: dw, height: dh, channels: C };
}

/** OpenCV's linear taps for one axis: source index and the two 11-bit weights per output. */
function linearTaps(dst: number, src: number, inv: number): { idx: Int32Array; w0: Int32Array; w1: Int32Array } {
  const scale = 1 / inv;
  const idx = new Int32Array(dst);
  const w0 = new Int32Array(dst);
  const w1 = new Int32Array(dst);
  for (let x = 0; x < dst; x++) {
    let f = Math.fround((x + 0.5) * scale - 0.5);
    let s = Math.floor(f);
    f = Math.fround(f - s);
    if (s < 0) { f = 0; s = 0; }
    if (s >= src - 1) { f = 0; s = src - 1; }
    idx[x] = s;
    w0[x] = rint(Math.fround(1 - f) * 2048);
    w1[x] = rint(f * 2048);
  }
  return { idx, w0, w1 };
}

function resizeLinear(src: Img, dw: number, dh: number, invX: number, invY: number): Img {
  const { width: W, height: H, channels: C, data: d } = src;
  const tx = linearTaps(dw, W, invX);
  const ty = linearTaps(dh, H, invY);
  const out = new Uint8Array(dw * dh * C);
  // Horizontal pass of every source row (ints, scale 2048), then vertical (scale 2048², rounded).
  const rowsH = new Int32Array(H * dw * C);
  for (let y = 0; y < H; y++) {
    const r = y * W * C;
    let o = y * dw * C;
    for (let x = 0; x < dw; x++) {
      const s0 = r + tx.idx[x]! * C;
      const s1 = r + Math.min(tx.idx[x]! + 1, W - 1) * C;
      const a0 = tx.w0[x]!;
      const a1 = tx.w1[x]!;
      for (let c = 0; c < C; c++) rowsH[o++] = d[s0 + c]! * a0 + d[s1 + c]! * a1;
    }
  }
  const n = dw * C;
  for (let y = 0; y < dh; y++) {
    const r0 = ty.idx[y]! * n;
    const r1 = Math.min(ty.idx[y]! + 1, H - 1) * n;
    const b0 = ty.w0[y]!;
    const b1 = ty.w1[y]!;
    const o = y * n;
    for (let i = 0; i < n; i++) {
      const v = (b0 * rowsH[r0 + i]! + b1 * rowsH[r1 + i]! + (1 << 21)) >> 22;
      out[o + i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  return { data: out, width: dw, height: dh, channels: C };
}

/** The small size OpenCV makes for `cv2.resize(img, None, fx=scale, fy=scale)` (at least 1). */
export function downSize(w: number, h: number, scale: number): [number, number] {
  return [Math.max(1, rint(w * scale)), Math.max(1, rint(h * scale))];
}

export const downscaleKernel: StageKernel = {
  kind: 'downscale',
  maskStage: pixelOnly,
  run(src: Img, stage: Stage): Img {
    const { scale, interpolation } = stage as DownscaleStage;
    if (!(scale > 0 && scale <= 1)) throw new EdgeAugmentError('INVALID_PARAMS', `downscale stage: scale must be in (0, 1], got ${scale}.`);
    const [dw, dh] = downSize(src.width, src.height, scale);
    const f = interpolation === 'linear' ? resizeLinear : resizeNearest;
    const small = f(src, dw, dh, scale, scale);
    return f(small, src.width, src.height, src.width / dw, src.height / dh);
  },
};
