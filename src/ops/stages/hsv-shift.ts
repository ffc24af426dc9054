/**
 * `hsvShift`: albumentations' HueSaturationValue on uint8 — OpenCV's 8-bit RGB→HSV (H in 0..179,
 * integer tables with 12-bit fixed point), shift tables (hue: (h + shift) mod 180, saturation and value:
 * clip(x + shift, 0, 255), each truncated to uint8 as numpy's astype does), then OpenCV's 8-bit HSV→RGB
 * (float32, truncated as its SIMD path does). Grey images: only the value shift applies (as
 * albumentations: grey → RGB → shift → RGB2GRAY); alpha is copied.
 *
 * Differences: OpenCV rounds instead of truncating for the few pixels its SIMD loop leaves to the scalar
 * tail (at most one level on those pixels).
 */
import type { Img, Stage, StageKernel } from '../core/types.js';
import { f32 } from './util.js';
import { pixelOnly } from './util.js';

/** Attributes of an `hsvShift` stage. */
export interface HsvShiftStage extends Stage {
  kind: 'hsvShift';
  /** Hue shift in OpenCV 8-bit hue units (180 = a full turn). */
  hueShift: number;
  /** Saturation shift in levels (0..255 scale). */
  satShift: number;
  /** Value shift in levels. */
  valShift: number;
}

const SHIFT = 12;
const HALF = 1 << (SHIFT - 1);
/** OpenCV's sdiv_table / hdiv_table180: saturate_cast<int> rounds to nearest. */
const SDIV = /* #__PURE__ */ Int32Array.from({ length: 256 }, (_, i) => (i === 0 ? 0 : Math.round((255 << SHIFT) / i)));
const HDIV = /* #__PURE__ */ Int32Array.from({ length: 256 }, (_, i) => (i === 0 ? 0 : Math.round((180 << SHIFT) / (6 * i))));

const HSCALE = f32(6 / 180);
const INV255 = f32(1 / 255);
const SIXTH = f32(1 / 6);

function tables(s: HsvShiftStage): { hue: Uint8Array; sat: Uint8Array; val: Uint8Array } {
  const hue = new Uint8Array(256);
  const sat = new Uint8Array(256);
  const val = new Uint8Array(256);
  for (let x = 0; x < 256; x++) {
    let m = (x + s.hueShift) % 180;
    if (m < 0) m += 180;
    hue[x] = Math.trunc(m);
    sat[x] = Math.trunc(Math.min(255, Math.max(0, x + s.satShift)));
    val[x] = Math.trunc(Math.min(255, Math.max(0, x + s.valShift)));
  }
  return { hue, sat, val };
}

/** One pixel through the shift; writes r, g, b into `o`. */
function shiftPixel(r: number, g: number, b: number, t: { hue: Uint8Array; sat: Uint8Array; val: Uint8Array }, o: Uint8Array | number[]): void {
  // OpenCV RGB2HSV_b
  const v = Math.max(r, g, b);
  const diff = v - Math.min(r, g, b);
  const s = (diff * SDIV[v]! + HALF) >> SHIFT;
  let h = v === r ? g - b : v === g ? b - r + 2 * diff : r - g + 4 * diff;
  h = (h * HDIV[diff]! + HALF) >> SHIFT;
  if (h < 0) h += 180;
  // shift tables, then OpenCV HSV2RGB_b (SIMD path)
  const hh = f32(t.hue[h]! * HSCALE);
  const ss = f32(t.sat[s]! * INV255);
  const vv = f32(t.val[v]! * INV255);
  const pre = Math.trunc(hh);
  const f = f32(hh - pre);
  const tab0 = vv;
  const tab1 = f32(vv * f32(1 - ss));
  const tab2 = f32(vv * f32(1 - f32(ss * f)));
  const tab3 = f32(vv * f32(1 - f32(ss * f32(1 - f))));
  const sector = pre - Math.trunc(f32(pre * SIXTH)) * 6;
  let B: number, G: number, R: number;
  switch (sector) {
    case 0: B = tab1; G = tab3; R = tab0; break;
    case 1: B = tab1; G = tab0; R = tab2; break;
    case 2: B = tab3; G = tab0; R = tab1; break;
    case 3: B = tab0; G = tab2; R = tab1; break;
    case 4: B = tab0; G = tab1; R = tab3; break;
    default: B = tab2; G = tab1; R = tab0; break;
  }
  o[0] = Math.min(255, Math.trunc(f32(R * 255)));
  o[1] = Math.min(255, Math.trunc(f32(G * 255)));
  o[2] = Math.min(255, Math.trunc(f32(B * 255)));
}

export const hsvShiftKernel: StageKernel = {
  kind: 'hsvShift',
  maskStage: pixelOnly,
  run(src: Img, stage: Stage): Img {
    const st = stage as HsvShiftStage;
    const d = src.data;
    const C = src.channels;
    const out = new Uint8Array(d.length);
    const px = new Uint8Array(3);
    if (C === 1) {
      // albumentations: hue and saturation shifts do not apply to grey; RGB2GRAY of equal channels is the value.
      const t = tables({ ...st, hueShift: 0, satShift: 0 });
      const lut = new Uint8Array(256);
      for (let x = 0; x < 256; x++) {
        shiftPixel(x, x, x, t, px);
        lut[x] = (px[0]! * 4899 + px[1]! * 9617 + px[2]! * 1868 + 8192) >> 14;
      }
      for (let i = 0; i < d.length; i++) out[i] = lut[d[i]!]!;
      return { ...src, data: out };
    }
    const t = tables(st);
    for (let i = 0; i < d.length; i += C) {
      shiftPixel(d[i]!, d[i + 1]!, d[i + 2]!, t, px);
      out[i] = px[0]!;
      out[i + 1] = px[1]!;
      out[i + 2] = px[2]!;
      if (C === 4) out[i + 3] = d[i + 3]!;
    }
    return { ...src, data: out };
  },
};
