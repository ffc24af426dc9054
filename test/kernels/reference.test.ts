import { describe, expect, it } from 'vitest';
import { warpReferenceU8, mapCoordinate } from '../../src/kernels/reference.js';
import { diffStats, loadGoldens, paramsFor } from './goldens.js';

const goldens = loadGoldens();

describe('reference.ts vs scipy goldens', () => {
  it('has goldens for every mode and order', () => {
    expect(goldens.length).toBeGreaterThan(300);
    for (const mode of ['constant', 'nearest', 'reflect', 'wrap']) {
      for (const order of [0, 1]) expect(goldens.some((g) => g.mode === mode && g.order === order)).toBe(true);
    }
  });

  it('matches every golden exactly', () => {
    const bad: string[] = [];
    for (const g of goldens) {
      const out = warpReferenceU8(g.image, paramsFor(g), g.width, g.height);
      const d = diffStats(out, g.expected);
      if (d.max > 0) bad.push(`${g.name}: mean ${d.mean.toFixed(4)} max ${d.max} (${d.count} values)`);
    }
    expect(bad).toEqual([]);
  });

  it('a deliberately wrong matrix (row/col swapped) does not match', () => {
    const g = goldens.find((c) => c.kind === 'random' && c.image.width !== c.image.height && c.width === c.image.width)!;
    const M = g.scipyMatrix;
    const wrong = [M[0][0], M[0][1], M[0][2], M[1][0], M[1][1], M[1][2]]; // scipy order, not converted
    const out = warpReferenceU8(g.image, paramsFor(g, wrong), g.width, g.height);
    expect(diffStats(out, g.expected).mean).toBeGreaterThan(5);
  });

  it('maps coordinates with scipy 1.10 fill-mode definitions', () => {
    // reflect: half-sample symmetric on the coordinate
    expect(mapCoordinate(-0.25, 5, 2)).toBeCloseTo(-0.75);
    expect(mapCoordinate(-1e-17, 5, 2)).toBeGreaterThan(-1);
    expect(mapCoordinate(5.5, 5, 2)).toBeCloseTo(3.5);
    // wrap: period n - 1
    expect(mapCoordinate(-1, 5, 3)).toBe(3);
    expect(mapCoordinate(5, 5, 3)).toBe(1);
    // constant: outside is cval (≤ -1)
    expect(mapCoordinate(4.0001, 5, 0)).toBe(-1);
    expect(mapCoordinate(NaN, 5, 1)).toBe(-1);
  });
});
