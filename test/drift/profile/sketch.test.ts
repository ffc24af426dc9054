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

  it('merge keeps the bound in either order and is reproducible (DataSketches merge: order changes only the coins)', () => {
    const parts = [0, 1, 2, 3].map((i) => uniform(20_000, 50 + i));
    const sketches = parts.map((p, i) => { const s = new KllSketch({ k: 200, seed: i }); p.forEach((x) => s.update(x)); return s; });
    const ab = sketches[0].clone().merge(sketches[1]);
    const ba = sketches[1].clone().merge(sketches[0]);
    expect(ab.toJSON()).toEqual(sketches[0].clone().merge(sketches[1]).toJSON());
    for (const m of [ab, ba]) {
      expect(m.n).toBe(40_000);
      expect(m.errorVariance).toBe(ab.errorVariance);
      expect(maxRankError(m, [...parts[0], ...parts[1]])).toBeLessThanOrEqual(m.rankErrorBound(1e-3, 2 * m.retained));
    }
    const all = sketches.reduce((acc, s) => acc.merge(s), new KllSketch({ k: 200 }));
    expect(all.n).toBe(80_000);
    expect(maxRankError(all, parts.flat())).toBeLessThanOrEqual(all.rankErrorBound(1e-3, 2 * all.retained));
  });

  it('errorVariance never exceeds what the level structure allows (the bound used for DataSketches bytes)', () => {
    for (const [k, n] of [[8, 5000], [200, 100_000], [37, 12_345]]) {
      const s = new KllSketch({ k, seed: 1 });
      uniform(n, k).forEach((x) => s.update(x));
      const back = KllSketch.fromDataSketches(s.toDataSketches());
      expect(back.errorVariance).toBeGreaterThanOrEqual(s.errorVariance);
      expect(back.errorVariance).toBeLessThanOrEqual(4 * s.errorVariance);
    }
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
      // issue 13: a reversed level above 0, an inflated errorVariance, minK above k
      { ...good, levels: good.levels.map((l, h) => (h === good.levels.findIndex((x, i) => i > 0 && x.length > 1) ? l.slice().reverse() : l)) },
      { ...good, errorVariance: good.errorVariance * 100 + 1e6 },
      { ...good, minK: 17 },
      { ...good, itemType: 'int' },
    ];
    expect(good.levels.some((l, h) => h > 0 && l.length > 1 && l[0] !== l[l.length - 1])).toBe(true);
    for (const b of bad) expect(() => KllSketch.fromJSON(b)).toThrow(EdgeAugmentError);
    expect(KllSketch.fromJSON(good).toJSON()).toEqual(good);
  });

  it('reads the format-1 JSON (previous layout) and keeps its quantiles', () => {
    const exact = { type: 'kll', k: 16, n: 5, min: 1, max: 5, levels: [[3, 1, 5, 2, 4]], errorVariance: 0, rngState: 7 };
    const s = KllSketch.fromJSON(exact);
    expect([s.n, s.quantile(0.5), s.isExact, s.retained]).toEqual([5, 3, true, 5]);
    const old = { type: 'kll', k: 8, n: 10 + 2 * 6 + 4 * 3, min: 0, max: 99, levels: [[5, 7, 1, 0, 3, 2, 9, 8, 4, 6], [10, 20, 30, 40, 50, 60], [70, 80, 99]], errorVariance: 1 + 4 + 4 * 3, rngState: 1 };
    const t = KllSketch.fromJSON(old);
    expect(t.n).toBe(34);
    expect(t.min).toBe(0);
    expect(t.quantile(1)).toBe(99);
    expect(t.errorVariance).toBeGreaterThanOrEqual(old.errorVariance);
    expect(KllSketch.fromDataSketches(t.toDataSketches()).n).toBe(34);
    expect(() => KllSketch.fromJSON({ ...old, errorVariance: 1e9 })).toThrow(EdgeAugmentError);
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
  it('merge keeps lower ≤ true ≤ upper in either order; JSON with __proto__ as a key is just data', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', '__proto__')), fc.array(fc.constantFrom('a', 'c', 'x', 'y', 'z', 'w', 'v')), (xs, ys) => {
      const a = new FrequentItems({ capacity: 3 }); xs.forEach((k) => a.update(k));
      const b = new FrequentItems({ capacity: 3 }); ys.forEach((k) => b.update(k));
      const truth = new Map<string, number>();
      [...xs, ...ys].forEach((k) => truth.set(k, (truth.get(k) ?? 0) + 1));
      for (const m of [a.clone().merge(b), b.clone().merge(a)]) {
        expect(m.n).toBe(xs.length + ys.length);
        expect(m.maxError).toBeLessThanOrEqual(m.epsilon * m.n);
        for (const [k, t] of truth) expect(m.estimate(k) <= t && t <= m.upperBound(k)).toBe(true);
        expect(FrequentItems.fromJSON(JSON.parse(JSON.stringify(m))).toJSON()).toEqual(m.toJSON());
        expect(FrequentItems.fromDataSketches(m.toDataSketches()).toJSON()).toEqual(m.toJSON());
      }
    }));
  });

  it('regression (issue 13): 65–128 distinct values round-trip through JSON (maxError was read before the pending reduce)', () => {
    const f = new FrequentItems({ capacity: 64 });
    for (let i = 0; i < 1000; i++) f.update('k' + (i % 100));
    const back = FrequentItems.fromJSON(JSON.parse(JSON.stringify(f)));
    expect(back.toJSON()).toEqual(f.toJSON());
    expect(back.estimate('k7') <= 10 && 10 <= back.upperBound('k7')).toBe(true);
    expect(back.maxError).toBeLessThanOrEqual(back.epsilon * 1000);
  });

  it('rejects an inflated maxError (more than the purged weight allows)', () => {
    const f = new FrequentItems({ capacity: 8 });
    for (let i = 0; i < 5000; i++) f.update('k' + ((i * 7919) % 300));
    const j = f.toJSON();
    expect(() => FrequentItems.fromJSON({ ...j, maxError: j.maxError * 10 + 100 })).toThrow(EdgeAugmentError);
    expect(FrequentItems.fromJSON(j).toJSON()).toEqual(j);
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
