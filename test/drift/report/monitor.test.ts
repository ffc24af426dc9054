import { describe, expect, it } from 'vitest';
import { buildProfile, type ProfileRow } from '../../../src/drift/profile';
import { createMonitorCore } from '../../../src/drift/monitor-core';
import { SeededRng } from '../../../src/drift/sketch/rng';
import { isEdgeAugmentError } from '../../../src/errors';

function gauss(r: SeededRng): number {
  return Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
}
function poisson(r: SeededRng, lambda: number): number {
  let k = 0, p = 1;
  const L = Math.exp(-lambda);
  do { k++; p *= r.next(); } while (p > L);
  return k - 1;
}
const row = (r: SeededRng, shift = 0): ProfileRow => ({
  brightness: 0.5 + 0.1 * gauss(r) + 0.1 * shift, contrast: r.next() + 0.2 * shift, objects: poisson(r, 3 + shift), label: r.next() < 0.3 + 0.2 * shift ? 'cat' : 'dog',
});

const SPLITS = 500, ALPHA = 0.05;
const LIMIT = ALPHA + 2 * Math.sqrt((ALPHA * (1 - ALPHA)) / SPLITS);

describe('createMonitorCore', () => {
  it('reports, resets, accepts JSON references and rejects bad ones', () => {
    const r = new SeededRng(1);
    const ref = buildProfile(Array.from({ length: 3000 }, () => row(r)));
    const core = createMonitorCore({ reference: JSON.stringify(ref) });
    expect(() => core.report()).toThrow(/update\(\)/);
    core.update(Array.from({ length: 400 }, () => row(r, 2)));
    const rep = core.report();
    expect(rep.datasetDrift).toBe(true);
    expect(rep.summary()).toMatch(/brightness/);
    expect(core.count).toBe(400);
    core.reset();
    expect(core.count).toBe(0);
    core.update({ kind: 'records', rows: Array.from({ length: 400 }, () => row(r)) });
    expect(core.report().datasetDrift).toBe(false);
    let err: unknown;
    try { createMonitorCore({ reference: '{"formatVersion":9}' }); } catch (e) { err = e; }
    expect(isEdgeAugmentError(err, 'INVALID_PROFILE')).toBe(true);
    expect(() => createMonitorCore({ reference: ref, alpha: 2 })).toThrow(/alpha/);
    expect(() => createMonitorCore({ reference: ref, correction: 'holm' as never })).toThrow(/correction/);
  });

  it('monitors embedding vectors with MMD', () => {
    const g = new SeededRng(2);
    const vec = (s: number) => Float32Array.from({ length: 6 }, (_, i) => gauss(g) + (i < 2 ? s : 0));
    const ref = buildProfile({ kind: 'vectors', vectors: Array.from({ length: 1000 }, () => vec(0)) });
    const core = createMonitorCore({ reference: ref, seed: 3 });
    core.update({ kind: 'vectors', vectors: Array.from({ length: 300 }, () => vec(1)) });
    const rep = core.report();
    expect(rep.features.find((f) => f.name === 'vectors')).toMatchObject({ test: 'mmd', drift: true });
  });

  it(`false alarms over ${SPLITS} same-distribution windows ≤ α + 2σ (${LIMIT.toFixed(4)}); power on a shift`, () => {
    const r = new SeededRng(42);
    const counts = { anyFeatureBonferroni: 0, datasetDrift: 0, perFeature: new Map<string, number>() };
    let detected = 0;
    for (let s = 0; s < SPLITS; s++) {
      const ref = buildProfile(Array.from({ length: 2000 }, () => row(r)), { seed: s });
      const plain = createMonitorCore({ reference: ref, seed: s });
      const bonf = createMonitorCore({ reference: ref, seed: s, correction: 'bonferroni' });
      const window = Array.from({ length: 300 }, () => row(r));
      plain.update(window);
      bonf.update(window);
      const rep = plain.report();
      if (rep.datasetDrift) counts.datasetDrift++;
      for (const f of rep.features) if (f.drift) counts.perFeature.set(f.name, (counts.perFeature.get(f.name) ?? 0) + 1);
      if (bonf.report().features.some((f) => f.drift)) counts.anyFeatureBonferroni++;
      if (s < 100) {
        plain.reset();
        plain.update(Array.from({ length: 300 }, () => row(r, 1)));
        if (plain.report().datasetDrift) detected++;
      }
    }
    const perFeature = Object.fromEntries([...counts.perFeature].map(([k, v]) => [k, v / SPLITS]));
    console.log(`[monitor false alarms] dataset drift ${counts.datasetDrift / SPLITS}, any feature (Bonferroni) ${counts.anyFeatureBonferroni / SPLITS}, per feature ${JSON.stringify(perFeature)}; [power] shift detected in ${detected}/100 windows`);
    expect(counts.datasetDrift / SPLITS).toBeLessThanOrEqual(LIMIT);
    expect(counts.anyFeatureBonferroni / SPLITS).toBeLessThanOrEqual(LIMIT);
    for (const v of Object.values(perFeature)) expect(v).toBeLessThanOrEqual(LIMIT);
    expect(detected).toBeGreaterThanOrEqual(95);
  });
});
