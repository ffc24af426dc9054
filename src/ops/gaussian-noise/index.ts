/**
 * `gaussianNoise`: additive Gaussian noise, albumentations `GaussNoise`-like — σ drawn uniformly from
 * `std` (in levels; albumentations' default var_limit (10, 50) is σ ∈ [3.16, 7.07]), mean `mean`,
 * one draw per channel (or per pixel with `perChannel: false`), colour channels only. The per-pixel
 * numbers come from a seed carried in the params (replayable). Rounded half to even (albumentations
 * truncates: −½ level of bias we do not copy).
 */
import type { OpDef } from '../core/types.js';

interface Config { std: readonly [number, number]; mean: number; perChannel: boolean }
interface Params { std: number; mean: number; perChannel: boolean; seed: number }

export const op: OpDef<Config, Params> = {
  name: 'gaussianNoise',
  summary: 'Additive Gaussian noise, σ from [lo, hi] levels (albumentations GaussNoise-like).',
  reference: 'albumentations GaussNoise (var_limit as σ), rounded instead of truncated',
  config: {
    std: { type: 'range', min: 0, max: 255, default: [Math.sqrt(10), Math.sqrt(50)], scalar: (x) => [x, x], doc: 'σ in levels, uniform in [lo, hi] (default = albumentations var_limit (10, 50))' },
    mean: { type: 'number', min: -255, max: 255, default: 0, doc: 'mean of the noise in levels' },
    perChannel: { type: 'bool', default: true, doc: 'independent noise per colour channel (false: one value per pixel)' },
  },
  params: {
    std: { type: 'number', min: 0, max: 255, doc: 'σ in levels' },
    mean: { type: 'number', min: -255, max: 255, default: 0, doc: 'mean in levels' },
    perChannel: { type: 'bool', default: true, doc: 'noise per channel' },
    seed: { type: 'number', integer: true, min: 0, max: 4294967295, doc: 'seed of the pixel noise' },
  },
  sample: (c, rng) => ({ std: rng.uniform(c.std[0], c.std[1]), mean: c.mean, perChannel: c.perChannel, seed: rng.seed32() }),
  lower: (p) => [{ kind: 'noise', mode: 'gaussian', seed: p.seed, mean: p.mean, std: p.std, perChannel: p.perChannel }],
};
