/**
 * `overlayText`: AugLy `overlay_text` — draw text in the bundled font (EdgeAugment Caption = Raleway ExtraBold subset, OFL; AugLy's
 * meme font) at (xPos·W, yPos·H), em size ⌊fontSize·min(W, H)⌋ px, lines fontSize + 5 px apart, in
 * `color`. Glyphs are rasterised by us (the `text` stage: TrueType outlines, exact-area antialiasing,
 * no hinting), so bytes are identical in every runtime; against Pillow/FreeType rendering the same font
 * the ink boxes agree within 1 px and the pixels closely (see the test). Differences: AugLy takes
 * indices into a per-font character list; we take the string itself (printable ASCII; `\n` starts a
 * line), or a list of strings to draw one from. AugLy's `opacity` only reaches the alpha band (Pillow
 * draws an RGBA ink on an RGBA copy) and vanishes on RGB inputs; ours scales the glyph coverage, so it
 * fades the text on every input.
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'overlayText', text: ['FREE', 'SALE 50%', 'call now'], fontSize: [0.1, 0.2], color: [255, 0, 0], xPos: [0, 0.5], yPos: [0, 0.8] }] });
 * ```
 */
import { EdgeAugmentError } from '../../errors.js';
import type { OpDef } from '../core/types.js';
import { missingCharacters, type TextStage } from '../stages/text.js';

interface Config { text: string | readonly string[]; fontSize: readonly [number, number]; opacity: readonly [number, number]; color: readonly number[]; xPos: readonly [number, number]; yPos: readonly [number, number] }
interface Params { text: string; fontSize: number; opacity: number; color: readonly number[]; xPos: number; yPos: number }

const COLOR = { type: 'numbers', minLength: 3, maxLength: 3, integer: true, min: 0, max: 255, default: [255, 0, 0], doc: 'text colour [r, g, b]' } as const;

/** Checks a text option: a string, or a non-empty list of strings, drawable by `font`. */
export function checkText(v: unknown, where: string, font: 'sans' | 'emoji', code: 'INVALID_SPEC' | 'INVALID_PARAMS' = 'INVALID_SPEC', list = true): void {
  const items = typeof v === 'string' ? [v] : list && Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string') ? (v as string[]) : null;
  if (!items) throw new EdgeAugmentError(code, `${where}: expected a string${list ? ' or a non-empty list of strings' : ''}, got ${JSON.stringify(v)}.`, { details: { field: where } });
  for (const s of items) {
    if (s.length > 1000) throw new EdgeAugmentError(code, `${where}: at most 1000 characters.`, { details: { field: where } });
    const miss = missingCharacters(font, s.replace(/\n/g, ''));
    if (miss.length) throw new EdgeAugmentError(code, `${where}: the bundled ${font === 'emoji' ? 'emoji font' : 'font (printable ASCII)'} cannot draw ${miss.map((c) => JSON.stringify(c)).join(', ')}.`, { details: { field: where } });
  }
}

export const op: OpDef<Config, Params> = {
  name: 'overlayText',
  summary: 'Draw text (bundled OFL font, our own byte-stable rasteriser) at a position, size, colour and opacity (AugLy overlay_text).',
  reference: 'AugLy augly/image/functional.py overlay_text (Pillow ImageDraw.text); font: a subset of Raleway ExtraBold (OFL)',
  example: { text: 'SALE 50%', fontSize: 0.2, color: [255, 0, 0], xPos: 0.05, yPos: 0.4 },
  config: {
    text: { type: 'json', default: 'LOL', doc: 'the text (printable ASCII, \\n = new line), or a list of texts to draw one from uniformly' },
    fontSize: { type: 'range', min: 0, max: 1, default: [0.15, 0.15], scalar: (x: number): [number, number] => [x, x], doc: 'em size as a fraction of min(W, H) (uniform in [lo, hi])' },
    opacity: { type: 'range', min: 0, max: 1, default: [1, 1], scalar: (x: number): [number, number] => [x, x], doc: 'text opacity 0..1 (uniform in [lo, hi])' },
    color: COLOR,
    xPos: { type: 'range', min: 0, max: 1, default: [0, 0], scalar: (x: number): [number, number] => [x, x], doc: 'left edge as a fraction of W (uniform in [lo, hi])' },
    yPos: { type: 'range', min: 0, max: 1, default: [0.5, 0.5], scalar: (x: number): [number, number] => [x, x], doc: 'top (ascender line) as a fraction of H (uniform in [lo, hi])' },
  },
  params: {
    text: { type: 'json', doc: 'the text drawn' },
    fontSize: { type: 'number', min: 0, max: 1, doc: 'em size / min(W, H)' },
    opacity: { type: 'number', min: 0, max: 1, doc: 'opacity' },
    color: COLOR,
    xPos: { type: 'number', min: 0, max: 1, doc: 'left edge / W' },
    yPos: { type: 'number', min: 0, max: 1, doc: 'top / H' },
  },
  check(c) {
    checkText(c.text, 'overlayText.text', 'sans');
  },
  sample: (c, rng) => ({
    text: typeof c.text === 'string' ? c.text : c.text[c.text.length === 1 ? 0 : rng.intIn(0, c.text.length - 1)]!,
    fontSize: rng.uniform(c.fontSize[0], c.fontSize[1]),
    opacity: rng.uniform(c.opacity[0], c.opacity[1]),
    color: c.color,
    xPos: rng.uniform(c.xPos[0], c.xPos[1]),
    yPos: rng.uniform(c.yPos[0], c.yPos[1]),
  }),
  lower(p, info) {
    checkText(p.text, 'overlayText.text', 'sans', 'INVALID_PARAMS', false);
    const size = Math.trunc(Math.min(info.width, info.height) * p.fontSize);
    if (size < 1 || !p.text) return [];
    return [{ kind: 'text', font: 'sans', lines: p.text.split('\n'), size, x: p.xPos * info.width, y: p.yPos * info.height, lineStep: size + 5, align: 'left', color: p.color, opacity: p.opacity } as TextStage];
  },
};
