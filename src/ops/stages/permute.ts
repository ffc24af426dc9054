/**
 * `permute`: exact pixel rearrangements — horizontal/vertical flip, transpose, and so the rot90 family.
 * Output pixel (x, y) takes source pixel T(x, y) where T = flips after an optional transpose.
 */
import type { ImageInfo, Img, Stage, StageKernel } from '../core/types.js';
import { outU8 } from './util.js';
import { readyConv } from './conv-wasm.js';

export interface PermuteStage extends Stage {
  kind: 'permute';
  /** Swap rows and columns first (output is height × width). */
  transpose: boolean;
  /** Then mirror left–right. */
  flipX: boolean;
  /** Then mirror top–bottom. */
  flipY: boolean;
}

/** The permute stage that turns the picture by k·90° counter-clockwise (as torch.rot90(k, [-2, -1])). */
export function rot90Stage(k: number): PermuteStage {
  const q = ((k % 4) + 4) % 4;
  // CCW 90°: out(x, y) = src(W−1−y, x) → transpose then flip rows; 180°: both flips; 270°: transpose then flip columns.
  if (q === 1) return { kind: 'permute', transpose: true, flipX: false, flipY: true };
  if (q === 2) return { kind: 'permute', transpose: false, flipX: true, flipY: true };
  if (q === 3) return { kind: 'permute', transpose: true, flipX: true, flipY: false };
  return { kind: 'permute', transpose: false, flipX: false, flipY: false };
}

export const permuteKernel: StageKernel = {
  kind: 'permute',
  maskStage: (stage: Stage) => stage,
  mapPoints: permuteMapPoints,
  projective: true,
  outInfo(stage: Stage, info: ImageInfo): ImageInfo {
    return (stage as PermuteStage).transpose ? { width: info.height, height: info.width, channels: info.channels } : info;
  },
  run(src: Img, stage: Stage): Img {
    const { transpose, flipX, flipY } = stage as PermuteStage;
    const { width: W, height: H, channels: C, data: d } = src;
    const ow = transpose ? H : W;
    const oh = transpose ? W : H;
    const out = outU8(d.length);
    const row = ow * C;
    if (!transpose && !flipX) {
      // Rows only: one memcpy per row.
      for (let y = 0; y < oh; y++) out.set(d.subarray((flipY ? oh - 1 - y : y) * row, (flipY ? oh - y : y + 1) * row), y * row);
      return { data: out, width: ow, height: oh, channels: C };
    }
    // Source step per output column and per output row (in bytes), and the source offset of output (0, 0).
    const colStep = (transpose ? W * C : C) * (flipX ? -1 : 1);
    const rowStep = (transpose ? C : W * C) * (flipY ? -1 : 1);
    const start = (flipX ? (ow - 1) * Math.abs(colStep) : 0) + (flipY ? (oh - 1) * Math.abs(rowStep) : 0);
    // perf: conv.wasm `permute` once loaded (the same bytes; this loop until then or without WASM).
    const wasm = readyConv();
    if (wasm && d.length > 0) return wasm.permute(src, ow, oh, start, colStep, rowStep, out);
    let o = 0;
    if (C === 3) {
      for (let y = 0; y < oh; y++) {
        let s = start + y * rowStep;
        for (let x = 0; x < ow; x++, s += colStep, o += 3) { out[o] = d[s]!; out[o + 1] = d[s + 1]!; out[o + 2] = d[s + 2]!; }
      }
    } else if (C === 4 && d.byteOffset % 4 === 0) {
      const d32 = new Uint32Array(d.buffer, d.byteOffset, d.length >> 2);
      const o32 = new Uint32Array(out.buffer);
      const cs = colStep >> 2, rs = rowStep >> 2, st = start >> 2;
      for (let y = 0; y < oh; y++) {
        let s = st + y * rs;
        for (let x = 0; x < ow; x++, s += cs) o32[o++] = d32[s]!;
      }
    } else {
      for (let y = 0; y < oh; y++) {
        let s = start + y * rowStep;
        for (let x = 0; x < ow; x++, s += colStep) for (let c = 0; c < C; c++) out[o++] = d[s + c]!;
      }
    }
    return { data: out, width: ow, height: oh, channels: C };
  },
};

/** Points forward through a permute (corner coordinates): transpose, then mirror in the output frame. */
export function permuteMapPoints(stage: Stage, xy: Float64Array, info: ImageInfo): void {
  const { transpose, flipX, flipY } = stage as PermuteStage;
  const ow = transpose ? info.height : info.width;
  const oh = transpose ? info.width : info.height;
  for (let i = 0; i < xy.length; i += 2) {
    let x = xy[i]!, y = xy[i + 1]!;
    if (transpose) { const t = x; x = y; y = t; }
    if (flipX) x = ow - x;
    if (flipY) y = oh - y;
    xy[i] = x;
    xy[i + 1] = y;
  }
}
