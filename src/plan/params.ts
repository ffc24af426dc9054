/**
 * Per-image augmentation parameters: what was done to one output. Field meanings follow Keras's
 * `apply_transform` keys; `toKerasParams` / `fromExplicitParams` convert at the edge.
 */
import { EdgeAugmentError, describeValue } from '../errors.js';

/**
 * The parameters that made one output image (camelCase of Keras's `apply_transform` keys).
 *
 * Geometry differs by mode:
 * - **default (corrected) mode** — `tx` is the horizontal shift in pixels (+ moves the picture right),
 *   `ty` the vertical shift (+ moves it down), the pivot is the image centre.
 * - **kerasCompat** — exactly Keras's meaning: `tx` is drawn from `height_shift_range` × height and,
 *   like in Keras, moves the picture horizontally (− direction for + values); `ty` likewise from the
 *   width; the pivot is transposed on non-square images.
 * Both: `theta` degrees, + turns the picture counter-clockwise on screen; `shear` degrees; `zx`, `zy`
 * zoom factors (> 1 zooms out: the picture gets smaller); flips happen after the warp.
 */
export interface AugmentParams {
  theta: number;
  tx: number;
  ty: number;
  shear: number;
  zx: number;
  zy: number;
  flipHorizontal: boolean;
  flipVertical: boolean;
  /** One value added to every colour channel (then clipped to the image's range), or null. */
  channelShiftIntensity: number | null;
  /** Multiplicative brightness factor, or null. */
  brightness: number | null;
}

/** Keras's own `transform_parameters` dict shape. */
export interface KerasTransformParams {
  theta?: number;
  tx?: number;
  ty?: number;
  shear?: number;
  zx?: number;
  zy?: number;
  flip_horizontal?: boolean | number;
  flip_vertical?: boolean | number;
  channel_shift_intensity?: number | null;
  brightness?: number | null;
}

/** The identity params (no change). */
export const IDENTITY_PARAMS: Readonly<AugmentParams> = /* #__PURE__ */ Object.freeze({
  theta: 0, tx: 0, ty: 0, shear: 0, zx: 1, zy: 1, flipHorizontal: false, flipVertical: false,
  channelShiftIntensity: null, brightness: null,
});

const KERAS_TO_CAMEL: Record<string, keyof AugmentParams> = {
  flip_horizontal: 'flipHorizontal',
  flip_vertical: 'flipVertical',
  channel_shift_intensity: 'channelShiftIntensity',
};
const CAMEL_KEYS = new Set(Object.keys(IDENTITY_PARAMS));

function badParam(key: string, v: unknown, allowed: string): never {
  throw new EdgeAugmentError('INVALID_PARAMS', `params.${key}: got ${describeValue(v)}; allowed: ${allowed}.`, { details: { field: key, allowed } });
}

/**
 * Accepts explicit params under Keras's `apply_transform` keys (`theta, tx, ty, shear, zx, zy,
 * flip_horizontal, flip_vertical, channel_shift_intensity, brightness`) or camelCase, filling the
 * rest with the identity.
 *
 * @throws {EdgeAugmentError} `INVALID_PARAMS` for unknown keys or non-finite values.
 */
export function fromExplicitParams(p: Partial<AugmentParams> | KerasTransformParams | null | undefined): AugmentParams {
  const out: AugmentParams = { ...IDENTITY_PARAMS };
  if (p === null || p === undefined) return out;
  if (typeof p !== 'object' || Array.isArray(p)) badParam('(root)', p, 'an object of transform parameters');
  for (const [k, v] of Object.entries(p)) {
    const key = (KERAS_TO_CAMEL[k] ?? k) as keyof AugmentParams;
    if (!CAMEL_KEYS.has(key)) badParam(k, v, `one of ${[...CAMEL_KEYS].join(', ')} (or Keras's snake_case names)`);
    if (v === undefined) continue;
    switch (key) {
      case 'flipHorizontal':
      case 'flipVertical':
        if (typeof v !== 'boolean' && v !== 0 && v !== 1) badParam(k, v, 'true/false (or 0/1)');
        out[key] = Boolean(v);
        break;
      case 'channelShiftIntensity':
      case 'brightness':
        if (v === null) { out[key] = null; break; }
        if (typeof v !== 'number' || !Number.isFinite(v) || (key === 'brightness' && v < 0)) badParam(k, v, key === 'brightness' ? 'null or a finite number ≥ 0' : 'null or a finite number');
        out[key] = v;
        break;
      default:
        if (typeof v !== 'number' || !Number.isFinite(v)) badParam(k, v, 'a finite number');
        if ((key === 'zx' || key === 'zy') && v === 0) badParam(k, v, 'a non-zero zoom factor');
        out[key] = v;
    }
  }
  return out;
}

/** Converts params to Keras's `apply_transform` dict (for replaying in Python with kerasCompat). */
export function toKerasParams(p: AugmentParams): Required<KerasTransformParams> {
  return {
    theta: p.theta, tx: p.tx, ty: p.ty, shear: p.shear, zx: p.zx, zy: p.zy,
    flip_horizontal: p.flipHorizontal, flip_vertical: p.flipVertical,
    channel_shift_intensity: p.channelShiftIntensity, brightness: p.brightness,
  };
}
