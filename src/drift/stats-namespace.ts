/**
 * `stats`: the scipy-exact statistics as one frozen namespace object (`stats.ks2samp(a, b)`), so the
 * top-level barrel stays small. Bundlers keep the whole object (all the tests, ~60 KB minified) once it
 * is referenced; `edge-augment/stats` (src/stats.ts) has the same functions as named exports, which
 * tree-shake per function.
 */
import {
  ks2samp, chisquare, chi2Contingency, cramerVonMises2samp, andersonKsamp, mannWhitneyU, ttestInd, wassersteinDistance,
  energyDistance, jensenShannon, klDivergence, psi, hellinger, lInfinity, totalVariation, mmd2, mmdTest, bonferroni,
  benjaminiHochberg, entropy, distributions,
} from './stats/index.js';

/**
 * scipy-exact two-sample tests, distances and corrections. One object: a bundler keeps all of it once it
 * is referenced — import from `edge-augment/stats` instead to bundle only the functions you call.
 *
 * @example
 * ```ts
 * import { stats } from 'edge-augment';
 * const { statistic, pvalue } = stats.ks2samp(reference, current);
 * ```
 */
export const stats = /* #__PURE__ */ Object.freeze({
  ks2samp, chisquare, chi2Contingency, cramerVonMises2samp, andersonKsamp, mannWhitneyU, ttestInd, wassersteinDistance,
  energyDistance, jensenShannon, klDivergence, psi, hellinger, lInfinity, totalVariation, mmd2, mmdTest, bonferroni,
  benjaminiHochberg, entropy, distributions,
});
