/**
 * torchvision importer: a `transforms.Compose` (v1 or v2 class names) written as JSON becomes an op
 * pipeline. Accepted shapes: `[{"RandomResizedCrop": {"size": 224}}, "RandomHorizontalFlip", …]`,
 * `{"Compose": [...]}`, `{"transforms": [...]}`, entries as `{"Name": {kwargs}}`, `{"Name": [positional
 * args]}`, `{"Name": null}`, a bare `"Name"`, or Hydra/mmcv style `{"_target_" | "type": "torchvision.transforms.Name", …kwargs}`.
 * `ToTensor` / `PILToTensor` / `ConvertImageDtype` / `ToDtype` / `Normalize` become augmenter options
 * (`rescale`, `normalize`), not ops. Argument names, order and defaults are torchvision 0.14's (v2's
 * where v2 differs: antialias).
 */
import type { PipelineNodeJSON } from '../ops/core/pipeline.js';
import { describeValue } from '../errors.js';
import { Args, checkNodes, fail, isObj, unknownClass, withP } from './common.js';
import type { ImportedPipeline } from './index.js';

const LIB = 'torchvision' as const;

interface State {
  notes: string[];
  rescale: number | null;
  normalize: { mean: number[]; std: number[] } | null;
  antialiasNoted: boolean;
}

type Mapper = (a: Args, s: State, depth: number, child: (v: unknown, path: string, depth: number) => PipelineNodeJSON[]) => PipelineNodeJSON[];

interface ClassDef {
  /** Argument names in torchvision's positional order. */
  args: readonly string[];
  map: Mapper;
}

/** torchvision InterpolationMode as JSON: 'bilinear', 'InterpolationMode.BILINEAR', or PIL's integer codes. */
function interp(a: Args, k: string, def: 'nearest' | 'bilinear' | 'bicubic', s: State, allowBicubic: boolean): 'nearest' | 'bilinear' | 'bicubic' {
  const v = a.any(k);
  if (v === undefined || v === null) return def;
  const codes: Record<number, string> = { 0: 'nearest', 2: 'bilinear', 3: 'bicubic', 1: 'lanczos', 4: 'box', 5: 'hamming' };
  let name = typeof v === 'number' ? codes[v] : typeof v === 'string' ? v.replace(/^(torchvision\.transforms\.)?(functional\.)?InterpolationMode\./i, '').toLowerCase() : undefined;
  if (!name) fail(LIB, `${a.path}.${k}`, `expected an InterpolationMode ('nearest', 'bilinear', 'bicubic', …), got ${describeValue(v)}.`);
  if (name === 'nearest-exact' || name === 'nearest_exact') {
    s.notes.push(`${a.path} ${a.cls}: interpolation 'nearest-exact' → 'nearest' (index rounding differs by half a pixel).`);
    name = 'nearest';
  }
  if (name === 'lanczos' || name === 'box' || name === 'hamming') {
    const to = allowBicubic ? (name === 'lanczos' ? 'bicubic' : 'bilinear') : 'bilinear';
    s.notes.push(`${a.path} ${a.cls}: interpolation '${name}' (PIL only) → '${to}'.`);
    name = to;
  }
  if (name === 'bicubic' && !allowBicubic) {
    s.notes.push(`${a.path} ${a.cls}: interpolation 'bicubic' → 'bilinear' (this op samples nearest or bilinear).`);
    name = 'bilinear';
  }
  if (name !== 'nearest' && name !== 'bilinear' && name !== 'bicubic') fail(LIB, `${a.path}.${k}`, `unknown interpolation ${describeValue(v)}; allowed: nearest, bilinear, bicubic.`);
  return name;
}

/** Resize antialias: torchvision 0.14 antialiases PIL images (and v2 ≥ 0.17 every image) unless told otherwise. */
function antialias(a: Args, s: State, mode: string): boolean {
  const v = a.any('antialias');
  if (v === true || v === false) return v;
  if (v !== undefined && v !== null && v !== 'warn') fail(LIB, `${a.path}.antialias`, `expected true, false or null, got ${describeValue(v)}.`);
  if (mode !== 'nearest' && !s.antialiasNoted) {
    s.antialiasNoted = true;
    s.notes.push(`${a.path} ${a.cls}: antialias not given → true (what torchvision does for PIL images, and v2's default); write "antialias": false for 0.14's tensor behaviour.`);
  }
  return mode !== 'nearest';
}

/** A one-element list as the number itself (torchvision's `size=[224]` / `kernel_size=[23]`). */
function one(v: number[]): number | number[] {
  return v.length === 1 ? v[0]! : v;
}

function fill(a: Args, k = 'fill'): number[] | null {
  return a.nums(k, 0, { maxLength: 4 });
}

/** ColorJitter-style strength: b → [max(0, 1 − b), 1 + b] is the op's own scalar rule, so pass through. */
function jitter(a: Args, k: string, hue = false): number | [number, number] | null {
  const v = a.any(k);
  if (v === undefined || v === null || v === 0) return null;
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number' && Number.isFinite(x))) return [v[0], v[1]];
  return fail(LIB, `${a.path}.${k}`, `expected ${hue ? 'h in [0, 0.5]' : 'a number ≥ 0'} or [lo, hi], got ${describeValue(v)}.`);
}

function isFloatDtype(v: unknown): boolean {
  return typeof v === 'string' && /float|half|double|bfloat/i.test(v);
}

const flip = (op: string, def: number): Mapper => (a) => [withP({ op }, a.num('p', def, { min: 0, max: 1 }))];
const randomP = (op: string, extra: (a: Args) => Record<string, unknown> = () => ({})): Mapper => (a) => {
  const e = extra(a);
  return [withP({ op, ...e }, a.num('p', 0.5, { min: 0, max: 1 }))];
};

/** The policies' shared arguments. */
function policyCommon(a: Args, s: State, def: 'nearest' | 'bilinear'): Record<string, unknown> {
  const f = a.nums('fill', null, { maxLength: 4 });
  return { interpolation: interp(a, 'interpolation', def, s, false), ...(f ? { fill: f } : {}) };
}

const CLASSES: Record<string, ClassDef> = {
  Compose: { args: ['transforms'], map: (a, _s, d, child) => child(a.any('transforms'), `${a.path}.transforms`, d) },
  RandomApply: {
    args: ['transforms', 'p'],
    map: (a, _s, d, child) => [withP({ op: 'compose', ops: child(a.any('transforms'), `${a.path}.transforms`, d + 1) }, a.num('p', 0.5, { min: 0, max: 1 }))],
  },
  RandomChoice: {
    args: ['transforms', 'p'],
    map: (a, _s, d, child) => {
      const ops = child(a.any('transforms'), `${a.path}.transforms`, d + 1);
      const w = a.nums('p', null);
      if (w && w.length !== ops.length) fail(LIB, `${a.path}.p`, `expected one weight per transform (${ops.length}), got ${w.length}.`);
      return [{ op: 'oneOf', ops, ...(w ? { weights: w } : {}) }];
    },
  },
  RandomOrder: {
    args: ['transforms'],
    map: (a, _s, d, child) => {
      const ops = child(a.any('transforms'), `${a.path}.transforms`, d + 1);
      return [{ op: 'someOf', ops, n: ops.length, shuffle: true }];
    },
  },
  Resize: {
    args: ['size', 'interpolation', 'max_size', 'antialias'],
    map: (a, s) => {
      const size = one(a.nums('size', undefined, { maxLength: 2 })!);
      if (!size) fail(LIB, `${a.path}.size`, 'Resize needs a size.');
      const interpolation = interp(a, 'interpolation', 'bilinear', s, true);
      const maxSize = a.optNum('max_size', { integer: true, min: 1 });
      return [{ op: 'resize', size, interpolation, ...(maxSize !== null ? { maxSize } : {}), antialias: antialias(a, s, interpolation) }];
    },
  },
  CenterCrop: { args: ['size'], map: (a) => [{ op: 'centerCrop', size: one(a.nums('size', undefined, { maxLength: 2 })!) }] },
  RandomCrop: {
    args: ['size', 'padding', 'pad_if_needed', 'fill', 'padding_mode'],
    map: (a) => {
      const padding = a.nums('padding', null, { maxLength: 4 });
      return [{
        op: 'crop', size: one(a.nums('size', undefined, { maxLength: 2 })!), ...(padding ? { padding } : {}),
        padIfNeeded: a.bool('pad_if_needed', false), fill: fill(a), paddingMode: a.str('padding_mode', 'constant'),
      }];
    },
  },
  RandomResizedCrop: {
    args: ['size', 'scale', 'ratio', 'interpolation', 'antialias'],
    map: (a, s) => {
      const interpolation = interp(a, 'interpolation', 'bilinear', s, true);
      return [{
        op: 'randomResizedCrop', size: one(a.nums('size', undefined, { maxLength: 2 })!),
        scale: a.range('scale', [0.08, 1], (x) => [x, x]), ratio: a.range('ratio', [3 / 4, 4 / 3], (x) => [x, x]),
        interpolation, antialias: antialias(a, s, interpolation),
      }];
    },
  },
  RandomHorizontalFlip: { args: ['p'], map: /* #__PURE__ */ flip('hflip', 0.5) },
  RandomVerticalFlip: { args: ['p'], map: /* #__PURE__ */ flip('vflip', 0.5) },
  Pad: {
    args: ['padding', 'fill', 'padding_mode'],
    map: (a) => [{ op: 'pad', padding: a.nums('padding', undefined, { maxLength: 4 }), fill: fill(a), paddingMode: a.str('padding_mode', 'constant') }],
  },
  ColorJitter: {
    args: ['brightness', 'contrast', 'saturation', 'hue'],
    map: (a) => {
      const o: Record<string, unknown> = {};
      for (const k of ['brightness', 'contrast', 'saturation', 'hue']) { const v = jitter(a, k, k === 'hue'); if (v !== null) o[k] = v; }
      return Object.keys(o).length ? [{ op: 'colorJitter', ...o }] : [];
    },
  },
  Grayscale: { args: ['num_output_channels'], map: (a) => [{ op: 'grayscale', numOutputChannels: a.num('num_output_channels', 1, { integer: true }) }] },
  RandomGrayscale: { args: ['p'], map: (a) => [withP({ op: 'grayscale', numOutputChannels: 3 }, a.num('p', 0.1, { min: 0, max: 1 }))] },
  RandomRotation: {
    args: ['degrees', 'interpolation', 'expand', 'center', 'fill'],
    map: (a, s) => {
      const center = a.nums('center', null, { minLength: 2, maxLength: 2 });
      return [{ op: 'rotate', degrees: a.range('degrees', null, (x) => [-Math.abs(x), Math.abs(x)]), interpolation: interp(a, 'interpolation', 'nearest', s, false), expand: a.bool('expand', false), ...(center ? { center } : {}), fill: fill(a) }];
    },
  },
  RandomAffine: {
    args: ['degrees', 'translate', 'scale', 'shear', 'interpolation', 'fill', 'center'],
    map: (a, s) => {
      const translate = a.nums('translate', null, { minLength: 2, maxLength: 2 });
      const scale = a.range('scale', null, (x) => [x, x]);
      const shear = a.any('shear');
      const center = a.nums('center', null, { minLength: 2, maxLength: 2 });
      return [{
        op: 'affine', degrees: a.range('degrees', null, (x) => [-Math.abs(x), Math.abs(x)]), ...(translate ? { translate } : {}), ...(scale ? { scale } : {}),
        ...(shear !== undefined && shear !== null ? { shear } : {}), interpolation: interp(a, 'interpolation', 'nearest', s, false), fill: fill(a), ...(center ? { center } : {}),
      }];
    },
  },
  RandomPerspective: {
    args: ['distortion_scale', 'p', 'interpolation', 'fill'],
    map: (a, s) => [withP({ op: 'perspective', distortionScale: a.num('distortion_scale', 0.5, { min: 0, max: 1 }), interpolation: interp(a, 'interpolation', 'bilinear', s, false), fill: fill(a) }, a.num('p', 0.5, { min: 0, max: 1 }))],
  },
  GaussianBlur: {
    args: ['kernel_size', 'sigma'],
    map: (a) => [{ op: 'gaussianBlur', kernelSize: one(a.nums('kernel_size', undefined, { maxLength: 2 })!), sigma: a.range('sigma', [0.1, 2], (x) => [x, x]) }],
  },
  RandomInvert: { args: ['p'], map: /* #__PURE__ */ randomP('invert') },
  RandomPosterize: { args: ['bits', 'p'], map: /* #__PURE__ */ randomP('posterize', (a) => ({ bits: a.num('bits', undefined, { integer: true, min: 0, max: 8 }) })) },
  RandomSolarize: { args: ['threshold', 'p'], map: /* #__PURE__ */ randomP('solarize', (a) => ({ threshold: a.num('threshold') })) },
  RandomAdjustSharpness: { args: ['sharpness_factor', 'p'], map: /* #__PURE__ */ randomP('sharpness', (a) => ({ factor: a.num('sharpness_factor', undefined, { min: 0 }) })) },
  RandomAutocontrast: { args: ['p'], map: /* #__PURE__ */ randomP('autocontrast') },
  RandomEqualize: { args: ['p'], map: /* #__PURE__ */ randomP('equalize') },
  RandomErasing: {
    args: ['p', 'scale', 'ratio', 'value', 'inplace'],
    map: (a, s) => {
      a.any('inplace');
      const v = a.any('value');
      let value: number[] | null;
      if (v === 'random') value = null;
      else {
        const raw = a.nums('value', 0, { maxLength: 4 })!;
        value = raw;
        if (s.normalize) {
          // Erasing after Normalize writes `value` in normalised units: the pixel is value · std + mean (÷ rescale).
          const { mean, std } = s.normalize;
          const r = s.rescale ?? 1;
          const n = Math.max(raw.length, mean.length);
          value = Array.from({ length: n }, (_, c) => {
            const x = raw[Math.min(c, raw.length - 1)]! * std[Math.min(c, std.length - 1)]! + mean[Math.min(c, mean.length - 1)]!;
            return Math.min(255, Math.max(0, Math.round(x / r)));
          });
          s.notes.push(`${a.path} RandomErasing after Normalize: value ${JSON.stringify(raw)} (normalised units) → pixel value ${JSON.stringify(value)} (value · std + mean, in levels; rounded).`);
        } else if (s.rescale !== null && s.rescale !== 1) {
          value = raw.map((x) => Math.min(255, Math.max(0, Math.round(x / s.rescale!))));
          if (raw.some((x) => x !== 0)) s.notes.push(`${a.path} RandomErasing after ToTensor: value ${JSON.stringify(raw)} (0–1 units) → ${JSON.stringify(value)} levels.`);
        }
      }
      return [withP({ op: 'randomErasing', scale: a.range('scale', [0.02, 0.33], (x) => [x, x]), ratio: a.range('ratio', [0.3, 3.3], (x) => [x, x]), value }, a.num('p', 0.5, { min: 0, max: 1 }))];
    },
  },
  AutoAugment: {
    args: ['policy', 'interpolation', 'fill'],
    map: (a, s) => {
      const p = String(a.any('policy') ?? 'imagenet').replace(/^.*AutoAugmentPolicy\./i, '').toLowerCase();
      if (!['imagenet', 'cifar10', 'svhn'].includes(p)) fail(LIB, `${a.path}.policy`, `expected AutoAugmentPolicy IMAGENET, CIFAR10 or SVHN, got ${describeValue(a.raw.policy)}.`);
      return [{ op: 'autoAugment', policy: p, ...policyCommon(a, s, 'nearest') }];
    },
  },
  RandAugment: {
    args: ['num_ops', 'magnitude', 'num_magnitude_bins', 'interpolation', 'fill'],
    map: (a, s) => [{ op: 'randAugment', numOps: a.num('num_ops', 2, { integer: true }), magnitude: a.num('magnitude', 9, { integer: true }), numMagnitudeBins: a.num('num_magnitude_bins', 31, { integer: true }), ...policyCommon(a, s, 'nearest') }],
  },
  TrivialAugmentWide: {
    args: ['num_magnitude_bins', 'interpolation', 'fill'],
    map: (a, s) => [{ op: 'trivialAugmentWide', numMagnitudeBins: a.num('num_magnitude_bins', 31, { integer: true }), ...policyCommon(a, s, 'nearest') }],
  },
  AugMix: {
    args: ['severity', 'mixture_width', 'chain_depth', 'alpha', 'all_ops', 'interpolation', 'fill'],
    map: (a, s) => [{
      op: 'augMix', severity: a.num('severity', 3, { integer: true }), mixtureWidth: a.num('mixture_width', 3, { integer: true }), chainDepth: a.num('chain_depth', -1, { integer: true }),
      alpha: a.num('alpha', 1), allOps: a.bool('all_ops', true), ...policyCommon(a, s, 'bilinear'),
    }],
  },
  ElasticTransform: {
    args: ['alpha', 'sigma', 'interpolation', 'fill'],
    map: (a, s) => [{ op: 'elastic', alpha: one(a.nums('alpha', 50, { maxLength: 2 })!), sigma: one(a.nums('sigma', 5, { maxLength: 2 })!), interpolation: interp(a, 'interpolation', 'bilinear', s, false), fill: fill(a) }],
  },
  Identity: { args: [], map: () => [] },
  // v2 batch mixing: pipeline nodes added by the batch-mixing work (mixUp / cutMix, last in a pipeline).
  MixUp: { args: ['alpha', 'num_classes', 'labels_getter'], map: (a) => { a.ignore('num_classes', 'labels_getter'); return [{ op: 'mixUp', alpha: a.num('alpha', 1, { min: 0 }) }]; } },
  CutMix: { args: ['alpha', 'num_classes', 'labels_getter'], map: (a) => { a.ignore('num_classes', 'labels_getter'); return [{ op: 'cutMix', alpha: a.num('alpha', 1, { min: 0 }) }]; } },
};

/** Conversions and normalisation: augmenter options, not ops (top level only). */
const OPTION_CLASSES: Record<string, { args: readonly string[]; apply: (a: Args, s: State) => void }> = {
  ToTensor: { args: [], apply: (_a, s) => { s.rescale = 1 / 255; } },
  PILToTensor: { args: [], apply: () => undefined },
  ToImage: { args: [], apply: () => undefined },
  ToImageTensor: { args: [], apply: () => undefined },
  ToPureTensor: { args: [], apply: () => undefined },
  ToPILImage: { args: ['mode'], apply: (a) => void a.any('mode') },
  ToImagePIL: { args: ['mode'], apply: (a) => void a.any('mode') },
  ConvertImageDtype: { args: ['dtype'], apply: (a, s) => { if (isFloatDtype(a.any('dtype'))) s.rescale = 1 / 255; } },
  ToDtype: {
    args: ['dtype', 'scale'],
    apply: (a, s) => {
      let d = a.any('dtype');
      if (isObj(d)) d = Object.values(d).find((x) => typeof x === 'string'); // {"tv_tensors.Image": "torch.float32"}
      if (isFloatDtype(d)) s.rescale = a.bool('scale', false) ? 1 / 255 : 1;
      else a.bool('scale', false);
    },
  },
  Normalize: {
    args: ['mean', 'std', 'inplace'],
    apply: (a, s) => {
      a.any('inplace');
      const mean = a.nums('mean', undefined, { maxLength: 4 })!;
      const std = a.nums('std', undefined, { maxLength: 4 })!;
      if (mean.length !== std.length) fail(LIB, `${a.path}.std`, `mean and std need the same length (${mean.length} vs ${std.length}).`);
      if (std.some((x) => x <= 0)) fail(LIB, `${a.path}.std`, 'std values must be > 0.');
      if (s.rescale === null) {
        s.rescale = 1 / 255;
        s.notes.push(`${a.path} Normalize without a preceding ToTensor/ToDtype(float, scale=True): assumed inputs in 0–1 (rescale 1/255).`);
      }
      s.normalize = { mean, std };
    },
  },
  SanitizeBoundingBoxes: { args: ['min_size', 'labels_getter'], apply: (a, s) => { a.ignore('min_size', 'labels_getter'); s.notes.push(`${a.path} SanitizeBoundingBoxes: box filtering is the box targets' minWidth/minHeight (set them on the targets).`); } },
  ClampBoundingBoxes: { args: [], apply: () => undefined },
};

/** Well-known transforms we lack → the nearest thing we have. */
const HINTS: Record<string, string> = {
  FiveCrop: 'centerCrop', TenCrop: 'centerCrop', LinearTransformation: 'normalize (augmenter option)', Lambda: 'a pipeline op (code cannot be imported)',
  RandomIoUCrop: 'crop', RandomZoomOut: 'pad', ScaleJitter: 'randomResizedCrop', RandomShortestSize: 'resize', RandomPhotometricDistort: 'colorJitter + channelShuffle',
  RandomChannelPermutation: 'channelShuffle', JPEG: 'jpeg', GaussianNoise: 'gaussianNoise', RandomSizedCrop: 'RandomResizedCrop', Scale: 'Resize', RandomCropPadding: 'RandomCrop',
};

const NAME_KEYS = ['_target_', 'type', 'class_name', '__class__'];

/** Class name without module path (torchvision.transforms.v2.RandomResizedCrop → RandomResizedCrop). */
function shortName(n: string): string {
  return n.slice(n.lastIndexOf('.') + 1);
}

/** Size-first classes whose positional list of numbers is the size itself ({"Resize": [256, 256]}). */
const SIZE_LIST = /* #__PURE__ */ new Set(['Resize', 'CenterCrop', 'RandomResizedCrop']);
/** Containers whose list value is the transforms ({"RandomApply": [...]}); [[...], 0.5] is positional. */
const CONTAINERS = /* #__PURE__ */ new Set(['Compose', 'RandomApply', 'RandomChoice', 'RandomOrder']);

/**
 * Imports a torchvision `transforms.Compose` written as JSON (v1 or v2 class names, torchvision 0.14
 * argument names and defaults).
 *
 * @throws {EdgeAugmentError} `INVALID_SPEC` for an unknown transform (named, with what we have and the
 *   nearest one) or a malformed argument (with its JSON path).
 * @example
 * ```ts
 * const { pipeline, options, notes } = fromTorchvision([
 *   { RandomResizedCrop: { size: 224 } }, { RandomHorizontalFlip: {} }, 'ToTensor',
 *   { Normalize: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] } },
 * ]);
 * const aug = await createAugmenter({ pipeline, ...options });
 * ```
 */
export function fromTorchvision(config: unknown): ImportedPipeline {
  const s: State = { notes: [], rescale: null, normalize: null, antialiasNoted: false };
  const known = [...Object.keys(CLASSES), ...Object.keys(OPTION_CLASSES)].sort();

  const entry = (raw: unknown, path: string, depth: number): PipelineNodeJSON[] => {
    let name: string;
    let argsRaw: unknown;
    if (typeof raw === 'string') { name = raw; argsRaw = {}; }
    else if (isObj(raw)) {
      const nk = NAME_KEYS.find((k) => typeof raw[k] === 'string');
      if (nk) {
        name = raw[nk] as string;
        argsRaw = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== nk));
      } else {
        const keys = Object.keys(raw);
        if (keys.length !== 1) fail(LIB, path, `expected one transform as {"ClassName": {args}} (or a "_target_"/"type" key), got keys ${keys.map((k) => `'${k}'`).join(', ') || 'none'}.`);
        name = keys[0]!;
        argsRaw = raw[name];
      }
    } else return fail(LIB, path, `expected a transform ("Name", {"Name": {args}} or {"Name": [args]}), got ${describeValue(raw)}.`);
    const cls = shortName(name);
    const def = CLASSES[cls];
    const opt = OPTION_CLASSES[cls];
    if (!def && !opt) unknownClass(LIB, cls, path, known, HINTS);
    const argNames = (def ?? opt)!.args;
    const at = `${path}.${name}`;
    let kw: Record<string, unknown>;
    if (argsRaw === null || argsRaw === undefined) kw = {};
    else if (isObj(argsRaw)) kw = argsRaw;
    else if (Array.isArray(argsRaw)) {
      const sizeList = SIZE_LIST.has(cls) && argsRaw.length <= 2 && argsRaw.every((x) => typeof x === 'number');
      const transformList = CONTAINERS.has(cls) && !Array.isArray(argsRaw[0]);
      if (sizeList || transformList) {
        // {"Resize": [256, 256]} is the size; {"Compose": [...]} / {"RandomApply": [...]} are the transforms.
        kw = { [argNames[0]!]: argsRaw };
      } else {
        if (argsRaw.length > argNames.length) fail(LIB, at, `${cls} takes at most ${argNames.length} positional arguments (${argNames.join(', ')}), got ${argsRaw.length}.`);
        kw = Object.fromEntries(argsRaw.map((v, i) => [argNames[i]!, v]));
      }
    } else if (argNames.length) kw = { [argNames[0]!]: argsRaw }; // {"RandomRotation": 30}
    else return fail(LIB, at, `${cls} takes no arguments, got ${describeValue(argsRaw)}.`);
    const a = new Args(LIB, cls, kw, at);
    if (opt) {
      if (depth > 0) fail(LIB, path, `${cls} inside a random container cannot become an augmenter option; put it at the top level.`);
      opt.apply(a, s);
      a.finish(true, s.notes, opt.args);
      return [];
    }
    const nodes = def!.map(a, s, depth, children);
    a.finish(true, s.notes, def!.args);
    return checkNodes(LIB, at, cls, nodes);
  };

  const children = (v: unknown, path: string, depth: number): PipelineNodeJSON[] => {
    if (!Array.isArray(v)) return fail(LIB, path, `expected a list of transforms, got ${describeValue(v)}.`);
    return v.flatMap((t, i) => entry(t, `${path}[${i}]`, depth));
  };

  let list: unknown = config;
  let root = '$';
  if (typeof list === 'string') {
    try { list = JSON.parse(list); } catch (e) { fail(LIB, '$', `not JSON: ${(e as Error).message}`); }
  }
  if (isObj(list)) {
    const nk = NAME_KEYS.find((k) => typeof (list as Record<string, unknown>)[k] === 'string');
    if (nk && shortName((list as Record<string, string>)[nk]!) === 'Compose') { list = (list as Record<string, unknown>).transforms; root = '$.transforms'; }
    else if (Array.isArray(list.Compose)) { list = list.Compose; root = '$.Compose'; }
    else if (isObj(list.Compose) && Array.isArray(list.Compose.transforms)) { list = list.Compose.transforms; root = '$.Compose.transforms'; }
    else if (Array.isArray(list.transforms)) { list = list.transforms; root = '$.transforms'; }
    else list = [list];
  }
  if (!Array.isArray(list)) fail(LIB, '$', `expected a list of transforms, {"Compose": [...]} or {"transforms": [...]}, got ${describeValue(config)}.`);
  const pipeline = children(list, root, 0);
  if (!pipeline.length) pipeline.push({ op: 'identity' });
  const options: ImportedPipeline['options'] = {};
  if (s.rescale !== null && s.rescale !== 1) options.rescale = s.rescale;
  if (s.normalize) options.normalize = s.normalize;
  return { pipeline, ...(Object.keys(options).length ? { options } : {}), notes: s.notes };
}

/** @internal The torchvision classes we map (docs). */
export const TORCHVISION_CLASSES: readonly string[] = /* #__PURE__ */ Object.keys(CLASSES).concat(Object.keys(OPTION_CLASSES));
