/**
 * `overlayEmoji`: AugLy `overlay_emoji` — an emoji of height ⌊H·emojiSize⌋ (at least 1) with its
 * top-left corner at (⌊W·xPos⌋, ⌊H·yPos⌋), at an opacity. AugLy pastes a colour Twemoji PNG (default
 * 😍); we draw the glyph of a bundled monochrome emoji font (Noto Emoji, OFL 1.1) in one `color` with
 * our byte-stable rasteriser (the `text` stage), its em box scaled to the emoji height — a flat-colour
 * line-art emoji rather than a colour picture (documented difference). Bundled emoji: 😀 😍 😂 ❤ 👍 🔥
 * 😎 😢; `emoji` may list several to draw one from uniformly.
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'overlayEmoji', emoji: ['😍', '🔥', '👍'], emojiSize: [0.15, 0.4], xPos: [0, 0.7], yPos: [0, 0.7] }] });
 * ```
 */
import type { OpDef } from '../core/types.js';
import { checkText } from '../overlay-text/index.js';
import { glyphFont, type TextStage } from '../stages/text.js';

interface Config { emoji: string | readonly string[]; opacity: readonly [number, number]; emojiSize: readonly [number, number]; xPos: readonly [number, number]; yPos: readonly [number, number]; color: readonly number[] }
interface Params { emoji: string; opacity: number; emojiSize: number; xPos: number; yPos: number; color: readonly number[] }

const COLOR = { type: 'numbers', minLength: 3, maxLength: 3, integer: true, min: 0, max: 255, default: [255, 200, 0], doc: 'emoji colour [r, g, b] (the font is monochrome)' } as const;

export const op: OpDef<Config, Params> = {
  name: 'overlayEmoji',
  summary: 'Overlay an emoji (bundled monochrome Noto Emoji, our byte-stable rasteriser) at a position, size and opacity (AugLy overlay_emoji).',
  reference: 'AugLy augly/image/functional.py overlay_emoji → overlay_image; font Noto Emoji (monochrome)',
  example: { emoji: '😍', emojiSize: 0.4, xPos: 0.3, yPos: 0.3 },
  config: {
    emoji: { type: 'json', default: '😍', doc: 'one bundled emoji (😀 😍 😂 ❤ 👍 🔥 😎 😢) or a list to draw one from uniformly' },
    opacity: { type: 'range', min: 0, max: 1, default: [1, 1], scalar: (x: number): [number, number] => [x, x], doc: 'opacity 0..1 (uniform in [lo, hi])' },
    emojiSize: { type: 'range', min: 0, max: 1, default: [0.15, 0.15], scalar: (x: number): [number, number] => [x, x], doc: 'emoji height as a fraction of H (uniform in [lo, hi])' },
    xPos: { type: 'range', min: 0, max: 1, default: [0.4, 0.4], scalar: (x: number): [number, number] => [x, x], doc: 'left edge as a fraction of W (uniform in [lo, hi])' },
    yPos: { type: 'range', min: 0, max: 1, default: [0.8, 0.8], scalar: (x: number): [number, number] => [x, x], doc: 'top edge as a fraction of H (uniform in [lo, hi])' },
    color: COLOR,
  },
  params: {
    emoji: { type: 'json', doc: 'the emoji drawn' },
    opacity: { type: 'number', min: 0, max: 1, doc: 'opacity' },
    emojiSize: { type: 'number', min: 0, max: 1, doc: 'height / H' },
    xPos: { type: 'number', min: 0, max: 1, doc: 'left edge / W' },
    yPos: { type: 'number', min: 0, max: 1, doc: 'top edge / H' },
    color: COLOR,
  },
  check(c) {
    checkText(c.emoji, 'overlayEmoji.emoji', 'emoji');
  },
  sample: (c, rng) => ({
    emoji: typeof c.emoji === 'string' ? c.emoji : c.emoji[c.emoji.length === 1 ? 0 : rng.intIn(0, c.emoji.length - 1)]!,
    opacity: rng.uniform(c.opacity[0], c.opacity[1]),
    emojiSize: rng.uniform(c.emojiSize[0], c.emojiSize[1]),
    xPos: rng.uniform(c.xPos[0], c.xPos[1]),
    yPos: rng.uniform(c.yPos[0], c.yPos[1]),
    color: c.color,
  }),
  lower(p, info) {
    checkText(p.emoji, 'overlayEmoji.emoji', 'emoji', 'INVALID_PARAMS', false);
    const f = glyphFont('emoji');
    const h = Math.max(1, Math.trunc(info.height * p.emojiSize));
    // Em size such that the ascender-to-descender box is h px tall; its top at the emoji's top.
    const size = (h * f.unitsPerEm) / (f.ascender - f.descender);
    const asc = Math.ceil((f.ascender * size) / f.unitsPerEm);
    const y = Math.trunc(info.height * p.yPos) + ((f.ascender * size) / f.unitsPerEm - asc);
    return [{ kind: 'text', font: 'emoji', lines: [p.emoji], size, x: Math.trunc(info.width * p.xPos), y, lineStep: h, align: 'left', color: p.color, opacity: p.opacity } as TextStage];
  },
};
