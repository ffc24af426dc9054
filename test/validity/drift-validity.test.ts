/**
 * Drift validity on real photos (issue 4): random 64×64 patches of the bundled photographs.
 * - Same-distribution splits: the monitor's false-alarm rate is ≤ α within 2σ (500 splits).
 * - Brightness ×1.3 and a Gaussian blur σ = 1.5 on the current patches are detected at n = 200 with
 *   power ≥ 0.95, and the report names the right feature.
 * Runs the built package as users do (decode → WASM image features → profile → monitor report).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pkg } from '../api/helpers.js';
import type { RawImage } from '../../src/types.js';
import { PATCH, blur, brighten, crop, rng } from './photo-patches.js';

const POOL = 3000;
const ALPHA = 0.05;

describe('drift validity on real photo patches', () => {
  let patches: RawImage[];
  let rows: Record<string, number>[];
  let api: Awaited<ReturnType<typeof pkg>>;

  beforeAll(async () => {
    api = await pkg();
    const photos: RawImage[] = [];
    for (const f of ['astronaut.png', 'chelsea.png', 'coffee.png', 'rocket.jpg']) {
      photos.push(await api.decodeImage(new Uint8Array(readFileSync(new URL(`../../samples/${f}`, import.meta.url))), { decoder: 'wasm' }));
    }
    const u = rng(20261130);
    patches = Array.from({ length: POOL }, () => {
      const img = photos[Math.floor(u() * photos.length)]!;
      return crop(img, Math.floor(u() * (img.width - PATCH)), Math.floor(u() * (img.height - PATCH)));
    });
    const r = await api.extractImageFeatures(patches);
    expect(r.failures).toHaveLength(0);
    rows = r.rows;
  });

  function split(u: () => number, nRef: number, nCur: number): [number[], number[]] {
    const idx = Array.from({ length: POOL }, (_, i) => i);
    for (let i = 0; i < nRef + nCur; i++) { const j = i + Math.floor(u() * (POOL - i)); [idx[i], idx[j]] = [idx[j]!, idx[i]!]; }
    return [idx.slice(0, nRef), idx.slice(nRef, nRef + nCur)];
  }

  it('false alarms over 500 same-distribution splits are ≤ α within 2σ', () => {
    const u = rng(1);
    const splits = 500;
    let anyFeature = 0;
    let dataset = 0;
    for (let s = 0; s < splits; s++) {
      const [ref, cur] = split(u, 1000, 200);
      const reference = api.buildProfileFromRecords({ kind: 'records', rows: ref.map((i) => rows[i]!) });
      const core = api.createMonitorCore({ reference, alpha: ALPHA, correction: 'bonferroni' });
      core.update({ kind: 'records', rows: cur.map((i) => rows[i]!) });
      const rep = core.report();
      if (rep.driftedFeatures.length) anyFeature++;
      if (rep.datasetDrift) dataset++;
    }
    const bound = ALPHA + 2 * Math.sqrt((ALPHA * (1 - ALPHA)) / splits);
    expect(anyFeature / splits, `any-feature alarm rate (Bonferroni) ${anyFeature}/${splits}`).toBeLessThanOrEqual(bound);
    expect(dataset / splits).toBeLessThanOrEqual(bound);
  }, 300_000);

  for (const [name, transform, feature] of [
    ['brightness ×1.3', (p: RawImage) => brighten(p, 1.3), 'brightness'],
    ['Gaussian blur σ = 1.5', (p: RawImage) => blur(p, 1.5), 'sharpness'],
  ] as const) {
    it(`${name} is detected at n = 200 with power ≥ 0.95 and names ${feature}`, async () => {
      const u = rng(name.length);
      const trials = 60;
      let detected = 0;
      let named = 0;
      for (let t = 0; t < trials; t++) {
        const [ref, cur] = split(u, 1000, 200);
        const reference = api.buildProfileFromRecords({ kind: 'records', rows: ref.map((i) => rows[i]!) });
        const monitor = await api.createDriftMonitor({ reference, alpha: ALPHA, correction: 'bonferroni' });
        await monitor.update(cur.map((i) => transform(patches[i]!)));
        const rep = await monitor.report();
        if (rep.driftedFeatures.length) detected++;
        if (rep.driftedFeatures.includes(feature)) named++;
        await monitor.close();
      }
      expect(detected / trials).toBeGreaterThanOrEqual(0.95);
      expect(named / trials).toBeGreaterThanOrEqual(0.95);
    }, 300_000);
  }

  it('an untouched current set is not flagged by the same monitor (the power test can fail)', async () => {
    const u = rng(99);
    const [ref, cur] = split(u, 1000, 200);
    const reference = api.buildProfileFromRecords({ kind: 'records', rows: ref.map((i) => rows[i]!) });
    const monitor = await api.createDriftMonitor({ reference, alpha: ALPHA, correction: 'bonferroni' });
    await monitor.update(cur.map((i) => patches[i]!));
    expect((await monitor.report()).driftedFeatures).toEqual([]);
    await monitor.close();
  });
});
