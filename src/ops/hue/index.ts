/**
 * `hue`: torchvision 0.14 `F.adjust_hue` — float32 HSV round trip with the hue turned by `factor`
 * (in turns, −0.5..0.5), then ×255 truncated (byte-identical; factor 0 is therefore not always the
 * identity, as in torchvision). Grey input unchanged.
 */
import type { ImageInfo, OpDef, Stage } from '../core/types.js';
import type { HueStage } from '../stages/hue.js';

/** The stages of adjust_hue(factor) on an image of `info`. */
export function hueStages(factor: number, info: ImageInfo): Stage[] {
  return info.channels === 1 ? [] : [{ kind: 'hue', factor } as HueStage];
}

export const op: OpDef<{ factor: readonly [number, number] }, { factor: number }> = {
  name: 'hue',
  summary: 'Turn the hue by a fraction of a full turn (−0.5..0.5); torchvision adjust_hue, exact.',
  reference: 'torchvision 0.14 F.adjust_hue',
  example: { factor: 0.25 },
  config: { factor: { type: 'range', min: -0.5, max: 0.5, scalar: (x) => [x, x], doc: 'hue shift in turns: a number, or [lo, hi] drawn uniformly, within [−0.5, 0.5]' } },
  params: { factor: { type: 'number', min: -0.5, max: 0.5, doc: 'hue shift in turns (−0.5..0.5)' } },
  sample: (c, rng) => ({ factor: rng.uniform(c.factor[0], c.factor[1]) }),
  lower: (p, info) => hueStages(p.factor, info),
};
