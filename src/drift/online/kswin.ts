/**
 * KSWIN — Kolmogorov–Smirnov windowing (Raab, Heusinger & Schleif 2020), with River's defaults:
 * α = 0.005, window 100, stat size 30. Once the window is full, the newest 30 values are compared
 * with 30 values sampled (seeded, without replacement) from the older 70 by an exact two-sample KS
 * test; a change is flagged only when p ≤ α and D > 0.1, after which the window keeps just the
 * newest 30 values.
 */
import { EdgeAugmentError } from '../../errors.js';
import { ks2samp } from '../stats/ks.js';
import { SeededRng } from '../sketch/rng.js';
import { finite, positive, readState, type DetectorResult, type OnlineDetector } from './common.js';
import { int, literal, num, nums, obj, parseInput } from '../sketch/json.js';

/** Options of {@link Kswin}. */
export interface KswinOptions {
  /** Significance level (default 0.005). */
  alpha?: number;
  /** Window length (default 100). */
  windowSize?: number;
  /** Size of the newest part and of the sample from the rest (default 30). */
  statSize?: number;
  /** Seed of the sampling (default 42, River's default). */
  seed?: number;
}

/** JSON state of {@link Kswin}. */
export interface KswinJSON {
  type: 'kswin';
  alpha: number; windowSize: number; statSize: number; rngState: number;
  window: number[]; pvalue: number | null; statistic: number | null;
}

/**
 * Windowed KS change detector.
 *
 * @example
 * ```ts
 * const k = new Kswin({ seed: 1 });
 * for (const x of stream) if (k.update(x).drift) console.log('D =', k.statistic, 'p =', k.pvalue);
 * ```
 */
export class Kswin implements OnlineDetector {
  readonly alpha: number;
  readonly windowSize: number;
  readonly statSize: number;
  private rng: SeededRng;
  private readonly seed: number;
  private window: number[] = [];
  private _pvalue: number | null = null;
  private _statistic: number | null = null;

  /** @throws EdgeAugmentError `INVALID_ARGUMENT` for bad options (statSize must be ≤ windowSize − statSize). */
  constructor(options: KswinOptions = {}) {
    this.alpha = positive(options.alpha ?? 0.005, 'alpha', 'Kswin');
    if (this.alpha >= 1) throw new EdgeAugmentError('INVALID_ARGUMENT', `Kswin: alpha must be in (0, 1), got ${this.alpha}.`);
    this.windowSize = positive(options.windowSize ?? 100, 'windowSize', 'Kswin', true);
    this.statSize = positive(options.statSize ?? 30, 'statSize', 'Kswin', true);
    if (this.windowSize - this.statSize < this.statSize) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `Kswin: statSize (${this.statSize}) must be at most windowSize − statSize (${this.windowSize - this.statSize}).`);
    }
    this.seed = options.seed ?? 42;
    this.rng = new SeededRng(this.seed);
  }

  /** p-value of the last test (null before the window first filled). */
  get pvalue(): number | null { return this._pvalue; }
  /** D of the last test. */
  get statistic(): number | null { return this._statistic; }

  /** Feeds one observation. */
  update(x: number): DetectorResult {
    finite(x, 'Kswin');
    this.window.push(x);
    if (this.window.length > this.windowSize) this.window.shift();
    if (this.window.length < this.windowSize) return { drift: false };
    const older = this.windowSize - this.statSize;
    const idx = Array.from({ length: older }, (_, i) => i);
    const sample = new Array<number>(this.statSize);
    for (let i = 0; i < this.statSize; i++) {
      const j = i + this.rng.int(older - i);
      [idx[i], idx[j]] = [idx[j], idx[i]];
      sample[i] = this.window[idx[i]];
    }
    const recent = this.window.slice(older);
    const r = ks2samp(sample, recent, { method: 'exact' });
    this._statistic = r.statistic;
    this._pvalue = r.pvalue;
    if (r.pvalue <= this.alpha && r.statistic > 0.1) {
      this.window = recent;
      return { drift: true };
    }
    return { drift: false };
  }

  /** Empties the window and restarts the sampler from the seed. */
  reset(): void {
    this.window = [];
    this.rng = new SeededRng(this.seed);
    this._pvalue = null;
    this._statistic = null;
  }

  /** Serialisable state (including the sampler's state). */
  toJSON(): KswinJSON {
    return { type: 'kswin', alpha: this.alpha, windowSize: this.windowSize, statSize: this.statSize, rngState: this.rng.state, window: this.window.slice(), pvalue: this._pvalue, statistic: this._statistic };
  }

  /**
   * Restores a detector.
   * @throws EdgeAugmentError `INVALID_STATE` for malformed state.
   */
  static fromJSON(input: unknown): Kswin {
    return readState(() => {
      const o = obj(parseInput(input), '$', ['type', 'alpha', 'windowSize', 'statSize', 'rngState', 'window', 'pvalue', 'statistic']);
      literal(o.type, '$.type', 'kswin');
      const k = new Kswin({ alpha: num(o.alpha, '$.alpha'), windowSize: int(o.windowSize, '$.windowSize', 2, 1_000_000), statSize: int(o.statSize, '$.statSize', 1) });
      k.rng.state = int(o.rngState, '$.rngState', 0, 0xffffffff);
      k.window = nums(o.window, '$.window', k.windowSize);
      k._pvalue = o.pvalue === null ? null : num(o.pvalue, '$.pvalue');
      k._statistic = o.statistic === null ? null : num(o.statistic, '$.statistic');
      return k;
    });
  }
}
