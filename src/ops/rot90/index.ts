/** `rot90`: turn by k·90° counter-clockwise, k drawn from [lo, hi] (albumentations RandomRotate90: [0, 3]; exact). */
import type { OpDef } from '../core/types.js';
import { rot90Stage } from '../stages/permute.js';

export const op: OpDef<{ k: readonly [number, number] }, { k: number }> = {
  name: 'rot90',
  summary: 'Turn by k·90° counter-clockwise (exact); k from [lo, hi].',
  reference: 'torch.rot90(img, k, [-2, -1]) / albumentations.RandomRotate90',
  config: { k: { type: 'range', integer: true, min: -3, max: 3, default: [0, 3], scalar: (x) => [x, x], doc: 'quarter turns: a number, or [lo, hi] drawn uniformly' } },
  params: { k: { type: 'number', integer: true, min: -3, max: 3, doc: 'quarter turns counter-clockwise' } },
  sample: (c, rng) => ({ k: rng.intIn(c.k[0], c.k[1]) }),
  lower: (p) => [rot90Stage(p.k)],
};
