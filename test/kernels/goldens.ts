/** Loads the scipy goldens written by test/goldens/warp/gen_warp.py (no Python needed). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RawImage } from '../../src/types.js';
import { identityWarpParams, type FillMode, type WarpParams } from '../../src/kernels/contract.js';

const dir = fileURLToPath(new URL('../goldens/warp/', import.meta.url));

export interface GoldenCase {
  name: string;
  image: RawImage;
  kind: string;
  mode: FillMode;
  order: 0 | 1;
  cval: number[];
  /** scipy (row, col) 3×3 pull matrix. */
  scipyMatrix: number[][];
  width: number;
  height: number;
  expected: Uint8Array;
}

/** Our (x = col, y = row) pull matrix from scipy's (row, col) one. */
export function fromScipy(M: number[][]): number[] {
  return [M[1][1], M[1][0], M[1][2], M[0][1], M[0][0], M[0][2]];
}

/** WarpParams for a golden case (identity colour). */
export function paramsFor(g: GoldenCase, matrix = fromScipy(g.scipyMatrix)): WarpParams {
  return {
    ...identityWarpParams(g.image.channels),
    matrix,
    fillMode: g.mode,
    interpolation: g.order === 1 ? 'bilinear' : 'nearest',
    cval: g.cval,
  };
}

export function loadGoldens(): GoldenCase[] {
  const index = JSON.parse(readFileSync(dir + 'index.json', 'utf8'));
  const inputs = new Uint8Array(readFileSync(dir + 'inputs.bin'));
  const outputs = new Uint8Array(readFileSync(dir + 'outputs.bin'));
  const images = new Map<string, RawImage>();
  for (const im of index.images) {
    const n = im.width * im.height * im.channels;
    images.set(im.name, { data: inputs.slice(im.offset, im.offset + n), width: im.width, height: im.height, channels: im.channels });
  }
  return index.cases.map((c: any, i: number) => {
    const image = images.get(c.image)!;
    const n = c.width * c.height * image.channels;
    return {
      name: `#${i} ${c.image} ${c.kind} ${c.mode} order=${c.order} ${c.width}x${c.height}`,
      image, kind: c.kind, mode: c.mode, order: c.order, cval: c.cval, scipyMatrix: c.matrix,
      width: c.width, height: c.height, expected: outputs.slice(c.offset, c.offset + n),
    } satisfies GoldenCase;
  });
}

/** Mean and max absolute difference between two byte arrays of the same length. */
export function diffStats(a: ArrayLike<number>, b: ArrayLike<number>): { mean: number; max: number; count: number } {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let sum = 0, max = 0, count = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    sum += d;
    if (d > max) max = d;
    if (d) count++;
  }
  return { mean: a.length ? sum / a.length : 0, max, count };
}
