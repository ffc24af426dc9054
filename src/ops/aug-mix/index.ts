/**
 * `augMix`: torchvision 0.14 `AugMix(severity, mixture_width, chain_depth, alpha, all_ops, interpolation,
 * fill)`. Draws, in torchvision's order: m ~ Dirichlet(α, α) (weight of the original), chain weights
 * ~ Dirichlet(α, …, α) · m₁, then per chain its depth (1–3 when `chainDepth` ≤ 0) and per op: the op
 * (uniform over the space), its magnitude bin (uniform below `severity`), its sign. Expands to one
 * `mixChains` leaf whose params hold the chains as leaf ops with explicit params and the float32
 * weights, so replay is exact.
 */
import type { OpDef } from '../core/types.js';
import { applyOp, augMixSpace, geometryOf, GEOMETRY_FIELDS, type LeafCall } from '../policy/space.js';

interface Config {
  severity: number;
  mixtureWidth: number;
  chainDepth: number;
  alpha: number;
  allOps: boolean;
  interpolation: string;
  fill: readonly number[] | null;
}

const f32 = Math.fround;

/**
 * AugMix (Hendrycks et al. 2020) with torchvision's op list, magnitudes, signs and float32 mixing.
 *
 * @example
 * ```ts
 * const aug = await createAugmenter({ pipeline: [{ op: 'augMix', severity: 3, mixtureWidth: 3 }] });
 * ```
 */
export const op: OpDef<Config> = {
  name: 'augMix',
  summary: 'AugMix: a Dirichlet-weighted mix of random op chains, Beta-mixed with the original (torchvision semantics).',
  reference: 'torchvision 0.14 transforms.AugMix',
  config: {
    severity: { type: 'number', integer: true, min: 1, max: 10, default: 3, doc: 'magnitude bins drawn from: 0 … severity − 1 of 10 (torchvision severity)' },
    mixtureWidth: { type: 'number', integer: true, min: 1, max: 16, default: 3, doc: 'number of chains (torchvision mixture_width)' },
    chainDepth: { type: 'number', integer: true, min: -1, max: 16, default: -1, doc: 'ops per chain; ≤ 0: drawn from 1 … 3 per chain (torchvision chain_depth)' },
    alpha: { type: 'number', min: 0, exclusiveMin: true, max: 1000, default: 1, doc: 'Dirichlet / Beta concentration (torchvision alpha)' },
    allOps: { type: 'bool', default: true, doc: 'include brightness, colour, contrast and sharpness (torchvision all_ops)' },
    ...GEOMETRY_FIELDS,
    interpolation: { ...GEOMETRY_FIELDS.interpolation, default: 'bilinear' },
  },
  params: {},
  expand(c, rng, info) {
    const space = augMixSpace(info.width, info.height, c.allOps);
    const g = geometryOf(c);
    const m = rng.dirichlet(c.alpha, 2).map(f32);
    const weights = rng.dirichlet(c.alpha, c.mixtureWidth).map((w) => f32(f32(w) * m[1]!));
    const chains: LeafCall[][] = [];
    for (let i = 0; i < c.mixtureWidth; i++) {
      const depth = c.chainDepth > 0 ? c.chainDepth : rng.intIn(1, 3);
      const chain: LeafCall[] = [];
      for (let d = 0; d < depth; d++) {
        const s = space[rng.int(space.length)]!;
        let mag = s.magnitudes ? s.magnitudes[rng.int(c.severity)]! : 0;
        if (s.signed && rng.int(2) === 1) mag = -mag;
        const call = applyOp(s.name, mag, g);
        if (call) chain.push(call);
      }
      chains.push(chain);
    }
    return [{ key: 'mix', op: 'mixChains', params: { original: m[0]!, weights, chains } }];
  },
};
