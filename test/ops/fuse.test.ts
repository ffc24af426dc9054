/** The fuser: which adjacent stages merge, and that merged stages make the bytes they should. */
import { describe, expect, it } from 'vitest';
import { fuseStages, mul3, runStages } from '../../src/ops/core/execute.js';
import type { Img, Stage } from '../../src/ops/core/types.js';

const warp = (matrix: number[], fill: number[] | null = null, interpolation = 'nearest', w = 9, h = 7): Stage => ({ kind: 'warp', matrix, width: w, height: h, interpolation, fill });
const shift = (dx: number, dy: number) => [1, 0, dx, 0, 1, dy, 0, 0, 1];

function image(w = 9, h = 7, c: 1 | 3 | 4 = 3): Img {
  const data = new Uint8Array(w * h * c);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + 11) & 255;
  return { data, width: w, height: h, channels: c };
}

describe('fuseStages', () => {
  it("'exact' (the default) keeps warps apart; 'all' multiplies adjacent warps with the same interpolation and fill", () => {
    expect(fuseStages([warp(shift(1, 0)), warp(shift(0, 2))])).toHaveLength(2);
    const f = fuseStages([warp(shift(1, 0)), warp(shift(0, 2))], 'all');
    expect(f).toHaveLength(1);
    expect((f[0] as { matrix: number[] }).matrix).toEqual(mul3(shift(1, 0), shift(0, 2)));
    expect(fuseStages([warp(shift(1, 0), [0]), warp(shift(0, 2), [255])], 'all')).toHaveLength(2);
    expect(fuseStages([warp(shift(1, 0), null, 'nearest'), warp(shift(0, 2), null, 'bilinear')], 'all')).toHaveLength(2);
  });
  it('multiplies colour matrices of the same rounding and folds adjacent tables', () => {
    const gain = (g: number): Stage => ({ kind: 'color', m: [g, 0, 0, 0, 0, g, 0, 0, 0, 0, g, 0], rounding: 'round' });
    const c = fuseStages([gain(2), gain(0.25)], 'all');
    expect(fuseStages([gain(2), gain(0.25)])).toHaveLength(2); // 'exact' (default) keeps the two roundings
    expect(c).toHaveLength(1);
    expect((c[0] as { m: number[] }).m[0]).toBeCloseTo(0.5, 12);
    const t1 = Uint8Array.from({ length: 256 }, (_, v) => 255 - v);
    const l = fuseStages([{ kind: 'lut', tables: t1 }, { kind: 'lut', tables: t1 }]);
    expect(l).toHaveLength(1);
    expect(Array.from((l[0] as unknown as { tables: Uint8Array }).tables).every((v, i) => v === i)).toBe(true);
  });
  it('fused integer shifts (nearest, the second inside the first) make the same bytes as running them one by one', async () => {
    const img = image();
    const stages = [warp(shift(-2, 0)), warp(shift(1, 1))];
    const fused = await runStages(img, stages, {}, { fuse: 'all' });
    const oneByOne = await runStages(img, stages, {}, { fuse: false });
    // Pixels whose source stays inside the image after both shifts agree exactly.
    let same = 0;
    for (let y = 0; y < 6; y++) for (let x = 0; x < 9; x++) {
      const sx = x + 1 - 2, sy = y + 1;
      if (sx < 0 || sx >= 9 || x + 1 >= 9 || sy >= 7) continue;
      for (let k = 0; k < 3; k++) expect(fused.data[(y * 9 + x) * 3 + k]).toBe(oneByOne.data[(y * 9 + x) * 3 + k]);
      same++;
    }
    expect(same).toBeGreaterThan(20);
  });
});
