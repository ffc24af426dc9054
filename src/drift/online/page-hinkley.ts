/**
 * Page–Hinkley test with River's defaults: min_instances 30, δ = 0.005, λ (threshold) = 50,
 * α (fading factor) = 0.9999, mode 'both'. With x̄ the running mean:
 * U_t = α·U_{t−1} + (x_t − x̄_t − δ) (increase), L_t = α·L_{t−1} + (x_t − x̄_t + δ) (decrease);
 * drift when U_t − min U > λ or max L − L_t > λ, after which the detector starts afresh.
 */
import { finite, positive, readState, type DetectorResult, type OnlineDetector } from './common.js';
import { int, literal, num, obj, parseInput, invalid } from '../sketch/json.js';
import { EdgeAugmentError } from '../../errors.js';

/** Options of {@link PageHinkley}. */
export interface PageHinkleyOptions {
  /** Observations before any alarm (default 30). */
  minInstances?: number;
  /** Tolerated change magnitude (default 0.005). */
  delta?: number;
  /** λ, the alarm threshold (default 50). */
  threshold?: number;
  /** Fading factor (default 0.9999). */
  alpha?: number;
  /** Which direction to watch (default 'both'). */
  mode?: 'up' | 'down' | 'both';
}

/** JSON state of {@link PageHinkley}. */
export interface PageHinkleyJSON {
  type: 'page-hinkley';
  minInstances: number; delta: number; threshold: number; alpha: number; mode: 'up' | 'down' | 'both';
  n: number; mean: number; sumUp: number; sumDown: number; minUp: number | null; maxDown: number | null; drifted: boolean;
}

/**
 * Page–Hinkley change detector for a shift in the mean.
 *
 * @example
 * ```ts
 * const ph = new PageHinkley();
 * stream.forEach((x, t) => { if (ph.update(x).drift) console.log('change at', t); });
 * ```
 */
export class PageHinkley implements OnlineDetector {
  readonly minInstances: number;
  readonly delta: number;
  readonly threshold: number;
  readonly alpha: number;
  readonly mode: 'up' | 'down' | 'both';
  private n = 0;
  private mean = 0;
  private sumUp = 0;
  private sumDown = 0;
  private minUp = Infinity;
  private maxDown = -Infinity;
  private drifted = false;

  /** @throws EdgeAugmentError `INVALID_ARGUMENT` for bad options. */
  constructor(options: PageHinkleyOptions = {}) {
    this.minInstances = positive(options.minInstances ?? 30, 'minInstances', 'PageHinkley', true);
    this.delta = options.delta ?? 0.005;
    if (!Number.isFinite(this.delta) || this.delta < 0) throw new EdgeAugmentError('INVALID_ARGUMENT', `PageHinkley: delta must be ≥ 0, got ${this.delta}.`);
    this.threshold = positive(options.threshold ?? 50, 'threshold', 'PageHinkley');
    this.alpha = positive(options.alpha ?? 1 - 0.0001, 'alpha', 'PageHinkley');
    if (this.alpha > 1) throw new EdgeAugmentError('INVALID_ARGUMENT', `PageHinkley: alpha must be in (0, 1], got ${this.alpha}.`);
    this.mode = options.mode ?? 'both';
    if (!['up', 'down', 'both'].includes(this.mode)) throw new EdgeAugmentError('INVALID_ARGUMENT', `PageHinkley: mode must be 'up', 'down' or 'both', got ${String(this.mode)}.`);
  }

  /** Feeds one observation. */
  update(x: number): DetectorResult {
    finite(x, 'PageHinkley');
    if (this.drifted) this.reset();
    this.n++;
    this.mean += (x - this.mean) / this.n;
    const dev = x - this.mean;
    // River's order of operations ((α·U + dev) − δ), so detections match River's to the bit.
    this.sumUp = this.alpha * this.sumUp + dev - this.delta;
    this.sumDown = this.alpha * this.sumDown + dev + this.delta;
    if (this.sumUp < this.minUp) this.minUp = this.sumUp;
    if (this.sumDown > this.maxDown) this.maxDown = this.sumDown;
    let drift = false;
    if (this.n >= this.minInstances) {
      if (this.mode !== 'down' && this.sumUp - this.minUp > this.threshold) drift = true;
      else if (this.mode !== 'up' && this.maxDown - this.sumDown > this.threshold) drift = true;
    }
    this.drifted = drift;
    return { drift };
  }

  /** Starts afresh. */
  reset(): void {
    this.n = 0; this.mean = 0; this.sumUp = 0; this.sumDown = 0; this.minUp = Infinity; this.maxDown = -Infinity; this.drifted = false;
  }

  /** Serialisable state. */
  toJSON(): PageHinkleyJSON {
    return {
      type: 'page-hinkley', minInstances: this.minInstances, delta: this.delta, threshold: this.threshold, alpha: this.alpha, mode: this.mode,
      n: this.n, mean: this.mean, sumUp: this.sumUp, sumDown: this.sumDown,
      minUp: Number.isFinite(this.minUp) ? this.minUp : null, maxDown: Number.isFinite(this.maxDown) ? this.maxDown : null, drifted: this.drifted,
    };
  }

  /**
   * Restores a detector.
   * @throws EdgeAugmentError `INVALID_STATE` for malformed state.
   */
  static fromJSON(input: unknown): PageHinkley {
    return readState(() => {
      const o = obj(parseInput(input), '$', ['type', 'minInstances', 'delta', 'threshold', 'alpha', 'mode', 'n', 'mean', 'sumUp', 'sumDown', 'minUp', 'maxDown', 'drifted']);
      literal(o.type, '$.type', 'page-hinkley');
      if (o.mode !== 'up' && o.mode !== 'down' && o.mode !== 'both') invalid('$.mode', "expected 'up', 'down' or 'both'");
      const d = new PageHinkley({ minInstances: int(o.minInstances, '$.minInstances', 1), delta: num(o.delta, '$.delta'), threshold: num(o.threshold, '$.threshold'), alpha: num(o.alpha, '$.alpha'), mode: o.mode });
      d.n = int(o.n, '$.n');
      d.mean = num(o.mean, '$.mean');
      d.sumUp = num(o.sumUp, '$.sumUp');
      d.sumDown = num(o.sumDown, '$.sumDown');
      d.minUp = o.minUp === null && d.n === 0 ? Infinity : num(o.minUp, '$.minUp');
      d.maxDown = o.maxDown === null && d.n === 0 ? -Infinity : num(o.maxDown, '$.maxDown');
      if (typeof o.drifted !== 'boolean') invalid('$.drifted', 'expected a boolean');
      d.drifted = o.drifted;
      return d;
    });
  }
}
