/**
 * Pearson χ² tests: goodness of fit (scipy.stats.chisquare) and independence in a contingency table
 * (scipy.stats.chi2_contingency, with Yates' continuity correction when dof = 1).
 */
import { EdgeAugmentError } from '../../errors.js';
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
export function chisquare(observed: NumericArray, expected?: NumericArray): ChisquareResult {
  const o = sample(observed, 'observed');
  const k = o.length;
  let e: Float64Array;
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

/** Options of {@link chi2Contingency}. */
export interface Chi2ContingencyOptions {
  /** Apply Yates' correction when dof = 1 (default true, as scipy). */
  correction?: boolean;
}

/** Result of {@link chi2Contingency}. */
export interface Chi2ContingencyResult {
  statistic: number;
  pvalue: number;
  dof: number;
  /** Expected frequencies under independence, same shape as the table. */
  expected: number[][];
}

/**
 * χ² test of independence for a 2-D contingency table (scipy.stats.chi2_contingency).
 *
 * @param table rows of non-negative counts (all rows the same length)
 * @throws EdgeAugmentError 'INVALID_ARGUMENT' for a ragged table, negative counts or a zero expected
 *   frequency (an all-zero row or column); 'INSUFFICIENT_DATA' for an empty table.
 * @example chi2Contingency([[10, 20], [20, 10]]) // dof 1, Yates-corrected
 */
export function chi2Contingency(table: readonly NumericArray[], options: Chi2ContingencyOptions = {}): Chi2ContingencyResult {
  const correction = options.correction ?? true;
  if (!Array.isArray(table) || table.length === 0) {
    throw new EdgeAugmentError('INSUFFICIENT_DATA', 'table must be a non-empty array of rows.');
  }
  const rows = table.map((r, i) => toF64(r, `table[${i}]`));
  const R = rows.length;
  const C = rows[0].length;
  if (C === 0) throw new EdgeAugmentError('INSUFFICIENT_DATA', 'table rows must not be empty.');
  for (let i = 0; i < R; i++) {
    if (rows[i].length !== C) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `table must be rectangular: row ${i} has ${rows[i].length} columns, row 0 has ${C}.`);
    }
  }
  const nan = rows.some(hasNaN);
  const rowSum = new Float64Array(R);
  const colSum = new Float64Array(C);
  let total = 0;
  for (let i = 0; i < R; i++) {
    for (let j = 0; j < C; j++) {
      const v = rows[i][j];
      if (v < 0) throw new EdgeAugmentError('INVALID_ARGUMENT', `table[${i}][${j}] is negative (${v}); counts must be non-negative.`);
      rowSum[i] += v;
      colSum[j] += v;
      total += v;
    }
  }
  const expected: number[][] = [];
  for (let i = 0; i < R; i++) {
    const er: number[] = [];
    for (let j = 0; j < C; j++) {
      const e = (rowSum[i] * colSum[j]) / total;
      if (e === 0) {
        throw new EdgeAugmentError('INVALID_ARGUMENT', `the expected frequency at [${i}, ${j}] is zero (an empty row or column); drop it.`);
      }
      er.push(e);
    }
    expected.push(er);
  }
  const dof = R * C - R - C + 1;
  if (nan) return { statistic: NaN, pvalue: NaN, dof, expected };
  if (dof === 0) return { statistic: 0, pvalue: 1, dof, expected };
  let stat = 0;
  for (let i = 0; i < R; i++) {
    for (let j = 0; j < C; j++) {
      let o = rows[i][j];
      const e = expected[i][j];
      if (dof === 1 && correction) {
        const diff = e - o;
        o += Math.sign(diff) * Math.min(0.5, Math.abs(diff));
      }
      const d = o - e;
      stat += (d * d) / e;
    }
  }
  return { statistic: stat, pvalue: chi2Sf(stat, dof), dof, expected };
}
