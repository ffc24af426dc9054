/**
 * The op pipeline as a user meets it: createAugmenter({ pipeline }) from the built package — JSON round
 * trip, typed errors naming the op/field, per-op streams, replay, inline = workers, concurrent seeds.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DIST } from '../api/helpers.js';
import { loadGoldens } from './golden.js';

const sdk = (await import(DIST.href)) as typeof import('../../src/index.js');
const { createAugmenter, compilePipeline, pipelineToJSON, EdgeAugmentError } = sdk;
const photos = loadGoldens('basic').inputs;
const open: { close(): Promise<void> }[] = [];
afterAll(async () => { await Promise.all(open.map((a) => a.close())); });

const PIPE = [
  { op: 'hflip', p: 0.5 },
  { op: 'rot90' },
  { op: 'oneOf', ops: [{ op: 'invert' }, { op: 'vflip' }, { op: 'transpose' }], weights: [1, 2, 1] },
  { op: 'someOf', n: [0, 2], ops: [{ op: 'invert' }, { op: 'hflip' }, { op: 'vflip' }] },
];

const bytes = (x: { data: Uint8Array }) => Buffer.from(x.data.buffer, x.data.byteOffset, x.data.byteLength);

function codeOf(f: () => unknown): string | undefined {
  try { f(); } catch (e) { return e instanceof EdgeAugmentError ? e.code : `untyped: ${String(e)}`; }
  return undefined;
}

describe('pipeline specs', () => {
  it('an unknown op is an INVALID_SPEC that names it and the closest known op', async () => {
    await expect(createAugmenter({ pipeline: [{ op: 'rot90' }, { op: 'Invert' }] })).rejects.toMatchObject({ code: 'INVALID_SPEC', message: expect.stringMatching(/pipeline\[1\]\.op: unknown op 'Invert' \(did you mean 'invert'\?\)/) });
  });
  it('unknown options, bad values, bad p, bad ids and empty lists are typed errors naming the field', () => {
    expect(codeOf(() => compilePipeline([{ op: 'rot90', kk: 1 }]))).toBe('INVALID_SPEC');
    expect(() => compilePipeline([{ op: 'rot90', kk: 1 }])).toThrow(/pipeline\[0\]\(rot90\)\.kk: unknown option; allowed: k/);
    expect(() => compilePipeline([{ op: 'rot90', k: [3, 1] }])).toThrow(/rot90\)\.k: got \[3,1\]/);
    expect(() => compilePipeline([{ op: 'hflip', p: 1.5 }])).toThrow(/pipeline\[0\]\.p: got 1\.5/);
    expect(() => compilePipeline([{ op: 'oneOf', ops: [] }])).toThrow(/oneOf\)\.ops/);
    expect(() => compilePipeline([{ op: 'oneOf', ops: [{ op: 'nope' }] }])).toThrow(/pipeline\[0\]\.ops\[0\]\.op: unknown op 'nope'/);
    expect(() => compilePipeline([{ op: 'hflip', id: 'a' }, { op: 'vflip', id: 'a' }])).toThrow(/'a' is used twice/);
    expect(codeOf(() => compilePipeline([]))).toBe('INVALID_SPEC');
    expect(codeOf(() => compilePipeline([{ op: 'rot90', k: 10n }]))).toBe('INVALID_SPEC');
    const cyclic: Record<string, unknown> = { op: 'rot90' };
    cyclic.k = cyclic;
    expect(codeOf(() => compilePipeline([cyclic]))).toBe('INVALID_SPEC');
    let deep: unknown = { op: 'hflip' };
    for (let i = 0; i < 40; i++) deep = { op: 'compose', ops: [deep] };
    expect(codeOf(() => compilePipeline([deep]))).toBe('INVALID_SPEC');
  });
  it('toJSON fills defaults and compiles back to the same JSON', () => {
    const json = pipelineToJSON(compilePipeline(PIPE));
    expect(json[1]).toEqual({ op: 'rot90', k: [0, 3] });
    expect(pipelineToJSON(compilePipeline(JSON.parse(JSON.stringify(json))))).toEqual(json);
  });
});

describe('pipeline outputs', () => {
  it('fromJSON(toJSON(p)) gives byte-identical outputs; every output replays byte for byte', async () => {
    const a = await createAugmenter({ pipeline: PIPE, seed: 11 });
    const b = await createAugmenter(JSON.parse(JSON.stringify(a.toJSON())));
    open.push(a, b);
    const img = photos[0]!;
    const x = await a.augment(img, { variants: 12 });
    const y = await b.augment(img, { variants: 12 });
    expect(x.map((o) => bytes(o.image).toString('base64'))).toEqual(y.map((o) => bytes(o.image).toString('base64')));
    expect(new Set(x.map((o) => JSON.stringify(o.params))).size).toBeGreaterThan(4);
    for (const o of x) {
      const r = await a.apply(img, JSON.parse(JSON.stringify(o.params)));
      expect([r.width, r.height]).toEqual([o.image.width, o.image.height]);
      expect(bytes(r).equals(bytes(o.image))).toBe(true);
    }
  });
  it('a node keeps its draws when other ops are inserted before it or removed', async () => {
    const a = await createAugmenter({ pipeline: [{ op: 'rot90' }], seed: 5 });
    const b = await createAugmenter({ pipeline: [{ op: 'invert', p: 0.5 }, { op: 'vflip' }, { op: 'rot90' }], seed: 5 });
    open.push(a, b);
    for (let i = 0; i < 20; i++) {
      const ka = a.paramsFor(i, 10, 10).find((o) => o.op === 'rot90')!.params.k;
      const kb = b.paramsFor(i, 10, 10).find((o) => o.op === 'rot90')!.params.k;
      expect(kb).toBe(ka);
    }
  });
  it('p is honoured: hflip with p = 0.3 runs in ~30 % of 2,000 outputs', async () => {
    const a = await createAugmenter({ pipeline: [{ op: 'hflip', p: 0.3 }], seed: 1 });
    open.push(a);
    let n = 0;
    for (let i = 0; i < 2000; i++) if (a.paramsFor(i, 8, 8).length) n++;
    // Binomial(2000, 0.3): sd ≈ 20.5; 4 sd.
    expect(Math.abs(n - 600)).toBeLessThan(82);
  });
  it('outputs of different sizes (rot90 on non-square) carry their own size; 2 workers equal inline', async () => {
    const inline = await createAugmenter({ pipeline: PIPE, seed: 3 });
    const pool = await createAugmenter({ pipeline: PIPE, seed: 3, workers: 2 });
    open.push(inline, pool);
    const imgs = photos;
    const x = await inline.augmentBatch(imgs, { variants: 3 });
    const y = await pool.augmentBatch(imgs, { variants: 3, chunkSize: 1 });
    expect(x.items.length).toBe(15);
    expect(new Set(x.items.map((o) => `${o.image.width}x${o.image.height}`)).size).toBeGreaterThan(5);
    x.items.forEach((o, k) => {
      const p = y.items[k]!;
      expect([p.image.width, p.image.height, p.image.channels]).toEqual([o.image.width, o.image.height, o.image.channels]);
      expect(p.params).toEqual(o.params);
      expect(bytes(p.image).equals(bytes(o.image))).toBe(true);
      expect(o.image.data.length).toBe(o.image.width * o.image.height * o.image.channels);
    });
  });
  it('a one-op imageDataGenerator pipeline is the Keras path: same bytes and params as { spec }', async () => {
    const spec = { rotationRange: 40, widthShiftRange: 0.2, zoomRange: 0.2, horizontalFlip: true, channelShiftRange: 20, brightnessRange: [0.7, 1.3] as [number, number] };
    const a = await createAugmenter({ pipeline: [{ op: 'imageDataGenerator', ...spec }], seed: 9 });
    const b = await createAugmenter({ spec, seed: 9 });
    // The same op inside a longer pipeline runs through the stage executor: the same bytes too.
    const c = await createAugmenter({ pipeline: [{ op: 'imageDataGenerator', ...spec }, { op: 'invert', p: 0 }], seed: 9 });
    open.push(a, b, c);
    const img = photos[1]!;
    const x = await a.augment(img, { variants: 6 });
    const y = await b.augment(img, { variants: 6 });
    const z = await c.augment(img, { variants: 6 });
    x.forEach((o, k) => {
      expect(bytes(o.image).equals(bytes(y[k]!.image))).toBe(true);
      expect(bytes(z[k]!.image).equals(bytes(y[k]!.image))).toBe(true);
      expect(o.params).toEqual(y[k]!.params);
      expect(z[k]!.params[0]!.params).toMatchObject(y[k]!.params as object);
    });
  });
});

describe('per-call seeds are task data (issue 13 fuzz finding)', () => {
  for (const workers of [0, 2]) {
    it(`50 concurrent calls mixing per-call and default seeds equal the same calls run one by one (workers: ${workers})`, async () => {
      const aug = await createAugmenter({ spec: { rotationRange: 30, horizontalFlip: true, zoomRange: 0.2 }, seed: 4, workers });
      open.push(aug);
      const imgs = photos.slice(0, 3);
      const calls = Array.from({ length: 50 }, (_, k) => ({ seed: k % 3 === 0 ? undefined : k % 5, startIndex: k * 7, chunkSize: 1 + (k % 2) }));
      const run = (c: (typeof calls)[number]) => aug.augmentBatch(imgs, { variants: 2, ...c, ...(c.seed === undefined ? { onProgress: () => undefined } : {}) });
      const together = await Promise.all(calls.map(run));
      for (let k = 0; k < calls.length; k++) {
        const alone = await run(calls[k]!);
        expect(together[k]!.items.map((o) => o.params)).toEqual(alone.items.map((o) => o.params));
        together[k]!.items.forEach((o, v) => expect(bytes(o.image).equals(bytes(alone.items[v]!.image))).toBe(true));
      }
    });
  }
});

describe('pipeline float outputs', () => {
  it("tensor output = u8 × rescale, then (x − mean) / std per channel (torchvision's ToTensor + Normalize)", async () => {
    const mean = [0.485, 0.456, 0.406], std = [0.229, 0.224, 0.225];
    const aug = await createAugmenter({ pipeline: [{ op: 'hflip' }], seed: 1, rescale: 1 / 255, normalize: { mean, std } });
    open.push(aug);
    const img = photos[0]!;
    const raw = await aug.augmentBatch([img]);
    const f = await aug.augmentBatch([img], { output: 'float32' });
    const u8 = raw.items[0]!.image.data;
    const x = f.items[0]!.data;
    expect(x.length).toBe(u8.length);
    for (let i = 0; i < u8.length; i += 97) expect(x[i]).toBeCloseTo((u8[i]! / 255 - mean[i % 3]!) / std[i % 3]!, 5);
    await expect(createAugmenter({ pipeline: [{ op: 'hflip' }], normalize: { mean: [0.5], std: [0] } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(createAugmenter({ spec: {}, rescale: 0.5 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
