/** The warp-fusion helpers the executor can use (src/ops/stages/warp.ts): composeWarps, permuteMatrix. */
import { describe, expect, it } from 'vitest';
import { composeWarps, permuteMatrix, translation, warpKernel, type WarpStage } from '../../src/ops/stages/warp.js';
import { permuteKernel } from '../../src/ops/stages/permute.js';
import { affineWarp, inverseAffineMatrix } from '../../src/ops/affine/math.js';
import type { Img } from '../../src/ops/core/types.js';
import { loadGoldens } from './golden.js';

const set = loadGoldens('geom');
const photo = (i: number): Img => set.inputs[i] as Img;
const run = (img: Img, s: WarpStage): Img => warpKernel.run(img, s, {}) as Img;
const plain = (s: WarpStage): WarpStage => ({ ...s, torchGrid: undefined });

describe('warp fusion helpers', () => {
  it('an integer translation then a rotation (nearest, same fill) fuse into one warp, byte-identical wherever the rotation samples inside the intermediate image', () => {
    for (const i of [0, 3, 4]) {
      const img = photo(i);
      const { width: W, height: H } = img;
      const shift: WarpStage = { kind: 'warp', matrix: translation(-3, 2), width: W, height: H, interpolation: 'nearest', fill: [7] };
      const rot = plain(affineWarp(inverseAffineMatrix([0, 0], 33, [0, 0], 1, [0, 0]), W, H, W, H, 'nearest', [7]));
      const seq = run(run(img, shift), rot);
      const fused = composeWarps(shift, rot)!;
      expect(fused.torchGrid).toBeUndefined();
      const out = run(img, fused);
      // Where the second warp samples outside the intermediate image, the sequential result is fill but the
      // fused one may reach source pixels the intermediate clipped away: the one documented difference.
      const inside = run({ data: new Uint8Array(W * H).fill(255), width: W, height: H, channels: 1 }, { ...rot, fill: null });
      let same = 0;
      let clippedDiffers = 0;
      for (let k = 0; k < W * H; k++) {
        const eq = [...Array(img.channels).keys()].every((c) => out.data[k * img.channels + c] === seq.data[k * img.channels + c]);
        if (inside.data[k] === 255) { expect(eq).toBe(true); same++; } else if (!eq) clippedDiffers++;
      }
      expect(same).toBeGreaterThan(W * H * 0.6);
      expect(clippedDiffers).toBeGreaterThan(0);
    }
  });

  it('flips and quarter turns fold into a warp exactly (permuteMatrix)', () => {
    const img = photo(0);
    const { width: W, height: H } = img;
    const rot = plain(affineWarp(inverseAffineMatrix([0, 0], -20, [4, 1], 1.1, [5, 0]), W, H, W, H, 'bilinear', null));
    const warped = run(img, rot);
    for (const p of [{ transpose: false, flipX: true, flipY: false }, { transpose: true, flipX: false, flipY: true }, { transpose: true, flipX: true, flipY: true }]) {
      const seq = permuteKernel.run(warped, { kind: 'permute', ...p }, {}) as Img;
      const m = permuteMatrix(p, warped);
      const fused: WarpStage = { ...rot, matrix: composeWarps(rot, { kind: 'warp', matrix: m, width: seq.width, height: seq.height, interpolation: 'nearest', fill: null })!.matrix, width: seq.width, height: seq.height };
      expect(Buffer.from(run(img, fused).data).equals(Buffer.from(seq.data)), JSON.stringify(p)).toBe(true);
    }
  });

  it('different fills do not fuse; bilinear wins; the matrix is the product', () => {
    const a: WarpStage = { kind: 'warp', matrix: translation(1, 2), width: 10, height: 10, interpolation: 'nearest', fill: [1] };
    const b: WarpStage = { kind: 'warp', matrix: translation(3, 4), width: 8, height: 9, interpolation: 'bilinear', fill: [2] };
    expect(composeWarps(a, b)).toBeNull();
    const c = composeWarps({ ...a, fill: null }, { ...b, fill: null })!;
    expect(c.matrix).toEqual(translation(4, 6));
    expect([c.width, c.height, c.interpolation]).toEqual([8, 9, 'bilinear']);
  });
});
