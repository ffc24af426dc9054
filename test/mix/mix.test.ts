/**
 * MixUp / CutMix (issue 11 part 2) through the built package: torchvision v2 semantics against goldens
 * written by test/goldens/mix/gen.py (torch: pixels, box formula, label mixing; scipy: the Beta CDF),
 * λ ~ Beta(α, α) by a KS test over 10,000 draws, CutMix's λ = the kept area exactly, labels, replay
 * (bytes and labels), inline = 2 workers, fromDirectory batches, and typed errors naming the field.
 */
// The app's own tfjs backend: tensor outputs are made on it.
import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { pkg } from '../api/helpers.js';
import { loadGoldens } from '../ops/golden.js';
import { betainc } from '../../src/drift/stats/special.js';
import type { RawImage } from '../../src/types.js';

const sdk = await pkg();
const { createAugmenter, mixOf, mixLabel, getOp, EdgeAugmentError, fromDirectory } = sdk;
const G = JSON.parse(readFileSync(new URL('../goldens/mix/index.json', import.meta.url), 'utf8'));
const photos = loadGoldens('basic').inputs;
const open: { close(): Promise<void> }[] = [];
afterAll(async () => { await Promise.all(open.map((a) => a.close())); });

const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const bytes = (x: { data: Uint8Array }) => Buffer.from(x.data.buffer, x.data.byteOffset, x.data.byteLength);
const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
const rgb = photos.filter((p) => p.channels === 3);
const grey = photos.find((p) => p.channels === 1)!;
const invert = (img: RawImage): RawImage => ({ ...img, data: img.data.map((v) => 255 - v) });

async function aug(o: Parameters<typeof createAugmenter>[0]) {
  const a = await createAugmenter(o as never);
  open.push(a);
  return a as unknown as import('../../src/client/augmenter.js').Augmenter<import('../../src/ops/core/types.js').AppliedOp[]>;
}

async function rejectsWith(p: Promise<unknown> | (() => unknown), code: string, field: RegExp): Promise<void> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(EdgeAugmentError);
    expect((e as InstanceType<typeof EdgeAugmentError>).code).toBe(code);
    expect((e as Error).message).toMatch(field);
    return;
  }
  throw new Error(`expected ${code} matching ${field}`);
}

/** One-sample Kolmogorov–Smirnov statistic against a CDF. */
function ksStat(xs: number[], cdf: (x: number) => number): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  let d = 0;
  s.forEach((x, i) => { const f = cdf(x); d = Math.max(d, (i + 1) / n - f, f - i / n); });
  return d;
}

describe('MixUp / CutMix vs torchvision v2 (goldens from test/goldens/mix/gen.py)', () => {
  it("the Beta CDF used below is scipy's betainc", () => {
    for (const c of G.betainc) expect(betainc(c.a, c.a, c.x)).toBeCloseTo(c.cdf, 12);
  });

  it('MixUp pixels: round_half_even(f32(b·(1 − λ)) + f32(a·λ)) equals torch on float32 images, incl. ties, grey and RGBA', async () => {
    const a = await aug({ pipeline: [{ op: 'mixUp' }] });
    for (const c of G.mixup) {
      const img = (d: string): RawImage => ({ data: b64(d), width: c.width, height: c.height, channels: c.channels });
      const params = [{ op: 'mixUp', path: 'mixUp#0', params: { lambda: c.lambda, partnerIndex: 1, partnerSource: 1, partnerOps: [] } }];
      expect(bytes(await a.apply(img(c.a), params, { partner: img(c.b) })).equals(Buffer.from(b64(c.out))), `λ=${c.lambda}`).toBe(true);
      // The other item of torch's batch: b with partner a, weight λ.
      expect(bytes(await a.apply(img(c.b), params, { partner: img(c.a) })).equals(Buffer.from(b64(c.outB)))).toBe(true);
    }
  });

  it('MixUp pixels over all 65,536 byte pairs equal the formula the goldens confirm (ties to even), for several λ', async () => {
    const a = await aug({ pipeline: [{ op: 'mixUp' }] });
    const x = new Uint8Array(65536), y = new Uint8Array(65536);
    for (let i = 0; i < 65536; i++) { x[i] = i >> 8; y[i] = i & 255; }
    const rhe = (v: number) => { const r = Math.round(v); return r - v === 0.5 && (r & 1) === 1 ? r - 1 : r; };
    for (const lambda of [0.5, 0.25, 0.75, 0.1, 0.123456789, 0.9999, 1e-7, 0, 1]) {
      const params = [{ op: 'mixUp', path: 'mixUp#0', params: { lambda, partnerIndex: 1, partnerSource: 1, partnerOps: [] } }];
      const out = await a.apply({ data: x, width: 256, height: 256, channels: 1 }, params, { partner: { data: y, width: 256, height: 256, channels: 1 } });
      const lf = Math.fround(lambda), rf = Math.fround(1 - lambda);
      let bad = 0;
      for (let i = 0; i < 65536; i++) if (out.data[i] !== rhe(Math.fround(Math.fround(y[i]! * rf) + Math.fround(x[i]! * lf)))) bad++;
      expect(bad, `λ=${lambda}`).toBe(0);
    }
  });

  it('CutMix pixels: the box pasted from the partner, exactly as torch slicing', async () => {
    const a = await aug({ pipeline: [{ op: 'cutMix' }] });
    for (const c of G.cutmix) {
      const img = (d: string): RawImage => ({ data: b64(d), width: c.width, height: c.height, channels: c.channels });
      const params = [{ op: 'cutMix', path: 'cutMix#0', params: { box: c.box, lambda: c.lambda, partnerIndex: 1, partnerSource: 1, partnerOps: [] } }];
      expect(bytes(await a.apply(img(c.a), params, { partner: img(c.b) })).equals(Buffer.from(b64(c.out)))).toBe(true);
    }
  });

  it("CutMix's box and adjusted λ follow torchvision's _get_params for scripted draws (λ, r_x, r_y)", () => {
    const def = getOp('cutMix')!;
    for (const c of G.cutbox) {
      // A scripted stream: beta() → λ, intIn(0, W − 1) → r_x, then r_y (torchvision's order).
      const ints = [c.rx, c.ry];
      const rng = { beta: () => c.lambda, intIn: () => ints.shift()! } as never;
      const p = def.sample!({ alpha: 1, numClasses: null }, rng, { width: c.width, height: c.height, channels: 3 }) as { box: number[]; lambda: number; lambdaSampled: number };
      expect(p.box).toEqual(c.box);
      expect(p.lambda).toBe(c.lambdaAdjusted);
      expect(p.lambdaSampled).toBe(c.lambda);
    }
  });

  it("labels are mixed as torchvision's _mixup_label (float32 there, float64 here)", async () => {
    const { label: L } = G;
    const rows = L.classes.map((k: number) => Array.from({ length: L.numClasses }, (_, j) => (j === k ? 1 : 0)));
    L.classes.forEach((_: number, i: number) => {
      const params = [{ op: 'mixUp', path: 'mixUp#0', params: { lambda: L.lambda, partnerIndex: 0, partnerSource: (i + 2) % 3, partnerOps: [] } }];
      const got = mixLabel(params, rows[i], rows[(i + 2) % 3]);
      got.forEach((v, j) => expect(v).toBeCloseTo(L.mixed[i][j], 7));
    });
  });
});

describe('λ ~ Beta(α, α): KS over 10,000 draws', () => {
  const N = 10_000;
  const crit = 1.949 / Math.sqrt(N); // KS critical value at significance 0.001
  for (const alpha of [0.2, 1, 2.5]) {
    it(`α = ${alpha}: mixUp's λ and cutMix's draw pass, and the test rejects Beta(2α, 2α)`, async () => {
      for (const op of ['mixUp', 'cutMix'] as const) {
        const a = await aug({ pipeline: [{ op: 'hflip', p: 0.5 }, { op, alpha }], seed: 1234 });
        const lam = Array.from({ length: N }, (_, i) => {
          const m = mixOf(a.paramsFor(i, 64, 48))!;
          return (op === 'mixUp' ? m.params.lambda : m.params.lambdaSampled) as number;
        });
        const d = ksStat(lam, (x) => betainc(alpha, alpha, x));
        expect(d, `${op} α=${alpha} D=${d}`).toBeLessThan(crit);
        expect(ksStat(lam, (x) => betainc(2 * alpha, 2 * alpha, x)), 'the KS test has power').toBeGreaterThan(crit);
        const mean = sum(lam) / N;
        expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
      }
    });
  }
});

describe('mixing a batch', () => {
  it("CutMix's λ is exactly the fraction of pixels kept (counted against the box), over 200 outputs", async () => {
    const a = await aug({ pipeline: [{ op: 'cutMix', alpha: 0.7 }], seed: 3 });
    const base = rgb[0]!;
    const images = Array.from({ length: 200 }, (_, i) => (i % 2 ? invert(base) : base)); // every byte differs from its partner
    const { items } = await a.augmentBatch(images, { labels: images.map((_, i) => i % 2), numClasses: 2 });
    let pasted = 0;
    for (const it of items) {
      const m = mixOf(it.params)!;
      const [x1, y1, x2, y2] = m.params.box as number[];
      const src = images[it.source]!;
      const W = src.width, H = src.height, C = src.channels;
      let changed = 0, outside = 0;
      for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
        let diff = false;
        for (let c = 0; c < C; c++) if (it.image.data[(y * W + x) * C + c] !== src.data[(y * W + x) * C + c]) diff = true;
        if (!diff) continue;
        changed++;
        if (x < x1! || x >= x2! || y < y1! || y >= y2!) outside++;
      }
      expect(outside).toBe(0);
      expect(changed).toBe((x2! - x1!) * (y2! - y1!));
      expect(m.params.lambda).toBe(1 - changed / (W * H));
      // label: λ on its own class, 1 − λ on the partner's (the other class).
      expect(it.label![it.source % 2]).toBeCloseTo(m.params.lambda as number, 15);
      if (changed) pasted++;
    }
    expect(pasted).toBeGreaterThan(150);
  });

  it('labels sum to 1 per output (class ids and one-hot rows); soft rows keep their sums; the partner is the previous output', async () => {
    const pipe = [{ op: 'randomResizedCrop', size: 32 }, { op: 'oneOf', ops: [{ op: 'mixUp', alpha: 0.4 }, { op: 'cutMix' }] }];
    const a = await aug({ pipeline: pipe, seed: 9 });
    const images = [rgb[0]!, rgb[1]!, rgb[2]!, invert(rgb[1]!), rgb[0]!];
    const ids = [0, 3, 1, 2, 3];
    const r = await a.augmentBatch(images, { labels: ids, numClasses: 4, variants: 3 });
    expect(r.items).toHaveLength(15);
    const seen = new Set<string>();
    r.items.forEach((it, q) => {
      expect(Math.abs(sum(it.label!) - 1)).toBeLessThan(1e-12);
      const m = mixOf(it.params)!;
      seen.add(m.op);
      const prev = r.items[(q + r.items.length - 1) % r.items.length]!;
      expect([m.params.partnerIndex, m.params.partnerSource]).toEqual([prev.index, prev.source]);
      const lam = m.params.lambda as number;
      const want = Array.from({ length: 4 }, (_, k) => (k === ids[it.source] ? lam : 0) + (k === ids[prev.source] ? 1 - lam : 0));
      it.label!.forEach((v, k) => expect(v).toBeCloseTo(want[k]!, 14));
    });
    expect([...seen].sort()).toEqual(['cutMix', 'mixUp']);
    const rows = ids.map((k) => Array.from({ length: 4 }, (_, j) => (j === k ? 1 : 0)));
    const r2 = await a.augmentBatch(images, { labels: rows, variants: 3 });
    expect(r2.items.map((i) => i.label)).toEqual(r.items.map((i) => i.label));
    const soft = images.map((_, i) => [0.5, 0.25 * i, 0.1, 2]);
    const r3 = await a.augmentBatch(images, { labels: soft });
    for (const it of r3.items) {
      const prev = soft[mixOf(it.params)!.params.partnerSource as number]!;
      const lam = mixOf(it.params)!.params.lambda as number;
      expect(sum(it.label!)).toBeCloseTo(lam * sum(soft[it.source]!) + (1 - lam) * sum(prev), 12);
    }
  });

  it("errors: 'collect': the roll runs over the valid images only (a bad image is reported, never a partner)", async () => {
    const a = await aug({ pipeline: [{ op: 'randomResizedCrop', size: 16 }, { op: 'mixUp' }], seed: 8 });
    const bad = { data: new Uint8Array(5), width: 4, height: 4, channels: 3 } as RawImage;
    const r = await a.augmentBatch([rgb[0]!, bad, rgb[1]!], { labels: [0, 1, 2], numClasses: 3, errors: 'collect' });
    expect(r.failures.map((f) => f.source)).toEqual([1]);
    expect(r.items.map((i) => [i.source, mixOf(i.params)!.params.partnerSource])).toEqual([[0, 2], [2, 0]]);
    for (const it of r.items) expect(it.label![1]).toBe(0);
  });

  it('without a mix op labels pass through (one-hot); a skipped mix node (p) keeps the own label and the prefix pixels', async () => {
    const a = await aug({ pipeline: [{ op: 'hflip' }], seed: 1 });
    const r = await a.augmentBatch(rgb.slice(0, 3), { labels: [2, 0, 1], numClasses: 3 });
    expect(r.items.map((i) => i.label)).toEqual([[0, 0, 1], [1, 0, 0], [0, 1, 0]]);
    const b = await aug({ pipeline: [{ op: 'resize', size: [20, 30] }, { op: 'hflip' }, { op: 'mixUp', p: 0.5 }], seed: 1 });
    const r2 = await b.augmentBatch(rgb.slice(0, 3), { labels: [2, 0, 1], numClasses: 3, variants: 8 });
    const skipped = r2.items.filter((i) => !mixOf(i.params));
    expect(skipped.length).toBeGreaterThan(2);
    expect(skipped.length).toBeLessThan(22);
    const flipped = await (await aug({ pipeline: [{ op: 'resize', size: [20, 30] }, { op: 'hflip' }] })).augmentBatch(rgb.slice(0, 3));
    for (const it of skipped) {
      expect(it.label).toEqual([[0, 0, 1], [1, 0, 0], [0, 1, 0]][it.source]);
      expect(bytes(it.image).equals(bytes(flipped.items[it.source]!.image))).toBe(true);
    }
  });

  it('grey images mix too; float32 and tensor outputs carry the labels (tensor: number[][] in tensor order)', async () => {
    const g2 = { ...grey, data: grey.data.map((v) => (v * 3) % 256) };
    const a = await aug({ pipeline: [{ op: 'mixUp' }], seed: 4, rescale: 1 / 255 });
    const raw = await a.augmentBatch([grey, g2], { labels: [0, 1], numClasses: 2 });
    expect(raw.items[0]!.image.channels).toBe(1);
    const t = await a.augmentBatch([grey, g2], { labels: [0, 1], numClasses: 2, output: 'tensor' });
    expect(t.labels).toEqual(raw.items.map((i) => i.label));
    const f = await a.augmentBatch([grey, g2], { labels: [0, 1], numClasses: 2, output: 'float32' });
    expect(f.items.map((i) => i.label)).toEqual(t.labels);
    expect(Array.from(f.items[1]!.data.subarray(0, 50))).toEqual(Array.from(raw.items[1]!.image.data.subarray(0, 50), (v) => Math.fround(v * (1 / 255))));
    t.tensor.dispose();
  });
});

describe('reproducible: replay and workers', () => {
  const PIPE = [{ op: 'randomResizedCrop', size: [24, 32] }, { op: 'hflip', p: 0.5 }, { op: 'colorJitter', brightness: 0.3 }, { op: 'oneOf', ops: [{ op: 'mixUp', alpha: 0.3 }, { op: 'cutMix', alpha: 1 }] }];
  const images = [rgb[0]!, rgb[1]!, rgb[2]!, invert(rgb[0]!), invert(rgb[2]!)];
  const labels = [1, 0, 2, 2, 1];

  it('inline and 2 workers (small tasks: partners cross task boundaries) give identical bytes, labels and params', async () => {
    const inline = await aug({ pipeline: PIPE, seed: 77 });
    const pool = await aug({ pipeline: PIPE, seed: 77, workers: 2 });
    const x = await inline.augmentBatch(images, { labels, numClasses: 3, variants: 2 });
    for (const chunkSize of [1, 2]) {
      const y = await pool.augmentBatch(images, { labels, numClasses: 3, variants: 2, chunkSize, transfer: true });
      expect(y.items.map((i) => bytes(i.image).toString('base64'))).toEqual(x.items.map((i) => bytes(i.image).toString('base64')));
      expect(y.items.map((i) => i.label)).toEqual(x.items.map((i) => i.label));
      expect(JSON.stringify(y.items.map((i) => i.params))).toBe(JSON.stringify(x.items.map((i) => i.params)));
    }
    // transfer: true is ignored when mixing (partners read other tasks' sources): the inputs are intact.
    expect(images.every((im) => im.data.byteLength === im.width * im.height * im.channels)).toBe(true);
    const v1 = await inline.augment(images[0]!, { variants: 4 });
    const v2 = await pool.augment(images[0]!, { variants: 4 });
    expect(v2.map((o) => bytes(o.image).toString('base64'))).toEqual(v1.map((o) => bytes(o.image).toString('base64')));
    expect(v1.map((o) => mixOf(o.params)!.params.partnerIndex)).toEqual([3, 0, 1, 2]);
  });

  it('apply(image, params, { partner }) replays every output byte for byte (inline and workers, JSON params); mixLabel replays its label', async () => {
    const inline = await aug({ pipeline: PIPE, seed: 5 });
    const pool = await aug({ pipeline: PIPE, seed: 5, workers: 2 });
    const { items } = await inline.augmentBatch(images, { labels, numClasses: 3 });
    const rows = labels.map((k) => [0, 1, 2].map((j) => (j === k ? 1 : 0)));
    for (const [k, it] of items.entries()) {
      const params = JSON.parse(JSON.stringify(it.params));
      const m = mixOf(params)!;
      const partner = images[m.params.partnerSource as number]!;
      const r = await (k % 2 ? pool : inline).apply(images[it.source]!, params, { partner });
      expect(bytes(r).equals(bytes(it.image))).toBe(true);
      expect(mixLabel(params, rows[it.source]!, rows[m.params.partnerSource as number]!)).toEqual(it.label);
    }
  });

  it('fromDirectory: a mixing pipeline mixes each batch with categorical labels (rows sum to 1), reproducibly', async () => {
    const DATASET = new URL('../fixtures/io/dataset/', import.meta.url).pathname;
    const opts = { targetSize: [8, 8] as [number, number], batchSize: 4, pipeline: [{ op: 'cutMix' }], seed: 3, extensions: ['png', 'jpg', 'jpeg', 'bmp'] };
    const run = async () => {
      const ds = await fromDirectory(DATASET, opts);
      const out: { x: number[]; y: number[][]; p: unknown }[] = [];
      for await (const b of ds) {
        out.push({ x: Array.from(b.images.dataSync()), y: b.labels!.arraySync() as number[][], p: b.params });
        b.images.dispose();
        b.labels!.dispose();
      }
      await ds.close();
      return out;
    };
    const a = await run();
    expect(a.length).toBeGreaterThan(1);
    let mixed = 0;
    for (const b of a) for (const [k, row] of b.y.entries()) {
      expect(Math.abs(sum(row) - 1)).toBeLessThan(1e-6);
      const m = mixOf((b.p as never[])[k])!;
      expect(m.op).toBe('cutMix');
      if ((m.params.lambda as number) < 1 && row.filter((v) => v > 0).length === 2) mixed++;
    }
    expect(mixed).toBeGreaterThan(0);
    expect(await run()).toEqual(a);
    await rejectsWith(fromDirectory(DATASET, { ...opts, classMode: 'sparse' }), 'INVALID_ARGUMENT', /classMode: 'sparse'/);
  });
});

describe('bad input → typed errors naming the field', () => {
  it('labels length, class ids, rows, numClasses, indices', async () => {
    const a = await aug({ pipeline: [{ op: 'randomResizedCrop', size: 16 }, { op: 'mixUp' }] });
    const imgs = rgb.slice(0, 3);
    await rejectsWith(a.augmentBatch(imgs, { labels: [0, 1], numClasses: 2 }), 'INVALID_ARGUMENT', /^labels: 2 labels for 3 images/);
    await rejectsWith(a.augmentBatch(imgs, { labels: [0, 1, 5], numClasses: 5 }), 'INVALID_ARGUMENT', /^labels\[2\]: got 5; allowed: a class id, an integer from 0 to 4/);
    await rejectsWith(a.augmentBatch(imgs, { labels: [0, 1.5, 1], numClasses: 3 }), 'INVALID_ARGUMENT', /^labels\[1\]/);
    await rejectsWith(a.augmentBatch(imgs, { labels: [0, 1, 2] }), 'INVALID_ARGUMENT', /^numClasses: required/);
    await rejectsWith(a.augmentBatch(imgs, { labels: [[1, 0], [0, 1], [1, 0, 0]] }), 'INVALID_ARGUMENT', /^labels\[2\]/);
    await rejectsWith(a.augmentBatch(imgs, { labels: [[1, 0], [0, 1], [1, NaN]] }), 'INVALID_ARGUMENT', /^labels\[2\]/);
    await rejectsWith(a.augmentBatch(imgs, { numClasses: 3 }), 'INVALID_ARGUMENT', /^numClasses: goes with labels/);
    await rejectsWith(a.augmentBatch(imgs, { indices: [1, 2] }), 'INVALID_ARGUMENT', /^indices/);
    // The mix op's numClasses is the default.
    const b = await aug({ pipeline: [{ op: 'randomResizedCrop', size: 16 }, { op: 'cutMix', numClasses: 4 }] });
    expect((await b.augmentBatch(imgs, { labels: [3, 0, 1] })).items[0]!.label).toHaveLength(4);
  });

  it('mix op not last, nested, alpha ≤ 0 → INVALID_SPEC naming the node/field', async () => {
    await rejectsWith(createAugmenter({ pipeline: [{ op: 'mixUp' }, { op: 'hflip' }] }), 'INVALID_SPEC', /^pipeline\[0\]: mixUp must be the last op/);
    await rejectsWith(createAugmenter({ pipeline: [{ op: 'someOf', n: 1, ops: [{ op: 'cutMix' }, { op: 'hflip' }] }] }), 'INVALID_SPEC', /^pipeline\[0\]: mixUp\/cutMix must be the last op.*inside someOf/);
    await rejectsWith(createAugmenter({ pipeline: [{ op: 'oneOf', ops: [{ op: 'cutMix' }, { op: 'hflip' }] }] }), 'INVALID_SPEC', /^pipeline\[0\]/);
    await rejectsWith(createAugmenter({ pipeline: [{ op: 'mixUp', alpha: 0 }] }), 'INVALID_SPEC', /mixUp\)\.alpha: got 0/);
    await rejectsWith(createAugmenter({ pipeline: [{ op: 'cutMix', alpha: -1 }] }), 'INVALID_SPEC', /cutMix\)\.alpha: got -1/);
  });

  it('partners of different sizes, replay without a partner, and tampered params are typed errors', async () => {
    const a = await aug({ pipeline: [{ op: 'hflip' }, { op: 'mixUp' }], seed: 2 });
    const [p, q] = [rgb[0]!, rgb.find((x) => x.width !== rgb[0]!.width || x.height !== rgb[0]!.height)!];
    await rejectsWith(a.augmentBatch([p, q]), 'INVALID_ARGUMENT', /mixUp: item \d is \d+×\d+×3 after the ops before mixUp, its partner \(item \d, images\[\d\]\) is \d+×\d+×3; mixUp mixes images of one size/);
    const w = await aug({ pipeline: [{ op: 'hflip' }, { op: 'mixUp' }], seed: 2, workers: 1 });
    await rejectsWith(w.augmentBatch([p, q]), 'INVALID_ARGUMENT', /mixUp: item \d is/);
    const c = await aug({ pipeline: [{ op: 'cutMix' }], seed: 2 });
    const { items } = await c.augmentBatch([p, invert(p)]);
    await rejectsWith(c.apply(p, items[0]!.params), 'INVALID_ARGUMENT', /partner/);
    const bad = JSON.parse(JSON.stringify(items[0]!.params));
    bad[0].params.lambda = 0.5;
    await rejectsWith(c.apply(p, bad, { partner: invert(p) }), 'INVALID_PARAMS', /params\[0\]\(cutMix\)\.lambda/);
    bad[0].params.box = [0, 0, p.width + 1, 1];
    await rejectsWith(c.apply(p, bad, { partner: invert(p) }), 'INVALID_PARAMS', /params\[0\]\(cutMix\)\.box/);
  });
});
