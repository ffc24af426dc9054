/**
 * The `conv` stage's two paths — TypeScript (float32 emulated) and the WASM SIMD kernels
 * (build/kernels/conv.wasm: separable and sparse 2-D) — give the same bytes, and both agree with a float64 2-D correlation
 * reference (border modes written out here) within one level.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { borderIndex, conv2dTs, convSeparableTs, gaussianKernel1d, type ConvBorder } from '../../src/ops/stages/conv.js';
import { createConvRunner } from '../../src/ops/stages/conv-wasm.js';
import { motionKernel } from '../../src/ops/motion-blur/index.js';
import type { Img } from '../../src/ops/core/types.js';

const WASM = new URL('../../build/kernels/conv.wasm', import.meta.url);
if (!existsSync(WASM)) throw new Error('build/kernels/conv.wasm is missing: run `npm run build:kernels`.');

function randomImg(w: number, h: number, c: 1 | 3 | 4, seed: number): Img {
  const data = new Uint8Array(w * h * c);
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    // Smooth ramps plus noise: edges and flat parts.
    data[i] = ((i % 97 < 40 ? 30 : 220) + (s >>> 27)) & 255;
  }
  return { data, width: w, height: h, channels: c };
}

/** Float64 2-D correlation with explicit border rules (reflect101 | reflect | replicate). */
function reference(img: Img, kx: number[], ky: number[], border: ConvBorder): Uint8Array {
  const { width: W, height: H, channels: C, data } = img;
  const idx = (i: number, n: number): number => {
    if (n === 1) return 0;
    for (;;) {
      if (i >= 0 && i < n) return i;
      if (border === 'replicate') return i < 0 ? 0 : n - 1;
      if (border === 'reflect101') i = i < 0 ? -i : 2 * (n - 1) - i;
      else i = i < 0 ? -i - 1 : 2 * n - 1 - i;
    }
  };
  const rx = (kx.length - 1) / 2, ry = (ky.length - 1) / 2;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < C; c++) {
    let acc = 0;
    for (let b = 0; b < ky.length; b++) for (let a = 0; a < kx.length; a++) acc += ky[b]! * kx[a]! * data[(idx(y + b - ry, H) * W + idx(x + a - rx, W)) * C + c]!;
    out[(y * W + x) * C + c] = Math.max(0, Math.min(255, Math.round(acc)));
  }
  return out;
}

function maxDiff(a: Uint8Array, b: Uint8Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('conv stage', async () => {
  const conv = await createConvRunner(await WebAssembly.compile(readFileSync(WASM)));
  const cases: [number, number, 1 | 3 | 4, number, number, number][] = [
    [1, 1, 3, 3, 3, 1], [2, 5, 1, 5, 3, 2], [17, 3, 4, 7, 9, 3], [33, 21, 3, 13, 13, 4], [64, 48, 1, 31, 5, 5], [5, 40, 3, 41, 41, 6],
  ];
  for (const border of ['reflect101', 'reflect', 'replicate'] as const) {
    it(`WASM = TypeScript bytes, both within 1 level of float64 (${border}; tiny, odd, huge kernels)`, () => {
      for (const [w, h, c, nx, ny, seed] of cases) {
        const img = randomImg(w, h, c, seed);
        const kx = gaussianKernel1d(nx, nx / 5);
        const ky = gaussianKernel1d(ny, ny / 4);
        const ts = convSeparableTs(img, Float32Array.from(kx), Float32Array.from(ky), border);
        const ws = conv.separable(img, Float32Array.from(kx), Float32Array.from(ky), border);
        expect(maxDiff(ts.data, ws.data), `${w}x${h}x${c} ${nx}x${ny}`).toBe(0);
        expect(maxDiff(ts.data, reference(img, kx, ky, border)), `${w}x${h}x${c} ${nx}x${ny}`).toBeLessThanOrEqual(1);
        // The 2-D path with the outer-product kernel agrees too.
        const k2 = ky.flatMap((b) => kx.map((a) => a * b));
        const ts2 = conv2dTs(img, k2, nx, ny, border);
        expect(maxDiff(ts2.data, reference(img, kx, ky, border))).toBeLessThanOrEqual(1);
        expect(maxDiff(conv.sparse(img, k2, nx, ny, border).data, ts2.data), `sparse ${w}x${h}x${c}`).toBe(0);
        // A motion-blur line kernel (mostly zeros) through both 2-D paths.
        const line = motionKernel(nx, 37 * seed, seed % 2 ? 0.5 : -0.3, 0.7, -0.4);
        expect(maxDiff(conv.sparse(img, line, nx, nx, border).data, conv2dTs(img, line, nx, nx, border).data), `line ${w}x${h}x${c}`).toBe(0);
      }
    });
  }
  it('borderIndex follows OpenCV: reflect101 …cb|abcd|cb…, reflect …ba|abcd|dc…, replicate', () => {
    expect([-3, -2, -1, 4, 5, 6].map((i) => borderIndex(i, 4, 'reflect101'))).toEqual([3, 2, 1, 2, 1, 0]);
    expect([-3, -2, -1, 4, 5, 6].map((i) => borderIndex(i, 4, 'reflect'))).toEqual([2, 1, 0, 3, 2, 1]);
    expect([-3, -1, 4, 9].map((i) => borderIndex(i, 4, 'replicate'))).toEqual([0, 0, 3, 3]);
  });
  it('a wrong weight is caught (the comparison can fail)', () => {
    const img = randomImg(20, 10, 3, 9);
    const kx = gaussianKernel1d(5, 1);
    const bad = conv.separable(img, Float32Array.from(kx.map((v, i) => (i === 0 ? v + 0.05 : v))), Float32Array.from(kx), 'reflect101');
    expect(maxDiff(bad.data, reference(img, kx, kx, 'reflect101'))).toBeGreaterThan(1);
  });
});
