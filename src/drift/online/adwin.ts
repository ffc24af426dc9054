/**
 * ADWIN — ADaptive WINdowing (Bifet & Gavaldà 2007), with River's defaults: δ = 0.002, clock 32,
 * 5 buckets per row, minimum sub-window length 5, grace period 10. The window is kept as an
 * exponential histogram of buckets (O(log W) memory); every `clock` updates each split into an older
 * and a newer part is tested with
 * ε = √(2·m·σ²_W·δ′) + ⅔·δ′·m,  δ′ = ln(2·ln W / δ),  m = 1/(n₀−5+1) + 1/(n₁−5+1),
 * and the oldest bucket is dropped while some split has |μ₀ − μ₁| ≥ ε.
 */
import { finite, positive, readState, type DetectorResult, type OnlineDetector } from './common.js';
import { arr, int, invalid, literal, num, obj, parseInput } from '../sketch/json.js';

/** Options of {@link Adwin} (River names in camelCase). */
export interface AdwinOptions {
  /** Confidence (default 0.002). */
  delta?: number;
  /** Test for change every `clock` updates (default 32). */
  clock?: number;
  /** Buckets per row before two are merged (default 5). */
  maxBuckets?: number;
  /** Minimum length of each sub-window (default 5). */
  minWindowLength?: number;
  /** No test before this many observations (default 10). */
  gracePeriod?: number;
}

/** JSON state of {@link Adwin}. */
export interface AdwinJSON {
  type: 'adwin';
  delta: number; clock: number; maxBuckets: number; minWindowLength: number; gracePeriod: number;
  tick: number; width: number; total: number; variance: number;
  /** rows[i] = buckets of 2^i observations, oldest first, as [total, variance]. */
  rows: [number, number][][];
}

/**
 * Adaptive-window change detector for a real-valued stream.
 *
 * @example
 * ```ts
 * const d = new Adwin();
 * for (const x of stream) if (d.update(x).drift) console.log('change; window now', d.width);
 * ```
 */
export class Adwin implements OnlineDetector {
  readonly delta: number;
  readonly clock: number;
  readonly maxBuckets: number;
  readonly minWindowLength: number;
  readonly gracePeriod: number;
  private tick = 0;
  private _width = 0;
  private total = 0;
  private variance = 0;
  private rows: [number, number][][] = [[]];

  /** @throws EdgeAugmentError `INVALID_ARGUMENT` for bad options. */
  constructor(options: AdwinOptions = {}) {
    this.delta = positive(options.delta ?? 0.002, 'delta', 'Adwin');
    this.clock = positive(options.clock ?? 32, 'clock', 'Adwin', true);
    this.maxBuckets = positive(options.maxBuckets ?? 5, 'maxBuckets', 'Adwin', true);
    this.minWindowLength = positive(options.minWindowLength ?? 5, 'minWindowLength', 'Adwin', true);
    this.gracePeriod = positive(options.gracePeriod ?? 10, 'gracePeriod', 'Adwin', true);
  }

  /** Current window length. */
  get width(): number { return this._width; }
  /** Mean of the current window. */
  get estimation(): number { return this._width ? this.total / this._width : 0; }

  /** Feeds one observation; `drift` is true when the window was cut. */
  update(x: number): DetectorResult {
    finite(x, 'Adwin');
    this.tick++;
    this.insert(x);
    let drift = false;
    if (this.tick % this.clock === 0 && this._width > this.gracePeriod) drift = this.detect();
    return { drift };
  }

  private insert(x: number): void {
    if (this._width > 0) {
      const d = x - this.total / this._width;
      this.variance += (this._width * d * d) / (this._width + 1);
    }
    this._width++;
    this.total += x;
    this.rows[0].push([x, 0]);
    for (let i = 0; i < this.rows.length; i++) {
      const row = this.rows[i];
      if (row.length <= this.maxBuckets) break;
      const [a, b] = row.splice(0, 2);
      const n = Math.pow(2, i);
      const d = a[0] / n - b[0] / n;
      const merged: [number, number] = [a[0] + b[0], a[1] + b[1] + (n * n * d * d) / (2 * n)];
      if (i + 1 === this.rows.length) this.rows.push([]);
      this.rows[i + 1].push(merged);
    }
  }

  private dropOldest(): void {
    const i = this.rows.length - 1;
    const [t, v] = this.rows[i].shift()!;
    const n = Math.pow(2, i);
    this._width -= n;
    this.total -= t;
    if (this._width > 0) {
      const d = t / n - this.total / this._width;
      this.variance -= v + (n * this._width * d * d) / (n + this._width);
      if (this.variance < 0) this.variance = 0;
    } else {
      this.variance = 0;
      this.total = 0;
    }
    while (this.rows.length > 1 && this.rows[this.rows.length - 1].length === 0) this.rows.pop();
  }

  private detect(): boolean {
    let changed = false;
    let cut = true;
    while (cut && this._width > this.gracePeriod) {
      cut = false;
      const deltaPrime = Math.log((2 * Math.log(this._width)) / this.delta);
      const varW = this.variance / this._width;
      let n0 = 0, s0 = 0;
      // Oldest buckets first: highest row, each row oldest first.
      outer: for (let i = this.rows.length - 1; i >= 0; i--) {
        const n = Math.pow(2, i);
        for (const [t] of this.rows[i]) {
          n0 += n;
          s0 += t;
          const n1 = this._width - n0;
          if (n1 < this.minWindowLength) break outer;
          if (n0 < this.minWindowLength) continue;
          const dm = s0 / n0 - (this.total - s0) / n1;
          const m = 1 / (n0 - this.minWindowLength + 1) + 1 / (n1 - this.minWindowLength + 1);
          const eps = Math.sqrt(2 * m * varW * deltaPrime) + (2 / 3) * deltaPrime * m;
          if (Math.abs(dm) >= eps) { cut = true; break outer; }
        }
      }
      if (cut) {
        this.dropOldest();
        changed = true;
      }
    }
    return changed;
  }

  /** Empties the window. */
  reset(): void {
    this.tick = 0; this._width = 0; this.total = 0; this.variance = 0; this.rows = [[]];
  }

  /** Serialisable state. */
  toJSON(): AdwinJSON {
    return {
      type: 'adwin', delta: this.delta, clock: this.clock, maxBuckets: this.maxBuckets, minWindowLength: this.minWindowLength,
      gracePeriod: this.gracePeriod, tick: this.tick, width: this._width, total: this.total, variance: this.variance,
      rows: this.rows.map((r) => r.map((b) => [b[0], b[1]] as [number, number])),
    };
  }

  /**
   * Restores a detector.
   * @throws EdgeAugmentError `INVALID_STATE` for malformed state.
   */
  static fromJSON(input: unknown): Adwin {
    return readState(() => {
      const o = obj(parseInput(input), '$', ['type', 'delta', 'clock', 'maxBuckets', 'minWindowLength', 'gracePeriod', 'tick', 'width', 'total', 'variance', 'rows']);
      literal(o.type, '$.type', 'adwin');
      const d = new Adwin({ delta: num(o.delta, '$.delta'), clock: int(o.clock, '$.clock', 1), maxBuckets: int(o.maxBuckets, '$.maxBuckets', 1, 1000), minWindowLength: int(o.minWindowLength, '$.minWindowLength', 1), gracePeriod: int(o.gracePeriod, '$.gracePeriod', 1) });
      d.tick = int(o.tick, '$.tick');
      d._width = int(o.width, '$.width');
      d.total = num(o.total, '$.total');
      d.variance = num(o.variance, '$.variance');
      const rows = arr(o.rows, '$.rows', 64);
      let w = 0;
      d.rows = rows.map((r, i) => arr(r, `$.rows[${i}]`, d.maxBuckets + 1).map((b, j) => {
        const p = arr(b, `$.rows[${i}][${j}]`, 2);
        w += Math.pow(2, i);
        return [num(p[0], `$.rows[${i}][${j}][0]`), num(p[1], `$.rows[${i}][${j}][1]`)] as [number, number];
      }));
      if (!d.rows.length) d.rows = [[]];
      if (w !== d._width) invalid('$.rows', `bucket sizes add up to ${w}, not width ${d._width}`);
      return d;
    });
  }
}
