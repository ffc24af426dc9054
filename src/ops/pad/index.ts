/**
 * `pad`: torchvision 0.14 Pad / F.pad on a uint8 tensor — constant (`fill`), edge, reflect or
 * symmetric padding; `padding` is p (all sides), [lr, tb] or [l, t, r, b]; negative values crop.
 * Exact. Differences: `fill` may be one value per channel (torchvision tensors take one number); a
 * negative padding with a non-constant mode crops first, then pads (torchvision's symmetric mode order,
 * applied to edge/reflect too); reflections wider than the image repeat (torch raises).
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'pad', padding: 4, paddingMode: 'reflect' }, { op: 'crop', size: 32 }] });
 * ```
 */
import { EdgeAugmentError } from '../../errors.js';
import type { ImageInfo, OpDef, Stage } from '../core/types.js';
import type { CropStage, PadMode } from '../stages/crop.js';

export interface PadParams {
  padding: readonly number[];
  fill: readonly number[];
  paddingMode: PadMode;
}

/** `_parse_pad_padding`: p | [p] | [lr, tb] | [l, t, r, b] → [l, t, r, b]. */
export function ltrb(padding: readonly number[]): [number, number, number, number] {
  if (padding.length === 1) return [padding[0]!, padding[0]!, padding[0]!, padding[0]!];
  if (padding.length === 2) return [padding[0]!, padding[1]!, padding[0]!, padding[1]!];
  if (padding.length === 4) return [padding[0]!, padding[1]!, padding[2]!, padding[3]!];
  throw new EdgeAugmentError('INVALID_PARAMS', `pad.padding: 1, 2 or 4 numbers, got ${padding.length}.`, { details: { field: 'padding' } });
}

/** Stages that pad an image of `info` by [l, t, r, b] (negative = crop). */
export function padStages(info: ImageInfo, p: readonly [number, number, number, number], mode: PadMode, fill: readonly number[] | null): Stage[] {
  const [l, t, r, b] = p;
  const W = info.width + l + r;
  const H = info.height + t + b;
  if (W < 1 || H < 1) throw new EdgeAugmentError('INVALID_PARAMS', `pad: padding [${p.join(', ')}] leaves nothing of the ${info.width}×${info.height} image.`, { details: { field: 'padding' } });
  if (!l && !t && !r && !b) return [];
  const out: Stage[] = [];
  const neg = [Math.min(l, 0), Math.min(t, 0), Math.min(r, 0), Math.min(b, 0)];
  const mixed = mode !== 'constant' && neg.some((x) => x < 0) && [l, t, r, b].some((x) => x > 0);
  if (mixed) {
    const cw = info.width + neg[0]! + neg[2]!;
    const ch = info.height + neg[1]! + neg[3]!;
    out.push({ kind: 'crop', left: -neg[0]!, top: -neg[1]!, width: cw, height: ch, mode: 'constant', fill: [0] } as CropStage);
    const q = [Math.max(l, 0), Math.max(t, 0), Math.max(r, 0), Math.max(b, 0)];
    out.push({ kind: 'crop', left: -q[0]!, top: -q[1]!, width: cw + q[0]! + q[2]!, height: ch + q[1]! + q[3]!, mode, fill } as CropStage);
    return out;
  }
  return [{ kind: 'crop', left: -l, top: -t, width: W, height: H, mode, fill } as CropStage];
}

const FIELDS = {
  padding: { type: 'numbers', broadcast: 1, minLength: 1, maxLength: 4, integer: true, min: -65536, max: 65536, doc: 'p (all sides), [left/right, top/bottom] or [left, top, right, bottom]' },
  fill: { type: 'numbers', broadcast: 1, maxLength: 4, min: 0, max: 255, default: [0], doc: 'constant mode: one value or one per channel' },
  paddingMode: { type: 'enum', values: ['constant', 'edge', 'reflect', 'symmetric'], default: 'constant', doc: 'how the border is made' },
} as const;

export const op: OpDef<PadParams, PadParams> = {
  name: 'pad',
  summary: 'Pad the borders: constant, edge, reflect or symmetric (exact).',
  example: { padding: 12, paddingMode: 'reflect' },
  reference: 'torchvision 0.14 Pad / F.pad',
  config: FIELDS,
  params: FIELDS,
  check(c) {
    if (c.padding.length === 3) throw new EdgeAugmentError('INVALID_SPEC', 'pad.padding: 1, 2 or 4 numbers, got 3.', { details: { field: 'padding' } });
  },
  sample: (c) => ({ padding: c.padding, fill: c.fill, paddingMode: c.paddingMode }),
  lower: (p, info) => padStages(info, ltrb(p.padding), p.paddingMode, p.fill),
};
