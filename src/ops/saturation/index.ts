/**
 * `saturation`: torchvision 0.14 `F.adjust_saturation` (RandAugment's "Color") — blend each pixel with
 * its truncated-uint8 grey level in float32, clamped, truncated (byte-identical). Grey input unchanged.
 */
import type { ImageInfo, OpDef, Stage } from '../core/types.js';
import type { BlendStage } from '../stages/blend.js';

/** The stages of adjust_saturation(factor) on an image of `info`. */
export function saturationStages(factor: number, info: ImageInfo): Stage[] {
  return info.channels === 1 ? [] : [{ kind: 'blend', with: 'grey', ratio: factor } as BlendStage];
}

export const op: OpDef<{ factor: readonly [number, number] }, { factor: number }> = {
  name: 'saturation',
  summary: 'Scale colour saturation (0 = grey, 1 = unchanged); torchvision adjust_saturation, exact.',
  reference: 'torchvision 0.14 F.adjust_saturation',
  example: { factor: 2 },
  config: { factor: { type: 'range', min: 0, scalar: (x) => [x, x], doc: 'saturation factor: a number, or [lo, hi] drawn uniformly' } },
  params: { factor: { type: 'number', min: 0, doc: 'saturation factor (≥ 0; 1 = unchanged)' } },
  sample: (c, rng) => ({ factor: rng.uniform(c.factor[0], c.factor[1]) }),
  lower: (p, info) => saturationStages(p.factor, info),
};
