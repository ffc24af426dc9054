/** Shared helpers for the scipy-golden tests: load a golden file, expand LCG recipes, compare. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const DIR = fileURLToPath(new URL('../../goldens/stats/', import.meta.url));

/** Parses a golden JSON file (written by gen_stats.py); "NaN"/"Infinity" strings become numbers. */
export function golden<T = any>(name: string): T {
  return JSON.parse(readFileSync(DIR + name + '.json', 'utf8'), (_k, v) =>
    v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v) as T;
}

interface LcgSpec { gen: 'lcg'; seed: number; n: number; mod: number; terms: number; offset: number; scale: number }

/** Expands a literal array or an LCG recipe exactly as gen_stats.py does. */
export function data(spec: number[] | LcgSpec): Float64Array {
  if (Array.isArray(spec)) return Float64Array.from(spec);
  let st = spec.seed >>> 0;
  const out = new Float64Array(spec.n);
  for (let i = 0; i < spec.n; i++) {
    let acc = 0;
    for (let t = 0; t < spec.terms; t++) {
      st = (Math.imul(1664525, st) + 1013904223) >>> 0;
      acc += st % spec.mod;
    }
    out[i] = (acc - spec.offset) / spec.scale;
  }
  return out;
}

/** |got − want| ≤ rel·|want| (or both NaN / equal infinities). */
export function expectRel(got: number, want: number, rel: number, what = ''): void {
  if (Number.isNaN(want)) { expect(got, what).toBeNaN(); return; }
  if (!Number.isFinite(want)) { expect(got, what).toBe(want); return; }
  const err = Math.abs(got - want);
  if (!(err <= rel * Math.abs(want) || err <= 1e-300)) {
    expect.fail(`${what}: got ${got}, want ${want} (rel err ${err / Math.abs(want)})`);
  }
}

/** |got − want| ≤ abs (or both NaN). */
export function expectAbs(got: number, want: number, abs: number, what = ''): void {
  if (Number.isNaN(want)) { expect(got, what).toBeNaN(); return; }
  if (!(Math.abs(got - want) <= abs)) expect.fail(`${what}: got ${got}, want ${want} (abs err ${Math.abs(got - want)})`);
}

/** Worst errors seen, for the summary line each suite prints. */
export class Worst {
  stat = 0;
  p = 0;
  add(gs: number, ws: number, gp?: number, wp?: number): void {
    if (Number.isFinite(ws) && ws !== 0) this.stat = Math.max(this.stat, Math.abs(gs - ws) / Math.abs(ws));
    else if (Number.isFinite(ws)) this.stat = Math.max(this.stat, Math.abs(gs - ws));
    if (gp !== undefined && wp !== undefined && Number.isFinite(wp)) this.p = Math.max(this.p, Math.abs(gp - wp));
  }
  toString(): string { return `max stat rel err ${this.stat.toExponential(2)}, max p abs err ${this.p.toExponential(2)}`; }
}
