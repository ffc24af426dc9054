import { describe, expect, it } from 'vitest';
import { buildProfile, Profile, type ProfileRow } from '../../../src/drift/profile';
import { compareProfiles, makeReport } from '../../../src/drift/report';
import { SeededRng } from '../../../src/drift/sketch/rng';
import { EdgeAugmentError } from '../../../src/errors';

function gauss(r: SeededRng): number {
  return Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
}
function poisson(r: SeededRng, lambda: number): number {
  let k = 0, p = 1;
  const L = Math.exp(-lambda);
  do { k++; p *= r.next(); } while (p > L);
  return k - 1;
}

describe('compareProfiles: test choice and entries', () => {
  const r = new SeededRng(1);
  const mk = (n: number, shift = 0) => Array.from({ length: n }, (_, i): ProfileRow => ({
    x: gauss(r) + shift, cat: r.next() < 0.3 + shift / 2 ? 'a' : r.next() < 0.5 ? 'b' : 'c', flag: r.next() < 0.5 ? 1 : 0, small: i % 4,
  }));

  it("follows Evidently's rule: ≤ 1000 reference rows", () => {
    const ref = buildProfile(mk(800));
    const cur = buildProfile(mk(300), { reference: ref });
    const rep = compareProfiles(ref, cur);
    const t = Object.fromEntries(rep.features.map((f) => [f.name, f.test]));
    expect(t, JSON.stringify(t)).toEqual({ x: 'ks', cat: 'chisquare', flag: 'ztest', small: 'chisquare' });
    expect(rep.features.every((f) => !f.approximate)).toBe(true); // raw values kept: exact
    expect(rep.datasetDrift).toBe(false);
  });

  it("follows Evidently's rule: > 1000 reference rows, with the significance gate", () => {
    const ref = buildProfile(mk(5000));
    const cur = buildProfile(mk(2000, 1), { reference: ref });
    const rep = compareProfiles(ref, cur);
    const byName = Object.fromEntries(rep.features.map((f) => [f.name, f]));
    expect(byName.x).toMatchObject({ test: 'wasserstein', threshold: 0.1, drift: true, approximate: true });
    expect(byName.x.statistic).toBeGreaterThan(0.9);
    expect(byName.x.pvalue).toBeLessThan(1e-6);
    expect(byName.cat).toMatchObject({ test: 'jensenshannon', drift: true });
    expect(byName.small.test).toBe('jensenshannon');
    expect(rep.driftedFeatures).toContain('x');
    expect(rep.summary()).toMatch(/x \(wasserstein/);
    expect(rep.summary()).toMatch(/cat \(jensenshannon/);
    const back = makeReport(JSON.parse(JSON.stringify(rep)));
    expect(back.summary()).toBe(rep.summary());
  });

  it('runs user-chosen tests per feature with per-feature thresholds and states sketch approximations', () => {
    const ref = buildProfile(mk(20_000));
    const cur = buildProfile(mk(5000, 0.3), { reference: ref });
    const rep = compareProfiles(ref, cur, {
      tests: { x: 'ks', cat: 'psi', small: 'hellinger', flag: 'chisquare' },
      thresholds: { cat: 0.5 },
    });
    const x = rep.features.find((f) => f.name === 'x')!;
    expect(x).toMatchObject({ test: 'ks', approximate: true, drift: true });
    expect(x.approximation).toMatch(/KS from .*KLL.*ε = /);
    const cat = rep.features.find((f) => f.name === 'cat')!;
    expect(cat).toMatchObject({ test: 'psi', threshold: 0.5 });
    for (const test of ['psi', 'jensenshannon', 'hellinger', 'chisquare', 'wasserstein'] as const) {
      const e = compareProfiles(ref, cur, { tests: { x: test }, features: ['x'] }).features[0];
      expect(e.test).toBe(test);
      expect(e.drift).toBe(true);
    }
    expect(() => compareProfiles(ref, cur, { tests: { cat: 'ks' } })).toThrow(EdgeAugmentError);
    expect(() => compareProfiles(ref, cur, { tests: { cat: 'nope' as never } })).toThrow(EdgeAugmentError);
  });

  it('corrections: Bonferroni adds adjusted p-values; BH too', () => {
    const ref = buildProfile(mk(600));
    const cur = buildProfile(mk(300), { reference: ref });
    for (const correction of ['bonferroni', 'benjamini-hochberg'] as const) {
      const rep = compareProfiles(ref, cur, { correction });
      expect(rep.features.every((f) => f.adjustedPvalue !== undefined && f.adjustedPvalue >= f.pvalue!)).toBe(true);
    }
  });

  it('MMD on embedding samples', () => {
    const g = new SeededRng(4);
    const vec = (n: number, s: number) => Array.from({ length: n }, () => Float32Array.from({ length: 8 }, (_, i) => gauss(g) + (i === 0 ? s : 0)));
    const ref = buildProfile({ kind: 'vectors', vectors: vec(2000, 0) }, { seed: 1 });
    const same = buildProfile({ kind: 'vectors', vectors: vec(500, 0) }, { reference: ref, seed: 2 });
    const moved = buildProfile({ kind: 'vectors', vectors: vec(500, 1.5) }, { reference: ref, seed: 3 });
    const e1 = compareProfiles(ref, same, { features: ['vectors'] }).features[0];
    const e2 = compareProfiles(ref, moved, { features: ['vectors'] }).features[0];
    expect(e1).toMatchObject({ name: 'vectors', test: 'mmd', drift: false });
    expect(e2).toMatchObject({ name: 'vectors', test: 'mmd', drift: true });
  });
});

// ---------------------------------------------------------------------------------------------
// Validity: false-alarm rate over ≥ 500 same-distribution splits must be ≤ α within 2σ.
const SPLITS = 500;
const ALPHA = 0.05;
const LIMIT = ALPHA + 2 * Math.sqrt((ALPHA * (1 - ALPHA)) / SPLITS);

type Gen = (r: SeededRng) => number;
const gens: [string, Gen][] = [
  ['normal', (r) => gauss(r)],
  ['uniform', (r) => r.next()],
  ['discrete-ish (Poisson λ=3)', (r) => poisson(r, 3)],
  ['discrete-ish (rounded normal, 15+ values)', (r) => Math.round(gauss(r) * 4)],
];

function alarmRate(gen: Gen, nRef: number, nCur: number, test: 'auto' | 'ks' | 'wasserstein' | 'psi' | 'jensenshannon', shift = 0, seed = 1): { rate: number; approx: number } {
  let alarms = 0, approx = 0;
  const r = new SeededRng(seed);
  for (let s = 0; s < SPLITS; s++) {
    const ref = buildProfile(Array.from({ length: nRef }, () => ({ v: gen(r) })), { seed: s });
    const cur = buildProfile(Array.from({ length: nCur }, () => ({ v: gen(r) + shift })), { reference: ref, seed: s + 1 });
    const e = compareProfiles(ref, cur, { defaultTest: test, alpha: ALPHA }).features[0];
    if (e.drift) alarms++;
    if (e.approximate) approx++;
  }
  return { rate: alarms / SPLITS, approx };
}

describe(`false-alarm rate over ${SPLITS} same-distribution splits (limit α + 2σ = ${LIMIT.toFixed(4)})`, () => {
  for (const [name, gen] of gens) {
    it(`${name}: sketch KS (5000 vs 2000, both compacted) and exact KS (800 vs 300)`, () => {
      const sketch = alarmRate(gen, 5000, 2000, 'ks');
      const exact = alarmRate(gen, 800, 300, 'ks', 0, 7);
      console.log(`[false alarms] ${name}: KS from sketches ${sketch.rate} (approximate in ${sketch.approx}/${SPLITS}), exact KS ${exact.rate}`);
      expect(sketch.rate).toBeLessThanOrEqual(LIMIT);
      expect(exact.rate).toBeLessThanOrEqual(LIMIT);
    });
    it(`${name}: auto rule with a large reference (Wasserstein/JS + significance gate) and PSI`, () => {
      const auto = alarmRate(gen, 3000, 200, 'auto', 0, 3);
      const psiRate = alarmRate(gen, 3000, 200, 'psi', 0, 5);
      console.log(`[false alarms] ${name}: auto ${auto.rate}, psi ${psiRate.rate}`);
      expect(auto.rate).toBeLessThanOrEqual(LIMIT);
      expect(psiRate.rate).toBeLessThanOrEqual(LIMIT);
    });
  }
});

describe('false-alarm rate of categorical tests with sparse categories (Zipf over 40 values)', () => {
  it(`χ² (auto, 800 vs 300) and JS + gate (auto, 3000 vs 200) stay ≤ ${LIMIT.toFixed(4)}`, () => {
    const zipf = (r: SeededRng) => { const u = r.next() * 4.2785; let acc = 0; for (let k = 1; k <= 40; k++) { acc += 1 / k; if (u < acc) return `c${k}`; } return 'c40'; };
    const rate = (nRef: number, nCur: number, seed: number) => {
      const r = new SeededRng(seed);
      let alarms = 0;
      for (let s = 0; s < SPLITS; s++) {
        const ref = buildProfile(Array.from({ length: nRef }, () => ({ c: zipf(r) })));
        const cur = buildProfile(Array.from({ length: nCur }, () => ({ c: zipf(r) })), { reference: ref });
        if (compareProfiles(ref, cur).features[0].drift) alarms++;
      }
      return alarms / SPLITS;
    };
    const small = rate(800, 300, 21), large = rate(3000, 200, 22);
    console.log(`[false alarms] Zipf categorical: χ² ${small}, JS + gate ${large}`);
    expect(small).toBeLessThanOrEqual(LIMIT);
    expect(large).toBeLessThanOrEqual(LIMIT);
  });
});

describe('power: a mean shift is detected', () => {
  it('0.5σ shift, normal data: sketch KS and auto (Wasserstein + gate) detect it in ≥ 95% of splits', () => {
    const ks = alarmRate(gens[0][1], 5000, 2000, 'ks', 0.5, 11);
    const auto = alarmRate(gens[0][1], 3000, 300, 'auto', 0.5, 12);
    const small = alarmRate(gens[0][1], 800, 300, 'auto', 0.3, 13);
    console.log(`[power] 0.5σ: sketch KS ${ks.rate}, auto ${auto.rate}; 0.3σ exact KS (800 vs 300): ${small.rate}`);
    expect(ks.rate).toBeGreaterThanOrEqual(0.95);
    expect(auto.rate).toBeGreaterThanOrEqual(0.95);
    expect(small.rate).toBeGreaterThanOrEqual(0.8);
  });
});

describe('dataset rule', () => {
  it("is family-wise for image-feature profiles, Evidently's share for other records, and validated", async () => {
    const { IMAGE_FEATURE_RECORD_NAMES } = await import('../../../src/drift/features/names');
    let s = 1;
    const u = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; };
    const rows = (shift: number, n: number) => Array.from({ length: n }, () => Object.fromEntries(IMAGE_FEATURE_RECORD_NAMES.map((k) => [k, 100 + u() * 10 + (k === 'sharpness' ? shift : 0)])));
    const ref = buildProfile(rows(0, 1000));
    const cur = buildProfile(rows(5, 300)); // one feature shifts: sharpness
    const img = compareProfiles(ref, cur);
    expect(img.datasetRule).toBe('familywise');
    expect(img.datasetDrift).toBe(true);
    expect(img.datasetPvalue).toBeLessThan(1e-10);
    expect(img.aspects?.[0]?.aspect).toBe('texture');
    expect(img.aspects?.[0]?.description).toMatch(/^texture: sharpness \+\d+ % → noise- or sharpening-like$/);
    expect(img.summary()).toContain('family-wise');
    const share = compareProfiles(ref, cur, { datasetRule: 'share' });
    expect(share.datasetRule).toBe('share');
    expect(share.datasetDrift).toBe(false); // 1 of 18 features
    const tab = (n: number, d: number) => buildProfile(Array.from({ length: n }, () => ({ a: u() + d, b: u(), c: u() })));
    const t = compareProfiles(tab(500, 0), tab(300, 0.3));
    expect(t.datasetRule).toBe('share');
    expect(t.aspects).toBeUndefined();
    expect(() => compareProfiles(ref, cur, { datasetRule: 'junk' as never })).toThrow(/datasetRule/);
  });
});
