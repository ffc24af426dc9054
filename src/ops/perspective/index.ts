/**
 * `perspective`: a projective warp taking `startpoints` (corners of the source) to `endpoints` —
 * torchvision 0.14 F.perspective on a uint8 tensor; the random form is RandomPerspective (each corner
 * moved inwards by up to distortionScale·half the size, torchvision's `get_params` draws). torchvision's
 * RandomPerspective applies with p = 0.5 by default: give `p: 0.5` on the node for that.
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'perspective', distortionScale: 0.5, p: 0.5 }] });
 * ```
 */
import type { OpDef } from '../core/types.js';
import { perspectiveCoeffs, perspectiveWarp } from '../affine/math.js';

export interface PerspectiveConfig {
  distortionScale: number;
  interpolation: 'nearest' | 'bilinear';
  fill: readonly number[];
}

export interface PerspectiveParams {
  startpoints: readonly number[];
  endpoints: readonly number[];
  interpolation: 'nearest' | 'bilinear';
  fill: readonly number[] | null;
}

export const op: OpDef<PerspectiveConfig, PerspectiveParams> = {
  name: 'perspective',
  summary: 'Projective warp moving the corners inwards at random (RandomPerspective).',
  reference: 'torchvision 0.14 RandomPerspective / F.perspective',
  config: {
    distortionScale: { type: 'number', min: 0, max: 1, default: 0.5, doc: 'how far corners move: up to this × half the width/height' },
    interpolation: { type: 'enum', values: ['nearest', 'bilinear'], default: 'bilinear', doc: 'sampling' },
    fill: { type: 'numbers', broadcast: 1, maxLength: 4, default: [0], doc: 'fill outside the image: one value or one per channel' },
  },
  params: {
    startpoints: { type: 'numbers', minLength: 8, maxLength: 8, doc: 'source corners [x0, y0, …, x3, y3]: top-left, top-right, bottom-right, bottom-left' },
    endpoints: { type: 'numbers', minLength: 8, maxLength: 8, doc: 'where those corners go, same order' },
    interpolation: { type: 'enum', values: ['nearest', 'bilinear'], default: 'bilinear', doc: 'sampling' },
    fill: { type: 'numbers', maxLength: 4, nullable: true, default: null, doc: 'fill (null: zeros without the mask)' },
  },
  sample(c, rng, info) {
    const { width: W, height: H } = info;
    const dx = Math.trunc(c.distortionScale * Math.floor(W / 2));
    const dy = Math.trunc(c.distortionScale * Math.floor(H / 2));
    // torch.randint(lo, hi) is [lo, hi): intIn(lo, hi − 1); same order of draws as get_params.
    const tl = [rng.intIn(0, dx), rng.intIn(0, dy)];
    const tr = [rng.intIn(W - dx - 1, W - 1), rng.intIn(0, dy)];
    const br = [rng.intIn(W - dx - 1, W - 1), rng.intIn(H - dy - 1, H - 1)];
    const bl = [rng.intIn(0, dx), rng.intIn(H - dy - 1, H - 1)];
    return { startpoints: [0, 0, W - 1, 0, W - 1, H - 1, 0, H - 1], endpoints: [...tl, ...tr, ...br, ...bl], interpolation: c.interpolation, fill: c.fill };
  },
  lower(p, info) {
    return [perspectiveWarp(perspectiveCoeffs(p.startpoints, p.endpoints), info.width, info.height, p.interpolation, p.fill)];
  },
};
