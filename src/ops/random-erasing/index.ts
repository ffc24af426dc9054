/**
 * `randomErasing`: torchvision 0.14 `RandomErasing(p=0.5, scale=(0.02, 0.33), ratio=(0.3, 3.3),
 * value=0)` — `get_params` (up to 10 attempts: area·U(scale), exp(U(log ratio)), h/w rounded half to
 * even, kept when h < H and w < W, then the corner uniformly; no rectangle when all attempts fail) and
 * `F.erase` (exact). torchvision's p is the node's `p` here (default 1: write `p: 0.5` for
 * torchvision's default). `value: null` is torchvision's 'random' (see the `erase` stage: N(0, 1) in
 * ImageNet-normalised units). Alpha is kept unless `value` has 4 entries.
 */
import type { OpDef } from '../core/types.js';

interface Config { scale: readonly [number, number]; ratio: readonly [number, number]; value: readonly number[] | null }
interface Params { i: number; j: number; h: number; w: number; value: readonly number[] | null; seed: number }

export const op: OpDef<Config, Params> = {
  name: 'randomErasing',
  summary: 'Erase a random rectangle (torchvision RandomErasing; use p for its p=0.5).',
  reference: 'torchvision 0.14 T.RandomErasing / F.erase',
  config: {
    scale: { type: 'range', min: 0, max: 1, default: [0.02, 0.33], doc: 'erased area as a fraction of the image, uniform in [lo, hi]' },
    ratio: { type: 'range', min: 0.001, max: 1000, default: [0.3, 3.3], doc: 'aspect ratio h/w, log-uniform in [lo, hi]' },
    value: { type: 'numbers', min: 0, max: 255, minLength: 1, maxLength: 4, broadcast: 1, nullable: true, default: [0], doc: "fill: one value, one per colour channel (or 4 with alpha); null = torchvision's 'random'" },
  },
  params: {
    i: { type: 'number', integer: true, min: 0, doc: 'top row' },
    j: { type: 'number', integer: true, min: 0, doc: 'left column' },
    h: { type: 'number', integer: true, min: 0, doc: 'height (0 = nothing erased)' },
    w: { type: 'number', integer: true, min: 0, doc: 'width' },
    value: { type: 'numbers', min: 0, max: 255, minLength: 1, maxLength: 4, broadcast: 1, nullable: true, default: [0], doc: 'fill, or null for random' },
    seed: { type: 'number', integer: true, min: 0, max: 4294967295, default: 0, doc: 'seed of the random fill' },
  },
  sample(c, rng, info) {
    const H = info.height;
    const W = info.width;
    const area = H * W;
    const lr0 = Math.log(c.ratio[0]);
    const lr1 = Math.log(c.ratio[1]);
    const seed = rng.seed32();
    for (let t = 0; t < 10; t++) {
      const ea = area * rng.uniform(c.scale[0], c.scale[1]);
      const ar = Math.exp(rng.uniform(lr0, lr1));
      const h = roundHalfEven(Math.sqrt(ea * ar));
      const w = roundHalfEven(Math.sqrt(ea / ar));
      if (!(h < H && w < W)) continue;
      return { i: rng.intIn(0, H - h), j: rng.intIn(0, W - w), h, w, value: c.value, seed };
    }
    return { i: 0, j: 0, h: 0, w: 0, value: c.value, seed };
  },
  lower: (p) => [{ kind: 'erase', rects: [p.j, p.i, p.w, p.h], fill: p.value, seed: p.seed }],
};

/** Python's round(): half to even. */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
