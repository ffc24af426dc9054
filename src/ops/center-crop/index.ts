/**
 * `centerCrop`: torchvision 0.14 CenterCrop / F.center_crop — the central box (top/left rounded half to
 * even as Python's round), padded with 0 where the box is larger than the image. Exact.
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'resize', size: 256 }, { op: 'centerCrop', size: 224 }] });
 * ```
 */
import type { ImageInfo, OpDef } from '../core/types.js';
import type { CropStage } from '../stages/crop.js';
import { pyRound } from '../affine/math.js';
import { pairSize } from '../resize/size.js';

export interface CenterCropParams {
  size: readonly number[];
}

/** The box of F.center_crop for an image of `info`, in the image's coordinates. */
export function centerBox(info: ImageInfo, ch: number, cw: number): { left: number; top: number } {
  let { width: W, height: H } = info;
  let padL = 0;
  let padT = 0;
  if (cw > W || ch > H) {
    padL = cw > W ? Math.floor((cw - W) / 2) : 0;
    padT = ch > H ? Math.floor((ch - H) / 2) : 0;
    const padR = cw > W ? Math.floor((cw - W + 1) / 2) : 0;
    const padB = ch > H ? Math.floor((ch - H + 1) / 2) : 0;
    W += padL + padR;
    H += padT + padB;
  }
  return { left: pyRound((W - cw) / 2) - padL, top: pyRound((H - ch) / 2) - padT };
}

const FIELDS = {
  size: { type: 'numbers', broadcast: 2, minLength: 1, maxLength: 2, integer: true, min: 1, max: 65536, doc: 'output [h, w] (a number: square)' },
} as const;

export const op: OpDef<CenterCropParams, CenterCropParams> = {
  name: 'centerCrop',
  summary: 'Crop the centre (zero-padded when larger than the image; exact).',
  example: { size: [80, 120] },
  reference: 'torchvision 0.14 CenterCrop / F.center_crop',
  config: FIELDS,
  params: FIELDS,
  sample: (c) => ({ size: c.size }),
  lower(p, info) {
    const [ch, cw] = pairSize(p.size);
    if (ch === info.height && cw === info.width) return [];
    const { left, top } = centerBox(info, ch, cw);
    const s: CropStage = { kind: 'crop', left, top, width: cw, height: ch, mode: 'constant', fill: [0] };
    return [s];
  },
};
