/**
 * `gridDropout`: albumentations `GridDropout(ratio=0.5, unit_size_min=None, unit_size_max=None,
 * holes_number_x=None, holes_number_y=None, shift_x=0, shift_y=0, random_offset=False, fill_value=0)`:
 * a grid of units (side from `unitSize` drawn uniformly, or width // holesNumberX, default
 * max(2, width // 10); height likewise, default = unit width capped by the image), in each a
 * hole of int(unit·ratio) pixels (at least 1, at most unit − 1) at offset `shift` (or a random one),
 * filled with `fill` (null = random). Differences: unitSize is drawn from [lo, hi] (albumentations'
 * randint(lo, hi + 1) can give hi + 1); holes numbers larger than the image allows are clamped
 * instead of raising. Alpha kept.
 */
import type { OpDef } from '../core/types.js';
import { DROPOUT_PARAMS } from '../coarse-dropout/index.js';

interface Config {
  ratio: number; unitSize: readonly [number, number] | null; holesNumberX: number | null; holesNumberY: number | null;
  shiftX: number; shiftY: number; randomOffset: boolean; fill: readonly number[] | null;
}
interface Params { holes: readonly number[]; fill: readonly number[] | null; seed: number }

export const op: OpDef<Config, Params> = {
  name: 'gridDropout',
  summary: 'Drop a regular grid of square holes (albumentations GridDropout).',
  reference: 'albumentations GridDropout',
  config: {
    ratio: { type: 'number', min: 0, max: 1, exclusiveMin: true, default: 0.5, doc: 'hole side / unit side' },
    unitSize: { type: 'range', integer: true, min: 2, max: 100000, nullable: true, default: null, doc: 'unit side in pixels, uniform in [lo, hi] (null: from holesNumberX/Y)' },
    holesNumberX: { type: 'number', integer: true, min: 1, max: 100000, nullable: true, default: null, doc: 'units across (null: width // 10 pixels per unit)' },
    holesNumberY: { type: 'number', integer: true, min: 1, max: 100000, nullable: true, default: null, doc: 'units down (null: square units)' },
    shiftX: { type: 'number', integer: true, min: 0, max: 100000, default: 0, doc: 'grid offset x in pixels (clamped to unit − hole)' },
    shiftY: { type: 'number', integer: true, min: 0, max: 100000, default: 0, doc: 'grid offset y in pixels' },
    randomOffset: { type: 'bool', default: false, doc: 'draw the offset uniformly instead' },
    fill: { type: 'numbers', min: 0, max: 255, minLength: 1, maxLength: 4, broadcast: 1, nullable: true, default: [0], doc: 'fill: one value, one per colour channel (or 4 with alpha); null = random' },
  },
  params: DROPOUT_PARAMS,
  sample(c, rng, info) {
    const W = info.width;
    const H = info.height;
    let uw: number;
    let uh: number;
    if (c.unitSize) {
      uw = uh = Math.min(rng.intIn(c.unitSize[0], c.unitSize[1]), Math.max(2, Math.min(W, H)));
    } else {
      uw = c.holesNumberX === null ? Math.max(2, Math.floor(W / 10)) : Math.floor(W / Math.min(Math.max(1, Math.floor(W / 2)), c.holesNumberX));
      uh = c.holesNumberY === null ? Math.max(Math.min(uw, H), 2) : Math.floor(H / Math.min(Math.max(1, Math.floor(H / 2)), c.holesNumberY));
      uw = Math.max(uw, 1);
      uh = Math.max(uh, 1);
    }
    const hw = Math.min(Math.max(Math.trunc(uw * c.ratio), 1), uw - 1);
    const hh = Math.min(Math.max(Math.trunc(uh * c.ratio), 1), uh - 1);
    let sx = Math.min(Math.max(0, c.shiftX), uw - hw);
    let sy = Math.min(Math.max(0, c.shiftY), uh - hh);
    if (c.randomOffset) {
      sx = rng.intIn(0, uw - hw);
      sy = rng.intIn(0, uh - hh);
    }
    const holes: number[] = [];
    for (let i = 0; i < Math.floor(W / uw) + 1; i++) {
      for (let j = 0; j < Math.floor(H / uh) + 1; j++) {
        const x1 = Math.min(sx + uw * i, W);
        const y1 = Math.min(sy + uh * j, H);
        const x2 = Math.min(x1 + hw, W);
        const y2 = Math.min(y1 + hh, H);
        if (x2 > x1 && y2 > y1) holes.push(x1, y1, x2 - x1, y2 - y1);
      }
    }
    return { holes, fill: c.fill, seed: rng.seed32() };
  },
  lower: (p) => [{ kind: 'erase', rects: p.holes, fill: p.fill, seed: p.seed }],
};
