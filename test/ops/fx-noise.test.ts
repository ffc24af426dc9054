/** The noise stage's normal numbers: Φ⁻¹ against known quantiles, the table path against Φ⁻¹. */
import { describe, expect, it } from 'vitest';
import { normalFromHash, normalQuantile } from '../../src/ops/stages/noise.js';

describe('noise normals', () => {
  it('normalQuantile matches known quantiles (scipy.stats.norm.ppf) to 1e-8', () => {
    const known: [number, number][] = [[0.5, 0], [0.975, 1.959963984540054], [0.001, -3.090232306167813], [0.9999, 3.719016485455709], [1e-9, -5.997807015007686], [0.3, -0.5244005127080407]];
    for (const [p, z] of known) expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-8 * Math.max(1, Math.abs(z)));
  });
  it('the table + interpolation path stays within 2e-4 of the quantile', () => {
    let worst = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const h = Math.imul(i, 2654435761) >>> 0;
      worst = Math.max(worst, Math.abs(normalFromHash(h) - normalQuantile((h + 0.5) / 4294967296)));
    }
    expect(worst).toBeLessThan(2e-4);
    expect(worst).toBeGreaterThan(0);
  });
});
