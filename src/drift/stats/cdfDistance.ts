/**
 * Distances between two 1-D empirical distributions through their CDFs (scipy.stats
 * wasserstein_distance and energy_distance): ∫|U − V|^p over the merged support, O(n log n).
 */
import { EdgeAugmentError } from '../../errors.js';
import { hasNaN, sample, sortInPlace, toF64, type NumericArray } from './input.js';

function checkWeights(values: Float64Array, w: NumericArray | undefined, name: string): Float64Array | undefined {
  if (w === undefined) return undefined;
  const a = toF64(w, name);
  if (a.length !== values.length) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `${name} must have the same length as its values (${a.length} vs ${values.length}).`);
  }
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] < 0) throw new EdgeAugmentError('INVALID_ARGUMENT', `${name}[${i}] is negative; weights must be non-negative.`);
    s += a[i];
  }
  if (!(s > 0) || !Number.isFinite(s)) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `${name} must have a positive, finite sum.`);
  }
  return a;
}

/** Sorts values (with weights) ascending and returns the sorted values and cumulative weights (length n+1). */
function sortWithCum(v: Float64Array, w: Float64Array | undefined): { s: Float64Array; cum: Float64Array | undefined } {
  if (!w) return { s: sortInPlace(v), cum: undefined }; // v is a private copy
  const n = v.length;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((i, j) => v[i] - v[j] || i - j);
  const s = new Float64Array(n);
  const cum = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    s[i] = v[idx[i]];
    cum[i + 1] = cum[i] + w[idx[i]];
  }
  return { s, cum };
}

function cdfDistance(p: 1 | 2, u: NumericArray, v: NumericArray, uw?: NumericArray, vw?: NumericArray): number {
  const uv = sample(u, 'u');
  const vv = sample(v, 'v');
  const uW = checkWeights(uv, uw, 'uWeights');
  const vW = checkWeights(vv, vw, 'vWeights');
  if (hasNaN(uv) || hasNaN(vv) || (uW && hasNaN(uW)) || (vW && hasNaN(vW))) return NaN;
  const U = sortWithCum(uv, uW);
  const V = sortWithCum(vv, vW);
  const nu = uv.length;
  const nv = vv.length;
  const uTot = U.cum ? U.cum[nu] : nu;
  const vTot = V.cum ? V.cum[nv] : nv;
  // Walk all values in merged order; between consecutive merged values a and b the CDFs are the
  // counts of u (resp. v) ≤ a.
  let i = 0;
  let j = 0;
  let sum = 0;
  let prev = Math.min(U.s[0], V.s[0]);
  let first = true;
  while (i < nu || j < nv) {
    const cur = j >= nv || (i < nu && U.s[i] <= V.s[j]) ? U.s[i] : V.s[j];
    // scipy's deltas are np.diff of the merged values: nothing before the first one (with −∞ there,
    // cur − prev would be −∞ − (−∞) = NaN where scipy has no term at all).
    const delta = first ? 0 : cur - prev;
    first = false;
    if (delta !== 0) {
      const cu = (U.cum ? U.cum[i] : i) / uTot;
      const cv = (V.cum ? V.cum[j] : j) / vTot;
      const diff = Math.abs(cu - cv);
      sum += p === 1 ? diff * delta : diff * diff * delta;
    }
    // consume one element (ties produce delta = 0 terms, as scipy's diff of the merged array does)
    if (j >= nv || (i < nu && U.s[i] <= V.s[j])) i++;
    else j++;
    prev = cur;
  }
  return p === 1 ? sum : Math.sqrt(sum);
}

/**
 * First Wasserstein (earth mover's) distance between two 1-D distributions
 * (scipy.stats.wasserstein_distance), optionally weighted.
 * @throws EdgeAugmentError 'INSUFFICIENT_DATA' for an empty sample, 'INVALID_ARGUMENT' for bad weights.
 * @example wassersteinDistance([0, 1, 3], [5, 6, 8]) // 5
 */
export function wassersteinDistance(u: NumericArray, v: NumericArray, uWeights?: NumericArray, vWeights?: NumericArray): number {
  return cdfDistance(1, u, v, uWeights, vWeights);
}

/**
 * Energy distance between two 1-D distributions (scipy.stats.energy_distance): √2 · ‖U − V‖₂.
 * @throws EdgeAugmentError 'INSUFFICIENT_DATA' for an empty sample, 'INVALID_ARGUMENT' for bad weights.
 * @example energyDistance([0], [2]) // 2
 */
export function energyDistance(u: NumericArray, v: NumericArray, uWeights?: NumericArray, vWeights?: NumericArray): number {
  return Math.SQRT2 * cdfDistance(2, u, v, uWeights, vWeights);
}
