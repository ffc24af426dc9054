/**
 * `elastic`: elastic deformation — torchvision 0.14 ElasticTransform / F.elastic_transform on a uint8
 * tensor. The random form draws a seed; the `remap` stage regenerates the displacement field from
 * (alpha, sigma, seed) as ElasticTransform.get_params does (uniform noise in [−1, 1), Gaussian blur with
 * kernel int(8σ + 1) made odd, × alpha / size), so params replay byte-identically. The noise comes from
 * our counter-based generator, not torch.rand: the field has torchvision's distribution, not its values.
 * The functional `elasticTransform(img, displacement, …)` takes torchvision's field and matches it.
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'elastic', alpha: 50, sigma: 5 }] });
 * ```
 */
import { EdgeAugmentError } from '../../errors.js';
import type { OpDef } from '../core/types.js';
import type { RemapStage } from '../stages/remap.js';

export interface ElasticConfig {
  alpha: readonly number[];
  sigma: readonly number[];
  interpolation: 'nearest' | 'bilinear';
  fill: readonly number[];
}

export interface ElasticParams {
  alpha: readonly number[];
  sigma: readonly number[];
  seed: number;
  displacement: Float32Array | readonly number[] | null;
  interpolation: 'nearest' | 'bilinear';
  fill: readonly number[] | null;
}

export const op: OpDef<ElasticConfig, ElasticParams> = {
  name: 'elastic',
  summary: 'Elastic deformation: a smoothed random displacement field (ElasticTransform).',
  reference: 'torchvision 0.14 ElasticTransform / F.elastic_transform',
  config: {
    alpha: { type: 'numbers', broadcast: 2, minLength: 2, maxLength: 2, min: 0, default: [50, 50], doc: 'strength: one value or [x, y] (torchvision divides x by the height, y by the width)' },
    sigma: { type: 'numbers', broadcast: 2, minLength: 2, maxLength: 2, min: 0, default: [5, 5], doc: 'smoothness (Gaussian σ): one value or [x, y]' },
    interpolation: { type: 'enum', values: ['nearest', 'bilinear'], default: 'bilinear', doc: 'sampling' },
    fill: { type: 'numbers', broadcast: 1, maxLength: 4, default: [0], doc: 'fill outside the image: one value or one per channel' },
  },
  params: {
    alpha: { type: 'numbers', minLength: 2, maxLength: 2, min: 0, default: [50, 50], doc: 'strength [x, y]' },
    sigma: { type: 'numbers', minLength: 2, maxLength: 2, min: 0, default: [5, 5], doc: 'smoothness [x, y]' },
    seed: { type: 'number', integer: true, min: 0, max: 4294967295, default: 0, doc: 'noise seed of the displacement field' },
    displacement: { type: 'json', default: null, doc: 'explicit field (float32 [H, W, 2], normalised units as torchvision); overrides alpha/sigma/seed' },
    interpolation: { type: 'enum', values: ['nearest', 'bilinear'], default: 'bilinear', doc: 'sampling' },
    fill: { type: 'numbers', maxLength: 4, nullable: true, default: null, doc: 'fill (null: zeros without the mask)' },
  },
  sample: (c, rng) => ({ alpha: c.alpha, sigma: c.sigma, seed: rng.seed32(), displacement: null, interpolation: c.interpolation, fill: c.fill }),
  lower(p, info) {
    const d = p.displacement;
    if (d !== null && d !== undefined) {
      const ok = (d instanceof Float32Array || (Array.isArray(d) && d.every((x) => typeof x === 'number' && Number.isFinite(x)))) && d.length === info.width * info.height * 2;
      if (!ok) throw new EdgeAugmentError('INVALID_PARAMS', `elastic.displacement: expected ${info.width * info.height * 2} finite numbers (a float32 [${info.height}, ${info.width}, 2] field), got ${d instanceof Float32Array || Array.isArray(d) ? `${d.length} values` : typeof d}.`, { details: { field: 'displacement' } });
    }
    const stage: RemapStage = {
      kind: 'remap',
      displacement: d ?? null,
      elastic: d ? null : { alpha: [p.alpha[0]!, p.alpha[1]!], sigma: [p.sigma[0]!, p.sigma[1]!], seed: p.seed },
      interpolation: p.interpolation,
      fill: p.fill,
    };
    return [stage];
  },
};
