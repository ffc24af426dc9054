/**
 * `color`: out = M·[r, g, b, 1] per pixel (3×4 matrix, row-major), alpha untouched, then clamped to
 * [0, 255] and rounded (`round`: half to even, as torch.round) or truncated (`trunc`: torch's uint8 cast
 * after `_blend`). On 1-channel images the grey value stands for r = g = b and row 0 is used.
 * Adjacent `color` stages with the same rounding are multiplied into one by the fuser.
 */
import type { Img, Stage, StageKernel } from '../core/types.js';
import { f32, roundEvenU8, truncU8 } from './util.js';
import { pixelOnly } from './util.js';

/** Attributes of a `color` stage. */
export interface ColorStage extends Stage {
  kind: 'color';
  /** 3×4 row-major: [r←(r, g, b, 1), g←…, b←…]. */
  m: readonly number[];
  rounding: 'round' | 'trunc';
}

/** The identity 3×4 matrix. */
export const IDENTITY_COLOR: readonly number[] = /* #__PURE__ */ Object.freeze([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);

/** a·b for 3×4 colour matrices (as 4×4 with an implied last row 0 0 0 1): apply b first, then a. */
export function mulColor(a: readonly number[], b: readonly number[]): number[] {
  const o: number[] = [];
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 4; c++) {
      let v = a[r * 4]! * b[c]! + a[r * 4 + 1]! * b[4 + c]! + a[r * 4 + 2]! * b[8 + c]!;
      if (c === 3) v += a[r * 4 + 3]!;
      o.push(v);
    }
  }
  return o;
}

export const colorKernel: StageKernel = {
  kind: 'color',
  maskStage: pixelOnly,
  run(src: Img, stage: Stage): Img {
    const { m, rounding } = stage as ColorStage;
    const q = rounding === 'trunc' ? truncU8 : roundEvenU8;
    const d = src.data;
    const out = new Uint8Array(d.length);
    const C = src.channels;
    const k = m.map(f32);
    if (C === 1) {
      const g = f32(k[0]! + k[1]! + k[2]!);
      for (let i = 0; i < d.length; i++) out[i] = q(f32(f32(g * d[i]!) + k[3]!));
      return { ...src, data: out };
    }
    for (let i = 0; i < d.length; i += C) {
      const r = d[i]!, g = d[i + 1]!, b = d[i + 2]!;
      out[i] = q(f32(f32(f32(f32(k[0]! * r) + f32(k[1]! * g)) + f32(k[2]! * b)) + k[3]!));
      out[i + 1] = q(f32(f32(f32(f32(k[4]! * r) + f32(k[5]! * g)) + f32(k[6]! * b)) + k[7]!));
      out[i + 2] = q(f32(f32(f32(f32(k[8]! * r) + f32(k[9]! * g)) + f32(k[10]! * b)) + k[11]!));
      if (C === 4) out[i + 3] = d[i + 3]!;
    }
    return { ...src, data: out };
  },
};
