/**
 * Keras 3 importer: a `keras.Sequential` of preprocessing layers, as its `get_config()` or
 * `keras.saving.serialize_keras_object` JSON (`{"module": "keras", "class_name": "Sequential", "config":
 * {"layers": [{"module": "keras.layers", "class_name": "RandomFlip", "config": {…}, "registered_name": null}, …]}}`),
 * becomes an op pipeline. Option meanings follow Keras 3's `keras/src/layers/preprocessing/image_preprocessing/*.py`:
 * factors that are probabilities (`factor` of RandomGrayscale, RandomErasing, RandomGaussianBlur, …) become
 * the node's `p`; ranges are read as Keras's `_set_factor` reads them. `Rescaling` and `Normalization`
 * become the augmenter's `rescale` / `normalize` options.
 */
import type { PipelineNodeJSON } from '../ops/core/pipeline.js';
import { describeValue } from '../errors.js';
import { Args, checkNodes, clean, fail, isObj, unknownClass, withP } from './common.js';
import type { ImportedPipeline } from './index.js';

const LIB = 'Keras 3' as const;

interface State {
  notes: string[];
  /** Float output so far: x·scale[c] + offset[c] (Rescaling, Normalization). */
  scale: number[];
  offset: number[];
  /** Product of the Rescaling scales (the `rescale` option). */
  rescale: number;
  normalized: boolean;
}

type Mapper = (a: Args, s: State) => PipelineNodeJSON[];

const DEG = 180 / Math.PI;

/** Keras's `_set_factor` with bounds: a number f → [max(−|f|, lo), |f|]; a pair → sorted. */
function factor(a: Args, k: string, def: number | [number, number] | null, bounds: [number, number]): [number, number] {
  const r = a.range(k, def, (x) => [Math.max(-Math.abs(x), bounds[0]), Math.abs(x)]);
  if (!r) return fail(LIB, `${a.path}.${k}`, `${a.cls} needs '${k}'.`);
  return r;
}

/** A probability-like factor: Keras draws u < U(lo, hi), i.e. p = (lo + hi) / 2. */
function probability(a: Args, k = 'factor', def = 1): number {
  const [lo, hi] = factor(a, k, def, [0, 1]);
  return clean((lo + hi) / 2);
}

function interp(a: Args, s: State, allowBicubic: boolean): 'nearest' | 'bilinear' | 'bicubic' {
  const v = a.str('interpolation', 'bilinear');
  if (v === 'nearest' || v === 'bilinear') return v;
  if (v === 'bicubic' && allowBicubic) return 'bicubic';
  const to = allowBicubic && /cubic|lanczos/.test(v) ? 'bicubic' : 'bilinear';
  s.notes.push(`${a.path} ${a.cls}: interpolation '${v}' → '${to}'.`);
  return to;
}

/** fill_value in levels (Keras fills in the current value range). */
function fillLevel(a: Args, s: State): number {
  const f = a.num('fill_value', 0);
  const level = s.scale[0] !== 1 || s.offset[0] !== 0 ? (f - s.offset[0]!) / s.scale[0]! : f;
  return Math.min(255, Math.max(0, clean(level)));
}

/** Keras fill modes that our Keras-geometry op (imageDataGenerator) has; a constant fill for the others. */
function fillMode(a: Args, s: State, def = 'reflect'): 'reflect' | 'wrap' | 'constant' | 'nearest' {
  const m = a.str('fill_mode', def);
  if (m === 'reflect' || m === 'wrap' || m === 'constant' || m === 'nearest') return m;
  s.notes.push(`${a.path} ${a.cls}: fill_mode '${m}' → 'constant'.`);
  return 'constant';
}

/** Keras-geometry node (our imageDataGenerator op: Keras's affine sampler with every Keras fill mode). */
function kerasWarp(a: Args, s: State, o: Record<string, unknown>): PipelineNodeJSON {
  const interpolation = interp(a, s, false);
  const mode = fillMode(a, s);
  return { op: 'imageDataGenerator', ...o, fillMode: mode, cval: fillLevel(a, s), interpolation: interpolation === 'bicubic' ? 'bilinear' : interpolation };
}

/** A Keras shift fraction for ImageDataGenerator: 1.0 would read as "1 pixel" there. */
function shiftFraction(a: Args, s: State, k: string, r: [number, number]): number {
  let m = Math.max(Math.abs(r[0]), Math.abs(r[1]));
  if (r[0] !== -r[1]) s.notes.push(`${a.path} ${a.cls}: ${k} ${JSON.stringify(r)} → symmetric ±${m} (asymmetric shift ranges are not modelled).`);
  if (m >= 1) m = 0.999999;
  return m;
}

const CLASSES: Record<string, Mapper> = {
  RandomFlip: (a, s) => {
    const mode = a.str('mode', 'horizontal_and_vertical');
    if (mode === 'horizontal') return [{ op: 'hflip', p: 0.5 }];
    if (mode === 'vertical') return [{ op: 'vflip', p: 0.5 }];
    if (mode === 'horizontal_and_vertical') {
      s.notes.push(`${a.path} RandomFlip: 'horizontal_and_vertical' flips both ways together with p 0.5 (one draw, as Keras 3 does; Keras 2 drew each flip independently).`);
      return [{ op: 'compose', ops: [{ op: 'hflip' }, { op: 'vflip' }], p: 0.5 }];
    }
    return fail(LIB, `${a.path}.mode`, `expected 'horizontal', 'vertical' or 'horizontal_and_vertical', got ${describeValue(mode)}.`);
  },
  RandomRotation: (a, s) => {
    const f = factor(a, 'factor', null, [-Infinity, Infinity]);
    const deg = [clean(f[0] * 360), clean(f[1] * 360)] as [number, number];
    if (deg[0] === -deg[1]) return [kerasWarp(a, s, { rotationRange: deg[1] })];
    const interpolation = interp(a, s, false);
    const mode = fillMode(a, s);
    if (mode !== 'constant') s.notes.push(`${a.path} RandomRotation: asymmetric factor ${JSON.stringify(f)} → rotate ${JSON.stringify(deg)}° with a constant fill (fill_mode '${mode}' is kept only for symmetric ranges).`);
    return [{ op: 'rotate', degrees: deg, interpolation, fill: [fillLevel(a, s)] }];
  },
  RandomTranslation: (a, s) => {
    const h = factor(a, 'height_factor', null, [-1, 1]);
    const w = factor(a, 'width_factor', null, [-1, 1]);
    return [kerasWarp(a, s, { heightShiftRange: shiftFraction(a, s, 'height_factor', h), widthShiftRange: shiftFraction(a, s, 'width_factor', w) })];
  },
  RandomZoom: (a, s) => {
    const h = factor(a, 'height_factor', null, [-Infinity, Infinity]);
    const wRaw = a.any('width_factor');
    if (wRaw === null || wRaw === undefined) {
      // One zoom for both axes (aspect kept): RandomAffine's scale = 1 / zoom.
      const interpolation = interp(a, s, false);
      const mode = fillMode(a, s);
      const scale: [number, number] = [clean(1 / (1 + h[1])), clean(1 / (1 + h[0]))];
      s.notes.push(`${a.path} RandomZoom: zoom 1 + U(${h[0]}, ${h[1]}) on both axes → affine scale ${JSON.stringify(scale)} (uniform in 1/zoom, not in zoom)${mode !== 'constant' ? `; fill_mode '${mode}' → constant fill` : ''}.`);
      return [{ op: 'affine', scale, interpolation, fill: [fillLevel(a, s)] }];
    }
    const w = factor(a, 'width_factor', null, [-Infinity, Infinity]);
    if (w[0] !== h[0] || w[1] !== h[1]) s.notes.push(`${a.path} RandomZoom: different height/width factors → both drawn from the height range ${JSON.stringify(h)}.`);
    return [kerasWarp(a, s, { zoomRange: [clean(1 + h[0]), clean(1 + h[1])] })];
  },
  RandomShear: (a, s) => {
    const x = factor(a, 'x_factor', 0, [0, 1]);
    const y = factor(a, 'y_factor', 0, [0, 1]);
    const interpolation = interp(a, s, false);
    const mode = fillMode(a, s);
    const ax = clean(Math.atan(x[1]) * DEG);
    const ay = clean(Math.atan(y[1]) * DEG);
    s.notes.push(`${a.path} RandomShear: shear coefficients ±U(${x[0]}, ${x[1]}) / ±U(${y[0]}, ${y[1]}) → shear angles within ±${ax}° / ±${ay}° (uniform in angle; x and y signs drawn separately)${mode !== 'constant' ? `; fill_mode '${mode}' → constant fill` : ''}.`);
    return [{ op: 'affine', shear: [-ax, ax, -ay, ay], interpolation, fill: [fillLevel(a, s)] }];
  },
  RandomContrast: (a, s) => {
    // Keras ≤ 3.5 wrote the raw factor: f → [1 − f, 1 + f]; later versions write the [lo, hi] pair.
    const v = a.any('factor');
    const r: [number, number] = typeof v === 'number' ? [Math.abs(v), Math.abs(v)] : factor(a, 'factor', null, [0, 1]);
    s.notes.push(`${a.path} RandomContrast: about the grey mean (torchvision adjust_contrast) instead of each channel's own mean.`);
    return [{ op: 'contrast', factor: [clean(Math.max(0, 1 - r[0])), clean(1 + r[1])] }];
  },
  RandomBrightness: (a, s) => {
    const r = factor(a, 'factor', null, [-1, 1]);
    const m = Math.max(Math.abs(r[0]), Math.abs(r[1]));
    s.notes.push(`${a.path} RandomBrightness: one offset U(${r[0]}, ${r[1]})·255 added to every channel → ±${clean(m * 255)} (Keras channel shift, clipped to the image's own min–max instead of 0–255${r[0] !== -r[1] ? '; range made symmetric' : ''}).`);
    return [{ op: 'imageDataGenerator', channelShiftRange: clean(m * 255) }];
  },
  RandomHue: (a, s) => {
    const r = factor(a, 'factor', null, [0, 1]);
    if (r[0] !== 0) s.notes.push(`${a.path} RandomHue: shift ±U(${r[0]}, ${r[1]})/2 turns → U(−${r[1] / 2}, ${r[1] / 2}) turns (the gap around 0 is not modelled).`);
    return [{ op: 'hue', factor: [clean(-r[1] / 2), clean(r[1] / 2)] }];
  },
  RandomSaturation: (a, s) => {
    const r = factor(a, 'factor', null, [0, 1]);
    const f = (x: number) => (x >= 1 ? 1000 : clean(Math.min(1000, x / (1 - x))));
    s.notes.push(`${a.path} RandomSaturation: HSV saturation × f/(1 − f), f ~ U(${r[0]}, ${r[1]}) → torchvision saturation factor in [${f(r[0])}, ${f(r[1])}] drawn uniformly (a blend with grey, not an HSV scale).`);
    return [{ op: 'saturation', factor: [f(r[0]), f(r[1])] }];
  },
  RandomSharpness: (a, s) => {
    const r = factor(a, 'factor', null, [0, 1]);
    s.notes.push(`${a.path} RandomSharpness: same 3×3 kernel as torchvision; Keras pads the border with zeros, torchvision keeps border pixels.`);
    return [{ op: 'sharpness', factor: [clean(2 * r[0]), clean(2 * r[1])] }];
  },
  RandomColorDegeneration: (a) => {
    const r = factor(a, 'factor', null, [0, 1]);
    return [{ op: 'saturation', factor: [clean(1 - r[1]), clean(1 - r[0])] }];
  },
  RandomColorJitter: (a, s) => {
    const ops: PipelineNodeJSON[] = [];
    for (const [k, cls] of [['brightness_factor', 'RandomBrightness'], ['contrast_factor', 'RandomContrast'], ['saturation_factor', 'RandomSaturation'], ['hue_factor', 'RandomHue']] as const) {
      const v = a.any(k);
      if (v === undefined || v === null) continue;
      ops.push(...CLASSES[cls]!(new Args(LIB, `RandomColorJitter→${cls}`, { factor: v }, `${a.path}.${k}`), s));
    }
    return ops.length ? [{ op: 'compose', ops }] : [];
  },
  RandomPosterization: (a) => {
    const r = factor(a, 'factor', null, [1, 8]);
    // Keras: randint(lo, hi) (hi exclusive) when lo ≠ hi.
    return [{ op: 'posterize', bits: r[0] === r[1] ? [r[0], r[0]] : [r[0], r[1] - 1] }];
  },
  Solarization: (a, s) => {
    const add = factor(a, 'addition_factor', 0, [0, 1]);
    const t = factor(a, 'threshold_factor', 0, [0, 1]);
    if (add[1] !== 0) s.notes.push(`${a.path} Solarization: addition_factor ${JSON.stringify(add)} (a brightness offset before the threshold) is not modelled.`);
    // Keras draws U(threshold_factor[0], threshold_factor[1]·255) (the lower bound is not scaled).
    return [{ op: 'solarize', threshold: [t[0], clean(t[1] * 255)] }];
  },
  RandomInvert: (a) => [withP({ op: 'invert' }, probability(a))],
  RandomGrayscale: (a) => [withP({ op: 'grayscale', numOutputChannels: 3 }, a.num('factor', 0.5, { min: 0, max: 1 }))],
  AutoContrast: () => [{ op: 'autocontrast' }],
  Equalization: (a, s) => {
    const bins = a.num('bins', 256, { integer: true, min: 1 });
    if (bins !== 256) s.notes.push(`${a.path} Equalization: bins ${bins} → 256.`);
    return [{ op: 'equalize' }];
  },
  RandomErasing: (a, s) => {
    const p = probability(a);
    const sc = factor(a, 'scale', [0.02, 0.33], [0, 1]);
    const fv = a.any('fill_value');
    const value = fv === null || fv === undefined ? null : typeof fv === 'number' ? [fv] : a.nums('fill_value', null, { maxLength: 4 });
    s.notes.push(`${a.path} RandomErasing: box of area U(scale)·area with aspect log-U(0.3, 3.3) (torchvision) instead of Keras's √U(scale) per side${value === null ? "; random fill is torchvision's N(0, 1) in normalised units" : ''}.`);
    return [withP({ op: 'randomErasing', scale: sc, value }, p)];
  },
  RandomGaussianBlur: (a, s) => {
    const p = probability(a);
    const kl = a.nums('kernel_size', 3, { maxLength: 2 })!;
    const k = kl.length === 1 ? kl[0]! : kl;
    const sg = factor(a, 'sigma', 1, [0, Infinity]);
    s.notes.push(`${a.path} RandomGaussianBlur: one σ ~ U(${sg[0]}, ${sg[1]}) for both axes (Keras draws two).`);
    return [withP({ op: 'gaussianBlur', kernelSize: k, sigma: [Math.max(sg[0], 1e-3), Math.max(sg[1], 1e-3)] }, p)];
  },
  RandomPerspective: (a, s) => {
    const p = probability(a);
    const scale = a.num('scale', 1, { min: 0 });
    const interpolation = interp(a, s, false);
    const d = Math.min(1, scale);
    s.notes.push(`${a.path} RandomPerspective: corners moved by U(±scale/2)·corner (Keras; the top-left never moves) → torchvision corners moved inwards by up to ${d}·half the size (same mean displacement).`);
    return [withP({ op: 'perspective', distortionScale: d, interpolation, fill: [fillLevel(a, s)] }, p)];
  },
  RandomElasticTransform: (a, s) => {
    const p = probability(a);
    const sc = factor(a, 'scale', 1, [0, 1]);
    const interpolation = interp(a, s, false);
    fillMode(a, s);
    const d = (sc[0] + sc[1]) / 2;
    // Keras: alpha = max(H, W)·0.1·d pixels, sigma = min(H, W)·0.05·d; torchvision alpha is twice the pixel displacement.
    const alpha = clean(2 * 224 * 0.1 * d);
    const sigma = clean(224 * 0.05 * d);
    s.notes.push(`${a.path} RandomElasticTransform: strength scales with the image size in Keras; set for 224×224 (alpha ${alpha}, sigma ${sigma}), distortion fixed at the mean scale ${clean(d)}, constant fill.`);
    return [withP({ op: 'elastic', alpha, sigma, interpolation, fill: [fillLevel(a, s)] }, p)];
  },
  RandAugment: (a, s) => {
    const r = factor(a, 'factor', 0.5, [0, 1]);
    const magnitude = Math.round(r[1] * 30);
    const interpolation = interp(a, s, false);
    s.notes.push(`${a.path} RandAugment: torchvision RandAugment (its op list) at magnitude ${magnitude}/30 for Keras factor ${JSON.stringify(r)}.`);
    return [{ op: 'randAugment', numOps: a.num('num_ops', 2, { integer: true, min: 0 }), magnitude, interpolation: interpolation === 'bicubic' ? 'bilinear' : interpolation }];
  },
  AugMix: (a, s) => {
    const f = a.num('factor', 0.3, { min: 0, max: 1 });
    const severity = Math.max(1, Math.min(10, Math.round(f * 10)));
    const depth = a.any('chain_depth');
    const chainDepth = typeof depth === 'number' ? depth : -1;
    s.notes.push(`${a.path} AugMix: torchvision AugMix at severity ${severity} for Keras factor ${f}${typeof depth !== 'number' ? ', chain depth drawn from 1–3' : ''}.`);
    const interpolation = interp(a, s, false);
    return [{ op: 'augMix', severity, mixtureWidth: a.num('num_chains', 3, { integer: true, min: 1 }), chainDepth, alpha: a.num('alpha', 1, { min: 0 }), allOps: a.bool('all_ops', true), interpolation: interpolation === 'bicubic' ? 'bilinear' : interpolation }];
  },
  MixUp: (a) => [{ op: 'mixUp', alpha: a.num('alpha', 0.2, { min: 0 }) }],
  CutMix: (a) => {
    const r = factor(a, 'factor', 1, [0, Infinity]);
    return [{ op: 'cutMix', alpha: r[1] }];
  },
  Resizing: (a, s) => {
    const interpolation = interp(a, s, true);
    const crop = a.bool('crop_to_aspect_ratio', false);
    const pad = a.bool('pad_to_aspect_ratio', false);
    a.ignore('fill_mode', 'fill_value');
    if (crop || pad) s.notes.push(`${a.path} Resizing: ${crop ? 'crop_to_aspect_ratio' : 'pad_to_aspect_ratio'} is not modelled (plain resize to the size).`);
    return [{ op: 'resize', size: [a.num('height', undefined, { integer: true, min: 1 }), a.num('width', undefined, { integer: true, min: 1 })], interpolation, antialias: a.bool('antialias', false) && interpolation !== 'nearest' }];
  },
  CenterCrop: (a, s) => {
    s.notes.push(`${a.path} CenterCrop: torchvision offsets round((H − h)/2) — one pixel off Keras's (H − h)//2 when the margin is odd; smaller images are zero-padded, not resized.`);
    return [{ op: 'centerCrop', size: [a.num('height', undefined, { integer: true, min: 1 }), a.num('width', undefined, { integer: true, min: 1 })] }];
  },
  RandomCrop: (a, s) => {
    s.notes.push(`${a.path} RandomCrop: images not larger than the crop are zero-padded (Keras crops to the aspect ratio and resizes).`);
    return [{ op: 'crop', size: [a.num('height', undefined, { integer: true, min: 1 }), a.num('width', undefined, { integer: true, min: 1 })], padIfNeeded: true }];
  },
};

/** Layers that become output options. */
const OPTION_CLASSES: Record<string, (a: Args, s: State) => void> = {
  Rescaling: (a, s) => {
    const scale = a.any('scale');
    const offset = a.any('offset') ?? 0;
    const sc = typeof scale === 'number' ? [scale] : Array.isArray(scale) ? scale : isObj(scale) && typeof scale.config === 'object' ? fail(LIB, `${a.path}.scale`, 'a tensor scale is not supported; give a number.') : fail(LIB, `${a.path}.scale`, `expected a number, got ${describeValue(scale)}.`);
    const off = typeof offset === 'number' ? [offset] : Array.isArray(offset) ? offset : fail(LIB, `${a.path}.offset`, `expected a number, got ${describeValue(offset)}.`);
    if (sc.length !== 1) fail(LIB, `${a.path}.scale`, 'per-channel scales are not supported; give one number.');
    const k = sc[0] as number;
    s.rescale *= k;
    const n = Math.max(s.scale.length, off.length);
    s.scale = Array.from({ length: n }, (_, c) => s.scale[Math.min(c, s.scale.length - 1)]! * k);
    s.offset = Array.from({ length: n }, (_, c) => s.offset[Math.min(c, s.offset.length - 1)]! * k + (off[Math.min(c, off.length - 1)] as number));
  },
  Normalization: (a, s) => {
    const axis = a.any('axis') ?? -1;
    if (a.bool('invert', false)) fail(LIB, `${a.path}.invert`, 'an inverting Normalization is not supported.');
    const mean = a.nums('mean', null, { maxLength: 4 });
    const variance = a.nums('variance', null, { maxLength: 4 });
    if (!mean || !variance) {
      // An adapted layer keeps its statistics as weights, not in the config.
      s.notes.push(`${a.path} Normalization: no mean/variance in the config (adapted statistics are weights) — skipped; pass normalize: { mean, std } yourself.`);
      return;
    }
    if (!(axis === -1 || axis === 3 || (Array.isArray(axis) && axis.length === 1 && (axis[0] === -1 || axis[0] === 3)))) fail(LIB, `${a.path}.axis`, `only per-channel normalisation (axis −1) is supported, got ${describeValue(axis)}.`);
    if (variance.some((v) => v <= 0)) fail(LIB, `${a.path}.variance`, 'variance must be > 0.');
    const n = Math.max(mean.length, variance.length, s.scale.length);
    const pick = (v: readonly number[], c: number) => v[Math.min(c, v.length - 1)]!;
    s.scale = Array.from({ length: n }, (_, c) => pick(s.scale, c) / Math.sqrt(pick(variance, c)));
    s.offset = Array.from({ length: n }, (_, c) => (pick(s.offset, c) - pick(mean, c)) / Math.sqrt(pick(variance, c)));
    s.normalized = true;
  },
};

const HINTS: Record<string, string> = {
  RandomColorDegeneration: 'saturation', RandomGaussianNoise: 'gaussianNoise', GaussianNoise: 'gaussianNoise', RandomWidth: 'resize', RandomHeight: 'resize',
  MaxNumBoundingBoxes: '(box targets)', CLAHE: 'equalize', RandomBrightnessContrast: 'brightness + contrast',
};

/** Fields every layer config may carry without meaning for us. */
const INERT = ['name', 'trainable', 'dtype', 'seed', 'data_format', 'autocast', 'value_range', 'batch_input_shape', 'input_shape', 'build_config', 'bounding_box_format', 'labels_getter', 'num_classes', 'synchronized'];

/** Layers that do nothing to the pixels. */
const SKIP = /* #__PURE__ */ new Set(['InputLayer', 'Input', 'Identity', 'Activation']);

function layers(config: unknown, path: string): { list: unknown[]; path: string } {
  if (Array.isArray(config)) return { list: config, path };
  if (!isObj(config)) return fail(LIB, path, `expected a Sequential's config ({"class_name": "Sequential", "config": {"layers": [...]}}), got ${describeValue(config)}.`);
  if (typeof config.class_name === 'string' && isObj(config.config)) {
    if (config.class_name === 'Sequential' || config.class_name === 'Pipeline') return layers(config.config, `${path}.config`);
    return { list: [config], path: `${path}` };
  }
  if (Array.isArray(config.layers)) return { list: config.layers, path: `${path}.layers` };
  return fail(LIB, path, `expected a Sequential with "layers" (get_config() or serialize_keras_object JSON), got keys ${Object.keys(config).join(', ') || 'none'}.`);
}

/**
 * Imports a Keras 3 `Sequential` (or `keras.layers.Pipeline`) of image preprocessing layers from its
 * `get_config()` / `keras.saving.serialize_keras_object()` JSON.
 *
 * @throws {EdgeAugmentError} `INVALID_SPEC` for an unknown layer (named, with what we have and the
 *   nearest one) or a malformed option (with its JSON path).
 * @example
 * ```ts
 * const { pipeline, options, notes } = fromKeras3({
 *   module: 'keras', class_name: 'Sequential', config: { name: 'data_augmentation', layers: [
 *     { module: 'keras.layers', class_name: 'RandomFlip', config: { mode: 'horizontal' }, registered_name: null },
 *     { module: 'keras.layers', class_name: 'RandomRotation', config: { factor: 0.1 }, registered_name: null },
 *   ] }, registered_name: null,
 * });
 * ```
 */
export function fromKeras3(config: unknown): ImportedPipeline {
  let cfg = config;
  if (typeof cfg === 'string') {
    try { cfg = JSON.parse(cfg); } catch (e) { fail(LIB, '$', `not JSON: ${(e as Error).message}`); }
  }
  const s: State = { notes: [], scale: [1], offset: [0], rescale: 1, normalized: false };
  const known = [...Object.keys(CLASSES), ...Object.keys(OPTION_CLASSES)].sort();
  const walk = (list: unknown[], at: string): PipelineNodeJSON[] => list.flatMap((l, i) => {
    const p = `${at}[${i}]`;
    if (!isObj(l)) return fail(LIB, p, `expected a layer {"class_name": …, "config": {…}}, got ${describeValue(l)}.`);
    const cls = l.class_name;
    if (typeof cls !== 'string') return fail(LIB, `${p}.class_name`, `expected the layer's class name, got ${describeValue(cls)}.`);
    if (cls === 'Sequential' || cls === 'Pipeline') { const inner = layers(l, p); return walk(inner.list, inner.path); }
    if (SKIP.has(cls)) return [];
    const conf = l.config ?? {};
    if (!isObj(conf)) return fail(LIB, `${p}.config`, `expected the layer's config object, got ${describeValue(conf)}.`);
    const args = Object.fromEntries(Object.entries(conf).filter(([k]) => !INERT.includes(k)));
    const a = new Args(LIB, cls, args, `${p}.config`);
    const opt = OPTION_CLASSES[cls];
    if (opt) {
      opt(a, s);
      a.finish(false, s.notes);
      return [];
    }
    const map = CLASSES[cls];
    if (!map) return unknownClass(LIB, cls, p, known, HINTS);
    if (s.normalized && cls !== 'MixUp' && cls !== 'CutMix') s.notes.push(`${p} ${cls} after Normalization: applied to the pixels before normalising (outputs are normalised at the end).`);
    const nodes = map(a, s);
    a.finish(false, s.notes);
    return checkNodes(LIB, p, cls, nodes);
  });
  const { list, path } = layers(cfg, '$');
  const pipeline = walk(list, path);
  if (!pipeline.length) pipeline.push({ op: 'identity' });
  const options: ImportedPipeline['options'] = {};
  const allZero = s.offset.every((o) => o === 0);
  const sameScale = s.scale.every((x) => x === s.scale[0]);
  if (allZero && sameScale) {
    if (s.scale[0] !== 1) options.rescale = s.scale[0]!;
  } else {
    // x·A[c] + B[c] = (x·R − mean[c]) / std[c] with std = R / A, mean = −B·std.
    const R = s.rescale;
    if (R !== 1) options.rescale = R;
    const std = s.scale.map((A) => clean(R / A));
    options.normalize = { mean: s.offset.map((B, c) => clean(-B * std[c]!)), std };
  }
  return { pipeline, ...(Object.keys(options).length ? { options } : {}), notes: s.notes };
}

/** @internal The Keras 3 layers we map (docs). */
export const KERAS3_CLASSES: readonly string[] = /* #__PURE__ */ Object.keys(CLASSES).concat(Object.keys(OPTION_CLASSES));
