/**
 * `noise`: seeded pixel noise on the colour channels (alpha kept). Every random number is a pure
 * function of (seed, sample counter) — a counter-based hash, no state — so replaying the params
 * reproduces the bytes in any runtime, worker or order.
 *
 * Modes:
 * - `gaussian`: v + mean + std·z, z = Φ⁻¹(u) of one hashed uniform per sample (table + linear
 *   interpolation, the quantile itself in the tails); per channel, or one z per pixel for all colour channels (`perChannel: false`).
 * - `shot`: Poisson photon noise, ImageNet-C's `poisson(v/255·scale)/scale·255` per sample, drawn by
 *   inverting the Poisson CDF of the level (tables for the 256 levels, built per call).
 * - `impulse`: salt and pepper per pixel: with probability amount·saltVsPepper every colour channel
 *   becomes 255, with probability amount·(1 − saltVsPepper) it becomes 0.
 * Results are clamped to 0..255 and rounded half to even (albumentations and ImageNet-C truncate with
 * `astype(uint8)`, which biases the noise by −½ level; we round on purpose).
 */
import { EdgeAugmentError } from '../../errors.js';
import type { Img, Stage, StageKernel } from '../core/types.js';
import { pixelOnly } from './util.js';

export interface NoiseStage extends Stage {
  kind: 'noise';
  mode: 'gaussian' | 'shot' | 'impulse';
  /** 32-bit seed of the pixel randomness. */
  seed: number;
  /** gaussian: mean and standard deviation in levels, and one draw per channel or per pixel. */
  mean?: number;
  std?: number;
  perChannel?: boolean;
  /** shot: photons per unit intensity (ImageNet-C's c: 60, 25, 12, 5, 3 for severities 1–5). */
  scale?: number;
  /** impulse: fraction of pixels hit, and the share of those that turn white. */
  amount?: number;
  saltVsPepper?: number;
}

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

/** The per-call key of a seed (so nearby seeds give unrelated streams). */
export function noiseKey(seed: number): number {
  return mix32(mix32((seed >>> 0) ^ 0x5bd1e995) ^ 0x27d4eb2f);
}

/** Uniform in (0, 1) for sample `i` (< 2³²) under `key` (32 bits, never 0 or 1). */
export function noiseUniform(key: number, i: number): number {
  let x = key ^ Math.imul(i, 0x9e3779b9);
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (((x ^ (x >>> 15)) >>> 0) + 0.5) / 4294967296;
}

/**
 * Standard normal quantile Φ⁻¹(p) for p in (0, 1) (P. J. Acklam's rational approximation, relative
 * error < 1.2·10⁻⁹): one uniform per normal, no transcendental function in the central 95 %.
 */
export function normalQuantile(p: number): number {
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00) /
      ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q + 3.754408661907416e+00) * q + 1);
  }
  if (p > 0.97575) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00) /
      ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q + 3.754408661907416e+00) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q /
    (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
}

function roundU8(v: number): number {
  if (!(v > 0)) return 0;
  if (v >= 255) return 255;
  const r = Math.round(v);
  return r - v === 0.5 && (r & 1) === 1 ? r - 1 : r;
}

let quantileTable: Float64Array | undefined;

/**
 * z = Φ⁻¹(u) for a 32-bit hash h, u = (h + ½)/2³²: linear interpolation in a table of Φ⁻¹ at the 65,537
 * points k/65,536 (top 16 bits: the cell, low 16 bits: the fraction); the 256 outer cells on each
 * side (|z| > 2.66, 0.8 % of the samples) use {@link normalQuantile} directly. Error < 2·10⁻⁴ in z.
 */
export function normalFromHash(h: number): number {
  const t = (quantileTable ??= (() => {
    const q = new Float64Array(65537);
    for (let k = 1; k < 65536; k++) q[k] = normalQuantile(k / 65536);
    return q;
  })());
  const k = h >>> 16;
  if (k < 256 || k >= 65280) return normalQuantile((h + 0.5) / 4294967296);
  const f = ((h & 0xffff) + 0.5) / 65536;
  return t[k]! + (t[k + 1]! - t[k]!) * f;
}

/** The 32-bit hash of sample `i` under `key` (what {@link noiseUniform} scales to (0, 1)). */
export function noiseHash(key: number, i: number): number {
  let x = key ^ Math.imul(i, 0x9e3779b9);
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

function gaussian(src: Img, s: NoiseStage): Img {
  const mean = s.mean ?? 0;
  const std = s.std ?? 0;
  const key = noiseKey(s.seed);
  const d = src.data;
  const C = src.channels;
  const cc = C === 4 ? 3 : C;
  const out = new Uint8Array(d);
  const per = s.perChannel !== false || cc === 1;
  if (per && C !== 4) {
    for (let j = 0; j < d.length; j++) out[j] = roundU8(d[j]! + mean + std * normalFromHash(noiseHash(key, j)));
    return { ...src, data: out };
  }
  const n = per ? (d.length / C) * cc : d.length / C;
  let p = 0;
  let c = 0;
  for (let j = 0; j < n; j++) {
    const add = mean + std * normalFromHash(noiseHash(key, j));
    if (per) {
      out[p + c] = roundU8(d[p + c]! + add);
      if (++c === cc) { c = 0; p += C; }
    } else {
      for (let k = 0; k < cc; k++) out[p + k] = roundU8(d[p + k]! + add);
      p += C;
    }
  }
  return { ...src, data: out };
}

/** Largest `scale` of the shot-noise tables (λ up to this many photons). */
export const MAX_SHOT_SCALE = 500;

function shot(src: Img, s: NoiseStage): Img {
  const c = s.scale ?? 0;
  if (!(c > 0 && c <= MAX_SHOT_SCALE)) throw new EdgeAugmentError('INVALID_PARAMS', `noise stage: scale must be in (0, ${MAX_SHOT_SCALE}], got ${c}.`);
  // CDF of Poisson(λ_v) for each level v (flat, level v at offs[v]), up to where the tail is below
  // 10⁻¹², and a guide table per level: guide[v·G + b] = first k with cdf[k] ≥ b/G.
  const G = 32;
  const cdfList: number[] = [];
  const offs = new Int32Array(257);
  for (let v = 0; v < 256; v++) {
    offs[v] = cdfList.length;
    const lam = (v / 255) * c;
    let pk = Math.exp(-lam); // > 0 for λ ≤ 700: MAX_SHOT_SCALE keeps it there
    let acc = 0;
    for (let k = 0; ; k++) {
      if (k > 0) pk *= lam / k;
      acc += pk;
      cdfList.push(acc);
      if ((k >= lam && 1 - acc < 1e-12) || k > 10 * lam + 60) break;
    }
  }
  offs[256] = cdfList.length;
  const cdf = Float64Array.from(cdfList);
  const guide = new Int32Array(256 * G);
  for (let v = 0; v < 256; v++) {
    let k = offs[v]!;
    const last = offs[v + 1]! - 1;
    for (let b = 0; b < G; b++) {
      while (k < last && cdf[k]! < b / G) k++;
      guide[v * G + b] = k;
    }
  }
  const key = noiseKey(s.seed);
  const d = src.data;
  const C = src.channels;
  const cc = C === 4 ? 3 : C;
  const out = new Uint8Array(d);
  const f = 255 / c;
  let j = 0;
  for (let p = 0; p < d.length; p += C) {
    for (let ch = 0; ch < cc; ch++, j++) {
      const v = d[p + ch]!;
      const u = noiseUniform(key, j);
      // Smallest k with cdf[k] ≥ u, from the guide (the last entry stands for the tail).
      let k = guide[v * G + Math.floor(u * G)]!;
      const last = offs[v + 1]! - 1;
      while (k < last && cdf[k]! < u) k++;
      out[p + ch] = roundU8((k - offs[v]!) * f);
    }
  }
  return { ...src, data: out };
}

function impulse(src: Img, s: NoiseStage): Img {
  const amount = s.amount ?? 0;
  const salt = amount * (s.saltVsPepper ?? 0.5);
  const key = noiseKey(s.seed);
  const d = src.data;
  const C = src.channels;
  const cc = C === 4 ? 3 : C;
  const out = new Uint8Array(d);
  for (let p = 0, j = 0; p < d.length; p += C, j++) {
    const u = noiseUniform(key, j);
    if (u < salt) for (let k = 0; k < cc; k++) out[p + k] = 255;
    else if (u < amount) for (let k = 0; k < cc; k++) out[p + k] = 0;
  }
  return { ...src, data: out };
}

export const noiseKernel: StageKernel = {
  kind: 'noise',
  maskStage: pixelOnly,
  run(src: Img, stage: Stage): Img {
    const s = stage as NoiseStage;
    if (s.mode === 'gaussian') return gaussian(src, s);
    if (s.mode === 'shot') return shot(src, s);
    if (s.mode === 'impulse') return impulse(src, s);
    throw new EdgeAugmentError('INVALID_PARAMS', `noise stage: unknown mode ${String(s.mode)}.`);
  },
};
