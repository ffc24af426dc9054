/**
 * `fixedColor`: a 3×3 colour matrix in OpenCV's 10-bit fixed point (cv2.transform on uint8 with small
 * coefficients): out = clamp((Σ round(m·1024)·v + 512) >> 10, 0, 255). Integer arithmetic, so exactly
 * OpenCV's bytes (albumentations ToSepia). Alpha copied; grey input uses row 0 on v = r = g = b.
 */
import type { Img, Stage, StageKernel } from '../core/types.js';
import { pixelOnly } from './util.js';

/** Attributes of a `fixedColor` stage. */
export interface FixedColorStage extends Stage {
  kind: 'fixedColor';
  /** 3×3 row-major real coefficients (rounded to 10-bit fixed point as OpenCV does, half to even). */
  m: readonly number[];
}

/** cvRound of a float32 (half to even). */
function cvRound(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const clampU8 = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);

export const fixedColorKernel: StageKernel = {
  kind: 'fixedColor',
  maskStage: pixelOnly,
  run(src: Img, stage: Stage): Img {
    const k = (stage as FixedColorStage).m.map((x) => cvRound(Math.fround(Math.fround(x) * 1024)));
    const d = src.data;
    const C = src.channels;
    const out = new Uint8Array(d.length);
    if (C === 1) {
      const g = k[0]! + k[1]! + k[2]!;
      for (let i = 0; i < d.length; i++) out[i] = clampU8((g * d[i]! + 512) >> 10);
      return { ...src, data: out };
    }
    for (let i = 0; i < d.length; i += C) {
      const r = d[i]!, g = d[i + 1]!, b = d[i + 2]!;
      out[i] = clampU8((k[0]! * r + k[1]! * g + k[2]! * b + 512) >> 10);
      out[i + 1] = clampU8((k[3]! * r + k[4]! * g + k[5]! * b + 512) >> 10);
      out[i + 2] = clampU8((k[6]! * r + k[7]! * g + k[8]! * b + 512) >> 10);
      if (C === 4) out[i + 3] = d[i + 3]!;
    }
    return { ...src, data: out };
  },
};
