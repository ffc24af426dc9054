/**
 * `rotate`: rotation by `angle` degrees counter-clockwise about the centre (or `center`), optionally
 * expanding the canvas to hold the whole picture — torchvision 0.14 F.rotate on a uint8 tensor; the
 * random form is RandomRotation (angle ~ U(degrees)).
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'rotate', degrees: 30, interpolation: 'bilinear', expand: true }] });
 * ```
 */
import type { OpDef } from '../core/types.js';
import { affineOutputSize, affineWarp, centredCenter, inverseAffineMatrix } from '../affine/math.js';

export interface RotateConfig {
  degrees: readonly [number, number];
  interpolation: 'nearest' | 'bilinear';
  expand: boolean;
  center: readonly [number, number] | null;
  fill: readonly number[];
}

export interface RotateParams {
  angle: number;
  interpolation: 'nearest' | 'bilinear';
  expand: boolean;
  center: readonly [number, number] | null;
  fill: readonly number[] | null;
}

export const op: OpDef<RotateConfig, RotateParams> = {
  name: 'rotate',
  summary: 'Rotate counter-clockwise, optionally expanding the canvas (RandomRotation).',
  example: { degrees: 30 },
  reference: 'torchvision 0.14 RandomRotation / F.rotate',
  config: {
    degrees: { type: 'range', min: -360, max: 360, scalar: (x) => [-x, x], doc: 'angle in degrees: d → U(−d, d), or [lo, hi]' },
    interpolation: { type: 'enum', values: ['nearest', 'bilinear'], default: 'nearest', doc: 'sampling' },
    expand: { type: 'bool', default: false, doc: 'grow the output to hold the whole rotated image' },
    center: { type: 'numbers', minLength: 2, maxLength: 2, nullable: true, default: null, doc: '[cx, cy] pixels from the top-left (null: centre)' },
    fill: { type: 'numbers', broadcast: 1, maxLength: 4, default: [0], doc: 'fill outside the image: one value or one per channel' },
  },
  params: {
    angle: { type: 'number', doc: 'degrees, counter-clockwise' },
    interpolation: { type: 'enum', values: ['nearest', 'bilinear'], default: 'nearest', doc: 'sampling' },
    expand: { type: 'bool', default: false, doc: 'grow the output to hold the whole rotated image' },
    center: { type: 'numbers', minLength: 2, maxLength: 2, nullable: true, default: null, doc: '[cx, cy] or null' },
    fill: { type: 'numbers', maxLength: 4, nullable: true, default: null, doc: 'fill (null: zeros without the mask)' },
  },
  sample: (c, rng) => ({ angle: rng.uniform(c.degrees[0], c.degrees[1]), interpolation: c.interpolation, expand: c.expand, center: c.center, fill: c.fill }),
  lower(p, info) {
    const { width: W, height: H } = info;
    // Composite ops (RandAugment…) hand their params straight to lower: missing fields take the table's defaults.
    const theta = inverseAffineMatrix(centredCenter(p.center, W, H), -(p.angle ?? 0), [0, 0], 1, [0, 0]);
    const [ow, oh] = p.expand ? affineOutputSize(theta, W, H) : [W, H];
    return [affineWarp(theta, W, H, ow, oh, p.interpolation ?? 'nearest', p.fill ?? null)];
  },
};
