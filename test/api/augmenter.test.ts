/** The Augmenter contract through the built package: determinism, outputs, errors, leaks, normalisation. */
// The app's own tfjs backend: tensor outputs are made on it (the SDK never picks one for the app).
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { SEED_SPEC, concatBytes, photoRGBA, pkg, sameBytes } from './helpers.js';
import type { Augmenter } from '../../src/index.js';

const img = photoRGBA('chelsea');
const sq = photoRGBA('astronaut');

describe('determinism: same seed → same bytes, whatever runs it', () => {
  let reference: Uint8Array;
  let refParams: unknown[];
  beforeAll(async () => {
    const { createAugmenter } = await pkg();
    const a = await createAugmenter({ spec: SEED_SPEC, seed: 1234, workers: 0 });
    const r = await a.augment(img, { variants: 12 });
    reference = concatBytes(r);
    refParams = r.map((x) => x.params);
    await a.close();
  });

  it.each([1, 2, 3])('%i worker(s), batch and single calls, any order', async (workers) => {
    const { createAugmenter } = await pkg();
    const a = await createAugmenter({ spec: SEED_SPEC, seed: 1234, workers });
    // Reverse call order, one variant per call, concurrently.
    const singles = await Promise.all(Array.from({ length: 12 }, (_, k) => 11 - k).map((k) => a.augment(img, { startIndex: k })));
    const ordered = singles.reverse().map((r) => r[0]!);
    expect(ordered.map((r) => r.index)).toEqual(Array.from({ length: 12 }, (_, k) => k));
    expect(sameBytes(concatBytes(ordered), reference)).toBe(true);
    expect(ordered.map((r) => r.params)).toEqual(refParams);
    const batch = await a.augmentBatch([img], { variants: 12, chunkSize: 1 });
    expect(sameBytes(concatBytes(batch.items), reference)).toBe(true);
    await a.close();
  });

  it('a different seed gives different outputs (the check can fail)', async () => {
    const { createAugmenter } = await pkg();
    const a = await createAugmenter({ spec: SEED_SPEC, seed: 1235 });
    expect(sameBytes(concatBytes(await a.augment(img, { variants: 12 })), reference)).toBe(false);
    await a.close();
  });

  it('paramsFor(i) gives the params output i carries, without touching pixels', async () => {
    const { createAugmenter } = await pkg();
    const a = await createAugmenter({ spec: SEED_SPEC, seed: 1234 });
    refParams.forEach((p, i) => expect(a.paramsFor(i, img.width, img.height)).toEqual(p));
    expect(a.paramsFor(0, img.width, img.height, 1235)).not.toEqual(refParams[0]);
    await a.close();
  });

  it('a per-call seed equals an augmenter created with that seed', async () => {
    const { createAugmenter } = await pkg();
    const a = await createAugmenter({ spec: SEED_SPEC, seed: 1 });
    const viaCall = await a.augment(img, { variants: 12, seed: 1234 });
    expect(sameBytes(concatBytes(viaCall), reference)).toBe(true);
    await a.close();
  });

  it('outputs carry their params, and apply(params) replays them byte for byte', async () => {
    const { createAugmenter, toKerasParams } = await pkg();
    const a = await createAugmenter({ spec: { ...SEED_SPEC, channelShiftRange: 30, brightnessRange: [0.7, 1.3] }, seed: 99 });
    const outs = await a.augment(img, { variants: 4 });
    for (const o of outs) {
      expect(sameBytes((await a.apply(img, o.params)).data as Uint8Array, o.image.data as Uint8Array)).toBe(true);
      expect(sameBytes((await a.apply(img, toKerasParams(o.params))).data as Uint8Array, o.image.data as Uint8Array)).toBe(true);
    }
    await a.close();
  });
});

describe('outputs', () => {
  let a: Augmenter;
  beforeAll(async () => {
    const { createAugmenter } = await pkg();
    a = await createAugmenter({ spec: { ...SEED_SPEC, rescale: 1 / 255 }, seed: 5 });
  });
  afterAll(() => a.close());

  it('raw output keeps size and channels for grey, RGB and RGBA', async () => {
    for (const channels of [1, 3, 4] as const) {
      const data = new Uint8Array(img.width * img.height * channels);
      for (let i = 0; i < data.length; i++) data[i] = img.data[Math.floor(i / channels) * 4 + (i % channels)]!;
      const [r] = await a.augment({ data, width: img.width, height: img.height, channels });
      expect(r!.image.channels).toBe(channels);
      expect(r!.image.data.length).toBe(data.length);
    }
  });

  it('tensor output is float32 NHWC, rescaled, equal to raw/255 within rounding', async () => {
    const t = await a.augmentBatch([img, img], { output: 'tensor', variants: 2 });
    expect(t.tensor.shape).toEqual([4, img.height, img.width, 3]);
    expect(t.tensor.dtype).toBe('float32');
    const raw = await a.augmentBatch([img, img], { variants: 2 });
    const v = t.tensor.dataSync();
    const per = img.width * img.height * 3;
    let maxd = 0;
    for (let k = 0; k < 4; k++) {
      const r = raw.items[k]!.image.data;
      for (let p = 0, q = 0; p < per; p += 3, q += 4) for (let c = 0; c < 3; c++) maxd = Math.max(maxd, Math.abs(v[k * per + p + c]! * 255 - r[q + c]!));
    }
    expect(maxd).toBeLessThanOrEqual(0.5 + 1e-3);
    t.tensor.dispose();
  });

  it('errors: collect mode returns every good image and reports the bad one', async () => {
    const bad = { data: new Uint8Array(5), width: 2, height: 2, channels: 4 as const };
    const r = await a.augmentBatch([img, bad, sq], { errors: 'collect' });
    expect(r.items.map((i) => i.source)).toEqual([0, 2]);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]!.source).toBe(1);
    expect(r.failures[0]!.error.code).toBe('INVALID_IMAGE');
    await expect(a.augmentBatch([img, bad])).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
  });

  it.each([
    [{ data: new Uint8Array(0), width: 0, height: 0, channels: 4 }, 'INVALID_IMAGE'],
    [{ data: new Uint8Array(12), width: 2, height: 2, channels: 2 }, 'INVALID_IMAGE'],
    [{ data: [1, 2, 3, 4], width: 1, height: 1, channels: 4 }, 'INVALID_IMAGE'],
    [null, 'INVALID_IMAGE'],
  ])('bad image %#: typed error %s', async (bad, code) => {
    await expect(a.augment(bad as never)).rejects.toMatchObject({ name: 'EdgeAugmentError', code });
  });

  it('bad params and options are rejected with typed errors', async () => {
    await expect(a.apply(img, { theta: Number.NaN })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(a.augment(img, { variants: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(a.augmentBatch([img, sq], { output: 'tensor' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('tensor count returns to baseline after 1,000 calls', async () => {
    await a.augment(img);
    const base = tf.memory().numTensors;
    for (let i = 0; i < 1000; i++) {
      if (i % 3 === 0) await a.augment(sq, { startIndex: i });
      else if (i % 3 === 1) (await a.augmentBatch([sq], { output: 'float32', startIndex: i })).items;
      else await a.apply(sq, { theta: i, channel_shift_intensity: 5 });
    }
    await expect(a.apply({ data: new Uint8Array(3), width: 1, height: 1, channels: 4 }, {})).rejects.toMatchObject({ name: 'EdgeAugmentError', code: 'INVALID_IMAGE' });
    expect(tf.memory().numTensors).toBe(base);
  });
});

describe('rejects bad specs up front', () => {
  it('names field, value and what is allowed', async () => {
    const { createAugmenter, EdgeAugmentError } = await pkg();
    const e = await createAugmenter({ spec: { rotationRange: -1 } }).catch((x) => x);
    expect(e).toBeInstanceOf(EdgeAugmentError);
    expect(e.code).toBe('INVALID_SPEC');
    expect(e.message).toMatch(/rotationRange.*-1.*allowed/);
  });
  it('accepts a pasted Keras argument list', async () => {
    const { createAugmenter } = await pkg();
    const a = await createAugmenter({ keras: 'ImageDataGenerator(rotation_range=50, width_shift_range=.25, horizontal_flip=True, rescale=1./255)' });
    expect(a.spec.rotationRange).toBe(50);
    expect(a.spec.rescale).toBeCloseTo(1 / 255, 15);
    await a.close();
  });
});

describe('Keras standardisation (float outputs)', () => {
  it('featurewise centre/std from fit() match numpy-style per-channel stats', async () => {
    const { createAugmenter } = await pkg();
    const a = await createAugmenter({ spec: { rescale: 1 / 255, featurewiseCenter: true, featurewiseStdNormalization: true } });
    const stats = await a.fit([img, sq]);
    // Direct float64 computation over both images.
    for (let c = 0; c < 3; c++) {
      let s = 0, n = 0;
      for (const im of [img, sq]) for (let i = c; i < im.data.length; i += 4) { s += im.data[i]! / 255; n++; }
      const mean = s / n;
      let ss = 0;
      for (const im of [img, sq]) for (let i = c; i < im.data.length; i += 4) ss += (im.data[i]! / 255 - mean) ** 2;
      expect(stats.mean[c]).toBeCloseTo(mean, 12);
      expect(stats.std[c]).toBeCloseTo(Math.sqrt(ss / n), 12);
    }
    // Identity params: output = (x/255 − mean) / (std + 1e-6).
    const r = await a.augmentBatch([img], { output: 'float32' });
    const x = r.items[0]!.data;
    const expected = (img.data[0]! / 255 - stats.mean[0]!) / (stats.std[0]! + 1e-6);
    expect(Math.abs(x[0]! - expected)).toBeLessThan(1e-5);
    await a.close();
  });

  it('samplewise centre and std give mean 0 and std 1 per image', async () => {
    const { createAugmenter } = await pkg();
    const a = await createAugmenter({ spec: { ...SEED_SPEC, samplewiseCenter: true, samplewiseStdNormalization: true }, seed: 3 });
    const r = await a.augmentBatch([img, sq], { output: 'float32' });
    for (const it of r.items) {
      let m = 0;
      for (const v of it.data) m += v;
      m /= it.data.length;
      let ss = 0;
      for (const v of it.data) ss += (v - m) ** 2;
      expect(Math.abs(m)).toBeLessThan(1e-4);
      expect(Math.sqrt(ss / it.data.length)).toBeCloseTo(1, 4);
    }
    await a.close();
  });
});

describe('recycled output buffers', () => {
  for (const workers of [0, 2]) {
    it(`${workers} workers: outputs are written into recycled buffers, with the same bytes`, async () => {
      const { createAugmenter } = await pkg();
      const a = await createAugmenter({ spec: SEED_SPEC, seed: 77, workers });
      const first = await a.augmentBatch([img, sq], { variants: 3 });
      const expected = first.items.map((x) => new Uint8Array(x.image.data));
      const buffers = first.items.map((x) => x.image.data.buffer as ArrayBuffer);
      a.recycle(first.items.map((x) => x.image));
      a.recycle([new Uint8Array(10).subarray(2)]); // a partial view is ignored, not reused
      const again = await a.augmentBatch([img, sq], { variants: 3 });
      again.items.forEach((x, k) => expect(sameBytes(x.image.data as Uint8Array, expected[k]!), `item ${k}`).toBe(true));
      if (workers === 0) {
        // Inline: the very same buffers come back.
        expect(again.items.every((x) => buffers.includes(x.image.data.buffer as ArrayBuffer))).toBe(true);
      } else {
        // Workers: the recycled buffers were transferred to the workers (detached here).
        expect(buffers.every((b) => b.byteLength === 0)).toBe(true);
      }
      // Nothing left to reuse: a third batch allocates fresh buffers and is still right.
      const third = await a.augmentBatch([img, sq], { variants: 3 });
      third.items.forEach((x, k) => expect(sameBytes(x.image.data as Uint8Array, expected[k]!)).toBe(true));
      await a.close();
    });
  }
});
