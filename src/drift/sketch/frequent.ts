/**
 * Frequent items (Misra–Gries, with the mergeable reduction of Agarwal et al. 2012).
 *
 * Guarantee: for every key, `estimate(key) ≤ true count ≤ estimate(key) + maxError`, and
 * `maxError ≤ n / (capacity + 1)`. `maxError` is tracked exactly (it is the total amount subtracted),
 * so a sketch whose domain never exceeded its capacity reports `maxError = 0` and is exact.
 */
import { EdgeAugmentError } from '../../errors.js';
import { JSON_LIMITS, arr, int, invalid, literal, obj, parseInput, str } from './json.js';

/** Default number of counters. */
export const DEFAULT_FREQUENT_CAPACITY = 64;

/** JSON form of {@link FrequentItems}: counters as `[key, count]` pairs, most frequent first. */
export interface FrequentItemsJSON {
  type: 'frequent';
  capacity: number;
  n: number;
  maxError: number;
  items: [string, number][];
}

/**
 * Mergeable frequent-items sketch over string keys.
 *
 * @example
 * ```ts
 * const f = new FrequentItems({ capacity: 64 });
 * f.update('cat'); f.update('dog');
 * f.estimate('cat'); f.top(5);
 * ```
 */
export class FrequentItems {
  /** Number of counters kept after a reduction. */
  readonly capacity: number;
  private counters = new Map<string, number>();
  private _n = 0;
  private _maxError = 0;

  /** @throws EdgeAugmentError `INVALID_ARGUMENT` for a bad capacity. */
  constructor(options: { capacity?: number } = {}) {
    const c = options.capacity ?? DEFAULT_FREQUENT_CAPACITY;
    if (!Number.isInteger(c) || c < 1 || c > JSON_LIMITS.maxFrequentCapacity) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `Frequent-items capacity must be an integer in [1, ${JSON_LIMITS.maxFrequentCapacity}], got ${c}.`);
    }
    this.capacity = c;
  }

  /** Total weight seen. */
  get n(): number { return this._n; }
  /** Largest possible undercount of any estimate. */
  get maxError(): number { return this._maxError; }
  /** True when every count is exact. */
  get isExact(): boolean { return this._maxError === 0; }
  /** Number of counters currently held. */
  get size(): number { return this.counters.size; }

  /** Counts `key` with weight `w` (default 1). */
  update(key: string, w = 1): void {
    this.counters.set(key, (this.counters.get(key) ?? 0) + w);
    this._n += w;
    if (this.counters.size > 2 * this.capacity) this.reduce();
  }

  /** Subtracts the (capacity+1)-th largest count from all counters and drops the non-positive ones. */
  private reduce(): void {
    if (this.counters.size <= this.capacity) return;
    const sorted = [...this.counters.values()].sort((a, b) => b - a);
    const c = sorted[this.capacity];
    const next = new Map<string, number>();
    for (const [k, v] of this.counters) if (v - c > 0) next.set(k, v - c);
    this.counters = next;
    this._maxError += c;
  }

  /** Lower-bound estimate of the count of `key` (0 when not held). */
  estimate(key: string): number {
    return this.counters.get(key) ?? 0;
  }

  /** Held counters, most frequent first (ties by key), at most `limit` of them. */
  top(limit = Infinity): [string, number][] {
    this.reduce();
    const items = [...this.counters.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return items.slice(0, limit);
  }

  /**
   * Adds `other` into this sketch (in place) and returns `this`; the result depends only on the two
   * multisets of counters, so merge order does not matter beyond the stated error.
   * @throws EdgeAugmentError `INVALID_ARGUMENT` when capacities differ.
   */
  merge(other: FrequentItems): this {
    if (other.capacity !== this.capacity) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `Cannot merge frequent-items sketches with different capacities (${this.capacity} vs ${other.capacity}).`);
    }
    for (const [k, v] of other.counters) this.counters.set(k, (this.counters.get(k) ?? 0) + v);
    this._n += other._n;
    this._maxError += other._maxError;
    this.reduce();
    return this;
  }

  /** A deep copy. */
  clone(): FrequentItems {
    const f = new FrequentItems({ capacity: this.capacity });
    f.counters = new Map(this.counters);
    f._n = this._n;
    f._maxError = this._maxError;
    return f;
  }

  /** Plain JSON form. */
  toJSON(): FrequentItemsJSON {
    return { type: 'frequent', capacity: this.capacity, n: this._n, maxError: this._maxError, items: this.top() };
  }

  /**
   * Rebuilds a sketch from JSON (pairs are used, never object keys, so `__proto__` is just a value).
   * @throws EdgeAugmentError `INVALID_PROFILE` for anything malformed.
   */
  static fromJSON(input: unknown, path = '$'): FrequentItems {
    const o = obj(typeof input === 'string' ? parseInput(input, path) : input, path, ['type', 'capacity', 'n', 'maxError', 'items']);
    literal(o.type, `${path}.type`, 'frequent');
    const f = new FrequentItems({ capacity: int(o.capacity, `${path}.capacity`, 1, JSON_LIMITS.maxFrequentCapacity) });
    f._n = int(o.n, `${path}.n`);
    f._maxError = int(o.maxError, `${path}.maxError`);
    const items = arr(o.items, `${path}.items`, f.capacity);
    let sum = 0;
    for (let i = 0; i < items.length; i++) {
      const p = arr(items[i], `${path}.items[${i}]`, 2);
      if (p.length !== 2) invalid(`${path}.items[${i}]`, 'expected a [key, count] pair');
      const key = str(p[0], `${path}.items[${i}][0]`);
      const count = int(p[1], `${path}.items[${i}][1]`, 1);
      if (f.counters.has(key)) invalid(`${path}.items[${i}]`, 'duplicate key');
      f.counters.set(key, count);
      sum += count;
    }
    if (sum > f._n) invalid(`${path}.items`, 'counts exceed n');
    if (f._maxError === 0 && sum !== f._n) invalid(`${path}.items`, 'an exact sketch must account for all of n');
    return f;
  }
}
