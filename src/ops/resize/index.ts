/**
 * `resize`: torchvision 0.14 Resize / F.resize on a uint8 tensor (float32 interpolate, round half to
 * even; bicubic clamped): nearest, bilinear or bicubic, with or without torch's antialias (default off,
 * as torchvision 0.14 for tensors). `size` [s] (or a number) matches the shorter edge; [h, w] is exact.
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'resize', size: 256, antialias: true }, { op: 'centerCrop', size: 224 }] });
 * ```
 */
import { EdgeAugmentError } from '../../errors.js';
import type { OpDef, Stage } from '../core/types.js';
import type { ResizeInterpolation, ResizeStage } from '../stages/resize.js';
import { resizedOutputSize } from './size.js';

export interface ResizeParams {
  size: readonly number[];
  interpolation: ResizeInterpolation;
  maxSize: number | null;
  antialias: boolean;
}

const FIELDS = {
  size: { type: 'numbers', broadcast: 1, minLength: 1, maxLength: 2, min: 1, max: 65536, integer: true, doc: 'short edge (a number or [s]) or [h, w]' },
  interpolation: { type: 'enum', values: ['nearest', 'bilinear', 'bicubic'], default: 'bilinear', doc: 'interpolation' },
  maxSize: { type: 'number', integer: true, min: 1, nullable: true, default: null, doc: 'cap on the long edge (short-edge size only)' },
  antialias: { type: 'bool', default: false, doc: "torch's antialias (bilinear/bicubic)" },
} as const;

/** Cross-field checks torchvision makes (also used by the functional). */
export function checkResize(p: ResizeParams, code: 'INVALID_SPEC' | 'INVALID_PARAMS'): void {
  if (p.maxSize !== null && p.size.length !== 1) throw new EdgeAugmentError(code, 'resize.maxSize: only with a short-edge size (one number).', { details: { field: 'maxSize' } });
  if (p.maxSize !== null && p.maxSize <= p.size[0]!) throw new EdgeAugmentError(code, `resize.maxSize: ${p.maxSize} must be greater than the short edge ${p.size[0]}.`, { details: { field: 'maxSize' } });
  if (p.antialias && p.interpolation === 'nearest') throw new EdgeAugmentError(code, "resize.antialias: only with 'bilinear' or 'bicubic' (torchvision).", { details: { field: 'antialias' } });
}

/** The resize stage of an `h`×`w` box at (left, top) to `oh`×`ow` (none when the sizes are equal, as torchvision). */
export function resizeStages(left: number, top: number, bw: number, bh: number, ow: number, oh: number, interpolation: ResizeInterpolation, antialias: boolean): Stage[] {
  const s: ResizeStage = { kind: 'resize', left, top, boxWidth: bw, boxHeight: bh, width: ow, height: oh, interpolation, antialias };
  return [s];
}

export const op: OpDef<ResizeParams, ResizeParams> = {
  name: 'resize',
  summary: 'Resize (nearest, bilinear, bicubic; optional antialias) to a short edge or [h, w].',
  example: { size: [50, 75] },
  reference: 'torchvision 0.14 Resize / F.resize',
  config: FIELDS,
  params: FIELDS,
  check: (c) => checkResize(c, 'INVALID_SPEC'),
  sample: (c) => ({ size: c.size, interpolation: c.interpolation, maxSize: c.maxSize, antialias: c.antialias }),
  lower(p, info) {
    checkResize(p, 'INVALID_PARAMS');
    const [oh, ow] = resizedOutputSize(info.height, info.width, p.size, p.maxSize);
    if (oh === info.height && ow === info.width) return [];
    return resizeStages(0, 0, info.width, info.height, ow, oh, p.interpolation, p.antialias);
  },
};
