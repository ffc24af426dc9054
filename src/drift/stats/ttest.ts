/**
 * Independent two-sample t test (scipy.stats.ttest_ind): Student's pooled-variance test by default,
 * Welch's test with `equalVar: false`.
 */
import { EdgeAugmentError, describeValue } from '../../errors.js';
import { ItemRandom } from '../../plan/rng.js';
import { hasNaN, oneOf, sample, sortInPlace, type NumericArray } from './input.js';
import type { Alternative } from './ks.js';
import { tCdf } from './special.js';

/** Options of {@link ttestInd}. */
export interface TtestIndOptions {
  /** Pooled variance (Student, default true) or Welch–Satterthwaite (false). */
  equalVar?: boolean;
  /** Default 'two-sided'. */
  alternative?: Alternative;
  /**
   * NaN handling (scipy's nan_policy): 'propagate' (default: NaN result), 'omit' (drop NaNs; not with
   * `trim` or `permutations`, as scipy 1.10) or 'raise' (INVALID_ARGUMENT).
   */
  nanPolicy?: 'propagate' | 'omit' | 'raise';
  /**
   * Yuen's trimmed t test: the fraction in [0, 0.5) cut from each end of each sample (trimmed means,
   * winsorized variances), as scipy's `trim`. Default 0.
   */
  trim?: number;
  /**
   * A permutation test instead of the t distribution (scipy's `permutations`): when it is at least the
   * number of distinct splits C(n₁+n₂, n₁) every split is enumerated (exact, = scipy); otherwise that
   * many random splits are drawn from the counter-based generator with `seed` (scipy draws with NumPy,
   * so those p-values agree with scipy's only within Monte-Carlo error), p = (hits + 1)/(B + 1).
   */
  permutations?: number;
  /** Seed of random permutations (default 0). */
  seed?: number;
}

/** Result of {@link ttestInd}. */
export interface TtestIndResult {
  statistic: number;
  pvalue: number;
  /** Degrees of freedom. */
  df: number;
}

/** Mean and unbiased variance (two-pass, compensated). */
function meanVar(a: Float64Array): [number, number] {
  const n = a.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i];
  let mean = s / n;
  let c = 0;
  for (let i = 0; i < n; i++) c += a[i] - mean;
  mean += c / n;
  let ss = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) { const d = a[i] - mean; ss += d * d; comp += d; }
  const v = (ss - (comp * comp) / n) / (n - 1);
  return [mean, v];
}

/**
 * Two-sample t test for equal means.
 * A sample of size 1 has undefined variance: the result is NaN (as scipy).
 * @throws EdgeAugmentError 'INSUFFICIENT_DATA' for an empty sample.
 * @example ttestInd([5.1, 4.9, 5.6, 5.8], [6.0, 6.2, 5.9, 6.5], { equalVar: false })
 */
/** Trimmed mean, winsorized variance (ddof 2g + 1) and effective size n − 2g, as scipy's `_ttest_trim_var_mean_len`. */
function trimmedStats(a: Float64Array, trim: number): [number, number, number] {
  const s = sortInPlace(a.slice());
  const n = s.length;
  const g = Math.floor(trim * n);
  if (g === 0) { const [m, v] = n > 1 ? meanVar(s) : [s[0], NaN]; return [m, v, n]; }
  let sum = 0;
  for (let i = g; i < n - g; i++) sum += s[i];
  const m = sum / (n - 2 * g);
  const w = s.slice();
  for (let i = 0; i < g; i++) { w[i] = s[g]; w[n - 1 - i] = s[n - g - 1]; }
  let wm = 0;
  for (let i = 0; i < n; i++) wm += w[i];
  wm /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (w[i] - wm) * (w[i] - wm);
  return [m, ss / (n - (2 * g + 1)), n - 2 * g];
}

function tFromStats(m1: number, v1: number, n1: number, m2: number, v2: number, n2: number, equalVar: boolean): { t: number; df: number } {
  let df: number;
  let denom: number;
  if (equalVar) {
    df = n1 + n2 - 2;
    const svar = ((n1 - 1) * v1 + (n2 - 1) * v2) / df;
    denom = Math.sqrt(svar * (1 / n1 + 1 / n2));
  } else {
    const vn1 = v1 / n1;
    const vn2 = v2 / n2;
    df = (vn1 + vn2) ** 2 / ((vn1 * vn1) / (n1 - 1) + (vn2 * vn2) / (n2 - 1));
    if (Number.isNaN(df)) df = 1;
    denom = Math.sqrt(vn1 + vn2);
  }
  return { t: (m1 - m2) / denom, df };
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** Permutation p-value of the t statistic over splits of the pooled data (see `permutations`). */
function permutationP(x: Float64Array, y: Float64Array, tObs: number, equalVar: boolean, alternative: Alternative, permutations: number, seed: number): number {
  const n1 = x.length, n = n1 + y.length;
  const all = new Float64Array(n);
  all.set(x); all.set(y, n1);
  const a = new Float64Array(n1), b = new Float64Array(n - n1);
  // Splits whose t equals the observed one mathematically must count as at least as extreme; in
  // floating point they land an ulp either side, so compare with a relative tolerance of 1e-12.
  const tol = 1e-12 * Math.abs(tObs);
  const hit = (t: number) => alternative === 'less' ? t <= tObs + tol : alternative === 'greater' ? t >= tObs - tol : t <= -Math.abs(tObs) + tol || t >= Math.abs(tObs) - tol;
  const tOf = (inA: (i: number) => boolean) => {
    let ia = 0, ib = 0;
    for (let i = 0; i < n; i++) { if (inA(i)) a[ia++] = all[i]; else b[ib++] = all[i]; }
    // Sorted groups: the same multiset always gives the same t to the bit, so splits that only swap
    // equal values tie with the observed t instead of falling either side of it by an ulp.
    a.sort(); b.sort();
    const [m1, v1] = n1 > 1 ? meanVar(a) : [a[0], NaN];
    const [m2, v2] = n - n1 > 1 ? meanVar(b) : [b[0], NaN];
    return tFromStats(m1, v1, n1, m2, v2, n - n1, equalVar).t;
  };
  const nMax = binomial(n, n1);
  let hits = 0;
  if (permutations >= nMax) {
    // Every split: combinations of n1 indices in lexicographic order.
    const idx = Array.from({ length: n1 }, (_, i) => i);
    const mark = new Uint8Array(n);
    for (;;) {
      mark.fill(0);
      for (const i of idx) mark[i] = 1;
      if (hit(tOf((i) => mark[i] === 1))) hits++;
      let k = n1 - 1;
      while (k >= 0 && idx[k] === n - n1 + k) k--;
      if (k < 0) break;
      idx[k]++;
      for (let j = k + 1; j < n1; j++) idx[j] = idx[j - 1] + 1;
    }
    return hits / nMax;
  }
  const perm = new Uint32Array(n);
  const mark = new Uint8Array(n);
  for (let r = 0; r < permutations; r++) {
    const rng = new ItemRandom(seed, r, 0x74746573);
    for (let i = 0; i < n; i++) perm[i] = i;
    for (let i = 0; i < n1; i++) { const j = i + rng.int(n - i); const t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
    mark.fill(0);
    for (let i = 0; i < n1; i++) mark[perm[i]] = 1;
    if (hit(tOf((i) => mark[i] === 1))) hits++;
  }
  return (hits + 1) / (permutations + 1);
}

export function ttestInd(a: NumericArray, b: NumericArray, options: TtestIndOptions = {}): TtestIndResult {
  const alternative = oneOf(options.alternative, ['two-sided', 'less', 'greater'] as const, 'two-sided', 'alternative');
  const equalVar = options.equalVar ?? true;
  if (typeof equalVar !== 'boolean') throw new EdgeAugmentError('INVALID_ARGUMENT', `equalVar must be true or false, got ${describeValue(equalVar)}.`);
  const nanPolicy = oneOf(options.nanPolicy, ['propagate', 'omit', 'raise'] as const, 'propagate', 'nanPolicy');
  const trim = options.trim ?? 0;
  if (typeof trim !== 'number' || !(trim >= 0 && trim < 0.5)) throw new EdgeAugmentError('INVALID_ARGUMENT', `trim must be a number in [0, 0.5), got ${describeValue(trim)}.`);
  const permutations = options.permutations ?? 0;
  if (typeof permutations !== 'number' || !Number.isInteger(permutations) || permutations < 0) throw new EdgeAugmentError('INVALID_ARGUMENT', `permutations must be an integer ≥ 0, got ${describeValue(permutations)}.`);
  if (permutations && trim) throw new EdgeAugmentError('INVALID_ARGUMENT', 'permutations and trim cannot be combined (as scipy 1.10).');
  let x = sample(a, 'a');
  let y = sample(b, 'b');
  if (hasNaN(x) || hasNaN(y)) {
    if (nanPolicy === 'raise') throw new EdgeAugmentError('INVALID_ARGUMENT', 'The input contains NaN (nanPolicy: raise).');
    if (nanPolicy === 'propagate') return { statistic: NaN, pvalue: NaN, df: NaN };
    if (permutations || trim) throw new EdgeAugmentError('INVALID_ARGUMENT', "nanPolicy 'omit' with NaNs present is not supported by permutation or trimmed tests (as scipy 1.10).");
    x = x.filter((v) => v === v);
    y = y.filter((v) => v === v);
    if (!x.length || !y.length) return { statistic: NaN, pvalue: NaN, df: NaN };
  }
  const n1 = x.length;
  const n2 = y.length;
  if (trim > 0) {
    const [tm1, tv1, tn1] = trimmedStats(x, trim);
    const [tm2, tv2, tn2] = trimmedStats(y, trim);
    const r = tFromStats(tm1, tv1, tn1, tm2, tv2, tn2, equalVar);
    return { statistic: r.t, pvalue: pOf(r.t, r.df, alternative), df: r.df };
  }
  const [m1, v1] = n1 > 1 ? meanVar(x) : [x[0], NaN];
  const [m2, v2] = n2 > 1 ? meanVar(y) : [y[0], NaN];
  if (permutations > 0) {
    const r = tFromStats(m1, v1, n1, m2, v2, n2, equalVar);
    const xs = sortInPlace(x.slice()), ys = sortInPlace(y.slice());
    const [sm1, sv1] = n1 > 1 ? meanVar(xs) : [xs[0], NaN];
    const [sm2, sv2] = n2 > 1 ? meanVar(ys) : [ys[0], NaN];
    const tSorted = tFromStats(sm1, sv1, n1, sm2, sv2, n2, equalVar).t;
    return { statistic: r.t, pvalue: permutationP(x, y, tSorted, equalVar, alternative, permutations, options.seed ?? 0), df: r.df };
  }
  const { t, df } = tFromStats(m1, v1, n1, m2, v2, n2, equalVar);
  return { statistic: t, pvalue: pOf(t, df, alternative), df };
}

function pOf(t: number, df: number, alternative: Alternative): number {
  if (alternative === 'less') return tCdf(t, df);
  if (alternative === 'greater') return tCdf(-t, df);
  return tCdf(-Math.abs(t), df) * 2;
}
