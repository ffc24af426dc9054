/**
 * Maximum mean discrepancy with an RBF kernel (the test alibi-detect's MMDDrift runs), computed once on
 * the pooled kernel matrix: the unbiased MMD², the median-heuristic bandwidth, and a seeded permutation
 * test whose permutations reuse the matrix (O(N²·d) once, then O(min(m, n)²) per permutation).
 */
import { EdgeAugmentError } from '../../errors.js';
import { hasNaN, toF64, type NumericArray } from './input.js';

/** A matrix of row vectors: an array of rows, or a flat row-major buffer with its row length. */
export type Matrix = readonly NumericArray[] | { readonly data: NumericArray; readonly dim: number };

/** Options of {@link mmd2}. */
export interface Mmd2Options {
  /**
   * RBF bandwidth σ in k(a, b) = exp(−‖a − b‖² / (2σ²)). Default: the median heuristic
   * σ = √(½ · median_{i≠j} ‖x_i − x_j‖²) over the reference sample X.
   */
  sigma?: number;
}

/** Result of {@link mmd2}. */
export interface Mmd2Result {
  /** Unbiased MMD² estimate (can be slightly negative). */
  statistic: number;
  /** Bandwidth used. */
  sigma: number;
}

/** Options of {@link mmdTest}. */
export interface MmdTestOptions extends Mmd2Options {
  /** Number of permutations B (default 100). */
  permutations?: number;
  /** Seed of the permutation PRNG (default 0); the same seed gives the same p-value in every runtime. */
  seed?: number;
}

/** Result of {@link mmdTest}. */
export interface MmdTestResult extends Mmd2Result {
  /** (b + 1) / (B + 1), b = #permutations with statistic ≥ the observed one. */
  pvalue: number;
  /** MMD² of each permutation, in order. */
  nullDistribution: Float64Array;
}

const MAX_POOLED = 8192;

/** Converts a {@link Matrix} to a flat row-major Float64Array. */
function flatten(x: Matrix, name: string): { data: Float64Array; n: number; d: number } {
  if (Array.isArray(x)) {
    const rows = x as readonly NumericArray[];
    const n = rows.length;
    if (n === 0) throw new EdgeAugmentError('INSUFFICIENT_DATA', `${name} has no rows.`);
    const d = rows[0].length;
    if (d === 0) throw new EdgeAugmentError('INVALID_ARGUMENT', `${name} rows must not be empty.`);
    const data = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const r = toF64(rows[i], `${name}[${i}]`);
      if (r.length !== d) throw new EdgeAugmentError('INVALID_ARGUMENT', `${name}[${i}] has ${r.length} values, row 0 has ${d}.`);
      data.set(r, i * d);
    }
    return { data, n, d };
  }
  const m = x as { data: NumericArray; dim: number };
  if (!m || typeof m !== 'object' || !('data' in m) || !Number.isInteger(m.dim) || m.dim <= 0) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `${name} must be an array of rows or { data, dim } with a positive integer dim.`);
  }
  const data = toF64(m.data, `${name}.data`);
  if (data.length % m.dim !== 0) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `${name}.data length ${data.length} is not a multiple of dim ${m.dim}.`);
  }
  const n = data.length / m.dim;
  if (n === 0) throw new EdgeAugmentError('INSUFFICIENT_DATA', `${name} has no rows.`);
  return { data, n, d: m.dim };
}

interface Pooled {
  K: Float64Array;
  N: number;
  m: number;
  n: number;
  sigma: number;
}

/** Builds the pooled kernel matrix of [X; Y]. */
function pooledKernel(X: Matrix, Y: Matrix, sigmaOpt: number | undefined): Pooled {
  const x = flatten(X, 'X');
  const y = flatten(Y, 'Y');
  if (x.d !== y.d) throw new EdgeAugmentError('INVALID_ARGUMENT', `X and Y must have the same dimension (${x.d} vs ${y.d}).`);
  if (x.n < 2 || y.n < 2) throw new EdgeAugmentError('INSUFFICIENT_DATA', 'the unbiased MMD² needs at least 2 rows in X and in Y.');
  const m = x.n;
  const n = y.n;
  const N = m + n;
  const d = x.d;
  if (N > MAX_POOLED) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `MMD keeps the ${N}×${N} kernel matrix in memory; subsample to at most ${MAX_POOLED} rows in total.`);
  }
  if (sigmaOpt !== undefined && !(sigmaOpt > 0 && Number.isFinite(sigmaOpt))) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `sigma must be a positive finite number (got ${sigmaOpt}).`);
  }
  const Z = new Float64Array(N * d);
  Z.set(x.data);
  Z.set(y.data, m * d);
  if (hasNaN(Z)) return { K: new Float64Array(0), N, m, n, sigma: NaN };
  const K = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    const oi = i * d;
    for (let j = i + 1; j < N; j++) {
      const oj = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) { const e = Z[oi + t] - Z[oj + t]; s += e * e; }
      K[i * N + j] = s;
    }
  }
  let sigma = sigmaOpt;
  if (sigma === undefined) {
    const dx = new Float64Array((m * (m - 1)) / 2);
    let c = 0;
    for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) dx[c++] = K[i * N + j];
    dx.sort();
    const h = dx.length >> 1;
    const med = dx.length % 2 ? dx[h] : (dx[h - 1] + dx[h]) / 2;
    if (!(med > 0)) {
      throw new EdgeAugmentError('INSUFFICIENT_DATA', 'the median pairwise distance in X is 0, so the median heuristic gives σ = 0; pass sigma explicitly.');
    }
    sigma = Math.sqrt(0.5 * med);
  }
  const g = -1 / (2 * sigma * sigma);
  for (let i = 0; i < N; i++) {
    K[i * N + i] = 1;
    for (let j = i + 1; j < N; j++) {
      const k = Math.exp(g * K[i * N + j]);
      K[i * N + j] = k;
      K[j * N + i] = k;
    }
  }
  return { K, N, m, n, sigma };
}

/** Off-diagonal sum Σ_{i≠j ∈ idx} K_ij for sorted indices. */
function blockSum(K: Float64Array, N: number, idx: Uint32Array, from: number, to: number): number {
  let s = 0;
  for (let a = from; a < to; a++) {
    const row = idx[a] * N;
    for (let b = a + 1; b < to; b++) s += K[row + idx[b]];
  }
  return 2 * s;
}

/**
 * Statistic for the split idx[0..m) vs idx[m..N); `rowSums[i]` = Σ_{j≠i} K_ij, `total` = Σ rowSums.
 * Only the smaller block's internal sum is computed; the rest follows from the row sums.
 */
function splitStatistic(P: Pooled, idx: Uint32Array, rowSums: Float64Array, total: number): number {
  const { K, N, m, n } = P;
  let sxx: number;
  let syy: number;
  let sxy: number;
  if (m <= n) {
    sxx = blockSum(K, N, idx, 0, m);
    let r = 0;
    for (let a = 0; a < m; a++) r += rowSums[idx[a]];
    sxy = r - sxx;
    syy = total - sxx - 2 * sxy;
  } else {
    syy = blockSum(K, N, idx, m, N);
    let r = 0;
    for (let a = m; a < N; a++) r += rowSums[idx[a]];
    sxy = r - syy;
    sxx = total - syy - 2 * sxy;
  }
  return sxx / (m * (m - 1)) + syy / (n * (n - 1)) - (2 * sxy) / (m * n);
}

/**
 * Unbiased MMD² between samples X (reference) and Y with an RBF kernel.
 * @throws EdgeAugmentError 'INSUFFICIENT_DATA' (fewer than 2 rows, or σ = 0 from the heuristic),
 *   'INVALID_ARGUMENT' (ragged rows, dimension mismatch, bad σ, more than 8192 rows in total).
 * @example mmd2([[0, 0], [1, 0], [0, 1]], [[3, 3], [4, 3], [3, 4]]).statistic
 */
export function mmd2(X: Matrix, Y: Matrix, options: Mmd2Options = {}): Mmd2Result {
  const P = pooledKernel(X, Y, options.sigma);
  if (P.sigma !== P.sigma) return { statistic: NaN, sigma: NaN };
  const { K, N, m, n } = P;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) sxx += K[i * N + j];
  for (let i = m; i < N; i++) for (let j = i + 1; j < N; j++) syy += K[i * N + j];
  for (let i = 0; i < m; i++) for (let j = m; j < N; j++) sxy += K[i * N + j];
  const statistic = (2 * sxx) / (m * (m - 1)) + (2 * syy) / (n * (n - 1)) - (2 * sxy) / (m * n);
  return { statistic, sigma: P.sigma };
}

/** Counter-based 32-bit generator (SplitMix32-style finaliser over a Weyl sequence). */
function makeRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Unbiased integer in [0, k) by rejection. */
function below(next: () => number, k: number): number {
  const limit = Math.floor(4294967296 / k) * k;
  for (;;) {
    const u = next();
    if (u < limit) return u % k;
  }
}

/**
 * Permutation test of MMD² = 0: the observed unbiased MMD² against B seeded random re-splits of the
 * pooled sample; p = (b + 1)/(B + 1), never 0.
 * @throws EdgeAugmentError as {@link mmd2}, and 'INVALID_ARGUMENT' for a bad permutation count or seed.
 * @example mmdTest(reference, current, { permutations: 200, seed: 7 }).pvalue
 */
export function mmdTest(X: Matrix, Y: Matrix, options: MmdTestOptions = {}): MmdTestResult {
  const B = options.permutations ?? 100;
  if (!Number.isInteger(B) || B < 1) throw new EdgeAugmentError('INVALID_ARGUMENT', `permutations must be a positive integer (got ${B}).`);
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) throw new EdgeAugmentError('INVALID_ARGUMENT', `seed must be an integer (got ${seed}).`);
  const P = pooledKernel(X, Y, options.sigma);
  const { K, N, m } = P;
  if (P.sigma !== P.sigma) return { statistic: NaN, sigma: NaN, pvalue: NaN, nullDistribution: new Float64Array(B).fill(NaN) };
  const rowSums = new Float64Array(N);
  let total = 0;
  for (let i = 0; i < N; i++) {
    let s = 0;
    const o = i * N;
    for (let j = 0; j < N; j++) if (j !== i) s += K[o + j];
    rowSums[i] = s;
    total += s;
  }
  const idx = new Uint32Array(N);
  for (let i = 0; i < N; i++) idx[i] = i;
  const observed = splitStatistic(P, idx, rowSums, total);
  const next = makeRng(seed);
  const perm = new Uint32Array(N);
  const nullDistribution = new Float64Array(B);
  let b = 0;
  for (let r = 0; r < B; r++) {
    for (let i = 0; i < N; i++) perm[i] = i;
    for (let i = N - 1; i > 0; i--) {
      const j = below(next, i + 1);
      const t = perm[i]; perm[i] = perm[j]; perm[j] = t;
    }
    // sort each block for cache-friendlier row access (the sums do not depend on order)
    perm.subarray(0, m).sort();
    perm.subarray(m).sort();
    const s = splitStatistic(P, perm, rowSums, total);
    nullDistribution[r] = s;
    if (s >= observed) b++;
  }
  return { statistic: observed, sigma: P.sigma, pvalue: (b + 1) / (B + 1), nullDistribution };
}
