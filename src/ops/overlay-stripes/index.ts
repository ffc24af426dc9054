/**
 * `overlayStripes`: AugLy `overlay_stripes` — stripes of `lineColor` pasted through AugLy's stripe mask
 * (compute_stripe_mask: cos(2π·(x·sin θ + y·cos θ)/d) about the image centre, d = (1 − lineDensity)·min(W, H),
 * on where (cos + 1)/2 > (cos(π·lineWidth) + 1)/2); `dotted` multiplies by the perpendicular mask,
 * `dashed` by the perpendicular mask of width 0.7; mask level ⌊lineOpacity·255⌋; Pillow paste
 * arithmetic. The cosine is our own (IEEE basic operations only), so bytes are identical in every JS
 * engine; it agrees with numpy's to ~1 ulp (a pixel can flip only where the stripe edge falls within
 * that of a sample point).
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'overlayStripes', lineWidth: [0.2, 0.6], lineAngle: [-45, 45], lineDensity: [0.5, 0.9], lineType: 'dashed', lineOpacity: 0.7 }] });
 * ```
 */
import { EdgeAugmentError } from '../../errors.js';
import type { OpDef } from '../core/types.js';
import type { StripesStage } from '../stages/paste.js';

type LineType = 'solid' | 'dotted' | 'dashed';
interface Config { lineWidth: readonly [number, number]; lineColor: readonly number[]; lineAngle: readonly [number, number]; lineDensity: readonly [number, number]; lineType: LineType; lineOpacity: readonly [number, number] }
interface Params { lineWidth: number; lineColor: readonly number[]; lineAngle: number; lineDensity: number; lineType: LineType; lineOpacity: number }

const COLOR = { type: 'numbers', minLength: 3, maxLength: 3, integer: true, min: 0, max: 255, default: [255, 255, 255], doc: 'stripe colour [r, g, b]' } as const;

export const op: OpDef<Config, Params> = {
  name: 'overlayStripes',
  summary: 'Overlay solid, dotted or dashed stripes at an angle, width, density and opacity (AugLy overlay_stripes).',
  reference: 'AugLy augly/image/functional.py overlay_stripes, augly/image/utils/utils.py compute_stripe_mask',
  example: { lineWidth: 0.3, lineAngle: 30, lineDensity: 0.8, lineOpacity: 0.8 },
  config: {
    lineWidth: { type: 'range', min: 0, max: 1, default: [0.5, 0.5], scalar: (x) => [x, x], doc: 'stripe width as a fraction of the period, 0..1' },
    lineColor: COLOR,
    lineAngle: { type: 'range', min: -360, max: 360, default: [0, 0], scalar: (x) => [x, x], doc: 'stripe angle in degrees (0 = horizontal)' },
    lineDensity: { type: 'range', min: 0, max: 0.999, default: [0.5, 0.5], scalar: (x) => [x, x], doc: 'spacing: period = (1 − density)·min(W, H)' },
    lineType: { type: 'enum', values: ['solid', 'dotted', 'dashed'], default: 'solid', doc: 'solid, dotted or dashed' },
    lineOpacity: { type: 'range', min: 0, max: 1, default: [1, 1], scalar: (x) => [x, x], doc: 'stripe opacity 0..1' },
  },
  params: {
    lineWidth: { type: 'number', min: 0, max: 1, doc: 'stripe width fraction' },
    lineColor: COLOR,
    lineAngle: { type: 'number', min: -360, max: 360, doc: 'angle in degrees' },
    lineDensity: { type: 'number', min: 0, max: 0.999, doc: 'density' },
    lineType: { type: 'enum', values: ['solid', 'dotted', 'dashed'], default: 'solid', doc: 'line type' },
    lineOpacity: { type: 'number', min: 0, max: 1, doc: 'opacity' },
  },
  sample: (c, rng) => ({
    lineWidth: rng.uniform(c.lineWidth[0], c.lineWidth[1]),
    lineColor: c.lineColor,
    lineAngle: rng.uniform(c.lineAngle[0], c.lineAngle[1]),
    lineDensity: rng.uniform(c.lineDensity[0], c.lineDensity[1]),
    lineType: c.lineType,
    lineOpacity: rng.uniform(c.lineOpacity[0], c.lineOpacity[1]),
  }),
  lower(p, info) {
    if ((1 - p.lineDensity) * Math.min(info.width, info.height) <= 0) throw new EdgeAugmentError('INVALID_PARAMS', 'overlayStripes: lineDensity leaves no stripe period.', { details: { field: 'lineDensity' } });
    return [{ kind: 'stripes', lineWidth: p.lineWidth, lineColor: p.lineColor, lineAngle: p.lineAngle, lineDensity: p.lineDensity, lineType: p.lineType, lineOpacity: p.lineOpacity } as StripesStage];
  },
};
