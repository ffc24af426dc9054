/**
 * Online (streaming) drift detectors with River's defaults, all behind one interface and
 * serialisable so a monitor can persist and resume them.
 */
import { EdgeAugmentError, describeValue } from '../../errors.js';
import { Adwin } from './adwin.js';
import { Ddm } from './ddm.js';
import { Kswin } from './kswin.js';
import { PageHinkley } from './page-hinkley.js';
import type { OnlineDetector } from './common.js';

export { Adwin, type AdwinOptions, type AdwinJSON } from './adwin.js';
export { PageHinkley, type PageHinkleyOptions, type PageHinkleyJSON } from './page-hinkley.js';
export { Kswin, type KswinOptions, type KswinJSON } from './kswin.js';
export { Ddm, type DdmOptions, type DdmJSON } from './ddm.js';
export type { DetectorResult, OnlineDetector } from './common.js';

/**
 * Restores any detector from its `toJSON()` form, dispatching on `type`.
 * @example
 * ```ts
 * const d = detectorFromJSON(JSON.parse(saved)); d.update(0.3);
 * ```
 * @throws EdgeAugmentError `INVALID_STATE` for an unknown type or malformed state.
 */
export function detectorFromJSON(input: unknown): OnlineDetector {
  let v = input;
  if (typeof v === 'string') {
    try { v = JSON.parse(v); } catch (e) { throw new EdgeAugmentError('INVALID_STATE', `Detector state is not JSON (${(e as Error).message}).`); }
  }
  const type = typeof v === 'object' && v !== null ? (v as { type?: unknown }).type : undefined;
  switch (type) {
    case 'adwin': return Adwin.fromJSON(v);
    case 'page-hinkley': return PageHinkley.fromJSON(v);
    case 'kswin': return Kswin.fromJSON(v);
    case 'ddm': return Ddm.fromJSON(v);
    default: throw new EdgeAugmentError('INVALID_STATE', `Unknown detector type ${describeValue(type)}; expected 'adwin', 'page-hinkley', 'kswin' or 'ddm'.`);
  }
}
