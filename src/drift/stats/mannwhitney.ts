/**
 * Mann–Whitney U test (scipy.stats.mannwhitneyu, scipy 1.10 defaults): U of the first sample, exact
 * null distribution when 'auto' finds a sample of size ≤ 8 and no ties, else the normal approximation
 * with tie correction and (by default) continuity correction.
 */
import { EdgeAugmentError, describeValue } from '../../errors.js';
import { hasNaN, oneOf, rankAverage, sample, type NumericArray } from './input.js';
import type { Alternative } from './ks.js';
import { normSf } from './special.js';

/** Options of {@link mannWhitneyU}. */
export interface MannWhitneyOptions {
  /** Default 'two-sided'. */
  alternative?: Alternative;
  /** Continuity correction for the normal approximation (default true). */
  useContinuity?: boolean;
  /** 'auto' (default): exact when min(n1, n2) ≤ 8 and there are no ties. */
  method?: 'auto' | 'exact' | 'asymptotic';
}

/** Result of {@link mannWhitneyU}. */
export interface MannWhitneyResult {
  /** U statistic of the first sample. */
  statistic: number;
  pvalue: number;
  method: 'exact' | 'asymptotic';
}

/**
 * Counts of the null distribution of U for sizes m, n: coefficients of the Gaussian binomial
 * [m+n choose m]_q, built as Π_{i=1..s} (1 − q^{L+i}) / (1 − q^i) with s = min, L = max.
 */
function uDistribution(m: number, n: number): Float64Array {
  const s = Math.min(m, n);
  const L = Math.max(m, n);
  const size = m * n + 1;
  const c = new Float64Array(size);
  c[0] = 1;
  let deg = 0;
  for (let i = 1; i <= s; i++) {
    // multiply by (1 − q^{L+i})
    const sh = L + i;
    const newDeg = deg + sh;
    for (let k = Math.min(newDeg, size - 1); k >= sh; k--) c[k] -= c[k - sh];
    // divide by (1 − q^i): prefix sums with stride i
    const finalDeg = deg + L; // degree of [L+i choose i]_q is i·L
    for (let k = i; k <= Math.min(finalDeg, size - 1); k++) c[k] += c[k - i];
    for (let k = finalDeg + 1; k < size; k++) c[k] = 0;
    deg = finalDeg;
  }
  return c;
}

/**
 * Mann–Whitney U rank test.
 * @throws EdgeAugmentError 'INSUFFICIENT_DATA' for an empty sample, 'INVALID_ARGUMENT' for a bad option.
 * @example mannWhitneyU([1.1, 2.3, 0.4], [3.3, 4.1, 2.9, 5.0])
 */
export function mannWhitneyU(x: NumericArray, y: NumericArray, options: MannWhitneyOptions = {}): MannWhitneyResult {
  const alternative = oneOf(options.alternative, ['two-sided', 'less', 'greater'] as const, 'two-sided', 'alternative');
  let method = oneOf(options.method, ['auto', 'exact', 'asymptotic'] as const, 'auto', 'method');
  const useContinuity = options.useContinuity ?? true;
  if (typeof useContinuity !== 'boolean') {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `useContinuity must be true or false, got ${describeValue(useContinuity)}.`);
  }
  const a = sample(x, 'x');
  const b = sample(y, 'y');
  const n1 = a.length;
  const n2 = b.length;
  if (hasNaN(a) || hasNaN(b)) return { statistic: NaN, pvalue: NaN, method: method === 'exact' ? 'exact' : 'asymptotic' };
  const xy = new Float64Array(n1 + n2);
  xy.set(a);
  xy.set(b, n1);
  const { ranks, tieTerm } = rankAverage(xy);
  if (method === 'auto') method = n1 > 8 && n2 > 8 ? 'asymptotic' : tieTerm > 0 ? 'asymptotic' : 'exact';
  let R1 = 0;
  for (let i = 0; i < n1; i++) R1 += ranks[i];
  const U1 = R1 - (n1 * (n1 + 1)) / 2;
  const U2 = n1 * n2 - U1;
  let U: number;
  let f: number;
  if (alternative === 'greater') { U = U1; f = 1; }
  else if (alternative === 'less') { U = U2; f = 1; }
  else { U = Math.max(U1, U2); f = 2; }
  let p: number;
  if (method === 'exact') {
    // sf(U) = cdf(mn − U) = Σ_{k ≤ mn−U} pmf(k)
    const counts = uDistribution(n1, n2);
    let total = 0;
    for (let k = 0; k < counts.length; k++) total += counts[k];
    const kmax = n1 * n2 - Math.trunc(U);
    let acc = 0;
    for (let k = 0; k <= kmax; k++) acc += counts[k];
    p = acc / total;
  } else {
    const mu = (n1 * n2) / 2;
    const n = n1 + n2;
    const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    let num = U - mu;
    if (useContinuity) num -= 0.5;
    p = normSf(num / s);
  }
  p *= f;
  p = Math.min(1, Math.max(0, p));
  return { statistic: U1, pvalue: p, method };
}
