/**
 * `sharpen`: AugLy `sharpen` — Pillow `ImageEnhance.Sharpness(image).enhance(factor)`: a blend of the
 * image with Pillow's SMOOTH filter ([[1,1,1],[1,5,1],[1,1,1]]/13, border pixels kept). Lowered to the
 * `blend` stage that torchvision's adjust_sharpness uses (torchvision copied Pillow's kernel): within 1
 * level of Pillow — Pillow blends as deg + factor·(img − deg) in float32 and truncates, torch as
 * factor·img + (1 − factor)·deg; and Pillow also blends the alpha band, which we keep.
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'sharpen', factor: [1, 8] }] });
 * ```
 */
import type { OpDef } from '../core/types.js';
import type { BlendStage } from '../stages/blend.js';

export const op: OpDef<{ factor: readonly [number, number] }, { factor: number }> = {
  name: 'sharpen',
  summary: 'Sharpen (> 1) or soften (< 1) against Pillow’s SMOOTH filter (AugLy sharpen; ±1 level vs Pillow).',
  reference: 'AugLy augly/image/functional.py sharpen (Pillow ImageEnhance.Sharpness)',
  example: { factor: 6 },
  config: { factor: { type: 'range', min: 0, max: 1000, default: [1, 1], scalar: (x) => [x, x], doc: 'sharpness factor (0 = smoothed, 1 = unchanged), uniform in [lo, hi]' } },
  params: { factor: { type: 'number', min: 0, max: 1000, doc: 'sharpness factor' } },
  sample: (c, rng) => ({ factor: rng.uniform(c.factor[0], c.factor[1]) }),
  lower: (p) => [{ kind: 'blend', with: 'blurred', ratio: p.factor } as BlendStage],
};
