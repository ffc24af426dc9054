/**
 * `sharpness`: torchvision 0.14 `F.adjust_sharpness` — blend with the 3×3 [[1,1,1],[1,5,1],[1,1,1]]/13
 * blur (rounded; border pixels kept), float32, clamped, truncated (byte-identical). Images with a side
 * ≤ 2 are unchanged. With p: RandomAdjustSharpness.
 */
import type { OpDef, Stage } from '../core/types.js';
import type { BlendStage } from '../stages/blend.js';

/** The stages of adjust_sharpness(factor). */
export function sharpnessStages(factor: number): Stage[] {
  return [{ kind: 'blend', with: 'blurred', ratio: factor } as BlendStage];
}

export const op: OpDef<{ factor: readonly [number, number] }, { factor: number }> = {
  name: 'sharpness',
  summary: 'Sharpen (factor > 1) or soften (< 1) against a 3×3 blur; torchvision adjust_sharpness, exact.',
  reference: 'torchvision 0.14 F.adjust_sharpness',
  example: { factor: 4 },
  config: { factor: { type: 'range', min: 0, scalar: (x) => [x, x], doc: 'sharpness factor: a number, or [lo, hi] drawn uniformly (0 = blurred, 1 = unchanged, 2 = twice sharpened)' } },
  params: { factor: { type: 'number', min: 0, doc: 'sharpness factor (≥ 0; 1 = unchanged)' } },
  sample: (c, rng) => ({ factor: rng.uniform(c.factor[0], c.factor[1]) }),
  lower: (p) => sharpnessStages(p.factor),
};
