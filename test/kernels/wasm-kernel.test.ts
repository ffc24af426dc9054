import { beforeAll, describe, expect, it } from 'vitest';
import { createWarpRunner, type WarpRunner } from '../../src/kernels/wasm-module.js';
import { warpReferenceU8 } from '../../src/kernels/reference.js';
import { diffStats, loadGoldens, paramsFor } from './goldens.js';
import { kernelBytes } from './setup.js';

const goldens = loadGoldens();
let runner: WarpRunner;
beforeAll(async () => { runner = await createWarpRunner(kernelBytes()); });

describe('WASM warp kernel (own memory) vs scipy goldens', () => {
  it('imports only env.memory (it runs on the tfjs heap) and exports the kernel', () => {
    const mod = new WebAssembly.Module(kernelBytes());
    expect(WebAssembly.Module.imports(mod)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    expect(WebAssembly.Module.exports(mod).map((e) => e.name).sort()).toEqual(['paramsBytes', 'warp', 'warpScalar']);
  });

  it('bilinear: mean ≤ 1, max ≤ 3 per case; nearest and flips exact', () => {
    const bad: string[] = [];
    let sum = 0, n = 0, worst = 0;
    for (const g of goldens) {
      const out = runner.warpToBytes(g.image, paramsFor(g), g.width, g.height);
      const d = diffStats(out, g.expected);
      sum += d.mean * out.length; n += out.length; worst = Math.max(worst, d.max);
      const exact = g.order === 0 || g.kind.includes('flip');
      if (exact ? d.max > 0 : d.mean > 1 || d.max > 3) bad.push(`${g.name}: mean ${d.mean.toFixed(4)} max ${d.max}`);
    }
    console.log(`goldens: mean ${(sum / n).toFixed(5)} max ${worst}`);
    expect(bad).toEqual([]);
  });

  it('SIMD path vs exact path of the same build and vs reference.ts: ≤ 2 levels', () => {
    let worst = 0;
    for (const g of goldens) {
      const p = paramsFor(g);
      const simd = runner.run(g.image.data as Uint8Array, g.image.width, g.image.height, g.image.channels, p, g.width, g.height, null, g.image.channels, true).slice();
      const scalar = runner.run(g.image.data as Uint8Array, g.image.width, g.image.height, g.image.channels, p, g.width, g.height, null, g.image.channels, false).slice();
      const ref = warpReferenceU8(g.image, p, g.width, g.height);
      expect(diffStats(scalar, ref).max).toBe(0);
      worst = Math.max(worst, diffStats(simd, ref).max);
    }
    expect(worst).toBeLessThanOrEqual(2);
  });
});
