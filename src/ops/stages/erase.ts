/**
 * `erase`: fills rectangles (clipped to the image) with a value per channel, or with seeded random
 * values. `fill`: 1 value (every colour channel), one per colour channel, or one per channel
 * including alpha (RGBA only; otherwise alpha is kept). `fill: null` = random: each sample is a
 * standard normal z mapped through ImageNet's per-channel normalisation, 255·(mean_c + std_c·z),
 * rounded and clamped — what torchvision's `value='random'` (N(0, 1) on a normalised tensor) means in
 * pixel levels; alpha kept.
 */
import { EdgeAugmentError } from '../../errors.js';
import type { Img, Stage, StageKernel } from '../core/types.js';
import { noiseKey, noiseUniform } from './noise.js';
import { pixelOnly } from './util.js';

export interface EraseStage extends Stage {
  kind: 'erase';
  /** Rectangles as a flat list [x, y, w, h, x, y, w, h, …] in pixels. */
  rects: readonly number[];
  /** Fill values (see the module doc), or null for random normal values from `seed`. */
  fill: readonly number[] | null;
  seed?: number;
}

const IMAGENET_MEAN = [0.485, 0.456, 0.406];
const IMAGENET_STD = [0.229, 0.224, 0.225];

function roundU8(v: number): number {
  if (!(v > 0)) return 0;
  if (v >= 255) return 255;
  const r = Math.round(v);
  return r - v === 0.5 && (r & 1) === 1 ? r - 1 : r;
}

export const eraseKernel: StageKernel = {
  kind: 'erase',
  maskStage: pixelOnly,
  run(src: Img, stage: Stage): Img {
    const { rects, fill, seed } = stage as EraseStage;
    const { width: W, height: H, channels: C } = src;
    const cc = C === 4 ? 3 : C;
    if (rects.length % 4 !== 0) throw new EdgeAugmentError('INVALID_PARAMS', `erase stage: rects must be a flat list of [x, y, w, h] groups, got ${rects.length} numbers.`);
    let vals: number[] | null = null;
    let nch: number = cc;
    if (fill) {
      if (fill.length === 1) vals = new Array<number>(cc).fill(fill[0]!);
      else if (fill.length === cc || fill.length === C) { vals = [...fill]; nch = fill.length; }
      else throw new EdgeAugmentError('INVALID_PARAMS', `erase: the fill has ${fill.length} values; allowed: 1, ${cc}${C === 4 ? ' or 4' : ''} for a ${C}-channel image.`, { details: { field: 'fill' } });
      vals = vals.map(roundU8);
    }
    const out = new Uint8Array(src.data);
    const key = noiseKey(seed ?? 0);
    const mean = cc === 1 ? [0.449] : IMAGENET_MEAN;
    const std = cc === 1 ? [0.226] : IMAGENET_STD;
    let j = 0;
    for (let r = 0; r < rects.length; r += 4) {
      const x0 = Math.max(0, Math.floor(rects[r]!));
      const y0 = Math.max(0, Math.floor(rects[r + 1]!));
      const x1 = Math.min(W, Math.floor(rects[r]! + rects[r + 2]!));
      const y1 = Math.min(H, Math.floor(rects[r + 1]! + rects[r + 3]!));
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const p = (y * W + x) * C;
          if (vals) for (let c = 0; c < nch; c++) out[p + c] = vals[c]!;
          else {
            for (let c = 0; c < cc; c++, j += 2) {
              const u1 = noiseUniform(key, j);
              const u2 = noiseUniform(key, j + 1);
              const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
              out[p + c] = roundU8(255 * (mean[c]! + std[c]! * z));
            }
          }
        }
      }
    }
    return { ...src, data: out };
  },
};
