import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as io from '../../src/io/index.js';
import { toRawImage, validateRawImage, applyOrientation, type TensorLike } from '../../src/io/index.js';
import type { RawImage } from '../../src/types.js';
import { sampleImage } from '../fixtures/paths.js';

const tensor = (shape: number[], dtype: string, values: number[]): TensorLike => ({ shape, dtype, data: async () => Float32Array.from(values) });

describe('toRawImage', () => {
  it('RawImage passes through (validated), with optional channel conversion', async () => {
    const img: RawImage = { data: new Uint8Array([10, 20, 30, 40, 50, 60]), width: 2, height: 1, channels: 3 };
    expect(await toRawImage(img)).toBe(img);
    const rgba = await toRawImage(img, { channels: 4 });
    expect(Array.from(rgba.data)).toEqual([10, 20, 30, 255, 40, 50, 60, 255]);
  });

  it('ImageData-like objects are RGBA', async () => {
    const d = { data: new Uint8ClampedArray(2 * 2 * 4).fill(7), width: 2, height: 2 };
    const r = await toRawImage(d as unknown as ImageData);
    expect([r.width, r.height, r.channels]).toEqual([2, 2, 4]);
  });

  it('encoded bytes and Blobs are decoded', async () => {
    const bytes = new Uint8Array(readFileSync(sampleImage('camera.png')));
    const a = await toRawImage(bytes);
    const b = await toRawImage(new Blob([bytes]), { channels: 1 });
    expect([a.width, a.channels, b.channels]).toEqual([512, 4, 1]);
    expect(b.data[0]).toBe(a.data[0]); // grey PNG: R = G = B = L
    await expect(toRawImage(bytes, { maxPixels: 10 })).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE' });
  });

  it('tf tensors: int and float 0..255, rank 3 and [1,h,w,c]', async () => {
    const t3 = await toRawImage(tensor([1, 2, 3], 'int32', [0, 1, 2, 253, 254, 255]));
    expect(Array.from(t3.data)).toEqual([0, 1, 2, 253, 254, 255]);
    const t4 = await toRawImage(tensor([1, 1, 2, 1], 'float32', [12.4, 300]));
    expect([t4.width, t4.height, t4.channels, ...t4.data]).toEqual([2, 1, 1, 12, 255]);
    await expect(toRawImage(tensor([2, 1, 1, 3], 'float32', new Array(6).fill(0)))).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
    await expect(toRawImage(tensor([1, 1, 2], 'float32', [1, 2]))).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
    await expect(toRawImage(tensor([1, 1, 3], 'float32', [1, 2]))).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
    await expect(toRawImage(tensor([1, 1, 1], 'float32', [NaN]))).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
    await expect(toRawImage(tensor([1, 1, 1], 'complex64', [1]))).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
  });

  it('DOM-only inputs are refused cleanly where the DOM does not exist', async () => {
    await expect(toRawImage({} as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(toRawImage(null as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('validateRawImage names the problem', () => {
    const bad = (img: unknown) => () => validateRawImage(img as RawImage);
    expect(bad({ data: new Uint8Array(5), width: 2, height: 1, channels: 3 })).toThrow(/needs 6/);
    expect(bad({ data: new Uint8Array(6), width: 0, height: 1, channels: 3 })).toThrow(expect.objectContaining({ code: 'INVALID_IMAGE' }));
    expect(bad({ data: new Uint8Array(4), width: 2, height: 1, channels: 2 })).toThrow(/valid: 1, 3, 4/);
    expect(bad({ data: [1, 2, 3], width: 1, height: 1, channels: 3 })).toThrow(/Uint8Array/);
  });
});

describe('applyOrientation', () => {
  // 3×2 image with distinct pixel values p(x, y) = 10·y + x
  const img: RawImage = { data: Uint8Array.from([0, 1, 2, 10, 11, 12]), width: 3, height: 2, channels: 1 };
  const grid = (r: RawImage) => Array.from({ length: r.height }, (_, y) => Array.from(r.data.subarray(y * r.width, (y + 1) * r.width)));
  it.each([
    [1, [[0, 1, 2], [10, 11, 12]]],
    [2, [[2, 1, 0], [12, 11, 10]]],
    [3, [[12, 11, 10], [2, 1, 0]]],
    [4, [[10, 11, 12], [0, 1, 2]]],
    [5, [[0, 10], [1, 11], [2, 12]]],
    [6, [[10, 0], [11, 1], [12, 2]]],
    [7, [[12, 2], [11, 1], [10, 0]]],
    [8, [[2, 12], [1, 11], [0, 10]]],
  ] as const)('orientation %i', (o, want) => {
    expect(grid(applyOrientation(img, o))).toEqual(want);
  });
});

describe('barrel', () => {
  it('exports by name (no export *) and does no work at import', () => {
    const src = readFileSync(new URL('../../src/io/index.ts', import.meta.url), 'utf8');
    expect(src).not.toMatch(/export \*/);
    expect(typeof io.decodeImage).toBe('function');
    expect(typeof io.listDirectory).toBe('function');
  });
});
