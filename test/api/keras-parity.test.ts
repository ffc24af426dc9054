/**
 * kerasCompat through the public API (WASM SIMD kernel on the tfjs wasm backend, and the cpu backend in
 * a worker) against Keras's own apply_transform on real photos (test/goldens/keras/gen_keras.py).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pkg } from './helpers.js';
import type { Augmenter } from '../../src/index.js';

const DIR = new URL('../goldens/keras/', import.meta.url);
const index = JSON.parse(readFileSync(new URL('cases.json', DIR), 'utf8'));
type Case = { id: string; input: string; fillMode: 'constant' | 'nearest' | 'reflect' | 'wrap'; order: 0 | 1; cval: number; params: Record<string, number | boolean> };

function load(c: Case) {
  const meta = index.inputs[c.input];
  return {
    image: { data: new Uint8Array(readFileSync(new URL(`inputs/${c.input}.bin`, DIR))), width: meta.width, height: meta.height, channels: meta.channels },
    expected: new Uint8Array(readFileSync(new URL(`out/${c.id}.bin`, DIR))),
  };
}

function stats(a: Uint8Array, b: Uint8Array) {
  let s = 0, m = 0;
  for (let i = 0; i < a.length; i++) { const d = Math.abs(a[i]! - b[i]!); s += d; if (d > m) m = d; }
  return { mean: s / a.length, max: m };
}

const groups = new Map<string, Case[]>();
for (const c of index.cases as Case[]) {
  const k = `${c.fillMode}|${c.order}|${c.cval}`;
  groups.set(k, [...(groups.get(k) ?? []), c]);
}

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`kerasCompat parity with Keras on real photos — ${backend} backend`, () => {
    const augs = new Map<string, Augmenter>();
    beforeAll(async () => {
      const { createAugmenter } = await pkg();
      for (const [k, cs] of groups) {
        const c = cs[0]!;
        // wasm runs inline; cpu runs in a worker (one realm = one tfjs backend).
        augs.set(k, await createAugmenter({ spec: { fillMode: c.fillMode, cval: c.cval, interpolation: c.order ? 'bilinear' : 'nearest' }, kerasCompat: true, workers: backend === 'cpu' ? 1 : 0, backend }));
      }
    });
    afterAll(async () => { for (const a of augs.values()) await a.close(); });

    it.each((index.cases as Case[]).map((c) => [c.id, c] as const))('%s', async (_id, c) => {
      const aug = augs.get(`${c.fillMode}|${c.order}|${c.cval}`)!;
      const { image, expected } = load(c);
      const out = await aug.apply(image, c.params);
      const { mean, max } = stats(out.data as Uint8Array, expected);
      const geometryFree = c.params.theta === 0 && c.params.tx === 0 && c.params.ty === 0 && c.params.shear === 0 && c.params.zx === 1 && c.params.zy === 1;
      if (c.order === 0 || geometryFree) expect(max, `${c.id}: nearest interpolation and pure flips are exact`).toBe(0);
      expect(mean, `${c.id} ${c.fillMode} order ${c.order} mean`).toBeLessThanOrEqual(1);
      expect(max, `${c.id} ${c.fillMode} order ${c.order} max`).toBeLessThanOrEqual(3);
    });
  });
}

describe('the parity check can fail', () => {
  it('default (corrected) geometry does not match Keras on a non-square shifted case', async () => {
    const { createAugmenter } = await pkg();
    const c = (index.cases as Case[]).find((k) => k.input === 'chelsea' && k.order === 1 && k.fillMode === 'nearest')!;
    const aug = await createAugmenter({ spec: { fillMode: c.fillMode }, kerasCompat: false });
    const { image, expected } = load(c);
    const out = await aug.apply(image, c.params);
    expect(stats(out.data as Uint8Array, expected).mean).toBeGreaterThan(3);
    await aug.close();
  });
});
