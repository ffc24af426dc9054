/**
 * Frequent items with Apache DataSketches' algorithm (the "reverse purge" Misra–Gries variant of
 * datasketches-cpp `frequent_items_sketch`, read to learn it; this is an independent implementation):
 * counters live in a map whose size grows from 2^3 to `2^lgMaxMapSize` slots; when more than
 * ⌊0.75 · slots⌋ counters are active at the largest size, the median counter value is subtracted from
 * every counter, counters that reach ≤ 0 are dropped and the median is added to `maxError` (DataSketches'
 * `offset`). Merging adds the other sketch's counters one by one, then its offset.
 *
 * Guarantee: for every key, `estimate(key) ≤ true count ≤ estimate(key) + maxError`, and `maxError ≤
 * 3.5 · n / 2^lgMaxMapSize`. A sketch that never purged reports `maxError = 0` and is exact.
 *
 * The state after a sequence of updates is that of the C++ library for `lgMaxMapSize ≤ 10` (its purge
 * then takes the median of all counters, so hash order does not matter); the bytes
 * ({@link FrequentItems.toDataSketches}) are its compact format, with the items in our order rather
 * than its hash-table order. Merges match it within the stated error (it re-inserts in hash order).
 */
import { EdgeAugmentError } from '../../errors.js';
import { JSON_LIMITS, arr, int, invalid, literal, obj, parseInput, str } from './json.js';
import { frequentFromBytes, frequentToBytes } from '../datasketches/frequent.js';

/** Default number of counters a profile asks for (rounded up to DataSketches' 0.75 · 2^lg: 96). */
export const DEFAULT_FREQUENT_CAPACITY = 64;
/** Smallest map, as in DataSketches (`LG_MIN_MAP_SIZE`). */
export const FREQUENT_LG_MIN_MAP_SIZE = 3;
/** Largest map accepted here (0.75 · 2^18 = 196,608 counters). */
export const FREQUENT_LG_MAX_MAP_SIZE = 18;
const MAX_SAMPLE = 1024;

/** Counters a map of 2^lg slots holds (DataSketches `get_capacity`). */
export function frequentMapCapacity(lg: number): number {
  return Math.floor(Math.pow(2, lg) * 0.75);
}

/** The smallest `lgMaxMapSize` whose map holds at least `capacity` counters. */
export function frequentLgForCapacity(capacity: number): number {
  let lg = FREQUENT_LG_MIN_MAP_SIZE;
  while (frequentMapCapacity(lg) < capacity) lg++;
  return lg;
}

/** JSON form of {@link FrequentItems}: counters as `[key, count]` pairs, most frequent first. */
export interface FrequentItemsJSON {
  type: 'frequent';
  lgMaxMapSize: number;
  lgCurMapSize: number;
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
 * const bytes = f.toDataSketches();      // datasketches frequent_items_sketch<std::string> bytes
 * ```
 */
export class FrequentItems {
  /** log2 of the largest map (DataSketches `lg_max_map_size`). */
  readonly lgMaxMapSize: number;
  private lgCur = FREQUENT_LG_MIN_MAP_SIZE;
  private counters = new Map<string, number>();
  private _n = 0;
  private _maxError = 0;

  /**
   * @param options.capacity - counters wanted (default 64); rounded up to 0.75 · 2^lg (64 → 96).
   * @param options.lgMaxMapSize - or the DataSketches map size directly (3 … 18).
   * @throws EdgeAugmentError `INVALID_ARGUMENT` for a bad capacity.
   */
  constructor(options: { capacity?: number; lgMaxMapSize?: number } = {}) {
    if (options.lgMaxMapSize !== undefined) {
      const lg = options.lgMaxMapSize;
      if (!Number.isInteger(lg) || lg < FREQUENT_LG_MIN_MAP_SIZE || lg > FREQUENT_LG_MAX_MAP_SIZE) {
        throw new EdgeAugmentError('INVALID_ARGUMENT', `lgMaxMapSize must be an integer in [${FREQUENT_LG_MIN_MAP_SIZE}, ${FREQUENT_LG_MAX_MAP_SIZE}], got ${lg}.`);
      }
      this.lgMaxMapSize = lg;
    } else {
      const c = options.capacity ?? DEFAULT_FREQUENT_CAPACITY;
      if (!Number.isInteger(c) || c < 1 || c > JSON_LIMITS.maxFrequentCapacity) {
        throw new EdgeAugmentError('INVALID_ARGUMENT', `Frequent-items capacity must be an integer in [1, ${JSON_LIMITS.maxFrequentCapacity}], got ${c}.`);
      }
      this.lgMaxMapSize = frequentLgForCapacity(c);
    }
  }

  /** Most counters held between purges (⌊0.75 · 2^lgMaxMapSize⌋). */
  get capacity(): number { return frequentMapCapacity(this.lgMaxMapSize); }
  /** log2 of the current map size (grows with the number of distinct keys). */
  get lgCurMapSize(): number { return this.lgCur; }
  /** Total weight seen. */
  get n(): number { return this._n; }
  /** Largest possible undercount of any estimate (DataSketches' offset). */
  get maxError(): number { return this._maxError; }
  /** True when every count is exact. */
  get isExact(): boolean { return this._maxError === 0; }
  /** Number of counters currently held. */
  get size(): number { return this.counters.size; }
  /** DataSketches' a-priori error factor: maxError ≤ epsilon · n. */
  get epsilon(): number { return 3.5 / Math.pow(2, this.lgMaxMapSize); }

  /**
   * Counts `key` with weight `w` (a positive integer, default 1).
   * @throws EdgeAugmentError `INVALID_ARGUMENT` for a bad weight or a non-string key.
   */
  update(key: string, w = 1): void {
    if (typeof key !== 'string') throw new EdgeAugmentError('INVALID_ARGUMENT', `Frequent-items keys must be strings, got ${typeof key}.`);
    if (!Number.isSafeInteger(w) || w < 0) throw new EdgeAugmentError('INVALID_ARGUMENT', `Frequent-items weights must be non-negative integers, got ${w}.`);
    if (w === 0) return;
    this._n += w;
    this._maxError += this.adjustOrInsert(key, w);
  }

  /** Adds to a counter; returns the amount purged (0 when no purge happened). */
  private adjustOrInsert(key: string, w: number): number {
    const cur = this.counters.get(key);
    if (cur !== undefined) {
      this.counters.set(key, cur + w);
      return 0;
    }
    this.counters.set(key, w);
    if (this.counters.size <= frequentMapCapacity(this.lgCur)) return 0;
    if (this.lgCur < this.lgMaxMapSize) {
      this.lgCur++;
      return 0;
    }
    return this.purge();
  }

  private purge(): number {
    const limit = Math.min(MAX_SAMPLE, this.counters.size);
    const sample = new Float64Array(limit);
    let i = 0;
    for (const v of this.counters.values()) {
      if (i >= limit) break;
      sample[i++] = v;
    }
    sample.sort();
    const median = sample[limit >> 1];
    for (const [k, v] of this.counters) {
      if (v <= median) this.counters.delete(k);
      else this.counters.set(k, v - median);
    }
    return median;
  }

  /** Lower-bound estimate of the count of `key` (0 when not held). */
  estimate(key: string): number {
    return this.counters.get(key) ?? 0;
  }

  /** Upper bound of the count of `key` (`estimate + maxError`). */
  upperBound(key: string): number {
    return this.estimate(key) + this._maxError;
  }

  /** Held counters, most frequent first (ties by key), at most `limit` of them. */
  top(limit = Infinity): [string, number][] {
    const items = [...this.counters.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return items.slice(0, limit);
  }

  /**
   * Adds `other` into this sketch (in place) and returns `this`, as DataSketches does (its counters
   * inserted one by one, then its offset added).
   * @throws EdgeAugmentError `INVALID_ARGUMENT` when map sizes differ or `other` is not a sketch.
   */
  merge(other: FrequentItems): this {
    if (!(other instanceof FrequentItems)) throw new EdgeAugmentError('INVALID_ARGUMENT', 'FrequentItems.merge expects a FrequentItems sketch.');
    if (other.lgMaxMapSize !== this.lgMaxMapSize) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `Cannot merge frequent-items sketches with different map sizes (2^${this.lgMaxMapSize} vs 2^${other.lgMaxMapSize}).`);
    }
    if (other.counters.size === 0 && other._n === 0) return this;
    const entries = [...other.counters.entries()];
    const total = this._n + other._n;
    const offset = other._maxError;
    for (const [k, v] of entries) this._maxError += this.adjustOrInsert(k, v);
    this._maxError += offset;
    this._n = total;
    return this;
  }

  /** A deep copy. */
  clone(): FrequentItems {
    const f = new FrequentItems({ lgMaxMapSize: this.lgMaxMapSize });
    f.counters = new Map(this.counters);
    f.lgCur = this.lgCur;
    f._n = this._n;
    f._maxError = this._maxError;
    return f;
  }

  /**
   * The DataSketches compact bytes (family 10) of a `frequent_items_sketch<std::string>`: items as
   * UTF-8, weights as u64.
   * @example
   * ```ts
   * const back = FrequentItems.fromDataSketches(f.toDataSketches());
   * ```
   */
  toDataSketches(): Uint8Array {
    return frequentToBytes(this.lgMaxMapSize, this.lgCur, this._n, this._maxError, [...this.counters.entries()]);
  }

  /**
   * Reads DataSketches compact frequent-items bytes (string items).
   * @throws EdgeAugmentError `INVALID_PROFILE` for malformed or inconsistent bytes.
   */
  static fromDataSketches(bytes: Uint8Array): FrequentItems {
    const d = frequentFromBytes(bytes);
    const f = new FrequentItems({ lgMaxMapSize: d.lgMax });
    f.load(d.items, d.n, d.maxError, d.lgCur, (what) => frequentFromBytesFail(what));
    return f;
  }

  /** Installs validated counters (the DataSketches invariants and the purge arithmetic are checked). */
  private load(items: readonly (readonly [string, number])[], n: number, maxError: number, lgCur: number, fail: (what: string) => never): void {
    if (lgCur < FREQUENT_LG_MIN_MAP_SIZE || lgCur > this.lgMaxMapSize) fail(`lgCurMapSize ${lgCur} outside [${FREQUENT_LG_MIN_MAP_SIZE}, ${this.lgMaxMapSize}]`);
    if (items.length > frequentMapCapacity(this.lgMaxMapSize)) fail(`${items.length} items exceed the map capacity ${this.capacity}`);
    let sum = 0;
    for (const [k, v] of items) {
      if (this.counters.has(k)) fail(`duplicate item ${JSON.stringify(k.slice(0, 40))}`);
      if (!Number.isSafeInteger(v) || v < 1) fail('weights must be positive integers');
      this.counters.set(k, v);
      sum += v;
    }
    while (this.lgCur < lgCur) this.lgCur++;
    if (sum > n) fail(`weights add up to ${sum}, more than n = ${n}`);
    if (maxError === 0 && sum !== n) fail('a sketch that never purged must account for all of n');
    // Each purge subtracted its median from at least ⌈(capacity+1)/2⌉ counters (exact medians up to 2^10 slots).
    const perPurge = this.lgMaxMapSize <= 10 ? Math.ceil((this.capacity + 1) / 2) : 1;
    if (maxError * perPurge > n - sum) fail(`maxError ${maxError} is larger than the weight purged allows`);
    this._n = n;
    this._maxError = maxError;
  }

  /** Plain JSON form (counters most frequent first). */
  toJSON(): FrequentItemsJSON {
    return { type: 'frequent', lgMaxMapSize: this.lgMaxMapSize, lgCurMapSize: this.lgCur, n: this._n, maxError: this._maxError, items: this.top() };
  }

  /**
   * Rebuilds a sketch from JSON (pairs are used, never object keys, so `__proto__` is just a value).
   * Also reads the format-1 form (`capacity` instead of map sizes).
   * @throws EdgeAugmentError `INVALID_PROFILE` for anything malformed.
   */
  static fromJSON(input: unknown, path = '$'): FrequentItems {
    const raw = typeof input === 'string' ? parseInput(input, path) : input;
    const probe = obj(raw, path);
    const legacy = 'capacity' in probe;
    const o = obj(raw, path, legacy ? ['type', 'capacity', 'n', 'maxError', 'items'] : ['type', 'lgMaxMapSize', 'lgCurMapSize', 'n', 'maxError', 'items']);
    literal(o.type, `${path}.type`, 'frequent');
    const f = legacy
      ? new FrequentItems({ capacity: int(o.capacity, `${path}.capacity`, 1, JSON_LIMITS.maxFrequentCapacity) })
      : new FrequentItems({ lgMaxMapSize: int(o.lgMaxMapSize, `${path}.lgMaxMapSize`, FREQUENT_LG_MIN_MAP_SIZE, FREQUENT_LG_MAX_MAP_SIZE) });
    const n = int(o.n, `${path}.n`);
    const maxError = int(o.maxError, `${path}.maxError`);
    const items = arr(o.items, `${path}.items`, f.capacity);
    const pairs: [string, number][] = [];
    for (let i = 0; i < items.length; i++) {
      const p = arr(items[i], `${path}.items[${i}]`, 2);
      if (p.length !== 2) invalid(`${path}.items[${i}]`, 'expected a [key, count] pair');
      pairs.push([str(p[0], `${path}.items[${i}][0]`), int(p[1], `${path}.items[${i}][1]`, 1)]);
    }
    let lgCur = FREQUENT_LG_MIN_MAP_SIZE;
    if (legacy) { while (lgCur < f.lgMaxMapSize && frequentMapCapacity(lgCur) < pairs.length) lgCur++; }
    else lgCur = int(o.lgCurMapSize, `${path}.lgCurMapSize`, FREQUENT_LG_MIN_MAP_SIZE, f.lgMaxMapSize);
    if (legacy) {
      // Format 1 bounded maxError by n/(capacity+1) (Misra–Gries); keep that check for it.
      const sum = pairs.reduce((a, p) => a + p[1], 0);
      if (sum > n) invalid(`${path}.items`, 'counts exceed n');
      if (maxError === 0 && sum !== n) invalid(`${path}.items`, 'an exact sketch must account for all of n');
      const cap = int(o.capacity, `${path}.capacity`, 1, JSON_LIMITS.maxFrequentCapacity);
      if (maxError * (cap + 1) > n - sum) invalid(`${path}.maxError`, 'larger than the weight removed allows');
      for (const [k, v] of pairs) {
        if (f.counters.has(k)) invalid(`${path}.items`, 'duplicate key');
        f.counters.set(k, v);
      }
      f.lgCur = lgCur;
      f._n = n;
      f._maxError = maxError;
      return f;
    }
    f.load(pairs, n, maxError, lgCur, (what) => invalid(`${path}`, what));
    return f;
  }
}

function frequentFromBytesFail(what: string): never {
  throw new EdgeAugmentError('INVALID_PROFILE', `Invalid DataSketches frequent-items bytes: ${what}.`, { details: { family: 'frequent items' } });
}
