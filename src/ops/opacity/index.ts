/**
 * `opacity`: AugLy `opacity` — the image composited over transparent white through mask
 * ⌊alpha·level⌋ (Pillow `Image.composite`, every band): colours fade towards white and, on RGBA, alpha
 * becomes ⌊alpha·level⌋ (DIV255-rounded). An RGB or grey input comes back without alpha, as AugLy's
 * conversion back to the source mode does, so there it is a fade to white. Exact (integer arithmetic).
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'opacity', level: [0.3, 0.9] }] });
 * ```
 */
import type { OpDef } from '../core/types.js';
import type { OpacityStage } from '../stages/paste.js';

export const op: OpDef<{ level: readonly [number, number] }, { level: number }> = {
  name: 'opacity',
  summary: 'Fade towards transparent white by an opacity level (AugLy opacity; exact).',
  reference: 'AugLy augly/image/functional.py opacity (Pillow Image.composite)',
  example: { level: 0.5 },
  config: { level: { type: 'range', min: 0, max: 1, default: [1, 1], scalar: (x) => [x, x], doc: 'opacity 0 (transparent) .. 1 (unchanged), uniform in [lo, hi]' } },
  params: { level: { type: 'number', min: 0, max: 1, doc: 'opacity level' } },
  sample: (c, rng) => ({ level: rng.uniform(c.level[0], c.level[1]) }),
  lower: (p) => [{ kind: 'opacity', level: p.level } as OpacityStage],
};
