/**
 * Keras 3 importer: real `Sequential` configs from keras.io examples, as `serialize_keras_object` writes
 * them (test/importers/fixtures/keras3/, sources in each file and the README there), map to the
 * hand-written pipelines below. Keras 3 is not installable here (no pip registry): outputs are compared
 * with our equivalent hand-written pipeline; option meanings were read from Keras 3's
 * keras/src/layers/preprocessing/image_preprocessing/*.py (factor ranges, probability factors, the
 * single flip draw of 'horizontal_and_vertical').
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fromKeras3 } from '../../src/importers/index.js';
import { DIST } from '../api/helpers.js';
import { loadGoldens } from '../ops/golden.js';

const sdk = (await import(DIST.href)) as typeof import('../../src/index.js');
const open: { close(): Promise<void> }[] = [];
afterAll(async () => { await Promise.all(open.map((a) => a.close())); });

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/keras3/${name}.json`, import.meta.url), 'utf8')) as { source: string; config: any };
const warp = (o: Record<string, unknown>) => ({ op: 'imageDataGenerator', ...o, fillMode: 'reflect', cval: 0, interpolation: 'bilinear' });

function errorOf(f: () => unknown): { code?: string; message: string } {
  try { f(); } catch (e) { return e as { code?: string; message: string }; }
  throw new Error('expected an error');
}

const HAND: Record<string, unknown[]> = {
  // RandomRotation(0.1): θ ~ U(−36°, 36°) with Keras's reflect fill — the Keras-geometry op, exact range.
  'image-classification-from-scratch': [{ op: 'hflip', p: 0.5 }, warp({ rotationRange: 36 })],
  'efficientnet-fine-tuning': [
    warp({ rotationRange: 54 }),
    warp({ heightShiftRange: 0.1, widthShiftRange: 0.1 }),
    { op: 'compose', ops: [{ op: 'hflip' }, { op: 'vflip' }], p: 0.5 },
    { op: 'contrast', factor: [0.9, 1.1] },
  ],
  'vit-cifar100': [
    { op: 'resize', size: [72, 72], interpolation: 'bilinear', antialias: false },
    { op: 'hflip', p: 0.5 },
    warp({ rotationRange: 7.2 }),
    warp({ zoomRange: [0.8, 1.2] }),
  ],
  'cct-cifar10': [{ op: 'crop', size: [32, 32], padIfNeeded: true }, { op: 'hflip', p: 0.5 }],
  'keras-3.8-augmentation-layers': [
    { op: 'grayscale', numOutputChannels: 3, p: 0.2 },
    { op: 'compose', ops: [
      { op: 'imageDataGenerator', channelShiftRange: 51 },
      { op: 'contrast', factor: [0.8, 1.2] },
      { op: 'saturation', factor: [1, 9] },
      { op: 'hue', factor: [-0.05, 0.05] },
    ] },
    { op: 'sharpness', factor: [0, 0.6] },
    { op: 'randomErasing', scale: [0.02, 0.33], value: null, p: 0.25 },
    { op: 'gaussianBlur', kernelSize: 3, sigma: [0.5, 1.5], p: 0.15 },
  ],
  // MixUp → the batch-mixing engineer's mixUp node (not in this branch): the mapped JSON only.
  'randaugment-mixup': [{ op: 'randAugment', numOps: 2, magnitude: 15, interpolation: 'bilinear' }, { op: 'mixUp', alpha: 0.2 }],
};

describe('fromKeras3: keras.io configs map to the hand-written pipelines', () => {
  for (const [name, want] of Object.entries(HAND)) {
    it(name, () => {
      expect(fromKeras3(fixture(name).config).pipeline).toEqual(want);
    });
  }

  it('options and notes: Rescaling → rescale; an adapted Normalization (no stats in its config) is skipped with a note', () => {
    expect(fromKeras3(fixture('cct-cifar10').config).options).toEqual({ rescale: 1 / 255 });
    const vit = fromKeras3(fixture('vit-cifar100').config);
    expect(vit.options).toBeUndefined();
    expect(vit.notes).toEqual([expect.stringMatching(/Normalization: no mean\/variance in the config/)]);
    expect(fromKeras3(fixture('image-classification-from-scratch').config).notes).toEqual([]);
    const eff = fromKeras3(fixture('efficientnet-fine-tuning').config).notes.join('\n');
    expect(eff).toMatch(/'horizontal_and_vertical' flips both ways together with p 0.5/);
    expect(eff).toMatch(/RandomContrast: about the grey mean/);
    const l38 = fromKeras3(fixture('keras-3.8-augmentation-layers').config).notes;
    expect(l38.some((n) => /RandomSaturation: HSV saturation × f\/\(1 − f\)/.test(n))).toBe(true);
    expect(l38.some((n) => /RandomBrightness: one offset/.test(n))).toBe(true);
  });

  it('SimCLR example: the custom RandomColorAffine layer is an INVALID_SPEC naming it; the rest maps', () => {
    const cfg = fixture('simclr-contrastive').config;
    const e = errorOf(() => fromKeras3(cfg));
    expect(e.code).toBe('INVALID_SPEC');
    expect(e.message).toMatch(/^Unknown Keras 3 transform 'RandomColorAffine' at \$\.config\.layers\[4\]; we have: .*RandomFlip.*; nearest: RandomColorJitter\.$/);
    const rest = { ...cfg, config: { ...cfg.config, layers: cfg.config.layers.slice(0, 4) } };
    const r = fromKeras3(rest);
    expect(r.pipeline).toEqual([
      { op: 'hflip', p: 0.5 },
      warp({ heightShiftRange: 0.25, widthShiftRange: 0.25 }),
      warp({ zoomRange: [0.5, 1] }),
    ]);
    expect(r.options).toEqual({ rescale: 1 / 255 });
  });
});

describe('fromKeras3: option meanings and errors', () => {
  const seq = (...layers: unknown[]) => ({ class_name: 'Sequential', config: { name: 's', layers } });
  const L = (class_name: string, config: Record<string, unknown>) => ({ module: 'keras.layers', class_name, config, registered_name: null });

  it('asymmetric rotation → rotate (counter-clockwise degrees); zoom without width_factor keeps the aspect (affine scale = 1/zoom); shear angles', () => {
    const r = fromKeras3(seq(
      L('RandomRotation', { factor: [-0.2, 0.3], fill_mode: 'constant', fill_value: 10 }),
      L('RandomZoom', { height_factor: [-0.2, 0.25], fill_mode: 'constant' }),
      L('RandomShear', { x_factor: 1.0, y_factor: 0 }),
    ));
    expect(r.pipeline).toEqual([
      { op: 'rotate', degrees: [-72, 108], interpolation: 'bilinear', fill: [10] },
      { op: 'affine', scale: [0.8, 1.25], interpolation: 'bilinear', fill: [0] },
      { op: 'affine', shear: [-45, 45, -0, 0], interpolation: 'bilinear', fill: [0] },
    ]);
  });

  it('Rescaling with an offset and Normalization with stats compose into rescale + normalize exactly', () => {
    const r = fromKeras3(seq(L('Rescaling', { scale: 1 / 127.5, offset: -1 })));
    // x/127.5 − 1 = (x·(1/127.5) − 1) / 1
    expect(r.options).toEqual({ rescale: 1 / 127.5, normalize: { mean: [1], std: [1] } });
    const n = fromKeras3(seq(L('Rescaling', { scale: 1 / 255 }), L('Normalization', { axis: -1, mean: [0.5, 0.4, 0.3], variance: [0.04, 0.09, 0.16] })));
    expect(n.options!.rescale).toBe(1 / 255);
    expect(n.options!.normalize!.mean).toEqual([0.5, 0.4, 0.3]);
    expect(n.options!.normalize!.std.map((x) => Number(x.toFixed(9)))).toEqual([0.2, 0.3, 0.4]);
  });

  it('probability factors become p (Keras applies when u < U(lo, hi): p = mean); posterization bits exclusive upper bound', () => {
    const r = fromKeras3([L('RandomInvert', { factor: [0.2, 0.6] }), L('RandomPosterization', { factor: [3, 6] }), L('Solarization', { threshold_factor: [0, 0.5] }), L('AutoContrast', {}), L('Equalization', { bins: 256 })]);
    expect(r.pipeline).toEqual([{ op: 'invert', p: 0.4 }, { op: 'posterize', bits: [3, 5] }, { op: 'solarize', threshold: [0, 127.5] }, { op: 'autocontrast' }, { op: 'equalize' }]);
  });

  it('malformed layers are INVALID_SPEC with the JSON path', () => {
    expect(errorOf(() => fromKeras3(seq(L('RandomFlip', { mode: 'diagonal' })))).message).toMatch(/^Keras 3 config \$\.config\.layers\[0\]\.config\.mode: expected 'horizontal'/);
    expect(errorOf(() => fromKeras3(seq(L('RandomRotation', {})))).message).toMatch(/\$\.config\.layers\[0\]\.config\.factor: RandomRotation needs 'factor'/);
    expect(errorOf(() => fromKeras3(seq(L('RandomRotation', { factor: 'a lot' })))).message).toMatch(/factor: expected a number or \[lo, hi\]/);
    expect(errorOf(() => fromKeras3({ foo: 1 })).message).toMatch(/expected a Sequential with "layers"/);
    expect(errorOf(() => fromKeras3(seq(L('RandomZom', { height_factor: 0.2 })))).message).toMatch(/Unknown Keras 3 transform 'RandomZom'.*nearest: RandomZoom/);
  });
});

describe('createAugmenter({ keras3 })', () => {
  it('gives the same bytes as the hand-written equivalent pipeline, with its options', async () => {
    const photos = loadGoldens('basic').inputs.slice(0, 3);
    const cfg = fixture('efficientnet-fine-tuning').config;
    const a = await sdk.createAugmenter({ keras3: cfg, seed: 5 });
    const b = await sdk.createAugmenter({ pipeline: HAND['efficientnet-fine-tuning'] as never, seed: 5 });
    open.push(a, b);
    const ra = await a.augmentBatch(photos, { variants: 4 });
    const rb = await b.augmentBatch(photos, { variants: 4 });
    ra.items.forEach((it, k) => expect(Buffer.from(it.image.data).equals(Buffer.from(rb.items[k]!.image.data))).toBe(true));
    // Not all identity: the pipeline did something.
    expect(ra.items.some((it, k) => !Buffer.from(it.image.data).equals(Buffer.from(photos[Math.floor(k / 4)]!.data)))).toBe(true);
    const c = await sdk.createAugmenter({ keras3: fixture('cct-cifar10').config });
    open.push(c);
    expect(c.toJSON()).toMatchObject({ rescale: 1 / 255 });
    expect(c.importNotes).toHaveLength(1);
  });
});
