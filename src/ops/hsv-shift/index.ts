/**
 * `hsvShift`: albumentations HueSaturationValue on uint8 — OpenCV 8-bit HSV (hue 0..179), hue shifted
 * modulo 180, saturation and value shifted and clipped, back to RGB (see the `hsvShift` stage). Grey
 * input: only the value shift applies (as albumentations). Alpha kept.
 */
import type { OpDef, Stage } from '../core/types.js';
import type { RangeField } from '../core/fields.js';
import type { HsvShiftStage } from '../stages/hsv-shift.js';

/** The stages of an HSV shift. */
export function hsvShiftStages(hueShift: number, satShift: number, valShift: number): Stage[] {
  return [{ kind: 'hsvShift', hueShift, satShift, valShift } as HsvShiftStage];
}

const limit = (what: string, d: number, max: number) => ({ type: 'range', min: -max, max, default: [-d, d], scalar: (x: number): [number, number] => [-Math.abs(x), Math.abs(x)], doc: `${what}: [lo, hi] drawn uniformly, or x for [−x, x] (default ±${d})` } satisfies RangeField);

export const op: OpDef<{ hueShiftLimit: readonly [number, number]; satShiftLimit: readonly [number, number]; valShiftLimit: readonly [number, number] }, { hueShift: number; satShift: number; valShift: number }> = {
  name: 'hsvShift',
  summary: 'Shift hue, saturation and value (albumentations HueSaturationValue, OpenCV 8-bit HSV).',
  reference: 'albumentations HueSaturationValue (cv2 RGB2HSV / HSV2RGB)',
  example: { hueShiftLimit: [30, 30], satShiftLimit: [40, 40], valShiftLimit: [0, 0] },
  config: {
    hueShiftLimit: limit('hue shift in OpenCV units (180 = a full turn)', 20, 180),
    satShiftLimit: limit('saturation shift in levels', 30, 255),
    valShiftLimit: limit('value shift in levels', 20, 255),
  },
  params: {
    hueShift: { type: 'number', min: -180, max: 180, doc: 'hue shift (OpenCV units: 180 = a full turn)' },
    satShift: { type: 'number', min: -255, max: 255, doc: 'saturation shift in levels' },
    valShift: { type: 'number', min: -255, max: 255, doc: 'value shift in levels' },
  },
  sample: (c, rng) => ({ hueShift: rng.uniform(c.hueShiftLimit[0], c.hueShiftLimit[1]), satShift: rng.uniform(c.satShiftLimit[0], c.satShiftLimit[1]), valShift: rng.uniform(c.valShiftLimit[0], c.valShiftLimit[1]) }),
  lower: (p) => hsvShiftStages(p.hueShift, p.satShift, p.valShift),
};
