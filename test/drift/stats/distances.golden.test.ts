/** Parity with scipy 1.10 / numpy for distances, divergences, MMD², kstwo and the special functions. */
import { describe, expect, it } from 'vitest';
import * as S from '../../../src/drift/stats/index.js';
import { data, expectAbs, expectRel, golden, Worst } from './helpers.js';

describe('wasserstein / energy distance vs scipy.stats', () => {
  const cases = golden<any[]>('distances');
  it(`matches ${cases.length} cases, with and without weights`, () => {
    const w = new Worst();
    for (const c of cases) {
      const a = data(c.a);
      const b = data(c.b);
      expectRel(S.wassersteinDistance(a, b), c.wasserstein, 1e-9, `${c.kind} W1`);
      expectRel(S.energyDistance(a, b), c.energy, 1e-9, `${c.kind} energy`);
      w.add(S.wassersteinDistance(a, b), c.wasserstein);
      if (c.wa) {
        expectRel(S.wassersteinDistance(a, b, c.wa, c.wb), c.wassersteinW, 1e-9, `${c.kind} W1 weighted`);
        expectRel(S.energyDistance(a, b, c.wa, c.wb), c.energyW, 1e-9, `${c.kind} energy weighted`);
      }
    }
    console.log(`distances: ${w}`);
  });
});

describe('divergences vs scipy.spatial.distance.jensenshannon / scipy.stats.entropy / numpy', () => {
  const cases = golden<any[]>('divergences');
  it(`matches ${cases.length} histogram pairs`, () => {
    for (const c of cases) {
      const js = S.jensenShannon(c.p, c.q);
      if (Number.isNaN(c.js)) expect(js).toBeLessThan(1e-7); else expectRel(js, c.js, 1e-9, 'js');
      if (!Number.isNaN(c.js2)) expectRel(S.jensenShannon(c.p, c.q, { base: 2 }), c.js2, 1e-9, 'js2');
      expectRel(S.klDivergence(c.p, c.q), c.kl, 1e-9, 'kl');
      expectRel(S.klDivergence(c.p, c.q, { base: 2 }), c.kl2, 1e-9, 'kl2');
      expectRel(S.psi(c.p, c.q), c.psi, 1e-9, 'psi');
      expectRel(S.hellinger(c.p, c.q), c.hellinger, 1e-9, 'hellinger');
      expectRel(S.lInfinity(c.p, c.q), c.linf, 1e-12, 'linf');
      expectRel(S.totalVariation(c.p, c.q), c.tv, 1e-9, 'tv');
    }
  });
});

describe('mmd2 vs a numpy computation', () => {
  const cases = golden<any[]>('mmd');
  it(`matches ${cases.length} cases (statistic and median-heuristic σ)`, () => {
    for (const c of cases) {
      const r = S.mmd2(c.X, c.Y, c.sigmaIn === null ? {} : { sigma: c.sigmaIn });
      expectRel(r.sigma, c.sigma, 1e-12, 'sigma');
      expectAbs(r.statistic, c.statistic, 1e-12 * 4, 'mmd2');
      expectRel(r.statistic, c.statistic, 1e-9, 'mmd2');
      // the permutation test reports the same observed statistic
      expectRel(S.mmdTest(c.X, c.Y, { sigma: c.sigmaIn ?? undefined, permutations: 5 }).statistic, c.statistic, 1e-9, 'mmdTest stat');
    }
  });
});

describe('kstwo / smirnov vs scipy', () => {
  const cases = golden<any[]>('kstwo');
  it(`matches ${cases.length} (n, x) points across every _kolmogn branch`, () => {
    let worst = 0;
    for (const c of cases) {
      expectRel(S.kstwoSf(c.x, c.n), c.sf, 1e-9, `sf n=${c.n} x=${c.x}`);
      expectAbs(S.kstwoCdf(c.x, c.n), c.cdf, 1e-13, `cdf n=${c.n} x=${c.x}`);
      expectRel(S.smirnov(c.n, c.x), c.smirnov, 1e-9, `smirnov n=${c.n} x=${c.x}`);
      if (c.sf > 0) worst = Math.max(worst, Math.abs(S.kstwoSf(c.x, c.n) - c.sf) / c.sf);
    }
    console.log(`kstwo sf max rel err ${worst.toExponential(2)}`);
  });
});

describe('special functions vs scipy.special / scipy.stats', () => {
  const cases = golden<any[]>('special');
  it(`matches ${cases.length} points to 1e-12 relative (1e-10 past 1e4 in the shape)`, () => {
    const worst: Record<string, number> = {};
    for (const c of cases) {
      const got = (S as any)[c.fn](...c.args) as number;
      const big = c.args.some((a: number) => Math.abs(a) >= 1e4);
      // scipy's own betainc is only ~1e-13 accurate for large shapes (checked with mpmath)
      const tol = big || (c.fn === 'betainc' && c.args[0] >= 100) ? 1e-10 : 1e-12;
      if (c.want === 0) expect(Math.abs(got)).toBeLessThan(1e-300);
      else expectRel(got, c.want, tol, `${c.fn}(${c.args.join(', ')})`);
      if (c.want !== 0 && Number.isFinite(c.want)) worst[c.fn] = Math.max(worst[c.fn] ?? 0, Math.abs(got - c.want) / Math.abs(c.want));
    }
    console.log('special max rel err:', Object.entries(worst).map(([k, v]) => `${k} ${v.toExponential(1)}`).join(', '));
  });
});
