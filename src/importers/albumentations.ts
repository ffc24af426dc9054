/**
 * albumentations importer: an `A.to_dict(transform)` JSON (`{"__version__", "transform": {"__class_fullname__":
 * "Compose", "p", "transforms", "bbox_params", "keypoint_params", …}}`) becomes an op pipeline, plus the
 * box/keypoint target defaults. Class names may be short ("HorizontalFlip", 0.5+) or full module paths
 * ("albumentations.augmentations.transforms.HorizontalFlip", older releases); argument names of 1.x
 * (`always_apply`, `var_limit`, `quality_lower`, `max_holes`, …) and of 1.4+/2.x (`std_range`,
 * `quality_range`, `num_holes_range`, `size`, `fill`, …) are read. A transform's `p` is the node's `p`;
 * `OneOf` picks a child by the children's `p` and forces it (as albumentations does).
 */
import type { PipelineNodeJSON } from '../ops/core/pipeline.js';
import { describeValue } from '../errors.js';
import { Args, checkNodes, clean, fail, isObj, unknownClass, withP } from './common.js';
import type { ImportedBoxDefaults, ImportedKeypointDefaults, ImportedPipeline } from './index.js';

const LIB = 'albumentations' as const;

interface State {
  notes: string[];
  rescale: number | null;
  normalize: { mean: number[]; std: number[] } | null;
  /** albumentations < 2: SomeOf forces its picks (and samples with replacement by default). */
  v1: boolean;
}

type Child = (v: unknown, path: string) => PipelineNodeJSON[];
type Mapper = (a: Args, s: State, child: Child) => PipelineNodeJSON[];

const sym = (x: number): [number, number] => [-Math.abs(x), Math.abs(x)];
const same = (x: number): [number, number] => [x, x];

/** cv2 interpolation codes → ours. */
function cvInterp(a: Args, s: State, k: string, def: number, allowBicubic: boolean): { interpolation: 'nearest' | 'bilinear' | 'bicubic'; antialias: boolean } {
  const v = a.any(k) ?? def;
  const code = typeof v === 'number' ? v : NaN;
  if (![0, 1, 2, 3, 4].includes(code)) fail(LIB, `${a.path}.${k}`, `expected an OpenCV interpolation code 0–4, got ${describeValue(v)}.`);
  if (code === 0) return { interpolation: 'nearest', antialias: false };
  if (code === 1) return { interpolation: 'bilinear', antialias: false };
  if (code === 2 && allowBicubic) return { interpolation: 'bicubic', antialias: false };
  if (code === 3 && allowBicubic) {
    s.notes.push(`${a.path} ${a.cls}: cv2.INTER_AREA → bilinear with antialias (area averaging when shrinking).`);
    return { interpolation: 'bilinear', antialias: true };
  }
  const to = allowBicubic ? 'bicubic' : 'bilinear';
  s.notes.push(`${a.path} ${a.cls}: interpolation ${['', '', 'cubic', 'area', 'lanczos4'][code]} → ${to}.`);
  return { interpolation: to, antialias: false };
}

/** border_mode: only constant fill exists in our warps. */
function border(a: Args, s: State, def: number): number[] {
  const mode = a.any('border_mode') ?? a.any('mode') ?? def;
  const fillV = a.any('value') ?? a.any('cval') ?? a.any('fill');
  a.ignore('mask_value', 'cval_mask', 'fill_mask', 'value', 'cval', 'fill', 'mode', 'border_mode');
  if (mode !== 0) {
    const names = ['constant', 'replicate', 'reflect', 'wrap', 'reflect_101'];
    s.notes.push(`${a.path} ${a.cls}: border_mode ${typeof mode === 'number' ? `cv2.BORDER_${(names[mode] ?? String(mode)).toUpperCase()}` : describeValue(mode)} → constant fill ${JSON.stringify(typeof fillV === 'number' || Array.isArray(fillV) ? fillV : 0)} (our warps fill with a constant).`);
  }
  if (typeof fillV === 'number') return [fillV];
  if (Array.isArray(fillV) && fillV.every((x) => typeof x === 'number')) return fillV as number[];
  return [0];
}

/** Fill of dropouts: a number, a list, or 'random' (→ null). */
function dropFill(a: Args, ...keys: string[]): number[] | null {
  for (const k of keys) {
    if (!a.has(k)) { a.ignore(k); continue; }
    const v = a.any(k);
    if (v === 'random' || v === 'random_uniform') return null;
    return a.nums(k, 0, { maxLength: 4 });
  }
  return [0];
}

/** A hole-size range in pixels (fractions of the image are not expressible: our ops take pixels). */
function px(a: Args, k: string, r: [number, number]): [number, number] {
  if (r.some((x) => !Number.isInteger(x))) fail(LIB, `${a.path}.${k}`, `${a.cls} sizes as fractions of the image (${JSON.stringify(r)}) are not supported; give pixels (integers).`);
  return r;
}

const flip = (op: string): Mapper => () => [{ op }];
const simple = (op: string): Mapper => () => [{ op }];

/** OpenCV's σ for a Gaussian kernel of size k with σ = 0. */
const cvSigma = (k: number) => 0.3 * ((k - 1) * 0.5 - 1) + 0.8;

const CLASSES: Record<string, Mapper> = {
  HorizontalFlip: /* #__PURE__ */ flip('hflip'),
  VerticalFlip: /* #__PURE__ */ flip('vflip'),
  Transpose: /* #__PURE__ */ simple('transpose'),
  RandomRotate90: () => [{ op: 'rot90', k: [0, 3] }],
  // Flip: d ∈ {−1, 0, 1} uniformly: both, vertical, horizontal.
  Flip: () => [{ op: 'oneOf', ops: [{ op: 'compose', ops: [{ op: 'hflip' }, { op: 'vflip' }] }, { op: 'vflip' }, { op: 'hflip' }] }],
  InvertImg: /* #__PURE__ */ simple('invert'),
  ToSepia: /* #__PURE__ */ simple('sepia'),
  ChannelShuffle: /* #__PURE__ */ simple('channelShuffle'),
  NoOp: /* #__PURE__ */ simple('identity'),
  Equalize: (a, s) => {
    const mode = a.str('mode', 'cv');
    const by = a.bool('by_channels', true);
    a.ignore('mask', 'mask_params');
    s.notes.push(`${a.path} Equalize: mode '${mode}'${by ? '' : ', by_channels false'} → per-channel histogram equalisation as torchvision F.equalize (cv2.equalizeHist's rounding differs by a level or two${by ? '' : '; luminance-only equalisation is not modelled'}).`);
    return [{ op: 'equalize' }];
  },
  ToGray: (a, s) => {
    const n = a.any('num_output_channels') ?? 3;
    a.ignore('method');
    s.notes.push(`${a.path} ToGray: cv2 RGB→grey weights (0.299, 0.587, 0.114) as torchvision's; fixed-point rounding may differ by one level.`);
    return [{ op: 'grayscale', numOutputChannels: n === 1 ? 1 : 3 }];
  },
  Posterize: (a) => [{ op: 'posterize', bits: a.range('num_bits', 4, same) }],
  Solarize: (a, s) => {
    if (a.has('threshold_range')) {
      const r = a.range('threshold_range', null, same)!;
      const t = r.map((x) => clean(x * 255)) as [number, number];
      s.notes.push(`${a.path} Solarize: threshold_range ${JSON.stringify(r)} (fractions of 255) → threshold ${JSON.stringify(t)} levels.`);
      return [{ op: 'solarize', threshold: t }];
    }
    return [{ op: 'solarize', threshold: a.range('threshold', 128, same) }];
  },
  RandomGamma: (a) => {
    a.ignore('eps');
    const g = a.range('gamma_limit', [80, 120], same)!;
    return [{ op: 'gamma', gamma: [g[0] / 100, g[1] / 100] }];
  },
  HueSaturationValue: (a) => [{ op: 'hsvShift', hueShiftLimit: a.range('hue_shift_limit', 20, sym), satShiftLimit: a.range('sat_shift_limit', 30, sym), valShiftLimit: a.range('val_shift_limit', 20, sym) }],
  RGBShift: (a) => [{ op: 'rgbShift', rShiftLimit: a.range('r_shift_limit', 20, sym), gShiftLimit: a.range('g_shift_limit', 20, sym), bShiftLimit: a.range('b_shift_limit', 20, sym) }],
  RandomBrightnessContrast: (a, s) => {
    const b = a.range('brightness_limit', 0.2, sym)!;
    const c = a.range('contrast_limit', 0.2, sym)!;
    const byMax = a.bool('brightness_by_max', true);
    a.ignore('ensure_safe_range');
    const ops: PipelineNodeJSON[] = [];
    // out = α·x + β·255 with α = 1 + U(contrast_limit), β = U(brightness_limit).
    if (c[0] !== 0 || c[1] !== 0) ops.push({ op: 'brightness', factor: [clean(1 + c[0]), clean(1 + c[1])] });
    if (b[0] !== 0 || b[1] !== 0) {
      const m = Math.max(Math.abs(b[0]), Math.abs(b[1]));
      ops.push({ op: 'imageDataGenerator', channelShiftRange: clean(m * 255) });
      s.notes.push(`${a.path} RandomBrightnessContrast: α·x + β·${byMax ? '255' : 'mean(x)'} → brightness factor α (contrast_limit) then one offset β·255 ~ U(${b[0] === -b[1] ? '' : `max |${JSON.stringify(b)}|, `}±${clean(m * 255)}) added to every channel (Keras channel shift: clipped to the image's own min–max${byMax ? '' : '; brightness_by_max false scales β by the mean, not modelled'}; two roundings instead of one).`);
    }
    return ops.length === 0 ? [{ op: 'identity' }] : ops.length === 1 ? ops : [{ op: 'compose', ops }];
  },
  ColorJitter: (a, s) => {
    const o: Record<string, unknown> = {};
    for (const k of ['brightness', 'contrast', 'saturation', 'hue']) {
      const v = a.any(k);
      if (v === undefined || v === null || v === 0) continue;
      o[k] = Array.isArray(v) ? v : v;
    }
    s.notes.push(`${a.path} ColorJitter: torchvision ColorJitter semantics (albumentations' OpenCV implementation rounds differently by a level or so).`);
    return [{ op: 'colorJitter', ...o }];
  },
  Blur: (a) => [{ op: 'boxBlur', kernelSize: a.range('blur_limit', 7, (x) => [3, x]) }],
  MotionBlur: (a, s) => {
    a.ignore('allow_shifted', 'angle_range', 'direction_range');
    const o: Record<string, unknown> = { op: 'motionBlur', kernelSize: a.range('blur_limit', 7, (x) => [3, x]) };
    if (a.raw.allow_shifted !== undefined) o.allowShifted = a.raw.allow_shifted;
    if (a.raw.angle_range !== undefined) o.angle = a.raw.angle_range;
    if (a.raw.direction_range !== undefined) o.direction = a.raw.direction_range;
    if (a.raw.angle_range === undefined) s.notes.push(`${a.path} MotionBlur: the line is drawn as albumentations ≥ 1.4 does (angle 0–360°, direction −1…1).`);
    return [o as PipelineNodeJSON];
  },
  GaussianBlur: (a, s) => {
    const k = a.range('blur_limit', [3, 7], (x) => [0, x])!;
    const sg = a.range('sigma_limit', 0, (x) => [0, x])!;
    let hi = Math.max(3, Math.round(k[1]));
    if (hi % 2 === 0) hi += 1;
    let lo = Math.max(3, Math.round(k[0]) || 3);
    if (lo % 2 === 0) lo += 1;
    const sigma: [number, number] = sg[1] > 0 ? [Math.max(sg[0], 0.1), sg[1]] : [clean(cvSigma(lo)), clean(cvSigma(hi))];
    s.notes.push(`${a.path} GaussianBlur: kernel size ${lo === hi ? hi : `drawn from ${lo}…${hi}`} → fixed ${hi} with σ ~ U(${sigma[0]}, ${sigma[1]})${sg[1] > 0 ? '' : " (OpenCV's σ for those sizes)"}.`);
    return [{ op: 'gaussianBlur', kernelSize: hi, sigma }];
  },
  GaussNoise: (a, s) => {
    a.ignore('noise_scale_factor');
    const perChannel = a.bool('per_channel', true);
    if (a.has('std_range')) {
      const r = a.range('std_range', null, same)!;
      const m = a.range('mean_range', [0, 0], same)!;
      if (m[0] !== m[1]) s.notes.push(`${a.path} GaussNoise: mean_range ${JSON.stringify(m)} → fixed mean ${clean(((m[0] + m[1]) / 2) * 255)} levels.`);
      return [{ op: 'gaussianNoise', std: [clean(r[0] * 255), clean(r[1] * 255)], mean: clean(((m[0] + m[1]) / 2) * 255), perChannel }];
    }
    const v = a.range('var_limit', [10, 50], (x) => [0, x])!;
    const mean = a.num('mean', 0);
    s.notes.push(`${a.path} GaussNoise: variance ~ U(${v[0]}, ${v[1]}) → σ ~ U(√${v[0]}, √${v[1]}) (uniform in σ, not in variance); noise rounded, not truncated.`);
    return [{ op: 'gaussianNoise', std: [clean(Math.sqrt(v[0])), clean(Math.sqrt(v[1]))], mean, perChannel }];
  },
  ImageCompression: (a, s) => {
    const t = a.any('compression_type');
    if (t !== undefined && t !== 0 && t !== 'jpeg' && t !== 'ImageCompressionType.JPEG') s.notes.push(`${a.path} ImageCompression: compression_type ${describeValue(t)} → JPEG (WebP is not modelled).`);
    const q = a.has('quality_range') ? a.range('quality_range', null, same)! : [a.num('quality_lower', 99), a.num('quality_upper', 100)];
    return [{ op: 'jpeg', quality: [Math.max(1, Math.round(q[0]!)), Math.min(100, Math.round(q[1]!))] }];
  },
  CoarseDropout: (a) => {
    a.ignore('mask_fill_value', 'fill_mask');
    const fill = dropFill(a, 'fill', 'fill_value');
    if (a.has('num_holes_range')) {
      return [{ op: 'coarseDropout', holes: px(a, 'num_holes_range', a.range('num_holes_range', null, same)!), height: px(a, 'hole_height_range', a.range('hole_height_range', [0.1, 0.3], same)!), width: px(a, 'hole_width_range', a.range('hole_width_range', [0.1, 0.3], same)!), fill }];
    }
    const maxH = a.num('max_holes', 8, { integer: true, min: 0 });
    const maxHt = a.num('max_height', 8, { min: 0 });
    const maxW = a.num('max_width', 8, { min: 0 });
    const minH = a.optNum('min_holes') ?? maxH;
    const minHt = a.optNum('min_height') ?? maxHt;
    const minW = a.optNum('min_width') ?? maxW;
    return [{ op: 'coarseDropout', holes: [minH, maxH], height: px(a, 'max_height', [minHt, maxHt]), width: px(a, 'max_width', [minW, maxW]), fill }];
  },
  Cutout: (a) => {
    const n = a.num('num_holes', 8, { integer: true, min: 0 });
    const h = a.num('max_h_size', 8, { integer: true, min: 0 });
    const w = a.num('max_w_size', 8, { integer: true, min: 0 });
    return [{ op: 'coarseDropout', holes: [n, n], height: [h, h], width: [w, w], fill: dropFill(a, 'fill_value') }];
  },
  GridDropout: (a) => {
    a.ignore('mask_fill_value', 'fill_mask');
    const o: Record<string, unknown> = { op: 'gridDropout', ratio: a.num('ratio', 0.5) };
    const uMin = a.optNum('unit_size_min');
    const uMax = a.optNum('unit_size_max');
    const ur = a.has('unit_size_range') ? a.range('unit_size_range', null, same) : uMin !== null && uMax !== null ? [uMin, uMax] : null;
    if (ur) o.unitSize = ur;
    const hx = a.optNum('holes_number_x');
    const hy = a.optNum('holes_number_y');
    if (hx !== null) o.holesNumberX = hx;
    if (hy !== null) o.holesNumberY = hy;
    if (a.has('holes_number_xy')) { const r = a.nums('holes_number_xy', null, { minLength: 2, maxLength: 2 })!; o.holesNumberX = r[0]; o.holesNumberY = r[1]; }
    if (a.has('shift_xy')) { const r = a.nums('shift_xy', null, { minLength: 2, maxLength: 2 })!; o.shiftX = r[0]; o.shiftY = r[1]; }
    o.shiftX ??= a.num('shift_x', 0, { integer: true });
    o.shiftY ??= a.num('shift_y', 0, { integer: true });
    o.randomOffset = a.bool('random_offset', false);
    o.fill = dropFill(a, 'fill', 'fill_value');
    return [o as PipelineNodeJSON];
  },
  Downscale: (a) => {
    if (a.has('scale_range')) {
      const pair = a.any('interpolation_pair');
      const code = isObj(pair) ? pair.downscale : 0;
      return [{ op: 'downscale', scale: a.range('scale_range', null, same), interpolation: code === 0 ? 'nearest' : 'linear' }];
    }
    const it = a.any('interpolation');
    const code = isObj(it) ? it.downscale : it ?? 0;
    return [{ op: 'downscale', scale: [a.num('scale_min', 0.25), a.num('scale_max', 0.25)], interpolation: code === 0 ? 'nearest' : 'linear' }];
  },
  Resize: (a, s) => {
    const { interpolation, antialias } = cvInterp(a, s, 'interpolation', 1, true);
    a.ignore('mask_interpolation');
    return [{ op: 'resize', size: [a.num('height', undefined, { integer: true, min: 1 }), a.num('width', undefined, { integer: true, min: 1 })], interpolation, antialias }];
  },
  SmallestMaxSize: (a, s) => {
    const { interpolation, antialias } = cvInterp(a, s, 'interpolation', 1, true);
    a.ignore('mask_interpolation');
    const m = a.any('max_size');
    const size = typeof m === 'number' ? m : Array.isArray(m) && m.length === 1 ? m[0] : fail(LIB, `${a.path}.max_size`, `expected one size (a list of several picks one at random, not modelled), got ${describeValue(m)}.`);
    s.notes.push(`${a.path} SmallestMaxSize: short edge → ${size} (torchvision Resize rounding of the long edge: ±1 px vs albumentations).`);
    return [{ op: 'resize', size, interpolation, antialias }];
  },
  CenterCrop: (a) => {
    a.ignore('pad_if_needed', 'pad_position', 'border_mode', 'fill', 'fill_mask');
    return [{ op: 'centerCrop', size: [a.num('height', undefined, { integer: true, min: 1 }), a.num('width', undefined, { integer: true, min: 1 })] }];
  },
  RandomCrop: (a) => {
    const pad = a.bool('pad_if_needed', false);
    a.ignore('pad_position', 'border_mode', 'fill', 'fill_mask');
    return [{ op: 'crop', size: [a.num('height', undefined, { integer: true, min: 1 }), a.num('width', undefined, { integer: true, min: 1 })], padIfNeeded: pad }];
  },
  RandomResizedCrop: (a, s) => {
    const { interpolation, antialias } = cvInterp(a, s, 'interpolation', 1, true);
    a.ignore('mask_interpolation');
    let size: number[];
    if (a.has('size')) size = a.nums('size', null, { minLength: 2, maxLength: 2 })!;
    else size = [a.num('height', undefined, { integer: true, min: 1 }), a.num('width', undefined, { integer: true, min: 1 })];
    return [{ op: 'randomResizedCrop', size, scale: a.range('scale', [0.08, 1], same), ratio: a.range('ratio', [0.75, 4 / 3], same), interpolation, antialias }];
  },
  Rotate: (a, s) => {
    const { interpolation } = cvInterp(a, s, 'interpolation', 1, false);
    a.ignore('rotate_method', 'crop_border', 'mask_interpolation');
    if (a.raw.crop_border === true) s.notes.push(`${a.path} Rotate: crop_border (crop to the largest rotated rectangle) is not modelled.`);
    const fill = border(a, s, 4);
    return [{ op: 'rotate', degrees: a.range('limit', 90, sym), interpolation, fill }];
  },
  ShiftScaleRotate: (a, s) => {
    const { interpolation } = cvInterp(a, s, 'interpolation', 1, false);
    a.ignore('rotate_method', 'mask_interpolation', 'crop_border');
    const base = a.range('shift_limit', 0.0625, sym)!;
    const sx = a.range('shift_limit_x', base, sym)!;
    const sy = a.range('shift_limit_y', base, sym)!;
    const sc = a.range('scale_limit', 0.1, sym)!;
    const rot = a.range('rotate_limit', 45, sym)!;
    const fill = border(a, s, 4);
    const tx = Math.max(Math.abs(sx[0]), Math.abs(sx[1]));
    const ty = Math.max(Math.abs(sy[0]), Math.abs(sy[1]));
    s.notes.push(`${a.path} ShiftScaleRotate: shifts ~ U(±${tx}·W, ±${ty}·H) rounded to whole pixels (torchvision RandomAffine)${sx[0] !== -sx[1] || sy[0] !== -sy[1] ? ', asymmetric shift limits made symmetric' : ''}.`);
    // cv2 angles are counter-clockwise; RandomAffine's are clockwise.
    return [{ op: 'affine', degrees: [-rot[1], -rot[0]], translate: [tx, ty], scale: [clean(1 + sc[0]), clean(1 + sc[1])], interpolation, fill }];
  },
  Affine: (a, s) => {
    const { interpolation } = cvInterp(a, s, 'interpolation', 1, false);
    a.ignore('fit_output', 'keep_ratio', 'rotate_method', 'balanced_scale', 'mask_interpolation');
    const o: Record<string, unknown> = { op: 'affine', interpolation };
    const sc = a.any('scale');
    if (isObj(sc)) {
      const x = Array.isArray(sc.x) ? sc.x : [sc.x, sc.x];
      const y = Array.isArray(sc.y) ? sc.y : [sc.y, sc.y];
      o.scale = [Math.min(x[0], y[0]), Math.max(x[1], y[1])];
      if (JSON.stringify(x) !== JSON.stringify(y)) s.notes.push(`${a.path} Affine: separate x/y scales → one scale for both, ${JSON.stringify(o.scale)}.`);
    } else if (sc !== undefined && sc !== null) o.scale = typeof sc === 'number' ? [sc, sc] : sc;
    const tp = a.any('translate_percent');
    if (tp !== undefined && tp !== null) {
      const x = isObj(tp) ? tp.x : tp;
      const y = isObj(tp) ? tp.y : tp;
      const m = (v: unknown) => (typeof v === 'number' ? Math.abs(v) : Array.isArray(v) ? Math.max(...v.map((q: number) => Math.abs(q))) : 0);
      o.translate = [m(x), m(y)];
      s.notes.push(`${a.path} Affine: translate_percent → shifts ~ U(±${m(x)}·W, ±${m(y)}·H), rounded to whole pixels.`);
    }
    if (a.has('translate_px')) s.notes.push(`${a.path} Affine: translate_px is not modelled (our affine shifts are fractions of the size).`);
    a.ignore('translate_px');
    const rot = a.any('rotate');
    if (rot !== undefined && rot !== null) { const r = typeof rot === 'number' ? [rot, rot] : (rot as number[]); o.degrees = [-r[1]!, -r[0]!]; }
    const sh = a.any('shear');
    if (sh !== undefined && sh !== null) {
      if (isObj(sh)) {
        const rx = typeof sh.x === 'number' ? [sh.x, sh.x] : sh.x as number[];
        const ry = typeof sh.y === 'number' ? [sh.y, sh.y] : sh.y as number[];
        o.shear = [rx[0], rx[1], ry[0], ry[1]];
      } else o.shear = typeof sh === 'number' ? [sh, sh] : sh;
    }
    o.fill = border(a, s, 0);
    return [o as PipelineNodeJSON];
  },
  Perspective: (a, s) => {
    const sc = a.range('scale', [0.05, 0.1], (x) => [0, x])!;
    a.ignore('keep_size', 'pad_mode', 'pad_val', 'mask_pad_val', 'fit_output', 'mask_interpolation', 'border_mode', 'fill', 'fill_mask');
    const { interpolation } = cvInterp(a, s, 'interpolation', 1, false);
    // albumentations moves each corner by |N(0, σ)|·size, σ ~ U(scale); torchvision by U(0, d·size/2):
    // equal mean displacement ⇒ d = 4·E|N(0,1)|·E[σ] = 4·√(2/π)·mean(scale).
    const d = Math.min(1, clean(4 * Math.sqrt(2 / Math.PI) * ((sc[0] + sc[1]) / 2)));
    s.notes.push(`${a.path} Perspective: corner jitter |N(0, σ)|, σ ~ U(${sc[0]}, ${sc[1]}) → RandomPerspective distortion_scale ${d} (same mean corner displacement).`);
    return [{ op: 'perspective', distortionScale: d, interpolation }];
  },
  ElasticTransform: (a, s) => {
    const alpha = a.num('alpha', 1);
    const sigma = a.num('sigma', 50);
    a.ignore('alpha_affine', 'approximate', 'same_dxdy', 'noise_distribution', 'mask_interpolation');
    const { interpolation } = cvInterp(a, s, 'interpolation', 1, false);
    const fill = border(a, s, 4);
    s.notes.push(`${a.path} ElasticTransform: pixel displacement alpha·blur(noise, sigma) → torchvision alpha ${clean(2 * alpha)} (its alpha is in half-image units), same sigma${a.raw.alpha_affine ? '; alpha_affine (an extra random affine) is not modelled' : ''}.`);
    return [{ op: 'elastic', alpha: clean(2 * alpha), sigma, interpolation, fill }];
  },
};

/** Composition classes. */
const COMPOSE_NAMES = ['Compose', 'Sequential', 'OneOf', 'SomeOf', 'OneOrOther', 'ReplayCompose'];
const COMPOSE = /* #__PURE__ */ new Set(COMPOSE_NAMES);
/** Options, not ops. */
const OPTION_NAMES = ['Normalize', 'ToFloat', 'ToTensorV2', 'ToTensor', 'FromFloat'];
const OPTION_CLASSES = /* #__PURE__ */ new Set(OPTION_NAMES);

const HINTS: Record<string, string> = {
  ISONoise: 'gaussianNoise', MultiplicativeNoise: 'gaussianNoise', FancyPCA: 'colorJitter', CLAHE: 'equalize', ChannelDropout: 'coarseDropout',
  GlassBlur: "corruption (corruption: 'glass_blur')", GridDistortion: 'elastic', OpticalDistortion: 'elastic', RandomFog: "corruption (corruption: 'fog')",
  RandomRain: 'corruption', RandomSnow: "corruption (corruption: 'snow')", RandomSunFlare: 'corruption', RandomShadow: 'brightness', MedianBlur: 'boxBlur',
  Sharpen: 'sharpness', Emboss: 'sharpness', UnsharpMask: 'sharpness', LongestMaxSize: 'resize (short edge + maxSize)', PadIfNeeded: 'pad', RandomScale: 'resize',
  RandomSizedCrop: 'randomResizedCrop', RandomSizedBBoxSafeCrop: 'randomResizedCrop', BBoxSafeRandomCrop: 'crop', CropNonEmptyMaskIfExists: 'crop', SafeRotate: 'rotate',
  Lambda: 'a pipeline op (code cannot be imported)', JpegCompression: 'ImageCompression', RandomToneCurve: 'gamma', ZoomBlur: "corruption (corruption: 'zoom_blur')",
  Defocus: "corruption (corruption: 'defocus_blur')", PixelDropout: 'saltPepper', SaltAndPepper: 'saltPepper', Superpixels: 'downscale', RandomGridShuffle: 'channelShuffle',
};

const DEFAULT_P1 = /* #__PURE__ */ new Set(['Resize', 'SmallestMaxSize', 'LongestMaxSize', 'CenterCrop', 'RandomCrop', 'RandomResizedCrop', 'Normalize', 'ToFloat', 'PadIfNeeded', 'Compose', 'Sequential', 'SomeOf', 'ToTensorV2', 'NoOp']);

/** Fields every transform may carry without meaning for us. */
const INERT = ['__class_fullname__', 'always_apply', 'p', 'id', 'params', 'strict', 'seed', 'save_key', 'is_check_shapes', 'additional_targets', 'bbox_params', 'keypoint_params', 'mask_interpolation', 'interpolation_mask', 'transforms', 'n', 'replace'];

function shortName(n: string): string {
  return n.slice(n.lastIndexOf('.') + 1);
}

function boxDefaults(v: unknown, path: string): ImportedBoxDefaults | undefined {
  if (v === null || v === undefined) return undefined;
  if (!isObj(v)) return fail(LIB, path, `expected bbox_params as an object, got ${describeValue(v)}.`);
  const a = new Args(LIB, 'BboxParams', v, path);
  const format = a.str('format');
  if (!['pascal_voc', 'coco', 'yolo', 'albumentations'].includes(format)) fail(LIB, `${path}.format`, `expected 'pascal_voc', 'coco', 'yolo' or 'albumentations', got ${describeValue(format)}.`);
  const out: ImportedBoxDefaults = { format: format as ImportedBoxDefaults['format'] };
  const lf = a.any('label_fields');
  if (Array.isArray(lf)) out.labelFields = lf.map(String);
  for (const [k, to] of [['min_area', 'minArea'], ['min_visibility', 'minVisibility'], ['min_width', 'minWidth'], ['min_height', 'minHeight']] as const) {
    const x = a.optNum(k, { min: 0 });
    if (x !== null) out[to] = x;
  }
  if (typeof v.clip === 'boolean') out.clip = v.clip;
  return out;
}

function keypointDefaults(v: unknown, path: string): ImportedKeypointDefaults | undefined {
  if (v === null || v === undefined) return undefined;
  if (!isObj(v)) return fail(LIB, path, `expected keypoint_params as an object, got ${describeValue(v)}.`);
  const a = new Args(LIB, 'KeypointParams', v, path);
  const format = a.str('format', 'xy');
  if (!['xy', 'yx', 'xya', 'xys', 'xyas', 'xysa'].includes(format)) fail(LIB, `${path}.format`, `expected one of xy, yx, xya, xys, xyas, xysa, got ${describeValue(format)}.`);
  const out: ImportedKeypointDefaults = { format: format as ImportedKeypointDefaults['format'] };
  const lf = a.any('label_fields');
  if (Array.isArray(lf)) out.labelFields = lf.map(String);
  if (typeof v.remove_invisible === 'boolean') out.removeInvisible = v.remove_invisible;
  if (typeof v.angle_in_degrees === 'boolean') out.angleInDegrees = v.angle_in_degrees;
  return out;
}

/**
 * Imports an albumentations pipeline: the JSON of `A.to_dict(transform)` (or of `A.save(…, data_format='json')`),
 * or just its `transform` object. Box and keypoint settings come back as `targets` defaults.
 *
 * @throws {EdgeAugmentError} `INVALID_SPEC` for an unknown transform (named, with what we have and the
 *   nearest one) or a malformed argument (with its JSON path).
 * @example
 * ```ts
 * const imported = fromAlbumentations({
 *   __version__: '1.3.0',
 *   transform: { __class_fullname__: 'Compose', p: 1, transforms: [
 *     { __class_fullname__: 'HorizontalFlip', always_apply: false, p: 0.5 },
 *     { __class_fullname__: 'RandomBrightnessContrast', always_apply: false, p: 0.2, brightness_limit: [-0.2, 0.2], contrast_limit: [-0.2, 0.2], brightness_by_max: true },
 *   ], bbox_params: { format: 'coco', label_fields: ['category_ids'], min_area: 0, min_visibility: 0 }, keypoint_params: null },
 * });
 * imported.targets; // { boxes: { format: 'coco', labelFields: ['category_ids'], minArea: 0, minVisibility: 0 } }
 * ```
 */
export function fromAlbumentations(config: unknown): ImportedPipeline {
  let cfg = config;
  if (typeof cfg === 'string') {
    try { cfg = JSON.parse(cfg); } catch (e) { fail(LIB, '$', `not JSON: ${(e as Error).message}`); }
  }
  let root: unknown = cfg;
  let path = '$';
  let version: string | undefined;
  if (isObj(cfg) && cfg.transform !== undefined) {
    root = cfg.transform;
    path = '$.transform';
    if (typeof cfg.__version__ === 'string') version = cfg.__version__;
  } else if (Array.isArray(cfg)) root = { __class_fullname__: 'Compose', p: 1, transforms: cfg };
  if (!isObj(root)) return fail(LIB, path, `expected A.to_dict() output ({"__version__", "transform": {"__class_fullname__": "Compose", …}}), got ${describeValue(root)}.`);
  const hasAlways = JSON.stringify(root).includes('"always_apply"');
  const s: State = { notes: [], rescale: null, normalize: null, v1: version ? Number.parseInt(version, 10) < 2 : hasAlways };
  const known = [...ALBUMENTATIONS_CLASSES].sort();

  const probability = (t: Record<string, unknown>, cls: string, at: string): number => {
    if (t.always_apply === true) return 1;
    const p = t.p ?? (DEFAULT_P1.has(cls) ? 1 : cls === 'OneOf' || cls === 'OneOrOther' ? 0.5 : 0.5);
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) fail(LIB, `${at}.p`, `expected a probability from 0 to 1, got ${describeValue(p)}.`);
    return p;
  };

  const transform = (t: unknown, at: string, depth: number): PipelineNodeJSON[] => {
    if (!isObj(t)) return fail(LIB, at, `expected a transform {"__class_fullname__": …}, got ${describeValue(t)}.`);
    const full = t.__class_fullname__;
    if (typeof full !== 'string') return fail(LIB, `${at}.__class_fullname__`, `expected the transform's class name, got ${describeValue(full)}.`);
    const cls = shortName(full);
    const p = probability(t, cls, at);
    if (COMPOSE.has(cls)) {
      const list = (cls === 'OneOrOther' && !Array.isArray(t.transforms)) ? [t.first, t.second] : t.transforms;
      if (!Array.isArray(list)) return fail(LIB, `${at}.transforms`, `expected a list of transforms, got ${describeValue(list)}.`);
      if (depth > 0 && (t.bbox_params || t.keypoint_params)) s.notes.push(`${at} ${cls}: nested bbox_params / keypoint_params are ignored (the outer Compose's apply).`);
      const kids = list.map((c, i) => ({ nodes: transform(c, `${at}.transforms[${i}]`, depth + 1), p: isObj(c) ? probability(c, shortName(String(c.__class_fullname__)), `${at}.transforms[${i}]`) : 1 }));
      const one = (k: { nodes: PipelineNodeJSON[] }, force: boolean): PipelineNodeJSON => {
        const ns = force ? k.nodes.map(({ p: _p, ...rest }) => rest as PipelineNodeJSON) : k.nodes;
        return ns.length === 1 ? ns[0]! : { op: 'compose', ops: ns.length ? ns : [{ op: 'identity' }] };
      };
      if (cls === 'Compose' || cls === 'Sequential' || cls === 'ReplayCompose') {
        const ops = kids.flatMap((k) => k.nodes);
        if (!ops.length) return [];
        return p < 1 ? [{ op: 'compose', ops, p }] : ops;
      }
      if (!kids.length) return [];
      if (cls === 'OneOf' || cls === 'OneOrOther') {
        const weights = cls === 'OneOrOther' ? [p, 1 - p] : kids.map((k) => k.p);
        const total = weights.reduce((x, y) => x + y, 0);
        if (total <= 0) return [];
        const even = weights.every((w) => w === weights[0]);
        return [withP({ op: 'oneOf', ops: kids.map((k) => one(k, true)), ...(even ? {} : { weights }) }, cls === 'OneOrOther' ? 1 : p)];
      }
      // SomeOf
      const n = typeof t.n === 'number' ? t.n : 1;
      const replace = t.replace === true || (t.replace === undefined && s.v1);
      const unequal = kids.some((k) => k.p !== kids[0]!.p);
      if (replace || unequal) s.notes.push(`${at} SomeOf: picks ${n} distinct transforms uniformly${replace ? ' (albumentations samples with replacement here)' : ''}${unequal ? ' (albumentations weights the picks by their p)' : ''}.`);
      return [withP({ op: 'someOf', ops: kids.map((k) => one(k, s.v1)), n: Math.min(n, kids.length), shuffle: s.v1 }, p)];
    }
    const args = Object.fromEntries(Object.entries(t).filter(([k]) => !INERT.includes(k)));
    const a = new Args(LIB, cls, args, at);
    if (OPTION_CLASSES.has(cls)) {
      if (depth > 1) fail(LIB, at, `${cls} inside a OneOf/SomeOf cannot become an augmenter option; put it in the top-level Compose.`);
      if (cls === 'Normalize') {
        const maxV = a.num('max_pixel_value', 255, { min: 0 });
        const norm = a.any('normalization');
        if (norm !== undefined && norm !== 'standard') fail(LIB, `${at}.normalization`, `only 'standard' normalisation ((x − mean)/std) is supported, got ${describeValue(norm)}.`);
        const mean = a.nums('mean', [0.485, 0.456, 0.406], { maxLength: 4 })!;
        const std = a.nums('std', [0.229, 0.224, 0.225], { maxLength: 4 })!;
        if (mean.length !== std.length || std.some((x) => x <= 0)) fail(LIB, `${at}.std`, 'mean and std need the same length and std > 0.');
        if (p < 1) s.notes.push(`${at} Normalize: p ${p} → always (it is an output option).`);
        s.rescale = 1 / maxV;
        s.normalize = { mean, std };
      } else if (cls === 'ToFloat') s.rescale = 1 / a.num('max_value', 255, { min: 0 });
      else a.ignore('transpose_mask');
      a.finish(false, s.notes);
      return [];
    }
    const map = CLASSES[cls];
    if (!map) return unknownClass(LIB, cls, at, known, HINTS);
    const nodes = map(a, s, () => []);
    a.finish(false, s.notes);
    checkNodes(LIB, at, cls, nodes);
    if (p === 0) return [];
    if (p < 1) {
      if (nodes.length === 1) return [withP(nodes[0]!, p)];
      return [{ op: 'compose', ops: nodes, p }];
    }
    return nodes;
  };

  const pipeline = transform(root, path, 0);
  if (!pipeline.length) pipeline.push({ op: 'identity' });
  const targets: ImportedPipeline['targets'] = {};
  const boxes = boxDefaults(root.bbox_params, `${path}.bbox_params`);
  const keypoints = keypointDefaults(root.keypoint_params, `${path}.keypoint_params`);
  if (boxes) targets.boxes = boxes;
  if (keypoints) targets.keypoints = keypoints;
  if (isObj(root.additional_targets) && Object.keys(root.additional_targets).length) s.notes.push(`${path}.additional_targets: ${JSON.stringify(root.additional_targets)} — pass those targets explicitly (masks/boxes/keypoints).`);
  const options: ImportedPipeline['options'] = {};
  if (s.rescale !== null && s.rescale !== 1) options.rescale = s.rescale;
  if (s.normalize) options.normalize = s.normalize;
  return { pipeline, ...(Object.keys(options).length ? { options } : {}), ...(boxes || keypoints ? { targets } : {}), notes: s.notes };
}

/** @internal The albumentations classes we map (docs). */
export const ALBUMENTATIONS_CLASSES: readonly string[] = /* #__PURE__ */ Object.keys(CLASSES).concat(COMPOSE_NAMES, OPTION_NAMES);
