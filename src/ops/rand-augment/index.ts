/**
 * `randAugment`: torchvision 0.14 `RandAugment(num_ops, magnitude, num_magnitude_bins, interpolation,
 * fill)` — `numOps` ops drawn uniformly (with replacement) from its 14-op space, each at bin `magnitude`
 * of its magnitude table, negated with probability ½ for signed ops; expands to our leaf ops with
 * explicit params (Identity expands to nothing).
 */
import { EdgeAugmentError } from '../../errors.js';
import type { Expansion, OpDef } from '../core/types.js';
import { applyOp, geometryOf, GEOMETRY_FIELDS, randAugmentSpace } from '../policy/space.js';

interface Config {
  numOps: number;
  magnitude: number;
  numMagnitudeBins: number;
  interpolation: string;
  fill: readonly number[] | null;
}

/**
 * RandAugment (Cubuk et al. 2019) with torchvision's op list, magnitude bins and signs.
 *
 * @example
 * ```ts
 * const aug = await createAugmenter({ pipeline: [{ op: 'randAugment', numOps: 2, magnitude: 9 }] });
 * ```
 */
export const op: OpDef<Config> = {
  name: 'randAugment',
  summary: 'RandAugment: numOps random ops at one magnitude (torchvision op list, bins and signs).',
  reference: 'torchvision 0.14 transforms.RandAugment',
  config: {
    numOps: { type: 'number', integer: true, min: 0, max: 64, default: 2, doc: 'number of ops applied in sequence (torchvision num_ops)' },
    magnitude: { type: 'number', integer: true, min: 0, default: 9, doc: 'magnitude bin of every op, 0 … numMagnitudeBins − 1 (torchvision magnitude)' },
    numMagnitudeBins: { type: 'number', integer: true, min: 2, max: 4096, default: 31, doc: 'number of magnitude bins (torchvision num_magnitude_bins)' },
    ...GEOMETRY_FIELDS,
  },
  params: {},
  check(c) {
    if (c.magnitude >= c.numMagnitudeBins) {
      throw new EdgeAugmentError('INVALID_SPEC', `randAugment.magnitude: got ${c.magnitude}; allowed: 0 … numMagnitudeBins − 1 = ${c.numMagnitudeBins - 1}.`, { details: { field: 'magnitude' } });
    }
  },
  expand(c, rng, info) {
    const space = randAugmentSpace(c.numMagnitudeBins, info.width, info.height);
    const g = geometryOf(c);
    const out: Expansion[] = [];
    for (let i = 0; i < c.numOps; i++) {
      const s = space[rng.int(space.length)]!;
      let m = s.magnitudes ? s.magnitudes[c.magnitude]! : 0;
      if (s.signed && rng.int(2) === 1) m = -m;
      const call = applyOp(s.name, m, g);
      if (call) out.push({ key: `${i}.${s.name}`, ...call });
    }
    return out;
  },
};
