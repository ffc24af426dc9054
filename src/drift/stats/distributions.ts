/**
 * The null distributions behind the two-sample tests, public as `stats.distributions` (scipy names):
 * `kstwo` (two-sided one-sample KS statistic Dₙ, scipy.stats.kstwo), `smirnov` (one-sided Dₙ⁺,
 * scipy.special.smirnov / smirnovi's forward direction) and `cvm` (the limiting one-sample
 * Cramér–von Mises distribution, scipy.stats._hypotests._cdf_cvm_inf). All match scipy 1.10
 * (test/goldens/stats).
 */
import { cdfCvmInf } from './cvm.js';
import { kstwoCdf, kstwoSf, smirnov as smirnovSf } from './kolmogorov.js';

/**
 * scipy-named null distributions.
 *
 * @example
 * ```ts
 * stats.distributions.kstwo.sf(0.274, 10);   // P(D₁₀ ≥ 0.274) ≈ 0.3405
 * stats.distributions.smirnov.sf(5, 0.5);     // P(D₅⁺ ≥ 0.5) ≈ 0.0889
 * stats.distributions.cvm.cdf(0.4);           // limiting CvM CDF
 * ```
 */
export const distributions = /* #__PURE__ */ Object.freeze({
  /** Two-sided one-sample KS statistic Dₙ (scipy.stats.kstwo(n)): `sf(x, n)`, `cdf(x, n)`. */
  kstwo: Object.freeze({ sf: kstwoSf, cdf: kstwoCdf }),
  /** One-sided Smirnov statistic Dₙ⁺: `sf(n, x)` = scipy.special.smirnov(n, x), `cdf(n, x)` = 1 − sf. */
  smirnov: Object.freeze({ sf: smirnovSf, cdf: (n: number, x: number) => 1 - smirnovSf(n, x) }),
  /** Limiting one-sample Cramér–von Mises distribution: `cdf(x)`, `sf(x)`. */
  cvm: Object.freeze({ cdf: (x: number) => (x > 0 ? cdfCvmInf(x) : 0), sf: (x: number) => (x > 0 ? 1 - cdfCvmInf(x) : 1) }),
});
