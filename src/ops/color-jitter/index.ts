/**
 * `colorJitter`: torchvision 0.14 ColorJitter — brightness, contrast, saturation and hue adjusted in a
 * random order (torch.randperm(4)), each factor drawn uniformly from its range. Config follows
 * torchvision's rules: a number b (≥ 0) means [max(0, 1 − b), 1 + b] for brightness, contrast and
 * saturation, and h (0..0.5) means [−h, h] for hue; a [lo, hi] pair is taken as is; 0 / null / a range
 * that is exactly [1, 1] (hue [0, 0]) switches that adjustment off. Params record the order and the
 * factors (null = off). Lowering = the single ops' stages in that order (`brightness`, `contrast`,
 * `saturation`, `hue`), so each step is torchvision's, byte for byte, inline, in workers and in replay;
 * brightness's table is folded into the following adjustment's reads (`foldTables`: same bytes, one pass
 * fewer).
 */
import { EdgeAugmentError } from '../../errors.js';
import type { ImageInfo, OpDef, Stage } from '../core/types.js';
import type { RangeField } from '../core/fields.js';
import { brightnessStages } from '../brightness/index.js';
import { contrastStages } from '../contrast/index.js';
import { saturationStages } from '../saturation/index.js';
import { hueStages } from '../hue/index.js';
import { foldTables } from '../stages/pre-table.js';

type Range = readonly [number, number] | null;

interface Config { brightness: Range; contrast: Range; saturation: Range; hue: Range }
interface Params { order: readonly number[]; brightness: number | null; contrast: number | null; saturation: number | null; hue: number | null }

const factor = (what: string): RangeField => ({
  type: 'range', min: 0, nullable: true, default: null,
  scalar: (x) => [Math.max(0, 1 - x), 1 + x],
  doc: `${what}: b ≥ 0 for factors in [max(0, 1 − b), 1 + b], or [lo, hi] (≥ 0); 0 or null = off`,
});

/** Stages of one ColorJitter output on an image of `info`. */
export function colorJitterStages(p: Params, info: ImageInfo): Stage[] {
  const out: Stage[] = [];
  for (const k of p.order) {
    if (k === 0 && p.brightness !== null) out.push(...brightnessStages(p.brightness));
    else if (k === 1 && p.contrast !== null) out.push(...contrastStages(p.contrast));
    else if (k === 2 && p.saturation !== null) out.push(...saturationStages(p.saturation, info));
    else if (k === 3 && p.hue !== null) out.push(...hueStages(p.hue, info));
  }
  // Brightness (a table) rides on the next adjustment's reads: same bytes, one pass fewer.
  return foldTables(out);
}

/** torchvision turns a range equal to [center, center] off. */
function active(r: Range, center: number): r is readonly [number, number] {
  return r !== null && !(r[0] === center && r[1] === center);
}

export const op: OpDef<Config, Params> = {
  name: 'colorJitter',
  summary: 'Random brightness, contrast, saturation and hue in a random order (torchvision ColorJitter).',
  reference: 'torchvision 0.14 transforms.ColorJitter',
  example: { brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 },
  config: {
    brightness: factor('brightness'),
    contrast: factor('contrast'),
    saturation: factor('saturation'),
    hue: { type: 'range', min: -0.5, max: 0.5, nullable: true, default: null, scalar: (x) => [-x, x], doc: 'hue: h in [0, 0.5] for shifts in [−h, h] turns, or [lo, hi] within [−0.5, 0.5]; 0 or null = off' },
  },
  params: {
    order: { type: 'numbers', integer: true, min: 0, max: 3, minLength: 4, maxLength: 4, doc: 'order of the adjustments (0 brightness, 1 contrast, 2 saturation, 3 hue): a permutation of 0..3' },
    brightness: { type: 'number', min: 0, nullable: true, default: null, doc: 'brightness factor, or null (off)' },
    contrast: { type: 'number', min: 0, nullable: true, default: null, doc: 'contrast factor, or null (off)' },
    saturation: { type: 'number', min: 0, nullable: true, default: null, doc: 'saturation factor, or null (off)' },
    hue: { type: 'number', min: -0.5, max: 0.5, nullable: true, default: null, doc: 'hue shift in turns, or null (off)' },
  },
  sample(c, rng) {
    // torchvision get_params: randperm(4), then one uniform draw per active range, in this order.
    const order = rng.permutation(4);
    const draw = (r: Range, center: number): number | null => (active(r, center) ? rng.uniform(r[0], r[1]) : null);
    const brightness = draw(c.brightness, 1);
    const contrast = draw(c.contrast, 1);
    const saturation = draw(c.saturation, 1);
    const hue = draw(c.hue, 0);
    return { order, brightness, contrast, saturation, hue };
  },
  lower(p, info) {
    if ([...p.order].sort().join() !== '0,1,2,3') throw new EdgeAugmentError('INVALID_PARAMS', `colorJitter.order: got ${JSON.stringify(p.order)}; allowed: a permutation of [0, 1, 2, 3].`, { details: { field: 'colorJitter.order' } });
    return colorJitterStages(p, info);
  },
};
