/**
 * Image features: the WASM kernel against the numpy/scipy/skimage goldens, against the TypeScript
 * reference, over every channel layout, on hostile input, and on a brightening whose effect is known.
 */
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_EDGE_THRESHOLD, IMAGE_FEATURE_NAMES, IMAGE_FEATURE_RECORD_NAMES, createFeatureExtractor,
  createFeatureExtractorSync, extractFeaturesReference, featuresToRecord,
  type FeatureExtractor, type ImageFeatures,
} from '../../../src/drift/features/index.js';
import { EdgeAugmentError } from '../../../src/errors.js';
import type { RawImage } from '../../../src/types.js';
import { close, featuresWasm, loadFeatureGoldens } from './setup.js';

const COUNT_FEATURES = new Set(['width', 'height']);

let fx: FeatureExtractor;
let wasm: Uint8Array<ArrayBuffer>;
const goldens = loadFeatureGoldens();

beforeAll(async () => {
  wasm = featuresWasm();
  fx = await createFeatureExtractor(wasm);
});

function histOf(f: ImageFeatures): Record<string, Uint32Array> {
  return f.histograms as unknown as Record<string, Uint32Array>;
}

function expectScalarsClose(got: ImageFeatures, want: Record<string, number>, what: string, rel = 1e-6) {
  for (const name of IMAGE_FEATURE_NAMES) {
    const a = got.scalars[name], b = want[name];
    if (COUNT_FEATURES.has(name)) expect(a, `${what}: ${name}`).toBe(b);
    else if (!close(a, b, rel)) expect.fail(`${what}: ${name} = ${a}, expected ${b} (rel ${Math.abs(a - b) / Math.abs(b)})`);
  }
}

function randomImage(w: number, h: number, c: 1 | 3 | 4, seed: number): RawImage {
  const data = new Uint8Array(w * h * c);
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = s >>> 24;
  }
  return { data, width: w, height: h, channels: c };
}

describe('goldens (numpy / scipy / skimage)', () => {
  it('were made with the default edge threshold', () => {
    expect(goldens.edgeThreshold).toBe(DEFAULT_EDGE_THRESHOLD);
    expect(goldens.cases.length).toBeGreaterThan(20);
  });

  for (const g of goldens.cases) {
    it(`wasm: ${g.name}`, () => {
      const f = fx.extract(g.image);
      expectScalarsClose(f, g.scalars, g.name);
      const h = histOf(f);
      expect(Object.keys(h).sort()).toEqual(Object.keys(g.histograms).sort());
      for (const k of Object.keys(g.histograms)) expect(Array.from(h[k]), `${g.name} hist ${k}`).toEqual(g.histograms[k]);
      const interior = Math.max(0, g.image.width - 2) * Math.max(0, g.image.height - 2);
      expect(Math.round(f.scalars.edge_density * interior)).toBe(g.edgeCount);
    });
    it(`reference: ${g.name}`, () => {
      const f = extractFeaturesReference(g.image);
      expectScalarsClose(f, g.scalars, g.name);
      const h = histOf(f);
      for (const k of Object.keys(g.histograms)) expect(Array.from(h[k])).toEqual(g.histograms[k]);
    });
  }

  it('accuracy summary: worst relative error of the kernel per feature', () => {
    const worst: Record<string, number> = {};
    for (const g of goldens.cases) {
      const f = fx.extract(g.image);
      for (const name of IMAGE_FEATURE_NAMES) {
        const a = f.scalars[name], b = g.scalars[name];
        // numpy's std of a constant array can be ~1e-14 where the exact integer sums give 0.
        const e = Math.abs(b) < 1e-9 ? Math.abs(a - b) : Math.abs(a - b) / Math.abs(b);
        worst[name] = Math.max(worst[name] ?? 0, e);
      }
    }
    console.log('features: worst error vs goldens (relative; absolute where |golden| < 1e-9)', worst);
    for (const name of IMAGE_FEATURE_NAMES) expect(worst[name]).toBeLessThan(1e-6);
  });
});

describe('wasm vs reference', () => {
  const shapes: [number, number][] = [[1, 1], [2, 3], [3, 3], [7, 5], [64, 1], [1, 64], [33, 17], [224, 224]];
  for (const c of [1, 3, 4] as const) {
    for (const [w, h] of shapes) {
      it(`${w}x${h}x${c} random`, () => {
        const img = randomImage(w, h, c, w * 1000 + h * 10 + c);
        const a = fx.extract(img), b = extractFeaturesReference(img);
        expectScalarsClose(a, b.scalars, `${w}x${h}x${c}`, 1e-9);
        const ha = histOf(a), hb = histOf(b);
        for (const k of Object.keys(hb)) expect(ha[k]).toEqual(hb[k]);
      });
    }
  }

  it('property: any shape, layout and palette (few levels → hue-sector ties) agrees with the reference', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom(1, 3, 4),
      fc.constantFrom([0, 128, 255], [0, 1], [7], [10, 11, 12, 250], null), fc.integer(),
      (w, h, c, palette, seed) => {
        const img = randomImage(w, h, c as 1 | 3 | 4, seed);
        if (palette) for (let i = 0; i < img.data.length; i++) img.data[i] = palette[img.data[i] % palette.length];
        const a = fx.extract(img), b = extractFeaturesReference(img);
        for (const name of IMAGE_FEATURE_NAMES) {
          if (!close(a.scalars[name], b.scalars[name], 1e-9, 1e-9)) throw new Error(`${w}x${h}x${c} ${name}: ${a.scalars[name]} vs ${b.scalars[name]}`);
        }
        expect(a.histograms).toEqual(b.histograms);
      }), { numRuns: 300 });
  });

  it('rows longer than one SIMD segment (8192 px) and odd RGB tails', () => {
    for (const [w, c] of [[20001, 3], [16390, 4], [8195, 3]] as const) {
      const img = randomImage(w, 3, c, w);
      expectScalarsClose(fx.extract(img), extractFeaturesReference(img).scalars, `${w}x3x${c}`, 1e-9);
    }
  });

  it('smooth images with edges near the threshold agree exactly on edge counts', () => {
    for (const t of [0, 10, 50, 100, 250]) {
      const img = randomImage(40, 30, 3, 77);
      for (let i = 0; i < img.data.length; i++) img.data[i] = (img.data[i] >> 5) * 3 + (i % 7);
      const fxT = createFeatureExtractorSync(new WebAssembly.Module(wasm), { edgeThreshold: t });
      expect(fxT.extract(img).scalars.edge_density).toBe(extractFeaturesReference(img, { edgeThreshold: t }).scalars.edge_density);
    }
  });
});

describe('channel layouts', () => {
  it('grey, RGB (grey replicated) and RGBA (any alpha) give the same luma features', () => {
    const grey = randomImage(50, 40, 1, 5);
    const rgb = new Uint8Array(50 * 40 * 3), rgba = new Uint8Array(50 * 40 * 4);
    for (let i = 0; i < 2000; i++) {
      const v = grey.data[i];
      rgb.set([v, v, v], i * 3);
      rgba.set([v, v, v, (i * 37) & 255], i * 4);
    }
    const fg = fx.extract(grey);
    const f3 = fx.extract({ data: rgb, width: 50, height: 40, channels: 3 });
    const f4 = fx.extract({ data: new Uint8ClampedArray(rgba.buffer), width: 50, height: 40, channels: 4 });
    for (const f of [f3, f4]) {
      for (const name of IMAGE_FEATURE_NAMES) expect(close(f.scalars[name], fg.scalars[name], 1e-12, 1e-12), name).toBe(true);
      const h = f.histograms as { r: Uint32Array; g: Uint32Array; b: Uint32Array };
      expect(h.r).toEqual((fg.histograms as { gray: Uint32Array }).gray);
      expect(h.g).toEqual(h.r);
      expect(h.b).toEqual(h.r);
    }
    expect('gray' in fg.histograms).toBe(true);
  });

  it('alpha is ignored', () => {
    const a = randomImage(20, 20, 4, 9), b = { ...a, data: a.data.slice() };
    for (let i = 3; i < b.data.length; i += 4) b.data[i] = 255 - b.data[i];
    expect(fx.extract(b)).toEqual(fx.extract(a));
  });

  it('subarray views (non-zero byteOffset) are read correctly', () => {
    const img = randomImage(16, 9, 3, 3);
    const big = new Uint8Array(img.data.length + 11);
    big.set(img.data, 11);
    expect(fx.extract({ ...img, data: big.subarray(11) })).toEqual(fx.extract(img));
  });
});

describe('memory growth', () => {
  it('grows its memory for a large image and keeps working on small ones after', () => {
    const small = randomImage(8, 8, 4, 1);
    const before = fx.extract(small);
    const big = randomImage(1500, 1100, 4, 2); // 6.6 MB: beyond the initial memory
    const fb = fx.extract(big);
    expectScalarsClose(fb, extractFeaturesReference(big).scalars, 'big', 1e-9);
    expect(fx.extract(small)).toEqual(before);
  });

  it('accepts a precompiled WebAssembly.Module (workerd)', async () => {
    const other = await createFeatureExtractor(new WebAssembly.Module(wasm));
    const img = randomImage(10, 10, 3, 4);
    expect(other.extract(img)).toEqual(fx.extract(img));
  });
});

describe('shared-memory variant', () => {
  const shared = new URL('../../../build/kernels/features-shared.wasm', import.meta.url);
  it.skipIf(!existsSync(shared))('features-shared.wasm runs on a shared memory and agrees', async () => {
    const other = await createFeatureExtractor(readFileSync(shared));
    const img = randomImage(300, 200, 4, 8);
    expect(other.extract(img)).toEqual(fx.extract(img));
    const big = randomImage(1200, 900, 3, 9);
    expect(other.extract(big)).toEqual(fx.extract(big));
  });
});

describe('hostile input', () => {
  const bad: [string, unknown][] = [
    ['0x0', { data: new Uint8Array(0), width: 0, height: 0, channels: 4 }],
    ['0 width', { data: new Uint8Array(0), width: 0, height: 5, channels: 3 }],
    ['short data', { data: new Uint8Array(11), width: 2, height: 2, channels: 3 }],
    ['long data', { data: new Uint8Array(13), width: 2, height: 2, channels: 3 }],
    ['2 channels', { data: new Uint8Array(8), width: 2, height: 2, channels: 2 }],
    ['fractional width', { data: new Uint8Array(8), width: 1.5, height: 2, channels: 1 }],
    ['negative height', { data: new Uint8Array(4), width: 4, height: -1, channels: 1 }],
    ['NaN width', { data: new Uint8Array(4), width: NaN, height: 1, channels: 1 }],
    ['float data', { data: new Float32Array(4), width: 2, height: 2, channels: 1 }],
    ['null', null],
  ];
  for (const [name, img] of bad) {
    it(`${name} → INVALID_IMAGE (wasm and reference)`, () => {
      for (const f of [(i: RawImage) => fx.extract(i), (i: RawImage) => extractFeaturesReference(i)]) {
        let err: unknown;
        try { f(img as RawImage); } catch (e) { err = e; }
        expect(err).toBeInstanceOf(EdgeAugmentError);
        expect((err as EdgeAugmentError).code).toBe('INVALID_IMAGE');
      }
    });
  }

  it('too many pixels → IMAGE_TOO_LARGE, before touching the data', () => {
    const img = { data: new Uint8Array(4), width: 20000, height: 20000, channels: 1 } as RawImage;
    expect(() => fx.extract(img)).toThrow(expect.objectContaining({ code: 'IMAGE_TOO_LARGE' }));
  });

  it('extractMany reports the index of the bad image', () => {
    const ok = randomImage(4, 4, 3, 1);
    let err: any;
    try { fx.extractMany([ok, ok, { ...ok, width: 5 }]); } catch (e) { err = e; }
    expect(err.code).toBe('INVALID_IMAGE');
    expect(err.details.index).toBe(2);
    expect(fx.extractMany([ok, ok])).toHaveLength(2);
  });

  it('a bad edge threshold → INVALID_ARGUMENT', async () => {
    await expect(createFeatureExtractor(wasm, { edgeThreshold: -1 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(() => extractFeaturesReference(randomImage(2, 2, 1, 1), { edgeThreshold: NaN })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('a module that is not the features kernel → WASM_INIT_FAILED', async () => {
    await expect(createFeatureExtractor(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))).rejects.toMatchObject({ code: 'WASM_INIT_FAILED' });
    await expect(createFeatureExtractor(new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ code: 'WASM_INIT_FAILED' });
  });
});

describe('behaviour', () => {
  it('brightening every channel by +20 (no clipping) raises brightness by exactly 20, keeps contrast and sharpness', () => {
    const img = randomImage(60, 50, 4, 12);
    for (let i = 0; i < img.data.length; i++) img.data[i] = 40 + (img.data[i] % 180); // 40..219
    const lit = { ...img, data: img.data.map((v, i) => (i % 4 === 3 ? v : v + 20)) };
    const a = fx.extract(img).scalars, b = fx.extract(lit).scalars;
    expect(b.brightness - a.brightness).toBeCloseTo(20, 9);
    expect(b.contrast).toBeCloseTo(a.contrast, 9);
    expect(b.sharpness).toBeCloseTo(a.sharpness, 6);
    expect(b.edge_density).toBe(a.edge_density);
    expect(b.value_mean - a.value_mean).toBeCloseTo(20 / 255, 9);
  });

  it('a constant image has zero contrast, sharpness, edges and entropy', () => {
    const img: RawImage = { data: new Uint8Array(30 * 20 * 3).fill(128), width: 30, height: 20, channels: 3 };
    const s = fx.extract(img).scalars;
    expect([s.contrast, s.sharpness, s.edge_density, s.entropy, s.hue_std, s.saturation_mean, s.colorfulness]).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(s.brightness).toBe(128);
    expect(s.aspect_ratio).toBe(1.5);
  });

  it('a blurred image is less sharp than the original', () => {
    const g = goldens.cases.find((c) => c.name.startsWith('camera crop'))!.image;
    const blurred = new Uint8Array(g.data.length);
    const { width: w, height: h } = g;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      let s = 0, n = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const yy = y + dy, xx = x + dx;
        if (yy >= 0 && yy < h && xx >= 0 && xx < w) { s += g.data[yy * w + xx]; n++; }
      }
      blurred[y * w + x] = Math.round(s / n);
    }
    const a = fx.extract(g).scalars, b = fx.extract({ ...g, data: blurred }).scalars;
    expect(b.sharpness).toBeLessThan(a.sharpness * 0.5);
    expect(b.edge_density).toBeLessThan(a.edge_density);
  });
});

describe('featuresToRecord', () => {
  it('gives one flat numeric row with a stable schema for grey and colour images', () => {
    const rc = featuresToRecord(fx.extract(randomImage(5, 4, 3, 1)));
    const rg = featuresToRecord(fx.extract(randomImage(5, 4, 1, 1)));
    expect(Object.keys(rc)).toEqual([...IMAGE_FEATURE_RECORD_NAMES]);
    expect(Object.keys(rg)).toEqual([...IMAGE_FEATURE_RECORD_NAMES]);
    for (const v of [...Object.values(rc), ...Object.values(rg)]) expect(Number.isFinite(v)).toBe(true);
    expect(rg.red_mean).toBeCloseTo(rg.brightness, 12);
  });
});
