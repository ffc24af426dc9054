/**
 * `shotNoise`: Poisson (photon) noise as ImageNet-C's `shot_noise`: `poisson(x/255·c)/c·255` per
 * colour sample, c drawn uniformly from `scale` (ImageNet-C severities 1–5: c = 60, 25, 12, 5, 3;
 * smaller = noisier). Seeded per pixel from the params. Rounded half to even (ImageNet-C truncates).
 */
import type { OpDef } from '../core/types.js';
import { MAX_SHOT_SCALE } from '../stages/noise.js';

interface Config { scale: readonly [number, number] }
interface Params { scale: number; seed: number }

export const op: OpDef<Config, Params> = {
  name: 'shotNoise',
  summary: 'Poisson shot noise, poisson(x/255·c)/c·255 with c from [lo, hi] (ImageNet-C).',
  reference: 'hendrycks/robustness ImageNet-C shot_noise, rounded instead of truncated',
  config: {
    scale: { type: 'range', min: 0.5, max: MAX_SHOT_SCALE, default: [3, 60], scalar: (x) => [x, x], doc: 'photons per unit intensity c, uniform in [lo, hi] (ImageNet-C: 60, 25, 12, 5, 3)' },
  },
  params: {
    scale: { type: 'number', min: 0.5, max: MAX_SHOT_SCALE, doc: 'photons per unit intensity' },
    seed: { type: 'number', integer: true, min: 0, max: 4294967295, doc: 'seed of the pixel noise' },
  },
  sample: (c, rng) => ({ scale: rng.uniform(c.scale[0], c.scale[1]), seed: rng.seed32() }),
  lower: (p) => [{ kind: 'noise', mode: 'shot', seed: p.seed, scale: p.scale }],
};
