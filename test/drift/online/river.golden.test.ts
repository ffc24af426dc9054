/**
 * The streaming detectors against River's own detector code (test/goldens/river/gen_river.py: River's
 * ADWIN core rust_src/adwin.rs — compiled with rustc and cross-checked — and page_hinkley.py,
 * binary/ddm.py, kswin.py with Debian's scipy 1.10). Detection indices must be identical.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Adwin, Ddm, Kswin, PageHinkley, type OnlineDetector } from '../../../src/drift/online/index';

interface RealStream { name: string; k: number[]; adwin: number[]; adwinClock1: number[]; pageHinkley: number[]; pageHinkleyUp: number[] }
interface BitStream { name: string; bits: string; ddmDrift: number[]; ddmWarning: number[]; adwin: number[] }
interface KswinStream { name: string; k: number[]; seed: number; alpha: number; kswin: number[]; draws: string[]; tests: [number, number, number][] }
const G = JSON.parse(readFileSync(new URL('../../goldens/river/river.json', import.meta.url), 'utf8')) as { real: RealStream[]; bits: BitStream[]; kswin: KswinStream[] };

function detections(d: OnlineDetector, xs: number[]): number[] {
  const out: number[] = [];
  xs.forEach((x, i) => { if (d.update(x).drift) out.push(i); });
  return out;
}

describe('River goldens', () => {
  it('has at least 20 streams of each kind that River detects on', () => {
    expect(G.real.length).toBeGreaterThanOrEqual(20);
    expect(G.bits.length).toBeGreaterThanOrEqual(20);
    expect(G.real.filter((s) => s.adwin.length > 0).length).toBeGreaterThanOrEqual(15);
    expect(G.bits.filter((s) => s.ddmDrift.length > 0).length).toBeGreaterThanOrEqual(12);
  });

  it.each(G.real.map((s) => [s.name, s] as const))('ADWIN = River on %s', (_n, s) => {
    const xs = s.k.map((k) => k / 1000);
    expect(detections(new Adwin(), xs)).toEqual(s.adwin);
    expect(detections(new Adwin({ clock: 1, delta: 0.01 }), xs)).toEqual(s.adwinClock1);
  });

  it('ADWIN fires once per change (the N(0,1)→N(3,1) stream: River [2015])', () => {
    const s = G.real.find((r) => r.name === 'normal 0->3 at 2000')!;
    expect(s.adwin).toEqual([2015]);
    expect(detections(new Adwin(), s.k.map((k) => k / 1000))).toEqual([2015]);
  });

  it.each(G.real.map((s) => [s.name, s] as const))('PageHinkley = River on %s', (_n, s) => {
    const xs = s.k.map((k) => k / 1000);
    expect(detections(new PageHinkley(), xs)).toEqual(s.pageHinkley);
    expect(detections(new PageHinkley({ mode: 'up', threshold: 20 }), xs)).toEqual(s.pageHinkleyUp);
  });

  it.each(G.bits.map((s) => [s.name, s] as const))('DDM (drift and warning) and ADWIN = River on %s', (_n, s) => {
    const d = new Ddm();
    const drift: number[] = [], warning: number[] = [];
    for (let i = 0; i < s.bits.length; i++) {
      const r = d.update(s.bits.charCodeAt(i) - 48);
      if (r.drift) drift.push(i);
      if (r.warning) warning.push(i);
    }
    expect(drift).toEqual(s.ddmDrift);
    expect(warning).toEqual(s.ddmWarning);
    expect(detections(new Adwin(), Array.from(s.bits, (c) => c.charCodeAt(0) - 48))).toEqual(s.adwin);
  });

  /** Our Kswin with River's draws (Python's random.Random(seed).sample) replayed in order. */
  class ReplayKswin extends Kswin {
    private next = 0;
    constructor(alpha: number, private readonly draws: string[]) { super({ alpha, seed: 0 }); }
    protected override drawSample(older: number, k: number): number[] {
      const d = this.draws[this.next++];
      expect(d.length).toBe(k);
      return Array.from(d, (c) => { const i = c.charCodeAt(0) - 48; expect(i).toBeLessThan(older); return i; });
    }
  }

  it.each(G.kswin.map((s) => [s.name, s] as const))('KSWIN with River’s draws = River on %s (detections, D, p)', (_n, s) => {
    const k = new ReplayKswin(s.alpha, s.draws);
    const tests = new Map(s.tests.map((t) => [t[0], t] as const));
    const got: number[] = [];
    let checked = 0;
    s.k.forEach((v, i) => {
      if (k.update(v / 1000).drift) got.push(i);
      const t = tests.get(i);
      if (t) {
        expect(k.statistic).toBe(t[1]);
        expect(k.pvalue).toBeCloseTo(t[2], 12);
        checked++;
      }
    });
    expect(got).toEqual(s.kswin);
    expect(checked).toBe(s.tests.length);
  });

  it('KSWIN on River’s docstring stream: one detection, and ours (seeded) is within its randomness', () => {
    const s = G.kswin[0];
    expect(s.kswin).toEqual([1016]);
    // Own draws: the change at 1000 is found within one window, once, for every seed tried.
    for (let seed = 0; seed < 20; seed++) {
      const got = detections(new Kswin({ alpha: s.alpha, seed }), s.k.map((v) => v / 1000));
      expect(got.length).toBe(1);
      expect(got[0]).toBeGreaterThanOrEqual(1000);
      expect(got[0]).toBeLessThan(1000 + 100);
    }
  });
});
