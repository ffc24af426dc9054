/**
 * `pixelization`: AugLy `pixelization` — Pillow `resize((⌊W·ratio⌋, ⌊H·ratio⌋))` then back to W×H, both
 * with Pillow's default bicubic filter (antialiased on the way down, a = −0.5), reproduced in 22-bit
 * fixed point as Pillow computes it (the `pilResize` stage; RGBA premultiplied). Exact vs Pillow 9.
 * `downscale` (albumentations, OpenCV nearest/linear) and `corruption: pixelate` (ImageNet-C, PIL box)
 * are the other two pixelations; this one is AugLy's. Differences: a size that rounds to 0 is 1 here
 * (Pillow raises).
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'pixelization', ratio: [0.1, 0.5] }] });
 * ```
 */
import type { OpDef } from '../core/types.js';
import type { PilResizeStage } from '../stages/pil-resize.js';

export const op: OpDef<{ ratio: readonly [number, number] }, { ratio: number }> = {
  name: 'pixelization',
  summary: 'Pixelate: Pillow bicubic down by a ratio and back up (AugLy pixelization; exact vs Pillow).',
  reference: 'AugLy augly/image/functional.py pixelization; Pillow 9.4 Image.resize (BICUBIC)',
  example: { ratio: 0.2 },
  config: { ratio: { type: 'range', min: 0.001, max: 1, default: [1, 1], scalar: (x) => [x, x], doc: 'downscale ratio (smaller = coarser; 1 = unchanged), uniform in [lo, hi]' } },
  params: { ratio: { type: 'number', min: 0.001, max: 1, doc: 'downscale ratio' } },
  sample: (c, rng) => ({ ratio: rng.uniform(c.ratio[0], c.ratio[1]) }),
  lower: (p, info) => [
    { kind: 'pilResize', width: Math.max(1, Math.trunc(info.width * p.ratio)), height: Math.max(1, Math.trunc(info.height * p.ratio)), filter: 'bicubic', roundTrip: true } as PilResizeStage,
    { kind: 'pilResize', width: info.width, height: info.height, filter: 'bicubic', roundTrip: true } as PilResizeStage,
  ],
};
