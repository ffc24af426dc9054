/** The worker pool under faults: a killed worker loses nothing, abort is prompt, close releases. */
import { describe, expect, it } from 'vitest';
import { SEED_SPEC, concatBytes, faults, pkg, sameBytes } from './helpers.js';
import type { RawImage } from '../../src/types.js';

function small(i: number): RawImage {
  const data = new Uint8Array(32 * 24 * 4);
  for (let k = 0; k < data.length; k++) data[k] = (k * 31 + i * 17) & 255;
  return { data, width: 32, height: 24, channels: 4 };
}
const images = Array.from({ length: 200 }, (_, i) => small(i));

describe('worker pool', () => {
  it('a worker killed mid-batch of 200 images: all 200 results, each once, in order, identical bytes', async () => {
    const { createAugmenter } = await pkg();
    const inline = await createAugmenter({ spec: SEED_SPEC, seed: 7 });
    const expected = await inline.augmentBatch(images);
    const a = await createAugmenter({ spec: SEED_SPEC, seed: 7, workers: 2, maxInFlightPerWorker: 1 });
    let progress = 0;
    let killed = false;
    // Kill worker 0 abruptly as soon as work is flowing (guaranteed mid-batch), and make the other crash by itself.
    const p = a.augmentBatch(images, {
      chunkSize: 5,
      onProgress: (d) => {
        progress = d;
        if (!killed && d >= 10) {
          killed = true;
          faults(a.pool!).terminate(0);
          void faults(a.pool!).crash(0).catch(() => undefined);
        }
      },
    });
    const r = await p;
    expect(r.items).toHaveLength(200);
    expect(r.items.map((x) => x.source)).toEqual(images.map((_, i) => i));
    expect(new Set(r.items.map((x) => x.index)).size).toBe(200);
    expect(sameBytes(concatBytes(r.items), concatBytes(expected.items))).toBe(true);
    expect(killed).toBe(true);
    expect(a.pool!.replacements).toBeGreaterThanOrEqual(1);
    expect(progress).toBe(200);
    // The pool is still usable.
    expect((await a.augment(images[0]!))[0]!.image.data.length).toBe(32 * 24 * 4);
    await a.close();
    await inline.close();
  });

  it('abort rejects promptly with AbortError and leaves the pool usable', async () => {
    const { createAugmenter } = await pkg();
    const a = await createAugmenter({ spec: SEED_SPEC, seed: 7, workers: 2 });
    const big: RawImage = { data: new Uint8Array(512 * 512 * 4).fill(100), width: 512, height: 512, channels: 4 };
    const ctrl = new AbortController();
    const t0 = performance.now();
    const p = a.augmentBatch(Array.from({ length: 400 }, () => big), { signal: ctrl.signal, chunkSize: 4 });
    setTimeout(() => ctrl.abort(), 20);
    const e = await p.catch((x) => x);
    expect(e.name).toBe('AbortError');
    expect(performance.now() - t0).toBeLessThan(2000);
    const again = await a.augment(images[1]!);
    expect(again).toHaveLength(1);
    // Already-aborted signals reject immediately.
    await expect(a.augment(images[1]!, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    await a.close();
  });

  it('one abort listener per signal, however many tasks it covers; none left after the call', async () => {
    const { getEventListeners } = await import('node:events');
    const { createAugmenter } = await pkg();
    const a = await createAugmenter({ spec: SEED_SPEC, seed: 7, workers: 2 });
    const ctrl = new AbortController();
    let most = 0;
    const r = await a.augmentBatch(images.slice(0, 60), {
      signal: ctrl.signal,
      chunkSize: 1,
      onProgress: () => { most = Math.max(most, getEventListeners(ctrl.signal, 'abort').length); },
    });
    expect(r.items).toHaveLength(60);
    expect(most).toBe(1);
    expect(getEventListeners(ctrl.signal, 'abort')).toHaveLength(0);
    await a.close();
  });

  it('inline batches are cancellable between chunks too', async () => {
    const { createAugmenter } = await pkg();
    const a = await createAugmenter({ spec: SEED_SPEC, workers: 0 });
    const big: RawImage = { data: new Uint8Array(512 * 512 * 4).fill(100), width: 512, height: 512, channels: 4 };
    const ctrl = new AbortController();
    const p = a.augmentBatch(Array.from({ length: 200 }, () => big), { signal: ctrl.signal, chunkSize: 2 });
    setTimeout(() => ctrl.abort(), 10);
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    await a.close();
  });

  it('errors keep their code across the worker boundary; close() rejects later calls with CLOSED', async () => {
    const { createAugmenter } = await pkg();
    const a = await createAugmenter({ spec: SEED_SPEC, workers: 1 });
    await expect(a.apply({ data: new Uint8Array(7), width: 2, height: 2, channels: 3 }, {})).rejects.toMatchObject({ name: 'EdgeAugmentError', code: 'INVALID_IMAGE' });
    await a.close();
    await expect(a.augment(images[0]!)).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('transfer: true moves whole, once-used input buffers (same bytes as inline); shared, repeated and view inputs are copied', async () => {
    const { createAugmenter } = await pkg();
    const inline = await createAugmenter({ spec: SEED_SPEC, seed: 11 });
    const a = await createAugmenter({ spec: SEED_SPEC, seed: 11, workers: 2 });
    const fresh = () => images.slice(0, 40).map((im) => ({ ...im, data: im.data.slice() }));
    const expected = await inline.augmentBatch(fresh(), { variants: 2 });
    const own = fresh();
    const big = new Uint8Array(32 * 24 * 4 * 2);
    big.set(images[40]!.data);
    const view: RawImage = { ...images[40]!, data: big.subarray(0, 32 * 24 * 4) };
    const sab = new Uint8Array(new SharedArrayBuffer(32 * 24 * 4));
    sab.set(images[41]!.data);
    const shared: RawImage = { ...images[41]!, data: sab };
    const twice = { ...images[42]!, data: images[42]!.data.slice() };
    const input = [...own, view, shared, twice, twice];
    const r = await a.augmentBatch(input, { variants: 2, transfer: true });
    const want = await inline.augmentBatch([...fresh(), images[40]!, images[41]!, images[42]!, images[42]!], { variants: 2 });
    expect(sameBytes(concatBytes(r.items), concatBytes(want.items))).toBe(true);
    expect(sameBytes(concatBytes(r.items.slice(0, 80)), concatBytes(expected.items))).toBe(true);
    for (const im of own) expect(im.data.byteLength).toBe(0); // moved
    expect(view.data.byteLength).toBe(32 * 24 * 4);
    expect(shared.data.byteLength).toBe(32 * 24 * 4);
    expect(twice.data.byteLength).toBe(32 * 24 * 4);
    // augment() too; and inline ignores the option.
    const one = { ...images[3]!, data: images[3]!.data.slice() };
    const [o1] = await a.augment(one, { transfer: true });
    expect(one.data.byteLength).toBe(0);
    const keep = { ...images[3]!, data: images[3]!.data.slice() };
    const [o2] = await inline.augment(keep, { transfer: true });
    expect(keep.data.byteLength).toBe(32 * 24 * 4);
    expect(sameBytes(o1!.image.data as Uint8Array, o2!.image.data as Uint8Array)).toBe(true);
    await a.close();
    await inline.close();
  });

  it('transfer: true and a worker crash: the tasks it held fail with WORKER_FAILED (no hang, nothing half-done); the pool goes on', async () => {
    const { createAugmenter } = await pkg();
    const a = await createAugmenter({ spec: SEED_SPEC, seed: 7, workers: 2, maxInFlightPerWorker: 1 });
    const mine = images.map((im) => ({ ...im, data: im.data.slice() }));
    let killed = false;
    const e = await a.augmentBatch(mine, {
      chunkSize: 5,
      transfer: true,
      onProgress: (d) => {
        if (!killed && d >= 10) { killed = true; faults(a.pool!).terminate(0); }
      },
    }).catch((x) => x);
    expect(killed).toBe(true);
    expect(e).toMatchObject({ name: 'EdgeAugmentError', code: 'WORKER_FAILED' });
    expect(String(e.message)).toMatch(/transfer: true/);
    expect((await a.augment(images[0]!))[0]!.image.data.length).toBe(32 * 24 * 4);
    await a.close();
  });

  it("transfer: true + a worker crash with errors: 'collect' keeps every finished output and reports only the lost images (issue 13)", async () => {
    const { createAugmenter } = await pkg();
    const a = await createAugmenter({ spec: SEED_SPEC, seed: 7, workers: 2, maxInFlightPerWorker: 1 });
    const ref = await createAugmenter({ spec: SEED_SPEC, seed: 7 });
    const mine = images.map((im) => ({ ...im, data: im.data.slice() }));
    let killed = false;
    const r = await a.augmentBatch(mine, {
      chunkSize: 5,
      transfer: true,
      errors: 'collect',
      onProgress: (d) => {
        if (!killed && d >= 10) { killed = true; faults(a.pool!).terminate(0); }
      },
    });
    expect(killed).toBe(true);
    expect(r.failures.length).toBeGreaterThan(0);
    expect(r.items.length).toBeGreaterThanOrEqual(10);
    for (const f of r.failures) expect(f.error).toMatchObject({ code: 'WORKER_FAILED' });
    // Every image is either an output or a reported failure, once.
    expect([...r.items.map((x) => x.source), ...r.failures.map((f) => f.source)].sort((x, y) => x - y)).toEqual(images.map((_, i) => i));
    const expected = await ref.augmentBatch(images);
    for (const it of r.items) expect(Buffer.from(it.image.data).equals(Buffer.from(expected.items[it.source]!.image.data))).toBe(true);
    await a.close();
    await ref.close();
  });

  it('image features and a drift monitor give the same numbers in a worker pool as inline (README: workers)', async () => {
    const { extractImageFeatures, buildProfile, createDriftMonitor } = await pkg();
    const set = images.slice(0, 40);
    const inline = await extractImageFeatures(set);
    const pooled = await extractImageFeatures(set, { workers: 2, chunkSize: 7 });
    expect(pooled.rows).toEqual(inline.rows);
    expect(pooled.failures).toEqual([]);
    const reference = await buildProfile(set.slice(0, 20), { features: 'image' });
    const bright = set.slice(20).map((im) => ({ ...im, data: im.data.map((v) => Math.min(255, v + 60)) }));
    const reports = [];
    for (const workers of [0, 2]) {
      const m = await createDriftMonitor({ reference, workers });
      await m.update(bright);
      reports.push(await m.report());
      await m.close();
    }
    expect(JSON.parse(JSON.stringify(reports[1]))).toEqual(JSON.parse(JSON.stringify(reports[0])));
  });

  it('no tensor leaks inside workers', async () => {
    const { createAugmenter } = await pkg();
    const a = await createAugmenter({ spec: SEED_SPEC, workers: 1 });
    await a.augment(images[0]!);
    const [base] = await a.pool!.numTensors();
    await a.augmentBatch(images, { output: 'float32' });
    await a.augmentBatch(images);
    expect((await a.pool!.numTensors())[0]).toBe(base);
    await a.close();
  });
});
