/**
 * Runs an op golden set (test/goldens/ops/<family>/: index.json, inputs.bin, outputs.bin, made by its
 * gen.py from torchvision 0.14 / PIL / OpenCV) against our functional API: per case, mean absolute
 * difference ≤ tol.mean and max ≤ tol.max, or byte equality for `exact` cases.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawImage } from '../../src/types.js';

export interface GoldenCase {
  name: string; fn: string; args: unknown[]; image: number; width: number; height: number; channels: number; offset: number; exact: boolean;
  [extra: string]: unknown;
}

export interface GoldenSet {
  cases: GoldenCase[];
  inputs: RawImage[];
  expected(c: GoldenCase): Uint8Array;
  meta: Record<string, unknown>;
}

/** Loads test/goldens/ops/<family>. */
export function loadGoldens(family: string): GoldenSet {
  const dir = fileURLToPath(new URL(`../goldens/ops/${family}/`, import.meta.url));
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  const inBin = new Uint8Array(readFileSync(join(dir, 'inputs.bin')));
  const outBin = new Uint8Array(readFileSync(join(dir, 'outputs.bin')));
  const inputs: RawImage[] = index.images.map((im: { width: number; height: number; channels: 1 | 3 | 4; offset: number }) => ({
    data: inBin.slice(im.offset, im.offset + im.width * im.height * im.channels), width: im.width, height: im.height, channels: im.channels,
  }));
  return {
    cases: index.cases,
    inputs,
    expected: (c) => outBin.subarray(c.offset, c.offset + c.width * c.height * c.channels),
    meta: index,
  };
}

/** Mean and max absolute difference (Infinity when sizes differ). */
export function diff(a: RawImage, b: { data: Uint8Array; width: number; height: number; channels: number }): { mean: number; max: number } {
  if (a.width !== b.width || a.height !== b.height || a.channels !== b.channels || a.data.length !== b.data.length) return { mean: Infinity, max: Infinity };
  let sum = 0;
  let max = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = Math.abs(a.data[i]! - b.data[i]!);
    sum += d;
    if (d > max) max = d;
  }
  return { mean: sum / a.data.length, max };
}

/** Runs every case; returns the failures as readable lines (empty = all pass). */
export async function checkGoldens(set: GoldenSet, fns: Record<string, (img: RawImage, ...args: any[]) => Promise<RawImage>>, tol = { mean: 0.5, max: 2 }, only?: (c: GoldenCase) => boolean): Promise<string[]> {
  const bad: string[] = [];
  let ran = 0;
  for (const c of set.cases) {
    if (only && !only(c)) continue;
    const fn = fns[c.fn];
    if (!fn) { bad.push(`${c.name}: no function ${c.fn}`); continue; }
    const out = await fn(set.inputs[c.image]!, ...c.args);
    const d = diff(out, { data: set.expected(c), width: c.width, height: c.height, channels: c.channels });
    ran++;
    if (c.exact ? d.max !== 0 : d.mean > tol.mean || d.max > tol.max) bad.push(`${c.name}: mean ${d.mean.toFixed(3)}, max ${d.max} (${out.width}×${out.height}×${out.channels} vs ${c.width}×${c.height}×${c.channels})${c.exact ? ' — must be exact' : ''}`);
  }
  if (ran === 0) bad.push('no case ran');
  return bad;
}
