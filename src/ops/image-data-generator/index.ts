/**
 * `imageDataGenerator`: the whole Keras `ImageDataGenerator` transform as one op (camelCase options of
 * {@link AugmentSpec}). It samples exactly as the single-op path does (the Keras sampler's own streams),
 * and lowers to the fused WASM warp (+ the channel-shift pass), so its bytes equal `createAugmenter({ spec })`.
 * As the first top-level imageDataGenerator node its draws equal the single-op path's for the same seed; elsewhere the seed is
 * mixed with the op's path so two such ops draw independently.
 * The float-output options (rescale, samplewise*, featurewise*) apply only when this op is the whole
 * pipeline (then the augmenter takes the Keras fast path).
 */
import type { OpDef } from '../core/types.js';
import type { FieldTable } from '../core/fields.js';
import { hashPath } from '../core/random.js';
import { normalizeSpec, type AugmentSpec, type NormalizedSpec } from '../../spec/spec.js';
import { sampleParams } from '../../plan/sample.js';
import { planItem } from '../../plan/compose.js';
import type { AugmentParams } from '../../plan/params.js';
import type { FillMode, Interpolation } from '../../kernels/contract.js';

const SPEC_DOCS: Record<keyof AugmentSpec, string> = {
  rotationRange: 'degrees; θ ~ U(−r, r)',
  widthShiftRange: 'horizontal shift (fraction, Keras int, { pixels }, or list)',
  heightShiftRange: 'vertical shift (fraction, Keras int, { pixels }, or list)',
  shearRange: 'shear range in degrees',
  zoomRange: 'z → [1−z, 1+z], or [lo, hi]',
  channelShiftRange: 'one U(−c, c) added to all channels, clipped to the image range',
  brightnessRange: '[a, b]: brightness factor U(a, b)',
  horizontalFlip: 'flip left–right with p = 0.5',
  verticalFlip: 'flip top–bottom with p = 0.5',
  fillMode: "'constant' | 'nearest' | 'reflect' | 'wrap'",
  cval: 'fill value for constant mode',
  interpolation: "'bilinear' | 'nearest'",
  rescale: 'float outputs × rescale (whole-pipeline only)',
  samplewiseCenter: 'float outputs: subtract the image mean (whole-pipeline only)',
  samplewiseStdNormalization: 'float outputs: ÷ image std (whole-pipeline only)',
  featurewiseCenter: 'float outputs: subtract fit() mean (whole-pipeline only)',
  featurewiseStdNormalization: 'float outputs: ÷ fit() std (whole-pipeline only)',
};

const CONFIG: FieldTable = {
  .../* #__PURE__ */ Object.fromEntries(/* #__PURE__ */ Object.entries(SPEC_DOCS).map(([k, doc]) => [k, { type: 'json' as const, doc }])),
  kerasCompat: { type: 'bool', default: false, doc: "reproduce Keras's geometry quirks exactly" },
};

/** The AugmentSpec of a compiled imageDataGenerator config (validated; cached per config object). */
const specs = /* #__PURE__ */ new WeakMap<object, NormalizedSpec>();
export function specOf(config: Readonly<Record<string, unknown>>): NormalizedSpec {
  let s = specs.get(config);
  if (!s) {
    const raw: Record<string, unknown> = {};
    for (const k of Object.keys(SPEC_DOCS)) if (config[k] !== null && config[k] !== undefined) raw[k] = config[k];
    s = normalizeSpec(raw as AugmentSpec);
    specs.set(config, s);
  }
  return s;
}

type Params = AugmentParams & { fillMode: FillMode; cval: number; interpolation: Interpolation; kerasCompat: boolean };

/** A first top-level imageDataGenerator draws exactly as the single-op path (same seed). */
const ROOT_STREAM = /* #__PURE__ */ hashPath('imageDataGenerator#0');

export const op: OpDef<Record<string, unknown>, Params> = {
  name: 'imageDataGenerator',
  summary: "Keras ImageDataGenerator's affine, flips, channel shift and brightness in one fused pass.",
  example: { rotationRange: 50, widthShiftRange: 0.25, heightShiftRange: 0.25, shearRange: 0.2, zoomRange: 0.25, horizontalFlip: true },
  reference: 'Keras ImageDataGenerator.get_random_transform / apply_transform',
  config: CONFIG,
  params: {
    theta: { type: 'number', default: 0, doc: 'rotation, degrees' },
    tx: { type: 'number', default: 0, doc: 'horizontal shift, pixels' },
    ty: { type: 'number', default: 0, doc: 'vertical shift, pixels' },
    shear: { type: 'number', default: 0, doc: 'shear, degrees' },
    zx: { type: 'number', default: 1, doc: 'zoom x (> 1 zooms out)' },
    zy: { type: 'number', default: 1, doc: 'zoom y' },
    flipHorizontal: { type: 'bool', default: false, doc: 'flipped left–right' },
    flipVertical: { type: 'bool', default: false, doc: 'flipped top–bottom' },
    channelShiftIntensity: { type: 'number', nullable: true, default: null, doc: 'channel shift or null' },
    brightness: { type: 'number', nullable: true, default: null, min: 0, doc: 'brightness factor or null' },
    fillMode: { type: 'enum', values: ['constant', 'nearest', 'reflect', 'wrap'], default: 'nearest', doc: 'fill mode' },
    cval: { type: 'number', min: 0, max: 255, default: 0, doc: 'constant fill value' },
    interpolation: { type: 'enum', values: ['nearest', 'bilinear'], default: 'bilinear', doc: 'interpolation' },
    kerasCompat: { type: 'bool', default: false, doc: "Keras's geometry quirks" },
  },
  check: (c) => void specOf(c),
  sample(c, rng, info) {
    const spec = specOf(c);
    const seed = rng.stream === ROOT_STREAM ? rng.seed : (Math.imul(rng.seed ^ rng.stream, 0x9e3779b1) >>> 0);
    const p = sampleParams(spec, seed, rng.index, info.width, info.height, c.kerasCompat as boolean);
    return { ...p, fillMode: spec.fillMode, cval: spec.cval, interpolation: spec.interpolation, kerasCompat: c.kerasCompat as boolean };
  },
  lower(p, info) {
    const plan = planItem(p, p, info.width, info.height, info.channels, p.kerasCompat);
    if (!plan.second) return [{ kind: 'kerasWarp', warp: plan.first }];
    const colour: AugmentParams = {
      theta: 0, tx: 0, ty: 0, shear: 0, zx: 1, zy: 1, flipHorizontal: false, flipVertical: false,
      channelShiftIntensity: p.channelShiftIntensity, brightness: p.brightness,
    };
    return [{ kind: 'kerasWarp', warp: plan.first }, { kind: 'kerasColor', colour }];
  },
};
