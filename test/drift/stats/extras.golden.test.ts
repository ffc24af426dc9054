/**
 * scipy 1.10 completeness (issue 13; goldens from test/goldens/stats/gen_stats.py → extras.json):
 * infinities in the CDF distances, entropy with one argument, base / use_continuity / trim
 * validation, chisquare with a scalar f_exp, ttest_ind trim, exact permutations and nan_policy
 * 'omit', chi2_contingency lambda_ and N-D tables, anderson_ksamp midrank=False, and the public
 * stats.distributions.
 */
import { describe, expect, it } from 'vitest';
import { stats } from '../../../src/drift/stats-namespace';
import { isEdgeAugmentError } from '../../../src/errors';
import { expectAbs, expectRel, golden } from './helpers';

const G = golden<any>('extras');

function codeOf(f: () => unknown): string {
  try { f(); return 'OK'; } catch (e) { return isEdgeAugmentError(e) ? e.code : `untyped ${String(e)}`; }
}

describe('scipy extras', () => {
  it('wasserstein / energy distance with ±inf as scipy (inf, not NaN)', () => {
    expect(G.infinities.length).toBeGreaterThanOrEqual(8);
    for (const c of G.infinities) {
      expectRel(stats.wassersteinDistance(c.u, c.v), c.wasserstein, 1e-12, `W ${JSON.stringify(c.u)} ${JSON.stringify(c.v)}`);
      expectRel(stats.energyDistance(c.u, c.v), c.energy, 1e-12, `E ${JSON.stringify(c.u)} ${JSON.stringify(c.v)}`);
    }
    expect(stats.wassersteinDistance([1, 2, Infinity], [-Infinity, 1])).toBe(Infinity);
  });

  it('entropy(pk) and entropy(pk, qk) with bases', () => {
    for (const c of G.entropy) {
      expectRel(stats.entropy(c.pk, c.qk, c.base === null ? {} : { base: c.base }), c.want, 1e-12, JSON.stringify(c));
    }
  });

  it('argument validation: where scipy raises, a typed INVALID_ARGUMENT', () => {
    const want = Object.fromEntries(G.validation.map((v: any) => [v.case, v.error]));
    expect(Object.values(want).every((e) => e === 'ValueError')).toBe(true);
    expect(codeOf(() => stats.klDivergence([1, 2], [2, 1], { base: -2 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => stats.entropy([1, 2], undefined, { base: 0 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => stats.mannWhitneyU([1, 2, 3], [4, 5, 6], { useContinuity: 'ekki' as never }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => stats.ttestInd([1, 2, 3, 4], [2, 3, 4, 5], { trim: 0.5 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => stats.ttestInd([1, 2, 3, 4], [2, 3, 4, 5], { trim: 0.2, permutations: 10 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => stats.ttestInd([1, NaN, 3], [2, 3, 4], { nanPolicy: 'raise' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => stats.chisquare([10, 20, 30], 5))).toBe('INVALID_ARGUMENT');
  });

  it('chisquare with a scalar f_exp', () => {
    for (const c of G.chisquare) {
      const r = stats.chisquare(c.observed, c.expected);
      expectRel(r.statistic, c.statistic, 1e-12, 'stat');
      expectRel(r.pvalue, c.pvalue, 1e-10, 'p');
    }
  });

  it('ttestInd: trim (Yuen), exact permutations, nanPolicy omit', () => {
    let trims = 0, perms = 0, omits = 0;
    for (const c of G.ttest) {
      const r = stats.ttestInd(c.a, c.b, { equalVar: c.equalVar, trim: c.trim, permutations: c.permutations, alternative: c.alternative, nanPolicy: c.nanPolicy });
      expectRel(r.statistic, c.statistic, 1e-10, `t ${JSON.stringify(c).slice(0, 80)}`);
      expectRel(r.pvalue, c.pvalue, c.permutations ? 1e-12 : 1e-9, `p ${JSON.stringify(c).slice(0, 80)}`);
      if (c.trim) trims++; else if (c.permutations) perms++; else omits++;
    }
    expect([trims, perms, omits]).toEqual([60, 12, 8]);
  });

  it('ttestInd random permutations (fewer than all splits): within Monte-Carlo error of the exact p', () => {
    const a = [0.1, 1.2, -0.3, 0.8, 1.9, 0.4, 1.1, 0.2, 0.9, 1.4];
    const b = [0.9, 2.1, 1.8, 1.2, 2.5, 1.6, 0.7, 2.2, 1.9, 1.3];
    const exact = stats.ttestInd(a, b, { permutations: 1e6 }).pvalue; // C(20, 10) = 184,756 splits
    const mc = stats.ttestInd(a, b, { permutations: 5000, seed: 3 }).pvalue;
    expect(Math.abs(mc - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / 5000) + 1 / 5000);
    expect(stats.ttestInd(a, b, { permutations: 5000, seed: 3 }).pvalue).toBe(mc); // seeded
  });

  it('chi2Contingency: every Cressie–Read λ, 2-D to 4-D tables, Yates on/off', () => {
    const names: Record<string, string> = {};
    let nd = 0;
    for (const c of G.chi2nd) {
      const r = stats.chi2Contingency(c.table, { correction: c.correction, ...(c.lambda === null ? {} : { lambda: c.lambda }) });
      expect(r.dof).toBe(c.dof);
      expectRel(r.statistic, c.statistic, 1e-11, `stat ${JSON.stringify(c.table)} λ=${c.lambda}`);
      expectRel(r.pvalue, c.pvalue, 1e-9, `p ${JSON.stringify(c.table)} λ=${c.lambda}`);
      const flat = (r.expected as unknown as unknown[]).flat(5) as number[];
      flat.forEach((e, i) => expectRel(e, c.expected[i], 1e-12, 'expected'));
      names[String(c.lambda)] = 'seen';
      if (!Array.isArray(c.table[0][0]) === false) nd++;
    }
    expect(Object.keys(names)).toHaveLength(8);
    expect(nd).toBeGreaterThan(20);
    expect(codeOf(() => stats.chi2Contingency([[1, 2], [3, 4]], { lambda: 'bogus' as never }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => stats.chi2Contingency([[[1, 2], [3, 4]], [[1, 2]]] as never))).toBe('INVALID_ARGUMENT');
  });

  it('andersonKsamp midrank: false', () => {
    for (const c of G.anderson) {
      const r = stats.andersonKsamp(c.samples, { midrank: false });
      expectRel(r.statistic, c.statistic, 1e-10, 'A2');
      expectRel(r.pvalue, c.pvalue, 1e-9, 'p');
    }
    expect(codeOf(() => stats.andersonKsamp([[1, 2], [3, 4]], { midrank: 'no' as never }))).toBe('INVALID_ARGUMENT');
  });

  it('stats.distributions: kstwo, smirnov and the limiting CvM distribution (public)', () => {
    const ks = golden<any[]>('kstwo');
    for (const c of ks.slice(0, 200)) {
      expectRel(stats.distributions.kstwo.sf(c.x, c.n), c.sf, 1e-9, 'kstwo sf');
      expectAbs(stats.distributions.kstwo.cdf(c.x, c.n), c.cdf, 1e-13, 'kstwo cdf');
      expectRel(stats.distributions.smirnov.sf(c.n, c.x), c.smirnov, 1e-9, 'smirnov');
    }
    for (const c of G.cvm) expectRel(stats.distributions.cvm.cdf(c.x), c.cdf, 1e-9, `cvm ${c.x}`);
  });
});
