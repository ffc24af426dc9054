/**
 * An ImageData (RGBA bytes, no `channels`) is accepted wherever a RawImage is, with exactly the
 * results of the same bytes as a RawImage with `channels: 4`: augmenting (inline and in workers),
 * replaying, fit, float/tensor batches, drift profiles and monitors (inline and in workers), encode,
 * resize and channel conversion. Node has no ImageData class: a class with ImageData's shape stands in.
 */
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_SPEC, photoRGBA, pkg } from './helpers.js';

/** ImageData's shape: data (Uint8ClampedArray), width, height, colorSpace — and no channels. */
class FakeImageData {
  readonly colorSpace = 'srgb';
  constructor(readonly data: Uint8ClampedArray, readonly width: number, readonly height: number) {}
}

const raw = photoRGBA();
const frame = new FakeImageData(new Uint8ClampedArray(raw.data), raw.width, raw.height);
const bytes = (x: { data: ArrayLike<number> }) => Buffer.from(Uint8Array.from(x.data as ArrayLike<number>));

describe('ImageData accepted as a RawImage', () => {
  let P: Awaited<ReturnType<typeof pkg>>;
  beforeAll(async () => { P = await pkg(); });

  it.each([0, 2])('augment / apply / float32 and tensor batches, workers %i: same bytes as the RawImage', async (workers) => {
    const aug = await P.createAugmenter({ spec: { ...SEED_SPEC, rescale: 1 / 255 }, seed: 5, workers });
    try {
      const a = await aug.augment(frame, { variants: 3 });
      const b = await aug.augment(raw, { variants: 3 });
      expect(a.map((x) => x.image.channels)).toEqual([4, 4, 4]);
      for (let i = 0; i < 3; i++) expect(bytes(a[i]!.image).equals(bytes(b[i]!.image))).toBe(true);
      const r1 = await aug.apply(frame, a[1]!.params);
      expect(r1.channels).toBe(4);
      expect(bytes(r1).equals(bytes(b[1]!.image))).toBe(true);
      const f1 = await aug.augmentBatch([frame], { output: 'float32' });
      const f2 = await aug.augmentBatch([raw], { output: 'float32' });
      expect(f1.items[0]!.channels).toBe(3);
      expect(Buffer.from(f1.items[0]!.data.buffer).equals(Buffer.from(f2.items[0]!.data.buffer))).toBe(true);
      const t = await aug.augmentBatch([frame, frame], { output: 'tensor' });
      expect(t.tensor.shape).toEqual([2, raw.height, raw.width, 3]);
      t.tensor.dispose();
      await aug.fit([frame]);
    } finally {
      await aug.close();
    }
  }, 60_000);

  it.each([0, 2])('augmentBatch raw outputs of an ImageData carry its 4 channels and the bytes of the RawImage, workers %i', async (workers) => {
    const aug = await P.createAugmenter({ spec: SEED_SPEC, seed: 5, workers });
    try {
      const a = await aug.augmentBatch([frame, frame], { variants: 2 });
      const b = await aug.augmentBatch([raw, raw], { variants: 2 });
      expect(a.items.map((x) => x.image.channels)).toEqual([4, 4, 4, 4]);
      a.items.forEach((x, i) => expect(bytes(x.image).equals(bytes(b.items[i]!.image))).toBe(true));
    } finally {
      await aug.close();
    }
  }, 60_000);

  it('computeFeaturewiseStats', () => {
    expect(P.computeFeaturewiseStats([frame], 1 / 255)).toEqual(P.computeFeaturewiseStats([raw], 1 / 255));
  });

  it.each([0, 2])('buildProfile, extractImageFeatures and a drift monitor, workers %i: same as the RawImage', async (workers) => {
    const crop = (x: number) => {
      const w = 64, h = 48, out = new Uint8ClampedArray(w * h * 4);
      for (let y = 0; y < h; y++) out.set(raw.data.subarray(((y + x) * raw.width + x) * 4, ((y + x) * raw.width + x + w) * 4), y * w * 4);
      return new FakeImageData(out, w, h);
    };
    const frames = [crop(0), crop(10), crop(20), crop(30)];
    const raws = frames.map((f) => ({ data: new Uint8Array(f.data), width: f.width, height: f.height, channels: 4 as const }));
    const p1 = await P.buildProfile(frames, { workers });
    const p2 = await P.buildProfile(raws, { workers });
    expect(JSON.stringify(p1)).toBe(JSON.stringify(p2));
    const f1 = await P.extractImageFeatures(frames, { workers });
    expect(f1.failures).toEqual([]);
    expect(f1.rows).toEqual((await P.extractImageFeatures(raws, { workers })).rows);
    const monitor = await P.createDriftMonitor({ reference: p2, workers });
    try {
      expect((await monitor.update(frames)).added).toBe(4);
      expect(monitor.count).toBe(4);
    } finally {
      await monitor.close();
    }
  }, 60_000);

  it('encode, resize and channel conversion', async () => {
    const small = new FakeImageData(new Uint8ClampedArray(raw.data.subarray(0, 16 * 16 * 4)), 16, 16);
    const smallRaw = { data: new Uint8Array(small.data), width: 16, height: 16, channels: 4 as const };
    expect(Buffer.from(await P.encodeImage(small, { format: 'png' })).equals(Buffer.from(await P.encodeImage(smallRaw, { format: 'png' })))).toBe(true);
    const r = P.resizeRawImage(small, 8, 8, 'bilinear');
    expect(r.channels).toBe(4);
    expect(bytes(r).equals(bytes(P.resizeRawImage(smallRaw, 8, 8, 'bilinear')))).toBe(true);
    const rgb = P.convertChannels(small, 3);
    expect(rgb.channels).toBe(3);
    expect(bytes(rgb).equals(bytes(P.convertChannels(smallRaw, 3)))).toBe(true);
  });

  it('a wrong-sized ImageData is a typed error, not a silent misread', async () => {
    const aug = await P.createAugmenter({ spec: SEED_SPEC });
    try {
      const bad = new FakeImageData(new Uint8ClampedArray(10 * 10 * 3), 10, 10);
      await expect(aug.augment(bad)).rejects.toMatchObject({ name: 'EdgeAugmentError', code: 'INVALID_IMAGE' });
      await expect(P.buildProfile([bad])).rejects.toMatchObject({ name: 'EdgeAugmentError', code: 'INVALID_IMAGE' });
      expect(() => P.resizeRawImage(bad, 4, 4)).toThrow(/bytes/);
    } finally {
      await aug.close();
    }
  });
});
