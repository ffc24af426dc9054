/**
 * Fast stream alarms on real photos (issue 13): a watch over the image features of a reference of
 * 2,000 clean patches raises at most 1 false alarm per 10,000 clean images, and alarms within a median
 * of ≤ 50 images after brightness ×1.3, blur σ 1.5, JPEG quality 20, Gaussian noise σ 10, contrast ×0.7
 * or an abrupt switch of camera (patches of other photographs) starts. Figures go to BENCHMARKS.md:
 *   npx vitest run test/validity/stream-watch.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pkg } from '../api/helpers.js';
import { buildProfile } from '../../src/drift/profile.js';
import { createFeatureWatch } from '../../src/drift/watch.js';
import { SHIFTS, featureRows, photoPatches, rng } from './photo-patches.js';

type Row = Record<string, number>;
const PHOTOS = ['astronaut.png', 'chelsea.png', 'coffee.png', 'rocket.jpg'];
const REF = 2000;
const OPTS = process.env.WATCH_OPTS ? JSON.parse(process.env.WATCH_OPTS) : {};
const CLEAN = 40_000;

describe('stream watch on real photo patches', () => {
  let reference: ReturnType<typeof buildProfile>;
  let api: Awaited<ReturnType<typeof pkg>>;
  let clean: Row[];
  const shifted = new Map<string, { rows: Row[] }>();

  beforeAll(async () => {
    api = await pkg();
    reference = buildProfile({ kind: 'records', rows: await featureRows(api, await photoPatches(api, PHOTOS, REF, 1)) });
    clean = await featureRows(api, await photoPatches(api, PHOTOS, CLEAN, 2));
    const base = await photoPatches(api, PHOTOS, 500, 3);
    for (const s of SHIFTS) shifted.set(s.name, { rows: await featureRows(api, await Promise.all(base.map((p, i) => s.apply(api, p, i)))) });
    shifted.set('camera switch (other photographs)', { rows: await featureRows(api, await photoPatches(api, ['brick.png', 'camera.png'], 500, 4)) });
  }, 600_000);

  it('≤ 1 false alarm per 10,000 clean images', () => {
    const watch = createFeatureWatch(reference, OPTS);
    let alarms = 0;
    for (const row of clean) if (watch.update(row)) alarms++;
    const per10k = (alarms / CLEAN) * 10_000;
    console.log(`[watch] ${alarms} false alarms in ${CLEAN} clean images (${per10k.toFixed(2)} per 10,000); threshold h = ${watch.threshold.toFixed(2)} over ${watch.features.length} features`);
    expect(per10k).toBeLessThanOrEqual(1);
  });

  const cases = [...SHIFTS.map((s) => s.name), 'camera switch (other photographs)'];
  it.each(cases)('%s: median delay ≤ 50 images', (name) => {
    const { rows } = shifted.get(name)!;
    const u = rng(name.length * 31);
    const trials = 100;
    const delays: number[] = [];
    const aspects = new Map<string, number>();
    const charts = { shift: 0, shape: 0 };
    let early = 0, leadIn = 0;
    for (let t = 0; t < trials; t++) {
      const watch = createFeatureWatch(reference, OPTS);
      const burn = 100 + Math.floor(u() * 200);
      leadIn += burn;
      for (let i = 0; i < burn; i++) if (watch.update(clean[Math.floor(u() * CLEAN)]!)) early++;
      let delay = Infinity;
      for (let i = 1; i <= 1000; i++) {
        const a = watch.update(rows[Math.floor(u() * rows.length)]!);
        if (a) { delay = i; charts[a.chart]++; aspects.set(a.aspect ?? a.feature, (aspects.get(a.aspect ?? a.feature) ?? 0) + 1); break; }
      }
      delays.push(delay);
    }
    delays.sort((a, b) => a - b);
    const median = delays[trials / 2 - 1]! / 2 + delays[trials / 2]! / 2;
    const q90 = delays[Math.floor(trials * 0.9)]!;
    console.log(`[watch] ${name}: median delay ${median} images, 90th percentile ${q90}, max ${delays[trials - 1]}; first alarm by aspect ${JSON.stringify(Object.fromEntries(aspects))}, by detector ${JSON.stringify(charts)}; alarms during the clean lead-in ${early} of ${leadIn} images`);
    expect(early, 'false alarms in the clean lead-in').toBeLessThanOrEqual(2);
    // The alarm names the aspect (what changed since the estimated change point) for every shift but
    // contrast ×0.7, whose first ~35 images show the saturation drop more clearly than the contrast one.
    const expected = SHIFTS.find((x) => x.name === name)?.aspect;
    if (expected && name !== 'contrast ×0.7') expect(aspects.get(expected) ?? 0).toBeGreaterThanOrEqual(trials * 0.8);
    // JPEG quality 20 was the slow one with shift charts alone (51–53 against an exact reference, 50.5–55.5
    // over KLL coin seeds, 46.5–62 with the pre-DataSketches sketch): JPEG lowers the spread of the
    // sharpness scores as much as their mean, which the shape detector uses (34–41 with it; BENCHMARKS).
    expect(median).toBeLessThanOrEqual(50);
    expect(delays[trials - 1]).toBeLessThan(Infinity);
  });
});

describe('monitor.watch() end to end (built package, images in, alarms out)', () => {
  it('alarms on a camera switch within a few images, with its index in the batch, and validates options', async () => {
    const api = await pkg();
    const reference = await api.buildProfile(await photoPatches(api, PHOTOS, 600, 5));
    const monitor = await api.createDriftMonitor({ reference });
    const watch = monitor.watch();
    const cleanBatch = await photoPatches(api, PHOTOS, 100, 6);
    const other = await photoPatches(api, ['brick.png', 'camera.png'], 40, 7);
    const a = await watch.update(cleanBatch);
    expect(a.alarms).toEqual([]);
    const b = await watch.update([...other, { data: new Uint8Array(3), width: 2, height: 2, channels: 3 }]);
    expect(b.failures.map((f) => f.index)).toEqual([40]);
    expect(b.alarms.length).toBeGreaterThanOrEqual(1);
    expect(b.alarms[0]!.index).toBeLessThan(15);
    expect(b.alarms[0]!.changeAt).toBeGreaterThanOrEqual(80); // the estimated change point (the chart's last zero), 100 in truth
    expect(() => monitor.watch({ falseAlarmRate: -1 })).toThrow(/falseAlarmRate/);
    await monitor.close();
    await expect(watch.update(cleanBatch)).rejects.toMatchObject({ code: 'CLOSED' });
  }, 120_000);
});
