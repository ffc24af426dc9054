/**
 * Input handling shared by the statistics: conversion to Float64Array, validation with typed errors,
 * NaN detection, ranking. Not part of the public surface.
 *
 * NaN policy (all functions): a NaN anywhere in a sample makes every numeric field of the result NaN,
 * like scipy's default `nan_policy='propagate'`. Empty samples, negative weights and malformed tables
 * throw `EdgeAugmentError` ('INVALID_ARGUMENT' or 'INSUFFICIENT_DATA').
 */
import { EdgeAugmentError } from '../../errors.js';

/** Numeric sample accepted by every statistic. */
export type NumericArray = readonly number[] | Float64Array | Float32Array;

/** Copies `x` into a fresh Float64Array (validating that it is array-like and of numbers). */
export function toF64(x: NumericArray, name: string): Float64Array {
  if (x instanceof Float64Array) return x.slice();
  if (x instanceof Float32Array) return Float64Array.from(x);
  if (!Array.isArray(x)) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `${name} must be a number[], Float64Array or Float32Array.`);
  }
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== 'number') {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `${name}[${i}] is not a number (got ${typeof v}).`);
    }
    out[i] = v;
  }
  return out;
}

/** Like {@link toF64} and throws INSUFFICIENT_DATA when the sample has fewer than `min` values. */
export function sample(x: NumericArray, name: string, min = 1): Float64Array {
  const a = toF64(x, name);
  if (a.length < min) {
    throw new EdgeAugmentError('INSUFFICIENT_DATA',
      min === 1 ? `${name} must not be empty.` : `${name} needs at least ${min} observations (got ${a.length}).`);
  }
  return a;
}

/** True when any element is NaN. */
export function hasNaN(a: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== a[i]) return true;
  return false;
}

/** Throws INVALID_ARGUMENT unless `value` is one of `allowed`. */
export function oneOf<T extends string>(value: T | undefined, allowed: readonly T[], fallback: T, name: string): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `${name} must be one of ${allowed.map((s) => `'${s}'`).join(', ')} (got '${String(value)}').`);
  }
  return value;
}

/** Greatest common divisor of two non-negative integers. */
export function gcd(a: number, b: number): number {
  while (b) { const t = a % b; a = b; b = t; }
  return a;
}

/**
 * Average ranks (1-based) of `a`, ties get the mean of their ranks (scipy.stats.rankdata 'average').
 * Also returns Σ(t³ − t) over tie groups.
 */
export function rankAverage(a: Float64Array): { ranks: Float64Array; tieTerm: number } {
  const n = a.length;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((i, j) => a[i] - a[j]);
  const ranks = new Float64Array(n);
  let tieTerm = 0;
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && a[idx[j]] === a[idx[i]]) j++;
    const r = (i + 1 + j) / 2; // mean of ranks i+1 … j
    for (let k = i; k < j; k++) ranks[idx[k]] = r;
    const t = j - i;
    tieTerm += t * t * t - t;
    i = j;
  }
  return { ranks, tieTerm };
}

/** Validates a probability/weight vector: finite, non-negative, positive sum. Returns it normalised. */
export function normalisedWeights(x: NumericArray, name: string): Float64Array {
  const a = sample(x, name);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v !== v) continue;
    if (v < 0 || !Number.isFinite(v)) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `${name}[${i}] must be finite and non-negative (got ${v}).`);
    }
    s += v;
  }
  if (hasNaN(a)) return a.fill(NaN);
  if (!(s > 0)) throw new EdgeAugmentError('INVALID_ARGUMENT', `${name} must have a positive sum.`);
  for (let i = 0; i < a.length; i++) a[i] /= s;
  return a;
}

/**
 * Sorts a NaN-free Float64Array ascending in place and returns it. Large arrays use an LSD radix sort
 * on the IEEE-754 bit patterns (4 passes of 16 bits over order-preserving keys): several times faster
 * than the comparison sort for the 1e5-element samples drift checks see.
 */
export function sortInPlace(a: Float64Array): Float64Array {
  const n = a.length;
  if (n < 4096) return a.sort();
  const bits = new Uint32Array(a.buffer, a.byteOffset, n * 2); // little-endian: [lo, hi] pairs
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const l = bits[2 * i];
    const h = bits[2 * i + 1];
    if (h & 0x80000000) { lo[i] = ~l >>> 0; hi[i] = ~h >>> 0; } else { lo[i] = l; hi[i] = (h | 0x80000000) >>> 0; }
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const src = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(src[i] >>> shift) & 0xffff]++;
    let sum = 0;
    for (let d = 0; d < 65536; d++) { const c = count[d]; count[d] = sum; sum += c; }
    for (let i = 0; i < n; i++) {
      const pos = count[(src[i] >>> shift) & 0xffff]++;
      lo2[pos] = lo[i];
      hi2[pos] = hi[i];
    }
    let t = lo; lo = lo2; lo2 = t;
    t = hi; hi = hi2; hi2 = t;
  }
  for (let i = 0; i < n; i++) {
    const h = hi[i];
    const l = lo[i];
    if (h & 0x80000000) { bits[2 * i] = l; bits[2 * i + 1] = (h & 0x7fffffff) >>> 0; } else { bits[2 * i] = ~l >>> 0; bits[2 * i + 1] = ~h >>> 0; }
  }
  return a;
}
