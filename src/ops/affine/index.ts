/**
 * `affine`: rotation, translation, scale and shear about the centre (or `center`), torchvision 0.14
 * F.affine on a uint8 tensor (grid_sample, zeros padding, fill mask trick, rounding); the random form is
 * RandomAffine with its `get_params` draws (angle ~ U(degrees), translate ~ round(U(±t·size)), scale ~
 * U(scale), shear x (and y) ~ U). RandAugment's ShearX/Y and TranslateX/Y expand to this op.
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'affine', degrees: 15, translate: [0.1, 0.1], scale: [0.9, 1.1] }] });
 * ```
 */
import { EdgeAugmentError } from '../../errors.js';
import { describeValue } from '../../errors.js';
import type { OpDef } from '../core/types.js';
import { affineWarp, centredCenter, inverseAffineMatrix, pyRound } from './math.js';

export interface AffineConfig {
  degrees: readonly [number, number];
  translate: readonly [number, number] | null;
  scale: readonly [number, number] | null;
  shear: number | readonly number[] | null;
  interpolation: 'nearest' | 'bilinear';
  fill: readonly number[];
  center: readonly [number, number] | null;
}

export interface AffineParams {
  angle: number;
  translate: readonly [number, number];
  scale: number;
  shear: readonly [number, number];
  center: readonly [number, number] | null;
  interpolation: 'nearest' | 'bilinear';
  fill: readonly number[] | null;
}

/** RandomAffine's shear ranges: a number s → x in [−s, s]; [a, b] → x in [a, b]; [a, b, c, d] → x in [a, b], y in [c, d]. */
export function shearRanges(shear: number | readonly number[] | null): number[] | null {
  if (shear === null) return null;
  if (typeof shear === 'number') return [-shear, shear];
  return [...shear];
}

export const op: OpDef<AffineConfig, AffineParams> = {
  name: 'affine',
  summary: 'Rotate, translate, scale and shear (RandomAffine); exact torchvision grid_sample semantics.',
  reference: 'torchvision 0.14 RandomAffine / F.affine',
  config: {
    degrees: { type: 'range', default: [0, 0], min: -360, max: 360, scalar: (x) => [-x, x], doc: 'rotation in degrees (clockwise as torchvision): d → U(−d, d), or [lo, hi]' },
    translate: { type: 'numbers', minLength: 2, maxLength: 2, min: 0, max: 1, nullable: true, default: null, doc: '[a, b]: tx ~ U(−a·W, a·W), ty ~ U(−b·H, b·H), rounded to pixels' },
    scale: { type: 'range', min: 0, nullable: true, default: null, doc: '[lo, hi]: scale ~ U(lo, hi) (null: 1)' },
    shear: { type: 'json', default: null, doc: 'degrees: s → x ~ U(−s, s); [a, b] → x ~ U(a, b); [a, b, c, d] → also y ~ U(c, d)' },
    interpolation: { type: 'enum', values: ['nearest', 'bilinear'], default: 'nearest', doc: 'sampling' },
    fill: { type: 'numbers', broadcast: 1, maxLength: 4, default: [0], doc: 'fill outside the image: one value or one per channel' },
    center: { type: 'numbers', minLength: 2, maxLength: 2, nullable: true, default: null, doc: '[cx, cy] in pixels from the top-left (null: the image centre)' },
  },
  params: {
    angle: { type: 'number', doc: 'degrees, clockwise (torchvision F.affine)' },
    translate: { type: 'numbers', minLength: 2, maxLength: 2, default: [0, 0], doc: '[tx, ty] pixels' },
    scale: { type: 'number', min: 0, exclusiveMin: true, default: 1, doc: 'overall scale' },
    shear: { type: 'numbers', minLength: 2, maxLength: 2, default: [0, 0], doc: '[sx, sy] degrees' },
    center: { type: 'numbers', minLength: 2, maxLength: 2, nullable: true, default: null, doc: '[cx, cy] pixels from the top-left, or null (centre)' },
    interpolation: { type: 'enum', values: ['nearest', 'bilinear'], default: 'nearest', doc: 'sampling' },
    fill: { type: 'numbers', maxLength: 4, nullable: true, default: null, doc: 'fill (null: zeros without the mask)' },
  },
  check(c) {
    const s = c.shear;
    const ok = s === null || (typeof s === 'number' && Number.isFinite(s) && s >= 0)
      || (Array.isArray(s) && (s.length === 2 || s.length === 4) && s.every((x) => typeof x === 'number' && Number.isFinite(x)) && s[0]! <= s[1]! && (s.length === 2 || s[2]! <= s[3]!));
    if (!ok) throw new EdgeAugmentError('INVALID_SPEC', `affine.shear: got ${describeValue(s)}; allowed: a number ≥ 0, [lo, hi] or [xlo, xhi, ylo, yhi] (degrees), or null.`, { details: { field: 'shear' } });
  },
  sample(c, rng, info) {
    const angle = rng.uniform(c.degrees[0], c.degrees[1]);
    let translate: [number, number] = [0, 0];
    if (c.translate) {
      const mx = c.translate[0] * info.width;
      const my = c.translate[1] * info.height;
      translate = [pyRound(rng.uniform(-mx, mx)), pyRound(rng.uniform(-my, my))];
    }
    const scale = c.scale ? rng.uniform(c.scale[0], c.scale[1]) : 1;
    const sr = shearRanges(c.shear);
    let shear: [number, number] = [0, 0];
    if (sr) shear = [rng.uniform(sr[0]!, sr[1]!), sr.length === 4 ? rng.uniform(sr[2]!, sr[3]!) : 0];
    return { angle, translate, scale, shear, center: c.center, interpolation: c.interpolation, fill: c.fill };
  },
  lower(p, info) {
    const { width: W, height: H } = info;
    // Composite ops (RandAugment…) hand their params straight to lower: missing fields take the table's defaults.
    const theta = inverseAffineMatrix(centredCenter(p.center, W, H), p.angle ?? 0, p.translate ?? [0, 0], p.scale ?? 1, p.shear ?? [0, 0]);
    return [affineWarp(theta, W, H, W, H, p.interpolation ?? 'nearest', p.fill ?? null)];
  },
};
