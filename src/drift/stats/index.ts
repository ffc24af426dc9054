/**
 * Drift statistics, numerically matched to scipy 1.10 (see test/goldens/stats/gen_stats.py): two-sample
 * tests, distances between distributions, MMD, multiple-testing corrections and the special functions
 * under them. Pure TypeScript, no WASM, no work at import time.
 */
export { ks2samp } from './ks.js';
export type { Alternative, Ks2sampOptions, Ks2sampResult } from './ks.js';
export { chisquare, chi2Contingency } from './chisquare.js';
export type { ChisquareResult, Chi2ContingencyOptions, Chi2ContingencyResult, ContingencyTable } from './chisquare.js';
export { cramerVonMises2samp } from './cvm.js';
export type { CramerVonMisesOptions, CramerVonMisesResult } from './cvm.js';
export { andersonKsamp } from './anderson.js';
export type { AndersonKsampResult, AndersonKsampOptions } from './anderson.js';
export { mannWhitneyU } from './mannwhitney.js';
export type { MannWhitneyOptions, MannWhitneyResult } from './mannwhitney.js';
export { ttestInd } from './ttest.js';
export type { TtestIndOptions, TtestIndResult } from './ttest.js';
export { wassersteinDistance, energyDistance } from './cdfDistance.js';
export { jensenShannon, klDivergence, entropy, psi, hellinger, lInfinity, totalVariation } from './divergence.js';
export { distributions } from './distributions.js';
export type { JensenShannonOptions, KlDivergenceOptions, PsiOptions } from './divergence.js';
export { mmd2, mmdTest } from './mmd.js';
export type { Matrix, Mmd2Options, Mmd2Result, MmdTestOptions, MmdTestResult } from './mmd.js';
export { bonferroni, benjaminiHochberg } from './multipleTesting.js';
export type { CorrectionResult } from './multipleTesting.js';
export {
  lgamma, lbeta, gammainc, gammaincc, betainc, normSf, normCdf, normPpf, chi2Sf, chi2Cdf, tSf, tCdf, besselK,
} from './special.js';
export { smirnov, kolmogn, kstwoSf, kstwoCdf } from './kolmogorov.js';
export type { NumericArray } from './input.js';
