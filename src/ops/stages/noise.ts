/**
 * `noise`: seeded pixel noise on the colour channels (alpha kept). Every random number is a pure
 * function of (seed, sample counter) — a counter-based hash, no state — so replaying the params
 * reproduces the bytes in any runtime, worker or order.
 *
 * Modes:
 * - `gaussian`: v + mean + std·z, z ~ N(0, 1) (Box–Muller on two hashed uniforms per pair of
 *   samples); per channel, or one z per pixel for all colour channels (`perChannel: false`).
 * - `shot`: Poisson photon noise, ImageNet-C's `poisson(v/255·scale)/scale·255` per sample, drawn by
 *   inverting the Poisson CDF of the level (tables for the 256 levels, built per call).
 * - `impulse`: salt and pepper per pixel: with probability amount·saltVsPepper every colour channel
 *   becomes 255, with probability amount·(1 − saltVsPepper) it becomes 0.
 * Results are clamped to 0..255 and rounded half to even (albumentations and ImageNet-C truncate with
 * `astype(uint8)`, which biases the noise by −½ level; we round on purpose).
 */
import { EdgeAugmentError } from '../../errors.js';
import type { Img, Stage, StageKernel } from '../core/types.js';

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

/** Uniform in (0, 1) for sample `i` under `key` (32 bits, never 0 or 1). */
export function noiseUniform(key: number, i: number): number {
  return (mix32(key ^ Math.imul(i, 0x9e3779b9) ^ mix32(Math.floor(i / 4294967296))) + 0.5) / 4294967296;
}

function roundU8(v: number): number {
  if (!(v > 0)) return 0;
  if (v >= 255) return 255;
  const r = Math.round(v);
  return r - v === 0.5 && (r & 1) === 1 ? r - 1 : r;
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
  const n = per ? (d.length / C) * cc : d.length / C;
  // Sample j of n: pair j >> 1 gives two normals (cos and sin branches).
  let z1 = 0;
  let p = 0;
  let c = 0;
  for (let j = 0; j < n; j++) {
    let z: number;
    if ((j & 1) === 0) {
      const u1 = noiseUniform(key, j);
      const u2 = noiseUniform(key, j + 1);
      const r = Math.sqrt(-2 * Math.log(u1));
      const t = 2 * Math.PI * u2;
      z = r * Math.cos(t);
      z1 = r * Math.sin(t);
    } else z = z1;
    const add = mean + std * z;
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
export const MAX_SHOT_SCALE = 1000;

function shot(src: Img, s: NoiseStage): Img {
  const c = s.scale ?? 0;
  if (!(c > 0 && c <= MAX_SHOT_SCALE)) throw new EdgeAugmentError('INVALID_PARAMS', `noise stage: scale must be in (0, ${MAX_SHOT_SCALE}], got ${c}.`);
  // CDF of Poisson(λ_v) for each level v, up to where the tail is below 2⁻⁴⁰.
  const cdfs: Float64Array[] = [];
  for (let v = 0; v < 256; v++) {
    const lam = (v / 255) * c;
    const cdf: number[] = [];
    let pk = Math.exp(-lam);
    let acc = pk;
    cdf.push(acc);
    if (pk === 0) {
      // Large λ: start in log space (λ ≤ 1000 keeps log-probabilities finite).
      let lp = -lam;
      acc = 0;
      cdf.length = 0;
      for (let k = 0; ; k++) {
        if (k > 0) lp += Math.log(lam / k);
        acc += Math.exp(lp);
        cdf.push(acc);
        if (k > lam && 1 - acc < 1e-12) break;
      }
    } else {
      for (let k = 1; 1 - acc > 1e-12 && k < 10 * lam + 50; k++) {
        pk *= lam / k;
        acc += pk;
        cdf.push(acc);
      }
    }
    cdfs.push(Float64Array.from(cdf));
  }
  const key = noiseKey(s.seed);
  const d = src.data;
  const C = src.channels;
  const cc = C === 4 ? 3 : C;
  const out = new Uint8Array(d);
  const f = 255 / c;
  let j = 0;
  for (let p = 0; p < d.length; p += C) {
    for (let k = 0; k < cc; k++, j++) {
      const cdf = cdfs[d[p + k]!]!;
      const u = noiseUniform(key, j);
      // Smallest k with cdf[k] ≥ u (binary search; the last entry stands for the tail).
      let lo = 0;
      let hi = cdf.length - 1;
      while (lo < hi) {
        const m = (lo + hi) >> 1;
        if (cdf[m]! >= u) hi = m;
        else lo = m + 1;
      }
      out[p + k] = roundU8(lo * f);
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
  run(src: Img, stage: Stage): Img {
    const s = stage as NoiseStage;
    if (s.mode === 'gaussian') return gaussian(src, s);
    if (s.mode === 'shot') return shot(src, s);
    if (s.mode === 'impulse') return impulse(src, s);
    throw new EdgeAugmentError('INVALID_PARAMS', `noise stage: unknown mode ${String(s.mode)}.`);
  },
};
