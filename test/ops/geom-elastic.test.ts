/**
 * The elastic op regenerates its displacement field from (alpha, sigma, seed) with our own noise, so it
 * matches torchvision's ElasticTransform in distribution, not in values: std and lag-4 autocorrelation
 * per axis against torchvision's (test/goldens/ops/geom/elastic_stats.json, made by gen.py).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { elasticDisplacement } from '../../src/ops/stages/remap.js';

const ref = JSON.parse(readFileSync(new URL('../goldens/ops/geom/elastic_stats.json', import.meta.url), 'utf8'));

function stats(f: Float32Array, W: number, H: number, ax: number): [number, number, number] {
  const n = W * H;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += f[i * 2 + ax]!;
  mean /= n;
  const v = (x: number, y: number): number => f[(y * W + x) * 2 + ax]! - mean;
  let ss = 0, cx = 0, cy = 0;
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) ss += v(x, y) ** 2;
  const sd = Math.sqrt(ss / n);
  for (let y = 0; y < H; y++) for (let x = 4; x < W; x++) cx += v(x, y) * v(x - 4, y);
  for (let y = 4; y < H; y++) for (let x = 0; x < W; x++) cy += v(x, y) * v(x, y - 4);
  return [sd, cx / ((W - 4) * H) / (sd * sd), cy / (W * (H - 4)) / (sd * sd)];
}

describe('elastic displacement fields have torchvision\'s distribution', () => {
  it.each(ref.fields.map((r: { alpha: number; sigma: number; height: number; width: number }) => [r.alpha, r.sigma, r.width, r.height, r]))('alpha %s, sigma %s, %s×%s: std within 12 %, lag-4 correlation within 0.06', (alpha, sigma, W, H, r: any) => {
    const acc = [[0, 0, 0], [0, 0, 0]];
    const draws = 40;
    for (let s = 0; s < draws; s++) {
      const f = elasticDisplacement({ alpha: [alpha, alpha], sigma: [sigma, sigma], seed: 1000 + s }, W, H);
      for (const ax of [0, 1]) stats(f, W, H, ax).forEach((v, k) => (acc[ax]![k]! += v / draws));
    }
    for (const ax of [0, 1]) {
      expect(Math.abs(acc[ax]![0]! / r.std[ax] - 1), `std axis ${ax}`).toBeLessThan(0.12);
      expect(Math.abs(acc[ax]![1]! - r.corrX4[ax]), `corrX axis ${ax}`).toBeLessThan(0.06);
      expect(Math.abs(acc[ax]![2]! - r.corrY4[ax]), `corrY axis ${ax}`).toBeLessThan(0.06);
    }
  });

  it('a wrong sigma or the swapped alpha/size quirk would be caught', () => {
    const r = ref.fields[0];
    const f = elasticDisplacement({ alpha: [r.alpha, r.alpha], sigma: [r.sigma * 2, r.sigma * 2], seed: 1 }, r.width, r.height);
    expect(stats(f, r.width, r.height, 0)[1]).toBeGreaterThan(r.corrX4[0] + 0.06);
    // torchvision divides dx by the height and dy by the width: on a wide image dx is the larger one.
    expect(r.std[0]).toBeGreaterThan(r.std[1] * 1.3);
  });
});
