/**
 * The augmentation spec: every `ImageDataGenerator` option that applies to images, in camelCase,
 * with defaults and up-front validation. Keras's snake_case is accepted by {@link fromKerasConfig}.
 */
import { EdgeAugmentError, describeValue } from '../errors.js';
import { FILL_MODES, INTERPOLATIONS, type FillMode, type Interpolation } from '../kernels/contract.js';

/**
 * A shift range, sampled exactly as Keras samples `width_shift_range` / `height_shift_range`:
 * - a number `r` with 0 < r < 1: U(−r, r) × image size (a fraction);
 * - an integer `n ≥ 1`: Keras's *int* form — an integer in (−n, n), i.e. `choice(n) × ±1` pixels;
 * - `{ pixels: r }`: Keras's *float ≥ 1* form — U(−r, r) pixels (JSON and JS cannot tell `2` from
 *   `2.0`, so the float form is spelled out; the Keras text parser maps `2.0` to it);
 * - a list: a random element × ±1; multiplied by the image size when every element is < 1.
 */
export type ShiftRange = number | readonly number[] | { readonly pixels: number };

/** Every option of the augmentation engine. All optional; defaults are Keras's. */
export interface AugmentSpec {
  /** Degrees; θ ~ U(−r, r). Positive θ turns the picture counter-clockwise on screen. Default 0. */
  rotationRange?: number;
  /** Horizontal shift range (see {@link ShiftRange}). Default 0. */
  widthShiftRange?: ShiftRange;
  /** Vertical shift range (see {@link ShiftRange}). Default 0. */
  heightShiftRange?: ShiftRange;
  /** Shear angle range in **degrees** (as Keras: 0.2 means 0.2°). Default 0. */
  shearRange?: number;
  /** `z` → [1−z, 1+z], or `[lo, hi]`; zx and zy drawn independently; > 1 zooms out. Default 0. */
  zoomRange?: number | readonly [number, number];
  /** One U(−c, c) added to all channels, clipped to the image's range. Default 0. */
  channelShiftRange?: number;
  /** `[a, b]`: brightness factor U(a, b), multiplicative (PIL `ImageEnhance.Brightness`). Default none. */
  brightnessRange?: readonly [number, number] | null;
  /** Flip left–right with p = 0.5. Default false. */
  horizontalFlip?: boolean;
  /** Flip top–bottom with p = 0.5. Default false. */
  verticalFlip?: boolean;
  /** What is sampled outside the picture (scipy.ndimage semantics). Default 'nearest' (as Keras IDG). */
  fillMode?: FillMode;
  /** Value for `fillMode: 'constant'`, 0..255. Default 0. */
  cval?: number;
  /** Resampling: 'bilinear' (Keras `interpolation_order=1`, default) or 'nearest' (order 0). */
  interpolation?: Interpolation;
  /** Multiply float outputs by this (e.g. 1/255). Default none (1). Never applied to u8 outputs. */
  rescale?: number | null;
  /** Float outputs: subtract each image's mean. Default false. */
  samplewiseCenter?: boolean;
  /** Float outputs: divide each image by its std (+1e-6). Default false. */
  samplewiseStdNormalization?: boolean;
  /** Float outputs: subtract the per-channel mean learnt by `fit()`. Default false. */
  featurewiseCenter?: boolean;
  /** Float outputs: divide by the per-channel std (+1e-6) learnt by `fit()`. Default false. */
  featurewiseStdNormalization?: boolean;
}

/** A validated spec with every default filled in. */
export interface NormalizedSpec {
  readonly rotationRange: number;
  readonly widthShiftRange: ShiftRange;
  readonly heightShiftRange: ShiftRange;
  readonly shearRange: number;
  readonly zoomRange: readonly [number, number];
  readonly channelShiftRange: number;
  readonly brightnessRange: readonly [number, number] | null;
  readonly horizontalFlip: boolean;
  readonly verticalFlip: boolean;
  readonly fillMode: FillMode;
  readonly cval: number;
  readonly interpolation: Interpolation;
  readonly rescale: number | null;
  readonly samplewiseCenter: boolean;
  readonly samplewiseStdNormalization: boolean;
  readonly featurewiseCenter: boolean;
  readonly featurewiseStdNormalization: boolean;
}

const SPEC_KEYS: ReadonlySet<string> = new Set([
  'rotationRange', 'widthShiftRange', 'heightShiftRange', 'shearRange', 'zoomRange', 'channelShiftRange',
  'brightnessRange', 'horizontalFlip', 'verticalFlip', 'fillMode', 'cval', 'interpolation', 'rescale',
  'samplewiseCenter', 'samplewiseStdNormalization', 'featurewiseCenter', 'featurewiseStdNormalization',
]);

function fmt(v: unknown): string {
  return describeValue(v);
}

function bad(field: string, value: unknown, allowed: string): never {
  throw new EdgeAugmentError('INVALID_SPEC', `spec.${field}: got ${fmt(value)}; allowed: ${allowed}.`, {
    details: { field, value: typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : fmt(value), allowed },
  });
}

function nonNegNumber(field: string, v: unknown, max = Infinity): number {
  if (v === undefined || v === null) return 0;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > max) {
    bad(field, v, `a finite number from 0 to ${max === Infinity ? 'any size' : max}`);
  }
  return v;
}

function bool(field: string, v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') bad(field, v, 'true or false');
  return v;
}

function shift(field: string, v: unknown): ShiftRange {
  const allowed = 'a number ≥ 0 (< 1: fraction of the size; integer ≥ 1: Keras int pixels), { pixels: r } (uniform ±r pixels), or a non-empty list of finite numbers';
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) bad(field, v, allowed);
    if (v >= 1 && !Number.isInteger(v)) return { pixels: v };
    return v;
  }
  if (Array.isArray(v)) {
    if (v.length === 0 || v.length > 100_000 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) bad(field, v, allowed);
    return Object.freeze([...(v as number[])]);
  }
  if (typeof v === 'object' && v !== null && Object.keys(v).length === 1 && 'pixels' in v) {
    const p = (v as { pixels: unknown }).pixels;
    if (typeof p !== 'number' || !Number.isFinite(p) || p < 0) bad(`${field}.pixels`, p, 'a finite number ≥ 0');
    return Object.freeze({ pixels: p });
  }
  return bad(field, v, allowed);
}

/**
 * Validates a spec and fills in Keras's defaults.
 *
 * @throws {EdgeAugmentError} `INVALID_SPEC` naming the field, the value and what is allowed.
 * @example
 * ```ts
 * const spec = normalizeSpec({ rotationRange: 50, zoomRange: 0.25, horizontalFlip: true });
 * ```
 */
export function normalizeSpec(spec: AugmentSpec | null | undefined): NormalizedSpec {
  if (spec === undefined || spec === null) spec = {};
  if (typeof spec !== 'object' || Array.isArray(spec)) bad('(root)', spec, 'an object of AugmentSpec options');
  for (const k of Object.keys(spec)) {
    if (!SPEC_KEYS.has(k)) {
      const hint = /_/.test(k) ? ' (snake_case Keras keys go through fromKerasConfig())' : '';
      bad(k, (spec as Record<string, unknown>)[k], `one of the AugmentSpec keys: ${[...SPEC_KEYS].join(', ')}${hint}`);
    }
  }
  const s = spec as Record<string, unknown>;
  let zoom: [number, number];
  const z = s.zoomRange;
  if (z === undefined || z === null) zoom = [1, 1];
  else if (typeof z === 'number') {
    if (!Number.isFinite(z) || z < 0 || z >= 1) bad('zoomRange', z, 'a number in [0, 1) or a [lo, hi] pair with 0 < lo ≤ hi');
    zoom = [1 - z, 1 + z];
  } else if (Array.isArray(z) && z.length === 2 && z.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    if (!(z[0] > 0 && z[0] <= z[1])) bad('zoomRange', z, 'a [lo, hi] pair with 0 < lo ≤ hi');
    zoom = [z[0], z[1]];
  } else bad('zoomRange', z, 'a number in [0, 1) or a [lo, hi] pair of finite numbers');

  let brightness: [number, number] | null = null;
  const b = s.brightnessRange;
  if (b !== undefined && b !== null) {
    if (!Array.isArray(b) || b.length !== 2 || !b.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0) || b[0] > b[1]) {
      bad('brightnessRange', b, 'null or a [lo, hi] pair of finite numbers with 0 ≤ lo ≤ hi');
    }
    brightness = [b[0], b[1]];
  }
  const fillMode = s.fillMode ?? 'nearest';
  if (!(FILL_MODES as readonly unknown[]).includes(fillMode)) bad('fillMode', fillMode, FILL_MODES.map((m) => `'${m}'`).join(' | '));
  const interpolation = s.interpolation ?? 'bilinear';
  if (!(INTERPOLATIONS as readonly unknown[]).includes(interpolation)) bad('interpolation', interpolation, "'nearest' | 'bilinear'");
  const cval = s.cval ?? 0;
  if (typeof cval !== 'number' || !Number.isFinite(cval) || cval < 0 || cval > 255) bad('cval', cval, 'a number from 0 to 255');
  let rescale: number | null = null;
  if (s.rescale !== undefined && s.rescale !== null && s.rescale !== 0) {
    if (typeof s.rescale !== 'number' || !Number.isFinite(s.rescale)) bad('rescale', s.rescale, 'null, 0 (off) or a finite number such as 1/255');
    rescale = s.rescale;
  }
  return Object.freeze({
    rotationRange: nonNegNumber('rotationRange', s.rotationRange, 360),
    widthShiftRange: shift('widthShiftRange', s.widthShiftRange),
    heightShiftRange: shift('heightShiftRange', s.heightShiftRange),
    shearRange: nonNegNumber('shearRange', s.shearRange, 360),
    zoomRange: Object.freeze(zoom) as readonly [number, number],
    channelShiftRange: nonNegNumber('channelShiftRange', s.channelShiftRange, 255),
    brightnessRange: brightness ? (Object.freeze(brightness) as readonly [number, number]) : null,
    horizontalFlip: bool('horizontalFlip', s.horizontalFlip),
    verticalFlip: bool('verticalFlip', s.verticalFlip),
    fillMode: fillMode as FillMode,
    cval,
    interpolation: interpolation as Interpolation,
    rescale,
    samplewiseCenter: bool('samplewiseCenter', s.samplewiseCenter),
    samplewiseStdNormalization: bool('samplewiseStdNormalization', s.samplewiseStdNormalization),
    featurewiseCenter: bool('featurewiseCenter', s.featurewiseCenter),
    featurewiseStdNormalization: bool('featurewiseStdNormalization', s.featurewiseStdNormalization),
  });
}

/** True when a shift range is "off" (Keras: falsy). */
export function shiftIsOff(r: ShiftRange): boolean {
  if (typeof r === 'number') return r === 0;
  if (Array.isArray(r)) return false;
  return (r as { pixels: number }).pixels === 0;
}

/** A plain JSON form of a normalised spec (for manifests). */
export function specToJSON(spec: NormalizedSpec): AugmentSpec {
  return JSON.parse(JSON.stringify(spec)) as AugmentSpec;
}
