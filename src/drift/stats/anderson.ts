/**
 * k-sample Anderson–Darling test (scipy.stats.anderson_ksamp, midrank version A²akN of Scholz &
 * Stephens 1987). The significance level is interpolated exactly as scipy 1.10 does it — a quadratic
 * least-squares fit of log(significance) against the critical values — and capped to [0.001, 0.25].
 */
import { EdgeAugmentError, describeValue } from '../../errors.js';
import { hasNaN, sample, sortInPlace, type NumericArray } from './input.js';

/** Result of {@link andersonKsamp}. */
export interface AndersonKsampResult {
  /** Normalised k-sample AD statistic. */
  statistic: number;
  /** Critical values for significance levels 25%, 10%, 5%, 2.5%, 1%, 0.5%, 0.1%. */
  criticalValues: number[];
  /** Approximate p-value, capped to [0.001, 0.25]. */
  pvalue: number;
  /** Same as `pvalue` (scipy's alias). */
  significanceLevel: number;
  /** 'capped' when the true value is above 0.25, 'floored' when below 0.001. */
  capped: 'none' | 'capped' | 'floored';
}

const SIG = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];
const B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
const B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
const B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];

/** Indices: first position with s[i] ≥ v (left) or > v (right). */
function searchLeft(s: Float64Array, v: number): number {
  let lo = 0; let hi = s.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (s[mid] < v) lo = mid + 1; else hi = mid; }
  return lo;
}
function searchRight(s: Float64Array, v: number): number {
  let lo = 0; let hi = s.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (s[mid] <= v) lo = mid + 1; else hi = mid; }
  return lo;
}

/** Least-squares quadratic fit y ≈ c0 x² + c1 x + c2 (Householder QR on column-scaled Vandermonde). */
function polyfit2(x: number[], y: number[]): [number, number, number] {
  const n = x.length;
  const A: number[][] = x.map((xi) => [xi * xi, xi, 1]);
  const scale = [0, 1, 2].map((j) => Math.sqrt(A.reduce((s, r) => s + r[j] * r[j], 0)));
  for (const r of A) for (let j = 0; j < 3; j++) r[j] /= scale[j];
  const b = y.slice();
  for (let k = 0; k < 3; k++) {
    let norm = 0;
    for (let i = k; i < n; i++) norm += A[i][k] * A[i][k];
    norm = Math.sqrt(norm);
    const alpha = A[k][k] > 0 ? -norm : norm;
    const v = new Array(n).fill(0);
    for (let i = k; i < n; i++) v[i] = A[i][k];
    v[k] -= alpha;
    let vv = 0;
    for (let i = k; i < n; i++) vv += v[i] * v[i];
    if (vv === 0) continue;
    for (let j = k; j < 3; j++) {
      let dot = 0;
      for (let i = k; i < n; i++) dot += v[i] * A[i][j];
      const f = (2 * dot) / vv;
      for (let i = k; i < n; i++) A[i][j] -= f * v[i];
    }
    let dot = 0;
    for (let i = k; i < n; i++) dot += v[i] * b[i];
    const f = (2 * dot) / vv;
    for (let i = k; i < n; i++) b[i] -= f * v[i];
  }
  const c = [0, 0, 0];
  for (let k = 2; k >= 0; k--) {
    let s = b[k];
    for (let j = k + 1; j < 3; j++) s -= A[k][j] * c[j];
    c[k] = s / A[k][k];
  }
  return [c[0] / scale[0], c[1] / scale[1], c[2] / scale[2]];
}

/** Options of {@link andersonKsamp}. */
export interface AndersonKsampOptions {
  /**
   * The midrank statistic A²akN (default true; for continuous and discrete data), or with false the
   * right-continuous A²kN of Scholz & Stephens' equation 6 (continuous data), as scipy's `midrank`.
   */
  midrank?: boolean;
}

/** A²kN with the right-continuous EDF (scipy's `_anderson_ksamp_right`). */
function rightStatistic(xs: Float64Array[], Z: Float64Array, zstar: number[], n: number[], N: number): number {
  const L = zstar.length - 1; // Zstar[:-1]
  const lj = new Float64Array(L);
  const Bj = new Float64Array(L);
  let cum = 0;
  for (let t = 0; t < L; t++) {
    lj[t] = searchRight(Z, zstar[t]) - searchLeft(Z, zstar[t]);
    cum += lj[t];
    Bj[t] = cum;
  }
  let A2kN = 0;
  for (let i = 0; i < xs.length; i++) {
    let inner = 0;
    for (let t = 0; t < L; t++) {
      const Mij = searchRight(xs[i], zstar[t]);
      inner += ((lj[t] / N) * (N * Mij - Bj[t] * n[i]) ** 2) / (Bj[t] * (N - Bj[t]));
    }
    A2kN += inner / n[i];
  }
  return A2kN;
}

/**
 * k-sample Anderson–Darling test.
 *
 * @param samples at least two samples, none empty
 * @throws EdgeAugmentError 'INSUFFICIENT_DATA' for fewer than 2 samples, an empty sample, or fewer than
 *   2 distinct values overall.
 * @example andersonKsamp([[1, 2, 3, 4], [2.5, 3.5, 5, 6, 7]])
 */
export function andersonKsamp(samples: readonly NumericArray[], options: AndersonKsampOptions = {}): AndersonKsampResult {
  const midrank = options.midrank ?? true;
  if (typeof midrank !== 'boolean') throw new EdgeAugmentError('INVALID_ARGUMENT', `midrank must be true or false, got ${describeValue(midrank)}.`);
  if (!Array.isArray(samples) || samples.length < 2) {
    throw new EdgeAugmentError('INSUFFICIENT_DATA', 'andersonKsamp needs at least two samples.');
  }
  const k = samples.length;
  const xs = samples.map((s, i) => sortInPlace(sample(s, `samples[${i}]`))); // sample() copies
  const n = xs.map((s) => s.length);
  const N = n.reduce((a, b) => a + b, 0);
  if (N < 4) {
    // scipy divides by (N−1)(N−2)(N−3) and fails or returns a meaningless value below 4 observations
    throw new EdgeAugmentError('INSUFFICIENT_DATA', `andersonKsamp needs at least 4 observations in total (got ${N}).`);
  }
  const m = k - 1;
  const critical = B0.map((b0, i) => b0 + B1[i] / Math.sqrt(m) + B2[i] / m);
  if (xs.some(hasNaN)) {
    return { statistic: NaN, criticalValues: critical, pvalue: NaN, significanceLevel: NaN, capped: 'none' };
  }
  const Z = new Float64Array(N);
  let off = 0;
  for (const s of xs) { Z.set(s, off); off += s.length; }
  Z.sort();
  const zstar: number[] = [];
  for (let i = 0; i < N; i++) if (i === 0 || Z[i] !== Z[i - 1]) zstar.push(Z[i]);
  if (zstar.length < 2) {
    throw new EdgeAugmentError('INSUFFICIENT_DATA', 'andersonKsamp needs more than one distinct observation.');
  }
  const L = zstar.length;
  let A2akN = midrank ? 0 : rightStatistic(xs, Z, zstar, n, N);
  if (midrank) {
    const lj = new Float64Array(L);
    const Bj = new Float64Array(L);
    for (let t = 0; t < L; t++) {
      const left = searchLeft(Z, zstar[t]);
      lj[t] = N === L ? 1 : searchRight(Z, zstar[t]) - left;
      Bj[t] = left + lj[t] / 2;
    }
    for (let i = 0; i < k; i++) {
      const s = xs[i];
      let inner = 0;
      for (let t = 0; t < L; t++) {
        const r = searchRight(s, zstar[t]);
        const fij = r - searchLeft(s, zstar[t]);
        const Mij = r - fij / 2;
        inner += ((lj[t] / N) * (N * Mij - Bj[t] * n[i]) ** 2) / (Bj[t] * (N - Bj[t]) - (N * lj[t]) / 4);
      }
      A2akN += inner / n[i];
    }
    A2akN *= (N - 1) / N;
  }
  let H = 0;
  for (const ni of n) H += 1 / ni;
  // hs_cs = cumsum(1/(N−1), 1/(N−2), …, 1/2); h = hs_cs[−1] + 1; g = Σ hs_cs / (2 … N−1)
  let hsum = 0;
  let g = 0;
  const hs: number[] = [];
  for (let v = N - 1; v > 1; v--) { hsum += 1 / v; hs.push(hsum); }
  const h = (hs.length ? hs[hs.length - 1] : 0) + 1;
  for (let i = 0; i < hs.length; i++) g += hs[i] / (i + 2);
  const a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * H;
  const b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * H - 8 * h + 4 * g - 6;
  const c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * H + 4 * h;
  const d = (2 * h + 6) * k * k - 4 * h * k;
  const sigmasq = (a * N ** 3 + b * N ** 2 + c * N + d) / ((N - 1) * (N - 2) * (N - 3));
  const A2 = (A2akN - m) / Math.sqrt(sigmasq);
  let p: number;
  let capped: AndersonKsampResult['capped'] = 'none';
  if (A2 < Math.min(...critical)) { p = 0.25; capped = 'capped'; }
  else if (A2 > Math.max(...critical)) { p = 0.001; capped = 'floored'; }
  else {
    const [c2, c1, c0] = polyfit2(critical, SIG.map(Math.log));
    p = Math.exp((c2 * A2 + c1) * A2 + c0);
  }
  return { statistic: A2, criticalValues: critical, pvalue: p, significanceLevel: p, capped };
}
