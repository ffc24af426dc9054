/**
 * torchvision importer: real Compose configs as users write them (test/importers/fixtures/torchvision/,
 * sources in each file and in the README there) map to the pipelines below; deterministic configs give
 * torchvision 0.14's own pixels (test/goldens/importers/gen.py runs torchvision on the sample photos):
 * byte-exact for flips, crops, pads, nearest resize and grayscale, within the resize op's tolerances
 * (mean ≤ 0.5, max ≤ 2 levels) for bilinear/bicubic; ToTensor + Normalize floats within 1e-5.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fromTorchvision } from '../../src/importers/index.js';
import { DIST } from '../api/helpers.js';
import { diff, loadGoldens } from '../ops/golden.js';

const sdk = (await import(DIST.href)) as typeof import('../../src/index.js');
const open: { close(): Promise<void> }[] = [];
afterAll(async () => { await Promise.all(open.map((a) => a.close())); });

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/torchvision/${name}.json`, import.meta.url), 'utf8')) as { source: string; config: unknown };
const IMAGENET = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

function errorOf(f: () => unknown): { code?: string; message: string } {
  try { f(); } catch (e) { return e as { code?: string; message: string }; }
  throw new Error('expected an error');
}

describe('fromTorchvision: real configs', () => {
  it('pytorch/examples ImageNet train: RandomResizedCrop(224), RandomHorizontalFlip(), ToTensor, Normalize', () => {
    const r = fromTorchvision(fixture('imagenet-train-pytorch-examples').config);
    expect(r.pipeline).toEqual([
      { op: 'randomResizedCrop', size: 224, scale: [0.08, 1], ratio: [0.75, 4 / 3], interpolation: 'bilinear', antialias: true },
      { op: 'hflip', p: 0.5 },
    ]);
    expect(r.options).toEqual({ rescale: 1 / 255, normalize: IMAGENET });
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]).toMatch(/antialias not given → true/);
  });

  it('torchvision presets eval (v2 names): Resize(256, antialias) + CenterCrop(224); PILToTensor + ToDtype(float32, scale) + Normalize → options', () => {
    const r = fromTorchvision(fixture('imagenet-eval-presets').config);
    expect(r.pipeline).toEqual([
      { op: 'resize', size: 256, interpolation: 'bilinear', antialias: true },
      { op: 'centerCrop', size: 224 },
    ]);
    expect(r.options).toEqual({ rescale: 1 / 255, normalize: IMAGENET });
    expect(r.notes).toEqual([]);
  });

  it('torchvision presets train with TrivialAugmentWide and RandomErasing after Normalize (value 0 → the mean colour, noted)', () => {
    const r = fromTorchvision(fixture('imagenet-train-presets-ta-wide').config);
    expect(r.pipeline.map((n) => n.op)).toEqual(['randomResizedCrop', 'hflip', 'trivialAugmentWide', 'randomErasing']);
    expect(r.pipeline[2]).toEqual({ op: 'trivialAugmentWide', numMagnitudeBins: 31, interpolation: 'bilinear' });
    // 0 in normalised units is the mean: round(mean · 255).
    expect(r.pipeline[3]).toEqual({ op: 'randomErasing', scale: [0.02, 0.33], ratio: [0.3, 3.3], value: [124, 116, 104], p: 0.1 });
    expect(r.notes.join('\n')).toMatch(/RandomErasing after Normalize/);
  });

  it('kuangliu/pytorch-cifar: positional arguments RandomCrop(32, 4) and Normalize(mean, std)', () => {
    const r = fromTorchvision(fixture('cifar10-kuangliu').config);
    expect(r.pipeline).toEqual([
      { op: 'crop', size: 32, padding: [4], padIfNeeded: false, fill: [0], paddingMode: 'constant' },
      { op: 'hflip', p: 0.5 },
    ]);
    expect(r.options).toEqual({ rescale: 1 / 255, normalize: { mean: [0.4914, 0.4822, 0.4465], std: [0.2023, 0.1994, 0.201] } });
  });

  it('MoCo v2 aug+: RandomApply(ColorJitter, p=0.8), RandomGrayscale(0.2), RandomApply(GaussianBlur, p=0.5)', () => {
    const r = fromTorchvision(fixture('moco-v2-aug-plus').config);
    expect(r.pipeline).toEqual([
      { op: 'randomResizedCrop', size: 224, scale: [0.2, 1], ratio: [0.75, 4 / 3], interpolation: 'bilinear', antialias: true },
      { op: 'compose', ops: [{ op: 'colorJitter', brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 }], p: 0.8 },
      { op: 'grayscale', numOutputChannels: 3, p: 0.2 },
      { op: 'compose', ops: [{ op: 'gaussianBlur', kernelSize: 23, sigma: [0.1, 2] }], p: 0.5 },
      { op: 'hflip', p: 0.5 },
    ]);
  });

  it('Hydra _target_ entries with v2 module paths; RandAugment', () => {
    const r = fromTorchvision(fixture('hydra-target-randaugment').config);
    expect(r.pipeline).toEqual([
      { op: 'randomResizedCrop', size: [224, 224], scale: [0.08, 1], ratio: [0.75, 4 / 3], interpolation: 'bilinear', antialias: true },
      { op: 'hflip', p: 0.5 },
      { op: 'randAugment', numOps: 2, magnitude: 9, numMagnitudeBins: 31, interpolation: 'nearest' },
    ]);
    expect(r.options).toEqual({ rescale: 1 / 255 });
  });

  it('v2 RandomChoice([CutMix, MixUp]) → oneOf of cutMix / mixUp nodes', () => {
    // cutMix / mixUp are the batch-mixing engineer's ops (not in this branch): the mapped JSON only.
    const r = fromTorchvision(fixture('v2-cutmix-mixup').config);
    expect(r.pipeline).toEqual([{ op: 'oneOf', ops: [{ op: 'cutMix', alpha: 1 }, { op: 'mixUp', alpha: 1 }] }]);
  });

  it('v2 detection example: RandomPhotometricDistort is an INVALID_SPEC naming it, what we have and the nearest', () => {
    const e = errorOf(() => fromTorchvision(fixture('v2-detection-e2e').config));
    expect(e.code).toBe('INVALID_SPEC');
    expect(e.message).toMatch(/Unknown torchvision transform 'RandomPhotometricDistort' at \$\[1\]; we have: .*ColorJitter.*; nearest: colorJitter/);
  });
});

describe('fromTorchvision: shapes and errors', () => {
  it('accepts a bare name, {"Name": null}, {"transforms": [...]}, a JSON string and RandomOrder/RandomChoice weights', () => {
    const r = fromTorchvision(JSON.stringify({ transforms: ['RandomInvert', { RandomOrder: [{ RandomPosterize: { bits: 3, p: 1 } }, { RandomSolarize: [200] }] }, { RandomChoice: { transforms: ['RandomEqualize', 'RandomAutocontrast'], p: [3, 1] } }] }));
    expect(r.pipeline).toEqual([
      { op: 'invert', p: 0.5 },
      { op: 'someOf', ops: [{ op: 'posterize', bits: 3 }, { op: 'solarize', threshold: 200, p: 0.5 }], n: 2, shuffle: true },
      { op: 'oneOf', ops: [{ op: 'equalize', p: 0.5 }, { op: 'autocontrast', p: 0.5 }], weights: [3, 1] },
    ]);
  });

  it('interpolation as PIL integer codes and enum strings; RandomRotation / RandomAffine / RandomPerspective / ElasticTransform', () => {
    const r = fromTorchvision([
      { RandomRotation: { degrees: 15, interpolation: 2, fill: [1, 2, 3] } },
      { RandomAffine: { degrees: [-5, 10], translate: [0.1, 0.2], scale: [0.9, 1.1], shear: 5, interpolation: 'InterpolationMode.BILINEAR' } },
      { RandomPerspective: { distortion_scale: 0.3, p: 0.25 } },
      { ElasticTransform: { alpha: 30.0 } },
    ]);
    expect(r.pipeline).toEqual([
      { op: 'rotate', degrees: [-15, 15], interpolation: 'bilinear', expand: false, fill: [1, 2, 3] },
      { op: 'affine', degrees: [-5, 10], translate: [0.1, 0.2], scale: [0.9, 1.1], shear: 5, interpolation: 'bilinear', fill: [0] },
      { op: 'perspective', distortionScale: 0.3, interpolation: 'bilinear', fill: [0], p: 0.25 },
      { op: 'elastic', alpha: 30, sigma: 5, interpolation: 'bilinear', fill: [0] },
    ]);
  });

  it('a misspelt class names the nearest one; a bad argument names its JSON path; an unknown argument lists the real ones', () => {
    const a = errorOf(() => fromTorchvision([{ RandomHorizontalFlip: {} }, { RandomResizeCrop: { size: 224 } }]));
    expect(a.message).toMatch(/Unknown torchvision transform 'RandomResizeCrop' at \$\[1\].*nearest: RandomResizedCrop/);
    const b = errorOf(() => fromTorchvision({ Compose: [{ RandomHorizontalFlip: { p: 2 } }] }));
    expect(b.code).toBe('INVALID_SPEC');
    expect(b.message).toMatch(/^torchvision config \$\.Compose\[0\]\.RandomHorizontalFlip\.p: expected a number ≥ 0 ≤ 1, got 2/);
    const c = errorOf(() => fromTorchvision([{ ColorJitter: { brightnes: 0.4 } }]));
    expect(c.message).toMatch(/\$\[0\]\.ColorJitter\.brightnes: ColorJitter has no argument 'brightnes'; it takes: brightness, contrast, saturation, hue/);
    const d = errorOf(() => fromTorchvision([{ RandomApply: [[{ Normalize: [[0.5], [0.5]] }], 0.5] }]));
    expect(d.message).toMatch(/Normalize inside a random container/);
    const e = errorOf(() => fromTorchvision([{ GaussianBlur: { kernel_size: 4 } }]));
    expect(e.message).toMatch(/\$\[0\]\.GaussianBlur: GaussianBlur maps to .*invalid.*kernelSize/);
    expect(errorOf(() => fromTorchvision(42)).message).toMatch(/expected a list of transforms/);
    expect(errorOf(() => fromTorchvision('[{"Resize": ')).message).toMatch(/not JSON/);
    expect(errorOf(() => fromTorchvision([{ Lambda: {} }])).message).toMatch(/nearest: a pipeline op \(code cannot be imported\)/);
  });
});

describe('createAugmenter({ torchvision }) = torchvision 0.14 on the sample photos', () => {
  const set = loadGoldens('../importers');

  it('every deterministic golden config: exact where torchvision is integer-exact, resize within the op tolerances', async () => {
    const bad: string[] = [];
    let exact = 0;
    for (const c of set.cases) {
      const aug = await sdk.createAugmenter({ torchvision: c.args[0] });
      open.push(aug);
      const [out] = await aug.augment(set.inputs[c.image]!);
      const d = diff(out!.image, { data: set.expected(c), width: c.width, height: c.height, channels: c.channels });
      if (c.exact) exact++;
      if (c.exact ? d.max !== 0 : d.mean > 0.5 || d.max > 2) bad.push(`${c.name}: mean ${d.mean.toFixed(3)} max ${d.max}`);
      await aug.close();
    }
    expect(bad).toEqual([]);
    expect(exact).toBeGreaterThanOrEqual(25);
    expect(set.cases.length).toBe(39);
  });

  it('ToTensor + Normalize become float outputs equal to torchvision\'s (≤ 1e-5)', async () => {
    const g = JSON.parse(readFileSync(new URL('../goldens/importers/normalize.json', import.meta.url), 'utf8'));
    const aug = await sdk.createAugmenter({ torchvision: g.config });
    open.push(aug);
    const { items } = await aug.augmentBatch([set.inputs[g.image]!], { output: 'float32' });
    const got = items[0]!.data;
    expect(got.length).toBe(g.values.length);
    let max = 0;
    for (let k = 0; k < got.length; k++) max = Math.max(max, Math.abs(got[k]! - g.values[k]));
    expect(max).toBeLessThan(1e-5);
  });

  it('importNotes and explicit options: the import supplies rescale/normalize, explicit options win', async () => {
    const cfg = fixture('imagenet-train-pytorch-examples').config;
    const aug = await sdk.createAugmenter({ torchvision: cfg, seed: 3 });
    open.push(aug);
    expect(aug.importNotes).toHaveLength(1);
    expect(aug.toJSON()).toMatchObject({ rescale: 1 / 255, normalize: IMAGENET, seed: 3 });
    expect(aug.pipeline![0]).toMatchObject({ op: 'randomResizedCrop', size: [224, 224] });
    const mine = await sdk.createAugmenter({ torchvision: cfg, rescale: 1 });
    open.push(mine);
    expect(mine.toJSON()).toMatchObject({ rescale: 1 });
    await expect(sdk.createAugmenter({ torchvision: cfg, pipeline: [{ op: 'hflip' }] } as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(sdk.createAugmenter({ torchvision: [{ Nope: {} }] })).rejects.toMatchObject({ code: 'INVALID_SPEC' });
  });
});
