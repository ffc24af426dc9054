/**
 * `quantize`: each colour channel to `levels` evenly spaced values (palette value q → ⌊q·255/(levels − 1)
 * + 0.5⌋; levels 6 is the 216-colour web palette Pillow's `convert('P')` uses), nearest level
 * q = ⌊v·(levels − 1)/255 + 0.5⌋ clamped; with `dither: 'floydSteinberg'`, the error v − palette(q) is
 * diffused in raster order, 7/16 right, 3/16 down-left, 5/16 down, 1/16 down-right (Floyd & Steinberg
 * 1976), in float64 in that fixed order. On a grid palette the nearest colour is the per-channel nearest,
 * so channels are independent. Alpha is kept. IEEE basic operations only: the same bytes everywhere.
 */
import type { Img, Stage, StageKernel } from '../core/types.js';
import { colourChannels, pixelOnly } from './util.js';

export interface QuantizeStage extends Stage {
  kind: 'quantize';
  /** 2..256 levels per channel. */
  levels: number;
  dither: 'none' | 'floydSteinberg';
}

export const quantizeKernel: StageKernel = {
  kind: 'quantize',
  maskStage: pixelOnly,
  run(src: Img, stage: Stage): Img {
    const { levels, dither } = stage as QuantizeStage;
    const L1 = levels - 1;
    const pal = new Uint8Array(levels);
    for (let q = 0; q < levels; q++) pal[q] = Math.floor((q * 255) / L1 + 0.5);
    const { data: d, width: W, height: H, channels: C } = src;
    const out = d.slice();
    const cc = colourChannels(src);
    if (dither === 'none') {
      const lut = new Uint8Array(256);
      for (let v = 0; v < 256; v++) lut[v] = pal[Math.floor((v * L1) / 255 + 0.5)]!;
      for (let i = 0; i < out.length; i++) if (C !== 4 || (i & 3) !== 3) out[i] = lut[d[i]!]!;
      return { ...src, data: out };
    }
    let cur = new Float64Array(W + 2), next = new Float64Array(W + 2);
    for (let c = 0; c < cc; c++) {
      cur.fill(0);
      next.fill(0);
      for (let y = 0; y < H; y++) {
        for (let x = 0; x < W; x++) {
          const i = (y * W + x) * C + c;
          const v = d[i]! + cur[x + 1]!;
          let q = Math.floor((v * L1) / 255 + 0.5);
          if (q < 0) q = 0; else if (q > L1) q = L1;
          const p = pal[q]!;
          out[i] = p;
          const e = v - p;
          cur[x + 2] += (e * 7) / 16;
          next[x] += (e * 3) / 16;
          next[x + 1] += (e * 5) / 16;
          next[x + 2] += (e * 1) / 16;
        }
        const t = cur; cur = next; next = t;
        next.fill(0);
      }
    }
    return { ...src, data: out };
  },
};
