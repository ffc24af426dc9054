/**
 * `colorQuantize`: colour quantisation — every colour channel to `levels` evenly spaced values (6 = the
 * 216-colour web palette of Pillow's `convert('P')`, what AugLy's `convert_color(mode='P')` applies), with
 * optional Floyd–Steinberg error diffusion (the `quantize` stage). Exact against the definition (a float64
 * reference in the goldens' gen.py). Difference: Pillow's own web-palette conversion finds colours
 * through a 5-6-5-bit cache and diffuses integer errors; its bytes are not reproduced (checked only for
 * closeness in the test).
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'colorQuantize', levels: [3, 8], dither: 'floydSteinberg' }] });
 * ```
 */
import type { OpDef } from '../core/types.js';
import type { QuantizeStage } from '../stages/quantize.js';

type Dither = 'none' | 'floydSteinberg';

export const op: OpDef<{ levels: readonly [number, number]; dither: Dither }, { levels: number; dither: Dither }> = {
  name: 'colorQuantize',
  summary: 'Colour quantisation to N levels per channel (6 = web palette), optional Floyd–Steinberg dithering.',
  reference: 'AugLy convert_color(mode="P") (effect: Pillow web palette); Floyd & Steinberg 1976 error diffusion',
  example: { levels: 4, dither: 'floydSteinberg' },
  config: {
    levels: { type: 'range', integer: true, min: 2, max: 256, default: [6, 6], scalar: (x) => [x, x], doc: 'levels per channel, integer uniform in [lo, hi] (6 = web palette)' },
    dither: { type: 'enum', values: ['none', 'floydSteinberg'], default: 'floydSteinberg', doc: 'error diffusion' },
  },
  params: {
    levels: { type: 'number', integer: true, min: 2, max: 256, doc: 'levels per channel' },
    dither: { type: 'enum', values: ['none', 'floydSteinberg'], default: 'floydSteinberg', doc: 'error diffusion' },
  },
  sample: (c, rng) => ({ levels: rng.intIn(c.levels[0], c.levels[1]), dither: c.dither }),
  lower: (p) => [{ kind: 'quantize', levels: p.levels, dither: p.dither } as QuantizeStage],
};
