/**
 * `hue`: torchvision 0.14 `adjust_hue` on uint8, step by step in float32: v/255 → `_rgb2hsv` →
 * h = (h + factor) mod 1 → `_hsv2rgb` → (x·255) truncated to uint8. Every float32 operation of torch is
 * reproduced with `Math.fround` (byte-identical to torchvision). Grey (1-channel) images are returned
 * unchanged (as torchvision, matching PIL); alpha is copied.
 */
import type { Img, Stage, StageKernel } from '../core/types.js';
import { f32 } from './util.js';
import { pixelOnly } from './util.js';

/** Attributes of a `hue` stage. */
export interface HueStage extends Stage {
  kind: 'hue';
  /** Hue shift in turns, in [−0.5, 0.5]. */
  factor: number;
  /** Optional 256-entry table applied to every colour level first (a preceding `lut` stage folded in). */
  pre?: ArrayLike<number>;
}

/** float32 v/255 for v = 0..255 (torch: uint8 → float32, then a correctly rounded division). */
const UNIT = /* #__PURE__ */ (() => {
  const t = new Float32Array(256);
  for (let v = 0; v < 256; v++) t[v] = f32(v / 255);
  return t;
})();

export const hueKernel: StageKernel = {
  kind: 'hue',
  maskStage: pixelOnly,
  run(src: Img, stage: Stage): Img {
    const d = src.data;
    const C = src.channels;
    const pre = (stage as HueStage).pre;
    if (C === 1) return { ...src, data: pre ? d.map((v) => pre[v]!) : d.slice() };
    let unit = UNIT;
    if (pre) {
      unit = new Float32Array(256);
      for (let v = 0; v < 256; v++) unit[v] = UNIT[pre[v]!]!;
    }
    const hf = f32((stage as HueStage).factor);
    const out = new Uint8Array(d.length);
    for (let i = 0; i < d.length; i += C) {
      const r = unit[d[i]!]!, g = unit[d[i + 1]!]!, b = unit[d[i + 2]!]!;
      // _rgb2hsv
      const maxc = Math.max(r, g, b);
      const minc = Math.min(r, g, b);
      const eqc = maxc === minc;
      const cr = f32(maxc - minc);
      const s = f32(cr / (eqc ? 1 : maxc));
      const crd = eqc ? 1 : cr;
      const rc = f32(f32(maxc - r) / crd);
      const gc = f32(f32(maxc - g) / crd);
      const bc = f32(f32(maxc - b) / crd);
      let h: number;
      if (maxc === r) h = f32(bc - gc);
      else if (maxc === g) h = f32(f32(2 + rc) - bc);
      else h = f32(f32(4 + gc) - rc);
      // torch.fmod(h/6 + 1, 1): the sum is in [5/6, 2), so fmod is one exact subtraction.
      h = f32(f32(h / 6) + 1);
      if (h >= 1) h -= 1;
      // (h + factor) % 1.0 (torch.remainder): h + factor is in [−0.5, 1.5]; ≥ 1 loses 1 exactly,
      // a negative remainder gets 1 added (rounded to float32, so −tiny becomes 1.0 as in torch).
      h = f32(h + hf);
      if (h >= 1) h -= 1;
      else if (h < 0) h = f32(h + 1);
      // _hsv2rgb
      const h6 = f32(h * 6);
      const fi = Math.floor(h6);
      const f = f32(h6 - fi);
      const sector = fi % 6;
      const v = maxc;
      const p = Math.min(1, Math.max(0, f32(v * f32(1 - s))));
      const q = Math.min(1, Math.max(0, f32(v * f32(1 - f32(s * f)))));
      const t = Math.min(1, Math.max(0, f32(v * f32(1 - f32(s * f32(1 - f))))));
      let R: number, G: number, B: number;
      switch (sector) {
        case 0: R = v; G = t; B = p; break;
        case 1: R = q; G = v; B = p; break;
        case 2: R = p; G = v; B = t; break;
        case 3: R = p; G = q; B = v; break;
        case 4: R = t; G = p; B = v; break;
        default: R = v; G = p; B = q; break;
      }
      out[i] = Math.trunc(f32(R * 255));
      out[i + 1] = Math.trunc(f32(G * 255));
      out[i + 2] = Math.trunc(f32(B * 255));
      if (C === 4) out[i + 3] = d[i + 3]!;
    }
    return { ...src, data: out };
  },
};
