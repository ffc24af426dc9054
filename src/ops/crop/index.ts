/**
 * `crop`: torchvision 0.14 RandomCrop (optional `padding` first, `padIfNeeded` to reach the size, then
 * a crop at a uniform position) and, with explicit params, F.crop(img, top, left, height, width) — a
 * box leaving the image is padded with 0 as torchvision does. Exact.
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'crop', size: 32, padding: 4 }] });
 * ```
 */
import { EdgeAugmentError } from '../../errors.js';
import type { OpDef, Stage } from '../core/types.js';
import type { CropStage, PadMode } from '../stages/crop.js';
import { ltrb, padStages } from '../pad/index.js';
import { pairSize } from '../resize/size.js';

export interface CropConfig {
  size: readonly number[];
  padding: readonly number[] | null;
  padIfNeeded: boolean;
  fill: readonly number[];
  paddingMode: PadMode;
}

export interface CropParams {
  top: number;
  left: number;
  height: number;
  width: number;
  padding: readonly number[];
  padIfNeeded: readonly number[];
  fill: readonly number[];
  paddingMode: PadMode;
}

export const op: OpDef<CropConfig, CropParams> = {
  name: 'crop',
  summary: 'Crop at a random position, optionally padding first (RandomCrop); F.crop with params.',
  example: { size: [80, 120] },
  reference: 'torchvision 0.14 RandomCrop / F.crop',
  config: {
    size: { type: 'numbers', broadcast: 2, minLength: 1, maxLength: 2, integer: true, min: 1, max: 65536, doc: 'output [h, w] (a number: square)' },
    padding: { type: 'numbers', broadcast: 1, minLength: 1, maxLength: 4, integer: true, min: -65536, max: 65536, nullable: true, default: null, doc: 'pad first: p, [lr, tb] or [l, t, r, b]' },
    padIfNeeded: { type: 'bool', default: false, doc: 'pad (both sides, by the shortfall) when the image is smaller than size' },
    fill: { type: 'numbers', broadcast: 1, maxLength: 4, min: 0, max: 255, default: [0], doc: 'constant padding value(s)' },
    paddingMode: { type: 'enum', values: ['constant', 'edge', 'reflect', 'symmetric'], default: 'constant', doc: 'padding mode' },
  },
  params: {
    top: { type: 'number', integer: true, doc: 'top of the box (after padding)' },
    left: { type: 'number', integer: true, doc: 'left of the box (after padding)' },
    height: { type: 'number', integer: true, min: 1, doc: 'box height' },
    width: { type: 'number', integer: true, min: 1, doc: 'box width' },
    padding: { type: 'numbers', minLength: 4, maxLength: 4, integer: true, default: [0, 0, 0, 0], doc: 'padding first [l, t, r, b]' },
    padIfNeeded: { type: 'numbers', minLength: 2, maxLength: 2, integer: true, min: 0, default: [0, 0], doc: 'then [x, y] on both sides (RandomCrop pad_if_needed)' },
    fill: { type: 'numbers', maxLength: 4, min: 0, max: 255, default: [0], doc: 'constant padding value(s)' },
    paddingMode: { type: 'enum', values: ['constant', 'edge', 'reflect', 'symmetric'], default: 'constant', doc: 'padding mode' },
  },
  check(c) {
    if (c.padding && c.padding.length === 3) throw new EdgeAugmentError('INVALID_SPEC', 'crop.padding: 1, 2 or 4 numbers, got 3.', { details: { field: 'padding' } });
  },
  sample(c, rng, info) {
    const [th, tw] = pairSize(c.size);
    const padding = c.padding ? ltrb(c.padding) : [0, 0, 0, 0];
    let w = info.width + padding[0]! + padding[2]!;
    let h = info.height + padding[1]! + padding[3]!;
    const px = c.padIfNeeded && w < tw ? tw - w : 0;
    w += 2 * px;
    const py = c.padIfNeeded && h < th ? th - h : 0;
    h += 2 * py;
    if (h < th || w < tw) throw new EdgeAugmentError('INVALID_IMAGE', `crop: size ${th}×${tw} (h×w) is larger than the ${h}×${w} image${c.padding ? ' after padding' : ''}; set padIfNeeded.`, { details: { field: 'size' } });
    const top = h === th && w === tw ? 0 : rng.intIn(0, h - th);
    const left = h === th && w === tw ? 0 : rng.intIn(0, w - tw);
    return { top, left, height: th, width: tw, padding, padIfNeeded: [px, py], fill: c.fill, paddingMode: c.paddingMode };
  },
  lower(p, info) {
    const stages: Stage[] = [];
    let cur = info;
    const push = (ss: Stage[]): void => {
      for (const s of ss) {
        stages.push(s);
        const c = s as CropStage;
        cur = { width: c.width, height: c.height, channels: cur.channels };
      }
    };
    push(padStages(cur, ltrb(p.padding), p.paddingMode, p.fill));
    if (p.padIfNeeded[0]) push(padStages(cur, [p.padIfNeeded[0]!, 0, p.padIfNeeded[0]!, 0], p.paddingMode, p.fill));
    if (p.padIfNeeded[1]) push(padStages(cur, [0, p.padIfNeeded[1]!, 0, p.padIfNeeded[1]!], p.paddingMode, p.fill));
    if (!(p.left === 0 && p.top === 0 && p.width === cur.width && p.height === cur.height)) {
      stages.push({ kind: 'crop', left: p.left, top: p.top, width: p.width, height: p.height, mode: 'constant', fill: [0] } as CropStage);
    }
    return stages;
  },
};
