import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Profile, ProfileBuilder, buildProfile, mergeProfiles, PROFILE_FORMAT_VERSION, type NumericFeatureProfile, type CategoricalFeatureProfile, type ProfileRow } from '../../../src/drift/profile';
import { SeededRng } from '../../../src/drift/sketch/rng';
import { EdgeAugmentError, isEdgeAugmentError } from '../../../src/errors';

function gauss(r: SeededRng): number {
  return Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
}

const rowArb = fc.record({
  a: fc.option(fc.double({ min: -100, max: 100, noNaN: true }), { nil: null }),
  b: fc.integer({ min: 0, max: 3 }),
  c: fc.constantFrom('x', 'y', 'z', 'w'),
}, { requiredKeys: ['b'] });

function num(p: Profile, name: string): NumericFeatureProfile { return p.feature(name) as NumericFeatureProfile; }

describe('Profile merge', () => {
  it('treats −0 and +0 as one value (regression: merge order changed raw/distinct order)', () => {
    const opts = { kllK: 16, edges: { a: [-50, 0, 50], b: [0, 1, 2, 3] } };
    const [a, b, c] = [[{ a: -0, b: 0 }], [], [{ a: 0, b: 0 }]].map((rows, i) => buildProfile(rows as ProfileRow[], { ...opts, seed: i }));
    const left = a.merge(b).merge(c).feature('a')!;
    const swapped = c.merge(a).merge(b).feature('a')!;
    expect(left.kind === 'numeric' && left.raw).toEqual(swapped.kind === 'numeric' && swapped.raw);
    expect(left.kind === 'numeric' && Object.is(left.raw![0], -0)).toBe(false);
  });
  it('is associative and commutative: counts exact, sketches within error', () => {
    fc.assert(fc.property(fc.array(rowArb, { maxLength: 400 }), fc.array(rowArb, { maxLength: 400 }), fc.array(rowArb, { maxLength: 400 }), (ra, rb, rc) => {
      const opts = { kllK: 16, edges: { a: [-50, 0, 50], b: [0, 1, 2, 3] } };
      const [a, b, c] = [ra, rb, rc].map((rows, i) => buildProfile(rows as ProfileRow[], { ...opts, seed: i }));
      const left = a.merge(b).merge(c);
      const right = a.merge(b.merge(c));
      const swapped = c.merge(a).merge(b);
      for (const p of [right, swapped]) {
        expect(p.rows).toBe(left.rows);
        for (const name of left.featureNames) {
          const x = left.feature(name)!, y = p.feature(name)!;
          expect(y.count).toBe(x.count);
          expect(y.missing).toBe(x.missing);
          if (x.kind === 'numeric' && y.kind === 'numeric') {
            expect(y.kll.n).toBe(x.kll.n);
            expect(y.histogram?.counts).toEqual(x.histogram?.counts);
            expect(y.distinct.entries()).toEqual(x.distinct.entries());
            expect(y.raw).toEqual(x.raw);
            expect(y.moments.n).toBe(x.moments.n);
            if (x.count) {
              expect(y.moments.mean).toBeCloseTo(x.moments.mean, 8);
              expect(y.moments.min).toBe(x.moments.min);
              expect(y.moments.max).toBe(x.moments.max);
              const eps = x.kll.rankErrorBound(1e-3, 64) + y.kll.rankErrorBound(1e-3, 64);
              for (const q of [0.1, 0.5, 0.9]) {
                const v = x.kll.quantile(q);
                expect(Math.abs(x.kll.cdf(v) - y.kll.cdf(v))).toBeLessThanOrEqual(eps + 1e-12);
              }
            }
          } else if (x.kind === 'categorical' && y.kind === 'categorical') {
            expect(y.frequent.top()).toEqual(x.frequent.top()); // domain (4) < capacity: exact
          }
        }
      }
    }), { numRuns: 60 });
  });

  it('features present on one side count the other side as missing; kind conflicts throw', () => {
    const a = buildProfile([{ x: 1 }, { x: 2 }]);
    const b = buildProfile([{ y: 'u' }]);
    const m = a.merge(b);
    expect(m.feature('x')).toMatchObject({ count: 2, missing: 1 });
    expect(m.feature('y')).toMatchObject({ count: 1, missing: 2 });
    expect(() => a.merge(buildProfile([{ x: 'oops' }]))).toThrow(EdgeAugmentError);
    expect(mergeProfiles([a, b, a]).rows).toBe(5);
  });
});

describe('ProfileBuilder', () => {
  it('streams records: counts, missing, moments, categorical items, histogram edges from warm-up', () => {
    const b = new ProfileBuilder({ histogramWarmup: 100, seed: 3 });
    const r = new SeededRng(1);
    for (let i = 0; i < 1000; i++) b.add({ brightness: r.next(), label: i % 3 ? 'cat' : 'dog', maybe: i % 2 ? null : i });
    const p = b.toProfile();
    expect(p.rows).toBe(1000);
    const br = num(p, 'brightness');
    expect(br.count).toBe(1000);
    expect(br.histogram!.total).toBe(1000);
    expect(br.moments.mean).toBeCloseTo(0.5, 1);
    expect(num(p, 'maybe').missing).toBe(500);
    expect((p.feature('label') as CategoricalFeatureProfile).frequent.top()).toEqual([['cat', 666], ['dog', 334]]);
    expect(() => b.add({ brightness: 'x' })).toThrow(EdgeAugmentError);
    expect(() => b.add({ label: 3 })).toThrow(EdgeAugmentError);
  });

  it('uses the reference edges so histograms compare bin for bin', () => {
    const r = new SeededRng(2);
    const ref = buildProfile(Array.from({ length: 500 }, () => ({ v: gauss(r) })));
    const cur = buildProfile(Array.from({ length: 300 }, () => ({ v: gauss(r) + 5 })), { reference: ref });
    expect(num(cur, 'v').histogram!.edges).toEqual(num(ref, 'v').histogram!.edges);
    const h = num(cur, 'v').histogram!;
    expect(h.counts[h.counts.length - 1]).toBeGreaterThan(250); // overflow
  });

  it('profiles vectors: per-dimension features and a seeded reservoir', () => {
    const r = new SeededRng(5);
    const vecs = Array.from({ length: 300 }, () => Float32Array.from({ length: 8 }, () => gauss(r)));
    const p = buildProfile({ kind: 'vectors', vectors: vecs }, { reservoirSize: 32, seed: 9 });
    const q = buildProfile(vecs.map((v) => Array.from(v)), { reservoirSize: 32, seed: 9 });
    expect(p.vectors!.dim).toBe(8);
    expect(p.vectors!.reservoir.vectors()).toHaveLength(32);
    expect(q.vectors!.reservoir.vectors()).toEqual(p.vectors!.reservoir.vectors());
    expect(p.featureNames).toEqual(Array.from({ length: 8 }, (_, i) => `dim_${i}`));
    expect(() => buildProfile([[1, 2], [1, 2, 3]])).toThrow(EdgeAugmentError);
    expect(() => buildProfile([[1, NaN]])).toThrow(EdgeAugmentError);
  });
});

describe('Profile JSON', () => {
  const r = new SeededRng(11);
  const rows = Array.from({ length: 2000 }, (_, i) => ({ x: gauss(r), k: i % 4, cat: ['a', 'b', '__proto__'][i % 3] }));
  const good = buildProfile(rows).merge(buildProfile({ kind: 'vectors', vectors: [[1, 2], [3, 4]] }));
  const json = () => JSON.parse(JSON.stringify(good));

  it('round-trips', () => {
    const back = Profile.fromJSON(JSON.stringify(good));
    expect(back.toJSON()).toEqual(good.toJSON());
    expect(good.toJSON().formatVersion).toBe(PROFILE_FORMAT_VERSION);
  });

  const cases: [string, (j: any) => unknown][] = [
    ['not JSON', () => '{nope'],
    ['not an object', () => [1, 2]],
    ['wrong version', (j) => ({ ...j, formatVersion: 3 })],
    ['missing version', (j) => { delete j.formatVersion; return j; }],
    ['wrong type tag', (j) => ({ ...j, type: 'whylogs' })],
    ['NaN rows', (j) => ({ ...j, rows: NaN })],
    ['Infinity in a sketch', (j) => { j.features[0].kll.levels[0][0] = Infinity; return j; }],
    ['NaN mean', (j) => { j.features[0].moments.mean = NaN; return j; }],
    ['__proto__ key (JSON text)', () => JSON.stringify(json()).replace('{"formatVersion"', '{"__proto__":{"polluted":1},"formatVersion"')],
    ['constructor key in a feature', (j) => { j.features[0].constructor = 1; return j; }],
    ['prototype key in settings', (j) => { j.settings.prototype = {}; return j; }],
    ['unknown top-level key', (j) => ({ ...j, extra: true })],
    ['huge feature array', (j) => ({ ...j, features: new Array(20_001).fill(j.features[0]) })],
    ['huge histogram', (j) => { j.features[0].histogram.edges = Array.from({ length: 10_001 }, (_, i) => i); return j; }],
    ['huge KLL level', (j) => { j.features[0].kll.levels[0] = new Array(1e6).fill(0); return j; }],
    ['huge frequent-items list', (j) => { const f = j.features.find((x: any) => x.kind === 'categorical'); f.frequent.items = Array.from({ length: 100 }, (_, i) => [`k${i}`, 1]); return j; }],
    ['wrong type of count', (j) => { j.features[0].count = '2000'; return j; }],
    ['negative count', (j) => { j.features[0].count = -1; return j; }],
    ['count + missing ≠ rows', (j) => { j.features[0].missing = 5; return j; }],
    ['kll n ≠ count', (j) => { j.features[0].kll.n += 1; return j; }],
    ['histogram counts ≠ count', (j) => { j.features[0].histogram.counts[1] += 1; return j; }],
    ['unknown kind', (j) => { j.features[0].kind = 'text'; return j; }],
    ['duplicate feature', (j) => { j.features.push(j.features[0]); return j; }],
    ['non-increasing edges', (j) => { const e = j.features[0].histogram.edges; e[1] = e[0]; return j; }],
    ['bad base64 vectors', (j) => { j.vectors.reservoir.data = 'AAAA'; return j; }],
    ['feature name too long', (j) => { j.features[0].name = 'x'.repeat(300); return j; }],
    ['null settings', (j) => ({ ...j, settings: null })],
  ];
  for (const [name, mutate] of cases) {
    it(`rejects: ${name}`, () => {
      let err: unknown;
      try { Profile.fromJSON(mutate(json())); } catch (e) { err = e; }
      expect(isEdgeAugmentError(err, 'INVALID_PROFILE'), String(err)).toBe(true);
      expect(({} as any).polluted).toBeUndefined();
    });
  }

  it('keeps raw values of small features (merging while they fit) and validates them', () => {
    const a = buildProfile(rows.slice(0, 300)), b = buildProfile(rows.slice(300, 600), { reference: a });
    const m = a.merge(b);
    expect(num(m, 'x').raw).toHaveLength(600);
    expect(num(m, 'x').histogram!.total).toBe(600);
    expect(num(m.merge(buildProfile(rows.slice(600), { reference: a })), 'x').raw).toBeNull();
    const j = JSON.parse(JSON.stringify(m));
    const bad1 = structuredClone(j); bad1.features[0].raw.reverse();
    const bad2 = structuredClone(j); bad2.settings.exactLimit = 10;
    const bad3 = structuredClone(j); bad3.features[0].raw.pop();
    for (const bad of [bad1, bad2, bad3]) expect(() => Profile.fromJSON(bad)).toThrow(/Invalid profile JSON/);
  });

  it('a 100,000-image profile with 40 features stays under 1 MB of JSON', () => {
    const names = ['brightness', 'contrast', 'hue_mean', 'hue_std', 'sat_mean', 'sat_std', 'val_mean', 'val_std', 'entropy', 'blur',
      'aspect', 'width', 'height', ...Array.from({ length: 27 }, (_, i) => `hist_${['r', 'g', 'b'][i % 3]}_${Math.floor(i / 3)}`)];
    const g = new SeededRng(123);
    const b = new ProfileBuilder({ seed: 1 });
    const row: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) {
      for (let j = 0; j < names.length; j++) row[names[j]] = j === 11 || j === 12 ? 224 + 32 * g.int(4) : g.next() * (j + 1) + 0.1 * gauss(g);
      b.add(row);
    }
    const p = b.toProfile();
    const size = JSON.stringify(p).length;
    console.log(`100k-row profile, ${names.length} features: ${size} bytes of JSON`);
    expect(size).toBeLessThan(1_000_000);
    expect(Profile.fromJSON(JSON.stringify(p)).rows).toBe(100_000);
  });
});
