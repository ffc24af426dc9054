/**
 * KSWIN — Kolmogorov–Smirnov windowing (Raab, Heusinger & Schleif 2020), as River's `KSWIN`:
 * α = 0.005, window 100, stat size 30. Once the window is full, the newest 30 values are compared
 * with 30 values sampled without replacement from the older 70 by scipy's two-sample KS test (exact
 * at these sizes); a change is flagged when p ≤ α and D > 0.1, and — as in River — the update after a
 * drift starts from an empty window with the sampler restarted.
 *
 * Randomness: River's default seed is `None` (fresh entropy on every start). Here too: without a
 * `seed` each (re)start draws a random 32-bit seed. With a seed, draw j of test t (t counted from
 * the last start) is the counter-based `ItemRandom(seed, t, KSWIN_STREAM)` of src/plan/rng.ts, so a
 * detector restored from JSON continues identically. River's draws come from Python's Mersenne
 * Twister, which this does not reproduce: detections agree with River's when River's draws are
 * replayed (test/goldens/river), and otherwise within KSWIN's own randomness.
 */
import { EdgeAugmentError, describeValue } from '../../errors.js';
import { ItemRandom } from '../../plan/rng.js';
import { ks2samp } from '../stats/ks.js';
import { finite, positive, readState, type DetectorResult, type OnlineDetector } from './common.js';
import { int, invalid, literal, num, nums, obj, parseInput } from '../sketch/json.js';

/** Stream id of KSWIN's draws in the counter-based generator (distinct from augmentation streams). */
const KSWIN_STREAM = 0x6b73776e; // 'kswn'

/** Options of {@link Kswin}. */
export interface KswinOptions {
  /** Significance level (default 0.005). */
  alpha?: number;
  /** Window length (default 100). */
  windowSize?: number;
  /** Size of the newest part and of the sample from the rest (default 30). */
  statSize?: number;
  /**
   * Seed of the sampling, an integer in [0, 2³²). Default: none, as River (`seed=None`) — every start
   * draws a fresh random seed, so runs differ; give a seed for reproducible detections.
   */
  seed?: number;
}

/** JSON state of {@link Kswin}. */
export interface KswinJSON {
  type: 'kswin';
  alpha: number; windowSize: number; statSize: number;
  /** The seed in use, and whether the user gave it (false: a fresh random seed on every restart). */
  seed: number; seeded: boolean;
  /** Tests run since the last start (the counter of the draws). */
  tests: number;
  window: number[]; pvalue: number | null; statistic: number | null; drifted: boolean;
}

function randomSeed(): number {
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }).crypto;
  if (c?.getRandomValues) return c.getRandomValues(new Uint32Array(1))[0];
  return Math.floor(Math.random() * 4294967296) >>> 0;
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
  private readonly seeded: boolean;
  private seed: number;
  private tests = 0;
  private window: number[] = [];
  private drifted = false;
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
    const seed = options.seed;
    if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `Kswin: seed must be an integer in [0, 2^32), got ${describeValue(seed)}.`);
    }
    this.seeded = seed !== undefined;
    this.seed = seed ?? randomSeed();
  }

  /** p-value of the last test (null before the window first filled). */
  get pvalue(): number | null { return this._pvalue; }
  /** D of the last test. */
  get statistic(): number | null { return this._statistic; }

  /**
   * Indices (into the older `older` values of the window) of the `k` values compared with the newest
   * ones: a partial Fisher–Yates shuffle driven by the counter-based generator.
   */
  protected drawSample(older: number, k: number): number[] {
    const rng = new ItemRandom(this.seed, this.tests, KSWIN_STREAM);
    const idx = Array.from({ length: older }, (_, i) => i);
    for (let i = 0; i < k; i++) {
      const j = i + rng.int(older - i);
      const t = idx[i]; idx[i] = idx[j]; idx[j] = t;
    }
    return idx.slice(0, k);
  }

  /** Feeds one observation. */
  update(x: number): DetectorResult {
    finite(x, 'Kswin');
    if (this.drifted) this.reset();
    this.window.push(x);
    if (this.window.length > this.windowSize) this.window.shift();
    if (this.window.length < this.windowSize) return { drift: false };
    const older = this.windowSize - this.statSize;
    const sample = this.drawSample(older, this.statSize).map((i) => this.window[i]);
    this.tests++;
    const recent = this.window.slice(older);
    const r = ks2samp(sample, recent, { method: 'exact' });
    this._statistic = r.statistic;
    this._pvalue = r.pvalue;
    this.drifted = r.pvalue <= this.alpha && r.statistic > 0.1;
    return { drift: this.drifted };
  }

  /** Empties the window and restarts the sampler (from the seed, or from a fresh random seed). */
  reset(): void {
    this.window = [];
    this.tests = 0;
    if (!this.seeded) this.seed = randomSeed();
    this.drifted = false;
    this._pvalue = null;
    this._statistic = null;
  }

  /** Serialisable state (including the sampler's position). */
  toJSON(): KswinJSON {
    return {
      type: 'kswin', alpha: this.alpha, windowSize: this.windowSize, statSize: this.statSize, seed: this.seed, seeded: this.seeded,
      tests: this.tests, window: this.window.slice(), pvalue: this._pvalue, statistic: this._statistic, drifted: this.drifted,
    };
  }

  /**
   * Restores a detector.
   * @throws EdgeAugmentError `INVALID_STATE` for malformed state.
   */
  static fromJSON(input: unknown): Kswin {
    return readState(() => {
      const o = obj(parseInput(input), '$', ['type', 'alpha', 'windowSize', 'statSize', 'seed', 'seeded', 'tests', 'window', 'pvalue', 'statistic', 'drifted']);
      literal(o.type, '$.type', 'kswin');
      if (typeof o.seeded !== 'boolean') invalid('$.seeded', 'expected a boolean');
      if (typeof o.drifted !== 'boolean') invalid('$.drifted', 'expected a boolean');
      const seed = int(o.seed, '$.seed', 0, 0xffffffff);
      const k = new Kswin({ alpha: num(o.alpha, '$.alpha'), windowSize: int(o.windowSize, '$.windowSize', 2, 1_000_000), statSize: int(o.statSize, '$.statSize', 1), seed });
      (k as unknown as { seeded: boolean }).seeded = o.seeded as boolean;
      k.tests = int(o.tests, '$.tests', 0);
      k.window = nums(o.window, '$.window', k.windowSize);
      k.drifted = o.drifted as boolean;
      k._pvalue = o.pvalue === null ? null : num(o.pvalue, '$.pvalue');
      k._statistic = o.statistic === null ? null : num(o.statistic, '$.statistic');
      return k;
    });
  }
}
