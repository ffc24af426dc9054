/**
 * `trivialAugmentWide`: torchvision 0.14 `TrivialAugmentWide(num_magnitude_bins, interpolation, fill)` —
 * one op drawn uniformly from its 14-op space, at a uniformly drawn magnitude bin, negated with
 * probability ½ for signed ops; expands to one of our leaf ops (Identity expands to nothing).
 */
import type { OpDef } from '../core/types.js';
import { applyOp, geometryOf, GEOMETRY_FIELDS, trivialAugmentSpace } from '../policy/space.js';

interface Config {
  numMagnitudeBins: number;
  interpolation: string;
  fill: readonly number[] | null;
}

/**
 * TrivialAugment Wide (Müller & Hutter 2021) with torchvision's op list, magnitude bins and signs.
 *
 * @example
 * ```ts
 * const aug = await createAugmenter({ pipeline: [{ op: 'trivialAugmentWide' }] });
 * ```
 */
export const op: OpDef<Config> = {
  name: 'trivialAugmentWide',
  summary: 'TrivialAugment Wide: one random op at a random magnitude (torchvision op list, bins and signs).',
  reference: 'torchvision 0.14 transforms.TrivialAugmentWide',
  config: {
    numMagnitudeBins: { type: 'number', integer: true, min: 2, max: 4096, default: 31, doc: 'number of magnitude bins (torchvision num_magnitude_bins)' },
    ...GEOMETRY_FIELDS,
  },
  params: {},
  expand(c, rng) {
    const space = trivialAugmentSpace(c.numMagnitudeBins);
    const s = space[rng.int(space.length)]!;
    let m = s.magnitudes ? s.magnitudes[rng.int(s.magnitudes.length)]! : 0;
    if (s.signed && rng.int(2) === 1) m = -m;
    const call = applyOp(s.name, m, geometryOf(c));
    return call ? [{ key: s.name, ...call }] : [];
  },
};
