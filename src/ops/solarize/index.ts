/** `solarize`: invert levels ≥ threshold (torchvision 0.14 F.solarize: `img >= threshold`; exact). */
import type { OpDef, Stage } from '../core/types.js';
import { tableOf, type LutStage } from '../stages/lut.js';

/** The stages of solarize(threshold). */
export function solarizeStages(threshold: number): Stage[] {
  return [{ kind: 'lut', tables: tableOf((v) => (v >= threshold ? 255 - v : v)) } as LutStage];
}

export const op: OpDef<{ threshold: readonly [number, number] }, { threshold: number }> = {
  name: 'solarize',
  summary: 'Invert levels at or above a threshold (exact). With p: RandomSolarize.',
  reference: 'torchvision 0.14 F.solarize',
  example: { threshold: 128 },
  config: { threshold: { type: 'range', max: 255, scalar: (x) => [x, x], doc: 'threshold level ≤ 255 (a real number; levels ≥ it are inverted, so ≤ 0 inverts all): a number, or [lo, hi] drawn uniformly' } },
  params: { threshold: { type: 'number', max: 255, doc: 'threshold level ≤ 255 (levels ≥ it are inverted; torchvision rejects > 255)' } },
  sample: (c, rng) => ({ threshold: rng.uniform(c.threshold[0], c.threshold[1]) }),
  lower: (p) => solarizeStages(p.threshold),
};
