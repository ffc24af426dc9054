/**
 * Pearson χ² tests: goodness of fit (scipy.stats.chisquare) and independence in a contingency table
 * (scipy.stats.chi2_contingency, with Yates' continuity correction when dof = 1).
 */
import { EdgeAugmentError, describeValue } from '../../errors.js';
import { hasNaN, sample, toF64, type NumericArray } from './input.js';
import { chi2Sf } from './special.js';

/** Result of {@link chisquare}. */
export interface ChisquareResult {
  statistic: number;
  pvalue: number;
  /** Degrees of freedom used (k − 1). */
  dof: number;
}

/**
 * Goodness-of-fit χ² test (scipy.stats.chisquare). Without `expected`, the uniform expectation is used.
 * Like scipy 1.10, the sums of observed and expected must agree to a relative 1e-8 — Evidently's
 * drift χ² therefore passes `expected = reference · Σcurrent / Σreference`.
 *
 * @throws EdgeAugmentError 'INVALID_ARGUMENT' when lengths differ or the sums disagree;
 *   'INSUFFICIENT_DATA' when `observed` is empty.
 * @example chisquare([16, 18, 16, 14, 12, 12]) // { statistic: 2, pvalue: 0.8491… }
 */
export function chisquare(observed: NumericArray, expected?: NumericArray | number): ChisquareResult {
  const o = sample(observed, 'observed');
  const k = o.length;
  let e: Float64Array;
  // A scalar f_exp broadcasts over the bins, as numpy does in scipy.stats.chisquare.
  if (typeof expected === 'number') expected = new Float64Array(k).fill(expected);
  if (expected === undefined) {
    let s = 0;
    for (let i = 0; i < k; i++) s += o[i];
    e = new Float64Array(k).fill(s / k);
  } else {
    e = toF64(expected, 'expected');
    if (e.length !== k) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `observed and expected must have the same length (${k} vs ${e.length}).`);
    }
    if (!hasNaN(o) && !hasNaN(e)) {
      let so = 0;
      let se = 0;
      for (let i = 0; i < k; i++) { so += o[i]; se += e[i]; }
      const rel = Math.abs(so - se) / Math.min(so, se);
      if (rel > 1e-8) {
        throw new EdgeAugmentError('INVALID_ARGUMENT',
          `the sums of observed (${so}) and expected (${se}) must agree to a relative 1e-8; rescale expected to Σobserved.`);
      }
    }
  }
  let stat = 0;
  for (let i = 0; i < k; i++) {
    const d = o[i] - e[i];
    stat += (d * d) / e[i];
  }
  const dof = k - 1;
  return { statistic: stat, pvalue: chi2Sf(stat, dof), dof };
}

/** Named Cressie–Read powers of scipy's power_divergence. */
const LAMBDAS: Readonly<Record<string, number>> = Object.freeze({
  pearson: 1, 'log-likelihood': 0, 'freeman-tukey': -0.5, 'mod-log-likelihood': -1, neyman: -2, 'cressie-read': 2 / 3,
});

/** Options of {@link chi2Contingency}. */
export interface Chi2ContingencyOptions {
  /** Apply Yates' correction when dof = 1 (default true, as scipy). */
  correction?: boolean;
  /**
   * Cressie–Read power λ of the statistic (scipy's `lambda_`): a number or 'pearson' (1, default),
   * 'log-likelihood' (0, the G-test), 'freeman-tukey' (−½), 'mod-log-likelihood' (−1), 'neyman' (−2),
   * 'cressie-read' (⅔).
   */
  lambda?: number | 'pearson' | 'log-likelihood' | 'freeman-tukey' | 'mod-log-likelihood' | 'neyman' | 'cressie-read';
}

/** A table of any dimension: nested arrays of counts. */
export type ContingencyTable = readonly (number | ContingencyTable)[] | NumericArray;

/** Result of {@link chi2Contingency}. */
export interface Chi2ContingencyResult {
  statistic: number;
  pvalue: number;
  dof: number;
  /** Expected frequencies under independence, same shape as the table (nested arrays). */
  expected: number[][];
}

function xlogy(x: number, y: number): number {
  return x === 0 && y === y ? 0 : x * Math.log(y);
}

/** Flattens a rectangular nested table (row-major) and returns its shape. */
function flatten(table: unknown): { shape: number[]; data: Float64Array } {
  const shape: number[] = [];
  let level: unknown = table;
  while (Array.isArray(level) || ArrayBuffer.isView(level)) {
    const arr = level as ArrayLike<unknown>;
    if (arr.length === 0) throw new EdgeAugmentError('INSUFFICIENT_DATA', 'table must not have an empty dimension.');
    shape.push(arr.length);
    if (shape.length > 32) throw new EdgeAugmentError('INVALID_ARGUMENT', 'table has more than 32 dimensions.');
    level = arr[0];
  }
  if (shape.length < 1) throw new EdgeAugmentError('INSUFFICIENT_DATA', 'table must be a non-empty array of rows.');
  const size = shape.reduce((a, b) => a * b, 1);
  if (!(size <= 1e8)) throw new EdgeAugmentError('INVALID_ARGUMENT', 'table has more than 1e8 cells.');
  const data = new Float64Array(size);
  let k = 0;
  const walk = (node: unknown, d: number, path: string) => {
    if (!(Array.isArray(node) || ArrayBuffer.isView(node)) || (node as ArrayLike<unknown>).length !== shape[d]) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `table must be rectangular: ${path} has ${Array.isArray(node) || ArrayBuffer.isView(node) ? (node as ArrayLike<unknown>).length : 'no'} entries, expected ${shape[d]}.`);
    }
    const arr = node as ArrayLike<unknown>;
    for (let i = 0; i < arr.length; i++) {
      if (d === shape.length - 1) {
        const v = arr[i];
        if (typeof v !== 'number') throw new EdgeAugmentError('INVALID_ARGUMENT', `table${path}[${i}] must be a number, got ${describeValue(v)}.`);
        data[k++] = v;
      } else walk(arr[i], d + 1, `${path}[${i}]`);
    }
  };
  walk(table, 0, '');
  return { shape, data };
}

function unflatten(data: ArrayLike<number>, shape: number[]): unknown {
  const build = (d: number, off: number, stride: number): unknown => {
    if (d === shape.length - 1) return Array.from({ length: shape[d] }, (_, i) => data[off + i]);
    const inner = stride / shape[d];
    return Array.from({ length: shape[d] }, (_, i) => build(d + 1, off + i * inner, inner));
  };
  return build(0, 0, data.length);
}

/**
 * χ² test of independence for a contingency table of any dimension (scipy.stats.chi2_contingency),
 * with any Cressie–Read power λ.
 *
 * @param table nested arrays of non-negative counts (2-D: rows of the same length; N-D: rectangular)
 * @throws EdgeAugmentError 'INVALID_ARGUMENT' for a ragged table, negative counts, a zero expected
 *   frequency (an all-zero row or column) or an unknown λ; 'INSUFFICIENT_DATA' for an empty table.
 * @example chi2Contingency([[10, 20], [20, 10]]) // dof 1, Yates-corrected
 * @example chi2Contingency([[10, 20], [20, 10]], { lambda: 'log-likelihood' }) // G-test
 */
export function chi2Contingency(table: ContingencyTable, options: Chi2ContingencyOptions = {}): Chi2ContingencyResult {
  const correction = options.correction ?? true;
  if (typeof correction !== 'boolean') throw new EdgeAugmentError('INVALID_ARGUMENT', `correction must be true or false, got ${describeValue(correction)}.`);
  const lam = options.lambda === undefined ? 1 : typeof options.lambda === 'string' && Object.prototype.hasOwnProperty.call(LAMBDAS, options.lambda) ? LAMBDAS[options.lambda] : options.lambda;
  if (typeof lam !== 'number' || !Number.isFinite(lam)) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `lambda must be a finite number or one of ${Object.keys(LAMBDAS).join(', ')}; got ${describeValue(options.lambda)}.`);
  }
  if (!Array.isArray(table) && !ArrayBuffer.isView(table)) throw new EdgeAugmentError('INSUFFICIENT_DATA', 'table must be a non-empty array of rows.');
  const { shape, data } = flatten(table);
  const d = shape.length;
  const size = data.length;
  let nan = false;
  for (let i = 0; i < size; i++) {
    if (data[i] !== data[i]) nan = true;
    else if (data[i] < 0) throw new EdgeAugmentError('INVALID_ARGUMENT', `table has a negative count (${data[i]}); counts must be non-negative.`);
  }
  // Marginal sums per axis, then expected = Π margins / total^(d−1) (scipy's expected_freq order).
  const strides = shape.map((_, ax) => shape.slice(ax + 1).reduce((a, b) => a * b, 1));
  const margins = shape.map((n) => new Float64Array(n));
  let total = 0;
  for (let i = 0; i < size; i++) {
    total += data[i];
    for (let ax = 0; ax < d; ax++) margins[ax][Math.floor(i / strides[ax]) % shape[ax]] += data[i];
  }
  const expFlat = new Float64Array(size);
  const denom = total ** (d - 1);
  for (let i = 0; i < size; i++) {
    let e = margins[0][Math.floor(i / strides[0]) % shape[0]];
    for (let ax = 1; ax < d; ax++) e *= margins[ax][Math.floor(i / strides[ax]) % shape[ax]];
    e /= denom;
    if (e === 0) throw new EdgeAugmentError('INVALID_ARGUMENT', 'an expected frequency is zero (an empty row, column or slice); drop it.');
    expFlat[i] = e;
  }
  const dof = size - shape.reduce((a, b) => a + b, 0) + d - 1;
  const expected = (d === 1 ? Array.from(expFlat) : unflatten(expFlat, shape)) as number[][];
  if (nan) return { statistic: NaN, pvalue: NaN, dof, expected };
  if (dof === 0) return { statistic: 0, pvalue: 1, dof, expected };
  let stat = 0;
  for (let i = 0; i < size; i++) {
    let o = data[i];
    const e = expFlat[i];
    if (dof === 1 && correction) {
      const diff = e - o;
      o += Math.sign(diff) * Math.min(0.5, Math.abs(diff));
    }
    let term: number;
    if (lam === 1) { const dd = o - e; term = (dd * dd) / e; }
    else if (lam === 0) term = 2 * xlogy(o, o / e);
    else if (lam === -1) term = 2 * xlogy(e, e / o);
    else term = (o * ((o / e) ** lam - 1)) / (0.5 * lam * (lam + 1));
    stat += term;
  }
  return { statistic: stat, pvalue: chi2Sf(stat, dof), dof, expected };
}
