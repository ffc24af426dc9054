/**
 * Profiles at device scale (issue 4): 100,000 image-feature rows stay under 1 MB of JSON, and merging 100
 * device profiles gives the same report as one profile of all their data, within the sketches' stated error.
 */
import { describe, expect, it } from 'vitest';
import { pkg } from '../api/helpers.js';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
function normal(u: () => number) { return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()); }

/** A row shaped like the SDK's image-feature records (18 features), with a controllable shift. */
function row(u: () => number, shift: number): Record<string, number> {
  const b = 110 + 30 * normal(u) + shift;
  return {
    brightness: b, contrast: 50 + 10 * normal(u), hue_mean: u(), hue_std: 0.1 + 0.05 * u(), saturation_mean: 0.4 + 0.1 * normal(u),
    saturation_std: 0.2 + 0.03 * normal(u), value_mean: b / 255, value_std: 0.2 + 0.02 * normal(u), colorfulness: 40 + 12 * normal(u),
    sharpness: Math.exp(6 + normal(u)), entropy: 7 + 0.3 * normal(u), edge_density: Math.min(1, Math.max(0, 0.1 + 0.05 * normal(u))),
    width: 224, height: 224, aspect_ratio: 1, red_mean: b + 10 * normal(u), green_mean: b + 10 * normal(u), blue_mean: b + 10 * normal(u),
  };
}

describe('profiles at device scale', () => {
  it('100,000 image-feature rows → < 1 MB of JSON, and it round-trips', async () => {
    const { buildProfileFromRecords, Profile } = await pkg();
    const u = rng(1);
    const p = buildProfileFromRecords({ kind: 'records', rows: Array.from({ length: 100_000 }, () => row(u, 0)) });
    const json = JSON.stringify(p);
    expect(json.length).toBeLessThan(1_000_000);
    expect(Profile.fromJSON(JSON.parse(json)).rows).toBe(100_000);
  });

  it('merging 100 device profiles gives the same report as one profile of all their data', async () => {
    const { buildProfileFromRecords, mergeProfiles, compareProfiles } = await pkg();
    const u = rng(2);
    const reference = buildProfileFromRecords({ kind: 'records', rows: Array.from({ length: 20_000 }, () => row(u, 0)) });
    const devices = Array.from({ length: 100 }, () => Array.from({ length: 300 }, () => row(u, 4)));
    const deviceProfiles = devices.map((rows, i) => buildProfileFromRecords({ kind: 'records', rows }, { reference, seed: i }));
    const merged = mergeProfiles(deviceProfiles);
    const single = buildProfileFromRecords({ kind: 'records', rows: devices.flat() }, { reference });
    expect(merged.rows).toBe(30_000);
    const a = compareProfiles(reference, merged);
    const b = compareProfiles(reference, single);
    expect(a.driftedFeatures).toEqual(b.driftedFeatures);
    expect(a.driftedFeatures).toContain('brightness');
    expect(a.datasetDrift).toBe(b.datasetDrift);
    for (const f of a.features) {
      const g = b.features.find((x) => x.name === f.name)!;
      expect(f.test).toBe(g.test);
      // Both come from KLL sketches (k = 200): rank error ≤ ~1% each; distances and D agree within it.
      // Both sides come from sketches; each report states its error bound. They may differ by at most
      // the sum of the two stated bounds (each is within its bound of the exact value).
      const bound = (x: typeof f) => Number(/= ([0-9.]+)/.exec(x.approximation ?? '')?.[1] ?? 0);
      if (!f.approximate && !g.approximate) {
        expect(f.statistic, `${f.name} is exact on both sides`).toBeCloseTo(g.statistic, 9);
        continue;
      }
      expect(Math.abs(f.statistic - g.statistic), `${f.name}: ${f.approximation}`).toBeLessThanOrEqual(bound(f) + bound(g) + 1e-12);
      expect(bound(f) + bound(g)).toBeGreaterThan(0);
    }
    // Merge order does not matter.
    const reversed = mergeProfiles([...deviceProfiles].reverse());
    expect(compareProfiles(reference, reversed).driftedFeatures).toEqual(a.driftedFeatures);
  }, 120_000);
});
