/**
 * Exact value counts for small numeric domains. Holds every distinct value with its count until
 * there are more than `cap` of them, then gives up for good (`overflowed`). Merge is a union, so it
 * is exactly associative and commutative. Profiles use it to know "≤ 5 unique values" (the
 * Evidently test-choice rule) and to run exact χ² / KS tests on discrete features.
 */
import { EdgeAugmentError } from '../../errors.js';
import { JSON_LIMITS, arr, int, invalid, literal, num, obj, parseInput } from './json.js';

/** Default number of distinct values tracked exactly. */
export const DEFAULT_DISTINCT_CAP = 32;

/** JSON form of {@link DistinctCounter}; `values` is null once overflowed. */
export interface DistinctCounterJSON {
  type: 'distinct';
  cap: number;
  values: [number, number][] | null;
}

/**
 * Exact counts of up to `cap` distinct numbers.
 *
 * @example
 * ```ts
 * const d = new DistinctCounter({ cap: 32 });
 * d.update(1); d.update(1); d.update(2);
 * d.entries(); // [[1, 2], [2, 1]]
 * ```
 */
export class DistinctCounter {
  /** Most distinct values kept. */
  readonly cap: number;
  private map: Map<number, number> | null = new Map();

  /** @throws EdgeAugmentError `INVALID_ARGUMENT` for a bad cap. */
  constructor(options: { cap?: number } = {}) {
    const cap = options.cap ?? DEFAULT_DISTINCT_CAP;
    if (!Number.isInteger(cap) || cap < 0 || cap > JSON_LIMITS.maxDistinctCap) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `Distinct cap must be an integer in [0, ${JSON_LIMITS.maxDistinctCap}], got ${cap}.`);
    }
    this.cap = cap;
  }

  /** True once more than `cap` distinct values were seen. */
  get overflowed(): boolean { return this.map === null; }

  /** Number of distinct values (Infinity once overflowed). */
  get distinct(): number { return this.map ? this.map.size : Infinity; }

  /** Counts one value (−0 is counted as 0). */
  update(x: number, w = 1): void {
    if (!this.map) return;
    const key = x === 0 ? 0 : x;
    this.map.set(key, (this.map.get(key) ?? 0) + w);
    if (this.map.size > this.cap) this.map = null;
  }

  /** `[value, count]` sorted by value, or null once overflowed. */
  entries(): [number, number][] | null {
    return this.map ? [...this.map.entries()].sort((a, b) => a[0] - b[0]) : null;
  }

  /**
   * Union with `other` (in place); returns `this`.
   * @throws EdgeAugmentError `INVALID_ARGUMENT` when caps differ.
   */
  merge(other: DistinctCounter): this {
    if (other.cap !== this.cap) throw new EdgeAugmentError('INVALID_ARGUMENT', `Cannot merge distinct counters with different caps (${this.cap} vs ${other.cap}).`);
    if (!this.map) return this;
    if (!other.map) { this.map = null; return this; }
    for (const [k, v] of other.map) this.update(k, v);
    return this;
  }

  /** A deep copy. */
  clone(): DistinctCounter {
    const d = new DistinctCounter({ cap: this.cap });
    d.map = this.map ? new Map(this.map) : null;
    return d;
  }

  /** Plain JSON form. */
  toJSON(): DistinctCounterJSON {
    return { type: 'distinct', cap: this.cap, values: this.entries() };
  }

  /**
   * Rebuilds a counter from JSON.
   * @throws EdgeAugmentError `INVALID_PROFILE` for anything malformed.
   */
  static fromJSON(input: unknown, path = '$'): DistinctCounter {
    const o = obj(typeof input === 'string' ? parseInput(input, path) : input, path, ['type', 'cap', 'values']);
    literal(o.type, `${path}.type`, 'distinct');
    const d = new DistinctCounter({ cap: int(o.cap, `${path}.cap`, 0, JSON_LIMITS.maxDistinctCap) });
    if (o.values === null) { d.map = null; return d; }
    const vals = arr(o.values, `${path}.values`, d.cap);
    for (let i = 0; i < vals.length; i++) {
      const p = arr(vals[i], `${path}.values[${i}]`, 2);
      if (p.length !== 2) invalid(`${path}.values[${i}]`, 'expected a [value, count] pair');
      const v = num(p[0], `${path}.values[${i}][0]`);
      if (d.map!.has(v)) invalid(`${path}.values[${i}]`, 'duplicate value');
      d.map!.set(v === 0 ? 0 : v, int(p[1], `${path}.values[${i}][1]`, 1));
    }
    return d;
  }
}
