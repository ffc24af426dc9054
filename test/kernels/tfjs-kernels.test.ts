import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { fileURLToPath } from 'node:url';
import { registerWarpKernels, warpBatchToTensor, warpToBytes, warpToTensor } from '../../src/kernels/tfjs-kernels.js';
import { warpReferenceF32, warpReferenceU8, warpReferenceValues } from '../../src/kernels/reference.js';
import { createWarpRunner, type WarpRunner } from '../../src/kernels/wasm-module.js';
import { identityWarpParams, type WarpParams } from '../../src/kernels/contract.js';
import { EdgeAugmentError } from '../../src/errors.js';
import type { RawImage } from '../../src/types.js';
import { diffStats, loadGoldens, paramsFor } from './goldens.js';
import { kernelBytes } from './setup.js';

const goldens = loadGoldens();
const rotMatrix = (w: number, h: number, deg = 31, zoom = 0.83, flip = true): number[] => {
  const t = (deg * Math.PI) / 180, c = Math.cos(t) * zoom, s = Math.sin(t) * zoom;
  const a = flip ? -c : c, d = flip ? -s : s, b = -s * 1.1, e = c * 1.1 + 0.1 * s;
  const cx = w / 2 - 0.5, cy = h / 2 - 0.5;
  return [a, b, cx - a * cx - b * cy + 1.25, d, e, cy - d * cx - e * cy - 0.75];
};
function noise(w: number, h: number, c: 1 | 3 | 4, seed = 1): RawImage {
  const data = new Uint8Array(w * h * c);
  let s = seed;
  for (let i = 0; i < data.length; i++) { s = (s * 1103515245 + 12345) >>> 0; data[i] = s >>> 24; }
  return { data, width: w, height: h, channels: c };
}
const expectCode = (fn: () => unknown, code: string) => {
  try { fn(); } catch (e) { expect(e).toBeInstanceOf(EdgeAugmentError); expect((e as EdgeAugmentError).code).toBe(code); return; }
  throw new Error(`expected EdgeAugmentError ${code}`);
};

let runner: WarpRunner;
beforeAll(async () => {
  setWasmPaths(fileURLToPath(new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url)));
  await tf.setBackend('wasm');
  await tf.ready();
  await registerWarpKernels(tf, kernelBytes());
  await registerWarpKernels(tf, kernelBytes()); // idempotent
  runner = await createWarpRunner(kernelBytes());
});

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`EdgeAugmentWarp on the tfjs '${backend}' backend`, () => {
    beforeAll(async () => { await tf.setBackend(backend); await tf.ready(); });

    it('matches the scipy goldens (bilinear mean ≤ 1 / max ≤ 3; nearest and flips exact)', () => {
      expect(tf.getBackend()).toBe(backend);
      const bad: string[] = [];
      let sum = 0, n = 0, worst = 0;
      for (const g of goldens) {
        const out = warpToBytes(tf, g.image, paramsFor(g), g.width, g.height);
        const d = diffStats(out, g.expected);
        sum += d.mean * out.length; n += out.length; worst = Math.max(worst, d.max);
        const exact = g.order === 0 || g.kind.includes('flip');
        if (exact ? d.max > 0 : d.mean > 1 || d.max > 3) bad.push(`${g.name}: mean ${d.mean.toFixed(4)} max ${d.max}`);
      }
      console.log(`[${backend}] goldens: mean abs diff ${(sum / n).toFixed(5)}, max ${worst}`);
      expect(bad).toEqual([]);
    });

    it('a deliberately wrong matrix does not match its golden', () => {
      const g = goldens.find((c) => c.kind === 'random' && c.order === 1 && c.image.width !== c.image.height)!;
      const M = g.scipyMatrix;
      const out = warpToBytes(tf, g.image, paramsFor(g, [M[0][0], M[0][1], M[0][2], M[1][0], M[1][1], M[1][2]]), g.width, g.height);
      expect(diffStats(out, g.expected).mean).toBeGreaterThan(5);
    });

    it('is byte-identical to the own-memory runner, and 1/3/4 channels agree per channel', () => {
      const rgba = noise(61, 47, 4, 7);
      for (const mode of ['constant', 'nearest', 'reflect', 'wrap'] as const) {
        const p: WarpParams = { ...identityWarpParams(4), matrix: rotMatrix(61, 47), fillMode: mode, cval: [10, 20, 30, 40] };
        const out4 = warpToBytes(tf, rgba, p);
        expect(Buffer.from(out4).equals(Buffer.from(runner.warpToBytes(rgba, p)))).toBe(true);
        const rgb: RawImage = { data: new Uint8Array(61 * 47 * 3), width: 61, height: 47, channels: 3 };
        const grey: RawImage = { data: new Uint8Array(61 * 47), width: 61, height: 47, channels: 1 };
        for (let i = 0; i < 61 * 47; i++) { for (let k = 0; k < 3; k++) rgb.data[i * 3 + k] = rgba.data[i * 4 + k]; grey.data[i] = rgba.data[i * 4 + 1]; }
        const out3 = warpToBytes(tf, rgb, p);
        const out1 = warpToBytes(tf, grey, { ...p, cval: [20], colorScale: [1], colorOffset: [0], clipLo: [-Infinity], clipHi: [Infinity] });
        let diff3 = 0, diff1 = 0;
        for (let i = 0; i < 61 * 47; i++) {
          for (let k = 0; k < 3; k++) diff3 = Math.max(diff3, Math.abs(out3[i * 3 + k] - out4[i * 4 + k]));
          diff1 = Math.max(diff1, Math.abs(out1[i] - out4[i * 4 + 1]));
        }
        expect(diff3).toBe(0);
        expect(diff1).toBe(0);
      }
    });

    it('SIMD vs reference.ts ≤ 2 levels on noise, with colour affine and clip', () => {
      for (const c of [1, 3, 4] as const) {
        for (const [w, h] of [[64, 64], [37, 29], [224, 160]]) {
          const img = noise(w, h, c, w * c);
          const p: WarpParams = {
            ...identityWarpParams(c), matrix: rotMatrix(w, h, 17 * c, 1.3), fillMode: 'reflect',
            colorScale: [1.2, 0.8, 1.05, 0.5], colorOffset: [-12.5, 30, 3.3, 100], clipLo: [20, -Infinity, 0, 0], clipHi: [200, 240, Infinity, 160],
          };
          const out = warpToBytes(tf, img, p);
          const ref = warpReferenceU8(img, p);
          const d = diffStats(out, ref);
          expect(d.max).toBeLessThanOrEqual(2);
          expect(d.mean).toBeLessThan(0.2);
        }
      }
    });

    it('float output matches reference.ts (rescale / normalise, alpha dropped)', () => {
      const img = noise(50, 38, 4, 3);
      const p: WarpParams = { ...identityWarpParams(4), matrix: rotMatrix(50, 38), fillMode: 'constant', cval: [0, 128, 255, 9], colorScale: [1.1, 0.9, 1, 1], colorOffset: [4, -3, 0, 0], clipLo: [0, 0, 0, 0], clipHi: [250, 255, 255, 255] };
      const float = { outScale: [1 / 127.5, 1 / 127.5, 1 / 127.5], outOffset: [-1, -1, -1] };
      const t = warpToTensor(tf, img, p, float, 3);
      expect(t.shape).toEqual([38, 50, 3]);
      expect(t.dtype).toBe('float32');
      const got = t.dataSync();
      t.dispose();
      const ref = warpReferenceF32(img, p, float, 3);
      let max = 0;
      for (let i = 0; i < ref.length; i++) max = Math.max(max, Math.abs(got[i] - ref[i]));
      expect(max).toBeLessThanOrEqual(2 / 127.5 + 1e-6);
      // every output channel count works
      for (const oc of [1, 2, 4]) {
        const f = { outScale: [1, 1, 1, 1], outOffset: [0, 0, 0, 0] };
        const y = warpToTensor(tf, img, p, f, oc, 21, 17);
        const r = warpReferenceValues(img, p, 21, 17);
        const v = y.dataSync();
        y.dispose();
        let m = 0;
        for (let i = 0; i < 21 * 17; i++) for (let k = 0; k < oc; k++) m = Math.max(m, Math.abs(v[i * oc + k] - r[i * 4 + k]));
        expect(m).toBeLessThanOrEqual(2);
      }
    });

    it('batched NHWC float output', () => {
      const imgs = [noise(30, 20, 3, 1), noise(30, 20, 3, 2), noise(30, 20, 3, 3)];
      const ps = imgs.map((_, i) => ({ ...identityWarpParams(3), matrix: rotMatrix(30, 20, 10 * i) }));
      const f = { outScale: [1 / 255, 1 / 255, 1 / 255], outOffset: [0, 0, 0] };
      const before = tf.memory().numTensors;
      const b = warpBatchToTensor(tf, imgs, ps, f, 3, 16, 16);
      expect(b.shape).toEqual([3, 16, 16, 3]);
      const one = warpToTensor(tf, imgs[2], ps[2], f, 3, 16, 16);
      const all = b.dataSync();
      expect(Array.from(all.subarray(2 * 768))).toEqual(Array.from(one.dataSync()));
      b.dispose(); one.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

    it('hostile inputs: NaN matrix, bad data, huge coordinates, 1×1, odd widths', () => {
      const img = noise(13, 7, 4);
      expectCode(() => warpToBytes(tf, img, { ...identityWarpParams(4), matrix: [NaN, 0, 0, 0, 1, 0] }), 'INVALID_PARAMS');
      expectCode(() => warpToBytes(tf, { ...img, data: img.data.subarray(1) }, identityWarpParams(4)), 'INVALID_IMAGE');
      expectCode(() => warpToBytes(tf, { ...img, channels: 2 as 3 }, identityWarpParams(4)), 'INVALID_IMAGE');
      expectCode(() => warpToBytes(tf, { ...img, width: 0 }, identityWarpParams(4)), 'INVALID_IMAGE');
      expectCode(() => warpToBytes(tf, img, { ...identityWarpParams(4), fillMode: 'mirror' as 'wrap' }), 'INVALID_PARAMS');
      expectCode(() => warpToBytes(tf, img, { ...identityWarpParams(4), cval: [0] }), 'INVALID_PARAMS');
      expectCode(() => warpToTensor(tf, img, identityWarpParams(4), { outScale: [1], outOffset: [0] }, 5), 'INVALID_PARAMS');
      for (const mode of ['constant', 'nearest', 'reflect', 'wrap'] as const) {
        for (const m of [[1e12, 0, 0, 0, 1, 0], [1, 0, -3e9, 0, 1, 5e9], [0, 0, 1e300, 0, 0, -1e300], [5000, 3, 1, -4000, 2, 0]]) {
          const p = { ...identityWarpParams(4), matrix: m, fillMode: mode, cval: [1, 2, 3, 4] };
          expect(Buffer.from(warpToBytes(tf, img, p)).equals(Buffer.from(warpReferenceU8(img, p)))).toBe(true);
        }
      }
      const one = noise(1, 1, 3);
      for (const mode of ['constant', 'nearest', 'reflect', 'wrap'] as const) {
        const p = { ...identityWarpParams(3), matrix: rotMatrix(1, 1), fillMode: mode };
        expect(Array.from(warpToBytes(tf, one, p, 5, 3))).toEqual(Array.from(warpReferenceU8(one, p, 5, 3)));
      }
      for (const w of [2, 3, 5, 7, 9]) {
        const im = noise(w, 6, 4, w);
        const p = { ...identityWarpParams(4), matrix: rotMatrix(w, 6, 5, 0.9, false) };
        expect(diffStats(warpToBytes(tf, im, p, w + 2, 5), warpReferenceU8(im, p, w + 2, 5)).max).toBeLessThanOrEqual(2);
      }
    });

    it('leaks no tensor over 1,000 calls', () => {
      const img = noise(16, 12, 4);
      const p = { ...identityWarpParams(4), matrix: rotMatrix(16, 12) };
      const f = { outScale: [1, 1, 1], outOffset: [0, 0, 0] };
      warpToBytes(tf, img, p);
      const before = tf.memory().numTensors;
      for (let i = 0; i < 1000; i++) {
        warpToBytes(tf, img, p);
        warpToTensor(tf, img, p, f, 3).dispose();
        try { warpToBytes(tf, { ...img, data: img.data.subarray(3) }, p); } catch { /* typed error */ }
      }
      expect(tf.memory().numTensors).toBe(before);
    });
  });
}

describe('raw kernel on hostile coordinates (NaN inside the kernel gives cval)', () => {
  it('NaN matrix through the raw runner: cval everywhere in every mode', () => {
    const img = noise(9, 9, 4);
    for (const mode of ['constant', 'nearest', 'reflect', 'wrap'] as const) {
      const out = runner.run(img.data, 9, 9, 4, { ...identityWarpParams(4), matrix: [NaN, 0, 0, 0, 1, 0], fillMode: mode, cval: [7, 8, 9, 10] }, 6, 6, null, 4) as Uint8Array;
      for (let i = 0; i < 36; i++) expect(Array.from(out.subarray(i * 4, i * 4 + 4))).toEqual([7, 8, 9, 10]);
    }
  });
});
