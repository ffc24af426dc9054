/**
 * `coarseDropout`: albumentations `CoarseDropout(max_holes=8, max_height=8, max_width=8,
 * min_holes=max_holes, min_height=max_height, min_width=max_width, fill_value=0)` — n holes
 * (n uniform in `holes`), each h × w pixels (uniform in `height`, `width`, clipped to the image) at a
 * uniform position inside the image, filled with `fill` (null = random, as `randomErasing`).
 * Sizes are in pixels (albumentations' fractional sizes are not taken). Alpha kept.
 */
import type { OpDef } from '../core/types.js';

interface Config { holes: readonly [number, number]; height: readonly [number, number]; width: readonly [number, number]; fill: readonly number[] | null }
interface Params { holes: readonly number[]; fill: readonly number[] | null; seed: number }

/** Param table shared by the dropout ops: the rectangles, the fill and the random-fill seed. */
export const DROPOUT_PARAMS = {
  holes: { type: 'numbers', integer: true, min: -1e6, max: 1e6, minLength: 0, maxLength: 1 << 20, doc: 'rectangles, flat [x, y, w, h, …] in pixels' },
  fill: { type: 'numbers', min: 0, max: 255, minLength: 1, maxLength: 4, broadcast: 1, nullable: true, default: [0], doc: 'fill, or null for random' },
  seed: { type: 'number', integer: true, min: 0, max: 4294967295, default: 0, doc: 'seed of the random fill' },
} as const;

export const op: OpDef<Config, Params> = {
  name: 'coarseDropout',
  summary: 'Drop n random rectangles (albumentations CoarseDropout / cutout).',
  reference: 'albumentations CoarseDropout',
  config: {
    holes: { type: 'range', integer: true, min: 0, max: 1000, default: [8, 8], scalar: (x) => [x, x], doc: 'number of holes, uniform in [lo, hi]' },
    height: { type: 'range', integer: true, min: 1, max: 100000, default: [8, 8], scalar: (x) => [x, x], doc: 'hole height in pixels, uniform in [lo, hi]' },
    width: { type: 'range', integer: true, min: 1, max: 100000, default: [8, 8], scalar: (x) => [x, x], doc: 'hole width in pixels, uniform in [lo, hi]' },
    fill: { type: 'numbers', min: 0, max: 255, minLength: 1, maxLength: 4, broadcast: 1, nullable: true, default: [0], doc: 'fill: one value, one per colour channel (or 4 with alpha); null = random' },
  },
  params: DROPOUT_PARAMS,
  sample(c, rng, info) {
    const n = rng.intIn(c.holes[0], c.holes[1]);
    const holes: number[] = [];
    for (let k = 0; k < n; k++) {
      const h = Math.min(info.height, rng.intIn(c.height[0], c.height[1]));
      const w = Math.min(info.width, rng.intIn(c.width[0], c.width[1]));
      const y = rng.intIn(0, info.height - h);
      const x = rng.intIn(0, info.width - w);
      holes.push(x, y, w, h);
    }
    return { holes, fill: c.fill, seed: rng.seed32() };
  },
  lower: (p) => [{ kind: 'erase', rects: p.holes, fill: p.fill, seed: p.seed }],
};
