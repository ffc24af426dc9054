/**
 * Pillow's compositing as AugLy's evasion perturbations use it, on u8 images:
 *
 * - `pasteBlend(dst, src, m)` = Pillow's `paste(..., mask)` per byte: DIV255(dst·(255 − m) + src·m)
 *   with DIV255(a) = ((a + 128) >> 8 + a + 128) >> 8. Pillow blends every band of the destination,
 *   alpha included; a grey destination is handled as AugLy does (converted to RGBA, composited, converted
 *   back with Pillow's luma L = (19595·r + 38470·g + 7471·b + 2^15) >> 16).
 * - Stage kinds here: `overlayImage` (AugLy overlay_image: resize the overlay with Pillow's bicubic,
 *   mask = ⌊alpha·opacity⌋, paste at (x, y)), `stripes` (AugLy overlay_stripes: a colour pasted through
 *   the stripe mask), `opacity` (AugLy opacity: composite over transparent white), `tileShuffle` (AugLy
 *   split_and_shuffle: a grid of tiles reordered).
 *
 * Integer arithmetic, IEEE float64 +,−,×,÷ and a cosine of our own (`cosDet`: Cody–Waite reduction and
 * a fixed polynomial) — no engine `Math` transcendental — so bytes are the same in every JS engine.
 */
import { EdgeAugmentError } from '../../errors.js';
import type { ImageInfo, Img, Stage, StageKernel } from '../core/types.js';
import { pilResize } from './pil-resize.js';
import { pixelOnly } from './util.js';

/** Pillow's DIV255-rounded blend of one byte: dst·(255 − m) + src·m. */
export function blend255(dst: number, src: number, m: number): number {
  const t = dst * (255 - m) + src * m + 128;
  return ((t >> 8) + t) >> 8;
}

/** Pillow's RGB → L luma. */
export function pilLuma(r: number, g: number, b: number): number {
  return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
}

/**
 * Composites `colour(x, y)` (RGBA) into `dst` through `mask(x, y)` over a box, Pillow's way for the
 * destination's channels (see the module doc). `dst` is modified in place.
 */
export function pasteInto(dst: Img, x0: number, y0: number, w: number, h: number, src: Uint8Array, srcC: 1 | 3 | 4, mask: Uint8Array): void {
  const { data: d, width: W, height: H, channels: C } = dst;
  const xa = Math.max(0, x0), ya = Math.max(0, y0);
  const xb = Math.min(W, x0 + w), yb = Math.min(H, y0 + h);
  for (let y = ya; y < yb; y++) {
    for (let x = xa; x < xb; x++) {
      const si = (y - y0) * w + (x - x0);
      const m = mask[si]!;
      if (m === 0) continue;
      const sp = si * srcC;
      const r = src[sp]!, g = srcC >= 3 ? src[sp + 1]! : r, b = srcC >= 3 ? src[sp + 2]! : r;
      const di = (y * W + x) * C;
      if (C === 1) {
        const v = d[di]!;
        d[di] = pilLuma(blend255(v, r, m), blend255(v, g, m), blend255(v, b, m));
      } else {
        d[di] = blend255(d[di]!, r, m);
        d[di + 1] = blend255(d[di + 1]!, g, m);
        d[di + 2] = blend255(d[di + 2]!, b, m);
        if (C === 4) d[di + 3] = blend255(d[di + 3]!, srcC === 4 ? src[sp + 3]! : 255, m);
      }
    }
  }
}

/** An image given as an attribute: channels and bytes checked. */
function checkedImg(v: unknown, what: string): Img {
  const o = v as Img;
  if (!o || !(o.data instanceof Uint8Array) || !(o.channels === 1 || o.channels === 3 || o.channels === 4) || o.data.length !== o.width * o.height * o.channels || o.width < 1 || o.height < 1) {
    throw new EdgeAugmentError('INVALID_PARAMS', `${what}: expected an image { data: Uint8Array, width, height, channels: 1 | 3 | 4 }.`);
  }
  return o;
}

/** Attributes of an `overlayImage` stage. */
export interface OverlayImageStage extends Stage {
  kind: 'overlayImage';
  overlay: Img;
  /** Size the overlay is resized to (Pillow bicubic, premultiplied for RGBA). */
  overlayWidth: number;
  overlayHeight: number;
  /** Top-left corner in the image (may lie partly outside: clipped). */
  x: number;
  y: number;
  /** 0..1: mask = ⌊alpha·opacity⌋ (alpha 255 for overlays without one). */
  opacity: number;
}

export const overlayImageKernel: StageKernel = {
  kind: 'overlayImage',
  maskStage: pixelOnly,
  run(src: Img, stage: Stage): Img {
    const s = stage as OverlayImageStage;
    const ov0 = checkedImg(s.overlay, 'overlayImage stage');
    const ov = pilResize(ov0, s.overlayWidth, s.overlayHeight, 'bicubic');
    const n = ov.width * ov.height;
    const mask = new Uint8Array(n);
    for (let i = 0; i < n; i++) mask[i] = Math.trunc((ov.channels === 4 ? ov.data[i * 4 + 3]! : 255) * s.opacity);
    const out = { ...src, data: src.data.slice() };
    pasteInto(out, s.x, s.y, ov.width, ov.height, ov.data, ov.channels, mask);
    return out;
  },
};

// ---- a cosine made of IEEE basic operations only (the same bits in every engine) ----
const PIO2_1 = 1.57079632673412561417e+0; // first 33 bits of π/2
const PIO2_1T = 6.07710050650619224932e-11; // π/2 − PIO2_1
const INV_PIO2 = 6.36619772367581382433e-1;

/** cos(x) (or sin(x) with `sine`) for |x| < 2^20·π/2, within ~1 ulp; only +, −, ×, ÷ and rounding. */
export function cosDet(x: number, sine = false): number {
  const k = Math.round(x * INV_PIO2);
  const r = x - k * PIO2_1 - k * PIO2_1T;
  const z = r * r;
  const q = (((k % 4) + 4) % 4 + (sine ? 3 : 0)) % 4;
  // Taylor polynomials on |r| ≤ π/4 (+ a little): terms to r^18 / r^17 (error < 1e-17).
  const c = 1 + z * (-1 / 2 + z * (1 / 24 + z * (-1 / 720 + z * (1 / 40320 + z * (-1 / 3628800 + z * (1 / 479001600 + z * (-1 / 87178291200 + z * (1 / 20922789888000 + z * (-1 / 6402373705728000)))))))));
  const s = r * (1 + z * (-1 / 6 + z * (1 / 120 + z * (-1 / 5040 + z * (1 / 362880 + z * (-1 / 39916800 + z * (1 / 6227020800 + z * (-1 / 1307674368000 + z * (1 / 355687428096000)))))))));
  return q === 0 ? c : q === 1 ? -s : q === 2 ? -c : s;
}

/** AugLy's compute_stripe_mask (utils.py) as 0/1 bytes, with `cosDet`. */
export function stripeMask(W: number, H: number, lineWidth: number, lineAngleDeg: number, lineDensity: number): Uint8Array {
  const angle = lineAngleDeg * (Math.PI / 180);
  const distance = (1 - lineDensity) * Math.min(W, H);
  const yPeriod = cosDet(angle) / distance;
  const xPeriod = cosDet(angle, true) / distance;
  const thr = (cosDet(Math.PI * lineWidth) + 1) / 2;
  const out = new Uint8Array(W * H);
  const a = Math.abs(angle);
  const vertical = a === Math.PI / 2 || a === (3 * Math.PI) / 2;
  const horizontal = angle === 0 || a === Math.PI;
  const tau = 2 * Math.PI;
  if (vertical || horizontal) {
    // The mask depends on one coordinate only: one cosine per column (or row), the same arguments.
    const n = vertical ? W : H;
    const line = new Uint8Array(n);
    for (let i = 0; i < n; i++) line[i] = (cosDet(vertical ? tau * xPeriod * (i - W / 2) : tau * yPeriod * (i - H / 2)) + 1) / 2 > thr ? 1 : 0;
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) out[y * W + x] = line[vertical ? x : y]!;
    return out;
  }
  for (let y = 0; y < H; y++) {
    const yc = y - H / 2;
    for (let x = 0; x < W; x++) {
      const xc = x - W / 2;
      out[y * W + x] = (cosDet(tau * (xPeriod * xc + yPeriod * yc)) + 1) / 2 > thr ? 1 : 0;
    }
  }
  return out;
}

/** Attributes of a `stripes` stage (AugLy overlay_stripes). */
export interface StripesStage extends Stage {
  kind: 'stripes';
  lineWidth: number;
  /** RGB 0..255. */
  lineColor: readonly number[];
  lineAngle: number;
  lineDensity: number;
  lineType: 'solid' | 'dotted' | 'dashed';
  lineOpacity: number;
}

export const stripesKernel: StageKernel = {
  kind: 'stripes',
  maskStage: pixelOnly,
  run(src: Img, stage: Stage): Img {
    const s = stage as StripesStage;
    const { width: W, height: H } = src;
    const m = stripeMask(W, H, s.lineWidth, s.lineAngle, s.lineDensity);
    if (s.lineType !== 'solid') {
      const p = stripeMask(W, H, s.lineType === 'dashed' ? 0.7 : s.lineWidth, s.lineAngle + 90, s.lineDensity);
      for (let i = 0; i < m.length; i++) m[i] = m[i]! & p[i]!;
    }
    const level = Math.trunc(s.lineOpacity * 255);
    for (let i = 0; i < m.length; i++) m[i] = m[i] ? level : 0;
    // Pillow converts the RGB foreground to the image's mode before pasting (grey: its luma).
    const [r, g, b] = s.lineColor as [number, number, number];
    const fgC = src.channels === 1 ? 1 : 3;
    const fg = new Uint8Array(W * H * fgC);
    if (fgC === 1) fg.fill(pilLuma(r, g, b));
    else for (let i = 0; i < W * H; i++) { fg[i * 3] = r; fg[i * 3 + 1] = g; fg[i * 3 + 2] = b; }
    const out = { ...src, data: src.data.slice() };
    pasteInto(out, 0, 0, W, H, fg, fgC, m);
    return out;
  },
};

/** Attributes of an `opacity` stage (AugLy opacity). */
export interface OpacityStage extends Stage {
  kind: 'opacity';
  /** 0..1. */
  level: number;
}

export const opacityKernel: StageKernel = {
  kind: 'opacity',
  maskStage: pixelOnly,
  run(src: Img, stage: Stage): Img {
    const level = (stage as OpacityStage).level;
    const { data: d, channels: C } = src;
    const out = new Uint8Array(d.length);
    const n = src.width * src.height;
    for (let i = 0; i < n; i++) {
      const a = C === 4 ? d[i * 4 + 3]! : 255;
      const m = Math.trunc(a * level);
      if (C === 1) {
        out[i] = blend255(255, d[i]!, m);
      } else {
        const o = i * C;
        out[o] = blend255(255, d[o]!, m);
        out[o + 1] = blend255(255, d[o + 1]!, m);
        out[o + 2] = blend255(255, d[o + 2]!, m);
        if (C === 4) out[o + 3] = blend255(0, a, m);
      }
    }
    return { ...src, data: out };
  },
};

/** Attributes of a `tileShuffle` stage (AugLy split_and_shuffle). */
export interface TileShuffleStage extends Stage {
  kind: 'tileShuffle';
  nColumns: number;
  nRows: number;
  /**
   * For each output slot i (row-major, `nColumns` per row; only the first nColumns·nRows are drawn),
   * the source tile (row-major over the grid of ⌊W / tileW⌋ × ⌊H / tileH⌋ tiles). A permutation of
   * all grid tiles.
   */
  order: readonly number[];
}

function tileGeometry(s: TileShuffleStage, info: ImageInfo) {
  const tw = Math.floor(info.width / s.nColumns), th = Math.floor(info.height / s.nRows);
  if (!(tw >= 1 && th >= 1)) throw new EdgeAugmentError('INVALID_PARAMS', `tileShuffle: ${s.nColumns}×${s.nRows} tiles do not fit a ${info.width}×${info.height} image.`);
  return { tw, th, gridCols: Math.floor(info.width / tw), gridRows: Math.floor(info.height / th) };
}

/** Grid tiles of a `tileShuffle` stage on an image of `info` (what `order` permutes). */
export function tileCount(nColumns: number, nRows: number, info: ImageInfo): number {
  const g = tileGeometry({ kind: 'tileShuffle', nColumns, nRows, order: [] }, info);
  return g.gridCols * g.gridRows;
}

export const tileShuffleKernel: StageKernel = {
  kind: 'tileShuffle',
  // Masks: the same permutation of tiles (exact, any channels). Points: moved with their tile; a point in
  // no kept tile (the grid's remainder, or tiles beyond nColumns·nRows) leaves the image (NaN).
  maskStage: (stage: Stage) => stage,
  mapPoints: tileMapPoints,
  outInfo(stage: Stage, info: ImageInfo): ImageInfo {
    const s = stage as TileShuffleStage;
    const g = tileGeometry(s, info);
    return { width: g.tw * s.nColumns, height: g.th * s.nRows, channels: info.channels };
  },
  run(src: Img, stage: Stage): Img {
    const s = stage as TileShuffleStage;
    const { tw, th, gridCols, gridRows } = tileGeometry(s, src);
    const n = gridCols * gridRows;
    const order = s.order;
    const seen = new Uint8Array(n);
    if (order.length !== n || order.some((v) => !(Number.isInteger(v) && v >= 0 && v < n) || seen[v]++)) {
      throw new EdgeAugmentError('INVALID_PARAMS', `tileShuffle: order must be a permutation of the ${n} grid tiles.`);
    }
    const C = src.channels;
    const OW = tw * s.nColumns, OH = th * s.nRows;
    const out = new Uint8Array(OW * OH * C);
    const rowBytes = tw * C;
    for (let i = 0; i < s.nColumns * s.nRows; i++) {
      const t = order[i]!;
      const sx = (t % gridCols) * tw, sy = Math.floor(t / gridCols) * th;
      const dx = (i % s.nColumns) * tw, dy = Math.floor(i / s.nColumns) * th;
      for (let y = 0; y < th; y++) {
        const so = ((sy + y) * src.width + sx) * C;
        out.set(src.data.subarray(so, so + rowBytes), ((dy + y) * OW + dx) * C);
      }
    }
    return { data: out, width: OW, height: OH, channels: C };
  },
};

/** Points forward through a `tileShuffle` stage: each moves with its tile (NaN when its tile is not kept). */
function tileMapPoints(stage: Stage, xy: Float64Array, info: ImageInfo): void {
  const s = stage as TileShuffleStage;
  const { tw, th, gridCols, gridRows } = tileGeometry(s, info);
  const slotOf = new Int32Array(gridCols * gridRows).fill(-1);
  for (let i = 0; i < s.nColumns * s.nRows; i++) slotOf[s.order[i]!] = i;
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i]!, y = xy[i + 1]!;
    const gx = Math.floor(x / tw), gy = Math.floor(y / th);
    const slot = gx >= 0 && gy >= 0 && gx < gridCols && gy < gridRows ? slotOf[gy * gridCols + gx]! : -1;
    if (slot < 0) { xy[i] = NaN; xy[i + 1] = NaN; continue; }
    xy[i] = (slot % s.nColumns) * tw + (x - gx * tw);
    xy[i + 1] = Math.floor(slot / s.nColumns) * th + (y - gy * th);
  }
}
