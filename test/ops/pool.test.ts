/**
 * Output buffers are reused (perf): intermediates go back to the stages' pool and recycled outputs
 * (aug.recycle) feed pipelines. Reuse must never show in the bytes: a pipeline run with recycling, where
 * every stage takes old buffers holding other images' bytes, gives exactly the outputs of a fresh
 * augmenter without recycling — for same-size (RandAugment) and size-changing (crop + jitter) pipelines.
 */
import { describe, expect, it } from 'vitest';
import { DIST } from '../api/helpers.js';
const sdk = (await import(DIST.href)) as typeof import('../../src/index.js');

function photoLike(w: number, h: number, c: 1 | 3 | 4, seed: number) {
  const data = new Uint8Array(w * h * c);
  let s = seed >>> 0;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[(y * w + x) * c + k] = ((x * 255) / w + (y > h / 2 ? 90 : 0) + (s >>> 28) + k * 40) & 255;
  }
  return { data, width: w, height: h, channels: c };
}

const PIPES: Record<string, unknown[]> = {
  randAugment: [{ op: 'randAugment', numOps: 3, magnitude: 12 }],
  imagenet: [{ op: 'randomResizedCrop', size: 64 }, { op: 'hflip', p: 0.5 }, { op: 'colorJitter', brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 }],
};

describe('buffer reuse never changes outputs', () => {
  for (const [name, pipeline] of Object.entries(PIPES)) {
    for (const c of [3, 4] as const) {
      it(`${name}, ${c} channels: 4 recycled batches = fresh outputs`, async () => {
        const img = photoLike(96, 80, c, 11 + c);
        const recycled = await sdk.createAugmenter({ pipeline: pipeline as never, seed: 5, workers: 0 });
        const fresh = await sdk.createAugmenter({ pipeline: pipeline as never, seed: 5, workers: 0 });
        const batch = Array.from({ length: 12 }, () => img);
        let compared = 0;
        for (let b = 0; b < 4; b++) {
          const r = await recycled.augmentBatch(batch, { startIndex: b * 12 });
          const want = await fresh.augmentBatch(batch, { startIndex: b * 12 });
          for (let i = 0; i < batch.length; i++) {
            expect(Buffer.from(r.items[i]!.image.data as Uint8Array).equals(Buffer.from(want.items[i]!.image.data as Uint8Array)), `batch ${b} item ${i}`).toBe(true);
            compared++;
          }
          // Same-size outputs come back as the next batch's output buffers (holding these bytes).
          recycled.recycle(r.items.map((x) => x.image));
        }
        expect(compared).toBe(48);
        await recycled.close();
        await fresh.close();
      });
    }
  }
});

describe('recycled outputs are the next batch outputs (no fresh allocation per output)', () => {
  // Before: a size-changing pipeline (500×375 → 224²) looked for spare buffers of the *input* size and
  // found none, and the stages' pool kept 8 buffers per size, so a batch of 64 allocated 56 fresh ones.
  for (const [name, pipeline, w, h] of [
    ['RandomResizedCrop 48 + jitter from 120×90 (size-changing)', [{ op: 'randomResizedCrop', size: 48 }, { op: 'colorJitter', brightness: 0.4, contrast: 0.4, saturation: 0.4 }], 120, 90],
    ['randAugment (same size)', [{ op: 'randAugment', numOps: 2, magnitude: 9 }], 48, 48],
  ] as const) {
    it(`${name}: a recycled batch of 64 the next batch's outputs are the recycled buffers`, async () => {
      const img = photoLike(w, h, 3, 3);
      const aug = await sdk.createAugmenter({ pipeline: pipeline as never, seed: 2, workers: 0 });
      const batch = Array.from({ length: 64 }, () => img);
      const first = await aug.augmentBatch(batch);
      const given = new Set(first.items.map((x) => x.image.data.buffer));
      aug.recycle(first.items.map((x) => x.image));
      const second = await aug.augmentBatch(batch, { startIndex: 64 });
      const reused = second.items.filter((x) => given.has(x.image.data.buffer)).length;
      // Not exactly 64: intermediates of the first batch wait in the same pool, and the pool hands out
      // buffers last-in first-out, so an output may land in one of those instead (still no allocation).
      // Before: 8 of 64 (same size) and 0 (size-changing).
      expect(reused).toBeGreaterThanOrEqual(60);
      await aug.close();
    });
  }
});

describe('the output-size memory for recycling is bounded', () => {
  it('after 100 distinct input sizes, the most recent size still reuses its recycled buffers', async () => {
    const aug = await sdk.createAugmenter({ pipeline: [{ op: 'resize', size: [8, 8] }] as never, seed: 1, workers: 0 });
    for (let w = 20; w < 120; w++) await aug.augmentBatch([photoLike(w, 10, 3, w)]);
    const img = photoLike(120, 10, 3, 1);
    const first = await aug.augmentBatch(Array.from({ length: 16 }, () => img));
    const given = new Set(first.items.map((x) => x.image.data.buffer));
    aug.recycle(first.items.map((x) => x.image));
    const second = await aug.augmentBatch(Array.from({ length: 16 }, () => img));
    expect(second.items.filter((x) => given.has(x.image.data.buffer)).length).toBeGreaterThanOrEqual(14);
    await aug.close();
  });
});
