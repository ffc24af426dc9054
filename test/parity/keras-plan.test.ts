/**
 * kerasCompat geometry vs Keras itself: composeWarp (plan) + the float64 reference kernel against
 * Keras ImageDataGenerator.apply_transform goldens (test/goldens/keras/gen_keras.py).
 * The same goldens are checked through the public API (WASM SIMD) in test/parity/keras-api.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeWarp, imageRange, planItem } from '../../src/plan/compose.js';
import { fromExplicitParams } from '../../src/plan/params.js';
import { normalizeSpec } from '../../src/spec/spec.js';
import { warpReferenceU8 } from '../../src/kernels/reference.js';
import type { RawImage } from '../../src/types.js';

const DIR = new URL('../goldens/keras/', import.meta.url);
interface Case { id: string; input: string; fillMode: 'constant' | 'nearest' | 'reflect' | 'wrap'; order: 0 | 1; cval: number; params: Record<string, number | boolean> }
const index = JSON.parse(readFileSync(new URL('cases.json', DIR), 'utf8')) as { inputs: Record<string, { width: number; height: number; channels: 1 | 3 }>; cases: Case[] };

export function loadKerasCase(c: Case): { image: RawImage; expected: Uint8Array } {
  const meta = index.inputs[c.input]!;
  const data = new Uint8Array(readFileSync(new URL(`inputs/${c.input}.bin`, DIR)));
  const expected = new Uint8Array(readFileSync(new URL(`out/${c.id}.bin`, DIR)));
  return { image: { data, width: meta.width, height: meta.height, channels: meta.channels }, expected };
}

export function diffStats(a: Uint8Array, b: Uint8Array): { mean: number; max: number } {
  let sum = 0;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    sum += d;
    if (d > max) max = d;
  }
  return { mean: sum / a.length, max };
}

describe('kerasCompat plan reproduces Keras apply_transform (reference kernel)', () => {
  it.each(index.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const { image, expected } = loadKerasCase(c);
    const spec = normalizeSpec({ fillMode: c.fillMode, cval: c.cval, interpolation: c.order === 0 ? 'nearest' : 'bilinear' });
    const params = fromExplicitParams(c.params as never);
    const plan = planItem(params, spec, image.width, image.height, image.channels, true);
    let out = warpReferenceU8(image, plan.first);
    if (plan.second) out = warpReferenceU8({ ...image, data: out }, plan.second(out, image.channels));
    expect(out.length).toBe(expected.length);
    const { mean, max } = diffStats(out, expected);
    const pureFlip = params.theta === 0 && params.tx === 0 && params.zx === 1 && params.shear === 0;
    if (c.order === 0 || pureFlip) expect(max, `${c.id} ${c.fillMode} order ${c.order}`).toBe(0);
    expect(mean, `${c.id} mean`).toBeLessThanOrEqual(1);
    expect(max, `${c.id} max`).toBeLessThanOrEqual(3);
  });

  it('the default (corrected) geometry differs from Keras on non-square images with shifts', () => {
    const c = index.cases.find((k) => k.input === 'chelsea' && k.order === 1 && k.params.tx !== 0)!;
    const { image, expected } = loadKerasCase(c);
    const spec = normalizeSpec({ fillMode: c.fillMode, cval: c.cval });
    const warp = composeWarp(fromExplicitParams(c.params as never), spec, image.width, image.height, image.channels, false, imageRange(image.data, image.channels));
    expect(diffStats(warpReferenceU8(image, warp), expected).mean).toBeGreaterThan(5);
  });
});
