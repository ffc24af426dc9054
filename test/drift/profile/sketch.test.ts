import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KllSketch, kllTypicalRankError } from '../../../src/drift/sketch/kll';
import { FixedHistogram, chooseEdges, nextUp } from '../../../src/drift/sketch/histogram';
import { FrequentItems } from '../../../src/drift/sketch/frequent';
import { Moments } from '../../../src/drift/sketch/moments';
import { DistinctCounter } from '../../../src/drift/sketch/distinct';
import { VectorReservoir } from '../../../src/drift/sketch/reservoir';
import { SeededRng } from '../../../src/drift/sketch/rng';
import { EdgeAugmentError } from '../../../src/errors';

function uniform(n: number, seed: number): number[] {
  const r = new SeededRng(seed);
  return Array.from({ length: n }, () => r.next());
}

function maxRankError(s: KllSketch, xs: number[]): number {
  const sorted = xs.slice().sort((a, b) => a - b);
  let m = 0;
  const step = Math.max(1, Math.floor(sorted.length / 2000));
  for (let j = 0; j < sorted.length; j += step) m = Math.max(m, Math.abs(s.rank(sorted[j]) - (j + 1)) / sorted.length);
  return m;
}

describe('KllSketch', () => {
  it('is exact while it has not compacted', () => {
    const s = new KllSketch({ k: 200 });
    const xs = uniform(150, 1);
    xs.forEach((x) => s.update(x));
    expect(s.isExact).toBe(true);
    expect(s.rankErrorBound()).toBe(0);
    expect(maxRankError(s, xs)).toBe(0);
  });

  it('k=200: single-query error ≲ 1.65/k and the stated all-query bound holds (30 seeds, n=1e5)', () => {
    const n = 100_000;
    let worstSingle = 0;
    for (let seed = 0; seed < 30; seed++) {
      const xs = uniform(n, seed + 100);
      const s = new KllSketch({ k: 200, seed });
      xs.forEach((x) => s.update(x));
      const sorted = xs.slice().sort((a, b) => a - b);
      const mid = sorted[n / 2 - 1];
      worstSingle = Math.max(worstSingle, Math.abs(s.rank(mid) - n / 2) / n);
      const bound = s.rankErrorBound(1e-3, 2 * s.retained);
      expect(maxRankError(s, xs)).toBeLessThanOrEqual(bound);
      expect(s.retained).toBeLessThan(700);
    }
    expect(worstSingle).toBeLessThanOrEqual(kllTypicalRankError(200));
  });

  it('merge keeps the bound, is order-independent, and reproducible', () => {
    const parts = [0, 1, 2, 3].map((i) => uniform(20_000, 50 + i));
    const sketches = parts.map((p, i) => { const s = new KllSketch({ k: 200, seed: i }); p.forEach((x) => s.update(x)); return s; });
    const ab = sketches[0].clone().merge(sketches[1]);
    const ba = sketches[1].clone().merge(sketches[0]);
    expect(ab.toJSON()).toEqual(ba.toJSON());
    const all = sketches.reduce((acc, s) => acc.merge(s), new KllSketch({ k: 200 }));
    expect(all.n).toBe(80_000);
    expect(maxRankError(all, parts.flat())).toBeLessThanOrEqual(all.rankErrorBound(1e-3, 2 * all.retained));
  });

  it('round-trips through JSON and continues identically', () => {
    const a = new KllSketch({ k: 64, seed: 3 });
    uniform(5000, 9).forEach((x) => a.update(x));
    const b = KllSketch.fromJSON(JSON.parse(JSON.stringify(a)));
    const more = uniform(5000, 10);
    more.forEach((x) => { a.update(x); b.update(x); });
    expect(b.toJSON()).toEqual(a.toJSON());
  });

  it('rejects malformed JSON', () => {
    const good = (() => { const s = new KllSketch({ k: 16 }); uniform(100, 1).forEach((x) => s.update(x)); return s.toJSON(); })();
    const bad = [
      { ...good, k: 3 },
      { ...good, n: good.n + 1 },
      { ...good, levels: [[NaN]] },
      { ...good, min: 2 },
      { ...good, errorVariance: -1 },
      { ...good, extra: 1 },
      { ...good, levels: Array.from({ length: 65 }, () => []) },
    ];
    for (const b of bad) expect(() => KllSketch.fromJSON(b)).toThrow(EdgeAugmentError);
  });
});

describe('FixedHistogram', () => {
  it('bins with under/overflow and merges exactly', () => {
    const h = new FixedHistogram([0, 1, 2]);
    [-1, 0, 0.5, 1, 1.99, 2, 5].forEach((x) => h.update(x));
    expect(h.counts).toEqual([1, 2, 2, 2]);
    const g = h.clone().merge(h);
    expect(g.counts).toEqual([2, 4, 4, 4]);
    expect(() => h.merge(new FixedHistogram([0, 1]))).toThrow(EdgeAugmentError);
    expect(FixedHistogram.fromJSON(JSON.parse(JSON.stringify(h))).counts).toEqual(h.counts);
  });
  it('chooses edges: one bin per value for small domains, last edge above the max', () => {
    expect(chooseEdges((q) => q * 10, 4)).toEqual([0, 2.5, 5, 7.5, nextUp(10)]);
    expect(chooseEdges(() => 3, 4, [1, 2, 3])).toEqual([1, 2, 3, nextUp(3)]);
  });
});

describe('FrequentItems', () => {
  it('is exact within capacity, bounded beyond it', () => {
    const f = new FrequentItems({ capacity: 8 });
    const r = new SeededRng(1);
    const truth = new Map<string, number>();
    for (let i = 0; i < 20000; i++) {
      const k = r.next() < 0.5 ? `hot${r.int(4)}` : `cold${r.int(1000)}`;
      truth.set(k, (truth.get(k) ?? 0) + 1);
      f.update(k);
    }
    expect(f.maxError).toBeLessThanOrEqual(20000 / 9);
    for (const [k, c] of truth) {
      expect(f.estimate(k)).toBeLessThanOrEqual(c);
      expect(f.estimate(k) + f.maxError).toBeGreaterThanOrEqual(c);
    }
    const small = new FrequentItems({ capacity: 8 });
    ['a', 'b', 'a'].forEach((k) => small.update(k));
    expect(small.isExact).toBe(true);
    expect(small.top()).toEqual([['a', 2], ['b', 1]]);
  });
  it('merge is commutative and keeps the bound; JSON with __proto__ as a key is just data', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', '__proto__')), fc.array(fc.constantFrom('a', 'c', 'x', 'y')), (xs, ys) => {
      const a = new FrequentItems({ capacity: 3 }); xs.forEach((k) => a.update(k));
      const b = new FrequentItems({ capacity: 3 }); ys.forEach((k) => b.update(k));
      const ab = a.clone().merge(b), ba = b.clone().merge(a);
      expect(ab.toJSON()).toEqual(ba.toJSON());
      expect(ab.maxError).toBeLessThanOrEqual((xs.length + ys.length) / 4);
      expect(FrequentItems.fromJSON(JSON.parse(JSON.stringify(ab))).toJSON()).toEqual(ab.toJSON());
    }));
  });
});

describe('Moments', () => {
  it('Chan merge matches a single pass and is symmetric', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true })), fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true })), (xs, ys) => {
      const a = new Moments(); xs.forEach((x) => a.update(x));
      const b = new Moments(); ys.forEach((x) => b.update(x));
      const all = new Moments(); [...xs, ...ys].forEach((x) => all.update(x));
      const ab = a.clone().merge(b), ba = b.clone().merge(a);
      expect(ab.toJSON()).toEqual(ba.toJSON());
      expect(ab.n).toBe(all.n);
      if (all.n) {
        expect(ab.mean).toBeCloseTo(all.mean, 6);
        expect(ab.m2).toBeCloseTo(all.m2, Math.max(0, 6 - Math.ceil(Math.log10(1 + all.m2))));
      }
    }));
  });
});

describe('DistinctCounter & VectorReservoir', () => {
  it('distinct counter overflows for good and merges as a union', () => {
    const a = new DistinctCounter({ cap: 3 }); [1, 2, 2].forEach((x) => a.update(x));
    const b = new DistinctCounter({ cap: 3 }); [3, -0].forEach((x) => b.update(x));
    expect(a.clone().merge(b).overflowed).toBe(true);
    expect(a.entries()).toEqual([[1, 1], [2, 2]]);
  });
  it('reservoir merge is exactly associative and commutative; JSON round-trips', () => {
    const mk = (seed: number, n: number) => { const r = new VectorReservoir({ size: 16, dim: 3, seed }); const g = new SeededRng(seed + 99); for (let i = 0; i < n; i++) r.update([g.next(), g.next(), g.next()]); return r; };
    const [a, b, c] = [mk(1, 30), mk(2, 10), mk(3, 50)];
    const left = a.clone().merge(b).merge(c);
    const right = a.clone().merge(b.clone().merge(c));
    expect(left.vectors()).toEqual(right.vectors());
    expect(a.clone().merge(b).vectors()).toEqual(b.clone().merge(a).vectors());
    expect(left.n).toBe(90);
    const back = VectorReservoir.fromJSON(JSON.parse(JSON.stringify(left)));
    expect(back.vectors()).toEqual(left.vectors());
    expect(() => VectorReservoir.fromJSON({ ...left.toJSON(), data: '!!' })).toThrow(EdgeAugmentError);
  });
});
