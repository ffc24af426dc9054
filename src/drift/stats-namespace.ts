/**
 * `stats`: the scipy-exact statistics as one frozen namespace object (`stats.ks2samp(a, b)`), so the
 * top-level barrel stays small. Tree-shaking keeps only what an app touches through `stats`.
 */
import {
  ks2samp, chisquare, chi2Contingency, cramerVonMises2samp, andersonKsamp, mannWhitneyU, ttestInd, wassersteinDistance,
  energyDistance, jensenShannon, klDivergence, psi, hellinger, lInfinity, totalVariation, mmd2, mmdTest, bonferroni,
  benjaminiHochberg, entropy, distributions,
} from './stats/index.js';

/** scipy-exact two-sample tests, distances and corrections. */
export const stats = /* #__PURE__ */ Object.freeze({
  ks2samp, chisquare, chi2Contingency, cramerVonMises2samp, andersonKsamp, mannWhitneyU, ttestInd, wassersteinDistance,
  energyDistance, jensenShannon, klDivergence, psi, hellinger, lInfinity, totalVariation, mmd2, mmdTest, bonferroni,
  benjaminiHochberg, entropy, distributions,
});
