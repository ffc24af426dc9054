/**
 * `memeFormat`: AugLy `meme_format` — a caption band of `memeBgColor`, `captionHeight` px high, added
 * above (`top`) or below the image, with the text centred in it in the bundled EdgeAugment Caption (a Raleway ExtraBold subset)
 * (AugLy's default meme font), rasterised by us (byte-stable; see `overlayText`). AugLy's fitting loop:
 * em size from captionHeight − 10 down in steps of 5 until the text block fits in (W − 10) × (captionHeight
 * − 10); x = round((W − w)/2), y = round((captionHeight − h)/2) − adjustment; lines ascender + 4 px apart
 * (Pillow's multiline spacing), centred. The block is measured like Pillow's multiline_textbbox (glyph
 * control boxes, unhinted here), so a size step or a pixel of position can still differ. AugLy shifts the text up by a fixed 40 px, made for its 250 px default band
 * — we scale it, round(40·captionHeight/250), so small bands stay centred; `opacity` scales the glyph
 * coverage (on AugLy's RGB canvas its ink alpha has no effect).
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'memeFormat', text: ['LOL', 'WHEN THE MODEL\nSEES THIS'], captionHeight: 60 }] });
 * ```
 */
import type { OpDef, Stage } from '../core/types.js';
import { checkText } from '../overlay-text/index.js';
import { padStages } from '../pad/index.js';
import { fillFor } from '../pad-aspect-ratio/index.js';
import { glyphFont, lineInk, lineWidth, pixelMetrics, type TextStage } from '../stages/text.js';

type Pos = 'top' | 'bottom';
interface Config { text: string | readonly string[]; textPosition: Pos; opacity: readonly [number, number]; textColor: readonly number[]; captionHeight: number; memeBgColor: readonly number[] }
interface Params { text: string; textPosition: Pos; opacity: number; textColor: readonly number[]; captionHeight: number; memeBgColor: readonly number[] }


/** Python round(): half to even. */
function pyRound(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * AugLy's font-size loop, measuring the block as Pillow's multiline_textbbox does (anchor 'la'): ink
 * extents from the glyph control boxes, lines centred on the widest advance, the top at the first
 * line's ink top (ascender line + ascender − ink height), the bottom at the last line's ink bottom.
 */
export function memeLayout(text: string, W: number, captionHeight: number): { size: number; x: number; y: number; lineStep: number; lines: string[] } {
  const font = glyphFont('sans');
  const lines = text.split('\n');
  const adj = pyRound((40 * captionHeight) / 250);
  let size = captionHeight - 10;
  for (;;) {
    const m = pixelMetrics(font, size);
    const lineStep = m.ascender + 4;
    const widths = lines.map((l) => lineWidth(font, l, size));
    const maxW = Math.max(...widths);
    let left = Infinity, right = -Infinity, top = Infinity, bottom = -Infinity;
    lines.forEach((l, i) => {
      const ink = lineInk(font, l, size);
      if (!ink) return;
      const dx = (maxW - widths[i]!) / 2, base = i * lineStep + m.ascender;
      // Pillow's box: from min(pen, ink left) to the rounded advance; ink top floored, bottom rounded.
      left = Math.min(left, Math.floor(dx + Math.min(0, ink.xMin)));
      right = Math.max(right, Math.round(dx + Math.max(widths[i]!, ink.xMax)));
      top = Math.min(top, Math.floor(base - ink.yMax));
      bottom = Math.max(bottom, Math.round(base - ink.yMin));
    });
    const tw = right > left ? right - left : 0, th = bottom > top ? bottom - top : 0;
    const x = pyRound((W - tw) / 2);
    const y = pyRound((captionHeight - th) / 2) - adj;
    if ((tw <= W - 10 && th <= captionHeight - 10) || size <= 5) return { size, x, y, lineStep, lines };
    size -= 5;
  }
}

export const op: OpDef<Config, Params> = {
  name: 'memeFormat',
  summary: 'Meme framing: a caption band above/below with centred text (AugLy meme_format; our byte-stable text).',
  reference: 'AugLy augly/image/functional.py meme_format (Pillow ImageDraw.multiline_text); font: a subset of Raleway ExtraBold (OFL)',
  example: { text: 'LOL', captionHeight: 50 },
  config: {
    text: { type: 'json', default: 'LOL', doc: 'caption text (printable ASCII, \\n = new line), or a list to draw one from uniformly' },
    textPosition: { type: 'enum', values: ['top', 'bottom'], default: 'top', doc: 'band above or below the image' },
    opacity: { type: 'range', min: 0, max: 1, default: [1, 1], scalar: (x) => [x, x], doc: 'text opacity (uniform in [lo, hi])' },
    textColor: { type: 'numbers', minLength: 3, maxLength: 3, integer: true, min: 0, max: 255, default: [0, 0, 0], doc: 'text colour [r, g, b]' },
    captionHeight: { type: 'number', integer: true, min: 11, max: 4096, default: 250, doc: 'caption band height in px (AugLy: > 10)' },
    memeBgColor: { type: 'numbers', minLength: 3, maxLength: 3, integer: true, min: 0, max: 255, default: [255, 255, 255], doc: 'band colour [r, g, b]' },
  },
  params: {
    text: { type: 'json', doc: 'caption text' },
    textPosition: { type: 'enum', values: ['top', 'bottom'], default: 'top', doc: 'band position' },
    opacity: { type: 'number', min: 0, max: 1, doc: 'text opacity' },
    textColor: { type: 'numbers', minLength: 3, maxLength: 3, integer: true, min: 0, max: 255, default: [0, 0, 0], doc: 'text colour' },
    captionHeight: { type: 'number', integer: true, min: 11, max: 4096, doc: 'band height px' },
    memeBgColor: { type: 'numbers', minLength: 3, maxLength: 3, integer: true, min: 0, max: 255, default: [255, 255, 255], doc: 'band colour' },
  },
  check(c) {
    checkText(c.text, 'memeFormat.text', 'sans');
  },
  sample: (c, rng) => ({
    text: typeof c.text === 'string' ? c.text : c.text[c.text.length === 1 ? 0 : rng.intIn(0, c.text.length - 1)]!,
    textPosition: c.textPosition,
    opacity: rng.uniform(c.opacity[0], c.opacity[1]),
    textColor: c.textColor,
    captionHeight: c.captionHeight,
    memeBgColor: c.memeBgColor,
  }),
  lower(p, info) {
    checkText(p.text, 'memeFormat.text', 'sans', 'INVALID_PARAMS', false);
    const top = p.textPosition === 'top';
    const stages: Stage[] = padStages(info, [0, top ? p.captionHeight : 0, 0, top ? 0 : p.captionHeight], 'constant', fillFor(p.memeBgColor, info));
    if (!p.text) return stages;
    const L = memeLayout(p.text, info.width, p.captionHeight);
    stages.push({ kind: 'text', font: 'sans', lines: L.lines, size: L.size, x: L.x, y: top ? L.y : info.height + L.y, lineStep: L.lineStep, align: 'center', color: p.textColor, opacity: p.opacity } as TextStage);
    return stages;
  },
};
