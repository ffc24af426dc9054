/**
 * `brightness`: torchvision 0.14 `F.adjust_brightness` — `_blend(img, zeros, factor)`: v·factor in float32,
 * clamped, truncated to uint8 (byte-identical). A `lut` stage: exact in pipelines too (a `color` matrix
 * would fuse with neighbouring matrices and round once instead of op by op) and cheaper per pixel.
 */
import type { OpDef, Stage } from '../core/types.js';
import type { LutStage } from '../stages/lut.js';
import { f32 } from '../stages/util.js';
import { brightnessTable } from '../stages/conv-wasm.js';

/** The stages of adjust_brightness(factor): the table truncU8(f32(k·v)), k = f32(factor). */
export function brightnessStages(factor: number): Stage[] {
  return [{ kind: 'lut', tables: brightnessTable(f32(factor)) } as LutStage];
}

export const op: OpDef<{ factor: readonly [number, number] }, { factor: number }> = {
  name: 'brightness',
  summary: 'Scale brightness by a factor (0 = black, 1 = unchanged); torchvision adjust_brightness, exact.',
  reference: 'torchvision 0.14 F.adjust_brightness',
  example: { factor: 1.4 },
  config: { factor: { type: 'range', min: 0, scalar: (x) => [x, x], doc: 'brightness factor: a number, or [lo, hi] drawn uniformly (torchvision ColorJitter(brightness=b) is [max(0, 1 − b), 1 + b])' } },
  params: { factor: { type: 'number', min: 0, doc: 'brightness factor (≥ 0; 1 = unchanged)' } },
  sample: (c, rng) => ({ factor: rng.uniform(c.factor[0], c.factor[1]) }),
  lower: (p) => brightnessStages(p.factor),
};
