/**
 * `downscale`: albumentations `Downscale(scale_min=0.25, scale_max=0.25, interpolation=INTER_NEAREST)`
 * — shrink by a scale drawn uniformly from [lo, hi], then resize back (pixelation), OpenCV `cv2.resize`
 * semantics on u8 for both steps. Difference: albumentations converts to float for linear
 * interpolation and truncates on the way back; we resize the u8 image as OpenCV does (rounded).
 */
import type { OpDef } from '../core/types.js';

interface Config { scale: readonly [number, number]; interpolation: 'nearest' | 'linear' }
interface Params { scale: number; interpolation: 'nearest' | 'linear' }

export const op: OpDef<Config, Params> = {
  name: 'downscale',
  summary: 'Downscale then upscale back (pixelate), scale from [lo, hi] (albumentations Downscale).',
  reference: 'albumentations Downscale; OpenCV 4.6 cv2.resize (INTER_NEAREST / INTER_LINEAR)',
  config: {
    scale: { type: 'range', min: 0.001, max: 1, default: [0.25, 0.25], scalar: (x) => [x, x], doc: 'downscale factor, uniform in [lo, hi]' },
    interpolation: { type: 'enum', values: ['nearest', 'linear'], default: 'nearest', doc: 'interpolation for both steps' },
  },
  params: {
    scale: { type: 'number', min: 0.001, max: 1, doc: 'downscale factor' },
    interpolation: { type: 'enum', values: ['nearest', 'linear'], default: 'nearest', doc: 'interpolation' },
  },
  sample: (c, rng) => ({ scale: rng.uniform(c.scale[0], c.scale[1]), interpolation: c.interpolation }),
  lower: (p) => [{ kind: 'downscale', scale: p.scale, interpolation: p.interpolation }],
};
