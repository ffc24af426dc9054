/**
 * Fuzzing (issue 13): hostile specs × images, Keras argument strings, detector states and encoded
 * files — every case must give a valid result or a typed EdgeAugmentError, never another exception,
 * a hang or a malformed result. Fixed seed (test/setup-fast-check.ts); a few thousand cases by
 * default, more with FUZZ_SCALE=<factor> (e.g. FUZZ_SCALE=20 npx vitest run test/fuzz).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { pkg } from '../api/helpers.js';
import { normalizeSpec } from '../../src/spec/spec.js';
import { parseKerasArgs } from '../../src/spec/keras.js';
import { detectorFromJSON, Adwin, Ddm, Kswin, PageHinkley } from '../../src/drift/online/index.js';
import { decodeImage } from '../../src/io/decode.js';
import { encodeImage } from '../../src/io/encode.js';
import { ERROR_CODES, isEdgeAugmentError } from '../../src/errors.js';
import { sampleImage } from '../fixtures/paths.js';
import type { RawImage } from '../../src/types.js';

const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

/** Runs f: a value, or a typed EdgeAugmentError with a known code; anything else fails the case. */
async function typedOrValue<T>(f: () => T | Promise<T>, isTyped: (e: unknown) => e is { code: string } = isEdgeAugmentError): Promise<{ ok: true; value: T } | { ok: false; code: string }> {
  try {
    return { ok: true, value: await f() };
  } catch (e) {
    if (!isTyped(e) || !(ERROR_CODES as readonly string[]).includes(e.code)) throw new Error(`untyped error: ${(e as Error)?.name}: ${(e as Error)?.message}`);
    return { ok: false, code: e.code };
  }
}

function validImage(img: RawImage, w?: number, h?: number, c?: number): void {
  expect(Number.isInteger(img.width) && img.width >= 1).toBe(true);
  expect(Number.isInteger(img.height) && img.height >= 1).toBe(true);
  if (w !== undefined) expect([img.width, img.height]).toEqual([w, h]);
  if (c !== undefined) expect(img.channels).toBe(c);
  expect(img.data.length).toBe(img.width * img.height * img.channels);
}

// Values a hostile caller passes anywhere.
const junk = fc.oneof(
  fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.string({ maxLength: 8 }),
  fc.bigInt(), fc.constant(NaN), fc.constant(Infinity), fc.constant(-Infinity), fc.constant(-0),
  fc.array(fc.double(), { maxLength: 3 }), fc.constant(Object.create(null)), fc.constant({ toString: () => { throw new Error('x'); } }),
);
const plausible = fc.record({
  rotationRange: fc.option(fc.double({ min: -10, max: 400, noNaN: true }), { nil: undefined }),
  widthShiftRange: fc.option(fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }), fc.record({ pixels: fc.integer({ min: -5, max: 40 }) })), { nil: undefined }),
  heightShiftRange: fc.option(fc.double({ min: -1, max: 2, noNaN: true }), { nil: undefined }),
  shearRange: fc.option(fc.double({ min: -5, max: 100, noNaN: true }), { nil: undefined }),
  zoomRange: fc.option(fc.oneof(fc.double({ min: -1, max: 3, noNaN: true }), fc.tuple(fc.double({ min: -1, max: 3, noNaN: true }), fc.double({ min: -1, max: 3, noNaN: true }))), { nil: undefined }),
  channelShiftRange: fc.option(fc.double({ min: -10, max: 300, noNaN: true }), { nil: undefined }),
  brightnessRange: fc.option(fc.tuple(fc.double({ min: -1, max: 3, noNaN: true }), fc.double({ min: -1, max: 3, noNaN: true })), { nil: undefined }),
  horizontalFlip: fc.option(fc.boolean(), { nil: undefined }),
  verticalFlip: fc.option(fc.boolean(), { nil: undefined }),
  fillMode: fc.option(fc.constantFrom('nearest', 'constant', 'reflect', 'wrap', 'mirror'), { nil: undefined }),
  cval: fc.option(fc.double({ min: -300, max: 300, noNaN: true }), { nil: undefined }),
  interpolation: fc.option(fc.constantFrom('bilinear', 'nearest', 'bicubic'), { nil: undefined }),
  rescale: fc.option(fc.double({ min: -2, max: 2, noNaN: true }), { nil: undefined }),
}, { requiredKeys: [] });
// Mostly within the documented ranges, so most cases reach the engine.
const validish = fc.record({
  rotationRange: fc.double({ min: 0, max: 360, noNaN: true }),
  widthShiftRange: fc.oneof(fc.double({ min: 0, max: 0.9, noNaN: true }), fc.record({ pixels: fc.integer({ min: 0, max: 20 }) })),
  heightShiftRange: fc.double({ min: 0, max: 0.9, noNaN: true }),
  shearRange: fc.double({ min: 0, max: 60, noNaN: true }),
  zoomRange: fc.double({ min: 0, max: 0.9, noNaN: true }),
  channelShiftRange: fc.double({ min: 0, max: 255, noNaN: true }),
  brightnessRange: fc.tuple(fc.double({ min: 0.1, max: 1, noNaN: true }), fc.double({ min: 1, max: 2, noNaN: true })),
  horizontalFlip: fc.boolean(),
  verticalFlip: fc.boolean(),
  fillMode: fc.constantFrom('nearest', 'constant', 'reflect', 'wrap'),
  cval: fc.double({ min: 0, max: 255, noNaN: true }),
  interpolation: fc.constantFrom('bilinear', 'nearest'),
}, { requiredKeys: [] });
const hostileSpec = fc.oneof(
  plausible,
  fc.dictionary(fc.constantFrom('rotationRange', 'zoomRange', 'fillMode', 'brightnessRange', 'cval', 'widthShiftRange', 'nope', '__proto__'), junk, { maxKeys: 4 }),
  junk,
);
const image = fc.record({
  width: fc.integer({ min: 1, max: 12 }), height: fc.integer({ min: 1, max: 12 }), channels: fc.constantFrom(1, 3, 4),
  seed: fc.integer({ min: 0, max: 255 }),
}).map(({ width, height, channels, seed }) => ({ width, height, channels, data: new Uint8Array(width * height * channels).map((_, i) => (i * 37 + seed) & 255) }) as RawImage);

describe('fuzz: specs', () => {
  it(`normalizeSpec over ${runs(3000)} hostile specs: a normalized spec or INVALID_SPEC`, async () => {
    await fc.assert(fc.asyncProperty(hostileSpec, async (spec) => {
      const r = await typedOrValue(() => normalizeSpec(spec as never));
      if (!r.ok) expect(r.code).toBe('INVALID_SPEC');
    }), { numRuns: runs(3000) });
  });

  it(`parseKerasArgs over ${runs(2000)} token soups: a spec or INVALID_SPEC`, async () => {
    const tok = fc.constantFrom('rotation_range', 'zoom_range', '=', ',', '(', ')', '[', ']', '-', '+', '*', '/', '**', '1', '2.5', '1e3', '1./255', 'True', 'None', "'nearest'", 'x', '"', ' ', 'ImageDataGenerator');
    await fc.assert(fc.asyncProperty(fc.array(tok, { maxLength: 40 }), fc.nat(400), async (toks, deep) => {
      const text = toks.join('') + (deep > 300 ? '['.repeat(deep * 10) : '');
      const r = await typedOrValue(() => parseKerasArgs(text));
      if (!r.ok) expect(r.code).toBe('INVALID_SPEC');
    }), { numRuns: runs(2000) });
  });
});

describe('fuzz: specs × images through the built package (inline engine)', () => {
  let api: Awaited<ReturnType<typeof pkg>>;
  beforeAll(async () => { api = await pkg(); });

  it(`${runs(300)} random spec × image pairs: augmented images of the input's size, or a typed error`, async () => {
    let augmented = 0;
    await fc.assert(fc.asyncProperty(fc.oneof({ arbitrary: validish, weight: 4 }, { arbitrary: plausible, weight: 1 }), image, fc.integer({ min: 0, max: 1000 }), async (spec, img, seed) => {
      const made = await typedOrValue(() => api.createAugmenter({ spec, seed }), api.isEdgeAugmentError as never);
      if (!made.ok) { expect(made.code).toBe('INVALID_SPEC'); return; }
      const aug = made.value;
      try {
        const r = await typedOrValue(() => aug.augment(img, { variants: 2 }), api.isEdgeAugmentError as never);
        if (r.ok) {
          augmented++;
          expect(r.value).toHaveLength(2);
          for (const x of r.value) validImage(x.image, img.width, img.height);
        }
      } finally {
        await aug.close();
      }
    }), { numRuns: runs(300) });
    expect(augmented, 'cases that reached the engine').toBeGreaterThan(runs(300) / 2);
  }, 300_000);
});

describe('fuzz: detector states', () => {
  it(`${runs(2000)} mutated detector states: a detector that keeps working, or INVALID_STATE`, async () => {
    const seeds = [new Adwin(), new PageHinkley(), new Kswin({ seed: 1 }), new Ddm()].map((d) => {
      for (let i = 0; i < 150; i++) d.update(i % 7 === 0 ? 1 : 0);
      return JSON.parse(JSON.stringify(d.toJSON())) as Record<string, unknown>;
    });
    await fc.assert(fc.asyncProperty(fc.nat(3), fc.string({ maxLength: 10 }), junk, async (k, key, v) => {
      const base = seeds[k]!;
      const keys = Object.keys(base);
      const state = { ...base, [key.length % 2 ? keys[key.length % keys.length]! : key]: v };
      const r = await typedOrValue(() => detectorFromJSON(state));
      if (!r.ok) { expect(r.code).toBe('INVALID_STATE'); return; }
      for (let i = 0; i < 50; i++) {
        const u = await typedOrValue(() => r.value.update(i % 3 === 0 ? 1 : 0));
        if (!u.ok) { expect(u.code).toBe('INVALID_STATE'); break; }
      }
    }), { numRuns: runs(2000) });
  });
});

describe('fuzz: decoders', () => {
  const seeds: Uint8Array[] = [];
  beforeAll(async () => {
    const small: RawImage = { data: new Uint8Array(20 * 14 * 3).map((_, i) => (i * 13) & 255), width: 20, height: 14, channels: 3 };
    seeds.push(await encodeImage(small, { format: 'jpeg', quality: 70 }));
    seeds.push(await encodeImage(small, { format: 'png' }));
    seeds.push(await encodeImage(small, { format: 'webp', quality: 60 }));
    seeds.push(new Uint8Array(readFileSync(sampleImage('rocket.jpg'))).subarray(0, 4000));
    seeds.push(new Uint8Array(readFileSync(new URL('../fixtures/io/bmp/rgb24.bmp', import.meta.url))));
  });

  it(`${runs(1500)} mutated files (byte flips, cuts, forged sizes): a valid RawImage or a typed error`, async () => {
    const mutation = fc.record({
      which: fc.nat(4),
      flips: fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 6 }),
      cut: fc.option(fc.nat(), { nil: undefined }),
      size: fc.option(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 65535 })), { nil: undefined }),
    });
    let decoded = 0;
    await fc.assert(fc.asyncProperty(mutation, async ({ which, flips, cut, size }) => {
      const seed = seeds[which % seeds.length]!;
      let b = seed.slice();
      for (const [at, v] of flips) b[at % b.length] = v;
      if (size) { const at = size[0] % Math.max(1, b.length - 1); b[at] = size[1] >> 8; b[at + 1] = size[1] & 255; }
      if (cut !== undefined) b = b.subarray(0, cut % (b.length + 1));
      const t0 = performance.now();
      const r = await typedOrValue(() => decodeImage(b, { decoder: 'wasm', maxPixels: 1 << 22 }));
      if (r.ok) { decoded++; validImage(r.value, undefined, undefined, 4); }
      expect(performance.now() - t0).toBeLessThan(5000);
    }), { numRuns: runs(1500) });
    expect(decoded, 'mutated files that still decoded').toBeGreaterThan(runs(1500) / 20);
  }, 300_000);
});
