/**
 * What every online drift detector shares: the result type, the interface and the strict state
 * readers (state errors are `EdgeAugmentError('INVALID_STATE')`).
 */
import { EdgeAugmentError, describeValue, isEdgeAugmentError } from '../../errors.js';

/** Outcome of one `update`. */
export interface DetectorResult {
  /** A change was detected at this observation (the detector has already adapted). */
  drift: boolean;
  /** DDM only: the warning zone. */
  warning?: boolean;
}

/** Common interface of {@link Adwin}, {@link PageHinkley}, {@link Kswin} and {@link Ddm}. */
export interface OnlineDetector {
  /** Feeds one observation. */
  update(x: number): DetectorResult;
  /** Forgets everything (parameters stay). */
  reset(): void;
  /** Serialisable state; `fromJSON` of the same class continues identically. */
  toJSON(): { type: string };
}

/** Runs `fn`, turning profile-JSON errors from the shared readers into `INVALID_STATE`. */
export function readState<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isEdgeAugmentError(e, 'INVALID_PROFILE')) throw new EdgeAugmentError('INVALID_STATE', e.message.replace('Invalid profile JSON', 'Invalid detector state'), { cause: e });
    // Parameters rejected by the constructor (delta 0, windowSize 1, …) are a bad state here, too.
    if (isEdgeAugmentError(e, 'INVALID_ARGUMENT')) throw new EdgeAugmentError('INVALID_STATE', `Invalid detector state: ${e.message}`, { cause: e });
    throw e;
  }
}

/** Rejects non-finite observations. */
export function finite(x: number, who: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new EdgeAugmentError('INVALID_ARGUMENT', `${who}.update needs a finite number, got ${describeValue(x)}.`);
  return x;
}

/** Validates a positive parameter. */
export function positive(v: number, name: string, who: string, integer = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `${who}: ${name} must be a positive ${integer ? 'integer' : 'number'}, got ${describeValue(v)}.`);
  }
  return v;
}
