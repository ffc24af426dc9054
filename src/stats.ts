/**
 * `edge-augment/stats`: the scipy-exact statistics as named exports, for per-function tree-shaking —
 * `import { ks2samp } from 'edge-augment/stats'` bundles the Kolmogorov–Smirnov test and what it
 * needs, nothing else. The same functions as the `stats` namespace object of the main entry (which a
 * bundler keeps whole once it is referenced).
 *
 * @example
 * ```ts
 * import { ks2samp, psi } from 'edge-augment/stats';
 * const { statistic, pvalue } = ks2samp(reference, current);
 * ```
 * @module edge-augment/stats
 */
export {
  ks2samp, chisquare, chi2Contingency, cramerVonMises2samp, andersonKsamp, mannWhitneyU, ttestInd, wassersteinDistance,
  energyDistance, jensenShannon, klDivergence, psi, hellinger, lInfinity, totalVariation, mmd2, mmdTest, bonferroni,
  benjaminiHochberg, entropy, distributions,
} from './drift/stats/index.js';
export type {
  Alternative, Ks2sampOptions, Ks2sampResult, ChisquareResult, Chi2ContingencyOptions, Chi2ContingencyResult, ContingencyTable,
  CramerVonMisesOptions, CramerVonMisesResult, AndersonKsampResult, AndersonKsampOptions, MannWhitneyOptions, MannWhitneyResult,
  TtestIndOptions, TtestIndResult, JensenShannonOptions, KlDivergenceOptions, PsiOptions, Matrix, Mmd2Options, Mmd2Result,
  MmdTestOptions, MmdTestResult, CorrectionResult, NumericArray,
} from './drift/stats/index.js';
