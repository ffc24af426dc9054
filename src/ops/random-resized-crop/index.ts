/**
 * `randomResizedCrop`: torchvision 0.14 RandomResizedCrop — a box of area ~ U(scale)·area and log-uniform
 * aspect ratio (10 attempts, then the central fallback), resized to `size` (F.resized_crop: crop, then
 * F.resize with nearest/bilinear/bicubic and optional antialias, default off as for tensors). With
 * explicit params it is F.resized_crop(img, top, left, height, width, size, …) (a box leaving the image
 * is padded with 0 first).
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'randomResizedCrop', size: 224 }, { op: 'hflip', p: 0.5 }] });
 * ```
 */
import type { OpDef, Stage } from '../core/types.js';
import type { CropStage, } from '../stages/crop.js';
import type { ResizeInterpolation } from '../stages/resize.js';
import { pyRound } from '../affine/math.js';
import { pairSize, resizedOutputSize } from '../resize/size.js';
import { checkResize, resizeStages } from '../resize/index.js';

export interface RandomResizedCropConfig {
  size: readonly number[];
  scale: readonly [number, number];
  ratio: readonly [number, number];
  interpolation: ResizeInterpolation;
  antialias: boolean;
}

export interface RandomResizedCropParams {
  top: number;
  left: number;
  height: number;
  width: number;
  size: readonly number[];
  interpolation: ResizeInterpolation;
  antialias: boolean;
}

export const op: OpDef<RandomResizedCropConfig, RandomResizedCropParams> = {
  name: 'randomResizedCrop',
  summary: 'Crop a random area/aspect box and resize it (RandomResizedCrop).',
  example: { size: [100, 150] },
  reference: 'torchvision 0.14 RandomResizedCrop / F.resized_crop',
  config: {
    size: { type: 'numbers', broadcast: 2, minLength: 1, maxLength: 2, integer: true, min: 1, max: 65536, doc: 'output [h, w] (a number: square)' },
    scale: { type: 'range', min: 0, max: 1, default: [0.08, 1], doc: 'box area as a fraction of the image, [lo, hi]' },
    ratio: { type: 'range', min: 1e-6, default: [3 / 4, 4 / 3], doc: 'box aspect ratio w/h, [lo, hi] (log-uniform)' },
    interpolation: { type: 'enum', values: ['nearest', 'bilinear', 'bicubic'], default: 'bilinear', doc: 'resize interpolation' },
    antialias: { type: 'bool', default: false, doc: "torch's antialias (bilinear/bicubic)" },
  },
  params: {
    top: { type: 'number', integer: true, doc: 'box top' },
    left: { type: 'number', integer: true, doc: 'box left' },
    height: { type: 'number', integer: true, min: 1, doc: 'box height' },
    width: { type: 'number', integer: true, min: 1, doc: 'box width' },
    size: { type: 'numbers', broadcast: 1, minLength: 1, maxLength: 2, integer: true, min: 1, max: 65536, doc: 'output: [h, w], or [s] for the short edge (F.resize semantics)' },
    interpolation: { type: 'enum', values: ['nearest', 'bilinear', 'bicubic'], default: 'bilinear', doc: 'resize interpolation' },
    antialias: { type: 'bool', default: false, doc: "torch's antialias" },
  },
  check: (c) => checkResize({ size: c.size, interpolation: c.interpolation, maxSize: null, antialias: c.antialias }, 'INVALID_SPEC'),
  sample(c, rng, info) {
    const { width: W, height: H } = info;
    const area = W * H;
    const lr0 = Math.log(c.ratio[0]);
    const lr1 = Math.log(c.ratio[1]);
    const base = { size: pairSize(c.size), interpolation: c.interpolation, antialias: c.antialias };
    for (let k = 0; k < 10; k++) {
      const target = area * rng.uniform(c.scale[0], c.scale[1]);
      const aspect = Math.exp(rng.uniform(lr0, lr1));
      const w = pyRound(Math.sqrt(target * aspect));
      const h = pyRound(Math.sqrt(target / aspect));
      if (w > 0 && w <= W && h > 0 && h <= H) return { top: rng.intIn(0, H - h), left: rng.intIn(0, W - w), height: h, width: w, ...base };
    }
    const inRatio = W / H;
    let w = W;
    let h = H;
    if (inRatio < Math.min(c.ratio[0], c.ratio[1])) h = pyRound(w / Math.min(c.ratio[0], c.ratio[1]));
    else if (inRatio > Math.max(c.ratio[0], c.ratio[1])) { h = H; w = pyRound(h * Math.max(c.ratio[0], c.ratio[1])); }
    return { top: Math.floor((H - h) / 2), left: Math.floor((W - w) / 2), height: h, width: w, ...base };
  },
  lower(p, info) {
    checkResize({ size: p.size, interpolation: p.interpolation, maxSize: null, antialias: p.antialias }, 'INVALID_PARAMS');
    const [oh, ow] = resizedOutputSize(p.height, p.width, p.size, null);
    const inside = p.left >= 0 && p.top >= 0 && p.left + p.width <= info.width && p.top + p.height <= info.height;
    const stages: Stage[] = [];
    let left = p.left;
    let top = p.top;
    if (!inside) {
      stages.push({ kind: 'crop', left: p.left, top: p.top, width: p.width, height: p.height, mode: 'constant', fill: [0] } as CropStage);
      left = 0;
      top = 0;
    }
    if (oh === p.height && ow === p.width) {
      if (inside) stages.push({ kind: 'crop', left, top, width: p.width, height: p.height, mode: 'constant', fill: [0] } as CropStage);
      return stages;
    }
    return [...stages, ...resizeStages(left, top, p.width, p.height, ow, oh, p.interpolation, p.antialias)];
  },
};
