/**
 * Shared by the policy ops (randAugment, trivialAugmentWide, autoAugment, augMix): torchvision 0.14's
 * augmentation spaces (op names in their order, magnitude bins, signed flags) and its `_apply_op`
 * mapping from (op name, magnitude) to one of our leaf ops with explicit params.
 *
 * Magnitudes are float32 like torch's: `torch.linspace` is emulated bit for bit as torch 1.13 computes it
 * on x86 CPUs with AVX2 (fused multiply–add per element; 8-wide lanes `base + k·step` for the first
 * 16-element blocks) — this matters where a magnitude lands on an integer (`int(magnitude)` of a
 * translation, a solarize threshold). Tables are checked against torchvision's own `_augmentation_space`
 * (test/goldens/ops/policy/gen.py).
 */
import { EdgeAugmentError } from '../../errors.js';

const f32 = Math.fround;

/** float32(a + b·c) with one rounding (b·c exact in double: b is float32, c an integer < 2^29). */
function fmaF32(a: number, bc: number): number {
  const r = a + bc;
  // Two-sum: the exact error of the double addition, to round the exact sum (not r) to float32.
  const bb = r - a;
  const e = a - (r - bb) + (bc - bb);
  const q = f32(r);
  if (e === 0 || q === r) return q;
  // r sits between two float32 values; only a tie at r needs the sign of e to break it.
  const other = q > r ? f32Prev(q) : f32Next(q);
  const lo = Math.min(q, other);
  const hi = Math.max(q, other);
  if (r - lo !== hi - r) return q;
  return e > 0 ? hi : lo;
}

const F32_BUF = /* #__PURE__ */ new Float32Array(1);
const U32_BUF = /* #__PURE__ */ new Uint32Array(F32_BUF.buffer);
function f32Next(x: number): number {
  F32_BUF[0] = x;
  if (x === 0) return 1.401298464324817e-45;
  U32_BUF[0] = x > 0 ? U32_BUF[0]! + 1 : U32_BUF[0]! - 1;
  return F32_BUF[0]!;
}
function f32Prev(x: number): number {
  return -f32Next(-x);
}

/** `torch.linspace(start, end, n)` (float32) as torch 1.13 computes it on AVX2 CPUs. */
export function linspaceF32(start: number, end: number, n: number): number[] {
  if (n === 1) return [f32(start)];
  const a = f32(start);
  const b = f32(end);
  const step = f32(f32(b - a) / f32(n - 1));
  const half = Math.floor(n / 2);
  const scalar = (j: number): number => (j < half ? fmaF32(a, step * j) : fmaF32(b, -step * (n - j - 1)));
  const out = new Array<number>(n);
  let i = 0;
  // Two 8-lane vectors per block while a whole block fits: lane k = base + float32(k·step).
  for (; i + 16 <= n; i += 16) {
    for (let v = 0; v < 2; v++) {
      const base = scalar(i + v * 8);
      for (let k = 0; k < 8; k++) out[i + v * 8 + k] = f32(base + f32(k * step));
    }
  }
  for (; i < n; i++) out[i] = scalar(i);
  return out;
}

/** `top - (torch.arange(n) / ((n - 1) / q)).round().int()` (float32 division, round half to even). */
export function posterizeBins(n: number, top: number, q: number): number[] {
  const d = f32((n - 1) / q);
  return Array.from({ length: n }, (_, i) => {
    const x = f32(i / d);
    const r = Math.round(x);
    return top - (r - x === 0.5 && r % 2 !== 0 ? r - 1 : r);
  });
}

/** One op of an augmentation space: torchvision name, magnitude bins (null: a 0-d tensor), signed. */
export interface SpaceOp {
  readonly name: TorchOpName;
  readonly magnitudes: readonly number[] | null;
  readonly signed: boolean;
}

export type TorchOpName =
  | 'Identity' | 'ShearX' | 'ShearY' | 'TranslateX' | 'TranslateY' | 'Rotate' | 'Brightness' | 'Color'
  | 'Contrast' | 'Sharpness' | 'Posterize' | 'Solarize' | 'AutoContrast' | 'Equalize' | 'Invert';

const op = (name: TorchOpName, magnitudes: readonly number[] | null, signed: boolean): SpaceOp => ({ name, magnitudes, signed });

/** The RandAugment / AutoAugment space (AutoAugment: no Identity, adds Invert; its bins are 10). */
function commonSpace(bins: number, width: number, height: number): SpaceOp[] {
  return [
    op('ShearX', linspaceF32(0, 0.3, bins), true),
    op('ShearY', linspaceF32(0, 0.3, bins), true),
    op('TranslateX', linspaceF32(0, (150 / 331) * width, bins), true),
    op('TranslateY', linspaceF32(0, (150 / 331) * height, bins), true),
    op('Rotate', linspaceF32(0, 30, bins), true),
    op('Brightness', linspaceF32(0, 0.9, bins), true),
    op('Color', linspaceF32(0, 0.9, bins), true),
    op('Contrast', linspaceF32(0, 0.9, bins), true),
    op('Sharpness', linspaceF32(0, 0.9, bins), true),
    op('Posterize', posterizeBins(bins, 8, 4), false),
    op('Solarize', linspaceF32(255, 0, bins), false),
    op('AutoContrast', null, false),
    op('Equalize', null, false),
  ];
}

/** Spaces are built once per (policy, bins, size): a pipeline sees few sizes; at most 64 kept. */
const CACHE = /* #__PURE__ */ new Map<string, readonly SpaceOp[]>();
function cached(key: string, make: () => SpaceOp[]): readonly SpaceOp[] {
  let s = CACHE.get(key);
  if (!s) {
    if (CACHE.size >= 64) CACHE.delete(CACHE.keys().next().value!);
    s = Object.freeze(make().map((x) => Object.freeze({ ...x, magnitudes: x.magnitudes && Object.freeze(x.magnitudes) })));
    CACHE.set(key, s);
  }
  return s;
}

/** `RandAugment._augmentation_space(bins, (height, width))`. */
export function randAugmentSpace(bins: number, width: number, height: number): readonly SpaceOp[] {
  return cached(`ra/${bins}/${width}/${height}`, () => [op('Identity', null, false), ...commonSpace(bins, width, height)]);
}

/** `AutoAugment._augmentation_space(10, (height, width))` (a lookup table: policies name ops). */
export function autoAugmentSpace(width: number, height: number): readonly SpaceOp[] {
  return cached(`aa/${width}/${height}`, () => [...commonSpace(10, width, height), op('Invert', null, false)]);
}

/** `TrivialAugmentWide._augmentation_space(bins)`. */
export function trivialAugmentSpace(bins: number): readonly SpaceOp[] {
  return cached(`ta/${bins}`, () => [
    op('Identity', null, false),
    op('ShearX', linspaceF32(0, 0.99, bins), true),
    op('ShearY', linspaceF32(0, 0.99, bins), true),
    op('TranslateX', linspaceF32(0, 32, bins), true),
    op('TranslateY', linspaceF32(0, 32, bins), true),
    op('Rotate', linspaceF32(0, 135, bins), true),
    op('Brightness', linspaceF32(0, 0.99, bins), true),
    op('Color', linspaceF32(0, 0.99, bins), true),
    op('Contrast', linspaceF32(0, 0.99, bins), true),
    op('Sharpness', linspaceF32(0, 0.99, bins), true),
    op('Posterize', posterizeBins(bins, 8, 6), false),
    op('Solarize', linspaceF32(255, 0, bins), false),
    op('AutoContrast', null, false),
    op('Equalize', null, false),
  ]);
}

/** `AugMix._augmentation_space(10, (height, width))` with `all_ops`. */
export function augMixSpace(width: number, height: number, allOps: boolean): readonly SpaceOp[] {
  return cached(`am/${width}/${height}/${allOps}`, () => augMixSpaceOf(width, height, allOps));
}

function augMixSpaceOf(width: number, height: number, allOps: boolean): SpaceOp[] {
  const bins = 10;
  const s = [
    op('ShearX', linspaceF32(0, 0.3, bins), true),
    op('ShearY', linspaceF32(0, 0.3, bins), true),
    op('TranslateX', linspaceF32(0, width / 3, bins), true),
    op('TranslateY', linspaceF32(0, height / 3, bins), true),
    op('Rotate', linspaceF32(0, 30, bins), true),
    op('Posterize', posterizeBins(bins, 4, 4), false),
    op('Solarize', linspaceF32(255, 0, bins), false),
    op('AutoContrast', null, false),
    op('Equalize', null, false),
  ];
  if (allOps) {
    s.push(
      op('Brightness', linspaceF32(0, 0.9, bins), true),
      op('Color', linspaceF32(0, 0.9, bins), true),
      op('Contrast', linspaceF32(0, 0.9, bins), true),
      op('Sharpness', linspaceF32(0, 0.9, bins), true),
    );
  }
  return s;
}

/** A leaf op with explicit params (what a policy expands to). */
export interface LeafCall {
  op: string;
  params: Record<string, unknown>;
}

/** Interpolation and fill the geometric ops of a policy get (copied into their params). */
export interface GeometryOptions {
  interpolation: 'nearest' | 'bilinear';
  fill: readonly number[] | null;
}

const DEG_PER_RAD = 180 / Math.PI;

/**
 * torchvision 0.14 `_apply_op(img, name, magnitude, interpolation, fill)` as one of our leaf ops, or null
 * for Identity. `magnitude` is the float32 value (already signed).
 */
export function applyOp(name: TorchOpName, magnitude: number, g: GeometryOptions): LeafCall | null {
  const fill = g.fill === null ? null : [...g.fill];
  const affine = (translate: [number, number], shear: [number, number], center: [number, number] | null): LeafCall => ({
    op: 'affine',
    params: { angle: 0, translate, scale: 1, shear, center, interpolation: g.interpolation, fill },
  });
  // Python's int(): truncation toward zero (and no negative zero in JSON).
  const int = (x: number): number => Math.trunc(x) + 0;
  switch (name) {
    case 'Identity': return null;
    case 'ShearX': return affine([0, 0], [Math.atan(magnitude) * DEG_PER_RAD, 0], [0, 0]);
    case 'ShearY': return affine([0, 0], [0, Math.atan(magnitude) * DEG_PER_RAD], [0, 0]);
    case 'TranslateX': return affine([int(magnitude), 0], [0, 0], null);
    case 'TranslateY': return affine([0, int(magnitude)], [0, 0], null);
    case 'Rotate': return { op: 'rotate', params: { angle: magnitude, interpolation: g.interpolation, expand: false, center: null, fill } };
    case 'Brightness': return { op: 'brightness', params: { factor: 1 + magnitude } };
    case 'Color': return { op: 'saturation', params: { factor: 1 + magnitude } };
    case 'Contrast': return { op: 'contrast', params: { factor: 1 + magnitude } };
    case 'Sharpness': return { op: 'sharpness', params: { factor: 1 + magnitude } };
    case 'Posterize': return { op: 'posterize', params: { bits: int(magnitude) } };
    case 'Solarize': return { op: 'solarize', params: { threshold: magnitude } };
    case 'AutoContrast': return { op: 'autocontrast', params: {} };
    case 'Equalize': return { op: 'equalize', params: {} };
    case 'Invert': return { op: 'invert', params: {} };
    default: throw new EdgeAugmentError('INTERNAL', `policy: unknown torchvision op '${String(name)}'.`);
  }
}

/** Config fields every policy shares (torchvision's `interpolation` and `fill`). */
export const GEOMETRY_FIELDS = {
  interpolation: { type: 'enum', values: ['nearest', 'bilinear'], default: 'nearest', doc: "resampling of the geometric ops (torchvision: 'nearest' or 'bilinear' on tensors)" },
  fill: { type: 'numbers', default: null, nullable: true, min: 0, max: 255, minLength: 1, maxLength: 4, broadcast: 1, doc: 'fill of the area outside the image after geometric ops: one value or one per channel (default: 0)' },
} as const;

/** The normalised `{ interpolation, fill }` of a policy config. */
export function geometryOf(c: { interpolation: string; fill: readonly number[] | null }): GeometryOptions {
  return { interpolation: c.interpolation as 'nearest' | 'bilinear', fill: c.fill };
}
