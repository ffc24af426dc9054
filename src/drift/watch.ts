/**
 * Streaming drift alarms ("watch" mode): under attack drift is constant and fast, so instead of waiting
 * for a window of 200 images and a report, every image is checked as it arrives and an alarm is raised
 * as soon as a change is certain.
 *
 * Per numeric feature of the reference, each value x becomes a normal score z = Φ⁻¹(F(x)), F the
 * reference's mid-CDF ((#below + ½·#equal)/n, clamped to [½/n, 1 − ½/n]) — so z ~ N(0, 1) under no
 * drift whatever the feature's distribution. Two CUSUM charts per feature accumulate the Gaussian
 * log-likelihood ratio of a shift of ±δ (default δ = 0.75, in normal-score units):
 *   S⁺ ← max(0, S⁺ + δz − δ²/2),  S⁻ ← max(0, S⁻ − δz − δ²/2),
 * and an alarm is raised when one chart reaches h, chosen so that each chart's in-control average run
 * length is C / r (C the number of charts, r the tolerated false alarms per observation, default 3·10⁻⁵,
 * i.e. 0.3 per 10,000 images): Siegmund's approximation for Gaussian scores, capped by ln(C / r), the
 * distribution-free bound (Ville's inequality on the likelihood-ratio martingale of each start time).
 * With a reference estimated from n values the scores are only approximately N(0, 1): the rate is
 * measured on real photos in BENCHMARKS.md. Expected delay for a shift of μ normal-score units:
 * about h/(δμ − δ²/2) observations. After an alarm every chart restarts (as River's detectors do).
 */
import { EdgeAugmentError, describeValue } from '../errors.js';
import { IMAGE_ASPECTS, imageAspects, type AspectDrift, type ImageAspect } from './aspects.js';
import type { Profile, NumericFeatureProfile } from './profile.js';
import { normPpf, normSf } from './stats/special.js';

/** Options of {@link createFeatureWatch}. */
export interface FeatureWatchOptions {
  /** Tolerated false alarms per observation, over all charts (default 3e-5: 0.3 per 10,000 images). */
  falseAlarmRate?: number;
  /** Design shift δ in normal-score units (default 0.75): the charts are most sensitive to it. */
  shift?: number;
  /** Only these numeric features (default: every numeric feature of the reference). */
  features?: readonly string[];
}

/** An alarm of a {@link FeatureWatch}. */
export interface WatchAlarm {
  /** The feature whose chart crossed. */
  feature: string;
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
  /** The feature moved up or down relative to the reference. */
  direction: 'up' | 'down';
  /** Observations since the watch (re)started, including this one. */
  at: number;
  /** Estimated change point: observations since the (re)start before the change (the chart's last zero). */
  changeAt: number;
  /** Chart value (log-likelihood ratio) and the threshold h it crossed. */
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
  /** The alarm threshold h (log-likelihood ratio), from {@link cusumThreshold}. */
  readonly threshold: number;
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
    charts.push({ name, refMean: f.moments.mean, values, cum, n: s, up: 0, down: 0, upStart: 0, downStart: 0, upSum: 0, downSum: 0 });
  }
  if (!charts.length) throw new EdgeAugmentError('INVALID_ARGUMENT', 'The reference has no numeric feature to watch.');
  const h = cusumThreshold(delta, (2 * charts.length) / rate);
  const half = (delta * delta) / 2;
  let count = 0;
  // The last RECENT observations (raw values and scores per chart), to describe an alarm.
  const RECENT = 2048;
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
        if (c.up >= h && (!best || c.up > best.s)) best = { c, dir: 'up', s: c.up };
        if (c.down >= h && (!best || c.down > best.s)) best = { c, dir: 'down', s: c.down };
      }
      if (!best) return null;
      const { c, dir, s } = best;
      const start = dir === 'up' ? c.upStart : c.downStart;
      const alarm: WatchAlarm = {
        feature: c.name, direction: dir, at: count, changeAt: start, statistic: s, threshold: h,
        meanScore: (dir === 'up' ? c.upSum : c.downSum) / Math.max(1, count - start),
      };
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
    features: Object.freeze(charts.map((c) => c.name)),
  };
}
