/**
 * Stage kernels with a WASM path (perf) give the same bytes on both paths.
 *
 * The `resize` stage's two paths — TypeScript (float32 emulated) and the WASM SIMD kernel
 * (build/kernels/conv.wasm `resizeSep`) — give the same bytes: bilinear and bicubic, plain and
 * antialiased, up and down, 1/3/4 channels, boxes anywhere in the source. (The torchvision goldens of
 * resize / resizedCrop / RandomResizedCrop check the values themselves.)
 *
 * The `warp` stage's affine torch grid in nearest mode (RandAugment's rotate/shear/translate): TypeScript
 * loop = conv.wasm `warpNearestAffine`, for rotations, shears, scales, translations, with and without fill;
 * in bilinear mode (torchvision rotate/affine) = conv.wasm `warpBilinearAffine`, likewise.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resizeSeparable, type ResizeStage } from '../../src/ops/stages/resize.js';
import { createConvRunner, useTsStagesOnly } from '../../src/ops/stages/conv-wasm.js';
import { stageKernel } from '../../src/ops/stages/index.js';
import { nearestAffineTorch } from '../../src/ops/stages/warp.js';
import type { Img } from '../../src/ops/core/types.js';

const WASM = new URL('../../build/kernels/conv.wasm', import.meta.url);
if (!existsSync(WASM)) throw new Error('build/kernels/conv.wasm is missing: run `npm run build:kernels`.');

function photoLike(w: number, h: number, c: 1 | 3 | 4, seed: number): Img {
  const data = new Uint8Array(w * h * c);
  let s = seed >>> 0;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    // Ramps, a hard edge and noise.
    data[(y * w + x) * c + k] = ((x * 255) / w + (y > h / 2 ? 90 : 0) + (s >>> 28) + k * 40) & 255;
  }
  return { data, width: w, height: h, channels: c };
}

/**
 * Runs `stage` on the TypeScript path and on conv.wasm; returns how many bytes differ (the output sizes must
 * agree).
 */
function wasmDiff(img: Img, stage: object): number {
  const k = stageKernel((stage as { kind: string }).kind);
  useTsStagesOnly(true);
  const ts = k.run(img, stage as never, {}) as Img;
  useTsStagesOnly(false);
  return bytesDiffering(ts, k.run(img, stage as never, {}) as Img);
}

/** How many bytes of `b` differ from `a` (their sizes must agree). */
function bytesDiffering(a: Img, b: Img): number {
  expect([b.width, b.height, b.channels]).toEqual([a.width, a.height, a.channels]);
  expect(b.data.length).toBe(a.data.length);
  let diff = 0;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) diff++;
  return diff;
}

function rand(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('resize stage: WASM kernel = TypeScript path', async () => {
  const runner = await createConvRunner(await WebAssembly.compile(readFileSync(WASM)));
  for (const c of [1, 3, 4] as const) {
    it(`${c} channel(s): 160 random boxes and sizes, every mode`, () => {
      const img = photoLike(173, 131, c, 7 + c);
      const r = rand(99 + c);
      let checked = 0;
      for (let k = 0; k < 160; k++) {
        const boxWidth = 1 + Math.floor(r() * img.width);
        const boxHeight = 1 + Math.floor(r() * img.height);
        const stage: ResizeStage = {
          kind: 'resize',
          left: Math.floor(r() * (img.width - boxWidth + 1)),
          top: Math.floor(r() * (img.height - boxHeight + 1)),
          boxWidth,
          boxHeight,
          width: 1 + Math.floor(r() * 240),
          height: 1 + Math.floor(r() * 240),
          interpolation: k % 2 ? 'bicubic' : 'bilinear',
          antialias: k % 4 >= 2,
        };
        const diff = bytesDiffering(resizeSeparable(img, stage, null), resizeSeparable(img, stage, runner));
        expect(diff, JSON.stringify(stage)).toBe(0);
        checked++;
      }
      expect(checked).toBe(160);
    });
  }
});

describe('warp stage (affine torch grid, nearest): WASM kernel = TypeScript path', async () => {
  const runner = await createConvRunner(await WebAssembly.compile(readFileSync(WASM)));
  for (const c of [1, 3, 4] as const) {
    it(`${c} channel(s): 120 random affine thetas, sizes and fills`, () => {
      const img = photoLike(97, 71, c, 3 + c);
      const r = rand(5 + c);
      let fills = 0;
      for (let k = 0; k < 120; k++) {
        const a = (r() - 0.5) * 2 * Math.PI;
        const sc = 0.5 + r();
        const sh = (r() - 0.5) * 0.8;
        // Every 5th theta is a pure integer-ish translation (RandAugment's translate), ties on half pixels.
        const theta = k % 5 === 0 ? [1, 0, Math.round((r() - 0.5) * 40) / 48.5, 0, 1, (r() - 0.5) * 0.5] : [sc * Math.cos(a), -Math.sin(a) + sh, (r() - 0.5), Math.sin(a), sc * Math.cos(a), (r() - 0.5)];
        const ow = 1 + Math.floor(r() * 130);
        const oh = 1 + Math.floor(r() * 130);
        const fill = k % 3 === 0 ? null : k % 3 === 1 ? [Math.floor(r() * 256)] : [17, 200, 99, 250].slice(0, c);
        const diff = bytesDiffering(nearestAffineTorch(img, theta, ow, oh, fill, null), nearestAffineTorch(img, theta, ow, oh, fill, runner));
        expect(diff, JSON.stringify({ theta, ow, oh, fill })).toBe(0);
        if (fill) fills++;
      }
      expect(fills).toBe(80);
    });
  }
});

describe('table stages (lut, equalize, autocontrast, blend grey/greyMean/blurred, pre tables): conv.wasm = TypeScript path', async () => {
  const { setWasmPaths } = await import('../../src/runtime/assets.js');
  const { convRunner, readyConv } = await import('../../src/ops/stages/conv-wasm.js');
  setWasmPaths({ 'conv.wasm': await WebAssembly.compile(readFileSync(WASM)) });
  await convRunner();
  it('the module is in use unless switched off', () => {
    expect(readyConv()).not.toBeNull();
    useTsStagesOnly(true);
    expect(readyConv()).toBeNull();
    useTsStagesOnly(false);
  });
  const r = rand(4242);
  const table = (): Uint8Array => Uint8Array.from({ length: 256 }, (_, v) => Math.min(255, Math.floor(v * (0.3 + r() * 1.5))));
  const stages = (c: number): Record<string, unknown>[] => [
    { kind: 'lut', tables: table() },
    { kind: 'lut', tables: Array.from(table()) },
    ...(c === 1 ? [] : [{ kind: 'lut', tables: Uint8Array.from([...table(), ...table(), ...table()]) }]),
    { kind: 'equalize' },
    { kind: 'autocontrast' },
    // ColorJitter's factors are U(0.6, 1.4); 0, 5 and −0.5 take the clamps; ±8000 are the largest whose
    // clamps the RGB kernel leaves to its saturating packing (|ka| + |kb| < 2^14); 20000 and −10^5 are
    // clamped in f32 (−10^5 takes lanes below −2^23, whose bits would not saturate).
    ...[0, 0.3, 1.7, 5, -0.5, 8000, -8000, 20000, -1e5, 0.6 + r() * 0.8, 0.6 + r() * 0.8].flatMap((ratio) => [
      { kind: 'blend', with: 'grey', ratio },
      { kind: 'blend', with: 'greyMean', ratio },
      { kind: 'blend', with: 'blurred', ratio },
      { kind: 'blend', with: 'grey', ratio, pre: table() },
      { kind: 'blend', with: 'greyMean', ratio, pre: Array.from(table()) },
    ]),
  ];
  for (const c of [1, 3, 4] as const) {
    it(`permute (every flip/transpose combination) and grayscale (1/3 output channels), ${c} channel(s), sizes down to 1×1`, () => {
      let compared = 0;
      for (const [w, h] of [[224, 224], [37, 5], [5, 37], [1, 1], [1, 9], [7, 1], [3, 3], [6, 2]] as const) {
        const img = photoLike(w, h, c, w * 13 + h + c);
        const stages: Record<string, unknown>[] = [];
        for (let m = 0; m < 8; m++) stages.push({ kind: 'permute', transpose: (m & 4) !== 0, flipX: (m & 1) !== 0, flipY: (m & 2) !== 0 });
        stages.push({ kind: 'grayscale', outChannels: 1 }, { kind: 'grayscale', outChannels: 3 });
        for (const s of stages) {
          const diff = wasmDiff(img, s);
          expect(diff, JSON.stringify({ s, w, h })).toBe(0);
          compared++;
        }
      }
      expect(compared).toBe(80);
    });
  }
  for (const c of [1, 3, 4] as const) {
    /**
     * 90 random bilinear warps of one photo-like image (grid from `grid(rr)`), output sizes up to 120², fills:
     * none, one level, per channel, and every 7th far outside 0..255 (interior pixels where f32 m ≠ 1 then
     * saturate) or on a half — TypeScript path and conv.wasm byte for byte.
     */
    const bilinearWarps = (img: Img, rr: () => number, grid: (rr: () => number) => Record<string, unknown>): void => {
      let wasmRan = 0;
      for (let i = 0; i < 90; i++) {
        const torchGrid = grid(rr);
        const fill = i % 7 === 6 ? [3e9, -3e9, 127.5, 254.5].slice(0, c) : i % 3 === 0 ? null : i % 3 === 1 ? [Math.floor(rr() * 256)] : [17, 200, 99, 250].slice(0, c);
        const stage = { kind: 'warp', matrix: [1, 0, 0, 0, 1, 0, 0, 0, 1], width: 1 + Math.floor(rr() * 120), height: 1 + Math.floor(rr() * 120), interpolation: 'bilinear', fill, torchGrid };
        wasmRan++;
        const diff = wasmDiff(img, stage);
        expect(diff, JSON.stringify(stage)).toBe(0);
      }
      expect(wasmRan).toBe(90);
    };
    it(`warp, affine torch grid, bilinear, ${c} channel(s): 90 random thetas, sizes, fills`, () => {
      bilinearWarps(photoLike(83, 67, c, 31 + c), rand(77 + c), (rr) => {
        const a = (rr() - 0.5) * 2 * Math.PI;
        const sc = 0.5 + rr();
        return { type: 'affine', theta: [sc * Math.cos(a), -Math.sin(a) + (rr() - 0.5) * 0.5, rr() - 0.5, Math.sin(a), sc * Math.cos(a), rr() - 0.5] };
      });
    });
    /**
     * The affine bilinear kernel's paths: 4-pixel groups wholly inside the source (channel-planar), wholly
     * outside (fill), mixed (per pixel), row tails (widths not a multiple of 4), c = 1 (per pixel). Sources
     * 224² (the bench's rotate 30°) down to 1×1; rotations, scales and translations in pixels that push the
     * image partly or wholly out; each case against the TypeScript path byte for byte.
     */
    it(`warp, affine torch grid, bilinear, ${c} channel(s): rotations, scales, translations over the borders, sizes 1×1 to 224²`, () => {
      const rr = rand(9001 + c);
      const angles = [30, 0, -30, 45, 90, 180, 7.3, -123.4];
      const scales = [1, 0.6, 1.7, 1.0001];
      let compared = 0;
      for (const [w, h] of [[224, 224], [83, 67], [17, 9], [5, 3], [2, 2], [1, 1], [1, 6], [9, 1]] as const) {
        const img = photoLike(w, h, c, w * 5 + h + c);
        for (let i = 0; i < 10; i++) {
          const a = ((i < 2 ? 30 : angles[Math.floor(rr() * angles.length)]!) * Math.PI) / 180;
          const sc = i < 2 ? 1 : scales[Math.floor(rr() * scales.length)]!;
          const t = i < 2 ? [0, 0] : i % 4 === 0 ? [-1.2 * w, 0.1 * h] : i % 4 === 1 ? [(rr() - 0.5) * 0.8 * w, (rr() - 0.5) * 0.8 * h] : i % 4 === 2 ? [0.5, -0.5] : [0, 0];
          const theta = [sc * Math.cos(a), -sc * Math.sin(a), t[0]!, sc * Math.sin(a), sc * Math.cos(a), t[1]!];
          const fill = i === 0 || i % 5 === 2 ? null : i % 5 === 1 ? [Math.floor(rr() * 256)] : i % 5 === 3 ? [17, 200, 99, 250].slice(0, c) : i % 5 === 4 ? [3e9, -3e9, 127.5, 254.5].slice(0, c) : [0.5];
          const [ow, oh] = i % 3 === 0 ? [w, h] : i % 3 === 1 ? [w + 3, h + 1] : [Math.max(1, w - 5), h + 2];
          const stage = { kind: 'warp', matrix: [1, 0, 0, 0, 1, 0, 0, 0, 1], width: ow, height: oh, interpolation: 'bilinear', fill, torchGrid: { type: 'affine', theta } };
          const diff = wasmDiff(img, stage);
          expect(diff, JSON.stringify({ w, h, stage })).toBe(0);
          compared++;
        }
      }
      expect(compared).toBe(80);
    });
    it(`warp, perspective torch grid, bilinear, ${c} channel(s): 90 random coefficient sets, sizes, fills`, () => {
      bilinearWarps(photoLike(79, 61, c, 41 + c), rand(707 + c), (rr) => {
        const j = (s: number): number => (rr() - 0.5) * s;
        // Near-identity homographies with real foreshortening (|c6|, |c7| up to 4e-3) and translations that push the image partly out.
        return { type: 'perspective', coeffs: [1 + j(0.6), j(0.6), j(60), j(0.6), 1 + j(0.6), j(60), j(0.008), j(0.008)] };
      });
    });
    /**
     * The perspective bilinear kernel's row bounds (interior runs, border groups, fill from the exact reference
     * coordinate and a float32 error bound) and its fallbacks: the bench's F.perspective, random quads,
     * poles inside the output (z crossing 0), rows and columns whose source coordinate sits within ±2·10⁻⁵ px
     * of a tap boundary (−1, 0, size − 1, size: fills at .5 make a wrongly filled pixel show), images
     * translated wholly out, NaN and ∞ coefficients; sizes 1×1 to 224², widths with and without a tail.
     */
    it(`warp, perspective torch grid, bilinear, ${c} channel(s): quads, poles, tap-boundary rows, NaN/∞, sizes 1×1 to 224²`, async () => {
      const { perspectiveCoeffs } = await import('../../src/ops/affine/math.js');
      const rr = rand(4242 + c);
      const j = (sc: number): number => (rr() - 0.5) * sc;
      let compared = 0;
      for (const [w, h] of [[224, 224], [83, 67], [17, 9], [5, 3], [2, 2], [1, 1], [1, 6], [9, 1]] as const) {
        const img = photoLike(w, h, c, w * 3 + h + c);
        for (let i = 0; i < 14; i++) {
          const [ow, oh] = i % 3 === 0 ? [w, h] : i % 3 === 1 ? [w + 3, h + 1] : [Math.max(1, w - 5), h + 2];
          let co: number[];
          const kind = i % 7;
          if (kind === 0) {
            const e = i === 0 ? [10, 5, 210, 12, 220, 215, 3, 200].map((v, q) => (v * (q % 2 ? h - 1 : w - 1)) / 223) : [0, 0, w - 1, 0, w - 1, h - 1, 0, h - 1].map((v, q) => v + j(0.8 * (q % 2 ? h : w)));
            try {
              co = perspectiveCoeffs([0, 0, w - 1, 0, w - 1, h - 1, 0, h - 1], e);
            } catch {
              co = [1, 0, 0, 0, 1, 0, 0, 0];
            }
          } else if (kind === 1) co = [1 + j(2), j(2), j(3 * w), j(2), 1 + j(2), j(3 * h), j(0.2), j(0.2)];
          else if (kind === 2 || kind === 3) {
            // Source row (kind 2) or column (3) within ±2e-5 px of a tap boundary along an output row/column.
            const e = [1e-7, 0, 3e-8, 1e-5][i % 4]!;
            const size = kind === 2 ? h : w;
            const b = [-1, 0, size - 1, size][Math.floor(rr() * 4)]! + j(4e-5);
            const a = 1 + j(0.1);
            const t = b + 0.5 - a * (0.5 + Math.floor(rr() * (kind === 2 ? oh : ow)));
            co = kind === 2 ? [1 + j(0.1), j(0.1), j(10), j(e), a, t, j(e), j(e)] : [a, j(e), t, j(0.1), 1 + j(0.1), j(10), j(e), j(e)];
          } else if (kind === 4) co = [1, 0, (i % 2 ? 1.5 : -1.5) * w, 0, 1, j(h), 0, 0];
          else if (kind === 5) {
            co = [1 + j(0.6), j(0.6), j(w), j(0.6), 1 + j(0.6), j(h), j(0.02), 0];
            co[7] = (-1 - co[6]! * (0.5 + Math.floor(rr() * ow))) / (0.5 + Math.floor(rr() * oh) + j(1e-3)); // z = 0 near a pixel
          } else co = [1 + j(0.3), j(0.3), j(w), j(0.3), 1 + j(0.3), j(h), j(0.004), j(0.004)].map((v, q) => (q === i % 8 ? [NaN, Infinity, -Infinity, 1e30][i % 4]! : v));
          const fill = i % 4 === 0 ? null : i % 4 === 1 ? [11.5, 0.5, 254.5, 127.5].slice(0, c) : i % 4 === 2 ? [Math.floor(rr() * 256)] : [3e9, -3e9, 30.5, 99].slice(0, c);
          const stage = { kind: 'warp', matrix: [1, 0, 0, 0, 1, 0, 0, 0, 1], width: ow, height: oh, interpolation: 'bilinear', fill, torchGrid: { type: 'perspective', coeffs: co } };
          const diff = wasmDiff(img, stage);
          expect(diff, JSON.stringify({ w, h, stage })).toBe(0);
          compared++;
        }
      }
      expect(compared).toBe(112);
    });
    // 16-pixel blocks of the RGB kernels, with and without a tail (500×375: 12 pixels after the last block);
    // 18×5, 8×6, 6×3: row interiors of exactly 16 or 18 bytes (one SIMD step + overlap); 7×4, 17×3: 15 bytes (scalar).
    for (const [w, h] of [[224, 224], [500, 375], [37, 5], [3, 3], [1, 9], [17, 1], [18, 5], [17, 3], [7, 4], [8, 6], [6, 3]] as const) {
      it(`${c} channel(s), ${w}×${h}`, () => {
        const img = photoLike(w, h, c, w * 7 + c);
        for (const s of stages(c)) {
          const diff = wasmDiff(img, s);
          expect(diff, JSON.stringify({ kind: s.kind, with: s.with, ratio: s.ratio, pre: !!s.pre })).toBe(0);
        }
      });
    }
  }
});

describe('brightnessFactor: a brightness table read as arithmetic by the colour kernels', async () => {
  const { brightnessFactor } = await import('../../src/ops/stages/conv-wasm.js');
  const { brightnessStages } = await import('../../src/ops/brightness/index.js');
  it('finds a factor reproducing every entry of adjust_brightness tables (ColorJitter range and beyond); −1 for other tables', () => {
    const r = rand(2024);
    let found = 0;
    for (let i = 0; i < 400; i++) {
      const factor = i < 300 ? 0.6 + r() * 0.8 : r() * 4;
      const made = (brightnessStages(factor)[0] as unknown as { tables: Uint8Array }).tables;
      // The stage's own table answers from the registry (its factor); a copy goes through the search.
      expect(brightnessFactor(made)).toBe(Math.fround(factor));
      const t = Uint8Array.from(made);
      const k = brightnessFactor(t);
      expect(k, String(factor)).toBeGreaterThanOrEqual(0);
      for (let v = 0; v < 256; v++) {
        const x = Math.fround(k * v);
        expect(x >= 255 ? 255 : Math.trunc(x)).toBe(t[v]);
      }
      found++;
    }
    expect(found).toBe(400);
    expect(brightnessFactor(Uint8Array.from({ length: 256 }, (_, v) => 255 - v))).toBe(-1);
    expect(brightnessFactor(Uint8Array.from({ length: 256 }, (_, v) => (v < 128 ? v : 255 - v)))).toBe(-1);
    expect(brightnessFactor(Uint8Array.from({ length: 256 }, (_, v) => Math.min(255, v + 10)))).toBe(-1);
  });
});

describe('lut stage, tables in arithmetic form (conv.wasm lutArith): WASM = TypeScript path', async () => {
  const { setWasmPaths } = await import('../../src/runtime/assets.js');
  const { convRunner } = await import('../../src/ops/stages/conv-wasm.js');
  const { arithForm, tableOf } = await import('../../src/ops/stages/lut.js');
  const { brightnessFactor } = await import('../../src/ops/stages/conv-wasm.js');
  const { brightnessStages } = await import('../../src/ops/brightness/index.js');
  setWasmPaths({ 'conv.wasm': await WebAssembly.compile(readFileSync(WASM)) });
  await convRunner();
  const brightT = (k: number): Uint8Array => (brightnessStages(k)[0] as unknown as { tables: Uint8Array }).tables;
  const r = rand(1357);
  /** ⌊k·v⌋ (saturated) less 1 at `n` levels spread over 1..200. */
  const lessAt = (k: number, n: number): Uint8Array => {
    const t = tableOf((v) => Math.min(255, Math.floor(k * v)));
    for (let i = 0; i < n; i++) t[7 + i * 23]!--;
    return t;
  };
  // [name, table, expected form]: every form, with edge parameters.
  const cases: [string, Uint8Array, number | null][] = [
    ['invert', tableOf((v) => 255 - v), 0],
    ['identity', tableOf((v) => v), 0],
    ['constant 77', tableOf(() => 77), 0],
    ...[1, 2, 4, 7, 8].map((bits): [string, Uint8Array, number] => [`posterize ${bits}`, tableOf((v) => v & ((0xff << (8 - bits)) & 0xff)), 0]),
    ...[1, 2, 127, 128, 200, 255].map((thr): [string, Uint8Array, number] => [`solarize ${thr}`, tableOf((v) => (v >= thr ? 255 - v : v)), 1]),
    // Form 4: ⌊k·v⌋ less 1 where float32 rounding did not lift a product (1.3: four levels).
    ['brightness 1.3', brightT(1.3), 4],
    // Seven (1.05, 7/3) and thirteen (13/11): float32 lanes.
    ['brightness 1.05', brightT(1.05), 3],
    ['brightness 13/11', brightT(13 / 11), 3],
    // ⌊v·M / 2^16⌋ less 1 at one to four levels (form 4), and at five (no form).
    ...[1, 3, 4].map((n): [string, Uint8Array, number] => [`⌊1.3·v⌋ less 1 at ${n} levels`, lessAt(1.3, n), 4]),
    ['⌊1.3·v⌋ less 1 at 5 levels (no form)', lessAt(1.3, 5), null],
    ['brightness 0.5', brightT(0.5), 2],
    ['brightness 2', brightT(2), 2],
    ['brightness 127.9', brightT(127.9), 2],
    ...Array.from({ length: 8 }, (_, i): [string, Uint8Array, number | null] => { const k = 0.6 + r() * 0.8; return [`brightness ${k}`, brightT(k), null]; }),
    ['floor(v·0.7) + 1 (no form)', tableOf((v) => Math.min(255, Math.floor(v * 0.7) + 1)), null],
    ['gamma-like (no form)', tableOf((v) => Math.round(255 * (v / 255) ** 0.8)), null],
  ];
  it('reads the expected form off each table, and the form reproduces every entry', () => {
    for (const [name, t, want] of cases) {
      const f = arithForm(t);
      if (want !== null || name.includes('no form')) expect(f?.[0] ?? null, name).toBe(want);
      if (!f) continue;
      const [form, a, b, k, e] = f;
      // Form 4's levels: the bytes of e.
      const less = new Set([0, 8, 16, 24].map((i) => (e >>> i) & 255));
      for (let v = 0; v < 256; v++) {
        const x = Math.fround(k * v);
        const y = form === 0 ? (v & a) ^ b : form === 1 ? (v >= a ? 255 - v : v)
          : form === 2 || form === 4 ? Math.min(255, a * v + ((v * b) >>> 16)) - (form === 4 && less.has(v) ? 1 : 0)
          : x >= 255 ? 255 : Math.trunc(x);
        expect(y, `${name} at ${v}`).toBe(t[v]);
      }
      if (form !== 4) expect(e, name).toBe(0);
    }
    // Factors whose float32 products round up to the next integer at some levels but not others (no ⌊k·v⌋
    // fits all 256): M = 85197 (1.3·2^16 = 85196.8) is 1 more at 90, 170, 180, 190.
    expect(arithForm(brightT(1.3))).toEqual([4, 1, 85197 - 65536, 0, 90 | (170 << 8) | (180 << 16) | (190 << 24)]);
    expect(arithForm(brightT(13 / 11))).toEqual([3, 0, 0, Math.fround(13 / 11), 0]);
    // A copy (not made by brightnessTable): the factor found by the search.
    expect(arithForm(Uint8Array.from(brightT(13 / 11)))).toEqual([3, 0, 0, Math.fround(13 / 11), 0]);
    expect(brightnessFactor(Uint8Array.from(brightT(1.3)))).toBe(Math.fround(1.3));
    expect(brightnessFactor(tableOf((v) => 255 - v))).toBe(-1);
  });
  for (const c of [1, 3, 4] as const) {
    // 224²; odd sizes with tails after the last 16-byte step; images of fewer than 16 bytes (byte by byte).
    for (const [w, h] of [[224, 224], [37, 5], [17, 3], [5, 1], [3, 1], [1, 1], [2, 2]] as const) {
      it(`${c} channel(s), ${w}×${h}: every case, one table and the same table per channel`, () => {
        const img = photoLike(w, h, c, w * 11 + h + c);
        let compared = 0;
        for (const [name, t] of cases) {
          for (const tables of c === 1 ? [t] : [t, Uint8Array.from([...t, ...t, ...t])]) {
            const s = { kind: 'lut', tables };
            const diff = wasmDiff(img, s);
            expect(diff, `${name}, ${tables.length} entries`).toBe(0);
            compared++;
          }
        }
        expect(compared).toBe(cases.length * (c === 1 ? 1 : 2));
      });
    }
  }
});

describe('resize stage, bilinear downscale to half the width (conv.wasm resizeDown2) = TypeScript float32 path', async () => {
  const runner = await createConvRunner(await WebAssembly.compile(readFileSync(WASM)));
  let fast = 0;
  const counted = { ...runner, resizeDown2: (...a: Parameters<typeof runner.resizeDown2>) => { fast++; return runner.resizeDown2(...a); } };
  for (const c of [1, 3, 4] as const) {
    it(`${c} channel(s): 224→112, and 150 random boxes, height factors 1–5, output sizes 1–70`, () => {
      const img = photoLike(231, 229, c, 17 + c);
      const r = rand(31 + c);
      fast = 0;
      const stages: ResizeStage[] = [{ kind: 'resize', left: 3, top: 1, boxWidth: 224, boxHeight: 224, width: 112, height: 112, interpolation: 'bilinear', antialias: false }];
      while (stages.length < 151) {
        const fy = 1 + Math.floor(r() * 5);
        // Every other case narrow: fewer output pixels than one SIMD step (16, 8, 4 for c = 1, 3, 4), or just over.
        const width = 1 + Math.floor(r() * (stages.length % 2 ? 20 : 70));
        const height = 1 + Math.floor(r() * 40);
        if (height * fy > img.height) continue;
        stages.push({
          kind: 'resize', left: Math.floor(r() * (img.width - width * 2 + 1)), top: Math.floor(r() * (img.height - height * fy + 1)),
          boxWidth: width * 2, boxHeight: height * fy, width, height, interpolation: 'bilinear', antialias: false,
        });
      }
      for (const stage of stages) {
        const diff = bytesDiffering(resizeSeparable(img, stage, null), resizeSeparable(img, stage, counted));
        expect(diff, JSON.stringify(stage)).toBe(0);
      }
      expect(fast).toBe(151);
    });
  }
  it('bicubic, antialiased, mirrored and other width factors keep the separable kernel', () => {
    const img = photoLike(64, 48, 3, 5);
    fast = 0;
    const base: ResizeStage = { kind: 'resize', left: 0, top: 0, boxWidth: 64, boxHeight: 48, width: 32, height: 24, interpolation: 'bilinear', antialias: false };
    for (const stage of [{ ...base, interpolation: 'bicubic' as const }, { ...base, antialias: true }, { ...base, flipX: true }, { ...base, width: 16 }, { ...base, boxWidth: 60, width: 20 }, { ...base, width: 64 }]) {
      const ts = resizeSeparable(img, stage, null);
      const wasm = resizeSeparable(img, stage, counted);
      expect(Buffer.from(wasm.data).equals(Buffer.from(ts.data))).toBe(true);
    }
    expect(fast).toBe(0);
  });
});
