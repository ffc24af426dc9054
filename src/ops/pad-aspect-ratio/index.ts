/**
 * `padAspectRatio`: pad the shorter side with a colour until width/height = `ratio` — AugLy `pad_square`
 * generalised (ratio 1 is pad_square exactly): with target width round(H·ratio) (Python's round, half to even) > W, dw = target − W and
 * left = right = ⌊(dw / 2W)·W⌋ (AugLy's pad arithmetic, so an odd dw comes out 1 px short, as in AugLy);
 * otherwise the same on the height with round(W / ratio). Lowered to the `crop` stage (constant fill),
 * a geometric stage kind. Grey images get Pillow's luma of the colour. Exact. Difference: AugLy pastes
 * onto an RGB canvas, so an RGBA input comes back with alpha 255 everywhere; we keep the image's alpha
 * (padding alpha 255).
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'padAspectRatio', ratio: [0.5, 2], color: [0, 0, 0] }] });
 * ```
 */
import type { ImageInfo, OpDef } from '../core/types.js';
import { padStages } from '../pad/index.js';
import { pilLuma } from '../stages/paste.js';

interface Config { ratio: readonly [number, number]; color: readonly number[] }
interface Params { ratio: number; color: readonly number[] }

const COLOR = { type: 'numbers', minLength: 3, maxLength: 3, integer: true, min: 0, max: 255, default: [0, 0, 0], doc: 'padding colour [r, g, b]' } as const;

/** A colour [r, g, b] as the fill of an image of `info` (grey: Pillow luma; RGBA: opaque). */
export function fillFor(color: readonly number[], info: ImageInfo): number[] {
  if (info.channels === 1) return [pilLuma(color[0]!, color[1]!, color[2]!)];
  return info.channels === 4 ? [color[0]!, color[1]!, color[2]!, 255] : [color[0]!, color[1]!, color[2]!];
}

/** Python's round(): half to even. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export const op: OpDef<Config, Params> = {
  name: 'padAspectRatio',
  summary: 'Pad the shorter side with a colour to an aspect ratio (AugLy pad_square generalised; exact).',
  reference: 'AugLy augly/image/functional.py pad_square / pad',
  example: { ratio: 1 },
  config: {
    ratio: { type: 'range', min: 0.01, max: 100, default: [1, 1], scalar: (x) => [x, x], doc: 'target width / height, uniform in [lo, hi] (1 = square)' },
    color: COLOR,
  },
  params: { ratio: { type: 'number', min: 0.01, max: 100, doc: 'target width / height' }, color: COLOR },
  sample: (c, rng) => ({ ratio: rng.uniform(c.ratio[0], c.ratio[1]), color: c.color }),
  lower(p, info) {
    const { width: W, height: H } = info;
    const tw = roundHalfEven(H * p.ratio);
    let l = 0, t = 0;
    if (W < tw) l = Math.trunc(((tw - W) / (2 * W)) * W);
    else {
      const th = roundHalfEven(W / p.ratio);
      if (H < th) t = Math.trunc(((th - H) / (2 * H)) * H);
    }
    return padStages(info, [l, t, l, t], 'constant', fillFor(p.color, info));
  },
};
