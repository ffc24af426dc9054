/** `someOf`: runs n distinct ops drawn at random (n fixed or drawn from [lo, hi]), in their listed order or shuffled. */
import { EdgeAugmentError } from '../../errors.js';
import type { OpDef } from '../core/types.js';

export const op: OpDef<{ ops: number; n: readonly [number, number]; shuffle: boolean }> = {
  name: 'someOf',
  summary: 'Run n distinct ops chosen at random.',
  example: { n: [1, 2], ops: [{ op: 'hflip' }, { op: 'vflip' }, { op: 'invert' }] },
  reference: 'albumentations.SomeOf / imgaug.SomeOf',
  config: {
    ops: { type: 'ops', doc: 'the candidate ops' },
    n: { type: 'range', min: 0, integer: true, scalar: (x) => [x, x], doc: 'how many ops: a number, or [lo, hi] drawn uniformly' },
    shuffle: { type: 'bool', default: false, doc: 'run the chosen ops in random order (default: listed order)' },
  },
  params: {},
  childFields: ['ops'],
  expand(c, rng, _info, children) {
    if (c.n[1] > children.length) throw new EdgeAugmentError('INVALID_SPEC', `someOf.n: at most ${children.length} (the number of ops), got ${c.n[1]}.`);
    const n = rng.intIn(c.n[0], c.n[1]);
    const pick = rng.permutation(children.length).slice(0, n);
    if (!c.shuffle) pick.sort((a, b) => a - b);
    return pick.map((k) => ({ node: children[k]! }));
  },
};
