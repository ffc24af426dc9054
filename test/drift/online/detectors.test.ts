import { describe, expect, it } from 'vitest';
import { Adwin, Ddm, Kswin, PageHinkley, detectorFromJSON, type OnlineDetector } from '../../../src/drift/online/index';
import { SeededRng } from '../../../src/drift/sketch/rng';
import { isEdgeAugmentError } from '../../../src/errors';

function gauss(r: SeededRng): number {
  return Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
}

type Maker = () => OnlineDetector;
// quiet: most alarms allowed in 3 × 10,000 stationary observations. ADWIN and Page-Hinkley: none.
// KSWIN runs a test at every step (α = 0.005, overlapping windows) and DDM compares with a minimum
// that can be set low by chance right after its warm start; both have a known small false-alarm rate.
const real: [string, Maker, (r: SeededRng, shifted: boolean) => number, number, number][] = [
  ['ADWIN', () => new Adwin(), (r, s) => (s ? 0.8 : 0.2) + 0.1 * gauss(r), 200, 0],
  // Page-Hinkley's λ = 50 is in the data's units: its cumulative deviation wanders like σ·√n, so the
  // stream is scaled to σ = 0.1 (with σ = 1 a 10,000-step stationary stream does cross λ).
  ['Page-Hinkley', () => new PageHinkley(), (r, s) => (s ? 1 : 0) + 0.1 * gauss(r), 100, 0],
  ['KSWIN', () => new Kswin({ seed: 7 }), (r, s) => (s ? 1.5 : 0) + gauss(r), 100, 150], // ≤ α per test (30,000 × 0.005)
  ['DDM', () => new Ddm(), (r, s) => (r.next() < (s ? 0.5 : 0.1) ? 1 : 0), 300, 6],
];

function firstDriftAfter(d: OnlineDetector, gen: (r: SeededRng, s: boolean) => number, change: number, n: number, seed: number): number {
  const r = new SeededRng(seed);
  for (let t = 0; t < n; t++) if (d.update(gen(r, t >= change)).drift && t >= change) return t;
  return -1;
}

describe.each(real)('%s', (_name, make, gen, delay, quiet) => {
  it('detects an abrupt change soon after it happens', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const t = firstDriftAfter(make(), gen, 1000, 3000, seed);
      expect(t).toBeGreaterThanOrEqual(1000);
      expect(t - 1000).toBeLessThanOrEqual(delay);
    }
  });

  it('stays quiet on a long stationary stream (seeded)', () => {
    let alarms = 0;
    for (let seed = 1; seed <= 3; seed++) {
      const d = make();
      const r = new SeededRng(100 + seed);
      for (let t = 0; t < 10_000; t++) if (d.update(gen(r, false)).drift) alarms++;
    }
    console.log(`${_name}: ${alarms} alarms in 30,000 stationary observations`);
    expect(alarms).toBeLessThanOrEqual(quiet);
  });

  it('round-trips through JSON mid-stream and continues identically', () => {
    const a = make();
    const r = new SeededRng(9);
    for (let t = 0; t < 1200; t++) a.update(gen(r, t > 700));
    const b = detectorFromJSON(JSON.parse(JSON.stringify(a)));
    const r1 = new SeededRng(10), r2 = new SeededRng(10);
    for (let t = 0; t < 1500; t++) expect(b.update(gen(r2, t > 500))).toEqual(a.update(gen(r1, t > 500)));
    expect(b.toJSON()).toEqual(a.toJSON());
  });

  it('reset forgets everything', () => {
    const a = make(), fresh = make();
    const r = new SeededRng(3);
    for (let t = 0; t < 500; t++) a.update(gen(r, false));
    a.reset();
    expect(a.toJSON()).toEqual(fresh.toJSON());
  });
});

describe('detector state validation', () => {
  it('rejects malformed or hostile state with INVALID_STATE', () => {
    const bad: unknown[] = [
      '{', null, { type: 'nope' },
      { ...new Adwin().toJSON(), width: 3 },
      { ...new PageHinkley().toJSON(), mean: NaN },
      { ...new Kswin().toJSON(), window: new Array(101).fill(0) },
      { ...new Ddm().toJSON(), drifted: 'no' },
      JSON.parse('{"__proto__": {"x": 1}, "type": "ddm"}'),
    ];
    for (const b of bad) {
      let err: unknown;
      try { detectorFromJSON(b); } catch (e) { err = e; }
      expect(isEdgeAugmentError(err, 'INVALID_STATE'), String(err)).toBe(true);
    }
  });
  it('rejects non-finite observations and bad options', () => {
    expect(() => new Adwin().update(NaN)).toThrow();
    expect(() => new Kswin({ statSize: 60 })).toThrow();
    expect(() => new PageHinkley({ alpha: 2 })).toThrow();
  });
  it('uses River defaults', () => {
    expect(new Adwin().delta).toBe(0.002);
    expect(new PageHinkley()).toMatchObject({ minInstances: 30, delta: 0.005, threshold: 50, alpha: 0.9999 });
    expect(new Kswin()).toMatchObject({ alpha: 0.005, windowSize: 100, statSize: 30 });
    expect(new Ddm()).toMatchObject({ warmStart: 30, warningThreshold: 2, driftThreshold: 3 });
  });
});
