/**
 * ADWIN — ADaptive WINdowing (Bifet & Gavaldà 2007), with River's defaults: δ = 0.002, clock 32,
 * 5 buckets per row, minimum sub-window length 5, grace period 10. The window is kept as an
 * exponential histogram of buckets (O(log W) memory); every `clock` updates each split into an older
 * and a newer part is tested with
 * ε = √(2·m·σ²_W·δ′) + ⅔·δ′·m,  δ′ = ln(2·ln W / δ),  m = 1/(n₀−5+1) + 1/(n₁−5+1),
 * and the oldest bucket is dropped while some split has |μ₀ − μ₁| > ε. The update after a drift starts
 * from an empty window, as River's `ADWIN.update` does. Detections equal River's to the bit: the
 * arithmetic follows River's core (`rust_src/adwin.rs`, online-ml/river @ b12bc5d, the same as its last
 * Cython `adwin_c.pyx`), checked on 71 runs in test/goldens/river.
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
  /** The last update was a drift (the next one starts afresh). Absent in older saved state: false. */
  drifted?: boolean;
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
  private drifted = false;

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

  /**
   * Feeds one observation; `drift` is true when the window was cut. As in River (`river/drift/adwin.py`),
   * the update after a drift starts from an empty window: the detector fires once per change, not
   * again every `clock` updates while the shrunk window still straddles it.
   */
  update(x: number): DetectorResult {
    finite(x, 'Adwin');
    if (this.drifted) this.reset();
    this.insert(x);
    this.tick++;
    let drift = false;
    if (this.tick % this.clock === 0 && this._width > this.gracePeriod) drift = this.detect();
    this.drifted = drift;
    return { drift };
  }

  // Every floating-point operation below is in the order of River's core (rust_src/adwin.rs), so the
  // detections are River's to the bit (test/goldens/river).
  private insert(x: number): void {
    this._width += 1;
    if (this._width > 1) {
      const d = x - this.total / (this._width - 1);
      this.variance += ((this._width - 1) * d * d) / this._width;
    }
    this.total += x;
    this.rows[0].push([x, 0]);
    for (let i = 0; i < this.rows.length; i++) {
      const row = this.rows[i];
      if (row.length <= this.maxBuckets) break;
      const [a, b] = row.splice(0, 2);
      const n = Math.pow(2, i);
      const d = a[0] / n - b[0] / n;
      const merged: [number, number] = [a[0] + b[0], a[1] + b[1] + n * 0.5 * d * d];
      if (i + 1 === this.rows.length) this.rows.push([]);
      this.rows[i + 1].push(merged);
    }
  }

  private dropOldest(): void {
    const i = this.rows.length - 1;
    const [t, v] = this.rows[i].shift()!;
    const n = Math.pow(2, i);
    const mu = t / n;
    this._width -= n;
    this.total -= t;
    const muWindow = this.total / this._width;
    this.variance -= v + (n * this._width * (mu - muWindow) * (mu - muWindow)) / (n + this._width);
    if (this.rows[i].length === 0 && this.rows.length > 1) this.rows.pop();
  }

  private detect(): boolean {
    let changed = false;
    let cut = true;
    const mwl = this.minWindowLength;
    while (cut) {
      cut = false;
      let n0 = 0, n1 = this._width, u0 = 0, u1 = this.total;
      // Oldest buckets first: highest row, each row oldest first; the newest bucket is never a cut.
      outer: for (let i = this.rows.length - 1; i >= 0; i--) {
        const n = Math.pow(2, i);
        const row = this.rows[i];
        for (let k = 0; k < row.length; k++) {
          n0 += n;
          n1 -= n;
          u0 += row[k][0];
          u1 -= row[k][0];
          if (i === 0 && k === row.length - 1) break outer;
          if (n1 >= mwl && n0 >= mwl) {
            const dm = u0 / n0 - u1 / n1;
            const deltaPrime = Math.log((2 * Math.log(this._width)) / this.delta);
            const m = 1 / (n0 - mwl + 1) + 1 / (n1 - mwl + 1);
            const eps = Math.sqrt(2 * m * (this.variance / this._width) * deltaPrime) + (2 / 3) * deltaPrime * m;
            if (Math.abs(dm) > eps) {
              cut = true;
              changed = true;
              if (this._width > 0) { this.dropOldest(); break outer; }
            }
          }
        }
      }
    }
    return changed;
  }

  /** Empties the window. */
  reset(): void {
    this.tick = 0; this._width = 0; this.total = 0; this.variance = 0; this.rows = [[]]; this.drifted = false;
  }

  /** Serialisable state. */
  toJSON(): AdwinJSON {
    return {
      type: 'adwin', delta: this.delta, clock: this.clock, maxBuckets: this.maxBuckets, minWindowLength: this.minWindowLength,
      gracePeriod: this.gracePeriod, tick: this.tick, width: this._width, total: this.total, variance: this.variance, drifted: this.drifted,
      rows: this.rows.map((r) => r.map((b) => [b[0], b[1]] as [number, number])),
    };
  }

  /**
   * Restores a detector.
   * @throws EdgeAugmentError `INVALID_STATE` for malformed state.
   */
  static fromJSON(input: unknown): Adwin {
    return readState(() => {
      const o = obj(parseInput(input), '$', ['type', 'delta', 'clock', 'maxBuckets', 'minWindowLength', 'gracePeriod', 'tick', 'width', 'total', 'variance', 'rows', 'drifted']);
      literal(o.type, '$.type', 'adwin');
      const d = new Adwin({ delta: num(o.delta, '$.delta'), clock: int(o.clock, '$.clock', 1), maxBuckets: int(o.maxBuckets, '$.maxBuckets', 1, 1000), minWindowLength: int(o.minWindowLength, '$.minWindowLength', 1), gracePeriod: int(o.gracePeriod, '$.gracePeriod', 1) });
      d.tick = int(o.tick, '$.tick');
      d._width = int(o.width, '$.width');
      d.total = num(o.total, '$.total');
      d.variance = num(o.variance, '$.variance');
      if (o.drifted !== undefined && typeof o.drifted !== 'boolean') invalid('$.drifted', 'expected a boolean');
      d.drifted = o.drifted === true;
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
