/**
 * `contrast`: torchvision 0.14 `F.adjust_contrast` — blend with the float32 mean of the truncated-uint8
 * greyscale image (of the values, for grey input), float32, clamped, truncated (byte-identical). RGBA
 * (which torchvision rejects): the mean is of the RGB greyscale, alpha kept.
 */
import type { OpDef, Stage } from '../core/types.js';
import type { BlendStage } from '../stages/blend.js';

/** The stages of adjust_contrast(factor). */
export function contrastStages(factor: number): Stage[] {
  return [{ kind: 'blend', with: 'greyMean', ratio: factor } as BlendStage];
}

export const op: OpDef<{ factor: readonly [number, number] }, { factor: number }> = {
  name: 'contrast',
  summary: 'Scale contrast about the mean grey level (0 = flat grey, 1 = unchanged); torchvision adjust_contrast, exact.',
  reference: 'torchvision 0.14 F.adjust_contrast',
  example: { factor: 0.5 },
  config: { factor: { type: 'range', min: 0, scalar: (x) => [x, x], doc: 'contrast factor: a number, or [lo, hi] drawn uniformly' } },
  params: { factor: { type: 'number', min: 0, doc: 'contrast factor (≥ 0; 1 = unchanged)' } },
  sample: (c, rng) => ({ factor: rng.uniform(c.factor[0], c.factor[1]) }),
  lower: (p) => contrastStages(p.factor),
};
