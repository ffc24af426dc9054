import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../../src/drift/profile';
import { SHAPE_WINDOW, createFeatureWatch, cusumThreshold, shapeLogLR } from '../../../src/drift/watch';
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

  it('shape: the closed-form mixture likelihood ratio equals the integral over the prior, numerically', () => {
    // N(μ, σ²) likelihood of the scores over μ | σ² ~ N(0, σ²), σ² ~ InvGamma(½, ½), against N(0, 1),
    // by a 2-D midpoint rule in (μ, log σ²).
    const zs = [0.3, -1.2, 0.8, 0.05, -0.4, 1.7, -0.9];
    const logNull = zs.reduce((a, z) => a - z * z / 2 - 0.5 * Math.log(2 * Math.PI), 0);
    let integral = 0;
    const du = 0.02, dm = 0.01;
    for (let u = -8; u < 6; u += du) {
      const v = Math.exp(u + du / 2); // σ²
      const prior = Math.pow(0.5, 0.5) / Math.sqrt(Math.PI) * Math.pow(v, -1.5) * Math.exp(-0.5 / v) * v; // InvGamma(½, ½) density × dv/du
      for (let mu = -6; mu < 6; mu += dm) {
        const m = mu + dm / 2;
        const pm = Math.exp(-m * m / (2 * v)) / Math.sqrt(2 * Math.PI * v);
        const ll = zs.reduce((a, z) => a - (z - m) ** 2 / (2 * v) - 0.5 * Math.log(2 * Math.PI * v), 0);
        integral += Math.exp(ll - logNull) * pm * prior * du * dm;
      }
    }
    const S = zs.reduce((a, z) => a + z, 0), Q = zs.reduce((a, z) => a + z * z, 0);
    expect(shapeLogLR(zs.length, S, Q)).toBeCloseTo(Math.log(integral), 3);
  });

  it('shape: in control its alarm rate stays under its half of the budget (Shiryaev–Roberts e-detector: ARL ≥ e^h)', () => {
    // A large budget so that alarms are countable: 2e-3 per observation, 1e-3 each for shift and shape.
    const w = createFeatureWatch(ref, { features: ['a'], falseAlarmRate: 2e-3 });
    expect(w.shapeThreshold).toBeCloseTo(Math.log(1 / 1e-3), 10);
    const u = new SeededRng(7);
    let shape = 0;
    const N = 40_000;
    for (let t = 0; t < N; t++) { const a = w.update({ a: gauss(u) }); if (a?.chart === 'shape') shape++; }
    expect(shape / N).toBeLessThanOrEqual(1e-3);
  });

  it('shape: a change of spread alone (σ 1 → 0.4, same mean) is caught fast; the shift charts alone take far longer', () => {
    const delays = (shape: boolean) => {
      const out: number[] = [];
      const u = new SeededRng(11);
      for (let trial = 0; trial < 30; trial++) {
        const w = createFeatureWatch(ref, { features: ['a', 'b'], shape });
        for (let t = 0; t < 100; t++) w.update({ a: gauss(u), b: Math.exp(gauss(u)) });
        let t = 1;
        for (; t <= 2000; t++) if (w.update({ a: gauss(u), b: Math.exp(0.4 * gauss(u)) })) break;
        out.push(t);
      }
      return out.sort((x, y) => x - y)[15];
    };
    const withShape = delays(true), shiftOnly = delays(false);
    expect(withShape).toBeLessThan(60);
    expect(shiftOnly).toBeGreaterThan(3 * withShape);
    const w = createFeatureWatch(ref, { features: ['b'] });
    const u = new SeededRng(12);
    let alarm = null;
    for (let t = 0; t < 500 && !alarm; t++) alarm = w.update({ b: Math.exp(0.4 * gauss(u)) });
    expect(alarm).toMatchObject({ feature: 'b', chart: 'shape' });
    expect(alarm!.threshold).toBe(w.shapeThreshold);
  });

  it('shape: not run on tied or constant features (a run of equal scores is common there in control)', () => {
    const r2 = new SeededRng(3);
    const tied = buildProfile(Array.from({ length: 3000 }, () => ({ k: Math.floor(r2.next() * 3), c: 5 })));
    const w = createFeatureWatch(tied);
    expect(Number.isNaN(w.shapeThreshold)).toBe(true);
    const u = new SeededRng(4);
    let alarms = 0;
    for (let t = 0; t < 20_000; t++) if (w.update({ k: Math.floor(u.next() * 3), c: 5 })) alarms++;
    expect(alarms).toBeLessThanOrEqual(1);
    // The constant feature takes no share of the budget: one counted feature, the whole rate to the shift charts.
    expect(w.threshold).toBeCloseTo(cusumThreshold(0.75, 2 / 3e-5), 10);
    expect(SHAPE_WINDOW).toBeGreaterThanOrEqual(100);
  });

  it('rejects bad options with INVALID_ARGUMENT', () => {
    for (const o of [{ falseAlarmRate: 0 }, { falseAlarmRate: NaN }, { falseAlarmRate: 'x' }, { shift: -1 }, { features: ['nope'] }, { features: 'a' }, { shape: 'yes' }]) {
      let e: unknown;
      try { createFeatureWatch(ref, o as never); } catch (err) { e = err; }
      expect(isEdgeAugmentError(e, 'INVALID_ARGUMENT')).toBe(true);
    }
    expect(() => createFeatureWatch(ref).update(null as never)).toThrow(/row object/);
  });
});
