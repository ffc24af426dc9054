/**
 * Two-sample Cramér–von Mises test (scipy.stats.cramervonmises_2samp, scipy 1.10): midrank statistic
 * T (Anderson 1962), exact p-value by the Xiao–Gordon–Yakovlev recursion when max(n, m) ≤ 20 under
 * 'auto', else the limiting distribution of the normalised statistic (Csörgő & Faraway 1996).
 */
import { gcd, hasNaN, oneOf, rankAverage, sample, sortInPlace, type NumericArray } from './input.js';
import { besselK, lgamma } from './special.js';

/** Options of {@link cramerVonMises2samp}. */
export interface CramerVonMisesOptions {
  /** 'auto' (default): exact when max(n, m) ≤ 20. */
  method?: 'auto' | 'exact' | 'asymptotic';
}

/** Result of {@link cramerVonMises2samp}. */
export interface CramerVonMisesResult {
  statistic: number;
  pvalue: number;
  method: 'exact' | 'asymptotic';
}

/** CDF of the limiting one-sample CvM distribution (series with K_{1/4}, terms until |term| < 1e-7). */
export function cdfCvmInf(x: number): number {
  let tot = 0;
  for (let k = 0; k < 1000; k++) {
    const u = Math.exp(lgamma(k + 0.5) - lgamma(k + 1)) / (Math.PI ** 1.5 * Math.sqrt(x));
    const y = 4 * k + 1;
    const q = (y * y) / (16 * x);
    const z = u * Math.sqrt(y) * Math.exp(-q) * besselK(0.25, q);
    tot += z;
    if (!(Math.abs(z) >= 1e-7)) break;
  }
  return tot;
}

function binomExact(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** Exact p-value P(U ≥ u) for sample sizes m, n (frequency tables of g⁺_{u,v}). */
function pvalExact(s: number, m: number, n: number): number {
  const g = gcd(m, n);
  const lcm = (m / g) * n;
  const a = lcm / m;
  const b = lcm / n;
  const mn = m * n;
  const zeta = Math.floor((lcm * lcm * (m + n) * (6 * s - mn * (4 * mn - 1))) / (6 * mn * mn));
  const combinations = binomExact(m + n, m);
  // gs[v]: Map value → frequency
  let gs: Map<number, number>[] = [new Map([[0, 1]])];
  for (let v = 0; v < m; v++) gs.push(new Map());
  for (let u = 0; u <= n; u++) {
    const next: Map<number, number>[] = [];
    let tmp = new Map<number, number>();
    for (let v = 0; v <= m; v++) {
      const merged = new Map<number, number>(tmp);
      for (const [val, f] of gs[v]) merged.set(val, (merged.get(val) ?? 0) + f);
      const inc = (a * v - b * u) ** 2;
      tmp = new Map();
      for (const [val, f] of merged) tmp.set(val + inc, f);
      next.push(tmp);
    }
    gs = next;
  }
  let count = 0;
  for (const [val, f] of gs[m]) if (val >= zeta) count += f;
  return count / combinations;
}

/**
 * Two-sample Cramér–von Mises test.
 * @throws EdgeAugmentError 'INSUFFICIENT_DATA' when a sample has fewer than 2 observations.
 * @example cramerVonMises2samp([1.2, 0.3, 2.2], [0.1, -0.4, 0.9, 1.1])
 */
export function cramerVonMises2samp(x: NumericArray, y: NumericArray, options: CramerVonMisesOptions = {}): CramerVonMisesResult {
  let method = oneOf(options.method, ['auto', 'exact', 'asymptotic'] as const, 'auto', 'method');
  // sample() returns a private copy: sort it in place.
  const xa = sortInPlace(sample(x, 'x', 2));
  const ya = sortInPlace(sample(y, 'y', 2));
  const nx = xa.length;
  const ny = ya.length;
  if (method === 'auto') method = Math.max(nx, ny) > 20 ? 'asymptotic' : 'exact';
  if (hasNaN(xa) || hasNaN(ya)) return { statistic: NaN, pvalue: NaN, method };
  const z = new Float64Array(nx + ny);
  z.set(xa);
  z.set(ya, nx);
  const { ranks } = rankAverage(z);
  let su = 0;
  for (let i = 0; i < nx; i++) su += (ranks[i] - (i + 1)) ** 2;
  let sv = 0;
  for (let i = 0; i < ny; i++) sv += (ranks[nx + i] - (i + 1)) ** 2;
  const u = nx * su + ny * sv;
  const k = nx * ny;
  const N = nx + ny;
  const t = u / (k * N) - (4 * k - 1) / (6 * N);
  let p: number;
  if (method === 'exact') {
    p = pvalExact(u, nx, ny);
  } else {
    const et = (1 + 1 / N) / 6;
    let vt = (N + 1) * (4 * k * N - 3 * (nx * nx + ny * ny) - 2 * k);
    vt = vt / (45 * N * N * 4 * k);
    const tn = 1 / 6 + (t - et) / Math.sqrt(45 * vt);
    p = tn < 0.003 ? 1 : Math.max(0, 1 - cdfCvmInf(tn));
  }
  return { statistic: t, pvalue: p, method };
}
