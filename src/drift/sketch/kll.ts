/**
 * KLL quantile sketch (Karnin, Lang & Liberty 2016) laid out and compacted exactly like Apache
 * DataSketches' `kll_sketch` (datasketches-cpp `kll/include/kll_sketch_impl.hpp`, read to learn the
 * algorithm; this is an independent implementation): one item buffer whose levels are addressed by
 * offsets, level capacities `max(8, round(k·(2/3)^depth))`, the same compaction order, the same merge
 * (level 0 of the other sketch re-inserted, higher levels merged sorted, then `general_compress`), and
 * the same compact binary serialisation (see `src/drift/datasketches/kll-bytes.ts`). For the same
 * input order the level layout, `n`, min/max and every retained item except the coin-dependent choice
 * of which half survives a compaction are those of the C++ library; with the C++ library built with
 * `KLL_VALIDATION` (alternating coin) and the same coin here the bytes are identical (tested against
 * goldens in test/goldens/datasketches/).
 *
 * The coin is our seeded generator (mulberry32), so building and merging are reproducible and a JSON
 * round trip continues identically.
 *
 * Error accounting. Every compaction at level h moves the estimated rank of any query by 0 or ±2^h
 * with a fair coin; conditioned on the past it has mean zero. Which levels compact when depends only
 * on counts, never on the coins, so `errorVariance = Σ 4^h` over all compactions (including those done
 * by merges) is deterministic. Azuma–Hoeffding then gives, for one query,
 * P(|rank error| ≥ t) ≤ 2·exp(−t² / (2·errorVariance)), which {@link KllSketch.rankErrorBound} turns
 * into a normalised bound. A sketch read from DataSketches bytes carries no history, so it gets the
 * largest `errorVariance` its level structure allows ({@link kllErrorVarianceBound}): the bound stays
 * valid, only looser. A sketch that never compacted holds every value and is exact (`errorVariance === 0`).
 */
import { EdgeAugmentError } from '../../errors.js';
import { SeededRng, mixSeeds } from './rng.js';
import { JSON_LIMITS, arr, int, invalid, literal, num, nums, obj, parseInput } from './json.js';
import { kllFromBytes, kllToBytes } from '../datasketches/kll.js';

/** Default KLL `k`. */
export const DEFAULT_KLL_K = 200;
/** DataSketches' fixed minimum level width `m`. */
export const KLL_M = 8;
/** Largest `k` DataSketches accepts (a u16). */
export const KLL_MAX_K = 65_535;
/** Most levels a sketch can have (`n` < 2^61 in DataSketches' capacity arithmetic). */
const MAX_LEVELS = 61;

/** Typical normalised single-query rank error of a KLL sketch with parameter `k` (≈ 1.65 / k). */
export function kllTypicalRankError(k: number): number {
  return 1.65 / k;
}

/**
 * DataSketches' published normalised rank error for `k` (99th percentile of the maximum error over all
 * queries, fitted empirically): 2.296/k^0.9723 single-sided, 2.446/k^0.9433 for PMF (double-sided).
 */
export function kllNormalizedRankError(k: number, pmf = false): number {
  return pmf ? 2.446 / Math.pow(k, 0.9433) : 2.296 / Math.pow(k, 0.9723);
}

/** Item width of a sketch: `double` (8 bytes) or `float` (4 bytes, values rounded to float32). */
export type KllItemType = 'double' | 'float';

/** JSON form of a {@link KllSketch} (format 2: the DataSketches level layout). */
export interface KllSketchJSON {
  type: 'kll';
  k: number;
  /** Smallest k among sketches merged into this one (DataSketches `min_k`). */
  minK: number;
  itemType: KllItemType;
  n: number;
  min: number | null;
  max: number | null;
  /** `levels[h]` holds values of weight 2^h, in buffer order. */
  levels: number[][];
  levelZeroSorted: boolean;
  errorVariance: number;
  rngState: number;
}

/** The pre-DataSketches JSON form (profile format 1): levels of weight 2^h, no `minK`/`itemType`. */
interface LegacyKllSketchJSON {
  type: 'kll'; k: number; n: number; min: number | null; max: number | null; levels: number[][]; errorVariance: number; rngState: number;
}

const POW3: number[] = [1];
for (let i = 1; i <= 30; i++) POW3.push(POW3[i - 1] * 3);

function capAuxAux(k: number, depth: number): number {
  const a = (2 * k) * Math.pow(2, depth); // < 2^48: exact
  const b = POW3[depth];
  let q = Math.floor(a / b);
  if (q * b > a) q--;
  else if ((q + 1) * b <= a) q++;
  return Math.floor((q + 1) / 2);
}

function capAux(k: number, depth: number): number {
  if (depth <= 30) return capAuxAux(k, depth);
  const half = depth >> 1;
  return capAuxAux(capAuxAux(k, half), depth - half);
}

/** DataSketches' capacity of level `h` in a sketch of `numLevels` levels. */
export function kllLevelCapacity(k: number, numLevels: number, h: number): number {
  return Math.max(KLL_M, capAux(k, numLevels - h - 1));
}

/** DataSketches' total buffer capacity for `numLevels` levels (`compute_total_capacity`). */
export function kllTotalCapacity(k: number, numLevels: number): number {
  let t = 0;
  for (let h = 0; h < numLevels; h++) t += kllLevelCapacity(k, numLevels, h);
  return t;
}

/** 1 + floor(log2 n): the most levels a sketch of n items can need (`ub_on_num_levels`). */
function ubOnNumLevels(n: number): number {
  let levels = 1;
  for (let d = 2; d <= n; d *= 2) levels++;
  return levels;
}

/**
 * Largest `errorVariance` (Σ 4^h over compactions) a sketch with these level populations can have
 * accumulated: all weight above level h was pushed there by compactions of level h, each of which
 * (in updates and in merges) started from at least `capacity(h)` items and so pushed at least
 * ⌊capacity(h)/2⌋ items of weight 2^(h+1); capacities only shrink as levels are added, so the final
 * number of levels (with `minK`) gives the smallest capacity any of them used.
 */
export function kllErrorVarianceBound(minK: number, populations: readonly number[]): number {
  const L = populations.length;
  let ev = 0;
  let above = 0; // weight at levels > h, in units of 2^(h+1)
  for (let h = L - 2; h >= 0; h--) {
    above = above * 2 + populations[h + 1];
    const minPush = Math.floor(kllLevelCapacity(minK, L, h) / 2);
    ev += Math.pow(4, h) * Math.floor(above / minPush);
  }
  return ev;
}

/** Internal construction state shared by the JSON and byte readers. */
export interface KllState {
  k: number; minK: number; itemType: KllItemType; n: number; min: number; max: number;
  numLevels: number; levels: number[]; items: Float64Array; levelZeroSorted: boolean;
}

/**
 * Mergeable quantile sketch.
 *
 * @example
 * ```ts
 * const s = new KllSketch({ k: 200, seed: 1 });
 * for (const x of values) s.update(x);
 * s.quantile(0.5); s.cdf(3.2); s.rankErrorBound();
 * const bytes = s.toDataSketches();            // datasketches-cpp kll_sketch<double> bytes
 * ```
 */
export class KllSketch {
  /** Accuracy parameter. */
  readonly k: number;
  /** Item width (what {@link KllSketch.toDataSketches} writes). */
  readonly itemType: KllItemType;
  private _minK: number;
  private numLevels = 1;
  /** Offsets into `items`; `levels[numLevels]` is the total capacity. */
  private levels: number[];
  private items: Float64Array;
  private _n = 0;
  private _min = NaN;
  private _max = NaN;
  private l0Sorted = false;
  private _errorVariance = 0;
  private rng: SeededRng;
  private coin: (() => number) | null;
  private sorted: { values: Float64Array; cum: Float64Array } | null = null;

  /**
   * @param options.k - accuracy parameter (8 … 65535, default 200).
   * @param options.seed - seed of the compaction coin (default 0).
   * @param options.itemType - `'double'` (default) or `'float'` (values rounded to float32, 4-byte items).
   * @param options.coin - @internal a replacement coin (tests use DataSketches' alternating validation coin).
   * @throws EdgeAugmentError `INVALID_ARGUMENT` for a bad `k` or item type.
   */
  constructor(options: { k?: number; seed?: number; itemType?: KllItemType; coin?: () => number } = {}) {
    const k = options.k ?? DEFAULT_KLL_K;
    if (!Number.isInteger(k) || k < KLL_M || k > KLL_MAX_K) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `KLL k must be an integer in [${KLL_M}, ${KLL_MAX_K}], got ${k}.`);
    }
    const t = options.itemType ?? 'double';
    if (t !== 'double' && t !== 'float') throw new EdgeAugmentError('INVALID_ARGUMENT', `KLL itemType must be 'double' or 'float', got ${String(t)}.`);
    this.k = k;
    this._minK = k;
    this.itemType = t;
    this.levels = [k, k];
    this.items = new Float64Array(k);
    this.rng = new SeededRng(options.seed ?? 0);
    this.coin = options.coin ?? null;
  }

  /** Number of values seen. */
  get n(): number { return this._n; }
  /** Smallest value seen (NaN when empty). */
  get min(): number { return this._n ? this._min : NaN; }
  /** Largest value seen (NaN when empty). */
  get max(): number { return this._n ? this._max : NaN; }
  /** Smallest k among the sketches merged into this one (DataSketches `min_k`). */
  get minK(): number { return this._minK; }
  /** Σ 4^h over all compactions: the variance proxy of any single rank estimate (in items²). */
  get errorVariance(): number { return this._errorVariance; }
  /** True when no value was ever discarded: every rank is exact. */
  get isExact(): boolean { return this.numLevels === 1; }
  /** Number of values retained. */
  get retained(): number { return this.levels[this.numLevels] - this.levels[0]; }
  /** Number of levels. */
  get levelCount(): number { return this.numLevels; }

  private bit(): number {
    return this.coin ? this.coin() : this.rng.bit();
  }

  /**
   * Adds one value. Non-finite values are rejected (profiles count them as missing before this).
   * @throws EdgeAugmentError `INVALID_ARGUMENT` for NaN or ±Infinity.
   */
  update(x: number): void {
    if (!Number.isFinite(x)) throw new EdgeAugmentError('INVALID_ARGUMENT', `KLL values must be finite, got ${x}.`);
    if (this.itemType === 'float') {
      x = Math.fround(x);
      if (!Number.isFinite(x)) throw new EdgeAugmentError('INVALID_ARGUMENT', 'KLL float values must fit in float32.');
    }
    if (this._n === 0) { this._min = x; this._max = x; }
    else { if (x < this._min) this._min = x; if (x > this._max) this._max = x; }
    const i = this.internalUpdate();
    this.items[i] = x;
    this.sorted = null;
  }

  private internalUpdate(): number {
    if (this.levels[0] === 0) this.compressWhileUpdating();
    this._n++;
    this.l0Sorted = false;
    return --this.levels[0];
  }

  private findLevelToCompact(): number {
    for (let h = 0; h < this.numLevels; h++) {
      if (this.levels[h + 1] - this.levels[h] >= kllLevelCapacity(this.k, this.numLevels, h)) return h;
    }
    throw new EdgeAugmentError('INTERNAL', 'KLL capacity calculation error.');
  }

  private addEmptyTopLevel(): void {
    const cur = this.levels[this.numLevels];
    const delta = kllLevelCapacity(this.k, this.numLevels + 1, 0);
    const buf = new Float64Array(cur + delta);
    buf.set(this.items.subarray(0, cur), delta);
    this.items = buf;
    for (let i = 0; i <= this.numLevels; i++) this.levels[i] += delta;
    this.numLevels++;
    this.levels[this.numLevels] = cur + delta;
  }

  private compressWhileUpdating(): void {
    const level = this.findLevelToCompact();
    if (level === this.numLevels - 1) this.addEmptyTopLevel();
    const L = this.levels, buf = this.items;
    const rawBeg = L[level], rawLim = L[level + 1];
    const popAbove = L[level + 2] - rawLim;
    const rawPop = rawLim - rawBeg;
    const odd = rawPop % 2 === 1;
    const adjBeg = odd ? rawBeg + 1 : rawBeg;
    const adjPop = odd ? rawPop - 1 : rawPop;
    const half = adjPop / 2;
    if (level === 0 && !this.l0Sorted) sortRange(buf, adjBeg, adjBeg + adjPop);
    if (popAbove === 0) this.halveUp(buf, adjBeg, adjPop);
    else {
      this.halveDown(buf, adjBeg, adjPop);
      mergeInPlace(buf, adjBeg, half, rawLim, popAbove, adjBeg + half);
    }
    L[level + 1] -= half;
    if (odd) {
      L[level] = L[level + 1] - 1;
      if (L[level] !== rawBeg) buf[L[level]] = buf[rawBeg];
    } else {
      L[level] = L[level + 1];
    }
    if (level > 0) {
      const amount = rawBeg - L[0];
      buf.copyWithin(L[0] + half, L[0], L[0] + amount);
      for (let h = 0; h < level; h++) L[h] += half;
    }
    this._errorVariance += Math.pow(4, level);
  }

  private halveDown(buf: Float64Array, start: number, length: number): void {
    const halfLength = length / 2;
    let j = start + this.bit();
    for (let i = start; i < start + halfLength; i++) { buf[i] = buf[j]; j += 2; }
  }

  private halveUp(buf: Float64Array, start: number, length: number): void {
    const halfLength = length / 2;
    let j = start + length - 1 - this.bit();
    for (let i = start + length - 1; i >= start + halfLength; i--) { buf[i] = buf[j]; j -= 2; }
  }

  /**
   * Merges `other` into this sketch (in place) and returns `this`, as DataSketches does: the other
   * sketch's level-0 items are inserted one by one, higher levels merged sorted, then compacted.
   * The result depends on the argument order only through the coins (and the error bound covers it).
   * @throws EdgeAugmentError `INVALID_ARGUMENT` when the `k`s or item types differ.
   */
  merge(other: KllSketch): this {
    if (!(other instanceof KllSketch)) throw new EdgeAugmentError('INVALID_ARGUMENT', 'KllSketch.merge expects a KllSketch.');
    if (other.k !== this.k) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `Cannot merge KLL sketches with different k (${this.k} vs ${other.k}); build both with the same k.`);
    }
    if (other.itemType !== this.itemType) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `Cannot merge a ${other.itemType} KLL sketch into a ${this.itemType} one.`);
    }
    if (other._n === 0) return this;
    this.rng.state = mixSeeds(this.rng.state, other.rng.state);
    if (this._n === 0) { this._min = other._min; this._max = other._max; }
    else { if (other._min < this._min) this._min = other._min; if (other._max > this._max) this._max = other._max; }
    const finalN = this._n + other._n;
    const src = other === this ? other.items.slice() : other.items;
    const oL0 = other.levels[0], oL1 = other.levels[1];
    const otherLevels = other.levels.slice(), otherNum = other.numLevels;
    for (let i = oL0; i < oL1; i++) {
      const j = this.internalUpdate(); // may replace this.items
      this.items[j] = src[i];
    }
    if (otherNum >= 2) this.mergeHigherLevels(src, otherLevels, otherNum, finalN);
    this._n = finalN;
    if (otherNum > 1) this._minK = Math.min(this._minK, other._minK);
    this._errorVariance += other._errorVariance;
    this.sorted = null;
    return this;
  }

  private mergeHigherLevels(oItems: Float64Array, oLevels: number[], oNum: number, finalN: number): void {
    const selfRetained = this.retained;
    const otherAbove = oLevels[oNum] - oLevels[1];
    const work = new Float64Array(selfRetained + otherAbove);
    const provisional = Math.max(this.numLevels, oNum);
    const inLevels: number[] = new Array(ubOnNumLevels(finalN) + 2).fill(0);
    const outLevels: number[] = new Array(inLevels.length).fill(0);
    const selfSize = (h: number): number => (h < this.numLevels ? this.levels[h + 1] - this.levels[h] : 0);
    const otherSize = (h: number): number => (h < oNum ? oLevels[h + 1] - oLevels[h] : 0);
    inLevels[0] = 0;
    work.set(this.items.subarray(this.levels[0], this.levels[1]), 0);
    inLevels[1] = selfSize(0);
    for (let h = 1; h < provisional; h++) {
      const sp = selfSize(h), op = otherSize(h);
      inLevels[h + 1] = inLevels[h] + sp + op;
      if (sp > 0 && op === 0) work.set(this.items.subarray(this.levels[h], this.levels[h] + sp), inLevels[h]);
      else if (sp === 0 && op > 0) work.set(oItems.subarray(oLevels[h], oLevels[h] + op), inLevels[h]);
      else if (sp > 0 && op > 0) mergeInto(this.items, this.levels[h], sp, oItems, oLevels[h], op, work, inLevels[h]);
    }
    const r = this.generalCompress(provisional, work, inLevels, outLevels);
    const free = r.capacity - r.numItems;
    const items = new Float64Array(r.capacity);
    items.set(work.subarray(outLevels[0], outLevels[0] + r.numItems), free);
    const offset = free - outLevels[0];
    const levels = new Array<number>(r.numLevels + 1);
    for (let h = 0; h <= r.numLevels; h++) levels[h] = outLevels[h] + offset;
    this.items = items;
    this.levels = levels;
    this.numLevels = r.numLevels;
  }

  /** DataSketches' `general_compress`: compacts levels (bottom up) until the items fit. */
  private generalCompress(numLevelsIn: number, items: Float64Array, inLevels: number[], outLevels: number[]): { numLevels: number; capacity: number; numItems: number } {
    const k = this.k;
    let curNum = numLevelsIn;
    let count = inLevels[numLevelsIn] - inLevels[0];
    let target = kllTotalCapacity(k, curNum);
    outLevels[0] = 0;
    let h = 0;
    for (;;) {
      if (h === curNum - 1) inLevels[h + 2] = inLevels[h + 1];
      const rawBeg = inLevels[h], rawLim = inLevels[h + 1];
      const rawPop = rawLim - rawBeg;
      if (count < target || rawPop < kllLevelCapacity(k, curNum, h)) {
        if (rawBeg !== outLevels[h]) items.copyWithin(outLevels[h], rawBeg, rawLim);
        outLevels[h + 1] = outLevels[h] + rawPop;
      } else {
        const popAbove = inLevels[h + 2] - rawLim;
        const odd = rawPop % 2 === 1;
        const adjBeg = odd ? rawBeg + 1 : rawBeg;
        const adjPop = odd ? rawPop - 1 : rawPop;
        const half = adjPop / 2;
        if (odd) {
          if (outLevels[h] !== rawBeg) items[outLevels[h]] = items[rawBeg];
          outLevels[h + 1] = outLevels[h] + 1;
        } else {
          outLevels[h + 1] = outLevels[h];
        }
        if (h === 0 && !this.l0Sorted) sortRange(items, adjBeg, adjBeg + adjPop);
        if (popAbove === 0) this.halveUp(items, adjBeg, adjPop);
        else {
          this.halveDown(items, adjBeg, adjPop);
          mergeInPlace(items, adjBeg, half, rawLim, popAbove, adjBeg + half);
        }
        this._errorVariance += Math.pow(4, h);
        count -= half;
        inLevels[h + 1] -= half;
        if (h === curNum - 1) {
          curNum++;
          target += kllLevelCapacity(k, curNum, 0);
        }
      }
      if (h === curNum - 1) break;
      h++;
    }
    return { numLevels: curNum, capacity: target, numItems: count };
  }

  /** A deep copy (same coin state). */
  clone(): KllSketch {
    const s = new KllSketch({ k: this.k, itemType: this.itemType, coin: this.coin ?? undefined });
    s.adopt({
      k: this.k, minK: this._minK, itemType: this.itemType, n: this._n, min: this._min, max: this._max,
      numLevels: this.numLevels, levels: this.levels.slice(), items: this.items.slice(), levelZeroSorted: this.l0Sorted,
    }, this._errorVariance);
    s.rng.state = this.rng.state;
    return s;
  }

  private adopt(st: KllState, errorVariance: number): void {
    this._minK = st.minK;
    this._n = st.n;
    this._min = st.n ? st.min : NaN;
    this._max = st.n ? st.max : NaN;
    this.numLevels = st.numLevels;
    this.levels = st.levels;
    this.items = st.items;
    this.l0Sorted = st.levelZeroSorted;
    this._errorVariance = errorVariance;
    this.sorted = null;
  }

  /** @internal The DataSketches state (levels, items buffer) — read by the byte writer. */
  state(): Readonly<KllState> {
    return {
      k: this.k, minK: this._minK, itemType: this.itemType, n: this._n, min: this._min, max: this._max,
      numLevels: this.numLevels, levels: this.levels, items: this.items, levelZeroSorted: this.l0Sorted,
    };
  }

  /**
   * @internal Builds a sketch from a validated DataSketches state ({@link validateKllState} must have
   * passed). `errorVariance` defaults to the largest the structure allows.
   */
  static fromState(st: KllState, errorVariance?: number, rngState = 0): KllSketch {
    const s = new KllSketch({ k: st.k, itemType: st.itemType });
    const pops: number[] = [];
    for (let h = 0; h < st.numLevels; h++) pops.push(st.levels[h + 1] - st.levels[h]);
    s.adopt(st, errorVariance ?? kllErrorVarianceBound(st.minK, pops));
    s.rng.state = rngState >>> 0;
    return s;
  }

  /** Sorts level 0 in place (DataSketches does this as a side effect of every query). */
  private sortLevelZero(): void {
    if (!this.l0Sorted) {
      sortRange(this.items, this.levels[0], this.levels[1]);
      this.l0Sorted = true;
    }
  }

  private view(): { values: Float64Array; cum: Float64Array } {
    if (this.sorted) return this.sorted;
    this.sortLevelZero();
    const m = this.retained;
    const idx = new Float64Array(m);
    const wts = new Float64Array(m);
    let p = 0;
    for (let h = 0; h < this.numLevels; h++) {
      const w = Math.pow(2, h);
      for (let i = this.levels[h]; i < this.levels[h + 1]; i++) { idx[p] = this.items[i]; wts[p++] = w; }
    }
    const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => idx[a] - idx[b] || a - b);
    const values = new Float64Array(m);
    const cum = new Float64Array(m);
    let c = 0;
    for (let i = 0; i < m; i++) {
      values[i] = idx[order[i]];
      c += wts[order[i]];
      cum[i] = c;
    }
    this.sorted = { values, cum };
    return this.sorted;
  }

  /** Estimated number of values ≤ x (exact when {@link KllSketch.isExact}). */
  rank(x: number): number {
    if (this._n === 0) return 0;
    const { values, cum } = this.view();
    let lo = 0, hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[mid] <= x) lo = mid + 1; else hi = mid;
    }
    return lo === 0 ? 0 : cum[lo - 1];
  }

  /** Estimated fraction of values ≤ x (0 for an empty sketch) — DataSketches' inclusive `get_rank`. */
  cdf(x: number): number {
    return this._n ? this.rank(x) / this._n : 0;
  }

  /**
   * Estimated q-quantile: the smallest retained value whose estimated rank is ≥ q·n — DataSketches'
   * inclusive `get_quantile` — except that q = 0 and q = 1 return the exact min and max.
   * @throws EdgeAugmentError `INSUFFICIENT_DATA` on an empty sketch, `INVALID_ARGUMENT` for q outside [0, 1].
   */
  quantile(q: number): number {
    if (!(q >= 0 && q <= 1)) throw new EdgeAugmentError('INVALID_ARGUMENT', `Quantile must be in [0, 1], got ${q}.`);
    if (this._n === 0) throw new EdgeAugmentError('INSUFFICIENT_DATA', 'Quantile of an empty sketch.');
    if (q === 0) return this._min;
    if (q === 1) return this._max;
    const { values, cum } = this.view();
    const target = Math.ceil(q * this._n);
    let lo = 0, hi = values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] >= target) hi = mid; else lo = mid + 1;
    }
    return values[lo];
  }

  /** Retained values and their weights, sorted by value (weights sum to `n`). */
  weightedValues(): { values: Float64Array; weights: Float64Array } {
    if (this._n === 0) return { values: new Float64Array(0), weights: new Float64Array(0) };
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

  /**
   * The DataSketches compact bytes (family 15) — what datasketches-cpp `kll_sketch<double>` (or
   * `<float>` for `itemType: 'float'`) `serialize()` writes for the same state, and what Druid, Spark
   * and PostgreSQL KLL functions read.
   * @example
   * ```ts
   * const bytes = sketch.toDataSketches();
   * const back = KllSketch.fromDataSketches(bytes);
   * ```
   */
  toDataSketches(): Uint8Array {
    return kllToBytes(this);
  }

  /**
   * Reads DataSketches compact KLL bytes (item width inferred from the length unless `itemType` is
   * given). The sketch gets the largest `errorVariance` its level structure allows.
   * @throws EdgeAugmentError `INVALID_PROFILE` for malformed or inconsistent bytes.
   */
  static fromDataSketches(bytes: Uint8Array, options: { itemType?: KllItemType; seed?: number } = {}): KllSketch {
    const s = kllFromBytes(bytes, options);
    s.rng.state = (options.seed ?? 0) >>> 0;
    return s;
  }

  /** Plain JSON form. */
  toJSON(): KllSketchJSON {
    const levels: number[][] = [];
    for (let h = 0; h < this.numLevels; h++) levels.push(Array.from(this.items.subarray(this.levels[h], this.levels[h + 1])));
    return {
      type: 'kll', k: this.k, minK: this._minK, itemType: this.itemType, n: this._n,
      min: this._n ? this._min : null, max: this._n ? this._max : null,
      levels, levelZeroSorted: this.l0Sorted, errorVariance: this._errorVariance, rngState: this.rng.state,
    };
  }

  /**
   * Rebuilds a sketch, validating every field: the DataSketches invariants (level sizes within the
   * buffer capacity, levels above 0 sorted, weights adding up to `n`, values within [min, max]) and an
   * `errorVariance` no larger than the level structure allows. Also reads the pre-DataSketches form
   * (no `minK`/`itemType`) of profile format 1, re-laying its levels out.
   * @throws EdgeAugmentError `INVALID_PROFILE` for anything malformed.
   */
  static fromJSON(input: unknown, path = '$'): KllSketch {
    const raw = typeof input === 'string' ? parseInput(input, path) : input;
    const probe = obj(raw, path);
    if (!('minK' in probe)) return KllSketch.fromLegacyJSON(probe, path);
    const o = obj(raw, path, ['type', 'k', 'minK', 'itemType', 'n', 'min', 'max', 'levels', 'levelZeroSorted', 'errorVariance', 'rngState']);
    literal(o.type, `${path}.type`, 'kll');
    const k = int(o.k, `${path}.k`, KLL_M, KLL_MAX_K);
    const minK = int(o.minK, `${path}.minK`, KLL_M, k);
    if (o.itemType !== 'double' && o.itemType !== 'float') invalid(`${path}.itemType`, "expected 'double' or 'float'");
    const itemType = o.itemType as KllItemType;
    const n = int(o.n, `${path}.n`);
    const rawLevels = arr(o.levels, `${path}.levels`, MAX_LEVELS);
    const numLevels = rawLevels.length;
    if (numLevels < 1) invalid(`${path}.levels`, 'expected at least one level');
    if (typeof o.levelZeroSorted !== 'boolean') invalid(`${path}.levelZeroSorted`, 'expected a boolean');
    const capacity = kllTotalCapacity(k, numLevels);
    const pops: number[] = [];
    const lists: number[][] = [];
    let total = 0;
    for (let h = 0; h < numLevels; h++) {
      const l = nums(rawLevels[h], `${path}.levels[${h}]`, capacity);
      lists.push(l);
      pops.push(l.length);
      total += l.length;
    }
    if (total > capacity) invalid(`${path}.levels`, `${total} items exceed the capacity ${capacity} of ${numLevels} levels`);
    const items = new Float64Array(capacity);
    const levels = new Array<number>(numLevels + 1);
    levels[numLevels] = capacity;
    let p = capacity;
    for (let h = numLevels - 1; h >= 0; h--) {
      p -= lists[h].length;
      levels[h] = p;
      items.set(lists[h], p);
    }
    const st: KllState = {
      k, minK, itemType, n, min: n ? num(o.min, `${path}.min`) : NaN, max: n ? num(o.max, `${path}.max`) : NaN,
      numLevels, levels, items, levelZeroSorted: o.levelZeroSorted as boolean,
    };
    if (!n && (o.min !== null || o.max !== null)) invalid(`${path}.min`, 'an empty sketch has min = max = null');
    validateKllState(st, (what, sub) => invalid(`${path}${sub ?? ''}`, what));
    const ev = num(o.errorVariance, `${path}.errorVariance`);
    const bound = kllErrorVarianceBound(minK, pops);
    if (ev < 0 || ev > bound) invalid(`${path}.errorVariance`, `must be in [0, ${bound}] for this level structure`);
    if (numLevels > 1 && ev === 0) invalid(`${path}.errorVariance`, 'a sketch with more than one level has compacted');
    return KllSketch.fromState(st, ev, int(o.rngState, `${path}.rngState`, 0, 0xffffffff));
  }

  /** Profile format 1: levels of weight 2^h from the previous layout, re-laid out (compacting if needed). */
  private static fromLegacyJSON(probe: Record<string, unknown>, path: string): KllSketch {
    const o = obj(probe, path, ['type', 'k', 'n', 'min', 'max', 'levels', 'errorVariance', 'rngState']) as unknown as LegacyKllSketchJSON;
    literal(o.type, `${path}.type`, 'kll');
    const k = int(o.k, `${path}.k`, KLL_M, KLL_MAX_K);
    const n = int(o.n, `${path}.n`);
    const rawLevels = arr(o.levels, `${path}.levels`, MAX_LEVELS);
    if (rawLevels.length < 1) invalid(`${path}.levels`, 'expected at least one level');
    const lists: number[][] = [];
    let weight = 0, total = 0;
    for (let h = 0; h < rawLevels.length; h++) {
      const l = nums(rawLevels[h], `${path}.levels[${h}]`, 4 * JSON_LIMITS.maxKllK);
      if (h > 0) l.sort((a, b) => a - b);
      lists.push(l);
      weight += l.length * Math.pow(2, h);
      total += l.length;
    }
    if (weight !== n) invalid(`${path}.levels`, `weights add up to ${weight}, not n = ${n}`);
    if (total > 4 * JSON_LIMITS.maxKllK) invalid(`${path}.levels`, 'too many items');
    let min = NaN, max = NaN;
    if (n > 0) {
      min = num(o.min, `${path}.min`);
      max = num(o.max, `${path}.max`);
      if (min > max) invalid(`${path}.min`, 'min > max');
      for (const l of lists) for (const v of l) if (v < min || v > max) invalid(`${path}.levels`, 'value outside [min, max]');
    } else if (o.min !== null || o.max !== null) invalid(`${path}.min`, 'an empty sketch has min = max = null');
    const ev = num(o.errorVariance, `${path}.errorVariance`);
    if (ev < 0) invalid(`${path}.errorVariance`, 'must be ≥ 0');
    if (ev === 0 && lists.length > 1) invalid(`${path}.errorVariance`, 'a sketch with more than one level has compacted');
    // The old capacities were within a few items of DataSketches' — check the old bound loosely.
    let above = 0, evMax = 0;
    for (let h = lists.length - 2; h >= 0; h--) {
      above = above * 2 + lists[h + 1].length;
      evMax += Math.pow(4, h) * above;
    }
    if (ev > evMax) invalid(`${path}.errorVariance`, `larger than the level structure allows (${evMax})`);
    const rng = int(o.rngState, `${path}.rngState`, 0, 0xffffffff);
    // Lay out: as many levels as the old sketch had; compact (with the seeded coin) if they do not fit.
    const s = new KllSketch({ k, seed: rng });
    const numLevels = lists.length;
    const work = new Float64Array(Math.max(total, 1));
    const inLevels: number[] = new Array(numLevels + 3 + 64).fill(0);
    const outLevels: number[] = new Array(inLevels.length).fill(0);
    let p = 0;
    for (let h = 0; h < numLevels; h++) { inLevels[h] = p; work.set(lists[h], p); p += lists[h].length; }
    inLevels[numLevels] = p;
    s._errorVariance = ev;
    s.l0Sorted = false;
    const r = s.generalCompress(numLevels, work, inLevels, outLevels);
    const free = r.capacity - r.numItems;
    const items = new Float64Array(r.capacity);
    items.set(work.subarray(outLevels[0], outLevels[0] + r.numItems), free);
    const levels = new Array<number>(r.numLevels + 1);
    for (let h = 0; h <= r.numLevels; h++) levels[h] = outLevels[h] + free - outLevels[0];
    s.adopt({ k, minK: k, itemType: 'double', n, min, max, numLevels: r.numLevels, levels, items, levelZeroSorted: false }, s._errorVariance);
    return s;
  }
}

/**
 * Checks a DataSketches KLL state: offsets non-decreasing within the capacity, total weight = n,
 * levels above 0 sorted (level 0 too when flagged), values finite and within [min, max], float items
 * representable as float32. Calls `fail` (which throws) on the first violation.
 */
export function validateKllState(st: KllState, fail: (what: string, sub?: string) => never): void {
  const { k, minK, n, numLevels, levels, items } = st;
  if (minK < KLL_M || minK > k) fail(`minK ${minK} outside [${KLL_M}, k = ${k}]`, '.minK');
  if (numLevels < 1 || numLevels > MAX_LEVELS) fail(`${numLevels} levels`, '.levels');
  const capacity = kllTotalCapacity(k, numLevels);
  if (levels[numLevels] !== capacity) fail('levels do not end at the capacity', '.levels');
  let weight = 0;
  for (let h = 0; h < numLevels; h++) {
    if (!(levels[h] >= 0 && levels[h] <= levels[h + 1])) fail(`level ${h} offsets out of order`, '.levels');
    weight += (levels[h + 1] - levels[h]) * Math.pow(2, h);
  }
  if (weight !== n) fail(`weights add up to ${weight}, not n = ${n}`, '.n');
  if (numLevels > ubOnNumLevels(n)) fail(`${numLevels} levels for n = ${n}`, '.levels');
  if (n === 0) return;
  const { min, max } = st;
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) fail('min/max must be finite with min ≤ max', '.min');
  const isFloat = st.itemType === 'float';
  if (isFloat && (Math.fround(min) !== min || Math.fround(max) !== max)) fail('float sketch min/max not float32', '.min');
  for (let h = 0; h < numLevels; h++) {
    const mustSort = h > 0 || st.levelZeroSorted;
    for (let i = levels[h]; i < levels[h + 1]; i++) {
      const v = items[i];
      if (!Number.isFinite(v) || v < min || v > max) fail(`level ${h} has a value outside [min, max]`, `.levels[${h}]`);
      if (isFloat && Math.fround(v) !== v) fail(`level ${h} has a value that is not a float32`, `.levels[${h}]`);
      if (mustSort && i > levels[h] && items[i - 1] > v) fail(`level ${h} is not sorted`, `.levels[${h}]`);
    }
  }
}

function sortRange(buf: Float64Array, from: number, to: number): void {
  buf.subarray(from, to).sort();
}

/** Merges sorted runs [a, a+lenA) and [b, b+lenB) of `buf` into [c, …) (DataSketches' in-buffer merge; ties take b). */
function mergeInPlace(buf: Float64Array, a: number, lenA: number, b: number, lenB: number, c: number): void {
  const limA = a + lenA, limB = b + lenB, limC = c + lenA + lenB;
  for (; c < limC; c++) {
    if (a === limA) buf[c] = buf[b++];
    else if (b === limB) buf[c] = buf[a++];
    else if (buf[a] < buf[b]) buf[c] = buf[a++];
    else buf[c] = buf[b++];
  }
}

/** Merges two sorted runs from different buffers into `out` at `c` (ties take the second). */
function mergeInto(bufA: Float64Array, a: number, lenA: number, bufB: Float64Array, b: number, lenB: number, out: Float64Array, c: number): void {
  const limA = a + lenA, limB = b + lenB, limC = c + lenA + lenB;
  for (; c < limC; c++) {
    if (a === limA) out[c] = bufB[b++];
    else if (b === limB) out[c] = bufA[a++];
    else if (bufA[a] < bufB[b]) out[c] = bufA[a++];
    else out[c] = bufB[b++];
  }
}
