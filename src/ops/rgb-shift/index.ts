/**
 * `rgbShift`: albumentations RGBShift on uint8 — a per-channel table: v + shift in float32, clipped to
 * [0, 255], truncated (numpy astype). Alpha kept; grey input is shifted by `rShift`.
 */
import type { ImageInfo, OpDef, Stage } from '../core/types.js';
import type { NumberField, RangeField } from '../core/fields.js';
import type { LutStage } from '../stages/lut.js';
import { f32, truncU8 } from '../stages/util.js';

/** The stages of an RGB shift on an image of `info`. */
export function rgbShiftStages(shifts: readonly [number, number, number], info: ImageInfo): Stage[] {
  const cc = info.channels === 1 ? 1 : 3;
  const t = new Uint8Array(256 * cc);
  for (let c = 0; c < cc; c++) {
    const s = f32(shifts[c]!);
    for (let v = 0; v < 256; v++) t[c * 256 + v] = truncU8(f32(v + s));
  }
  return [{ kind: 'lut', tables: t } as LutStage];
}

const limit = (name: string) => ({ type: 'range', min: -255, max: 255, default: [-20, 20], scalar: (x: number): [number, number] => [-Math.abs(x), Math.abs(x)], doc: `${name} shift in levels: [lo, hi] drawn uniformly, or x for [−x, x] (default ±20)` } satisfies RangeField);
const shift = (name: string) => ({ type: 'number', min: -255, max: 255, doc: `${name} shift in levels` } satisfies NumberField);

export const op: OpDef<{ rShiftLimit: readonly [number, number]; gShiftLimit: readonly [number, number]; bShiftLimit: readonly [number, number] }, { rShift: number; gShift: number; bShift: number }> = {
  name: 'rgbShift',
  summary: 'Add a random offset to each of R, G, B (albumentations RGBShift).',
  reference: 'albumentations RGBShift',
  example: { rShiftLimit: [40, 40], gShiftLimit: [-20, -20], bShiftLimit: [0, 0] },
  config: { rShiftLimit: limit('red'), gShiftLimit: limit('green'), bShiftLimit: limit('blue') },
  params: { rShift: shift('red'), gShift: shift('green'), bShift: shift('blue') },
  sample: (c, rng) => ({ rShift: rng.uniform(c.rShiftLimit[0], c.rShiftLimit[1]), gShift: rng.uniform(c.gShiftLimit[0], c.gShiftLimit[1]), bShift: rng.uniform(c.bShiftLimit[0], c.bShiftLimit[1]) }),
  lower: (p, info) => rgbShiftStages([p.rShift, p.gShift, p.bShift], info),
};
