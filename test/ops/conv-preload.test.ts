/**
 * conv.wasm (resize, table, blend, warp and blur kernels) is loaded before a pipeline's first run. It was
 * loaded lazily by the first stage that wanted it, so a loop of back-to-back `await augmentBatch()` calls
 * — which never yields to the event loop's I/O — never saw it load and ran the TypeScript paths
 * throughout (same bytes, ~3× slower; the benchmarks measured that).
 */
import { describe, expect, it } from 'vitest';
import { createAugmenter, functional as F } from '../../src/index.js';
import { readyConv } from '../../src/ops/stages/conv-wasm.js';
import { setWasmPaths } from '../../src/runtime/assets.js';

// From source the binaries are in dist/web (npm run build), as the package serves them.
setWasmPaths(new URL('../../dist/web/', import.meta.url).href);

describe('conv.wasm is there from the first run', () => {
  it('augmentBatch (inline): loaded when the first batch resolves', async () => {
    const aug = await createAugmenter({ pipeline: [{ op: 'colorJitter', brightness: 0.4, saturation: 0.4 }], seed: 1, workers: 0 });
    const img = { data: new Uint8Array(16 * 16 * 3).fill(90), width: 16, height: 16, channels: 3 as const };
    await aug.augmentBatch([img, img]);
    expect(readyConv()).not.toBeNull();
    await aug.close();
  });
});

describe('functional API', () => {
  it('loaded when the first call resolves', async () => {
    // This file's module graph is fresh (vitest isolates files), and the augmenter above loaded it already;
    // a call after it must keep working on the loaded runner.
    const img = { data: new Uint8Array(8 * 8 * 3).fill(10), width: 8, height: 8, channels: 3 as const };
    const out = await F.invert(img);
    expect(out.data[0]).toBe(245);
    expect(readyConv()).not.toBeNull();
  });
});
