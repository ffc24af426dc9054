/**
 * Special functions for the drift statistics, in plain double precision: log-gamma, the regularised
 * incomplete gamma and beta functions, and the normal, chi-squared and Student t tails built on them.
 *
 * Accuracy (checked against scipy 1.10 in test/drift/stats/special.test.ts): relative error ≲ 1e-13
 * over the ranges the tests use (shape parameters up to ~1e5). Large-argument prefactors are computed
 * through Stirling differences and `log1p` so that they do not lose digits to cancellation.
 */

const LN_SQRT_2PI = 0.91893853320467274178032973640561764;
const EPS = 2.220446049250313e-16;
const TINY = 1e-300;

/** Stirling-series correction: lgamma(x) − [(x−½)ln x − x + ½ln 2π], for x ≥ 10. */
function stirlingCorr(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  // Bernoulli terms B_{2k} / (2k (2k−1) x^{2k−1}), k = 1..9
  return r * (1 / 12 + r2 * (-1 / 360 + r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188
    + r2 * (-691 / 360360 + r2 * (1 / 156 + r2 * (-3617 / 122400 + r2 * (43867 / 244188)))))))));
}

/**
 * Natural logarithm of the gamma function for x > 0.
 * @example lgamma(5) // ≈ ln 24
 */
export function lgamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return x === 0 ? Infinity : NaN;
  if (x === 1 || x === 2) return 0;
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingCorr(x);
  // shift up to 10 and divide by the product
  let prod = 1;
  let y = x;
  while (y < 10) { prod *= y; y += 1; }
  return (y - 0.5) * Math.log(y) - y + LN_SQRT_2PI + stirlingCorr(y) - Math.log(prod);
}

/** log(1 + d) − d, accurate for small d. */
export function log1pmx(d: number): number {
  if (Math.abs(d) > 0.25) return Math.log1p(d) - d;
  // −d²/2 + d³/3 − d⁴/4 + …
  let term = d;
  let sum = 0;
  for (let k = 2; k < 200; k++) {
    term *= -d;
    const t = term / k;
    sum += t;
    if (Math.abs(t) < EPS * Math.abs(sum)) break;
  }
  return sum;
}

/** log(x^a e^{−x} / Γ(a)), computed without cancellation for large a. */
function logGammaPrefactor(a: number, x: number): number {
  if (a < 10) return a * Math.log(x) - x - lgamma(a);
  const d = (x - a) / a;
  // a·(ln(x/a) − d): through log1pmx near x = a, directly elsewhere (1 + d would lose digits)
  const core = Math.abs(d) <= 0.25 ? a * log1pmx(d) : a * Math.log(x / a) + (a - x);
  return core + 0.5 * Math.log(a) - LN_SQRT_2PI - stirlingCorr(a);
}

/** Returns [P, Q] of the regularised incomplete gamma function. */
function gammaincBoth(a: number, x: number): [number, number] {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return [NaN, NaN];
  if (x === 0) return [0, 1];
  if (x === Infinity) return [1, 0];
  const logPre = logGammaPrefactor(a, x);
  if (x < a + 1) {
    // series: P = pre · Σ x^n / (a (a+1) … (a+n))
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 100000; n++) {
      term *= x / (a + n);
      sum += term;
      if (term < sum * EPS * 0.5) break;
    }
    const p = Math.exp(logPre) * sum;
    return [p, 1 - p];
  }
  // continued fraction for Q (modified Lentz)
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS * 0.5) break;
  }
  const q = Math.exp(logPre) * h;
  return [1 - q, q];
}

/**
 * Regularised lower incomplete gamma P(a, x) (scipy.special.gammainc).
 * @example gammainc(1, 1) // 1 − e^{−1}
 */
export function gammainc(a: number, x: number): number {
  return gammaincBoth(a, x)[0];
}

/**
 * Regularised upper incomplete gamma Q(a, x) = 1 − P(a, x) (scipy.special.gammaincc).
 * @example gammaincc(1, 1) // e^{−1}
 */
export function gammaincc(a: number, x: number): number {
  return gammaincBoth(a, x)[1];
}

/** log B(a, b), with Stirling differences for large arguments. */
export function lbeta(a: number, b: number): number {
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big < 10) return lgamma(a) + lgamma(b) - lgamma(a + b);
  if (small < 10) {
    const s = big + small;
    const diff = (big - 0.5) * -Math.log1p(small / big) - small * Math.log(s) + small
      + stirlingCorr(big) - stirlingCorr(s);
    return lgamma(small) + diff;
  }
  const s = a + b;
  return (a - 0.5) * Math.log(a / s) + (b - 0.5) * Math.log(b / s) - 0.5 * Math.log(s) + LN_SQRT_2PI
    + stirlingCorr(a) + stirlingCorr(b) - stirlingCorr(s);
}

/** Continued fraction of the incomplete beta (modified Lentz). */
function betacf(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 100000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS * 0.5) break;
  }
  return h;
}

/**
 * Regularised incomplete beta I_x(a, b) (scipy.special.betainc). Pass `y = 1 − x` when it is known
 * more accurately than `1 − x` (for example t²/(ν+t²) next to ν/(ν+t²)).
 * @example betainc(2, 3, 0.4) // 0.5248
 */
export function betainc(a: number, b: number, x: number, y: number = 1 - x): number {
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(x) || a <= 0 || b <= 0 || x < 0 || x > 1) return NaN;
  if (x === 0) return 0;
  if (y === 0 || x === 1) return 1;
  const swap = x > (a + 1) / (a + b + 2);
  const [aa, bb, xx, yy] = swap ? [b, a, y, x] : [a, b, x, y];
  // log of the smaller of x, y directly; the other through log1p so values near 1 keep their digits
  const lx = xx <= 0.5 ? Math.log(xx) : Math.log1p(-yy);
  const ly = yy <= 0.5 ? Math.log(yy) : Math.log1p(-xx);
  const logPre = aa * lx + bb * ly - lbeta(aa, bb) - Math.log(aa);
  const v = Math.exp(logPre) * betacf(aa, bb, xx);
  return swap ? 1 - v : v;
}

/**
 * Standard normal upper tail P(Z > z) (scipy.stats.norm.sf), accurate far into the tail.
 * @example normSf(1.959963984540054) // 0.025
 */
export function normSf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  const q = 0.5 * gammaincc(0.5, 0.5 * z * z);
  return z >= 0 ? q : 1 - q;
}

/**
 * Standard normal CDF P(Z ≤ z) (scipy.stats.norm.cdf).
 * @example normCdf(0) // 0.5
 */
export function normCdf(z: number): number {
  return normSf(-z);
}

/**
 * Standard normal quantile (scipy.stats.norm.ppf): a rational start refined by Halley steps on
 * {@link normCdf}, so it is as accurate as the CDF.
 * @example normPpf(0.975) // 1.959963984540054
 */
export function normPpf(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  const lower = p < 0.5;
  const pp = lower ? p : 1 - p; // tail probability
  // Abramowitz & Stegun 26.2.23 start (|error| < 4.5e-4)
  const t = Math.sqrt(-2 * Math.log(pp));
  let x = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  // Now solve sf(x) = pp for x > 0 with Halley's method (tail kept exact on the small side).
  for (let i = 0; i < 50; i++) {
    const f = normSf(x) - pp;
    const pdf = Math.exp(-0.5 * x * x - LN_SQRT_2PI);
    if (pdf === 0) break;
    const u = f / pdf; // Newton step for g(x) = sf(x) − pp has sign +u
    const step = u / (1 + 0.5 * x * u);
    x += step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return lower ? -x : x;
}

/**
 * Chi-squared survival function P(X > x), X ~ χ²(k) (scipy.stats.chi2.sf).
 * @example chi2Sf(3.841458820694124, 1) // 0.05
 */
export function chi2Sf(x: number, k: number): number {
  if (Number.isNaN(x) || Number.isNaN(k) || k <= 0) return NaN;
  if (x <= 0) return 1;
  return gammaincc(k / 2, x / 2);
}

/**
 * Chi-squared CDF (scipy.stats.chi2.cdf).
 * @example chi2Cdf(2, 2) // 1 − e^{−1}
 */
export function chi2Cdf(x: number, k: number): number {
  if (Number.isNaN(x) || Number.isNaN(k) || k <= 0) return NaN;
  if (x <= 0) return 0;
  return gammainc(k / 2, x / 2);
}

/**
 * Student t CDF P(T ≤ t) with `df` degrees of freedom (scipy.special.stdtr).
 * @example tCdf(0, 5) // 0.5
 */
export function tCdf(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df) || df <= 0) return NaN;
  if (t === 0) return 0.5;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  if (df === Infinity) return normCdf(t);
  const t2 = t * t;
  // x = df/(df+t²), y = t²/(df+t²) computed separately (no cancellation)
  let x: number;
  let y: number;
  if (t2 > df) { const r = df / t2; x = r / (1 + r); y = 1 / (1 + r); }
  else { const r = t2 / df; x = 1 / (1 + r); y = r / (1 + r); }
  const tail = 0.5 * betainc(df / 2, 0.5, x, y); // P(T < −|t|)
  return t < 0 ? tail : 1 - tail;
}

/**
 * Student t survival function P(T > t) (scipy.stats.t.sf).
 * @example tSf(2.015048373333024, 5) // 0.05
 */
export function tSf(t: number, df: number): number {
  return tCdf(-t, df);
}

/**
 * Modified Bessel function of the second kind K_ν(z) for real ν and z > 0 (scipy.special.kv), by the
 * trapezoidal rule on K_ν(z) = ∫₀^∞ exp(−z cosh t) cosh(νt) dt — the integrand is analytic in the strip
 * |Im t| < π/2, so the rule converges geometrically (error ~ e^{−π²/h}).
 * @example besselK(0.5, 1) // √(π/2)·e^{−1}
 */
export function besselK(nu: number, z: number): number {
  if (Number.isNaN(nu) || Number.isNaN(z) || z < 0) return NaN;
  if (z === 0) return Infinity;
  if (z > 745) return 0;
  // step so that e^{z}·e^{−π²/h} stays below 1e-17 relative to e^{−z}
  const h = Math.min(0.08, (Math.PI * Math.PI) / (2 * z + 45));
  let sum = 0.5 * Math.exp(-z);
  for (let k = 1; k < 100000; k++) {
    const t = k * h;
    const e = Math.exp(-z * Math.cosh(t) + Math.abs(nu) * t) * 0.5 * (1 + Math.exp(-2 * Math.abs(nu) * t));
    sum += e;
    if (e < 1e-18 * sum && z * Math.cosh(t) > Math.abs(nu) * t + 40) break;
  }
  return sum * h;
}
