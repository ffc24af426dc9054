/** Properties, sanity checks that can fail, errors and MMD permutation behaviour. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EdgeAugmentError } from '../../../src/errors.js';
import * as S from '../../../src/drift/stats/index.js';

const finite = fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true });
const smp = fc.array(finite, { minLength: 2, maxLength: 40 });
const hist = fc.array(fc.double({ min: 0, max: 100, noNaN: true }).map((v) => (v < 1e-6 ? 0 : v)), { minLength: 1, maxLength: 20 })
  .filter((a) => a.reduce((s, v) => s + v, 0) > 1e-3);

/** Deterministic normal-ish sample (sum of 4 LCG uniforms), for the behavioural tests. */
function gauss(n: number, seed: number, shift = 0): Float64Array {
  let st = seed >>> 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < 4; k++) { st = (Math.imul(1664525, st) + 1013904223) >>> 0; s += st / 4294967296; }
    out[i] = (s - 2) * Math.sqrt(3) + shift;
  }
  return out;
}

describe('properties (fast-check)', () => {
  it('KS and Wasserstein are symmetric and zero on identical samples; KS D ∈ [0, 1], p ∈ [0, 1]', () => {
    fc.assert(fc.property(smp, smp, (a, b) => {
      const r1 = S.ks2samp(a, b);
      const r2 = S.ks2samp(b, a);
      expect(r1.statistic).toBe(r2.statistic);
      expect(r1.statistic).toBeGreaterThanOrEqual(0);
      expect(r1.statistic).toBeLessThanOrEqual(1);
      expect(r1.pvalue).toBeGreaterThanOrEqual(0);
      expect(r1.pvalue).toBeLessThanOrEqual(1);
      expect(Math.abs(r1.pvalue - r2.pvalue)).toBeLessThan(1e-12);
      expect(S.ks2samp(a, a).statistic).toBe(0);
      expect(S.ks2samp(a, a).pvalue).toBe(1);
      const w = S.wassersteinDistance(a, b);
      expect(Math.abs(w - S.wassersteinDistance(b, a))).toBeLessThanOrEqual(1e-9 * Math.max(1, w));
      expect(S.wassersteinDistance(a, a)).toBe(0);
      expect(S.energyDistance(a, a)).toBe(0);
    }), { numRuns: 150 });
  });
  it('Wasserstein is translation-equivariant: W(a + c, a) = |c|', () => {
    fc.assert(fc.property(smp, fc.integer({ min: -50, max: 50 }), (a, c) => {
      const shifted = a.map((v) => v + c);
      expect(Math.abs(S.wassersteinDistance(shifted, a) - Math.abs(c))).toBeLessThan(1e-9 * (1 + Math.abs(c)) + 1e-9 * Math.max(...a.map(Math.abs)));
    }), { numRuns: 100 });
  });
  it('histogram distances: symmetric where they should be, zero to self, bounded', () => {
    fc.assert(fc.property(hist, hist, (p0, q0) => {
      const k = Math.min(p0.length, q0.length);
      const p = p0.slice(0, k);
      const q = q0.slice(0, k);
      if (p.reduce((s, v) => s + v, 0) <= 1e-3 || q.reduce((s, v) => s + v, 0) <= 1e-3) return;
      const js = S.jensenShannon(p, q, { base: 2 });
      expect(Math.abs(js - S.jensenShannon(q, p, { base: 2 }))).toBeLessThan(1e-12);
      expect(js).toBeGreaterThanOrEqual(0);
      expect(js).toBeLessThanOrEqual(1 + 1e-12);
      expect(S.jensenShannon(p, p)).toBe(0);
      expect(S.hellinger(p, p)).toBe(0);
      expect(S.hellinger(p, q)).toBeLessThanOrEqual(1 + 1e-12);
      expect(S.totalVariation(p, p)).toBe(0);
      expect(S.lInfinity(p, q)).toBeLessThanOrEqual(S.totalVariation(p, q) + 1e-12);
      expect(S.psi(p, p)).toBe(0);
      expect(Math.abs(S.psi(p, q) - S.psi(q, p))).toBeLessThanOrEqual(1e-9 * Math.max(1, S.psi(p, q)));
      expect(S.klDivergence(p, p)).toBeCloseTo(0, 12);
    }), { numRuns: 150 });
  });
  it('Mann–Whitney: U1 + U2 = n1·n2 and the two-sided p is symmetric', () => {
    fc.assert(fc.property(smp, smp, (a, b) => {
      const r1 = S.mannWhitneyU(a, b);
      const r2 = S.mannWhitneyU(b, a);
      expect(r1.statistic + r2.statistic).toBeCloseTo(a.length * b.length, 9);
      expect(Math.abs(r1.pvalue - r2.pvalue)).toBeLessThan(1e-12);
    }), { numRuns: 100 });
  });
  it('normPpf inverts normCdf', () => {
    fc.assert(fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
      expect(Math.abs(S.normCdf(S.normPpf(p)) - p)).toBeLessThanOrEqual(1e-14 * p);
    }), { numRuns: 200 });
  });
});

describe('sanity: the checks can fail', () => {
  it('perturbing one observation changes the statistics', () => {
    const a = Array.from(gauss(30, 1));
    const b = Array.from(gauss(30, 2));
    const a2 = a.slice();
    a2[0] += 10; // move one point across the other sample
    expect(S.ks2samp(a2, b).statistic).not.toBe(S.ks2samp(a, b).statistic);
    expect(S.wassersteinDistance(a2, b)).not.toBe(S.wassersteinDistance(a, b));
    expect(S.ttestInd(a2, b).statistic).not.toBe(S.ttestInd(a, b).statistic);
    expect(S.mannWhitneyU(a2, b).statistic).not.toBe(S.mannWhitneyU(a, b).statistic);
  });
  it('a shifted sample is detected by every test; identical ones are not', () => {
    const a = gauss(300, 3);
    const b = gauss(300, 4, 0.8);
    const c = gauss(300, 5);
    for (const f of [S.ks2samp, S.ttestInd, S.mannWhitneyU, S.cramerVonMises2samp] as const) {
      expect(f(a, b).pvalue).toBeLessThan(1e-6);
      expect(f(a, c).pvalue).toBeGreaterThan(0.01);
    }
    expect(S.andersonKsamp([a, b]).pvalue).toBe(0.001);
  });
  it('known values: chi2 2×2 with Yates, Bonferroni, Benjamini–Hochberg', () => {
    // scipy: chi2_contingency([[10, 20], [20, 10]]) → 5.4, p 0.02013675…
    const r = S.chi2Contingency([[10, 20], [20, 10]]);
    expect(r.statistic).toBeCloseTo(5.4, 12);
    expect(r.pvalue).toBeCloseTo(0.020136751550346706, 12);
    const bf = S.bonferroni([0.01, 0.04, 0.3], 0.05);
    expect(bf.reject).toEqual([true, false, false]);
    expect(Array.from(bf.adjusted)).toEqual([0.03, 0.12, 0.8999999999999999]);
    // statsmodels multipletests(method='fdr_bh') on these p-values
    const bh = S.benjaminiHochberg([0.01, 0.04, 0.03, 0.5, 0.001], 0.05);
    expect(bh.reject).toEqual([true, true, true, false, true]);
    const want = [0.025, 0.05, 0.05, 0.5, 0.005];
    Array.from(bh.adjusted).forEach((v, i) => expect(v).toBeCloseTo(want[i], 14));
    expect(bh.anyReject).toBe(true);
  });
});

describe('NaN and errors', () => {
  it('NaN propagates to NaN results (scipy nan_policy="propagate")', () => {
    expect(S.ks2samp([1, NaN, 3], [1, 2]).pvalue).toBeNaN();
    expect(S.mannWhitneyU([1, NaN, 3], [1, 2]).statistic).toBeNaN();
    expect(S.ttestInd([1, NaN, 3], [1, 2, 4]).pvalue).toBeNaN();
    expect(S.wassersteinDistance([1, NaN], [1])).toBeNaN();
    expect(S.cramerVonMises2samp([1, NaN, 3], [1, 2]).statistic).toBeNaN();
    expect(S.mmd2([[0], [NaN]], [[1], [2]]).statistic).toBeNaN();
  });
  it('throws typed errors for empty input and bad options', () => {
    const code = (f: () => unknown): string | undefined => {
      try { f(); } catch (e) { expect(e).toBeInstanceOf(EdgeAugmentError); return (e as EdgeAugmentError).code; }
      return undefined;
    };
    expect(code(() => S.ks2samp([], [1]))).toBe('INSUFFICIENT_DATA');
    expect(code(() => S.ks2samp([1], [1], { method: 'fast' as never }))).toBe('INVALID_ARGUMENT');
    expect(code(() => S.cramerVonMises2samp([1], [1, 2]))).toBe('INSUFFICIENT_DATA');
    expect(code(() => S.chi2Contingency([[1, 2], [3]]))).toBe('INVALID_ARGUMENT');
    expect(code(() => S.chi2Contingency([[0, 0], [1, 2]]))).toBe('INVALID_ARGUMENT');
    expect(code(() => S.chisquare([1, 2], [5, 5]))).toBe('INVALID_ARGUMENT');
    expect(code(() => S.jensenShannon([1, 2], [1]))).toBe('INVALID_ARGUMENT');
    expect(code(() => S.jensenShannon([-1, 2], [1, 1]))).toBe('INVALID_ARGUMENT');
    expect(code(() => S.wassersteinDistance([1, 2], [1], [1, -1]))).toBe('INVALID_ARGUMENT');
    expect(code(() => S.andersonKsamp([[1, 2, 3]]))).toBe('INSUFFICIENT_DATA');
    expect(code(() => S.mmd2([[1, 2]], [[1, 2], [3, 4]]))).toBe('INSUFFICIENT_DATA');
    expect(code(() => S.mmd2([[1, 2], [1, 2]], [[1], [3]]))).toBe('INVALID_ARGUMENT');
    expect(code(() => S.bonferroni([0.2, 1.5]))).toBe('INVALID_ARGUMENT');
  });
  it('accepts Float32Array and flat { data, dim } matrices', () => {
    const a = Float32Array.from([0.5, 1.5, 2.5]);
    expect(S.ks2samp(a, [0.5, 1.5, 2.5]).statistic).toBe(0);
    const X = [[0, 1], [2, 3], [4, 5]];
    const Y = [[1, 1], [0, 3], [5, 5]];
    const r1 = S.mmd2(X, Y);
    const r2 = S.mmd2({ data: Float64Array.from(X.flat()), dim: 2 }, { data: Float32Array.from(Y.flat()), dim: 2 });
    expect(r2.statistic).toBe(r1.statistic);
  });
});

describe('MMD permutation test', () => {
  const rows = (n: number, d: number, seed: number, shift = 0): Float64Array[] => {
    const g = gauss(n * d, seed, shift);
    return Array.from({ length: n }, (_, i) => g.subarray(i * d, (i + 1) * d));
  };
  it('p in (0, 1], deterministic by seed, different seeds differ, detects a mean shift', () => {
    const X = rows(60, 5, 1);
    const Y = rows(50, 5, 2);
    const r1 = S.mmdTest(X, Y, { permutations: 200, seed: 42 });
    const r2 = S.mmdTest(X, Y, { permutations: 200, seed: 42 });
    expect(r1.pvalue).toBe(r2.pvalue);
    expect(Array.from(r1.nullDistribution)).toEqual(Array.from(r2.nullDistribution));
    const r3 = S.mmdTest(X, Y, { permutations: 200, seed: 43 });
    expect(Array.from(r3.nullDistribution)).not.toEqual(Array.from(r1.nullDistribution));
    expect(r1.pvalue).toBeGreaterThan(0.01);
    expect(r1.pvalue).toBeLessThanOrEqual(1);
    const shifted = S.mmdTest(X, rows(50, 5, 3, 1), { permutations: 200, seed: 42 });
    expect(shifted.pvalue).toBe(1 / 201); // never 0: (b + 1)/(B + 1)
    // the permutation null matches a brute-force recomputation for one permutation-free split
    expect(Math.abs(r1.statistic - S.mmd2(X, Y).statistic)).toBeLessThan(1e-12);
  });
  it('the null distribution is centred near 0 (unbiased estimator)', () => {
    const r = S.mmdTest(rows(40, 3, 7), rows(40, 3, 8), { permutations: 300, seed: 1 });
    const mean = r.nullDistribution.reduce((s, v) => s + v, 0) / r.nullDistribution.length;
    const sd = Math.sqrt(r.nullDistribution.reduce((s, v) => s + (v - mean) ** 2, 0) / r.nullDistribution.length);
    expect(Math.abs(mean)).toBeLessThan(sd);
  });
});

// Speed is measured by `npm run bench` (bench/drift.mjs, beside scipy), not by timed unit tests.
