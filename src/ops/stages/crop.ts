/**
 * `crop`: the output is the box (`left`, `top`, `width`, `height`) of the source; where the box leaves
 * the source, pixels come from the padding `mode` — `constant` (`fill`, one value or one per channel;
 * torchvision's F.crop pads with 0), `edge` (replicate), `reflect` (mirror without repeating the edge),
 * `symmetric` (mirror repeating it). So one stage is F.crop, F.center_crop and F.pad (box = the image
 * grown by the padding). Exact. Reflections farther than the image size repeat (torch rejects them).
 */
import type { Img, Stage, StageKernel } from '../core/types.js';
import { fillVector } from './warp.js';
import { sizedOutInfo } from './util.js';

export type PadMode = 'constant' | 'edge' | 'reflect' | 'symmetric';

export interface CropStage extends Stage {
  kind: 'crop';
  left: number;
  top: number;
  width: number;
  height: number;
  mode: PadMode;
  /** Constant mode: one value or one per channel (default 0). Values are truncated to uint8 as torch's cast. */
  fill: readonly number[] | null;
}

/** Source index of coordinate i for a size-n axis under `mode` (-1 = constant fill). */
export function padIndex(i: number, n: number, mode: PadMode): number {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case 'constant': return -1;
    case 'edge': return i < 0 ? 0 : n - 1;
    case 'reflect': {
      if (n === 1) return 0;
      const p = 2 * (n - 1);
      const j = ((i % p) + p) % p;
      return j >= n ? p - j : j;
    }
    case 'symmetric': {
      const p = 2 * n;
      const j = ((i % p) + p) % p;
      return j >= n ? p - 1 - j : j;
    }
  }
}

export const cropKernel: StageKernel = {
  kind: 'crop',
  maskStage: (stage: Stage) => ({ ...(stage as CropStage), mode: 'constant', fill: null }),
  mapPoints: cropMapPoints,
  projective: true,
  outInfo: sizedOutInfo,
  run(src: Img, stage: Stage): Img {
    const s = stage as CropStage;
    const { data: d, width: W, height: H, channels: C } = src;
    const out = new Uint8Array(s.width * s.height * C);
    const fv = fillVector(s.fill ?? [0], C)!;
    const fq = Uint8Array.from(fv, (v) => (v <= 0 ? 0 : v >= 255 ? 255 : Math.trunc(v)));
    // perf: whole runs are block copies — the fill row (constant mode), the inside part of a source row;
    // only the mirrored/replicated side pixels of the other modes go one by one.
    const fr = new Uint8Array(s.width * C);
    if (s.mode === 'constant') for (let x = 0; x < fr.length; x += C) fr.set(fq, x);
    // Output columns [xa, xb) read source columns left + x inside the source.
    const xa = Math.min(s.width, Math.max(0, -s.left));
    const xb = Math.max(xa, Math.min(s.width, W - s.left));
    const side = (row: number, from: number, to: number, o: number): void => {
      if (from >= to) return;
      if (s.mode === 'constant') { out.set(fr.subarray(0, (to - from) * C), o); return; }
      for (let x = from; x < to; x++, o += C) {
        const p = (row + padIndex(s.left + x, W, s.mode)) * C;
        for (let c = 0; c < C; c++) out[o + c] = d[p + c]!;
      }
    };
    for (let y = 0, o = 0; y < s.height; y++, o += s.width * C) {
      const sy = padIndex(s.top + y, H, s.mode);
      if (sy < 0) {
        out.set(fr, o);
        continue;
      }
      const row = sy * W;
      side(row, 0, xa, o);
      if (xb > xa) out.set(d.subarray((row + s.left + xa) * C, (row + s.left + xb) * C), o + xa * C);
      side(row, xb, s.width, o + xb * C);
    }
    return { data: out, width: s.width, height: s.height, channels: C };
  },
};

/**
 * Points forward through a crop/pad: a translation. Padding copies (reflect, edge, symmetric) are not
 * labelled: masks pad with 0 and boxes/keypoints do not follow the mirrored copies (albumentations'
 * and torchvision's behaviour for boxes).
 */
export function cropMapPoints(stage: Stage, xy: Float64Array): void {
  const s = stage as CropStage;
  for (let i = 0; i < xy.length; i += 2) { xy[i] = xy[i]! - s.left; xy[i + 1] = xy[i + 1]! - s.top; }
}
