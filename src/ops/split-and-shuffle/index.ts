/**
 * `splitAndShuffle`: AugLy `split_and_shuffle` — cut the image into an nColumns × nRows grid of tiles
 * of ⌊W/nColumns⌋ × ⌊H/nRows⌋ and put them back in a random order (a permutation drawn from the op's
 * stream and recorded in the params; two tiles are always swapped, as AugLy does). The output is the
 * tile grid (the remainder columns/rows are cut off, as in AugLy). Exact given the order. Differences:
 * AugLy seeds numpy (`seed`); we draw from the pipeline seed. AugLy pastes into an RGB canvas, so an
 * RGBA input loses its alpha there; we move alpha with the tiles.
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'splitAndShuffle', nColumns: 3, nRows: 3 }] });
 * ```
 */
import { EdgeAugmentError } from '../../errors.js';
import type { OpDef } from '../core/types.js';
import { tileCount, type TileShuffleStage } from '../stages/paste.js';

interface Config { nColumns: number; nRows: number }
interface Params { nColumns: number; nRows: number; order: readonly number[] }

export const op: OpDef<Config, Params> = {
  name: 'splitAndShuffle',
  summary: 'Split into a grid of tiles and shuffle them (AugLy split_and_shuffle; exact).',
  reference: 'AugLy augly/image/functional.py split_and_shuffle',
  example: { nColumns: 3, nRows: 3 },
  config: {
    nColumns: { type: 'number', integer: true, min: 1, max: 64, default: 3, doc: 'number of tile columns' },
    nRows: { type: 'number', integer: true, min: 1, max: 64, default: 3, doc: 'number of tile rows' },
  },
  params: {
    nColumns: { type: 'number', integer: true, min: 1, max: 64, doc: 'tile columns' },
    nRows: { type: 'number', integer: true, min: 1, max: 64, doc: 'tile rows' },
    order: { type: 'numbers', integer: true, min: 0, max: 1 << 20, minLength: 1, maxLength: 1 << 16, doc: 'for each output slot, the source tile (row-major over the grid)' },
  },
  sample(c, rng, info) {
    if (c.nColumns > info.width || c.nRows > info.height) throw new EdgeAugmentError('INVALID_SPEC', `splitAndShuffle: ${c.nColumns}×${c.nRows} tiles do not fit a ${info.width}×${info.height} image.`, { details: { field: 'splitAndShuffle.nColumns' } });
    const n = tileCount(c.nColumns, c.nRows, info);
    const order = n === 2 ? [1, 0] : rng.permutation(n);
    return { nColumns: c.nColumns, nRows: c.nRows, order };
  },
  lower: (p) => [{ kind: 'tileShuffle', nColumns: p.nColumns, nRows: p.nRows, order: p.order } as TileShuffleStage],
};
