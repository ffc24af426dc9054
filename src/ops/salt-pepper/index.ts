/**
 * `saltPepper`: impulse noise as albumentations `SaltAndPepper(amount=(0.01, 0.06),
 * salt_vs_pepper=(0.4, 0.6))`: a fraction `amount` of the pixels is hit (all colour channels together),
 * of which a share `saltVsPepper` turns white and the rest black. Each pixel is hit independently with
 * that probability (a seeded hash per pixel), so the count varies around amount·pixels.
 */
import type { OpDef } from '../core/types.js';

interface Config { amount: readonly [number, number]; saltVsPepper: readonly [number, number] }
interface Params { amount: number; saltVsPepper: number; seed: number }

export const op: OpDef<Config, Params> = {
  name: 'saltPepper',
  summary: 'Salt-and-pepper impulse noise on a fraction of the pixels (albumentations SaltAndPepper).',
  reference: 'albumentations SaltAndPepper',
  config: {
    amount: { type: 'range', min: 0, max: 1, default: [0.01, 0.06], scalar: (x) => [x, x], doc: 'fraction of pixels hit, uniform in [lo, hi]' },
    saltVsPepper: { type: 'range', min: 0, max: 1, default: [0.4, 0.6], scalar: (x) => [x, x], doc: 'share of hit pixels that turn white, uniform in [lo, hi]' },
  },
  params: {
    amount: { type: 'number', min: 0, max: 1, doc: 'fraction of pixels hit' },
    saltVsPepper: { type: 'number', min: 0, max: 1, doc: 'share that turns white' },
    seed: { type: 'number', integer: true, min: 0, max: 4294967295, doc: 'seed of the pixel noise' },
  },
  sample: (c, rng) => ({ amount: rng.uniform(c.amount[0], c.amount[1]), saltVsPepper: rng.uniform(c.saltVsPepper[0], c.saltVsPepper[1]), seed: rng.seed32() }),
  lower: (p) => [{ kind: 'noise', mode: 'impulse', seed: p.seed, amount: p.amount, saltVsPepper: p.saltVsPepper }],
};
