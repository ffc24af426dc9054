/** `posterize`: keep the top `bits` bits of each colour level (torchvision 0.14 F.posterize; exact). */
import type { OpDef, Stage } from '../core/types.js';
import { tableOf, type LutStage } from '../stages/lut.js';

/** The stages of posterize(bits). */
export function posterizeStages(bits: number): Stage[] {
  const mask = -(2 ** (8 - bits)) & 255;
  return [{ kind: 'lut', tables: tableOf((v) => v & mask) } as LutStage];
}

export const op: OpDef<{ bits: readonly [number, number] }, { bits: number }> = {
  name: 'posterize',
  summary: 'Keep the top bits of each level (exact). With p: RandomPosterize.',
  reference: 'torchvision 0.14 F.posterize',
  example: { bits: 3 },
  config: { bits: { type: 'range', integer: true, min: 0, max: 8, scalar: (x) => [x, x], doc: 'bits kept (0..8): a number, or [lo, hi] drawn uniformly' } },
  params: { bits: { type: 'number', integer: true, min: 0, max: 8, doc: 'bits kept (0..8)' } },
  sample: (c, rng) => ({ bits: rng.intIn(c.bits[0], c.bits[1]) }),
  lower: (p) => posterizeStages(p.bits),
};
