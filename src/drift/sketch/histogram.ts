/**
 * Fixed-edge histogram: the edges are chosen once (from the reference) and then every profile that
 * should be compared with it counts into the same bins, so counts add up exactly on merge.
 *
 * Bins, for edges e₀ < e₁ < … < e_{m−1}: bin 0 is the underflow (x < e₀); bin i (1 ≤ i ≤ m−1) is
 * [e_{i−1}, e_i); bin m is the overflow (x ≥ e_{m−1}). {@link chooseEdges} puts e_{m−1} just above
 * the reference maximum, so the overflow bin holds only values above anything the reference saw.
 */
import { EdgeAugmentError } from '../../errors.js';
import { JSON_LIMITS, arr, int, invalid, literal, nums, obj, parseInput } from './json.js';

/** JSON form of a {@link FixedHistogram}. */
export interface FixedHistogramJSON {
  type: 'histogram';
  edges: number[];
  counts: number[];
}

/** The next double above `x` (for finite x). */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  let bits = buf.getBigUint64(0);
  bits = x > 0 ? bits + 1n : bits - 1n;
  buf.setBigUint64(0, bits);
  return buf.getFloat64(0);
}

function checkEdges(edges: readonly number[], where: (msg: string) => never): void {
  if (edges.length < 1) where('at least one edge is needed');
  for (let i = 0; i < edges.length; i++) {
    if (!Number.isFinite(edges[i])) where(`edge ${i} is not finite`);
    if (i && !(edges[i] > edges[i - 1])) where(`edges must be strictly increasing (edge ${i})`);
  }
}

/**
 * Chooses histogram edges from a sorted sample or a quantile function: `bins` equal-mass bins,
 * deduplicated, with the last edge just above the maximum. When the data has at most `bins` distinct
 * values (`distinct` given), every value gets its own bin.
 *
 * @param quantile - q ↦ value (e.g. `q => sketch.quantile(q)`).
 * @param bins - number of regular bins wanted (default 20).
 * @param distinct - the exact sorted distinct values, if known.
 * @example
 * ```ts
 * const edges = chooseEdges((q) => kll.quantile(q), 20);
 * ```
 */
export function chooseEdges(quantile: (q: number) => number, bins = 20, distinct?: readonly number[]): number[] {
  if (!Number.isInteger(bins) || bins < 1 || bins > JSON_LIMITS.maxHistogramEdges - 1) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `Histogram bins must be an integer in [1, ${JSON_LIMITS.maxHistogramEdges - 1}], got ${bins}.`);
  }
  const max = quantile(1);
  let edges: number[];
  if (distinct && distinct.length <= bins) {
    edges = distinct.slice();
  } else {
    edges = [];
    for (let i = 0; i < bins; i++) {
      const v = quantile(i / bins);
      if (!edges.length || v > edges[edges.length - 1]) edges.push(v);
    }
  }
  const top = nextUp(max);
  if (!edges.length || top > edges[edges.length - 1]) edges.push(top);
  return edges;
}

/**
 * Histogram with fixed edges plus under- and overflow bins.
 *
 * @example
 * ```ts
 * const h = new FixedHistogram([0, 0.5, 1]);
 * h.update(0.2); h.update(3); h.counts; // [0, 1, 0, 1]
 * ```
 */
export class FixedHistogram {
  /** Strictly increasing finite edges. */
  readonly edges: readonly number[];
  /** `edges.length + 1` counts: underflow, regular bins, overflow. */
  readonly counts: number[];

  /**
   * @throws EdgeAugmentError `INVALID_ARGUMENT` when edges are empty, not finite or not increasing.
   */
  constructor(edges: readonly number[], counts?: readonly number[]) {
    checkEdges(edges, (m) => { throw new EdgeAugmentError('INVALID_ARGUMENT', `Histogram ${m}.`); });
    this.edges = Object.freeze(edges.slice());
    this.counts = counts ? counts.slice() : new Array<number>(edges.length + 1).fill(0);
  }

  /** Total count. */
  get total(): number {
    let s = 0;
    for (const c of this.counts) s += c;
    return s;
  }

  /** Index of the bin that holds x. */
  binOf(x: number): number {
    const e = this.edges;
    let lo = 0, hi = e.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (e[mid] <= x) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** Counts one finite value (with weight `w`, default 1). */
  update(x: number, w = 1): void {
    this.counts[this.binOf(x)] += w;
  }

  /** True when `other` has exactly the same edges. */
  sameEdges(other: FixedHistogram): boolean {
    if (other.edges.length !== this.edges.length) return false;
    for (let i = 0; i < this.edges.length; i++) if (other.edges[i] !== this.edges[i]) return false;
    return true;
  }

  /**
   * Adds `other`'s counts into this histogram (in place) and returns `this`.
   * @throws EdgeAugmentError `INVALID_ARGUMENT` when edges differ.
   */
  merge(other: FixedHistogram): this {
    if (!this.sameEdges(other)) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', 'Cannot merge histograms with different edges; build both with the reference edges.');
    }
    for (let i = 0; i < this.counts.length; i++) this.counts[i] += other.counts[i];
    return this;
  }

  /** A deep copy. */
  clone(): FixedHistogram {
    return new FixedHistogram(this.edges, this.counts);
  }

  /** Plain JSON form. */
  toJSON(): FixedHistogramJSON {
    return { type: 'histogram', edges: this.edges.slice(), counts: this.counts.slice() };
  }

  /**
   * Rebuilds a histogram from JSON.
   * @throws EdgeAugmentError `INVALID_PROFILE` for anything malformed.
   */
  static fromJSON(input: unknown, path = '$'): FixedHistogram {
    const o = obj(typeof input === 'string' ? parseInput(input, path) : input, path, ['type', 'edges', 'counts']);
    literal(o.type, `${path}.type`, 'histogram');
    const edges = nums(o.edges, `${path}.edges`, JSON_LIMITS.maxHistogramEdges);
    checkEdges(edges, (m) => invalid(`${path}.edges`, m));
    const raw = arr(o.counts, `${path}.counts`, JSON_LIMITS.maxHistogramEdges + 1);
    if (raw.length !== edges.length + 1) invalid(`${path}.counts`, `expected ${edges.length + 1} counts`);
    const counts = raw.map((c, i) => int(c, `${path}.counts[${i}]`));
    return new FixedHistogram(edges, counts);
  }
}
