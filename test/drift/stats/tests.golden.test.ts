/** Parity with scipy 1.10 for every two-sample test (goldens from test/goldens/stats/gen_stats.py). */
import { describe, expect, it } from 'vitest';
import {
  andersonKsamp, chi2Contingency, chisquare, cramerVonMises2samp, ks2samp, mannWhitneyU, ttestInd,
} from '../../../src/drift/stats/index.js';
import { data, expectAbs, expectRel, golden, Worst } from './helpers.js';

const STAT_REL = 1e-9;
const P_ABS = 1e-6;

describe('ks2samp vs scipy.stats.ks_2samp', () => {
  const cases = golden<any[]>('ks2samp');
  it(`matches ${cases.length} cases (statistic, p-value, location, sign)`, () => {
    const w = new Worst();
    for (const c of cases) {
      const r = ks2samp(data(c.a), data(c.b), { method: c.method, alternative: c.alternative });
      const what = `${c.kind} n=${data(c.a).length},${data(c.b).length} ${c.method} ${c.alternative}`;
      expectRel(r.statistic, c.statistic, STAT_REL, what + ' D');
      expectAbs(r.pvalue, c.pvalue, P_ABS, what + ' p');
      expect(r.statisticLocation, what + ' loc').toBe(c.location);
      expect(r.statisticSign, what + ' sign').toBe(c.sign);
      w.add(r.statistic, c.statistic, r.pvalue, c.pvalue);
    }
    console.log(`ks2samp: ${cases.length} cases, ${w}`);
  });
});

describe('chi2Contingency / chisquare vs scipy', () => {
  const g = golden<any>('chi2');
  it(`chi2_contingency: ${g.contingency.length} tables`, () => {
    const w = new Worst();
    for (const c of g.contingency) {
      const r = chi2Contingency(c.table, { correction: c.correction });
      expectRel(r.statistic, c.statistic, STAT_REL, 'stat');
      expectAbs(r.pvalue, c.pvalue, P_ABS, 'p');
      expect(r.dof).toBe(c.dof);
      c.expected.flat().forEach((e: number, i: number) => expectRel(r.expected.flat()[i], e, 1e-12, 'expected'));
      w.add(r.statistic, c.statistic, r.pvalue, c.pvalue);
    }
    console.log(`chi2Contingency: ${w}`);
  });
  it(`chisquare: ${g.chisquare.length} cases`, () => {
    const w = new Worst();
    for (const c of g.chisquare) {
      const r = chisquare(c.observed, c.expected ?? undefined);
      expectRel(r.statistic, c.statistic, STAT_REL, 'stat');
      expectAbs(r.pvalue, c.pvalue, P_ABS, 'p');
      w.add(r.statistic, c.statistic, r.pvalue, c.pvalue);
    }
    console.log(`chisquare: ${w}`);
  });
});

describe('cramerVonMises2samp vs scipy.stats.cramervonmises_2samp', () => {
  const cases = golden<any[]>('cvm');
  it(`matches ${cases.length} cases (exact ≤ 20, asymptotic)`, () => {
    const w = new Worst();
    for (const c of cases) {
      const r = cramerVonMises2samp(data(c.a), data(c.b), { method: c.method });
      const what = `n=${data(c.a).length},${data(c.b).length} ${c.method}`;
      expectRel(r.statistic, c.statistic, STAT_REL, what + ' T');
      expectAbs(r.pvalue, c.pvalue, P_ABS, what + ' p');
      w.add(r.statistic, c.statistic, r.pvalue, c.pvalue);
    }
    console.log(`cvm: ${w}`);
  });
});

describe('andersonKsamp vs scipy.stats.anderson_ksamp', () => {
  const cases = golden<any[]>('anderson');
  it(`matches ${cases.length} cases`, () => {
    const w = new Worst();
    for (const c of cases) {
      const r = andersonKsamp(c.samples.map(data));
      expectRel(r.statistic, c.statistic, STAT_REL, 'A2');
      expectAbs(r.pvalue, c.pvalue, P_ABS, 'p');
      c.critical.forEach((v: number, i: number) => expectRel(r.criticalValues[i], v, 1e-12, 'crit'));
      w.add(r.statistic, c.statistic, r.pvalue, c.pvalue);
    }
    console.log(`anderson: ${w}`);
  });
});

describe('mannWhitneyU vs scipy.stats.mannwhitneyu', () => {
  const cases = golden<any[]>('mannwhitneyu');
  it(`matches ${cases.length} cases`, () => {
    const w = new Worst();
    for (const c of cases) {
      const r = mannWhitneyU(data(c.a), data(c.b), { alternative: c.alternative, method: c.method, useContinuity: c.useContinuity });
      const what = `${c.kind} ${c.method} ${c.alternative} cont=${c.useContinuity}`;
      expectRel(r.statistic, c.statistic, STAT_REL, what + ' U');
      expectAbs(r.pvalue, c.pvalue, P_ABS, what + ' p');
      w.add(r.statistic, c.statistic, r.pvalue, c.pvalue);
    }
    console.log(`mannwhitneyu: ${w}`);
  });
});

describe('ttestInd vs scipy.stats.ttest_ind', () => {
  const cases = golden<any[]>('ttest');
  it(`matches ${cases.length} cases`, () => {
    const w = new Worst();
    for (const c of cases) {
      const r = ttestInd(data(c.a), data(c.b), { equalVar: c.equalVar, alternative: c.alternative });
      const what = `${c.kind} eq=${c.equalVar} ${c.alternative}`;
      expectRel(r.statistic, c.statistic, STAT_REL, what + ' t');
      expectAbs(r.pvalue, c.pvalue, P_ABS, what + ' p');
      w.add(r.statistic, c.statistic, r.pvalue, c.pvalue);
    }
    console.log(`ttest: ${w}`);
  });
});
