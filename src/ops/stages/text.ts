/**
 * `text`: draws lines of text (or emoji) with the bundled fonts, rasterised here so that the bytes are
 * the same in every runtime (no canvas, no system fonts). Glyph outlines are TrueType quadratic
 * contours in font units (src/ops/overlay-text/glyph-data.ts, built by fonts/build.py); each is scaled
 * to the pixel size, its quadratic pieces flattened into a number of line segments fixed by integer
 * arithmetic on the control polygon (flatness ≤ 0.05 px), and scan-converted with exact signed-area
 * coverage (accumulation buffer, non-zero winding clamped to full coverage) — IEEE float64 +,−,×,÷ in a
 * fixed order only, so every engine gives the same bits. No hinting and no kerning: pen advances are
 * the unhinted advance widths.
 *
 * Layout: Pillow's anchor 'la' — the first line's top at `y` is the font's ascender line (hhea ascender
 * rounded up to whole pixels, as FreeType reports it), lines `lineStep` px apart; `align: 'center'`
 * centres each line on the widest (Pillow multiline align). Compositing: mask ⌊coverage·opacity⌋ and
 * Pillow's paste arithmetic (see the paste stages): colour through the mask on every band, alpha
 * towards opaque, grey via luma.
 */
import { EdgeAugmentError } from '../../errors.js';
import type { Img, Stage, StageKernel } from '../core/types.js';
import { SANS, EMOJI, type GlyphFontData } from '../overlay-text/glyph-data.js';
import { pasteInto } from './paste.js';
import { pixelOnly } from './util.js';

/** A decoded glyph: advance and contours of [x, y, onCurve] triples (font units). */
export interface Glyph { advance: number; contours: Int32Array[] }

/** A decoded bundled font. */
export interface GlyphFont { unitsPerEm: number; ascender: number; descender: number; lineGap: number; glyphs: Map<number, Glyph> }

export type FontName = 'sans' | 'emoji';

function decodeFont(f: GlyphFontData): GlyphFont {
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const s = f.glyphs.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((s.length * 3) / 4));
  let acc = 0, bits = 0, o = 0;
  for (let i = 0; i < s.length; i++) {
    acc = ((acc << 6) | b64.indexOf(s[i]!)) & 0xffffff;
    bits += 6;
    if (bits >= 8) { bits -= 8; bytes[o++] = (acc >> bits) & 255; }
  }
  let p = 0;
  const varint = (): number => {
    let v = 0, mul = 1;
    for (;;) {
      const byte = bytes[p++]!;
      v += (byte & 127) * mul;
      if (byte < 128) return v;
      mul *= 128;
    }
  };
  const unzz = (v: number): number => (v % 2 === 0 ? v / 2 : -(v + 1) / 2);
  const glyphs = new Map<number, Glyph>();
  while (p < o) {
    const cp = varint();
    const advance = varint();
    const nc = varint();
    const contours: Int32Array[] = [];
    let x = 0, y = 0;
    for (let c = 0; c < nc; c++) {
      const n = varint();
      const pts = new Int32Array(n * 3);
      for (let k = 0; k < n; k++) {
        const vx = varint();
        x += unzz(Math.floor(vx / 2));
        y += unzz(varint());
        pts[k * 3] = x; pts[k * 3 + 1] = y; pts[k * 3 + 2] = vx & 1;
      }
      contours.push(pts);
    }
    glyphs.set(cp, { advance, contours });
  }
  return { unitsPerEm: f.unitsPerEm, ascender: f.ascender, descender: f.descender, lineGap: f.lineGap, glyphs };
}

const fonts = /* #__PURE__ */ new Map<FontName, GlyphFont>();

/** A bundled font, decoded on first use. */
export function glyphFont(name: FontName): GlyphFont {
  let f = fonts.get(name);
  if (!f) fonts.set(name, (f = decodeFont(name === 'emoji' ? EMOJI : SANS)));
  return f;
}

/** The characters a font can draw (code points). */
export function fontCharacters(name: FontName): number[] {
  return [...glyphFont(name).glyphs.keys()];
}

/** Code points of a string that the font lacks (for config checks). */
export function missingCharacters(name: FontName, text: string): string[] {
  const g = glyphFont(name).glyphs;
  const miss = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0xfe0f) continue; // emoji presentation selector: nothing to draw
    if (!g.has(cp)) miss.add(ch);
  }
  return [...miss];
}

/** Glyphs of a line (variation selectors dropped). */
function lineGlyphs(font: GlyphFont, line: string): Glyph[] {
  const out: Glyph[] = [];
  for (const ch of line) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0xfe0f) continue;
    const g = font.glyphs.get(cp);
    if (!g) throw new EdgeAugmentError('INVALID_PARAMS', `text: the bundled font has no glyph for ${JSON.stringify(ch)} (U+${cp.toString(16).toUpperCase()}).`);
    out.push(g);
  }
  return out;
}

/** Pixel advance width of a line at `size` px (unhinted). */
export function lineWidth(font: GlyphFont, line: string, size: number): number {
  const scale = size / font.unitsPerEm;
  let w = 0;
  for (const g of lineGlyphs(font, line)) w += g.advance * scale;
  return w;
}

/**
 * Ink extents of a line at `size` px, pen at 0 and baseline at 0 (y up), from the glyphs' control boxes
 * (what FreeType's FT_Outline_Get_CBox measures): { xMin, xMax, yMin, yMax } in px, or null if blank.
 */
export function lineInk(font: GlyphFont, line: string, size: number): { xMin: number; xMax: number; yMin: number; yMax: number } | null {
  const scale = size / font.unitsPerEm;
  let pen = 0;
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (const g of lineGlyphs(font, line)) {
    for (const c of g.contours) {
      for (let k = 0; k < c.length; k += 3) {
        const x = pen + c[k]! * scale, y = c[k + 1]! * scale;
        if (x < xMin) xMin = x;
        if (x > xMax) xMax = x;
        if (y < yMin) yMin = y;
        if (y > yMax) yMax = y;
      }
    }
    pen += g.advance * scale;
  }
  return xMax < xMin ? null : { xMin, xMax, yMin, yMax };
}

/** Whole-pixel ascender and descender (FreeType's rounding: ceil / floor of the scaled hhea values). */
export function pixelMetrics(font: GlyphFont, size: number): { ascender: number; descender: number } {
  const scale = size / font.unitsPerEm;
  return { ascender: Math.ceil(font.ascender * scale), descender: Math.floor(font.descender * scale) };
}

/** Flat list of line segments [x0, y0, x1, y1, …] of a text block, in image pixels (y down). */
function outlineSegments(font: GlyphFont, lines: readonly string[], size: number, x: number, y: number, lineStep: number, align: 'left' | 'center'): number[] {
  const scale = size / font.unitsPerEm;
  const asc = pixelMetrics(font, size).ascender;
  const widths = lines.map((l) => lineWidth(font, l, size));
  const maxW = widths.reduce((a, b) => Math.max(a, b), 0);
  const seg: number[] = [];
  const pt = (px: number, py: number, ox: number, base: number): [number, number] => [ox + px * scale, base - py * scale];
  lines.forEach((line, li) => {
    let pen = x + (align === 'center' ? (maxW - widths[li]!) / 2 : 0);
    const base = y + li * lineStep + asc;
    for (const g of lineGlyphs(font, line)) {
      for (const c of g.contours) {
        const n = c.length / 3;
        if (n < 2) continue;
        // Start at an on-curve point (or the midpoint of the first two off-curve points).
        let s = -1;
        for (let k = 0; k < n; k++) if (c[k * 3 + 2]) { s = k; break; }
        let start: [number, number];
        if (s < 0) {
          start = pt((c[0]! + c[3]!) / 2, (c[1]! + c[4]!) / 2, pen, base);
          s = 0;
        } else start = pt(c[s * 3]!, c[s * 3 + 1]!, pen, base);
        let cur = start;
        let ctrl: [number, number] | null = null;
        const lineTo = (p: [number, number]) => { seg.push(cur[0], cur[1], p[0], p[1]); cur = p; };
        const quadTo = (q: [number, number], p: [number, number]) => {
          const dx = cur[0] - 2 * q[0] + p[0], dy = cur[1] - 2 * q[1] + p[1];
          const dev = Math.abs(dx) + Math.abs(dy);
          let m = 1;
          while (m < 64 && m * m * 0.4 < dev) m++;
          const p0 = cur;
          for (let i = 1; i <= m; i++) {
            const t = i / m, u = 1 - t;
            const a = u * u, b = 2 * t * u, d = t * t;
            lineTo(i === m ? p : [a * p0[0] + b * q[0] + d * p[0], a * p0[1] + b * q[1] + d * p[1]]);
          }
        };
        for (let k = 1; k <= n; k++) {
          const idx = (s + k) % n;
          const on = c[idx * 3 + 2] === 1;
          const p = pt(c[idx * 3]!, c[idx * 3 + 1]!, pen, base);
          if (on) {
            if (ctrl) quadTo(ctrl, p); else lineTo(p);
            ctrl = null;
          } else {
            if (ctrl) {
              const mid: [number, number] = [(ctrl[0] + p[0]) / 2, (ctrl[1] + p[1]) / 2];
              quadTo(ctrl, mid);
            }
            ctrl = p;
          }
        }
        if (ctrl) quadTo(ctrl, start);
        else if (cur[0] !== start[0] || cur[1] !== start[1]) lineTo(start);
      }
      pen += g.advance * scale;
    }
  });
  return seg;
}

/**
 * Coverage (0..255) of a text block on a W×H canvas: signed-area accumulation of every segment, then a
 * running sum along each row; |winding| clamped to 1.
 */
export function textCoverage(W: number, H: number, font: FontName, lines: readonly string[], size: number, x: number, y: number, lineStep: number, align: 'left' | 'center' = 'left'): Uint8Array {
  const seg = outlineSegments(glyphFont(font), lines, size, x, y, lineStep, align);
  const out = new Uint8Array(W * H);
  if (!seg.length) return out;
  let minX = Infinity, maxX = -Infinity;
  for (let i = 0; i < seg.length; i += 2) { if (seg[i]! < minX) minX = seg[i]!; if (seg[i]! > maxX) maxX = seg[i]!; }
  // The buffer spans the block horizontally (origin ox), the image vertically.
  const ox = Math.floor(minX) - 1;
  const BW = Math.ceil(maxX) - ox + 3;
  const acc = new Float64Array(BW * H + 2);
  for (let i = 0; i < seg.length; i += 4) {
    let x0 = seg[i]! - ox, y0 = seg[i + 1]!, x1 = seg[i + 2]! - ox, y1 = seg[i + 3]!;
    if (y0 === y1) continue;
    let dir = 1;
    if (y0 > y1) { dir = -1; let t = x0; x0 = x1; x1 = t; t = y0; y0 = y1; y1 = t; }
    const dxdy = (x1 - x0) / (y1 - y0);
    let xc = x0;
    let ys = Math.floor(y0);
    if (ys < 0) { xc = x0 + (0 - y0) * dxdy; ys = 0; }
    const ye = Math.min(H, Math.ceil(y1));
    for (let yy = ys; yy < ye; yy++) {
      const row = yy * BW;
      const dy = Math.min(yy + 1, y1) - Math.max(yy, y0);
      const xn = xc + dxdy * dy;
      const d = dy * dir;
      const xa = xc < xn ? xc : xn, xb = xc < xn ? xn : xc;
      const xaf = Math.floor(xa), xbc = Math.ceil(xb);
      const xai = xaf, xbi = xbc;
      if (xbi <= xai + 1) {
        const xmf = 0.5 * (xc + xn) - xaf;
        acc[row + xai] += d - d * xmf;
        acc[row + xai + 1] += d * xmf;
      } else {
        const s = 1 / (xb - xa);
        const x0f = xa - xaf;
        const a0 = 0.5 * s * (1 - x0f) * (1 - x0f);
        const x1f = xb - xbc + 1;
        const am = 0.5 * s * x1f * x1f;
        acc[row + xai] += d * a0;
        if (xbi === xai + 2) acc[row + xai + 1] += d * (1 - a0 - am);
        else {
          const a1 = s * (1.5 - x0f);
          acc[row + xai + 1] += d * (a1 - a0);
          for (let xi = xai + 2; xi < xbi - 1; xi++) acc[row + xi] += d * s;
          const a2 = a1 + (xbi - xai - 3) * s;
          acc[row + xbi - 1] += d * (1 - a2 - am);
        }
        acc[row + xbi] += d * am;
      }
      xc = xn;
    }
  }
  for (let yy = 0; yy < H; yy++) {
    let sum = 0;
    const row = yy * BW;
    for (let bx = 0; bx < BW; bx++) {
      sum += acc[row + bx]!;
      const ix = bx + ox;
      if (ix < 0 || ix >= W) continue;
      let v = sum < 0 ? -sum : sum;
      if (v > 1) v = 1;
      out[yy * W + ix] = Math.floor(v * 255 + 0.5);
    }
  }
  return out;
}

/** Attributes of a `text` stage. */
export interface TextStage extends Stage {
  kind: 'text';
  font: FontName;
  lines: readonly string[];
  /** Em size in px. */
  size: number;
  /** Top-left of the block (anchor 'la'), px, may be fractional. */
  x: number;
  y: number;
  /** Distance between line tops, px. */
  lineStep: number;
  align: 'left' | 'center';
  /** RGB 0..255. */
  color: readonly number[];
  /** 0..1: mask = ⌊coverage·opacity⌋. */
  opacity: number;
}

export const textKernel: StageKernel = {
  kind: 'text',
  maskStage: pixelOnly,
  run(src: Img, stage: Stage): Img {
    const s = stage as TextStage;
    const { width: W, height: H } = src;
    const cov = textCoverage(W, H, s.font, s.lines, s.size, s.x, s.y, s.lineStep, s.align);
    if (s.opacity !== 1) for (let i = 0; i < cov.length; i++) cov[i] = Math.trunc(cov[i]! * s.opacity);
    const [r, g, b] = s.color as [number, number, number];
    const fg = new Uint8Array(W * H * 3);
    for (let i = 0; i < W * H; i++) { fg[i * 3] = r; fg[i * 3 + 1] = g; fg[i * 3 + 2] = b; }
    const out = { ...src, data: src.data.slice() };
    pasteInto(out, 0, 0, W, H, fg, 3, cov);
    return out;
  },
};
