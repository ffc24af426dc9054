/**
 * DDM — Drift Detection Method (Gama et al. 2004) for a stream of 0/1 errors, with River's
 * defaults: warm start 30, warning at p + s ≥ p_min + 2·s_min, drift at p + s ≥ p_min + 3·s_min,
 * where p is the running error rate and s = √(p(1−p)/n). After a drift the detector starts afresh.
 */
import { finite, positive, readState, type DetectorResult, type OnlineDetector } from './common.js';
import { int, literal, num, obj, parseInput, invalid } from '../sketch/json.js';

/** Options of {@link Ddm}. */
export interface DdmOptions {
  /** Observations before any warning or drift (default 30). */
  warmStart?: number;
  /** Warning threshold in units of s_min (default 2). */
  warningThreshold?: number;
  /** Drift threshold in units of s_min (default 3). */
  driftThreshold?: number;
}

/** JSON state of {@link Ddm}. */
export interface DdmJSON {
  type: 'ddm';
  warmStart: number; warningThreshold: number; driftThreshold: number;
  n: number; p: number; pMin: number | null; sMin: number | null; drifted: boolean;
}

/**
 * Error-rate drift detector. Feed 1 for a mistake, 0 for a correct prediction.
 *
 * @example
 * ```ts
 * const ddm = new Ddm();
 * const { drift, warning } = ddm.update(prediction === label ? 0 : 1);
 * ```
 */
export class Ddm implements OnlineDetector {
  readonly warmStart: number;
  readonly warningThreshold: number;
  readonly driftThreshold: number;
  private n = 0;
  private p = 0;
  private pMin = Infinity;
  private sMin = Infinity;
  private drifted = false;

  /** @throws EdgeAugmentError `INVALID_ARGUMENT` for bad options. */
  constructor(options: DdmOptions = {}) {
    this.warmStart = positive(options.warmStart ?? 30, 'warmStart', 'Ddm', true);
    this.warningThreshold = positive(options.warningThreshold ?? 2, 'warningThreshold', 'Ddm');
    this.driftThreshold = positive(options.driftThreshold ?? 3, 'driftThreshold', 'Ddm');
  }

  /** Feeds one observation (0 or 1; values in between are treated as a rate). */
  update(x: number): DetectorResult {
    finite(x, 'Ddm');
    if (this.drifted) this.reset();
    this.n++;
    this.p += (x - this.p) / this.n;
    const s = Math.sqrt((this.p * (1 - this.p)) / this.n);
    let warning = false;
    let drift = false;
    if (this.n > this.warmStart) {
      if (this.p + s <= this.pMin + this.sMin) {
        this.pMin = this.p;
        this.sMin = s;
      }
      if (this.p + s > this.pMin + this.driftThreshold * this.sMin) drift = true;
      else if (this.p + s > this.pMin + this.warningThreshold * this.sMin) warning = true;
    }
    this.drifted = drift;
    return { drift, warning };
  }

  /** Starts afresh. */
  reset(): void {
    this.n = 0; this.p = 0; this.pMin = Infinity; this.sMin = Infinity; this.drifted = false;
  }

  /** Serialisable state. */
  toJSON(): DdmJSON {
    return {
      type: 'ddm', warmStart: this.warmStart, warningThreshold: this.warningThreshold, driftThreshold: this.driftThreshold,
      n: this.n, p: this.p, pMin: Number.isFinite(this.pMin) ? this.pMin : null, sMin: Number.isFinite(this.sMin) ? this.sMin : null, drifted: this.drifted,
    };
  }

  /**
   * Restores a detector.
   * @throws EdgeAugmentError `INVALID_STATE` for malformed state.
   */
  static fromJSON(input: unknown): Ddm {
    return readState(() => {
      const o = obj(parseInput(input), '$', ['type', 'warmStart', 'warningThreshold', 'driftThreshold', 'n', 'p', 'pMin', 'sMin', 'drifted']);
      literal(o.type, '$.type', 'ddm');
      const d = new Ddm({ warmStart: int(o.warmStart, '$.warmStart', 1), warningThreshold: num(o.warningThreshold, '$.warningThreshold'), driftThreshold: num(o.driftThreshold, '$.driftThreshold') });
      d.n = int(o.n, '$.n');
      d.p = num(o.p, '$.p');
      d.pMin = o.pMin === null ? Infinity : num(o.pMin, '$.pMin');
      d.sMin = o.sMin === null ? Infinity : num(o.sMin, '$.sMin');
      if (typeof o.drifted !== 'boolean') invalid('$.drifted', 'expected a boolean');
      d.drifted = o.drifted;
      return d;
    });
  }
}
