/** `oneOf`: runs one of its ops, chosen with probability proportional to `weights` (default equal). */
import { EdgeAugmentError } from '../../errors.js';
import type { OpDef } from '../core/types.js';

export const op: OpDef<{ ops: number; weights: readonly number[] | null }> = {
  name: 'oneOf',
  summary: 'Run one op, chosen at random (optionally weighted).',
  example: { ops: [{ op: 'hflip' }, { op: 'vflip' }, { op: 'invert' }] },
  reference: 'albumentations.OneOf / torchvision.transforms.RandomChoice',
  config: {
    ops: { type: 'ops', doc: 'the candidate ops' },
    weights: { type: 'numbers', default: null, nullable: true, min: 0, doc: 'relative weight of each op (default equal)' },
  },
  params: {},
  childFields: ['ops'],
  expand(c, rng, _info, children) {
    const w = c.weights ?? children.map(() => 1);
    if (w.length !== children.length) throw new EdgeAugmentError('INVALID_SPEC', `oneOf.weights: ${w.length} weights for ${children.length} ops.`);
    const total = w.reduce((a, b) => a + b, 0);
    if (!(total > 0)) throw new EdgeAugmentError('INVALID_SPEC', 'oneOf.weights: at least one weight must be > 0.');
    let u = rng.next() * total;
    let k = 0;
    while (k < children.length - 1 && u >= w[k]!) u -= w[k++]!;
    return [{ node: children[k]! }];
  },
};
