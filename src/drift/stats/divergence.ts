/**
 * Divergences and distances between two discrete distributions given as histograms (counts or
 * probabilities over the same bins). Every function normalises both inputs to sum 1 first, as
 * scipy.spatial.distance.jensenshannon and scipy.stats.entropy do.
 */
import { EdgeAugmentError, describeValue } from '../../errors.js';
import { normalisedWeights, type NumericArray } from './input.js';

function pair(p: NumericArray, q: NumericArray): [Float64Array, Float64Array] {
  const a = normalisedWeights(p, 'p');
  const b = normalisedWeights(q, 'q');
  if (a.length !== b.length) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `p and q must have the same number of bins (${a.length} vs ${b.length}).`);
  }
  return [a, b];
}

/** x·ln(x/y) with scipy.special.rel_entr's conventions (0 at x = 0, ∞ when y = 0 < x). */
function relEntr(x: number, y: number): number {
  if (x !== x || y !== y) return NaN;
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

/** Options of {@link jensenShannon}. */
export interface JensenShannonOptions {
  /** Logarithm base; default e (natural log). NannyML uses 2. */
  base?: number;
}

/**
 * Jensen–Shannon *distance* (scipy.spatial.distance.jensenshannon): √(JS divergence). In base 2 it lies
 * in [0, 1]; TFDV's "JS divergence" is the square of the base-2 value. A rounding-level negative
 * divergence is clamped to 0 (scipy would return NaN there).
 * @example jensenShannon([1, 0], [0, 1], { base: 2 }) // 1
 */
export function jensenShannon(p: NumericArray, q: NumericArray, options: JensenShannonOptions = {}): number {
  const [a, b] = pair(p, q);
  const base = options.base;
  if (base !== undefined && !(base > 0 && base !== 1)) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `base must be positive and not 1 (got ${base}).`);
  }
  let left = 0;
  let right = 0;
  for (let i = 0; i < a.length; i++) {
    const m = (a[i] + b[i]) / 2;
    left += relEntr(a[i], m);
    right += relEntr(b[i], m);
  }
  let js = left + right;
  if (base !== undefined) js /= Math.log(base);
  return Math.sqrt(Math.max(0, js / 2));
}

/** Options of {@link klDivergence} and {@link entropy}. */
export interface KlDivergenceOptions {
  /** Logarithm base; default e. Must be > 0 (as scipy: base 1 divides by ln 1 = 0). */
  base?: number;
}

function logBase(base: unknown): number | undefined {
  if (base === undefined) return undefined;
  if (typeof base !== 'number' || !(base > 0)) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `base must be a positive number or undefined, got ${describeValue(base)}.`);
  }
  return Math.log(base);
}

/**
 * Kullback–Leibler divergence KL(p‖q) = Σ p ln(p/q) after normalising (scipy.stats.entropy(p, q)).
 * Infinite when q has an empty bin where p does not.
 * @example klDivergence([0.5, 0.5], [0.9, 0.1])
 * @throws EdgeAugmentError `INVALID_ARGUMENT` for base ≤ 0 (scipy raises too).
 */
export function klDivergence(p: NumericArray, q: NumericArray, options: KlDivergenceOptions = {}): number {
  const lb = logBase(options.base);
  const [a, b] = pair(p, q);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += relEntr(a[i], b[i]);
  return lb !== undefined ? s / lb : s;
}

/**
 * scipy.stats.entropy: the Shannon entropy −Σ p ln p of one distribution, or with `qk` the
 * Kullback–Leibler divergence Σ p ln(p/q) (= {@link klDivergence}); both normalised to sum 1 first.
 * @example entropy([1, 1, 2, 4], undefined, { base: 2 }) // 1.75
 * @throws EdgeAugmentError `INVALID_ARGUMENT` for base ≤ 0 or bins of different lengths.
 */
export function entropy(pk: NumericArray, qk?: NumericArray | null, options: KlDivergenceOptions = {}): number {
  if (qk !== undefined && qk !== null) return klDivergence(pk, qk, options);
  const lb = logBase(options.base);
  const a = normalisedWeights(pk, 'pk');
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    s += x !== x ? NaN : x > 0 ? -x * Math.log(x) : x === 0 ? 0 : -Infinity; // scipy.special.entr
  }
  return lb !== undefined ? s / lb : s;
}

/** Options of {@link psi}. */
export interface PsiOptions {
  /**
   * Replace empty bins before taking logs (default true). Evidently's rule, applied to each
   * distribution separately after normalising: an empty bin becomes min(non-zero)/1e6 when that
   * minimum is ≤ 1e-4, else 1e-4. The smoothed vectors are not renormalised (as Evidently).
   * With `false`, an empty bin on one side only gives Infinity.
   */
  smoothing?: boolean;
}

function smooth(a: Float64Array): void {
  let min = Infinity;
  for (let i = 0; i < a.length; i++) if (a[i] > 0 && a[i] < min) min = a[i];
  const fill = min <= 1e-4 ? min / 1e6 : 1e-4;
  for (let i = 0; i < a.length; i++) if (a[i] === 0) a[i] = fill;
}

/**
 * Population Stability Index Σ (q − p) ln(q/p) = KL(q‖p) + KL(p‖q), with `p` the reference and `q` the
 * current histogram. Bands: < 0.1 small, 0.1–0.25 moderate, > 0.25 large.
 * @example psi([0.25, 0.25, 0.5], [0.2, 0.3, 0.5])
 */
export function psi(p: NumericArray, q: NumericArray, options: PsiOptions = {}): number {
  const [a, b] = pair(p, q);
  if (options.smoothing ?? true) { smooth(a); smooth(b); }
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue; // includes 0 = 0
    s += (b[i] - a[i]) * Math.log(b[i] / a[i]);
  }
  return s;
}

/**
 * Hellinger distance √(1 − Σ√(p·q)), computed as √(½ Σ(√p − √q)²) (the same value without cancellation);
 * lies in [0, 1].
 * @example hellinger([1, 0], [0, 1]) // 1
 */
export function hellinger(p: NumericArray, q: NumericArray): number {
  const [a, b] = pair(p, q);
  let s = 0;
  for (let i = 0; i < a.length; i++) { const d = Math.sqrt(a[i]) - Math.sqrt(b[i]); s += d * d; }
  return Math.sqrt(s / 2);
}

/**
 * L∞ distance max |p − q| between the normalised histograms (TFDV's categorical drift measure).
 * @example lInfinity([0.5, 0.5], [0.8, 0.2]) // 0.3
 */
export function lInfinity(p: NumericArray, q: NumericArray): number {
  const [a, b] = pair(p, q);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (d > m || d !== d) m = d;
  }
  return m;
}

/**
 * Total variation distance ½ Σ |p − q| between the normalised histograms.
 * @example totalVariation([0.5, 0.5], [0.8, 0.2]) // 0.3
 */
export function totalVariation(p: NumericArray, q: NumericArray): number {
  const [a, b] = pair(p, q);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
  return s / 2;
}
