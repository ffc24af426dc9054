import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../../src/drift/profile';
import { createFeatureWatch, cusumThreshold } from '../../../src/drift/watch';
import { SeededRng } from '../../../src/drift/sketch/rng';
import { isEdgeAugmentError } from '../../../src/errors';

function gauss(r: SeededRng): number {
  return Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
}

describe('createFeatureWatch', () => {
  it('threshold: Siegmund’s one-sided CUSUM ARL₀ (k = 0.5: h = 4 → 336, h = 5 → 930 in the classic tables), capped by ln(ARL)', () => {
    expect(cusumThreshold(1, 336)).toBeCloseTo(4, 1);
    expect(cusumThreshold(1, 930)).toBeCloseTo(5, 1);
    expect(cusumThreshold(0.75, 1e6)).toBeLessThan(Math.log(1e6));
  });

  const r = new SeededRng(1);
  const ref = buildProfile(Array.from({ length: 3000 }, () => ({ a: gauss(r), b: Math.exp(gauss(r)), c: 5 })));

  it('stays quiet on in-distribution data and fires soon after a one-feature shift, naming it', () => {
    const w = createFeatureWatch(ref);
    expect(w.features).toEqual(['a', 'b', 'c']);
    const u = new SeededRng(2);
    let alarms = 0;
    for (let t = 0; t < 20_000; t++) if (w.update({ a: gauss(u), b: Math.exp(gauss(u)), c: 5 })) alarms++;
    expect(alarms).toBeLessThanOrEqual(2);
    w.reset();
    let alarm = null;
    let t = 0;
    for (; t < 500 && !alarm; t++) alarm = w.update({ a: gauss(u), b: Math.exp(gauss(u) + 1), c: 5 });
    expect(alarm?.feature).toBe('b');
    expect(alarm?.direction).toBe('up');
    expect(t).toBeLessThan(60);
    expect(alarm!.meanScore).toBeGreaterThan(0.5);
    expect(w.count).toBe(0); // restarted after the alarm
  });

  it('a constant reference feature that changes fires at once; missing values are no evidence', () => {
    const w = createFeatureWatch(ref, { features: ['c'] });
    let at = 0;
    for (let t = 1; t <= 100; t++) if (w.update({ c: 6 })) { at = t; break; }
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(10);
    for (let t = 0; t < 1000; t++) expect(w.update({ a: 1 })).toBeNull();
  });

  it('rejects bad options with INVALID_ARGUMENT', () => {
    for (const o of [{ falseAlarmRate: 0 }, { falseAlarmRate: NaN }, { falseAlarmRate: 'x' }, { shift: -1 }, { features: ['nope'] }, { features: 'a' }]) {
      let e: unknown;
      try { createFeatureWatch(ref, o as never); } catch (err) { e = err; }
      expect(isEdgeAugmentError(e, 'INVALID_ARGUMENT')).toBe(true);
    }
    expect(() => createFeatureWatch(ref).update(null as never)).toThrow(/row object/);
  });
});
