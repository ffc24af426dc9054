/** The pool's message format and task planning: what crosses to a worker is exactly what the engine needs. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeResult, decodeTask, encodeResult, encodeTask, PARAM_WORDS } from '../../src/runtime/wire.js';
import { planChunks, TASK_PIXELS } from '../../src/client/augmenter.js';
import { ownsWholeBuffer } from '../../src/buffers.js';
import type { JobEntry, JobEntryResult } from '../../src/engine/engine.js';
import type { AugmentParams } from '../../src/plan/params.js';
import type { RawImage } from '../../src/types.js';

function img(w: number, h: number, c: 1 | 3 | 4, fill: number): RawImage {
  const data = new Uint8Array(w * h * c);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7 + fill) & 255;
  return { data, width: w, height: h, channels: c };
}

const newBuffer = (n: number) => new ArrayBuffer(n);

describe('wire: tasks', () => {
  it('round-trips entries; a source repeated in a task is sent once', () => {
    const a = img(5, 4, 4, 1);
    const b = img(3, 7, 3, 2);
    const entries: JobEntry[] = [
      { image: a, items: [{ index: 10 }, { index: 11 }] },
      { image: b, items: [{ index: 12 }] },
      { image: a, items: [{ index: 13 }] },
    ];
    const { task, transfer } = encodeTask(entries, 'raw', newBuffer);
    expect(task.pixels.byteLength).toBe(a.data.length + b.data.length);
    expect(transfer).toEqual([task.pixels]);
    const back = decodeTask(task);
    expect(back.map((e) => e.items)).toEqual(entries.map((e) => e.items));
    back.forEach((e, k) => {
      expect([e.image.width, e.image.height, e.image.channels]).toEqual([entries[k]!.image.width, entries[k]!.image.height, entries[k]!.image.channels]);
      expect(Array.from(e.image.data)).toEqual(Array.from(entries[k]!.image.data));
    });
    expect(back[0]!.image.data.byteOffset).toBe(back[2]!.image.data.byteOffset);
  });

  it('views at an offset, Uint8ClampedArray and same-buffer-different-view sources are copied exactly', () => {
    const big = new Uint8Array(200);
    for (let i = 0; i < big.length; i++) big[i] = i;
    const v1: RawImage = { data: big.subarray(8, 8 + 48), width: 4, height: 4, channels: 3 };
    const v2: RawImage = { data: new Uint8ClampedArray(big.buffer, 60, 64), width: 4, height: 4, channels: 4 };
    const v3: RawImage = { data: big.subarray(8, 8 + 48), width: 4, height: 3, channels: 4 }; // same bytes, other shape
    const entries: JobEntry[] = [v1, v2, v3].map((image, k) => ({ image, items: [{ index: k }] }));
    const back = decodeTask(encodeTask(entries, 'float', newBuffer).task);
    back.forEach((e, k) => {
      expect(Array.from(e.image.data)).toEqual(Array.from(entries[k]!.image.data));
      expect(e.image.channels).toBe(entries[k]!.image.channels);
      expect(e.image.height).toBe(entries[k]!.image.height);
    });
  });

  it('keeps explicit params and non-consecutive indices; sends recycled buffers along', () => {
    const p: AugmentParams = { theta: 12.5, tx: -3, ty: 4, shear: 1, zx: 0.9, zy: 1.1, flipHorizontal: true, flipVertical: false, channelShiftIntensity: null, brightness: 1.2 };
    const entries: JobEntry[] = [
      { image: img(2, 2, 1, 0), items: [{ index: 0, params: p }] },
      { image: img(2, 2, 1, 5), items: [{ index: 7 }, { index: 3 }] },
      { image: img(2, 2, 1, 9), items: [{ index: 4 }, { index: 5 }, { index: 6 }] },
    ];
    const reuse = [new ArrayBuffer(4)];
    const { task, transfer } = encodeTask(entries, 'raw', newBuffer, reuse);
    expect(Object.keys(task.items ?? {})).toEqual(['0', '1']);
    expect(transfer).toContain(reuse[0]);
    expect(task.reuse).toEqual(reuse);
    expect(decodeTask(task).map((e) => e.items)).toEqual(entries.map((e) => e.items));
  });

  it('moves a source it may move (whole buffer) instead of copying it; a view of a bigger buffer is copied', () => {
    const a = img(4, 4, 4, 3);
    const big = new Uint8Array(100).map((_, i) => i);
    const view: RawImage = { data: big.subarray(10, 10 + 27), width: 3, height: 3, channels: 3 };
    const entries: JobEntry[] = [
      { image: a, items: [{ index: 0 }], move: true },
      { image: view, items: [{ index: 1 }], move: true },
    ];
    const expectA = Array.from(a.data);
    const { task, transfer } = encodeTask(entries, 'raw', newBuffer);
    expect(task.moved).toEqual([a.data.buffer]);
    expect(task.pixels.byteLength).toBe(27);
    expect(transfer).toContain(a.data.buffer);
    expect(transfer).not.toContain(big.buffer);
    const back = decodeTask(task);
    expect(Array.from(back[0]!.image.data)).toEqual(expectA);
    expect(Array.from(back[1]!.image.data)).toEqual(Array.from(view.data));
  });

  it('a source whose buffer was detached is a typed INVALID_IMAGE, not garbage', () => {
    const a = img(4, 4, 4, 3);
    structuredClone(a.data.buffer, { transfer: [a.data.buffer as ArrayBuffer] }); // detaches a.data
    expect(() => encodeTask([{ image: a, items: [{ index: 0 }] }], 'raw', newBuffer)).toThrow(expect.objectContaining({ code: 'INVALID_IMAGE' }));
  });

  it('a SharedArrayBuffer staging buffer is shared, not transferred, and does not come back with the result', () => {
    const sab = new SharedArrayBuffer(64);
    const a = img(2, 3, 4, 5);
    const { task, transfer } = encodeTask([{ image: a, items: [{ index: 0 }] }], 'raw', () => sab);
    expect(task.pixels).toBe(sab);
    expect(transfer).toEqual([]);
    expect(Array.from(decodeTask(task)[0]!.image.data)).toEqual(Array.from(a.data));
    const out = new Uint8Array(24);
    const { result, transfer: back } = encodeResult([{ outputs: [out], params: [{ theta: 0, tx: 0, ty: 0, shear: 0, zx: 1, zy: 1, flipHorizontal: false, flipVertical: false, channelShiftIntensity: null, brightness: null }], width: 2, height: 3, channels: 4 }], sab);
    expect(result.pixels).toBeUndefined();
    expect(back).toEqual([out.buffer]);
    // And it survives a real postMessage (a transfer list with a SharedArrayBuffer would throw).
    expect(() => structuredClone(task, { transfer })).not.toThrow();
  });

  it('uses the staging buffer it is given (recycled from an earlier task)', () => {
    const spare = new ArrayBuffer(1000);
    const { task } = encodeTask([{ image: img(3, 3, 3, 1), items: [{ index: 0 }] }], 'raw', () => spare);
    expect(task.pixels).toBe(spare);
    expect(Array.from(decodeTask(task)[0]!.image.data)).toEqual(Array.from(img(3, 3, 3, 1).data));
  });
});

describe('wire: results', () => {
  const params = (k: number): AugmentParams => ({ theta: k, tx: -k / 3, ty: 0.5, shear: -0.25, zx: 1.25, zy: 0.75, flipHorizontal: k % 2 === 0, flipVertical: k % 3 === 0, channelShiftIntensity: k % 2 ? -17.5 : null, brightness: k % 3 ? null : 0.8 });

  it('round-trips outputs, params (null kept) and dims; the staging buffer comes back', () => {
    const results: JobEntryResult[] = [
      { outputs: [new Uint8Array([1, 2, 3, 4]), new Uint8Array([5, 6, 7, 8])], params: [params(0), params(1)], width: 2, height: 1, channels: 2 },
      { outputs: [new Uint8Array([9, 10, 11])], params: [params(2)], width: 1, height: 1, channels: 3 },
    ];
    const pixels = new ArrayBuffer(16);
    const { result, transfer } = encodeResult(results, pixels);
    expect(result.params).toHaveLength(3 * PARAM_WORDS);
    expect(transfer).toContain(pixels);
    expect(transfer).toContain(results[0]!.outputs[0]!.buffer);
    const back = decodeResult(result, 'raw', [2, 1]);
    expect(back).toEqual(results);
    expect(back[0]!.outputs[0]).toBeInstanceOf(Uint8Array);
  });

  it('float outputs come back as Float32Array; an output that is a view of a bigger buffer is copied, not sent whole', () => {
    const big = new Float32Array(10).map((_, i) => i + 0.5);
    const view = big.subarray(2, 5);
    const { result, transfer } = encodeResult([{ outputs: [view], params: [params(3)], width: 3, height: 1, channels: 1 }], new ArrayBuffer(1));
    expect(transfer).not.toContain(big.buffer);
    const back = decodeResult(result, 'float', [1]);
    expect(back[0]!.outputs[0]).toBeInstanceOf(Float32Array);
    expect(Array.from(back[0]!.outputs[0]!)).toEqual([2.5, 3.5, 4.5]);
  });

  it('packs any finite params exactly (property)', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(fc.property(finite, finite, finite, finite, finite, finite, fc.boolean(), fc.boolean(), fc.option(finite), fc.option(finite), (theta, tx, ty, shear, zx, zy, fh, fv, cs, br) => {
      const p: AugmentParams = { theta, tx, ty, shear, zx, zy, flipHorizontal: fh, flipVertical: fv, channelShiftIntensity: cs, brightness: br };
      const { result } = encodeResult([{ outputs: [new Uint8Array(1)], params: [p], width: 1, height: 1, channels: 1 }], new ArrayBuffer(1));
      expect(decodeResult(result, 'raw', [1])[0]!.params[0]).toEqual(p);
    }));
  });
});

describe('ownsWholeBuffer', () => {
  it('is true only for a view that is the whole of a plain ArrayBuffer', () => {
    const b = new Uint8Array(8);
    expect(ownsWholeBuffer(b)).toBe(true);
    expect(ownsWholeBuffer(new Float32Array(b.buffer))).toBe(true);
    expect(ownsWholeBuffer(b.subarray(1))).toBe(false);
    expect(ownsWholeBuffer(b.subarray(0, 4))).toBe(false);
    expect(ownsWholeBuffer(new Uint8Array(new SharedArrayBuffer(8)))).toBe(false);
  });
});

describe('planChunks', () => {
  const px = (n: number) => n;

  it('inline (0 workers): one task; cooperative inline (1): tasks of at most TASK_PIXELS', () => {
    const items = Array.from({ length: 100 }, () => 50_176);
    expect(planChunks(items, px, { workers: 0 })).toHaveLength(1);
    const one = planChunks(items, px, { workers: 1 });
    for (const c of one) expect(c.reduce((s, v) => s + v, 0)).toBeLessThanOrEqual(TASK_PIXELS + 50_176 / 2);
    expect(one.flat()).toHaveLength(100);
  });

  it('a pool gets guided sizes: big tasks first, small ones last, every item once and in order', () => {
    const items = Array.from({ length: 256 }, (_, i) => i);
    const chunks = planChunks(items, () => 50_176, { workers: 2 });
    expect(chunks.flat()).toEqual(items);
    const sizes = chunks.map((c) => c.length);
    for (let k = 1; k < sizes.length; k++) expect(sizes[k]).toBeLessThanOrEqual(sizes[k - 1]!);
    // First a quarter of the batch (1/(2·workers)), last the smallest task allowed (TASK_PIXELS / 8).
    expect(sizes[0]).toBe(Math.min(Math.round(TASK_PIXELS / 50_176), 64));
    expect(sizes[sizes.length - 1]).toBeLessThanOrEqual(Math.ceil(TASK_PIXELS / 8 / 50_176));
    // The work left after the first task a worker could still be running is split finely.
    expect(sizes.length).toBeGreaterThan(2 * 2);
  });

  it('chunkSize caps images per task; mixed sizes and an image bigger than a task are kept whole', () => {
    const items = [10, 4_000_000, 10, 10, 10, 10, 10];
    const chunks = planChunks(items, px, { workers: 2, maxImages: 2 });
    expect(chunks.flat()).toEqual(items);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(2);
    expect(chunks.some((c) => c.includes(4_000_000))).toBe(true);
  });

  it('no items: no tasks', () => {
    expect(planChunks([], px, { workers: 2 })).toEqual([]);
  });
});
