/**
 * `scale`: AugLy `scale` — resize to (⌊W·factor⌋, ⌊H·factor⌋) with a Pillow filter; `auto` (AugLy's
 * default) is lanczos when shrinking and bilinear when enlarging. Pillow 9's resampling reproduced in
 * 22-bit fixed point (`pilResize` stage; RGBA premultiplied): exact vs Pillow. `hamming` and `lanczos`
 * taps use the engine's sin/cos, so those two may differ in rare bytes between JS engines (documented on
 * the stage); the other filters are byte-identical everywhere. A size that rounds to 0 is 1 here.
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'scale', factor: [0.3, 0.8] }] });
 * ```
 */
import type { OpDef } from '../core/types.js';
import type { PilFilter, PilResizeStage } from '../stages/pil-resize.js';

type Interp = 'auto' | PilFilter;
const VALUES = ['auto', 'nearest', 'box', 'bilinear', 'hamming', 'bicubic', 'lanczos'] as const;

export const op: OpDef<{ factor: readonly [number, number]; interpolation: Interp }, { factor: number; interpolation: Interp }> = {
  name: 'scale',
  summary: 'Resize by a factor with a Pillow filter (AugLy scale; exact vs Pillow).',
  reference: 'AugLy augly/image/functional.py scale; Pillow 9.4 Image.resize',
  example: { factor: 0.5 },
  config: {
    factor: { type: 'range', min: 0.001, max: 16, default: [0.5, 0.5], scalar: (x) => [x, x], doc: 'scale factor, uniform in [lo, hi]' },
    interpolation: { type: 'enum', values: VALUES, default: 'auto', doc: "Pillow filter; 'auto' = lanczos when shrinking, bilinear when enlarging" },
  },
  params: {
    factor: { type: 'number', min: 0.001, max: 16, doc: 'scale factor' },
    interpolation: { type: 'enum', values: VALUES, default: 'auto', doc: 'Pillow filter' },
  },
  sample: (c, rng) => ({ factor: rng.uniform(c.factor[0], c.factor[1]), interpolation: c.interpolation }),
  lower(p, info) {
    const filter: PilFilter = p.interpolation === 'auto' ? (p.factor < 1 ? 'lanczos' : 'bilinear') : p.interpolation;
    return [{ kind: 'pilResize', width: Math.max(1, Math.trunc(info.width * p.factor)), height: Math.max(1, Math.trunc(info.height * p.factor)), filter } as PilResizeStage];
  },
};
