/**
 * `mixUp`: torchvision v2 `MixUp(alpha=1.0, num_classes)` as the last node of a pipeline — each output
 * is λ·x + (1 − λ)·x_partner, λ ~ Beta(alpha, alpha), where x is this item's output of the ops before
 * it and x_partner the partner's (the previous output of the call, as torchvision's `batch.roll(1, 0)`);
 * labels are mixed with the same λ (`augmentBatch(images, { labels })`). Differences, on purpose: λ is
 * drawn per output (torchvision draws one per batch), so an output's params depend on (seed, index) and
 * its partner only; pixels are mixed in float32 and rounded half to even back to uint8.
 * See `src/ops/mix/index.ts` for how the engine runs it.
 */
import type { OpDef } from '../core/types.js';
import { MIX_CONFIG, MIX_PARTNER_PARAMS, checkAlpha, mixLower, type MixPartnerParams } from '../mix/index.js';

interface Config { alpha: number; numClasses: number | null }
/** Params of one mixUp output. */
export interface MixUpParams extends MixPartnerParams { lambda: number }

export const op: OpDef<Config, MixUpParams> = {
  name: 'mixUp',
  summary: 'Mix each output with its partner (the previous output of the batch) and their labels: λ·x + (1 − λ)·x′, λ ~ Beta(α, α). Last op only.',
  reference: 'torchvision v2 MixUp (_augment.py)',
  example: { alpha: 1 },
  config: MIX_CONFIG,
  params: {
    lambda: { type: 'number', min: 0, max: 1, doc: 'weight of this item (1 − lambda: the partner), also the label weight' },
    ...MIX_PARTNER_PARAMS,
  },
  check: (c) => checkAlpha('mixUp', c.alpha),
  sample(c, rng) {
    return { lambda: rng.beta(c.alpha, c.alpha), partnerIndex: null, partnerSource: null, partnerOps: null };
  },
  lower: mixLower('mixUp'),
};
