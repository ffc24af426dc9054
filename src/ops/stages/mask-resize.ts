/**
 * `maskResize`: the mask stage of a `resize` whose image interpolation is bilinear or bicubic — nearest
 * sampling with pixel centres aligned (src = left + floor((dst + 0.5) · in/out), torch's
 * 'nearest-exact'), so a mask edge lands within half an output pixel of where the image's (centre-aligned)
 * resampling put it. A `resize` in `nearest` mode keeps torch's `nearest` for its mask (the image's own
 * pixels). Same attributes as `resize`; exact; any channel count.
 */
import type { Img, Stage, StageKernel } from '../core/types.js';
import type { ResizeStage } from './resize.js';
import { resizeMapPoints } from './resize.js';
import { sizedOutInfo } from './util.js';

/** A `resize` stage's attributes under another kind (interpolation and antialias are ignored). */
export type MaskResizeStage = Pick<ResizeStage, 'left' | 'top' | 'boxWidth' | 'boxHeight' | 'width' | 'height'> & Stage;

function axis(n: number, offset: number, inSize: number, outSize: number): Int32Array {
  const idx = new Int32Array(n);
  const r = inSize / outSize;
  for (let i = 0; i < n; i++) idx[i] = offset + Math.min(Math.floor((i + 0.5) * r), inSize - 1);
  return idx;
}

export const maskResizeKernel: StageKernel = {
  kind: 'maskResize',
  maskStage: (stage: Stage) => stage,
  mapPoints: resizeMapPoints,
  projective: true,
  outInfo: sizedOutInfo,
  run(src: Img, stage: Stage): Img {
    const s = stage as MaskResizeStage;
    const C = src.channels;
    const xs = axis(s.width, s.left, s.boxWidth, s.width);
    const ys = axis(s.height, s.top, s.boxHeight, s.height);
    const out = new Uint8Array(s.width * s.height * C);
    const d = src.data;
    for (let y = 0, o = 0; y < s.height; y++) {
      const row = ys[y]! * src.width;
      for (let x = 0; x < s.width; x++, o += C) {
        const p = (row + xs[x]!) * C;
        for (let c = 0; c < C; c++) out[o + c] = d[p + c]!;
      }
    }
    return { data: out, width: s.width, height: s.height, channels: C };
  },
};
