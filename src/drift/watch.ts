/**
 * Streaming drift alarms ("watch" mode): under attack drift is constant and fast, so instead of waiting
 * for a window of 200 images and a report, every image is checked as it arrives and an alarm is raised
 * as soon as a change is certain.
 *
 * Per numeric feature of the reference, each value x becomes a normal score z = Φ⁻¹(F(x)), F the
 * reference's mid-CDF ((#below + ½·#equal)/n, clamped to [½/n, 1 − ½/n]) — so z ~ N(0, 1) under no
 * drift whatever the feature's distribution. Two detectors per feature watch the scores:
 *
 * - **shift** — two CUSUM charts accumulate the Gaussian log-likelihood ratio of a shift of ±δ
 *   (default δ = 0.75, in normal-score units): S⁺ ← max(0, S⁺ + δz − δ²/2), S⁻ ← max(0, S⁻ − δz − δ²/2);
 *   alarm when one reaches h, chosen so that each chart's in-control average run length is its share
 *   of the false-alarm budget: Siegmund's approximation for Gaussian scores, capped by ln(ARL), the
 *   distribution-free bound (Ville's inequality on the likelihood-ratio martingale of each start time).
 *   Expected delay for a shift of μ normal-score units: about h/(δμ − δ²/2) observations.
 * - **shape** — a change of location *and spread* of the scores. Real shifts rarely move every image
 *   by the same amount: a JPEG re-encoding or a blur lowers the sharpness of textured patches a lot
 *   and of flat ones hardly, so the scores of the shifted stream are N(μ, σ²) with σ ≠ 1 (σ ≈ 0.6 for
 *   sharpness under JPEG quality 20 on photo patches), and a location-only chart leaves that
 *   information unused. For each start k in the last {@link SHAPE_WINDOW} observations, the likelihood
 *   ratio of the scores since k under N(μ, σ²) mixed over a unit-information normal–inverse-gamma
 *   prior (μ | σ² ~ N(0, σ²), σ² ~ InvGamma(½, ½): one pseudo-observation of the in-control N(0, 1))
 *   against N(0, 1) is in closed form; their sum R (a window-limited Shiryaev–Roberts e-detector,
 *   Shin, Ramdas & Rinaldo 2022) has E[R_t] ≤ t in control, so alarming at ln R ≥ ln(ARL) guarantees
 *   that average run length (optional stopping) without any approximation. It runs only on features
 *   whose reference has no atom (no value carrying more than 1 % of the weight): on a tied feature a
 *   run of equal scores is common in control and would look like a collapse of the spread.
 *
 * The budget r (false alarms per observation, default 3·10⁻⁵) is split evenly between the two
 * detector families when both run, and within a family evenly over its charts (a union bound). A
 * feature that is constant in the reference gets charts (any other value is drift: its scores sit at
 * the clamp and it alarms within a few observations) but no share of the budget: in control its
 * scores are exactly 0 and its charts never move. With a reference estimated from n values the scores
 * are only approximately N(0, 1): the rate is measured on real photos in BENCHMARKS.md. After an alarm
 * every chart restarts (as River's detectors do).
 */
import { EdgeAugmentError, describeValue } from '../errors.js';
import { IMAGE_ASPECTS, imageAspects, type AspectDrift, type ImageAspect } from './aspects.js';
import type { Profile, NumericFeatureProfile } from './profile.js';
import { lgamma, normPpf, normSf } from './stats/special.js';

/** Options of {@link createFeatureWatch}. */
export interface FeatureWatchOptions {
  /** Tolerated false alarms per observation, over all charts (default 3e-5: 0.3 per 10,000 images). */
  falseAlarmRate?: number;
  /** Design shift δ in normal-score units (default 0.75): the charts are most sensitive to it. */
  shift?: number;
  /** Only these numeric features (default: every numeric feature of the reference). */
  features?: readonly string[];
  /**
   * Also watch for changes of the scores' spread and location together (the *shape* detector, see the
   * module notes; default true). With `false` only the shift CUSUM runs, with the whole budget.
   */
  shape?: boolean;
}

/** An alarm of a {@link FeatureWatch}. */
export interface WatchAlarm {
  /** The feature whose chart crossed. */
  feature: string;
  /** Which detector crossed: the ±δ shift CUSUM or the location-and-spread (shape) e-detector. */
  chart: 'shift' | 'shape';
  /**
   * Image-feature profiles: the most telling drifted aspect of the images since the estimated change
   * (see `aspects`), else the aspect of `feature`.
   */
  aspect?: ImageAspect;
  /**
   * Image-feature profiles: every feature whose mean normal score since the estimated change is
   * significant (two-sided z, Holm over the features, α = 0.01), grouped into aspects as in a report,
   * most telling first — e.g. "texture: sharpness −73 % … → blur- or compression-like".
   */
  aspects?: AspectDrift[];
  /** The feature moved up or down relative to the reference (shape alarms: the sign of the mean score). */
  direction: 'up' | 'down';
  /** Observations since the watch (re)started, including this one. */
  at: number;
  /**
   * Estimated change point: observations since the (re)start before the change (shift: the chart's
   * last zero; shape: the start with the largest likelihood ratio).
   */
  changeAt: number;
  /** Chart value (log-likelihood ratio; shape: ln R) and the threshold it crossed. */
  statistic: number;
  threshold: number;
  /** Mean normal score since the estimated change (≈ size of the shift, in reference standard deviations). */
  meanScore: number;
}

/** JSON-free state of one feature's charts. */
interface Chart {
  name: string;
  /** Reference mean (for the relative changes an alarm reports). */
  refMean: number;
  values: Float64Array;
  /** Cumulative weights: cum[i] = total weight of values[0..i]. */
  cum: Float64Array;
  n: number;
  /** Constant in the reference: charted, but no share of the false-alarm budget. */
  constant: boolean;
  /** Watched by the shape detector (no atom in the reference). */
  shape: boolean;
  up: number; down: number;
  upStart: number; downStart: number;
  upSum: number; downSum: number;
}

/** A streaming watch over the numeric features of a reference profile. */
export interface FeatureWatch {
  /** Feeds one row; returns the alarm raised at it (the watch then restarts), or null. */
  update(row: Readonly<Record<string, unknown>>): WatchAlarm | null;
  /** Restarts every chart. */
  reset(): void;
  /** Observations since the (re)start. */
  readonly count: number;
  /** The shift charts' threshold h (log-likelihood ratio), from {@link cusumThreshold}. */
  readonly threshold: number;
  /** The shape detector's threshold ln(ARL) (NaN when no feature is watched for shape). */
  readonly shapeThreshold: number;
  /** Features watched. */
  readonly features: readonly string[];
}

function referenceValues(f: NumericFeatureProfile): { values: Float64Array; weights: Float64Array } {
  if (f.raw) return { values: Float64Array.from(f.raw), weights: new Float64Array(f.raw.length).fill(1) };
  const d = f.distinct.entries();
  if (d) return { values: Float64Array.from(d.map((e) => e[0])), weights: Float64Array.from(d.map((e) => e[1])) };
  return f.kll.weightedValues();
}

/**
 * The CUSUM threshold h (in log-likelihood-ratio units) whose in-control average run length is `arl`
 * for N(0, 1) scores and design shift δ, by Siegmund's corrected diffusion approximation
 * ARL₀ ≈ (e^{2kb} − 2kb − 1)/(2k²), k = δ/2, b = h/δ + 1.166 (Siegmund 1985; accurate to a few percent
 * for Gaussian increments). Never above ln(arl), the distribution-free bound from Ville's inequality.
 */
export function cusumThreshold(delta: number, arl: number): number {
  const k = delta / 2;
  const arlOf = (h: number) => { const b = 2 * k * (h / delta + 1.166); return (Math.exp(b) - b - 1) / (2 * k * k); };
  let lo = 0, hi = Math.log(arl);
  if (arlOf(hi) < arl) return hi;
  for (let i = 0; i < 100; i++) { const m = (lo + hi) / 2; if (arlOf(m) < arl) lo = m; else hi = m; }
  return hi;
}

/** Observations each shape statistic looks back over (starts of a change it considers). */
export const SHAPE_WINDOW = 200;
/** Largest share of the reference weight one value may carry for a feature to get the shape detector. */
const SHAPE_MAX_ATOM = 0.01;
/** The normal–inverse-gamma prior of the shape detector: μ | σ² ~ N(0, σ²/K0), σ² ~ InvGamma(A0, B0). */
const K0 = 1, A0 = 0.5, B0 = 0.5;
const LG: Float64Array = /* @__PURE__ */ (() => Float64Array.from({ length: SHAPE_WINDOW + 1 }, (_, m) => lgamma(A0 + m / 2) - lgamma(A0)))();
const LOG_B0 = A0 * Math.log(B0);

/**
 * ln of the mixture likelihood ratio of m scores with sum S and sum of squares Q: N(μ, σ²) under the
 * normal–inverse-gamma prior against N(0, 1) (the closed-form marginal likelihood). @internal (tests)
 */
export function shapeLogLR(m: number, S: number, Q: number): number {
  const km = K0 + m;
  const ss = Math.max(0, Q - (S * S) / m);
  const bm = B0 + ss / 2 + (K0 * S * S) / (2 * m * km);
  return Q / 2 + 0.5 * Math.log(K0 / km) + LOG_B0 - (A0 + m / 2) * Math.log(bm) + LG[m];
}

/** Mid-CDF of x under the reference: (weight below + ½·weight equal) / n. */
function midCdf(c: Chart, x: number): number {
  const v = c.values;
  let lo = 0, hi = v.length; // first index with v >= x
  while (lo < hi) { const m = (lo + hi) >>> 1; if (v[m] < x) lo = m + 1; else hi = m; }
  const below = lo ? c.cum[lo - 1] : 0;
  let eq = lo;
  while (eq < v.length && v[eq] === x) eq++;
  const equal = (eq ? c.cum[eq - 1] : 0) - below;
  return (below + equal / 2) / c.n;
}

/**
 * Creates a streaming watch: CUSUM charts on reference normal scores, alarm as soon as a change is
 * certain at the requested false-alarm rate.
 *
 * @example
 * ```ts
 * const watch = createFeatureWatch(referenceProfile, { falseAlarmRate: 1e-5 });
 * for (const row of featureRows) {
 *   const alarm = watch.update(row);
 *   if (alarm) console.warn(`${alarm.feature} went ${alarm.direction} after image ${alarm.changeAt}`);
 * }
 * ```
 * @throws EdgeAugmentError `INVALID_ARGUMENT` for bad options or a reference without numeric features.
 */
export function createFeatureWatch(reference: Profile, options: FeatureWatchOptions = {}): FeatureWatch {
  if (!options || typeof options !== 'object') throw new EdgeAugmentError('INVALID_ARGUMENT', 'watch options must be an object.');
  const rate = options.falseAlarmRate ?? 3e-5;
  if (typeof rate !== 'number' || !(rate > 0 && rate < 1)) throw new EdgeAugmentError('INVALID_ARGUMENT', `falseAlarmRate must be a number in (0, 1), got ${describeValue(rate)}.`);
  const delta = options.shift ?? 0.75;
  if (typeof delta !== 'number' || !(delta > 0 && delta <= 10)) throw new EdgeAugmentError('INVALID_ARGUMENT', `shift must be a number in (0, 10], got ${describeValue(delta)}.`);
  const useShape = options.shape ?? true;
  if (typeof useShape !== 'boolean') throw new EdgeAugmentError('INVALID_ARGUMENT', `shape must be a boolean, got ${describeValue(useShape)}.`);
  const names = options.features ?? reference.featureNames;
  if (!Array.isArray(names)) throw new EdgeAugmentError('INVALID_ARGUMENT', 'features must be an array of feature names.');
  const charts: Chart[] = [];
  for (const name of names) {
    const f = reference.feature(name);
    if (!f) throw new EdgeAugmentError('INVALID_ARGUMENT', `Feature ${describeValue(name)} is not in the reference profile.`);
    if (f.kind !== 'numeric' || f.count === 0) {
      if (options.features) throw new EdgeAugmentError('INVALID_ARGUMENT', `Feature ${JSON.stringify(name)} is not numeric with reference values.`);
      continue;
    }
    const { values, weights } = referenceValues(f);
    const cum = new Float64Array(weights.length);
    let s = 0;
    for (let i = 0; i < weights.length; i++) { s += weights[i]; cum[i] = s; }
    let atom = 0;
    for (let i = 0; i < weights.length; i++) if (weights[i] > atom) atom = weights[i];
    const constant = values[0] === values[values.length - 1];
    charts.push({
      name, refMean: f.moments.mean, values, cum, n: s, constant, shape: useShape && !constant && atom <= SHAPE_MAX_ATOM * s,
      up: 0, down: 0, upStart: 0, downStart: 0, upSum: 0, downSum: 0,
    });
  }
  if (!charts.length) throw new EdgeAugmentError('INVALID_ARGUMENT', 'The reference has no numeric feature to watch.');
  const shapeCharts = charts.filter((c) => c.shape).length;
  const shiftRate = shapeCharts ? rate / 2 : rate;
  const h = cusumThreshold(delta, (2 * Math.max(1, charts.filter((c) => !c.constant).length)) / shiftRate);
  const hShape = shapeCharts ? Math.log(shapeCharts / (rate / 2)) : NaN;
  const half = (delta * delta) / 2;
  let count = 0;
  // The last RECENT observations (raw values and scores per chart), to describe an alarm and for the
  // shape statistics.
  const RECENT = 2048; // ≥ SHAPE_WINDOW
  const C = charts.length;
  const rawRing = new Float64Array(RECENT * C).fill(NaN);
  const zRing = new Float64Array(RECENT * C).fill(NaN);
  const isImage = charts.filter((c) => Object.prototype.hasOwnProperty.call(IMAGE_ASPECTS, c.name)).length >= 6;

  /** Aspects of what changed over the last `len` observations. */
  const attribute = (len: number): AspectDrift[] => {
    const L = Math.min(len, RECENT, count);
    const tests: { name: string; p: number }[] = [];
    const means = new Map<string, { ref: number; cur: number }>();
    for (let k = 0; k < C; k++) {
      let n = 0, sz = 0, sx = 0;
      for (let t = count - L; t < count; t++) {
        const slot = (t % RECENT) * C + k;
        const z = zRing[slot];
        if (z === z) { n++; sz += z; sx += rawRing[slot]; }
      }
      if (!n) continue;
      means.set(charts[k].name, { ref: charts[k].refMean, cur: sx / n });
      tests.push({ name: charts[k].name, p: Math.min(1, 2 * normSf(Math.abs(sz / n) * Math.sqrt(n))) });
    }
    // Holm over the features at α = 0.01.
    const order = tests.map((t, i) => [t.p, i] as const).sort((a, b) => a[0] - b[0]);
    const rejected: { name: string; adjustedPvalue: number }[] = [];
    let running = 0;
    for (let r = 0; r < order.length; r++) {
      running = Math.max(running, Math.min(1, (order.length - r) * order[r][0]));
      if (running >= 0.01) break;
      rejected.push({ name: tests[order[r][1]].name, adjustedPvalue: running });
    }
    return imageAspects(rejected, means);
  };

  const reset = () => {
    count = 0;
    for (const c of charts) { c.up = 0; c.down = 0; c.upStart = 0; c.downStart = 0; c.upSum = 0; c.downSum = 0; }
  };

  return {
    update(row) {
      if (row === null || typeof row !== 'object') throw new EdgeAugmentError('INVALID_ARGUMENT', 'watch.update expects a row object of feature values.');
      const base = (count % RECENT) * C;
      count++;
      let best: { c: Chart; dir: 'up' | 'down'; s: number } | null = null;
      for (let k = 0; k < C; k++) {
        const c = charts[k];
        const x = row[c.name];
        rawRing[base + k] = NaN;
        zRing[base + k] = NaN;
        if (typeof x !== 'number' || !Number.isFinite(x)) continue; // missing: no evidence either way
        const p = Math.min(Math.max(midCdf(c, x), 0.5 / c.n), 1 - 0.5 / c.n);
        const z = normPpf(p);
        rawRing[base + k] = x;
        zRing[base + k] = z;
        if (c.up <= 0) { c.upStart = count - 1; c.upSum = 0; }
        if (c.down <= 0) { c.downStart = count - 1; c.downSum = 0; }
        c.up = Math.max(0, c.up + delta * z - half);
        c.down = Math.max(0, c.down - delta * z - half);
        c.upSum += z;
        c.downSum += z;
        if (c.up >= h && (!best || c.up - h > best.s)) best = { c, dir: 'up', s: c.up - h };
        if (c.down >= h && (!best || c.down - h > best.s)) best = { c, dir: 'down', s: c.down - h };
      }
      // Shape: ln Σ_starts LR over the last SHAPE_WINDOW observations (missing values skipped).
      let shapeBest: { c: Chart; s: number; m: number; sum: number; start: number } | null = null;
      if (shapeCharts) {
        const L = Math.min(SHAPE_WINDOW, count);
        for (let k = 0; k < C; k++) {
          const c = charts[k];
          if (!c.shape || zRing[base + k] !== zRing[base + k]) continue;
          let m = 0, S = 0, Q = 0, top = -Infinity, topM = 0, topS = 0, topStart = 0, acc = 0;
          for (let j = 1; j <= L; j++) {
            const z = zRing[((count - j) % RECENT) * C + k];
            if (z !== z) continue;
            m++; S += z; Q += z * z;
            const l = shapeLogLR(m, S, Q);
            if (l > top) { acc = acc * Math.exp(top - l) + 1; top = l; topM = m; topS = S; topStart = count - j; } else acc += Math.exp(l - top);
          }
          const stat = top + Math.log(acc);
          if (stat >= hShape && (!shapeBest || stat - hShape > shapeBest.s)) shapeBest = { c, s: stat - hShape, m: topM, sum: topS, start: topStart };
        }
      }
      if (!best && !shapeBest) return null;
      let alarm: WatchAlarm;
      let c: Chart;
      if (best && (!shapeBest || best.s >= shapeBest.s)) {
        c = best.c;
        const dir = best.dir;
        const start = dir === 'up' ? c.upStart : c.downStart;
        alarm = {
          feature: c.name, chart: 'shift', direction: dir, at: count, changeAt: start, statistic: best.s + h, threshold: h,
          meanScore: (dir === 'up' ? c.upSum : c.downSum) / Math.max(1, count - start),
        };
      } else {
        const sb = shapeBest!;
        c = sb.c;
        alarm = {
          feature: c.name, chart: 'shape', direction: sb.sum >= 0 ? 'up' : 'down', at: count, changeAt: sb.start,
          statistic: sb.s + hShape, threshold: hShape, meanScore: sb.sum / sb.m,
        };
      }
      const start = alarm.changeAt;
      if (Object.prototype.hasOwnProperty.call(IMAGE_ASPECTS, c.name)) alarm.aspect = IMAGE_ASPECTS[c.name];
      if (isImage) {
        const aspects = attribute(count - start);
        if (aspects.length) { alarm.aspects = aspects; alarm.aspect = aspects[0].aspect; }
      }
      reset();
      return alarm;
    },
    reset,
    get count() { return count; },
    threshold: h,
    shapeThreshold: hShape,
    features: Object.freeze(charts.map((c) => c.name)),
  };
}
