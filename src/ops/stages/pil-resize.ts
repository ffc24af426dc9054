/**
 * `pilResize`: Pillow 9's `Image.resize(size, resample)` on 8-bit images (what AugLy's scale,
 * pixelization, overlay_image and meme_format call): separable convolution with the filter's taps
 * computed in float64 — box, bilinear (triangle), hamming, bicubic (a = −0.5), lanczos (a = 3), support
 * scaled by the reduction factor — normalised, then converted to 22-bit fixed point (round half away
 * from zero); each pass accumulates integers from 2^21 and clips `sum >> 22` to [0, 255]. Horizontal pass
 * first over the rows the vertical pass reads, then vertical, each skipped when its size is unchanged.
 * `nearest` is Pillow's affine scale (accumulated source coordinate, truncated). RGBA is resized premultiplied (Pillow's RGBa round trip:
 * c·a/255 rounded, back with ⌊255·c/a⌋ clipped) unless `premultiply: false`.
 *
 * Integer arithmetic and IEEE float64 +,−,×,÷ only — except `hamming`/`lanczos`, whose taps use
 * `Math.sin`/`Math.cos`: engines may differ in the last bit there (a tap rounds to the same fixed-point
 * value unless it lands within 2^-52 of a rounding boundary), so those two are documented as not
 * guaranteed byte-identical across JS engines.
 */
import { EdgeAugmentError } from '../../errors.js';
import type { ImageInfo, Img, Stage, StageKernel } from '../core/types.js';
import { sizedOutInfo } from './util.js';

export type PilFilter = 'nearest' | 'box' | 'bilinear' | 'hamming' | 'bicubic' | 'lanczos';

/** Attributes of a `pilResize` stage. */
export interface PilResizeStage extends Stage {
  kind: 'pilResize';
  width: number;
  height: number;
  filter: PilFilter;
  /** RGBA only: resize premultiplied as Pillow does (default true). */
  premultiply?: boolean;
  /**
   * Part of a down-and-back-up pair that restores the size (pixelization): a quality change, not
   * geometry — masks, boxes and keypoints stay as they are (as albumentations' Downscale).
   */
  roundTrip?: boolean;
}

const PRECISION_BITS = 22;
const ONE = 1 << PRECISION_BITS;
const HALF = 1 << (PRECISION_BITS - 1);

function sinc(x: number): number {
  if (x === 0) return 1;
  x *= Math.PI;
  return Math.sin(x) / x;
}

const FILTERS: Record<Exclude<PilFilter, 'nearest'>, { support: number; f: (x: number) => number }> = {
  box: { support: 0.5, f: (x) => (x > -0.5 && x <= 0.5 ? 1 : 0) },
  bilinear: { support: 1, f: (x) => { if (x < 0) x = -x; return x < 1 ? 1 - x : 0; } },
  hamming: {
    support: 1,
    f: (x) => {
      if (x < 0) x = -x;
      if (x === 0) return 1;
      if (x >= 1) return 0;
      x *= Math.PI;
      return (Math.sin(x) / x) * (0.54 + 0.46 * Math.cos(x));
    },
  },
  bicubic: {
    support: 2,
    f: (x) => {
      const a = -0.5;
      if (x < 0) x = -x;
      if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
      if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
      return 0;
    },
  },
  lanczos: { support: 3, f: (x) => (x >= -3 && x < 3 ? sinc(x) * sinc(x / 3) : 0) },
};

interface Coeffs { ksize: number; bounds: Int32Array; kk: Int32Array }

/** Pillow's precompute_coeffs + normalize_coeffs_8bpc for one axis (box = whole input). */
function coeffs(inSize: number, outSize: number, filter: Exclude<PilFilter, 'nearest'>): Coeffs {
  const { support: base, f } = FILTERS[filter];
  const scale = inSize / outSize;
  const filterscale = scale < 1 ? 1 : scale;
  const support = base * filterscale;
  const ksize = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const kk = new Int32Array(outSize * ksize);
  const w = new Float64Array(ksize);
  const ss = 1 / filterscale;
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    let ww = 0;
    let xmin = Math.trunc(center - support + 0.5);
    if (xmin < 0) xmin = 0;
    let xmax = Math.trunc(center + support + 0.5);
    if (xmax > inSize) xmax = inSize;
    xmax -= xmin;
    for (let x = 0; x < xmax; x++) {
      const v = f((x + xmin - center + 0.5) * ss);
      w[x] = v;
      ww += v;
    }
    for (let x = 0; x < ksize; x++) {
      const k = x < xmax ? (ww !== 0 ? w[x]! / ww : w[x]!) : 0;
      kk[xx * ksize + x] = k < 0 ? Math.trunc(-0.5 + k * ONE) : Math.trunc(0.5 + k * ONE);
    }
    bounds[xx * 2] = xmin;
    bounds[xx * 2 + 1] = xmax;
  }
  return { ksize, bounds, kk };
}

function clip8(ss: number): number {
  const v = ss >> PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

function horizontal(src: Img, outW: number, y0: number, rows: number, c: Coeffs): Img {
  const { data: d, width: W, channels: C } = src;
  const out = new Uint8Array(outW * rows * C);
  const { ksize, bounds, kk } = c;
  for (let y = 0; y < rows; y++) {
    const row = (y + y0) * W * C;
    for (let xx = 0; xx < outW; xx++) {
      const xmin = bounds[xx * 2]!, xmax = bounds[xx * 2 + 1]!;
      const kb = xx * ksize;
      for (let ch = 0; ch < C; ch++) {
        let ss = HALF;
        let p = row + xmin * C + ch;
        for (let x = 0; x < xmax; x++, p += C) ss += d[p]! * kk[kb + x]!;
        out[(y * outW + xx) * C + ch] = clip8(ss);
      }
    }
  }
  return { data: out, width: outW, height: rows, channels: C };
}

function vertical(src: Img, outH: number, c: Coeffs): Img {
  const { data: d, width: W, channels: C } = src;
  const RC = W * C;
  const out = new Uint8Array(outH * RC);
  const { ksize, bounds, kk } = c;
  for (let yy = 0; yy < outH; yy++) {
    const ymin = bounds[yy * 2]!, ymax = bounds[yy * 2 + 1]!;
    const kb = yy * ksize;
    const o = yy * RC;
    for (let i = 0; i < RC; i++) {
      let ss = HALF;
      let p = ymin * RC + i;
      for (let y = 0; y < ymax; y++, p += RC) ss += d[p]! * kk[kb + y]!;
      out[o + i] = clip8(ss);
    }
  }
  return { data: out, width: W, height: outH, channels: C };
}

/** Pillow's RGBA → RGBa (premultiply: MULDIV255). */
function premultiply(src: Img): Img {
  const d = src.data;
  const out = new Uint8Array(d.length);
  for (let i = 0; i < d.length; i += 4) {
    const a = d[i + 3]!;
    for (let c = 0; c < 3; c++) {
      const t = d[i + c]! * a + 128;
      out[i + c] = ((t >> 8) + t) >> 8;
    }
    out[i + 3] = a;
  }
  return { ...src, data: out };
}

/** Pillow's RGBa → RGBA: ⌊255·c/a⌋ clipped, alpha 0 and 255 copied. */
function unpremultiply(img: Img): Img {
  const d = img.data;
  for (let i = 0; i < d.length; i += 4) {
    const a = d[i + 3]!;
    if (a === 0 || a === 255) continue;
    for (let c = 0; c < 3; c++) {
      const v = Math.trunc((255 * d[i + c]!) / a);
      d[i + c] = v > 255 ? 255 : v;
    }
  }
  return img;
}

/**
 * Pillow's NEAREST resize (ImagingScaleAffine): source coordinate accumulated as xo = s/2, xo += s per
 * output pixel (float64, so exact-integer positions may land just below), truncated.
 */
function nearestIndex(inSize: number, outSize: number): Int32Array {
  const s = inSize / outSize;
  const idx = new Int32Array(outSize);
  let xo = s * 0.5;
  for (let x = 0; x < outSize; x++, xo += s) idx[x] = Math.min(Math.trunc(xo), inSize - 1);
  return idx;
}

function nearest(src: Img, outW: number, outH: number): Img {
  const { data: d, width: W, height: H, channels: C } = src;
  const xi = nearestIndex(W, outW);
  for (let x = 0; x < outW; x++) xi[x] = xi[x]! * C;
  const yi = nearestIndex(H, outH);
  const out = new Uint8Array(outW * outH * C);
  for (let y = 0, o = 0; y < outH; y++) {
    const row = yi[y]! * W * C;
    for (let x = 0; x < outW; x++, o += C) for (let c = 0; c < C; c++) out[o + c] = d[row + xi[x]! + c]!;
  }
  return { data: out, width: outW, height: outH, channels: C };
}

/** Pillow `Image.resize((width, height), filter)` of a u8 image (see the module doc). */
export function pilResize(src: Img, width: number, height: number, filter: PilFilter, premult = true): Img {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width >= 1 && height >= 1)) {
    throw new EdgeAugmentError('INVALID_PARAMS', `pilResize: output size must be integers ≥ 1, got ${width}×${height}.`);
  }
  if (width === src.width && height === src.height) return { ...src, data: src.data.slice() };
  if (filter === 'nearest') return nearest(src, width, height);
  const pre = premult && src.channels === 4;
  let img = pre ? premultiply(src) : src;
  const cv = coeffs(src.height, height, filter);
  if (width !== src.width) {
    const first = cv.bounds[0]!;
    const last = cv.bounds[height * 2 - 2]! + cv.bounds[height * 2 - 1]!;
    img = horizontal(img, width, first, last - first, coeffs(src.width, width, filter));
    for (let i = 0; i < height; i++) cv.bounds[i * 2] -= first;
  }
  if (height !== src.height) img = vertical(img, height, cv);
  if (img === src) img = { ...src, data: src.data.slice() };
  return pre ? unpremultiply(img) : img;
}

export const pilResizeKernel: StageKernel = {
  kind: 'pilResize',
  // Masks: centre-aligned nearest (Pillow's own NEAREST), the same scale; points scale exactly.
  maskStage: (stage: Stage, info: ImageInfo) => {
    const s = stage as PilResizeStage;
    if (s.roundTrip) return null;
    return { kind: 'maskResize', left: 0, top: 0, boxWidth: info.width, boxHeight: info.height, width: s.width, height: s.height };
  },
  mapPoints(stage: Stage, xy: Float64Array, info: ImageInfo): void {
    const s = stage as PilResizeStage;
    if (s.roundTrip) return;
    const sx = s.width / info.width, sy = s.height / info.height;
    for (let i = 0; i < xy.length; i += 2) { xy[i] = xy[i]! * sx; xy[i + 1] = xy[i + 1]! * sy; }
  },
  projective: true,
  outInfo: sizedOutInfo,
  run(src: Img, stage: Stage): Img {
    const s = stage as PilResizeStage;
    return pilResize(src, s.width, s.height, s.filter, s.premultiply ?? true);
  },
};
