/**
 * Two-sample Kolmogorov–Smirnov test, matching scipy.stats.ks_2samp (scipy 1.10): the same statistic,
 * location and sign, the exact p-value by Hodges' lattice-path counting (Viehmann's recursion for the
 * two-sided case), the same 'auto' rule (exact when max(n1, n2) ≤ 10000) and the same asymptotic
 * fall-back (kstwo.sf(D, round(mn/(m+n))) two-sided, Hodges' eqn 5.3 one-sided).
 */
import { gcd, hasNaN, oneOf, sample, sortInPlace, type NumericArray } from './input.js';
import { kstwoSf } from './kolmogorov.js';
import { lgamma } from './special.js';

/** Alternative hypothesis of a two-sample test. */
export type Alternative = 'two-sided' | 'less' | 'greater';

/** Options of {@link ks2samp}. */
export interface Ks2sampOptions {
  /** 'auto' (default): exact when max(n1, n2) ≤ 10000, else asymptotic. */
  method?: 'auto' | 'exact' | 'asymp';
  /** Default 'two-sided'. */
  alternative?: Alternative;
}

/** Result of {@link ks2samp} (scipy's KstestResult). */
export interface Ks2sampResult {
  /** D statistic (for the exact method, rounded to the lattice h / lcm(n1, n2) exactly as scipy does). */
  statistic: number;
  pvalue: number;
  /** Observation at which the ECDF difference is attained. */
  statisticLocation: number;
  /** +1 when the ECDF of `a` exceeds that of `b` there, −1 otherwise. */
  statisticSign: 1 | -1;
  /** The method actually used (exact can fall back to asymp like scipy). */
  method: 'exact' | 'asymp';
}

const MAX_AUTO_N = 10000;

/** Pr(D_{n,n} ≥ h/n), Horner-like alternating sum. */
function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
    k -= 1;
  }
  return 2 * P;
}

/** Proportion of lattice paths that leave the band |x/m − y/n| < h/lcm (Viehmann's 1 − p recursion). */
function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  let m = m0;
  let n = n0;
  if (m < n) { const t = m; m = n; n = t; }
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  for (let j = minj; j < maxj; j++) A[j] = 0;
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.max(Math.floor((ng * i - h) / mg) + 1, 0);
    minj = Math.min(minj, n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) {
      for (let t = maxj - minj; t < maxj - minj + (lastlen - curlen) && t < lenA; t++) A[t] = 1;
    }
  }
  return A[maxj - minj - 1];
}

/** Binomial coefficient as a double (overflows to Infinity like scipy.special.binom). */
function binom(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  const kk = Math.min(k, n - k);
  if (kk < 20) {
    let num = 1;
    let den = 1;
    for (let i = 1; i <= kk; i++) {
      num *= i + n - kk;
      den *= i;
      if (Math.abs(num) > 1e50) { num /= den; den = 1; }
    }
    return num / den;
  }
  const l = lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
  return Math.exp(l); // Infinity past ~1.8e308, which makes the exact one-sided path fall back like scipy
}

/** Number of paths from (0,0) to (m,n) that go below the diagonal offset by h (Hodges). */
function countPathsOutside(m0: number, n0: number, g: number, h: number): number {
  let m = m0;
  let n = n0;
  if (m < n) { const t = m; m = n; n = t; }
  const mg = m / g;
  const ng = n / g;
  const lxj = n + Math.floor((mg - h) / mg);
  if (lxj === 0) return binom(m + n, n);
  const xj = new Float64Array(lxj);
  for (let j = 0; j < lxj; j++) xj[j] = Math.floor((h + mg * j + ng - 1) / ng);
  const B = new Float64Array(lxj);
  B[0] = 1;
  for (let j = 1; j < lxj; j++) {
    let Bj = binom(xj[j] + j, j);
    for (let i = 0; i < j; i++) Bj -= binom(xj[j] - xj[i] + j - i, j - i) * B[i];
    B[j] = Bj;
  }
  let numPaths = 0;
  for (let j = 0; j < lxj; j++) numPaths += B[j] * binom(m - xj[j] + (n - j), n - j);
  return numPaths;
}

function attemptExact(n1: number, n2: number, g: number, d: number, alternative: Alternative): { ok: boolean; d: number; p: number } {
  const lcm = (n1 / g) * n2;
  const h = Math.round(d * lcm);
  const dd = h / lcm;
  if (h === 0) return { ok: true, d: dd, p: 1 };
  let p: number;
  if (alternative === 'two-sided') {
    p = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
  } else if (n1 === n2) {
    p = 1;
    for (let j = 0; j < h; j++) p *= (n1 - j) / (n1 + j + 1);
  } else {
    const numPaths = countPathsOutside(n1, n2, g, h);
    const bin = binom(n1 + n2, n1);
    if (!Number.isFinite(numPaths) || !Number.isFinite(bin) || numPaths > bin) return { ok: false, d: dd, p: NaN };
    p = numPaths / bin;
  }
  if (!(p >= 0 && p <= 1)) return { ok: false, d: dd, p };
  return { ok: true, d: dd, p };
}

/**
 * Two-sample Kolmogorov–Smirnov test (scipy.stats.ks_2samp). O((n1+n2) log(n1+n2)) for the statistic.
 *
 * @param a first sample (its ECDF is F)
 * @param b second sample (its ECDF is G)
 * @throws EdgeAugmentError 'INSUFFICIENT_DATA' for an empty sample, 'INVALID_ARGUMENT' for a bad option.
 * @example
 * ```ts
 * const { statistic, pvalue } = ks2samp([0.1, 0.4, 0.7], [0.2, 0.9, 1.3, 2.0]);
 * ```
 */
export function ks2samp(a: NumericArray, b: NumericArray, options: Ks2sampOptions = {}): Ks2sampResult {
  let method = oneOf(options.method, ['auto', 'exact', 'asymp'] as const, 'auto', 'method');
  const alternative = oneOf(options.alternative, ['two-sided', 'less', 'greater'] as const, 'two-sided', 'alternative');
  const x = sample(a, 'a');
  const y = sample(b, 'b');
  const n1 = x.length;
  const n2 = y.length;
  if (hasNaN(x) || hasNaN(y)) {
    return { statistic: NaN, pvalue: NaN, statisticLocation: NaN, statisticSign: 1, method: method === 'asymp' ? 'asymp' : 'exact' };
  }
  const d1 = sortInPlace(x); // x, y are private copies
  const d2 = sortInPlace(y);
  // Walk the merged distinct values; cdf difference at v uses counts ≤ v, as searchsorted(side='right').
  // argmin/argmax in scipy return the first index of data_all = [d1, d2]: prefer a location from d1.
  let maxS = -Infinity; let maxLoc1 = NaN; let maxLoc2 = NaN; let max1 = -Infinity; let max2 = -Infinity;
  let minS = Infinity; let minLoc1 = NaN; let minLoc2 = NaN; let min1 = Infinity; let min2 = Infinity;
  let i = 0;
  let j = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && d1[i] <= d2[j]) ? d1[i] : d2[j];
    const inA = i < n1 && d1[i] === v;
    const inB = j < n2 && d2[j] === v;
    while (i < n1 && d1[i] === v) i++;
    while (j < n2 && d2[j] === v) j++;
    const diff = i / n1 - j / n2;
    if (inA) {
      if (diff > max1) { max1 = diff; maxLoc1 = v; }
      if (diff < min1) { min1 = diff; minLoc1 = v; }
    }
    if (inB) {
      if (diff > max2) { max2 = diff; maxLoc2 = v; }
      if (diff < min2) { min2 = diff; minLoc2 = v; }
    }
  }
  maxS = Math.max(max1, max2);
  const locMax = max1 >= max2 ? maxLoc1 : maxLoc2;
  minS = Math.min(min1, min2);
  const locMin = min1 <= min2 ? minLoc1 : minLoc2;
  const minSpos = Math.min(1, Math.max(0, -minS));
  let d: number;
  let loc: number;
  let sign: 1 | -1;
  if (alternative === 'less' || (alternative === 'two-sided' && minSpos > maxS)) {
    d = minSpos; loc = locMin; sign = -1;
  } else {
    d = maxS; loc = locMax; sign = 1;
  }
  const g = gcd(n1, n2);
  const n1g = n1 / g;
  const n2g = n2 / g;
  let prob = NaN;
  if (method === 'auto') method = Math.max(n1, n2) <= MAX_AUTO_N ? 'exact' : 'asymp';
  else if (method === 'exact' && n1g >= 2147483647 / n2g) method = 'asymp';
  if (method === 'exact') {
    const r = attemptExact(n1, n2, g, d, alternative);
    d = r.d;
    if (r.ok) prob = r.p;
    else method = 'asymp';
  }
  if (method === 'asymp') {
    const m = Math.max(n1, n2);
    const n = Math.min(n1, n2);
    const en = (m * n) / (m + n);
    if (alternative === 'two-sided') {
      prob = kstwoSf(d, roundHalfEven(en));
    } else {
      const z = Math.sqrt(en) * d;
      const expt = -2 * z * z - (2 * z * (m + 2 * n)) / Math.sqrt(m * n * (m + n)) / 3;
      prob = Math.exp(expt);
    }
  }
  prob = Number.isNaN(prob) ? NaN : Math.min(1, Math.max(0, prob)); // NaN when round(mn/(m+n)) = 0, as scipy
  return { statistic: d, pvalue: prob, statisticLocation: loc, statisticSign: sign, method: method as 'exact' | 'asymp' };
}

/** numpy.round: round half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
