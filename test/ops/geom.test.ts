import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIST } from '../api/helpers.js';
import { checkGoldens, diff, loadGoldens, type GoldenCase } from './golden.js';
import type { RawImage } from '../../src/types.js';

const pkg = (await import(DIST.href)) as typeof import('../../src/index.js');
const { functional: F, createAugmenter, EdgeAugmentError } = pkg;

const set = loadGoldens('geom');
const disp = readFileSync(new URL('../goldens/ops/geom/displacements.bin', import.meta.url));
/** The functional API with the elastic displacement (displacements.bin) put back in front of the case args. */
function withDisplacement(c: GoldenCase): (img: RawImage, ...args: unknown[]) => Promise<RawImage> {
  const im = set.inputs[c.image]!;
  const n = im.width * im.height * 2;
  const field = new Float32Array(disp.buffer.slice(disp.byteOffset + (c.displacement as number), disp.byteOffset + (c.displacement as number) + n * 4));
  return (img, ...args) => F.elasticTransform(img, field, ...(args as [never, never]));
}
const family = (fn: string) => (c: GoldenCase) => c.fn === fn;

describe('geometry ops = torchvision 0.14 on uint8 tensors (test/goldens/ops/geom/gen.py)', () => {
  it.each(['affine', 'rotate', 'resize', 'resizedCrop', 'crop', 'centerCrop', 'pad'])('%s: every case within mean ≤ 0.5, max ≤ 2 (crop/pad/centerCrop/nearest crops exact)', async (fn) => {
    expect(set.cases.filter(family(fn)).length).toBeGreaterThanOrEqual(20);
    expect(await checkGoldens(set, F as never, undefined, family(fn))).toEqual([]);
  });

  it('perspective: bilinear within mean ≤ 0.5, max ≤ 2; nearest equal except isolated near-tie pixels (torch solves the coefficients in float32)', async () => {
    expect(await checkGoldens(set, F as never, undefined, (c) => c.fn === 'perspective' && c.args[2] === 'bilinear')).toEqual([]);
    const near = set.cases.filter((c) => c.fn === 'perspective' && c.args[2] === 'nearest');
    expect(near.length).toBe(10);
    let exact = 0;
    for (const c of near) {
      const out = await F.perspective(set.inputs[c.image]!, c.args[0] as number[][], c.args[1] as number[][], 'nearest', c.args[3] as number[] | null);
      const want = set.expected(c);
      let px = 0;
      for (let i = 0; i < want.length; i += c.channels) {
        let same = true;
        for (let k = 0; k < c.channels; k++) same &&= out.data[i + k] === want[i + k];
        if (!same) px++;
      }
      if (px === 0) exact++;
      // A different source pixel, only where the source coordinate is within float32 noise of a half-integer.
      expect(px, c.name).toBeLessThanOrEqual(3);
    }
    expect(exact).toBeGreaterThanOrEqual(5);
  });

  it('elasticTransform: every case within mean ≤ 0.5, max ≤ 2 given torchvision\'s displacement field', async () => {
    const cases = set.cases.filter(family('elasticTransform'));
    expect(cases.length).toBe(20);
    const bad: string[] = [];
    for (const c of cases) {
      const out = await withDisplacement(c)(set.inputs[c.image]!, ...c.args);
      const d = diff(out, { data: set.expected(c), width: c.width, height: c.height, channels: c.channels });
      // Byte-identical today (torch's float32 grid arithmetic is replayed); the bar is mean ≤ 0.5, max ≤ 2.
      if (d.max !== 0) bad.push(`${c.name}: mean ${d.mean.toFixed(3)} max ${d.max}`);
    }
    expect(bad).toEqual([]);
  });

  it('affine (incl. the RandAugment ShearX/Y, TranslateX/Y paths with center [0, 0]) is byte-identical to torchvision', async () => {
    const cases = set.cases.filter(family('affine'));
    expect(cases.filter((c) => c.name.startsWith('shear')).length).toBe(40);
    const bad: string[] = [];
    for (const c of cases) {
      const out = await (F.affine as (...a: unknown[]) => Promise<RawImage>)(set.inputs[c.image]!, ...c.args);
      if (diff(out, { data: set.expected(c), width: c.width, height: c.height, channels: c.channels }).max !== 0) bad.push(c.name);
    }
    expect(bad).toEqual([]);
  });

  it("RandomCrop's forward (padding, pad-if-needed on both sides, crop) replays byte-identically from the crop op's params", async () => {
    const aug = await createAugmenter({ pipeline: [{ op: 'crop', size: 1 }], workers: 0 });
    try {
      const cropParams = (img: RawImage, params: Record<string, unknown>) => aug.apply(img, [{ op: 'crop', path: '0', params }]);
      const cases = set.cases.filter(family('cropParams'));
      expect(cases.length).toBe(20);
      expect(await checkGoldens(set, { cropParams } as never, undefined, family('cropParams'))).toEqual([]);
    } finally {
      await aug.close();
    }
  });

  it('the checker fails a wrong answer: rotate by the opposite angle, bilinear answered by nearest', async () => {
    const neg = (img: RawImage, a: number, ...rest: unknown[]) => F.rotate(img, -a, ...(rest as []));
    expect((await checkGoldens(set, { ...F, rotate: neg } as never, undefined, (c) => c.fn === 'rotate' && c.args[0] === 45)).length).toBe(5);
    const near = (img: RawImage, size: number[]) => F.resize(img, size, 'nearest');
    expect((await checkGoldens(set, { ...F, resize: near } as never, undefined, (c) => c.fn === 'resize' && c.args[1] === 'bilinear' && c.args[3] === false)).length).toBeGreaterThan(5);
  });
});

function photo(i: number): RawImage {
  return set.inputs[i]!;
}

describe('geometry ops in pipelines', () => {
  it('randomResizedCrop 224 + hflip: seeded, replayable byte-identically, workers 2 = inline', async () => {
    const pipeline = [{ op: 'randomResizedCrop', size: 224 }, { op: 'hflip', p: 0.5 }];
    const inline = await createAugmenter({ pipeline, seed: 7, workers: 0 });
    const pooled = await createAugmenter({ pipeline, seed: 7, workers: 2 });
    try {
      const imgs = [photo(0), photo(1), photo(3), photo(4)];
      const a = await inline.augmentBatch(imgs, { variants: 3 });
      const b = await pooled.augmentBatch(imgs, { variants: 3 });
      expect(a.items.length).toBe(12);
      for (let k = 0; k < a.items.length; k++) {
        const x = a.items[k]!;
        expect([x.image.width, x.image.height]).toEqual([224, 224]);
        expect(Buffer.from(b.items[k]!.image.data).equals(Buffer.from(x.image.data))).toBe(true);
        expect(b.items[k]!.params).toEqual(x.params);
        const replay = await inline.apply(imgs[x.source]!, x.params);
        expect(Buffer.from(replay.data).equals(Buffer.from(x.image.data))).toBe(true);
        // The params are torchvision's: F.resizedCrop with them gives the same bytes (before the flip).
        const rrc = x.params[0]!.params as { top: number; left: number; height: number; width: number };
        const f = await F.resizedCrop(imgs[x.source]!, rrc.top, rrc.left, rrc.height, rrc.width, [224, 224]);
        const flipped = x.params.length === 2;
        expect(Buffer.from((flipped ? await F.hflip(f) : f).data).equals(Buffer.from(x.image.data))).toBe(true);
      }
      const again = await inline.augmentBatch(imgs, { variants: 3 });
      expect(again.items.map((x) => x.params)).toEqual(a.items.map((x) => x.params));
      const other = await createAugmenter({ pipeline, seed: 8, workers: 0 });
      const c = await other.augmentBatch(imgs, { variants: 3 });
      expect(c.items.map((x) => x.params)).not.toEqual(a.items.map((x) => x.params));
      await other.close();
    } finally {
      await inline.close();
      await pooled.close();
    }
  }, 60_000);

  it('outputs of differing sizes (crop without a final resize; rotate with expand) work inline and in workers', async () => {
    const pipeline = [{ op: 'rotate', degrees: 40, expand: true, interpolation: 'bilinear' }, { op: 'crop', size: [20, 30], padIfNeeded: true }, { op: 'pad', padding: [1, 2, 3, 4], paddingMode: 'reflect' }];
    const inline = await createAugmenter({ pipeline, seed: 3, workers: 0 });
    const pooled = await createAugmenter({ pipeline, seed: 3, workers: 2 });
    try {
      const imgs = [photo(0), photo(3), photo(4)];
      const a = await inline.augmentBatch(imgs, { variants: 2 });
      const b = await pooled.augmentBatch(imgs, { variants: 2 });
      for (let k = 0; k < a.items.length; k++) {
        expect([a.items[k]!.image.width, a.items[k]!.image.height]).toEqual([34, 26]);
        expect(Buffer.from(b.items[k]!.image.data).equals(Buffer.from(a.items[k]!.image.data))).toBe(true);
      }
      const sizes = new Set<string>();
      const r = await createAugmenter({ pipeline: [{ op: 'rotate', degrees: 60, expand: true }], seed: 1, workers: 0 });
      for (const x of (await r.augmentBatch([photo(1)], { variants: 6 })).items) {
        sizes.add(`${x.image.width}x${x.image.height}`);
        const rp = x.params[0]!.params as { angle: number };
        const f = await F.rotate(photo(1), rp.angle, 'nearest', true, null, [0]);
        expect(Buffer.from(f.data).equals(Buffer.from(x.image.data))).toBe(true);
      }
      expect(sizes.size).toBeGreaterThan(1);
      await r.close();
    } finally {
      await inline.close();
      await pooled.close();
    }
  }, 60_000);

  it('random forms replay through the functional API (affine, perspective, elastic, crop, centerCrop, resize)', async () => {
    const img = photo(0);
    const cases: [unknown, (p: any) => Promise<RawImage>][] = [
      [{ op: 'affine', degrees: 20, translate: [0.1, 0.2], scale: [0.8, 1.2], shear: [-10, 10, -5, 5], interpolation: 'bilinear', fill: [1, 2, 3] },
        (p) => F.affine(img, p.angle, p.translate, p.scale, p.shear, p.interpolation, p.fill, p.center)],
      [{ op: 'perspective', distortionScale: 0.6, fill: 9 }, (p) => F.perspective(img, [[p.startpoints[0], p.startpoints[1]], [p.startpoints[2], p.startpoints[3]], [p.startpoints[4], p.startpoints[5]], [p.startpoints[6], p.startpoints[7]]], [[p.endpoints[0], p.endpoints[1]], [p.endpoints[2], p.endpoints[3]], [p.endpoints[4], p.endpoints[5]], [p.endpoints[6], p.endpoints[7]]], 'bilinear', [9])],
      [{ op: 'crop', size: 30 }, (p) => F.crop(img, p.top, p.left, p.height, p.width)],
      [{ op: 'centerCrop', size: [20, 50] }, () => F.centerCrop(img, [20, 50])],
      [{ op: 'resize', size: 30, antialias: true }, () => F.resize(img, 30, 'bilinear', null, true)],
    ];
    for (const [node, fn] of cases) {
      const aug = await createAugmenter({ pipeline: [node as never], seed: 11, workers: 0 });
      for (const x of await aug.augment(img, { variants: 3 })) {
        const f = await fn(x.params[0]!.params);
        expect(Buffer.from(f.data).equals(Buffer.from(x.image.data)), JSON.stringify(node)).toBe(true);
      }
      await aug.close();
    }
    // elastic: the seed regenerates the field; two seeds differ, one seed replays.
    const el = await createAugmenter({ pipeline: [{ op: 'elastic', alpha: 60, sigma: 4 }], seed: 2, workers: 0 });
    const [e1, e2] = await el.augment(img, { variants: 2 });
    expect(Buffer.from(e1!.image.data).equals(Buffer.from(e2!.image.data))).toBe(false);
    expect(Buffer.from((await el.apply(img, e1!.params)).data).equals(Buffer.from(e1!.image.data))).toBe(true);
    expect(diff(e1!.image, img).mean).toBeGreaterThan(1);
    await el.close();
  }, 60_000);

  it('a pipeline of every geometry op round-trips through toJSON with byte-identical outputs', async () => {
    const pipeline = [
      { op: 'pad', padding: [2, 3], paddingMode: 'symmetric' },
      { op: 'affine', degrees: 10, translate: [0.1, 0.05], scale: [0.9, 1.1], shear: [-5, 5, -3, 3], interpolation: 'bilinear', fill: [10, 20, 30] },
      { op: 'rotate', degrees: [-15, 15], expand: true, p: 0.7 },
      { op: 'perspective', distortionScale: 0.3, p: 0.5 },
      { op: 'elastic', alpha: 30, sigma: 4, interpolation: 'nearest' },
      { op: 'crop', size: [40, 40], padIfNeeded: true, paddingMode: 'edge' },
      { op: 'centerCrop', size: 36 },
      { op: 'resize', size: 30, antialias: true, interpolation: 'bicubic' },
      { op: 'randomResizedCrop', size: [20, 24], scale: [0.5, 1] },
    ];
    const a = await createAugmenter({ pipeline: pipeline as never, seed: 9, workers: 0 });
    const b = await createAugmenter({ ...(a.toJSON() as { pipeline: never; seed: number }), workers: 0 });
    try {
      const imgs = [photo(0), photo(3), photo(4)];
      const x = await a.augmentBatch(imgs, { variants: 2 });
      const y = await b.augmentBatch(imgs, { variants: 2 });
      for (let k = 0; k < x.items.length; k++) {
        expect([x.items[k]!.image.width, x.items[k]!.image.height]).toEqual([24, 20]);
        expect(Buffer.from(y.items[k]!.image.data).equals(Buffer.from(x.items[k]!.image.data))).toBe(true);
        expect(Buffer.from((await a.apply(imgs[x.items[k]!.source]!, JSON.parse(JSON.stringify(x.items[k]!.params)))).data).equals(Buffer.from(x.items[k]!.image.data))).toBe(true);
      }
    } finally {
      await a.close();
      await b.close();
    }
  }, 60_000);

  it('RandomResizedCrop draws as torchvision get_params: area fraction in scale, aspect in ratio, box inside', async () => {
    const aug = await createAugmenter({ pipeline: [{ op: 'randomResizedCrop', size: 16, scale: [0.2, 0.6], ratio: [0.5, 2] }], seed: 5, workers: 0 });
    const img = { data: new Uint8Array(500 * 375 * 3), width: 500, height: 375, channels: 3 as const };
    const outs = await aug.augment(img, { variants: 200 });
    let sumArea = 0;
    for (const o of outs) {
      const p = o.params[0]!.params as { top: number; left: number; height: number; width: number };
      const frac = (p.width * p.height) / (500 * 375);
      expect(frac).toBeGreaterThan(0.19);
      expect(frac).toBeLessThan(0.61);
      expect(p.width / p.height).toBeGreaterThan(0.49);
      expect(p.width / p.height).toBeLessThan(2.02);
      expect(p.left + p.width).toBeLessThanOrEqual(500);
      expect(p.top + p.height).toBeLessThanOrEqual(375);
      sumArea += frac;
    }
    expect(sumArea / 200).toBeGreaterThan(0.35);
    expect(sumArea / 200).toBeLessThan(0.45);
    // Impossible draws fall back to torchvision's central crop: a 100×10 strip with ratio [1, 1] → 10×10 in the middle.
    const fb = await createAugmenter({ pipeline: [{ op: 'randomResizedCrop', size: 4, scale: [0.9, 1], ratio: [1, 1] }], seed: 5, workers: 0 });
    const [o] = await fb.augment({ data: new Uint8Array(100 * 10), width: 100, height: 10, channels: 1 });
    expect(o!.params[0]!.params).toMatchObject({ top: 0, left: 45, height: 10, width: 10 });
    await aug.close();
    await fb.close();
  }, 60_000);

  it('bad configs are INVALID_SPEC naming the field; bad params INVALID_ARGUMENT / INVALID_PARAMS', async () => {
    const bad: [unknown, string][] = [
      [{ op: 'affine', degrees: -5 }, 'degrees'],
      [{ op: 'affine', shear: 'x' }, 'shear'],
      [{ op: 'affine', translate: [2, 0] }, 'translate'],
      [{ op: 'rotate' }, 'degrees'],
      [{ op: 'rotate', degrees: 10, interpolation: 'bicubic' }, 'interpolation'],
      [{ op: 'perspective', distortionScale: 2 }, 'distortionScale'],
      [{ op: 'elastic', alpha: -1 }, 'alpha'],
      [{ op: 'randomResizedCrop', size: 0 }, 'size'],
      [{ op: 'randomResizedCrop', size: 10, scale: [0.9, 0.1] }, 'scale'],
      [{ op: 'randomResizedCrop', size: 10, interpolation: 'nearest', antialias: true }, 'antialias'],
      [{ op: 'resize', size: [10, 10], maxSize: 20 }, 'maxSize'],
      [{ op: 'pad', padding: [1, 2, 3] }, 'padding'],
      [{ op: 'pad', padding: 1, paddingMode: 'wrap' }, 'paddingMode'],
      [{ op: 'crop', size: [1, 2, 3] }, 'size'],
      [{ op: 'centerCrop' }, 'size'],
    ];
    for (const [node, field] of bad) {
      const err = await createAugmenter({ pipeline: [node as never], workers: 0 }).then(() => null, (e) => e);
      expect(err, JSON.stringify(node)).toBeInstanceOf(EdgeAugmentError);
      expect(err.code).toBe('INVALID_SPEC');
      expect(err.message).toContain(field);
    }
    const img = photo(1);
    await expect(F.affine(img, 10, [0, 0], 0, [0, 0])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(F.affine(img, 10, [0, 0], 1, [0, 0], 'nearest', [1, 2])).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(F.elasticTransform(img, new Float32Array(7))).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(F.perspective(img, [[0, 0], [1, 0], [2, 0], [3, 0]], [[0, 0], [1, 0], [2, 0], [3, 0]])).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(F.pad(img, [-40, 0])).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(F.resize(img, 20, 'nearest', null, true)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    const crop = await createAugmenter({ pipeline: [{ op: 'crop', size: 500 }], workers: 0 });
    await expect(crop.augment(img)).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
    await crop.close();
  }, 60_000);
});
