/**
 * Colour ops against their oracles (test/goldens/ops/color/gen.py): torchvision 0.14 functional ops
 * (byte-identical where torchvision is integer-exact or its float32 steps are reproduced; gamma within a
 * level), ColorJitter's composition, and albumentations' uint8 code paths (ToSepia, RGBShift,
 * HueSaturationValue, ChannelShuffle) reproduced with OpenCV/numpy. Plus properties, pipelines, replay,
 * workers and bad configs.
 */
import { describe, expect, it } from 'vitest';
import { DIST } from '../api/helpers.js';
import { checkGoldens, diff, loadGoldens } from './golden.js';
import type { RawImage } from '../../src/types.js';

const E = (await import(DIST.href)) as typeof import('../../src/index.js');
const F = E.functional;

/** An op with explicit params through a pipeline augmenter's replay (the albumentations ops have no functional name). */
async function viaApply(op: string): Promise<(img: RawImage, params: Record<string, unknown>) => Promise<RawImage>> {
  const aug = await E.createAugmenter({ pipeline: [{ op }] });
  return (img, params) => aug.apply(img, [{ op, path: '0', params }]);
}

const set = loadGoldens('color');

describe('colour ops = torchvision 0.14 / albumentations uint8 paths (test/goldens/ops/color/gen.py)', () => {
  const only = (fn: string) => (c: { fn: string }) => c.fn === fn;
  for (const fn of ['adjustBrightness', 'adjustContrast', 'adjustSaturation', 'adjustHue', 'adjustSharpness', 'posterize', 'solarize', 'equalize', 'autocontrast', 'rgbToGrayscale']) {
    it(`${fn} is byte-identical to torchvision on real photos (RGB, grey, RGBA with alpha kept) and edge inputs`, async () => {
      expect(set.cases.filter(only(fn)).length).toBeGreaterThanOrEqual(5);
      expect(set.cases.filter(only(fn)).every((c) => c.exact)).toBe(true);
      expect(await checkGoldens(set, F as never, undefined, only(fn))).toEqual([]);
    });
  }

  it('adjustGamma is within a level of torchvision (exact for its special exponents 0, 0.5, 1, 2, 3)', async () => {
    expect(await checkGoldens(set, F as never, { mean: 0.01, max: 1 }, only('adjustGamma'))).toEqual([]);
    const special = set.cases.filter((c) => c.fn === 'adjustGamma' && [0, 0.5, 1, 2, 3].includes(c.args[0] as number) && c.args[1] === 1).map((c) => ({ ...c, exact: true }));
    expect(special.length).toBe(25);
    expect(await checkGoldens({ ...set, cases: special }, F as never)).toEqual([]);
  });

  it('the checks can fail: near-miss answers (hue off by 0.01, saturation for contrast, sepia off by one level) are caught', async () => {
    const hueOff = (img: RawImage, f: number) => F.adjustHue(img, Math.max(-0.5, Math.min(0.5, f + 0.01)));
    expect((await checkGoldens(set, { adjustHue: hueOff }, undefined, only('adjustHue'))).length).toBeGreaterThan(10);
    const swapped = (img: RawImage, f: number) => F.adjustSaturation(img, f);
    expect((await checkGoldens(set, { adjustContrast: swapped }, undefined, (c) => c.fn === 'adjustContrast' && c.args[0] !== 1)).length).toBeGreaterThan(10);
    const sepia = await viaApply('sepia');
    const sepiaOff = async (img: RawImage, p: Record<string, unknown>) => {
      const out = await sepia(img, p);
      out.data[7] = out.data[7]! > 0 ? out.data[7]! - 1 : 1;
      return out;
    };
    expect((await checkGoldens(set, { sepia: sepiaOff }, undefined, only('sepia'))).length).toBe(5);
  });

  it('colorJitter with recorded (order, factors) equals torchvision applying them in that order, byte for byte', async () => {
    expect(await checkGoldens(set, { colorJitter: await viaApply('colorJitter') }, undefined, only('colorJitter'))).toEqual([]);
  });

  it('channelShuffle, rgbShift and sepia are byte-identical to albumentations\' uint8 paths (sepia: OpenCV fixed point)', async () => {
    const fns = { channelShuffle: await viaApply('channelShuffle'), rgbShift: await viaApply('rgbShift'), sepia: await viaApply('sepia') };
    expect(set.cases.filter((c) => c.fn === 'sepia' && c.exact).length).toBe(5);
    expect(await checkGoldens(set, fns, undefined, (c) => c.fn in fns)).toEqual([]);
  });

  it('hsvShift is within a level of OpenCV (albumentations HueSaturationValue; OpenCV rounds its scalar-tail pixels)', async () => {
    const fns = { hsvShift: await viaApply('hsvShift') };
    expect(set.cases.filter((c) => c.fn === 'hsvShift').length).toBe(19);
    expect(await checkGoldens(set, fns, { mean: 0.1, max: 1 }, (c) => c.fn in fns)).toEqual([]);
  });
});

/** A small real RGB photo from the golden inputs. */
const photo = set.inputs[0]!;
const grey = set.inputs[3]!;
const rgba = set.inputs[4]!;

describe('colour op properties (float64 formulas and invariants)', () => {
  it('sepia = round(clip(M·rgb)) in float64 within a level; channelShuffle permutes; rgbShift adds and clips', async () => {
    const sepia = await (await viaApply('sepia'))(photo, {});
    const M = [0.393, 0.769, 0.189, 0.349, 0.686, 0.168, 0.272, 0.534, 0.131];
    let worst = 0;
    for (let i = 0; i < photo.data.length; i += 3) {
      for (let r = 0; r < 3; r++) {
        const want = Math.round(Math.min(255, M[r * 3]! * photo.data[i]! + M[r * 3 + 1]! * photo.data[i + 1]! + M[r * 3 + 2]! * photo.data[i + 2]!));
        worst = Math.max(worst, Math.abs(sepia.data[i + r]! - want));
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
    const sh = await (await viaApply('channelShuffle'))(photo, { order: [2, 0, 1] });
    for (let i = 0; i < 300; i += 3) expect([sh.data[i], sh.data[i + 1], sh.data[i + 2]]).toEqual([photo.data[i + 2], photo.data[i], photo.data[i + 1]]);
    const rs = await (await viaApply('rgbShift'))(photo, { rShift: 10.5, gShift: -20, bShift: 0 });
    for (let i = 0; i < 300; i += 3) {
      expect(rs.data[i]).toBe(Math.min(255, Math.trunc(photo.data[i]! + 10.5)));
      expect(rs.data[i + 1]).toBe(Math.max(0, photo.data[i + 1]! - 20));
      expect(rs.data[i + 2]).toBe(photo.data[i + 2]);
    }
  });

  it('hsvShift: zero shifts keep colours within a level (OpenCV 8-bit HSV round trip); grey takes only the value shift', async () => {
    const hs = await viaApply('hsvShift');
    const same = await hs(photo, { hueShift: 0, satShift: 0, valShift: 0 });
    // OpenCV's 8-bit HSV loses precision (hue in 180 steps): compare to the input loosely, and exactly in grey.
    expect(diff(same, photo).mean).toBeLessThan(1.5);
    const g = await hs(grey, { hueShift: 50, satShift: 100, valShift: 0 });
    expect(diff(g, grey).max).toBeLessThanOrEqual(1);
    const up = await hs(grey, { hueShift: 0, satShift: 0, valShift: 30 });
    for (let i = 0; i < grey.data.length; i++) expect(Math.abs(up.data[i]! - Math.min(255, grey.data[i]! + 30))).toBeLessThanOrEqual(1);
  });

  it('keeps alpha untouched, never writes the input, and handles factor 1 / identity cases', async () => {
    const before = rgba.data.slice();
    for (const out of [await F.adjustHue(rgba, 0.3), await F.adjustSaturation(rgba, 2), await F.adjustContrast(rgba, 0.2), await F.adjustSharpness(rgba, 3), await F.equalize(rgba), await F.autocontrast(rgba), await F.rgbToGrayscale(rgba, 1)]) {
      expect(out.channels).toBe(4);
      for (let i = 3; i < out.data.length; i += 4) expect(out.data[i]).toBe(rgba.data[i]);
    }
    expect(rgba.data).toEqual(before);
    expect((await F.adjustBrightness(photo, 1)).data).toEqual(photo.data);
    expect((await F.adjustSaturation(grey, 0)).data).toEqual(grey.data);
    expect((await F.adjustHue(grey, 0.4)).data).toEqual(grey.data);
    const g1 = await F.rgbToGrayscale(photo);
    expect([g1.channels, g1.width, g1.height]).toEqual([1, photo.width, photo.height]);
  });

  it('functional arguments out of torchvision\'s domain are INVALID_ARGUMENT errors naming the argument', async () => {
    const bad: [Promise<unknown>, string][] = [
      [F.adjustBrightness(photo, -0.1), 'factor'],
      [F.adjustHue(photo, 0.6), 'factor'],
      [F.posterize(photo, 9), 'bits'],
      [F.solarize(photo, 256), 'threshold'],
      [F.adjustGamma(photo, -1), 'gamma'],
      [F.rgbToGrayscale(photo, 2), 'numOutputChannels'],
      [F.adjustContrast(photo, Number.NaN), 'factor'],
    ];
    for (const [p, field] of bad) {
      const e = await p.then(() => null, (x: unknown) => x as { code: string; message: string });
      expect(e, field).not.toBeNull();
      expect(['INVALID_ARGUMENT', 'INVALID_PARAMS']).toContain(e!.code);
      expect(e!.message).toContain(field);
    }
  });
});

describe('colour ops in pipelines', () => {
  it('scalar configs follow torchvision: colorJitter brightness 0.4 → [0.6, 1.4], hue 0.1 → [−0.1, 0.1]; 0 switches off', async () => {
    const aug = await E.createAugmenter({ pipeline: [{ op: 'colorJitter', brightness: 0.4, contrast: [0.5, 0.7], saturation: 0, hue: 0.1 }] });
    expect(aug.pipeline![0]).toMatchObject({ brightness: [0.6, 1.4], contrast: [0.5, 0.7], saturation: [1, 1], hue: [-0.1, 0.1] });
    for (let i = 0; i < 50; i++) {
      const p = aug.paramsFor(i, 32, 32)[0]!.params as { order: number[]; brightness: number; contrast: number; saturation: null; hue: number };
      expect([...p.order].sort()).toEqual([0, 1, 2, 3]);
      expect(p.brightness).toBeGreaterThanOrEqual(0.6);
      expect(p.brightness).toBeLessThan(1.4);
      expect(p.contrast).toBeGreaterThanOrEqual(0.5);
      expect(p.contrast).toBeLessThan(0.7);
      expect(p.saturation).toBeNull();
      expect(Math.abs(p.hue)).toBeLessThanOrEqual(0.1);
    }
    const orders = new Set(Array.from({ length: 200 }, (_, i) => (aug.paramsFor(i, 8, 8)[0]!.params as { order: number[] }).order.join()));
    expect(orders.size).toBe(24);
    await aug.close();
  });

  it('single ops take a fixed value or a range: { op: "brightness", factor: [0.6, 1.4] }, posterize bits range, solarize threshold range', async () => {
    const aug = await E.createAugmenter({ pipeline: [{ op: 'brightness', factor: [0.6, 1.4] }, { op: 'posterize', bits: [2, 5] }, { op: 'solarize', threshold: 128 }] });
    const seen = new Set<number>();
    for (let i = 0; i < 100; i++) {
      const [b, p, s] = aug.paramsFor(i, 8, 8);
      expect(b!.params.factor).toBeGreaterThanOrEqual(0.6);
      expect(b!.params.factor).toBeLessThan(1.4);
      seen.add(p!.params.bits as number);
      expect(s!.params.threshold).toBe(128);
    }
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
    await aug.close();
  });

  const PIPE = [
    { op: 'colorJitter', brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 },
    { op: 'grayscale', numOutputChannels: 3, p: 0.2 },
    { op: 'sharpness', factor: [0.5, 2], p: 0.5 },
    { op: 'equalize', p: 0.3 },
    { op: 'hsvShift', p: 0.3 },
    { op: 'rgbShift', p: 0.3 },
    { op: 'channelShuffle', p: 0.2 },
    { op: 'gamma', gamma: [0.7, 1.5] },
  ];

  it('seeded outputs are reproducible, replay (apply) is byte-identical, JSON round-trips, and workers: 2 equals inline', async () => {
    const imgs = [photo, set.inputs[1]!, set.inputs[2]!, rgba, photo, set.inputs[1]!];
    const a = await E.createAugmenter({ pipeline: PIPE, seed: 99 });
    const b = await E.createAugmenter({ pipeline: PIPE, seed: 99 });
    const w = await E.createAugmenter({ pipeline: PIPE, seed: 99, workers: 2 });
    const j = await E.createAugmenter(a.toJSON() as never);
    try {
      const ra = await a.augmentBatch(imgs, { variants: 3 });
      const rb = await b.augmentBatch(imgs, { variants: 3 });
      const rw = await w.augmentBatch(imgs, { variants: 3 });
      const rj = await j.augmentBatch(imgs, { variants: 3 });
      expect(ra.items.length).toBe(18);
      let changed = 0;
      for (let k = 0; k < ra.items.length; k++) {
        const x = ra.items[k]!;
        expect(rb.items[k]!.image.data).toEqual(x.image.data);
        expect(rw.items[k]!.image.data).toEqual(x.image.data);
        expect(rj.items[k]!.image.data).toEqual(x.image.data);
        expect(rw.items[k]!.params).toEqual(x.params);
        const again = await a.apply(imgs[x.source]!, JSON.parse(JSON.stringify(x.params)));
        expect(again.data).toEqual(x.image.data);
        if (diff(x.image, imgs[x.source]!).mean > 1) changed++;
      }
      expect(changed).toBeGreaterThan(12);
      const ops = new Set(ra.items.flatMap((x) => (x.params as { op: string }[]).map((p) => p.op)));
      for (const op of ['colorJitter', 'gamma', 'sharpness', 'equalize']) expect(ops.has(op)).toBe(true);
      const other = await E.createAugmenter({ pipeline: PIPE, seed: 100 });
      const ro = await other.augmentBatch(imgs.slice(0, 1));
      expect(ro.items[0]!.image.data).not.toEqual(ra.items[0]!.image.data);
      await other.close();
    } finally {
      await Promise.all([a.close(), b.close(), w.close(), j.close()]);
    }
  });

  it('a pipeline colorJitter equals torchvision op by op within the fused tolerance (brightness fuses with neighbours only)', async () => {
    const aug = await E.createAugmenter({ pipeline: [{ op: 'brightness', factor: 1.3 }, { op: 'channelShuffle' }, { op: 'contrast', factor: 0.8 }] });
    const [out] = await aug.augment(photo);
    const p = out!.params as { op: string; params: Record<string, unknown> }[];
    // The same ops run one by one, unfused (functional): brightness and channelShuffle fuse into one matrix in the pipeline.
    let ref = await F.adjustBrightness(photo, 1.3);
    ref = await (await viaApply('channelShuffle'))(ref, p[1]!.params);
    ref = await F.adjustContrast(ref, 0.8);
    const d = diff(out!.image, ref);
    expect(d.max).toBeLessThanOrEqual(2);
    expect(d.mean).toBeLessThanOrEqual(0.5);
    await aug.close();
  });

  it('bad configs are INVALID_SPEC naming the field', async () => {
    const bad: [unknown, string][] = [
      [{ op: 'colorJitter', brightness: -0.1 }, 'brightness'],
      [{ op: 'colorJitter', hue: 0.7 }, 'hue'],
      [{ op: 'colorJitter', hue: [0.2, -0.2] }, 'hue'],
      [{ op: 'brightness' }, 'factor'],
      [{ op: 'contrast', factor: [2, 1] }, 'factor'],
      [{ op: 'hue', factor: [-0.6, 0] }, 'factor'],
      [{ op: 'posterize', bits: [3, 9] }, 'bits'],
      [{ op: 'posterize', bits: 2.5 }, 'bits'],
      [{ op: 'solarize', threshold: [0, 300] }, 'threshold'],
      [{ op: 'grayscale', numOutputChannels: 2 }, 'numOutputChannels'],
      [{ op: 'rgbShift', rShiftLimit: 'x' }, 'rShiftLimit'],
      [{ op: 'hsvShift', hueShiftLimit: [0, 200] }, 'hueShiftLimit'],
      [{ op: 'sharpness', factor: -1 }, 'factor'],
      [{ op: 'equalize', bins: 3 }, 'bins'],
    ];
    for (const [node, field] of bad) {
      const e = await E.createAugmenter({ pipeline: [node as never] }).then(() => null, (x: unknown) => x as { code: string; message: string });
      expect(e, JSON.stringify(node)).not.toBeNull();
      expect(e!.code).toBe('INVALID_SPEC');
      expect(e!.message).toContain(field);
    }
    const aug = await E.createAugmenter({ pipeline: [{ op: 'colorJitter', brightness: 0.2 }] });
    const e = await aug.apply(photo, [{ op: 'colorJitter', path: '0', params: { order: [0, 0, 1, 2], brightness: 1 } }]).then(() => null, (x: unknown) => x as { code: string; message: string });
    expect(e?.code).toBe('INVALID_PARAMS');
    expect(e?.message).toContain('order');
    await aug.close();
  });
});
