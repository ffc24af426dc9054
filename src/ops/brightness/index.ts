/**
 * `brightness`: torchvision 0.14 `F.adjust_brightness` — `_blend(img, zeros, factor)`: v·factor in float32,
 * clamped, truncated to uint8 (byte-identical). A `color` stage, so it fuses with neighbouring colour
 * matrices in pipelines (one truncation instead of several: within a level of the op-by-op result).
 */
import type { OpDef, Stage } from '../core/types.js';
import type { ColorStage } from '../stages/color.js';

/** The stages of adjust_brightness(factor). */
export function brightnessStages(factor: number): Stage[] {
  return [{ kind: 'color', m: [factor, 0, 0, 0, 0, factor, 0, 0, 0, 0, factor, 0], rounding: 'trunc' } as ColorStage];
}

export const op: OpDef<{ factor: readonly [number, number] }, { factor: number }> = {
  name: 'brightness',
  summary: 'Scale brightness by a factor (0 = black, 1 = unchanged); torchvision adjust_brightness, exact.',
  reference: 'torchvision 0.14 F.adjust_brightness',
  config: { factor: { type: 'range', min: 0, scalar: (x) => [x, x], doc: 'brightness factor: a number, or [lo, hi] drawn uniformly (torchvision ColorJitter(brightness=b) is [max(0, 1 − b), 1 + b])' } },
  params: { factor: { type: 'number', min: 0, doc: 'brightness factor (≥ 0; 1 = unchanged)' } },
  sample: (c, rng) => ({ factor: rng.uniform(c.factor[0], c.factor[1]) }),
  lower: (p) => brightnessStages(p.factor),
};
