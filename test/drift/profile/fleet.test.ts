/**
 * Profiles as DataSketches sketch sets (toSketches / fromSketches / JSON lines), format versioning, and
 * the issue-13 fuzz findings in profile reading and merging.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  Profile, ProfileBuilder, buildProfile, mergeProfiles, profilesFromJSONLines, profilesToJSONLines, sketchesToJSON,
} from '../../../src/drift/profile';
import { KllSketch } from '../../../src/drift/sketch/kll';
import { SeededRng } from '../../../src/drift/sketch/rng';
import { createDriftMonitor } from '../../../src/client/drift';
import { EdgeAugmentError } from '../../../src/errors';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const code = (f: () => unknown): string => {
  try { f(); return 'ok'; } catch (e) { return e instanceof EdgeAugmentError ? e.code : `untyped ${(e as Error).name}: ${(e as Error).message}`; }
};

function deviceRows(d: number, n: number, shift = 0): { brightness: number; contrast: number; label: string }[] {
  const r = new SeededRng(1000 + d);
  return Array.from({ length: n }, () => {
    const u = r.next(), v = r.next();
    const z = Math.sqrt(-2 * Math.log(u + 1e-12)) * Math.cos(2 * Math.PI * v);
    return { brightness: 0.5 + 0.1 * z + shift, contrast: r.next() * 2, label: `scene${Math.floor(Math.pow(r.next(), 2) * 12)}` };
  });
}

describe('Profile ↔ DataSketches sketch sets', () => {
  const p = buildProfile(deviceRows(1, 3000), { seed: 5 });

  it('toSketches: KLL bytes per numeric feature, frequent items + HLL per categorical; both formats round-trip', () => {
    const s = p.toSketches();
    expect(s.features.map((f) => [f.name, f.kind, !!f.kll, !!f.moments, !!f.frequentItems, !!f.hll])).toEqual([
      ['brightness', 'numeric', true, true, false, false], ['contrast', 'numeric', true, true, false, false], ['label', 'categorical', false, false, true, true]]);
    expect(KllSketch.fromDataSketches(s.features[0].kll!).quantile(0.5)).toBe(p.feature('brightness')!.kind === 'numeric' ? (p.feature('brightness') as { kll: KllSketch }).kll.quantile(0.5) : NaN);
    // sketch form: bytes survive Profile.fromSketches exactly, through the base64 JSON too
    const back = Profile.fromSketches(JSON.parse(JSON.stringify(sketchesToJSON(s))));
    const again = back.toSketches();
    expect(again.features.map((f) => [f.kll && hex(f.kll), f.frequentItems && hex(f.frequentItems), f.hll && hex(f.hll), f.moments]))
      .toEqual(s.features.map((f) => [f.kll && hex(f.kll), f.frequentItems && hex(f.frequentItems), f.hll && hex(f.hll), f.moments]));
    expect(Profile.fromSketches(s).toSketches().features.map((f) => f.kll && hex(f.kll))).toEqual(s.features.map((f) => f.kll && hex(f.kll)));
    // JSON form: lossless, and a profile read from sketches has a JSON form too
    expect(Profile.fromJSON(JSON.parse(JSON.stringify(p))).toJSON()).toEqual(p.toJSON());
    expect(Profile.fromJSON(JSON.parse(JSON.stringify(back))).toJSON()).toEqual(back.toJSON());
    const label = back.feature('label');
    expect(label?.kind === 'categorical' && label.hll ? Math.abs(label.hll.estimate() - 12) : 99).toBeLessThan(1);
  });

  it('JSON lines: one device profile per line, device ids kept, bad lines named', () => {
    const devices = [0, 1, 2].map((d) => ({ device: `dev-${d}`, profile: buildProfile(deviceRows(d, 100), { seed: d }) }));
    const text = profilesToJSONLines(devices);
    expect(text.trim().split('\n')).toHaveLength(3);
    expect(JSON.parse(text.split('\n')[1]).device).toBe('dev-1');
    const back = profilesFromJSONLines(text);
    expect(back.map((b) => b.device)).toEqual(['dev-0', 'dev-1', 'dev-2']);
    expect(back[2].profile.toSketches().features.map((f) => f.kll && hex(f.kll))).toEqual(devices[2].profile.toSketches().features.map((f) => f.kll && hex(f.kll)));
    const broken = text.split('\n');
    broken[1] = broken[1].replace('"rows":100', '"rows":101');
    const err = (() => { try { profilesFromJSONLines(broken.join('\n')); } catch (e) { return e as EdgeAugmentError; } return null; })();
    expect(err?.code).toBe('INVALID_PROFILE');
    expect(err?.message).toMatch(/^Line 2:/);
  });

  it('sketch sets are checked: k against settings, counts, min/max, kinds', () => {
    const j = sketchesToJSON(p.toSketches());
    const other = sketchesToJSON(buildProfile(deviceRows(1, 3000), { seed: 5, kllK: 100 }).toSketches());
    const bad = {
      kllKMismatch: { ...j, features: [other.features[0], ...j.features.slice(1)] },
      countMismatch: { ...j, features: [{ ...j.features[0], count: 2999, missing: 1 }, ...j.features.slice(1)] },
      badBase64: { ...j, features: [{ ...j.features[0], kll: '***' }, ...j.features.slice(1)] },
      numericWithHll: { ...j, features: [{ ...j.features[0], hll: j.features[2].hll }, ...j.features.slice(1)] },
      wrongType: { ...j, type: 'edge-augment/profile' },
    };
    for (const [name, b] of Object.entries(bad)) expect([name, code(() => Profile.fromSketches(b as never))]).toEqual([name, 'INVALID_PROFILE']);
  });

  it('a fleet-merged sketch set is a drift reference: verdicts equal those of the exact single profile', async () => {
    const D = 40, N = 100;
    const all: ReturnType<typeof deviceRows> = [];
    const lines: { device: string; profile: Profile }[] = [];
    for (let d = 0; d < D; d++) {
      const rows = deviceRows(d, N);
      all.push(...rows);
      lines.push({ device: `dev-${d}`, profile: buildProfile(rows, { seed: d }) });
    }
    const fleet = mergeProfiles(profilesFromJSONLines(profilesToJSONLines(lines)).map((x) => x.profile));
    const reference = Profile.fromSketches(sketchesToJSON(fleet.toSketches()));
    expect(reference.rows).toBe(D * N);
    const exact = buildProfile(all, { seed: 99 });
    for (const [name, shift] of [['same', 0], ['drifted', 0.08]] as const) {
      const current = deviceRows(500, 2000, shift);
      const verdicts = [];
      for (const ref of [reference, exact]) {
        const monitor = await createDriftMonitor({ reference: ref });
        await monitor.update({ kind: 'records', rows: current });
        const report = await monitor.report();
        verdicts.push(report.features.map((f) => [f.name, f.test, f.drift]));
        await monitor.close();
      }
      expect([name, verdicts[0]]).toEqual([name, verdicts[1]]);
      if (shift) expect(verdicts[0].find((v) => v[0] === 'brightness')?.[2]).toBe(true);
    }
  });
});

describe('format versions', () => {
  const v1 = JSON.parse(readFileSync(new URL('./fixtures/profile-v1.json', import.meta.url), 'utf8'));

  it('format-1 profiles (written by 06a6532) still load and work', () => {
    const p = Profile.fromJSON(v1.records);
    expect(p.rows).toBe(3000);
    expect(p.settings.hllLgK).toBe(10);
    const b = p.feature('brightness');
    expect(b?.kind === 'numeric' && b.kll.n).toBe(3000);
    const oldQuantile = (j: { levels: number[][]; n: number }, q: number): number => {
      const items = j.levels.flatMap((l, h) => l.map((v) => [v, 2 ** h] as const)).sort((x, y) => x[0] - y[0]);
      let c = 0;
      for (const [v, w] of items) { c += w; if (c >= q * j.n) return v; }
      return NaN;
    };
    const oldKll = v1.records.features[0].kll;
    if (b?.kind === 'numeric') for (const q of [0.1, 0.5, 0.9]) expect(Math.abs(b.kll.cdf(oldQuantile(oldKll, q)) - q)).toBeLessThanOrEqual(b.kll.rankErrorBound(1e-3, 3) + 2 / 3000);
    const label = p.feature('label');
    expect(label?.kind === 'categorical' && label.hll).toBe(null);
    const merged = p.merge(buildProfile(deviceRows(1, 10).map((r) => ({ ...r, rare: null })), { reference: p }));
    expect(merged.rows).toBe(3010);
    expect(Profile.fromJSON(JSON.parse(JSON.stringify(merged))).toJSON()).toEqual(merged.toJSON());
    expect(merged.toJSON().formatVersion).toBe(2);
    const vec = Profile.fromJSON(v1.vectors);
    expect(vec.vectors?.dim).toBe(3);
  });
});

describe('issue 13 fuzz findings', () => {
  const p = buildProfile(deviceRows(2, 2000), { seed: 1 });

  it('Profile.fromJSON rejects sketches inconsistent with the settings or their own structure', () => {
    const j = () => JSON.parse(JSON.stringify(p.toJSON()));
    const cases: [string, (x: ReturnType<typeof j>) => unknown][] = [
      ['kll.k 64000 vs settings.kllK 200', (x) => { x.features[0].kll.k = 64000; return x; }],
      ['kll.k 64000 with a matching minK', (x) => { x.features[0].kll.k = 64000; x.features[0].kll.minK = 64000; return x; }],
      ['reversed KLL level', (x) => { const l = x.features[0].kll.levels; const h = l.findIndex((v: number[], i: number) => i > 0 && v.length > 1); l[h].reverse(); return x; }],
      ['inflated errorVariance', (x) => { x.features[0].kll.errorVariance *= 1e6; return x; }],
      ['inflated maxError', (x) => { const f = x.features[2].frequent; f.maxError = f.n; return x; }],
      ['frequent map size vs settings', (x) => { x.features[2].frequent.lgMaxMapSize = 9; return x; }],
      ['hll lgK vs settings', (x) => { x.settings.hllLgK = 11; return x; }],
    ];
    for (const [name, f] of cases) expect([name, code(() => Profile.fromJSON(f(j())))]).toEqual([name, 'INVALID_PROFILE']);
    expect(code(() => Profile.fromJSON(j()))).toBe('ok');
  });

  it('formatVersion nested 10,000 deep is INVALID_PROFILE, not a RangeError', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(code(() => Profile.fromJSON({ ...p.toJSON(), formatVersion: deep }))).toBe('INVALID_PROFILE');
    const text = JSON.stringify(p.toJSON()).replace('"formatVersion":2', `"formatVersion":${'['.repeat(10_000)}1${']'.repeat(10_000)}`);
    expect(code(() => Profile.fromJSON(text))).toBe('INVALID_PROFILE');
    let deepObj: unknown = 1;
    for (let i = 0; i < 10_000; i++) deepObj = { a: deepObj };
    expect(code(() => Profile.fromJSON({ ...p.toJSON(), type: deepObj }))).toBe('INVALID_PROFILE');
    expect(code(() => Profile.fromSketches({ ...sketchesToJSON(p.toSketches()), formatVersion: deep } as never))).toBe('INVALID_PROFILE');
  });

  it('merge(null), merge({}), merge(profile.toJSON()) throw typed errors', () => {
    for (const v of [null, {}, p.toJSON(), undefined, 'x']) expect(code(() => p.merge(v as never))).toBe('INVALID_ARGUMENT');
  });

  it('merging vector profiles with different vectorPrefix is an error (it silently doubled the features)', () => {
    const vecs = Array.from({ length: 20 }, (_, i) => [i, i * 2]);
    const a = buildProfile({ kind: 'vectors', vectors: vecs });
    const b = buildProfile({ kind: 'vectors', vectors: vecs }, { vectorPrefix: 'emb_' });
    expect(code(() => a.merge(b))).toBe('INVALID_ARGUMENT');
    expect(a.merge(buildProfile({ kind: 'vectors', vectors: vecs })).featureNames).toEqual(['dim_0', 'dim_1']);
  });

  it('ProfileBuilder rejects a bad hllLgK', () => {
    expect(code(() => new ProfileBuilder({ hllLgK: 3 }))).toBe('INVALID_ARGUMENT');
  });
});
