/**
 * albumentations importer: real `A.to_dict()` configs (test/importers/fixtures/albumentations/, sources in
 * each file and the README there; 1.3 names with `always_apply`, 0.4 full module names, 2.x names) map to
 * the hand-written pipelines below. albumentations is not installable here (no pip registry), so outputs
 * are compared with our equivalent hand-written pipeline (same bytes for the same seed), and the
 * deterministic flip config with torchvision's goldens (albumentations' flips are np.flip: the same bytes).
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fromAlbumentations } from '../../src/importers/index.js';
import { DIST } from '../api/helpers.js';
import { diff, loadGoldens } from '../ops/golden.js';

const sdk = (await import(DIST.href)) as typeof import('../../src/index.js');
const open: { close(): Promise<void> }[] = [];
afterAll(async () => { await Promise.all(open.map((a) => a.close())); });

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/albumentations/${name}.json`, import.meta.url), 'utf8')) as { source: string; config: any };
const IMAGENET = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };
/** RandomBrightnessContrast(brightness b, contrast c): α = 1 + U(±c) as a brightness factor, then one ±b·255 offset. */
const rbc = (b: number, c: number, p: number) => ({ op: 'compose', ops: [{ op: 'brightness', factor: [1 - c, 1 + c] }, { op: 'imageDataGenerator', channelShiftRange: Number((b * 255).toPrecision(12)) }], p });

function errorOf(f: () => unknown): { code?: string; message: string } {
  try { f(); } catch (e) { return e as { code?: string; message: string }; }
  throw new Error('expected an error');
}

const HAND: Record<string, unknown[]> = {
  'readme-getting-started': [{ op: 'crop', size: [256, 256], padIfNeeded: false }, { op: 'hflip', p: 0.5 }, rbc(0.2, 0.2, 0.2)],
  'bboxes-coco': [{ op: 'crop', size: [450, 450], padIfNeeded: false }, { op: 'hflip', p: 0.5 }, rbc(0.2, 0.2, 0.2)],
  'keypoints-xy': [{ op: 'crop', size: [330, 330], padIfNeeded: false }, rbc(0.2, 0.2, 0.2)],
  'segmentation-unet': [
    { op: 'resize', size: [256, 256], interpolation: 'bilinear', antialias: false },
    { op: 'affine', degrees: [-30, 30], translate: [0.2, 0.2], scale: [0.8, 1.2], interpolation: 'bilinear', fill: [0], p: 0.5 },
    { op: 'rgbShift', rShiftLimit: [-25, 25], gShiftLimit: [-25, 25], bShiftLimit: [-25, 25], p: 0.5 },
    rbc(0.3, 0.3, 0.5),
  ],
  'classification-cats-dogs': [
    { op: 'resize', size: 160, interpolation: 'bilinear', antialias: false },
    { op: 'affine', degrees: [-15, 15], translate: [0.05, 0.05], scale: [0.95, 1.05], interpolation: 'bilinear', fill: [0], p: 0.5 },
    { op: 'crop', size: [128, 128], padIfNeeded: false },
    { op: 'rgbShift', rShiftLimit: [-15, 15], gShiftLimit: [-15, 15], bShiftLimit: [-15, 15], p: 0.5 },
    rbc(0.2, 0.2, 0.5),
  ],
  'oneof-noise-blur-old-names': [
    { op: 'rot90', k: [0, 3], p: 0.5 },
    { op: 'oneOf', ops: [{ op: 'compose', ops: [{ op: 'hflip' }, { op: 'vflip' }] }, { op: 'vflip' }, { op: 'hflip' }], p: 0.5 },
    { op: 'transpose', p: 0.5 },
    { op: 'oneOf', ops: [{ op: 'gaussianNoise', std: [3.16227766017, 7.07106781187], mean: 0, perChannel: true }], p: 0.2 },
    // OneOf picks by the children's p (0.2 : 0.1) and forces the pick.
    { op: 'oneOf', ops: [{ op: 'motionBlur', kernelSize: [3, 7] }, { op: 'boxBlur', kernelSize: [3, 3] }], weights: [0.2, 0.1], p: 0.2 },
    { op: 'affine', degrees: [-45, 45], translate: [0.0625, 0.0625], scale: [0.8, 1.2], interpolation: 'bilinear', fill: [0], p: 0.2 },
    { op: 'hsvShift', hueShiftLimit: [-20, 20], satShiftLimit: [-30, 30], valShiftLimit: [-20, 20], p: 0.3 },
  ],
  'v2-coarse-dropout-px': [
    { op: 'randomResizedCrop', size: [224, 224], scale: [0.08, 1], ratio: [0.75, 4 / 3], interpolation: 'bilinear', antialias: false },
    { op: 'hflip', p: 0.5 },
    { op: 'coarseDropout', holes: [1, 8], height: [8, 32], width: [8, 32], fill: [0], p: 0.5 },
    { op: 'jpeg', quality: [60, 100], p: 0.5 },
  ],
};

describe('fromAlbumentations: real configs map to the hand-written pipelines', () => {
  for (const [name, want] of Object.entries(HAND)) {
    it(name, () => {
      const r = fromAlbumentations(fixture(name).config);
      expect(r.pipeline).toEqual(want);
    });
  }

  it('bbox_params / keypoint_params become target defaults (camelCase); Normalize + ToTensorV2 become options', () => {
    expect(fromAlbumentations(fixture('bboxes-coco').config).targets).toEqual({ boxes: { format: 'coco', labelFields: ['class_labels'], minArea: 1024, minVisibility: 0.1, minWidth: 0, minHeight: 0 } });
    expect(fromAlbumentations(fixture('keypoints-xy').config).targets).toEqual({ keypoints: { format: 'xy', labelFields: ['class_labels'], removeInvisible: true, angleInDegrees: true } });
    const seg = fromAlbumentations(fixture('segmentation-unet').config);
    expect(seg.options).toEqual({ rescale: 1 / 255, normalize: IMAGENET });
    expect(seg.targets).toBeUndefined();
  });

  it('approximations are noted, one line each (border mode, brightness/contrast, σ from variance, SmallestMaxSize rounding)', () => {
    const seg = fromAlbumentations(fixture('segmentation-unet').config).notes;
    expect(seg.filter((n) => /BORDER_REFLECT_101 → constant fill/.test(n))).toHaveLength(1);
    expect(seg.filter((n) => /RandomBrightnessContrast: α·x \+ β·255/.test(n))).toHaveLength(1);
    expect(fromAlbumentations(fixture('oneof-noise-blur-old-names').config).notes.join('\n')).toMatch(/variance ~ U\(10, 50\) → σ ~ U\(√10, √50\)/);
    expect(fromAlbumentations(fixture('classification-cats-dogs').config).notes.join('\n')).toMatch(/SmallestMaxSize: short edge → 160/);
    expect(fromAlbumentations(fixture('readme-getting-started').config).notes).toHaveLength(1);
  });

  it("albumentations' own 1.3.0 serialization test file: the first transform we lack (CLAHE) is named with the nearest op", () => {
    const e = errorOf(() => fromAlbumentations(fixture('serialization-test-1.3.0').config));
    expect(e.code).toBe('INVALID_SPEC');
    expect(e.message).toMatch(/^Unknown albumentations transform 'CLAHE' at \$\.transform\.transforms\[1\]; we have: .*HorizontalFlip.*; nearest: equalize\.$/);
  });

  it('the transforms of that file we do have map (those after CLAHE … up to RandomCrop, minus the ones we lack)', () => {
    const all = fixture('serialization-test-1.3.0').config;
    const have = new Set(['Blur', 'ChannelShuffle', 'CoarseDropout', 'Downscale', 'ElasticTransform', 'Equalize', 'Flip', 'GaussNoise', 'GaussianBlur', 'HorizontalFlip', 'HueSaturationValue', 'ImageCompression', 'InvertImg', 'MotionBlur', 'NoOp', 'Posterize', 'RGBShift', 'RandomBrightnessContrast', 'RandomGamma', 'RandomRotate90', 'Rotate', 'ShiftScaleRotate', 'SmallestMaxSize', 'Solarize', 'ToGray', 'ToSepia', 'Transpose', 'VerticalFlip', 'RandomCrop', 'Normalize']);
    const transforms = all.transform.transforms.filter((t: any) => have.has(t.__class_fullname__));
    expect(transforms).toHaveLength(have.size);
    const r = fromAlbumentations({ ...all, transform: { ...all.transform, transforms } });
    expect(r.pipeline.map((n) => n.op)).toEqual(['boxBlur', 'channelShuffle', 'coarseDropout', 'downscale', 'elastic', 'equalize', 'oneOf', 'gaussianNoise', 'gaussianBlur', 'hflip', 'hsvShift', 'jpeg', 'invert', 'motionBlur', 'identity', 'posterize', 'rgbShift', 'compose', 'gamma', 'rot90', 'rotate', 'affine', 'resize', 'solarize', 'grayscale', 'sepia', 'transpose', 'vflip', 'crop']);
    expect(r.pipeline.find((n) => n.op === 'downscale')).toEqual({ op: 'downscale', scale: [0.25, 0.25], interpolation: 'nearest', p: 0.5 });
    expect(r.pipeline.find((n) => n.op === 'elastic')).toEqual({ op: 'elastic', alpha: 2, sigma: 50, interpolation: 'bilinear', fill: [0], p: 0.5 });
    expect(r.pipeline.find((n) => n.op === 'gamma')).toEqual({ op: 'gamma', gamma: [0.8, 1.2], p: 0.5 });
    expect(r.pipeline.find((n) => n.op === 'rotate')).toEqual({ op: 'rotate', degrees: [-90, 90], interpolation: 'bilinear', fill: [0], p: 0.5 });
    expect(r.pipeline.find((n) => n.op === 'jpeg')).toEqual({ op: 'jpeg', quality: [99, 100], p: 0.5 });
    expect(r.pipeline.find((n) => n.op === 'gaussianBlur')).toEqual({ op: 'gaussianBlur', kernelSize: 7, sigma: [0.8, 1.4], p: 0.5 });
    expect(r.options).toEqual({ rescale: 1 / 255, normalize: IMAGENET });
  });
});

describe('fromAlbumentations: errors and shapes', () => {
  it('malformed configs are INVALID_SPEC with the JSON path', () => {
    expect(errorOf(() => fromAlbumentations({ transform: { __class_fullname__: 'Compose', p: 1, transforms: [{ __class_fullname__: 'HorizontalFlip', p: 7 }] } })).message)
      .toMatch(/^albumentations config \$\.transform\.transforms\[0\]\.p: expected a probability/);
    expect(errorOf(() => fromAlbumentations({ transform: { __class_fullname__: 'Compose', p: 1, transforms: [{ __class_fullname__: 'Blur', p: 1, blur_limit: 'big' }] } })).message)
      .toMatch(/\$\.transform\.transforms\[0\]\.blur_limit: expected a number or \[lo, hi\]/);
    expect(errorOf(() => fromAlbumentations({ transform: { __class_fullname__: 'Compose', p: 1, transforms: [{ p: 1 }] } })).message).toMatch(/__class_fullname__: expected the transform's class name/);
    expect(errorOf(() => fromAlbumentations({ transform: { __class_fullname__: 'Compose', p: 1, transforms: [{ __class_fullname__: 'CoarseDropout', p: 1, num_holes_range: [1, 4], hole_height_range: [0.1, 0.3], hole_width_range: [0.1, 0.3] }] } })).message)
      .toMatch(/hole_height_range: CoarseDropout sizes as fractions of the image .* are not supported/);
    expect(errorOf(() => fromAlbumentations({ transform: { __class_fullname__: 'Compose', p: 1, transforms: [], bbox_params: { format: 'xyxy' } } })).message).toMatch(/bbox_params\.format: expected 'pascal_voc'/);
    expect(errorOf(() => fromAlbumentations({ transform: { __class_fullname__: 'Compose', p: 1, transforms: [{ __class_fullname__: 'ISONoise', p: 0.5 }] } })).message).toMatch(/nearest: gaussianNoise/);
  });

  it('always_apply forces p = 1; SomeOf (1.x: forced picks, shuffled) and OneOrOther; a bare list is a Compose', () => {
    const r = fromAlbumentations([
      { __class_fullname__: 'VerticalFlip', always_apply: true, p: 0.5 },
      { __class_fullname__: 'SomeOf', n: 2, replace: false, p: 1, transforms: [{ __class_fullname__: 'InvertImg', always_apply: false, p: 0.5 }, { __class_fullname__: 'ToSepia', always_apply: false, p: 0.5 }, { __class_fullname__: 'Equalize', always_apply: false, p: 0.5 }] },
      { __class_fullname__: 'OneOrOther', p: 0.3, transforms: [{ __class_fullname__: 'Transpose', always_apply: false, p: 1 }, { __class_fullname__: 'RandomRotate90', always_apply: false, p: 1 }] },
    ]);
    expect(r.pipeline).toEqual([
      { op: 'vflip' },
      { op: 'someOf', ops: [{ op: 'invert' }, { op: 'sepia' }, { op: 'equalize' }], n: 2, shuffle: true },
      { op: 'oneOf', ops: [{ op: 'transpose' }, { op: 'rot90', k: [0, 3] }], weights: [0.3, 0.7] },
    ]);
  });
});

describe('createAugmenter({ albumentations })', () => {
  it('gives the same bytes as the hand-written equivalent pipeline (inline and 2 workers), with target defaults and notes', async () => {
    const photos = loadGoldens('basic').inputs;
    const cfg = fixture('oneof-noise-blur-old-names').config;
    const a = await sdk.createAugmenter({ albumentations: cfg, seed: 11 });
    const b = await sdk.createAugmenter({ pipeline: HAND['oneof-noise-blur-old-names'] as never, seed: 11 });
    const w = await sdk.createAugmenter({ albumentations: cfg, seed: 11, workers: 2 });
    open.push(a, b, w);
    const ra = await a.augmentBatch(photos.slice(0, 3), { variants: 4 });
    const rb = await b.augmentBatch(photos.slice(0, 3), { variants: 4 });
    const rw = await w.augmentBatch(photos.slice(0, 3), { variants: 4 });
    expect(ra.items.length).toBe(12);
    ra.items.forEach((it, k) => {
      expect(Buffer.from(it.image.data).equals(Buffer.from(rb.items[k]!.image.data))).toBe(true);
      expect(Buffer.from(it.image.data).equals(Buffer.from(rw.items[k]!.image.data))).toBe(true);
      expect(it.params).toEqual(rb.items[k]!.params);
    });
    expect(a.importNotes!.length).toBe(4);
    const boxes = await sdk.createAugmenter({ albumentations: fixture('bboxes-coco').config });
    open.push(boxes);
    expect(boxes.targetDefaults).toEqual({ boxes: { format: 'coco', labelFields: ['class_labels'], minArea: 1024, minVisibility: 0.1, minWidth: 0, minHeight: 0 } });
  });

  it('HorizontalFlip + VerticalFlip (always_apply) equal the flip goldens made by torchvision (np.flip = the same bytes)', async () => {
    const set = loadGoldens('../importers');
    const aug = await sdk.createAugmenter({ albumentations: { __version__: '1.3.1', transform: { __class_fullname__: 'Compose', p: 1, transforms: [{ __class_fullname__: 'HorizontalFlip', always_apply: true, p: 0.5 }, { __class_fullname__: 'VerticalFlip', always_apply: false, p: 1 }], bbox_params: null, keypoint_params: null, additional_targets: {} } } });
    open.push(aug);
    const cases = set.cases.filter((c) => c.name.startsWith('flips/'));
    expect(cases).toHaveLength(5);
    for (const c of cases) {
      const [out] = await aug.augment(set.inputs[c.image]!);
      expect(diff(out!.image, { data: set.expected(c), width: c.width, height: c.height, channels: c.channels }).max).toBe(0);
    }
  });
});
