/**
 * Multiple-testing corrections for per-feature drift p-values (the conventions of statsmodels'
 * `multipletests`): Bonferroni and Benjamini–Hochberg.
 */
import { EdgeAugmentError } from '../../errors.js';
import { sample, type NumericArray } from './input.js';

/** Result of a multiple-testing correction. */
export interface CorrectionResult {
  /** Adjusted p-values, clipped to ≤ 1, in the input order. */
  adjusted: Float64Array;
  /** Per-hypothesis rejection at level α. */
  reject: boolean[];
  /** True when any hypothesis is rejected (dataset-level drift for Bonferroni). */
  anyReject: boolean;
}

function check(pvalues: NumericArray, alpha: number): Float64Array {
  const p = sample(pvalues, 'pvalues');
  for (let i = 0; i < p.length; i++) {
    if (!(p[i] >= 0 && p[i] <= 1)) throw new EdgeAugmentError('INVALID_ARGUMENT', `pvalues[${i}] must be in [0, 1] (got ${p[i]}).`);
  }
  if (!(alpha > 0 && alpha < 1)) throw new EdgeAugmentError('INVALID_ARGUMENT', `alpha must be in (0, 1) (got ${alpha}).`);
  return p;
}

/**
 * Bonferroni correction: reject H_i when p_i ≤ α/d; adjusted p = min(1, d·p).
 * @throws EdgeAugmentError 'INVALID_ARGUMENT' for p-values outside [0, 1] or α outside (0, 1);
 *   'INSUFFICIENT_DATA' for an empty list.
 * @example bonferroni([0.01, 0.04, 0.3], 0.05).reject // [true, false, false]
 */
export function bonferroni(pvalues: NumericArray, alpha = 0.05): CorrectionResult {
  const p = check(pvalues, alpha);
  const d = p.length;
  const adjusted = new Float64Array(d);
  const reject: boolean[] = [];
  for (let i = 0; i < d; i++) {
    adjusted[i] = Math.min(1, p[i] * d);
    reject.push(p[i] <= alpha / d);
  }
  return { adjusted, reject, anyReject: reject.some(Boolean) };
}

/**
 * Benjamini–Hochberg step-up procedure (false discovery rate α): with sorted p₍₁₎ ≤ … ≤ p₍d₎, reject the
 * k smallest where k is the largest i with p₍ᵢ₎ ≤ α·i/d; adjusted p₍ᵢ₎ = min_{j ≥ i} min(1, d·p₍ⱼ₎/j).
 * @throws EdgeAugmentError as {@link bonferroni}.
 * @example benjaminiHochberg([0.01, 0.04, 0.03, 0.5], 0.05).reject // [true, true, true, false]
 */
export function benjaminiHochberg(pvalues: NumericArray, alpha = 0.05): CorrectionResult {
  const p = check(pvalues, alpha);
  const d = p.length;
  const order = Array.from({ length: d }, (_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
  let k = 0;
  for (let i = 0; i < d; i++) if (p[order[i]] <= (alpha * (i + 1)) / d) k = i + 1;
  const adjusted = new Float64Array(d);
  let running = 1;
  for (let i = d - 1; i >= 0; i--) {
    running = Math.min(running, (p[order[i]] * d) / (i + 1));
    adjusted[order[i]] = running;
  }
  const reject = new Array<boolean>(d).fill(false);
  for (let i = 0; i < k; i++) reject[order[i]] = true;
  return { adjusted, reject, anyReject: k > 0 };
}
