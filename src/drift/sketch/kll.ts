/**
 * KLL quantile sketch (Karnin, Lang & Liberty 2016) with a seeded coin, so that building and merging
 * are reproducible, and with an exact record of the error it has introduced.
 *
 * Error accounting. Every compaction at level h moves the estimated rank of any query by 0 or ±2^h
 * with a fair coin; conditioned on the past it has mean zero. The capacities of the compactors depend
 * only on counts, never on the coins, so the schedule of compactions — and therefore
 * `errorVariance = Σ 4^h` over all compactions (including those done by merges) — is deterministic.
 * Azuma–Hoeffding then gives, for one query, P(|rank error| ≥ t) ≤ 2·exp(−t² / (2·errorVariance)),
 * which {@link KllSketch.rankErrorBound} turns into a normalised bound. A sketch that never compacted
 * holds every value and is exact (`errorVariance === 0`).
 *
 * Typical size: k = 200 keeps about 3k ≈ 600 values; its typical normalised rank error is about
 * 1.65/k for one query (tested in test/drift/profile/sketch.test.ts).
 */
import { EdgeAugmentError } from '../../errors.js';
import { SeededRng, mixSeeds } from './rng.js';
import { JSON_LIMITS, arr, int, invalid, literal, num, nums, obj, parseInput } from './json.js';

/** Default KLL `k`. */
export const DEFAULT_KLL_K = 200;

/** Typical normalised single-query rank error of a KLL sketch with parameter `k` (≈ 1.65 / k). */
export function kllTypicalRankError(k: number): number {
  return 1.65 / k;
}

/** JSON form of a {@link KllSketch}. */
export interface KllSketchJSON {
  type: 'kll';
  k: number;
  n: number;
  min: number | null;
  max: number | null;
  /** `levels[h]` holds values of weight 2^h. */
  levels: number[][];
  errorVariance: number;
  rngState: number;
}

const C = 2 / 3;

/**
 * Mergeable quantile sketch.
 *
 * @example
 * ```ts
 * const s = new KllSketch({ k: 200, seed: 1 });
 * for (const x of values) s.update(x);
 * s.quantile(0.5); s.cdf(3.2); s.rankErrorBound();
 * ```
 */
export class KllSketch {
  /** Accuracy parameter. */
  readonly k: number;
  private levels: number[][] = [[]];
  private _n = 0;
  private _min = Infinity;
  private _max = -Infinity;
  private _errorVariance = 0;
  private rng: SeededRng;
  private size = 0;
  private maxSize = 0;
  private sorted: { values: Float64Array; cum: Float64Array } | null = null;

  /**
   * @param options.k - accuracy parameter (8 … 65536, default 200).
   * @param options.seed - seed of the compaction coin (default 0).
   * @throws EdgeAugmentError `INVALID_ARGUMENT` for a bad `k`.
   */
  constructor(options: { k?: number; seed?: number } = {}) {
    const k = options.k ?? DEFAULT_KLL_K;
    if (!Number.isInteger(k) || k < 8 || k > JSON_LIMITS.maxKllK) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `KLL k must be an integer in [8, ${JSON_LIMITS.maxKllK}], got ${k}.`);
    }
    this.k = k;
    this.rng = new SeededRng(options.seed ?? 0);
    this.maxSize = this.capacity(0);
  }

  /** Number of values seen. */
  get n(): number { return this._n; }
  /** Smallest value seen (NaN when empty). */
  get min(): number { return this._n ? this._min : NaN; }
  /** Largest value seen (NaN when empty). */
  get max(): number { return this._n ? this._max : NaN; }
  /** Σ 4^h over all compactions: the variance proxy of any single rank estimate (in items²). */
  get errorVariance(): number { return this._errorVariance; }
  /** True when no value was ever discarded: every rank is exact. */
  get isExact(): boolean { return this._errorVariance === 0; }
  /** Number of values retained. */
  get retained(): number { return this.size; }

  private capacity(h: number): number {
    const depth = this.levels.length - h - 1;
    return Math.max(2, Math.ceil(this.k * Math.pow(C, depth)));
  }

  private grow(): void {
    this.levels.push([]);
    let s = 0;
    for (let h = 0; h < this.levels.length; h++) s += this.capacity(h);
    this.maxSize = s;
  }

  /**
   * Adds one value. Non-finite values are rejected (profiles count them as missing before this).
   * @throws EdgeAugmentError `INVALID_ARGUMENT` for NaN or ±Infinity.
   */
  update(x: number): void {
    if (!Number.isFinite(x)) throw new EdgeAugmentError('INVALID_ARGUMENT', `KLL values must be finite, got ${x}.`);
    this.levels[0].push(x);
    this._n++;
    this.size++;
    if (x < this._min) this._min = x;
    if (x > this._max) this._max = x;
    this.sorted = null;
    while (this.size >= this.maxSize) this.compressOnce();
  }

  private compressOnce(): void {
    for (let h = 0; h < this.levels.length; h++) {
      if (this.levels[h].length >= this.capacity(h)) {
        if (h + 1 >= this.levels.length) this.grow();
        this.compact(h);
        return;
      }
    }
  }

  private compact(h: number): void {
    const level = this.levels[h];
    level.sort((a, b) => a - b);
    // With an odd count the smallest value stays behind; the rest are paired.
    const start = level.length % 2;
    const offset = this.rng.bit();
    const up = this.levels[h + 1];
    for (let i = start + offset; i < level.length; i += 2) up.push(level[i]);
    const kept = start ? [level[0]] : [];
    this.size -= level.length - kept.length - (level.length - start) / 2;
    this.levels[h] = kept;
    this._errorVariance += Math.pow(4, h);
  }

  /**
   * Merges `other` into this sketch (in place) and returns `this`. The result does not depend on the
   * argument order: the coin is re-seeded from both states and retained levels are kept sorted.
   * @throws EdgeAugmentError `INVALID_ARGUMENT` when the `k`s differ.
   */
  merge(other: KllSketch): this {
    if (other.k !== this.k) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `Cannot merge KLL sketches with different k (${this.k} vs ${other.k}); build both with the same k.`);
    }
    this.rng.state = mixSeeds(this.rng.state, other.rng.state);
    while (this.levels.length < other.levels.length) this.grow();
    for (let h = 0; h < other.levels.length; h++) {
      for (const v of other.levels[h]) this.levels[h].push(v);
    }
    this._n += other._n;
    this.size += other.size;
    this._errorVariance += other._errorVariance;
    if (other._min < this._min) this._min = other._min;
    if (other._max > this._max) this._max = other._max;
    for (const l of this.levels) l.sort((a, b) => a - b);
    while (this.size >= this.maxSize) this.compressOnce();
    this.sorted = null;
    return this;
  }

  /** A deep copy. */
  clone(): KllSketch {
    return KllSketch.fromJSON(this.toJSON());
  }

  private view(): { values: Float64Array; cum: Float64Array } {
    if (this.sorted) return this.sorted;
    const items: [number, number][] = [];
    for (let h = 0; h < this.levels.length; h++) {
      const w = Math.pow(2, h);
      for (const v of this.levels[h]) items.push([v, w]);
    }
    items.sort((a, b) => a[0] - b[0]);
    const values = new Float64Array(items.length);
    const cum = new Float64Array(items.length);
    let c = 0;
    for (let i = 0; i < items.length; i++) {
      values[i] = items[i][0];
      c += items[i][1];
      cum[i] = c;
    }
    this.sorted = { values, cum };
    return this.sorted;
  }

  /** Estimated number of values ≤ x (exact when {@link KllSketch.isExact}). */
  rank(x: number): number {
    const { values, cum } = this.view();
    let lo = 0, hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[mid] <= x) lo = mid + 1; else hi = mid;
    }
    return lo === 0 ? 0 : cum[lo - 1];
  }

  /** Estimated fraction of values ≤ x (0 for an empty sketch). */
  cdf(x: number): number {
    return this._n ? this.rank(x) / this._n : 0;
  }

  /**
   * Estimated q-quantile: the smallest retained value whose estimated rank is ≥ q·n (q = 0 → min,
   * q = 1 → max).
   * @throws EdgeAugmentError `INSUFFICIENT_DATA` on an empty sketch, `INVALID_ARGUMENT` for q outside [0, 1].
   */
  quantile(q: number): number {
    if (!(q >= 0 && q <= 1)) throw new EdgeAugmentError('INVALID_ARGUMENT', `Quantile must be in [0, 1], got ${q}.`);
    if (this._n === 0) throw new EdgeAugmentError('INSUFFICIENT_DATA', 'Quantile of an empty sketch.');
    if (q === 0) return this._min;
    if (q === 1) return this._max;
    const { values, cum } = this.view();
    const target = q * this._n;
    let lo = 0, hi = values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] >= target) hi = mid; else lo = mid + 1;
    }
    return values[lo];
  }

  /** Retained values and their weights, sorted by value (weights sum to `n`). */
  weightedValues(): { values: Float64Array; weights: Float64Array } {
    const { values, cum } = this.view();
    const weights = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) weights[i] = cum[i] - (i ? cum[i - 1] : 0);
    return { values: values.slice(), weights };
  }

  /**
   * A bound on the normalised rank error |rank̂(x) − rank(x)| / n that holds with probability
   * ≥ 1 − delta simultaneously for `queries` query points (Azuma–Hoeffding plus a union bound):
   * √(2·errorVariance·ln(2·queries/delta)) / n. Zero for an exact sketch.
   */
  rankErrorBound(delta = 1e-3, queries = 1): number {
    if (this._errorVariance === 0 || this._n === 0) return 0;
    return Math.sqrt(2 * this._errorVariance * Math.log((2 * queries) / delta)) / this._n;
  }

  /** Plain JSON form. */
  toJSON(): KllSketchJSON {
    return {
      type: 'kll', k: this.k, n: this._n,
      min: this._n ? this._min : null, max: this._n ? this._max : null,
      levels: this.levels.map((l) => l.slice()),
      errorVariance: this._errorVariance, rngState: this.rng.state,
    };
  }

  /**
   * Rebuilds a sketch, validating every field (weights must add up to `n`, values must lie in
   * [min, max], sizes must respect the compactor capacities).
   * @throws EdgeAugmentError `INVALID_PROFILE` for anything malformed.
   */
  static fromJSON(input: unknown, path = '$'): KllSketch {
    const o = obj(typeof input === 'string' ? parseInput(input, path) : input, path,
      ['type', 'k', 'n', 'min', 'max', 'levels', 'errorVariance', 'rngState']);
    literal(o.type, `${path}.type`, 'kll');
    const k = int(o.k, `${path}.k`, 8, JSON_LIMITS.maxKllK);
    const n = int(o.n, `${path}.n`);
    const rawLevels = arr(o.levels, `${path}.levels`, JSON_LIMITS.maxKllLevels);
    if (rawLevels.length < 1) invalid(`${path}.levels`, 'expected at least one level');
    const s = new KllSketch({ k });
    s.levels = [[]];
    while (s.levels.length < rawLevels.length) s.grow();
    let size = 0;
    let weight = 0;
    for (let h = 0; h < rawLevels.length; h++) {
      const level = nums(rawLevels[h], `${path}.levels[${h}]`, s.maxSize);
      s.levels[h] = level;
      size += level.length;
      weight += level.length * Math.pow(2, h);
    }
    if (weight !== n) invalid(`${path}.levels`, `weights add up to ${weight}, not n = ${n}`);
    if (n > 0) {
      const min = num(o.min, `${path}.min`);
      const max = num(o.max, `${path}.max`);
      if (min > max) invalid(`${path}.min`, 'min > max');
      for (const l of s.levels) for (const v of l) if (v < min || v > max) invalid(`${path}.levels`, 'value outside [min, max]');
      s._min = min;
      s._max = max;
    } else if (o.min !== null || o.max !== null) {
      invalid(`${path}.min`, 'an empty sketch has min = max = null');
    }
    const ev = num(o.errorVariance, `${path}.errorVariance`);
    if (ev < 0) invalid(`${path}.errorVariance`, 'must be ≥ 0');
    if (ev === 0 && rawLevels.length > 1) invalid(`${path}.errorVariance`, 'a sketch with more than one level has compacted');
    s._errorVariance = ev;
    s._n = n;
    s.size = size;
    s.rng.state = int(o.rngState, `${path}.rngState`, 0, 0xffffffff);
    if (size >= s.maxSize) invalid(`${path}.levels`, 'more values than the compactors can hold');
    return s;
  }
}
