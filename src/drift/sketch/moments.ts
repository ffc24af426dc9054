/**
 * Streaming moments: Welford's update, Chan et al.'s pairwise merge. The merge picks the larger
 * side as the base so that `merge(a, b)` and `merge(b, a)` give bit-identical results.
 */
import { int, literal, num, numOr, obj, parseInput, invalid } from './json.js';

/** JSON form of {@link Moments}. */
export interface MomentsJSON {
  type: 'moments';
  n: number;
  mean: number;
  m2: number;
  min: number | null;
  max: number | null;
}

/**
 * Count, mean, variance, min and max of a stream.
 *
 * @example
 * ```ts
 * const m = new Moments(); [1, 2, 3].forEach((x) => m.update(x));
 * m.mean; m.variance(); m.std();
 * ```
 */
export class Moments {
  /** Count. */
  n = 0;
  /** Mean (0 when empty). */
  mean = 0;
  /** Sum of squared deviations from the mean. */
  m2 = 0;
  /** Minimum (Infinity when empty). */
  min = Infinity;
  /** Maximum (−Infinity when empty). */
  max = -Infinity;

  /** Adds one finite value. */
  update(x: number): void {
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  /** Variance with `ddof` degrees of freedom removed (default 0, population; NaN when n ≤ ddof). */
  variance(ddof = 0): number {
    return this.n > ddof ? Math.max(0, this.m2) / (this.n - ddof) : NaN;
  }

  /** Standard deviation (population by default). */
  std(ddof = 0): number {
    return Math.sqrt(this.variance(ddof));
  }

  /** Merges `other` into this (Chan's formula) and returns `this`. */
  merge(other: Moments): this {
    if (other.n === 0) return this;
    if (this.n === 0) {
      Object.assign(this, { n: other.n, mean: other.mean, m2: other.m2, min: other.min, max: other.max });
      return this;
    }
    // Base on the larger side (ties: the smaller mean) so the result is symmetric.
    const aFirst = this.n > other.n || (this.n === other.n && this.mean <= other.mean);
    const a = aFirst ? this : other;
    const b = aFirst ? other : this;
    const n = a.n + b.n;
    const delta = b.mean - a.mean;
    const mean = a.mean + delta * (b.n / n);
    const m2 = a.m2 + b.m2 + delta * delta * ((a.n * b.n) / n);
    this.n = n;
    this.mean = mean;
    this.m2 = m2;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
    return this;
  }

  /** A copy. */
  clone(): Moments {
    return new Moments().merge(this);
  }

  /** Plain JSON form. */
  toJSON(): MomentsJSON {
    return { type: 'moments', n: this.n, mean: this.mean, m2: this.m2, min: this.n ? this.min : null, max: this.n ? this.max : null };
  }

  /**
   * Rebuilds moments from JSON.
   * @throws EdgeAugmentError `INVALID_PROFILE` for anything malformed.
   */
  static fromJSON(input: unknown, path = '$'): Moments {
    const o = obj(typeof input === 'string' ? parseInput(input, path) : input, path, ['type', 'n', 'mean', 'm2', 'min', 'max']);
    literal(o.type, `${path}.type`, 'moments');
    const m = new Moments();
    m.n = int(o.n, `${path}.n`);
    m.mean = num(o.mean, `${path}.mean`);
    m.m2 = num(o.m2, `${path}.m2`);
    if (m.m2 < 0) invalid(`${path}.m2`, 'must be ≥ 0');
    if (m.n > 0) {
      m.min = num(o.min, `${path}.min`);
      m.max = num(o.max, `${path}.max`);
      if (m.min > m.max) invalid(`${path}.min`, 'min > max');
    } else {
      numOr(o.min, `${path}.min`, 0);
      if (o.min !== null || o.max !== null || m.mean !== 0 || m.m2 !== 0) invalid(path, 'empty moments must have mean = m2 = 0 and min = max = null');
    }
    return m;
  }
}
