/**
 * `cutMix`: torchvision v2 `CutMix(alpha=1.0, num_classes)` as the last node of a pipeline — λ ~
 * Beta(alpha, alpha); a box centred at a uniform pixel (torch.randint(W), torch.randint(H)) with half
 * sides int(0.5·sqrt(1 − λ)·W) and int(0.5·sqrt(1 − λ)·H), clipped to the image; the partner's pixels
 * (the previous output of the call, torchvision's `batch.roll(1, 0)`) are pasted into the box, and λ is
 * recomputed as 1 − box area / image area — exactly the kept fraction — and mixes the labels. Difference,
 * on purpose: the draw is per output (torchvision: one per batch). See `src/ops/mix/index.ts`.
 */
import type { OpDef } from '../core/types.js';
import { MIX_CONFIG, MIX_PARTNER_PARAMS, checkAlpha, mixLower, type MixPartnerParams } from '../mix/index.js';

interface Config { alpha: number; numClasses: number | null }
/** Params of one cutMix output. */
export interface CutMixParams extends MixPartnerParams {
  /** The pasted box as [x1, y1, x2, y2] — columns x1 … x2 − 1 and rows y1 … y2 − 1 come from the partner. */
  box: readonly number[];
  /** 1 − box area / image area: this item's share of the pixels and its label weight. */
  lambda: number;
  /** The Beta draw the box was made from (before clipping and rounding). */
  lambdaSampled: number;
}

export const op: OpDef<Config, CutMixParams> = {
  name: 'cutMix',
  summary: "Paste a random box of each output's partner (the previous output of the batch) into it; labels mixed by the kept area. Last op only.",
  reference: 'torchvision v2 CutMix (_augment.py)',
  example: { alpha: 1 },
  config: MIX_CONFIG,
  params: {
    box: { type: 'numbers', integer: true, min: 0, minLength: 4, maxLength: 4, doc: '[x1, y1, x2, y2] pasted from the partner (x2, y2 exclusive)' },
    lambda: { type: 'number', min: 0, max: 1, doc: '1 − box area / image area (the label weight of this item)' },
    lambdaSampled: { type: 'number', min: 0, max: 1, default: 0, doc: 'the Beta(alpha, alpha) draw' },
    ...MIX_PARTNER_PARAMS,
  },
  check: (c) => checkAlpha('cutMix', c.alpha),
  sample(c, rng, info) {
    const lam = rng.beta(c.alpha, c.alpha);
    const W = info.width;
    const H = info.height;
    const rx = rng.intIn(0, W - 1);
    const ry = rng.intIn(0, H - 1);
    const r = 0.5 * Math.sqrt(1 - lam);
    const rw = Math.trunc(r * W);
    const rh = Math.trunc(r * H);
    const x1 = Math.max(rx - rw, 0);
    const y1 = Math.max(ry - rh, 0);
    const x2 = Math.min(rx + rw, W);
    const y2 = Math.min(ry + rh, H);
    return { box: [x1, y1, x2, y2], lambda: 1 - ((x2 - x1) * (y2 - y1)) / (W * H), lambdaSampled: lam, partnerIndex: null, partnerSource: null, partnerOps: null };
  },
  lower: mixLower('cutMix'),
};
