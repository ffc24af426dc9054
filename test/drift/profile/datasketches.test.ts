/**
 * Wire compatibility with Apache DataSketches, against goldens made by datasketches-cpp
 * (test/goldens/datasketches: harness.cpp, build.sh, generate.mjs, cases.mjs). No C++ at test time.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { KllSketch, kllNormalizedRankError } from '../../../src/drift/sketch/kll';
import { FrequentItems } from '../../../src/drift/sketch/frequent';
import { HllSketch } from '../../../src/drift/sketch/hll';
import { EdgeAugmentError } from '../../../src/errors';
// @ts-expect-error plain JS module shared with the generator
import * as C from '../../goldens/datasketches/cases.mjs';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const G: any = JSON.parse(readFileSync(new URL('../../goldens/datasketches/goldens.json', import.meta.url), 'utf8'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const unhex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));
const QS = Array.from({ length: 99 }, (_, i) => ((i + 1) / 100).toFixed(2));
const alternating = (): (() => number) => { let p = 0; return () => { const b = p; p = 1 - p; return b; }; };

function expectKllFacts(s: KllSketch, facts: { n: number; min?: number; max?: number; q: Record<string, number>; rank: [number, number][] }): void {
  expect(s.n).toBe(facts.n);
  if (!facts.n) return;
  expect(s.min).toBe(facts.min);
  expect(s.max).toBe(facts.max);
  for (const q of QS) expect([q, s.quantile(Number(q))]).toEqual([q, facts.q[q]]);
  for (const [x, r] of facts.rank) expect([x, s.cdf(x)]).toEqual([x, r]);
}

function trueCdf(sorted: Float64Array, x: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) { const m = (lo + hi) >>> 1; if (sorted[m] <= x) lo = m + 1; else hi = m; }
  return lo / sorted.length;
}

describe('KLL ↔ datasketches-cpp', () => {
  C.KLL_CASES.forEach((c: { name: string; type: 'double' | 'float'; k: number; parts: object[] }, ci: number) => {
    const g = G.kll[ci];
    const vals: number[][] = c.parts.map(C.kllValues);

    it(`${c.name}: with the library's validation coin, updates and merges give the C++ bytes exactly`, () => {
      expect(g.name).toBe(c.name);
      const coin = alternating();
      const parts = vals.map((v) => { const s = new KllSketch({ k: c.k, itemType: c.type, coin }); v.forEach((x) => s.update(x)); return s; });
      parts.forEach((s, i) => expect(hex(s.toDataSketches())).toBe(g.validation.parts[i]));
      const m = new KllSketch({ k: c.k, itemType: c.type, coin });
      parts.forEach((s) => m.merge(s));
      expect(hex(m.toDataSketches())).toBe(g.validation.merged.hex);
      expectKllFacts(m, g.validation.merged);
    });

    it(`${c.name}: C++-made sketches (random coin) deserialise with identical quantiles, ranks and bytes`, () => {
      g.cpp.parts.forEach((p: { hex: string; n: number; q: Record<string, number>; rank: [number, number][] }) => {
        const s = KllSketch.fromDataSketches(unhex(p.hex));
        expect(s.itemType).toBe(p.n ? c.type : 'double');
        expect(hex(s.toDataSketches())).toBe(p.hex);
        expectKllFacts(s, p);
        // the level structure (not the coin) is deterministic: a JS build has the same header and offsets
      });
      const coinFree = vals.map((v, i) => { const s = new KllSketch({ k: c.k, itemType: c.type, seed: 100 + i }); v.forEach((x) => s.update(x)); return s; });
      coinFree.forEach((s, i) => {
        const mine = hex(s.toDataSketches()), theirs = g.cpp.parts[i].hex as string;
        const headerLen = s.n > 1 ? 2 * (20 + 4 * s.levelCount) : 16;
        expect(mine.slice(0, headerLen)).toBe(theirs.slice(0, headerLen));
        expect(mine.length).toBe(theirs.length);
      });
    });

    it(`${c.name}: JS-made sketches deserialise in C++ with identical quantiles and ranks`, () => {
      vals.forEach((v, i) => {
        const s = new KllSketch({ k: c.k, itemType: c.type, seed: 100 + i });
        v.forEach((x) => s.update(x));
        expect(hex(s.toDataSketches())).toBe(g.js.parts[i]);
        const read = g.js.cppRead[i];
        expect(read.hex).toBe(g.js.parts[i]);
        expectKllFacts(s, read);
      });
    });
  });

  it('200 JS-made device sketches: merged in C++ = merged in JS within the stated bounds', () => {
    const D = C.MANY.devices;
    const all: number[] = [];
    const m = new KllSketch({ k: C.MANY.kll.k });
    for (let d = 0; d < D; d++) {
      const v: number[] = C.manyKll(d);
      all.push(...v);
      const s = new KllSketch({ k: C.MANY.kll.k, seed: d });
      v.forEach((x) => s.update(x));
      m.merge(KllSketch.fromDataSketches(s.toDataSketches()));
    }
    const sorted = Float64Array.from(all).sort();
    const cpp = G.many.kll;
    expect(cpp.n).toBe(all.length);
    expect(m.n).toBe(all.length);
    const epsCpp = kllNormalizedRankError(C.MANY.kll.k); // DataSketches' 99th-percentile bound
    const epsJs = m.rankErrorBound(1e-3, 99 + cpp.rank.length);
    expect(epsJs).toBeLessThan(0.05);
    let worstGap = 0;
    for (const q of QS) {
      const vc = cpp.q[q] as number, vj = m.quantile(Number(q));
      expect(Math.abs(trueCdf(sorted, vc) - Number(q))).toBeLessThanOrEqual(epsCpp + 1 / all.length);
      expect(Math.abs(trueCdf(sorted, vj) - Number(q))).toBeLessThanOrEqual(epsJs + 1 / all.length);
      worstGap = Math.max(worstGap, Math.abs(m.cdf(vc) - cpp.rank.length * 0 - trueCdf(sorted, vc)));
    }
    for (const [x, r] of cpp.rank as [number, number][]) expect(Math.abs(m.cdf(x) - r)).toBeLessThanOrEqual(epsCpp + epsJs);
    expect(worstGap).toBeLessThanOrEqual(epsJs);
  });
});

describe('Frequent items ↔ datasketches-cpp', () => {
  C.FI_CASES.forEach((c: { name: string; lg: number; parts: object[] }, ci: number) => {
    const g = G.fi[ci];
    const items: string[][] = c.parts.map(C.itemValues);

    it(`${c.name}: C++-made sketches deserialise with identical estimates and bounds; a JS build has the same state`, () => {
      g.cpp.parts.forEach((p: { hex: string; total_weight: number; max_error: number; active: number; items: Record<string, [number, number, number]> }, i: number) => {
        const f = FrequentItems.fromDataSketches(unhex(p.hex));
        expect([f.n, f.maxError, f.size]).toEqual([p.total_weight, p.max_error, p.active]);
        for (const [k, [est, lb, ub]] of Object.entries(p.items)) {
          expect([k, f.estimate(k), f.upperBound(k)]).toEqual([k, lb, ub]);
          expect(est).toBe(lb + f.maxError);
        }
        const mine = new FrequentItems({ lgMaxMapSize: c.lg });
        items[i].forEach((x) => mine.update(x));
        expect(mine.toJSON()).toEqual(f.toJSON());
        expect(mine.toDataSketches().length).toBe(unhex(p.hex).length);
      });
    });

    it(`${c.name}: JS-made sketches deserialise in C++ with identical estimates`, () => {
      items.forEach((v, i) => {
        const f = new FrequentItems({ lgMaxMapSize: c.lg });
        v.forEach((x) => f.update(x));
        expect(hex(f.toDataSketches())).toBe(g.js.parts[i]);
        const read = g.js.cppRead[i];
        expect([read.total_weight, read.max_error, read.active]).toEqual([f.n, f.maxError, f.size]);
        for (const [k, [, lb, ub]] of Object.entries(read.items as Record<string, [number, number, number]>)) expect([k, lb, ub]).toEqual([k, f.estimate(k), f.upperBound(k)]);
        expect(Object.keys(read.items).length).toBe(f.size);
      });
    });
  });

  it('200 JS-made device sketches: merged in C++ and in JS both keep lower ≤ true ≤ upper and maxError ≤ ε·n', () => {
    const truth = new Map<string, number>();
    const m = new FrequentItems({ lgMaxMapSize: C.MANY.fi.lg });
    for (let d = 0; d < C.MANY.devices; d++) {
      const f = new FrequentItems({ lgMaxMapSize: C.MANY.fi.lg });
      for (const x of C.manyItems(d) as string[]) { f.update(x); truth.set(x, (truth.get(x) ?? 0) + 1); }
      m.merge(FrequentItems.fromDataSketches(f.toDataSketches()));
    }
    const cpp = G.many.fi;
    const n = [...truth.values()].reduce((a, b) => a + b, 0);
    expect(cpp.total_weight).toBe(n);
    expect(m.n).toBe(n);
    expect(cpp.max_error).toBeLessThanOrEqual(m.epsilon * n);
    expect(m.maxError).toBeLessThanOrEqual(m.epsilon * n);
    for (const [k, t] of truth) {
      const c = cpp.items[k] as [number, number, number] | undefined;
      const [lb, ub] = c ? [c[1], c[2]] : [0, cpp.max_error];
      expect(lb <= t && t <= ub).toBe(true);
      expect(m.estimate(k) <= t && t <= m.upperBound(k)).toBe(true);
    }
    // the heavy hitters agree: every key above both error levels is held by both
    for (const [k, t] of truth) if (t > 2 * Math.max(m.maxError, cpp.max_error)) expect([k, m.estimate(k) > 0, k in cpp.items]).toEqual([k, true, true]);
  });
});

describe('HLL ↔ datasketches-cpp', () => {
  C.HLL_CASES.forEach((c: { name: string; lgK: number; parts: { n: number }[] }, ci: number) => {
    const g = G.hll[ci];
    const items: string[][] = c.parts.map((p) => (p.n ? C.itemValues(p) : []));

    it(`${c.name}: JS updates give the bytes and estimate of hll_sketch(lgK, HLL_8, full size)`, () => {
      const sk = items.map((v) => { const h = new HllSketch({ lgK: c.lgK }); v.forEach((x) => h.update(x)); return h; });
      sk.forEach((h, i) => {
        expect(hex(h.toDataSketches())).toBe(g.full.parts[i].hex);
        expect(h.estimate()).toBe(g.full.parts[i].estimate);
      });
      const m = new HllSketch({ lgK: c.lgK });
      sk.forEach((h) => m.merge(h));
      const cm = HllSketch.fromDataSketches(unhex(g.full.merged.hex));
      expect(hex(m.registers())).toBe(hex(cm.registers()));
      const rse = m.relativeStandardError;
      expect(Math.abs(m.estimate() - g.full.merged.estimate)).toBeLessThanOrEqual(3 * rse * g.full.merged.estimate);
    });

    it(`${c.name}: C++ sketches in every mode and target type deserialise with the C++ estimate`, () => {
      for (const [type, parts] of Object.entries(g.cppDefault as Record<string, { hex: string; estimate: number }[]>)) {
        parts.forEach((p, i) => {
          const h = HllSketch.fromDataSketches(unhex(p.hex));
          const b = unhex(p.hex);
          const mode = b[7] & 3;
          if (mode === 2) expect([type, i, h.estimate()]).toEqual([type, i, p.estimate]);
          else expect(Math.abs(h.estimate() - p.estimate)).toBeLessThanOrEqual(1e-6 * Math.max(1, p.estimate));
          // registers agree with a JS build of the same items
          const mine = new HllSketch({ lgK: c.lgK });
          items[i].forEach((x) => mine.update(x));
          expect(hex(h.registers())).toBe(hex(mine.registers()));
        });
      }
    });

    it(`${c.name}: JS-made sketches deserialise in C++ with identical estimates`, () => {
      items.forEach((v, i) => {
        const h = new HllSketch({ lgK: c.lgK });
        v.forEach((x) => h.update(x));
        expect(hex(h.toDataSketches())).toBe(g.js.parts[i]);
        expect(g.js.cppRead[i].hex).toBe(g.js.parts[i]);
        expect(g.js.cppRead[i].estimate).toBe(h.estimate());
      });
    });
  });

  it('200 JS-made device sketches: union in C++ has the registers of the JS merge; estimates within 3 RSE', () => {
    const truth = new Set<string>();
    const m = new HllSketch({ lgK: C.MANY.hll.lgK });
    for (let d = 0; d < C.MANY.devices; d++) {
      const h = new HllSketch({ lgK: C.MANY.hll.lgK });
      for (const x of C.manyHll(d) as string[]) { h.update(x); truth.add(x); }
      m.merge(HllSketch.fromDataSketches(h.toDataSketches()));
    }
    const cpp = G.many.hll;
    expect(hex(HllSketch.fromDataSketches(unhex(cpp.hex)).registers())).toBe(hex(m.registers()));
    const tol = 3 * m.relativeStandardError * truth.size;
    expect(Math.abs(m.estimate() - truth.size)).toBeLessThanOrEqual(tol);
    expect(Math.abs(cpp.estimate - truth.size)).toBeLessThanOrEqual(tol);
  });
});

describe('hostile DataSketches bytes → EdgeAugmentError INVALID_PROFILE', () => {
  const kll = unhex(G.kll[0].cpp.parts[0].hex), fi = unhex(G.fi[0].cpp.parts[0].hex), hll = unhex(G.hll[0].full.parts[0].hex);
  const hll4 = unhex(G.hll[2].cppDefault.HLL_4[0].hex);
  const readers: [string, Uint8Array, (b: Uint8Array) => unknown][] = [
    ['KLL', kll, (b) => KllSketch.fromDataSketches(b)],
    ['FI', fi, (b) => FrequentItems.fromDataSketches(b)],
    ['HLL', hll, (b) => HllSketch.fromDataSketches(b)],
    ['HLL_4', hll4, (b) => HllSketch.fromDataSketches(b)],
  ];
  const code = (f: () => unknown): string => {
    try { f(); return 'ok'; } catch (e) { return e instanceof EdgeAugmentError ? e.code : `untyped ${(e as Error).name}: ${(e as Error).message}`; }
  };

  it.each(readers)('%s: every truncation is rejected', (_n, bytes, read) => {
    for (let len = 0; len < bytes.length; len++) expect([len, code(() => read(bytes.subarray(0, len)))]).toEqual([len, 'INVALID_PROFILE']);
    expect(code(() => read(bytes))).toBe('ok');
  });

  it.each(readers)('%s: random byte corruptions are either rejected (typed) or read consistently', (_n, bytes, read) => {
    const r = C.rng(99);
    for (let t = 0; t < 400; t++) {
      const b = bytes.slice();
      const flips = 1 + r.int(3);
      for (let j = 0; j < flips; j++) b[r.int(Math.min(b.length, t % 2 ? 64 : b.length))] = r.int(256);
      const c = code(() => {
        const s = read(b) as { toDataSketches(): Uint8Array };
        read(s.toDataSketches()); // whatever is accepted re-serialises to something readable
      });
      expect(['ok', 'INVALID_PROFILE']).toContain(c);
    }
  });

  it('non-bytes and wrong families', () => {
    for (const v of [null, {}, 'abc', 3]) {
      expect(code(() => KllSketch.fromDataSketches(v as never))).toBe('INVALID_PROFILE');
      expect(code(() => FrequentItems.fromDataSketches(v as never))).toBe('INVALID_PROFILE');
      expect(code(() => HllSketch.fromDataSketches(v as never))).toBe('INVALID_PROFILE');
    }
    expect(code(() => KllSketch.fromDataSketches(fi))).toBe('INVALID_PROFILE');
    expect(code(() => FrequentItems.fromDataSketches(hll))).toBe('INVALID_PROFILE');
    expect(code(() => HllSketch.fromDataSketches(kll))).toBe('INVALID_PROFILE');
  });

  it('KLL: reversed level, inconsistent n, offsets, m, k, min/max and NaN are rejected', () => {
    const s = KllSketch.fromDataSketches(kll);
    expect(s.levelCount).toBeGreaterThan(1);
    const dv = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);
    const L = kll[18];
    const itemsAt = 20 + 4 * L + 16; // after min and max (double)
    const off0 = dv(kll).getUint32(20, true), off1 = dv(kll).getUint32(24, true);
    const offs = Array.from({ length: L }, (_, h) => dv(kll).getUint32(20 + 4 * h, true));
    const h2 = offs.findIndex((o, h) => h >= 1 && (h + 1 < L ? offs[h + 1] : Infinity) - o >= 2);
    expect(h2).toBeGreaterThan(0);
    const level1 = itemsAt + 8 * (offs[h2] - off0);
    const mut = (f: (b: Uint8Array, d: DataView) => void): Uint8Array => { const b = kll.slice(); f(b, dv(b)); return b; };
    const bad = {
      reversedLevel: mut((b, d) => { const a = d.getFloat64(level1, true), c = d.getFloat64(level1 + 8, true); expect(c).toBeGreaterThan(a); d.setFloat64(level1, c, true); d.setFloat64(level1 + 8, a, true); }),
      nPlusOne: mut((b, d) => d.setUint32(8, d.getUint32(8, true) + 1, true)),
      m9: mut((b) => { b[6] = 9; }),
      k7: mut((_b, d) => d.setUint16(4, 7, true)),
      minKAboveK: mut((_b, d) => d.setUint16(16, 201, true)),
      offsetsDecreasing: mut((_b, d) => d.setUint32(24, off0 - 1, true)),
      minAboveMax: mut((_b, d) => d.setFloat64(20 + 4 * L, 1e9, true)),
      nanItem: mut((_b, d) => d.setFloat64(itemsAt, NaN, true)),
      levels99: mut((b) => { b[18] = 99; }),
      unknownFlag: mut((b) => { b[3] |= 0x80; }),
      hugeN: mut((_b, d) => d.setUint32(12, 0xffffffff, true)),
    };
    for (const [name, b] of Object.entries(bad)) expect([name, code(() => KllSketch.fromDataSketches(b))]).toEqual([name, 'INVALID_PROFILE']);
  });

  it('FI: inflated offset, duplicate items, bad UTF-8, too many items are rejected', () => {
    const d = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);
    const count = d(fi).getUint32(8, true);
    const mut = (f: (b: Uint8Array, v: DataView) => void): Uint8Array => { const b = fi.slice(); f(b, d(b)); return b; };
    const firstItem = 32 + 8 * count;
    const bad = {
      inflatedOffset: mut((_b, v) => v.setUint32(24, v.getUint32(16, true), true)),
      weightOverN: mut((_b, v) => v.setUint32(32, v.getUint32(16, true) + 1, true)),
      badUtf8: mut((b) => { b[firstItem + 4] = 0xff; }),
      countAboveCapacity: mut((b) => { b[3] = 3; }),
      lgCurAboveMax: mut((b) => { b[4] = b[3] + 1; }),
    };
    for (const [name, b] of Object.entries(bad)) expect([name, code(() => FrequentItems.fromDataSketches(b))]).toEqual([name, 'INVALID_PROFILE']);
    const f = new FrequentItems({ lgMaxMapSize: 4 });
    f.update('a'); f.update('a');
    const two = f.toDataSketches();
    const dup = new Uint8Array([...two.slice(0, 8), 2, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 97, 1, 0, 0, 0, 97]);
    expect(code(() => FrequentItems.fromDataSketches(dup))).toBe('INVALID_PROFILE');
  });

  it('HLL: register values, lgK, HIP and aux tables are checked', () => {
    const mut = (src: Uint8Array, f: (b: Uint8Array, v: DataView) => void): Uint8Array => { const b = src.slice(); f(b, new DataView(b.buffer)); return b; };
    const bad = {
      register64: mut(hll, (b) => { b[40] = 64; }),
      lgK22: mut(hll, (b) => { b[3] = 22; }),
      nanHip: mut(hll, (_b, v) => v.setFloat64(8, NaN, true)),
      hipBelowRegisters: mut(hll, (_b, v) => v.setFloat64(8, 1, true)),
      kxqWrong: mut(hll, (_b, v) => v.setFloat64(16, 1, true)),
      mode3: mut(hll, (b) => { b[7] = 3; }),
      aux: mut(hll4, (_b, v) => v.setUint32(36, v.getUint32(36, true) + 1, true)),
    };
    for (const [name, b] of Object.entries(bad)) expect([name, code(() => HllSketch.fromDataSketches(b))]).toEqual([name, 'INVALID_PROFILE']);
  });
});
