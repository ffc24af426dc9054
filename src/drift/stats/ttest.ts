/**
 * Independent two-sample t test (scipy.stats.ttest_ind): Student's pooled-variance test by default,
 * Welch's test with `equalVar: false`.
 */
import { hasNaN, oneOf, sample, type NumericArray } from './input.js';
import type { Alternative } from './ks.js';
import { tCdf } from './special.js';

/** Options of {@link ttestInd}. */
export interface TtestIndOptions {
  /** Pooled variance (Student, default true) or Welch–Satterthwaite (false). */
  equalVar?: boolean;
  /** Default 'two-sided'. */
  alternative?: Alternative;
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
export function ttestInd(a: NumericArray, b: NumericArray, options: TtestIndOptions = {}): TtestIndResult {
  const alternative = oneOf(options.alternative, ['two-sided', 'less', 'greater'] as const, 'two-sided', 'alternative');
  const equalVar = options.equalVar ?? true;
  const x = sample(a, 'a');
  const y = sample(b, 'b');
  if (hasNaN(x) || hasNaN(y)) return { statistic: NaN, pvalue: NaN, df: NaN };
  const n1 = x.length;
  const n2 = y.length;
  const [m1, v1] = n1 > 1 ? meanVar(x) : [x[0], NaN];
  const [m2, v2] = n2 > 1 ? meanVar(y) : [y[0], NaN];
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
  const t = (m1 - m2) / denom;
  let p: number;
  if (alternative === 'less') p = tCdf(t, df);
  else if (alternative === 'greater') p = tCdf(-t, df);
  else p = tCdf(-Math.abs(t), df) * 2;
  return { statistic: t, pvalue: p, df };
}
