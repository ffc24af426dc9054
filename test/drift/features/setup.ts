/**
 * Test helpers for the image features: the kernel bytes (build/kernels/features.wasm, made by
 * `node scripts/build-kernels.mjs`) and the scipy/skimage goldens of test/goldens/features.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RawImage } from '../../../src/types.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Bytes of build/kernels/features.wasm; throws a clear message when it is missing or stale. */
export function featuresWasm(): Uint8Array<ArrayBuffer> {
  const wasm = `${root}build/kernels/features.wasm`;
  const src = `${root}src/kernels/assembly/features.ts`;
  if (!existsSync(wasm)) {
    throw new Error(`${wasm} is missing: build the kernels first (node scripts/build-kernels.mjs, or npm run build:kernels).`);
  }
  if (statSync(wasm).mtimeMs < statSync(src).mtimeMs) {
    throw new Error(`${wasm} is older than ${src}: rebuild the kernels (node scripts/build-kernels.mjs).`);
  }
  return new Uint8Array(readFileSync(wasm));
}

export interface FeatureGolden {
  name: string;
  image: RawImage;
  scalars: Record<string, number>;
  histograms: Record<string, number[]>;
  edgeCount: number;
}

/** The cases written by test/goldens/features/gen_features.py. */
export function loadFeatureGoldens(): { edgeThreshold: number; cases: FeatureGolden[] } {
  const dir = `${root}test/goldens/features/`;
  const index = JSON.parse(readFileSync(dir + 'index.json', 'utf8'));
  const inputs = new Uint8Array(readFileSync(dir + 'inputs.bin'));
  const cases = index.cases.map((c: any): FeatureGolden => {
    const n = c.width * c.height * c.channels;
    return {
      name: c.name,
      image: { data: inputs.slice(c.offset, c.offset + n), width: c.width, height: c.height, channels: c.channels },
      scalars: c.scalars,
      histograms: c.histograms,
      edgeCount: c.edge_count,
    };
  });
  return { edgeThreshold: index.edge_threshold, cases };
}

/** |a − b| ≤ rel·|b| + abs. */
export function close(a: number, b: number, rel = 1e-6, abs = 1e-9): boolean {
  return Math.abs(a - b) <= rel * Math.abs(b) + abs;
}
