/**
 * `lut`: a 256-entry table per colour channel (one table for all when `tables` has 256 entries); alpha
 * untouched. Exact: posterize, solarize, invert, gamma are tables.
 *
 * perf: with conv.wasm loaded, a table that has an exact arithmetic form ({@link arithForm}: invert,
 * posterize, solarize, adjust_brightness's truncU8(f32(k·v))) runs as SIMD arithmetic (`lutArith`), any
 * other table as a table read per byte (`lutApply`) — the same bytes as the TypeScript loop either way.
 */
import { EdgeAugmentError } from '../../errors.js';
import type { Img, Stage, StageKernel } from '../core/types.js';
import { colourChannels, outU8, pixelOnly } from './util.js';
import { brightnessFactor, readyConv, type ArithForm } from './conv-wasm.js';

export interface LutStage extends Stage {
  kind: 'lut';
  /** 256 values (all channels) or 256 × colour channels (channel-major), each 0..255. */
  tables: ArrayLike<number>;
}

/** Makes a table from a function of the level. */
export function tableOf(f: (v: number) => number): Uint8Array {
  const t = new Uint8Array(256);
  for (let v = 0; v < 256; v++) t[v] = f(v);
  return t;
}

/** A table as a Uint8Array (the loops below then see one element kind: monomorphic, no boxing). */
function u8Table(t: ArrayLike<number>): Uint8Array {
  return t instanceof Uint8Array ? t : Uint8Array.from(t as ArrayLike<number>);
}

/**
 * perf: an arithmetic form of a 256-entry table `t` (the same value as `t[v]` for every level v, checked
 * entry by entry), as conv.wasm `lutArith` takes it ({@link ArithForm}):
 *
 * - `[0, a, b]`: (v & a) ^ b — invert (255 − v = v ^ 255), posterize (v & mask), identity, constants;
 * - `[1, a, 0]`: v ≥ a ? 255 − v : v (1 ≤ a ≤ 255) — solarize;
 * - `[2, a, b]`: min(255, ⌊v·(a·2^16 + b) / 2^16⌋) (a ≤ 127) — ⌊k·v⌋ tables, among them most of
 *   adjust_brightness's truncU8(f32(k·v)), wherever a multiplier with a 16-bit binary fraction
 *   reproduces all 256 entries (the smallest one meeting every entry's lower bound is the only
 *   candidate: a larger one only breaks more upper bounds);
 * - `[4, a, b, 0, e]`: form 2's multiplier, one less at up to four levels (the bytes of e; an unused byte
 *   repeats a used level) — adjust_brightness's tables where float32 rounding lifts some products to the
 *   next integer but not others (factor 1.3: 10·f32(1.3) = 12.9999995 → 13, but 90·f32(1.3) = 116.99999
 *   stays 116), so that no ⌊k·v⌋ fits all 256. The largest lower bound M is ≥ the table everywhere and
 *   exceeds it by exactly 1 where it misses (1.3: M = 85197, at 90, 170, 180, 190);
 * - `[3, 0, 0, k]`: truncU8(f32(k·v)) — the other brightness tables: `k` from {@link brightnessFactor};
 *
 * or null (no such form: the table is read per byte).
 */
export function arithForm(t: ArrayLike<number>): ArithForm | null {
  if (t.length < 256) return null;
  const t0 = t[0]!;
  // (v & a) ^ b: b = t[0], a = t[255] ^ b.
  const a0 = t[255]! ^ t0;
  let ok = true;
  for (let v = 1; v < 256 && ok; v++) ok = t[v] === ((v & a0) ^ t0);
  if (ok) return [0, a0, t0, 0, 0];
  if (t0 !== 0) return null;
  // Solarize: the first level that moves is the threshold.
  let thr = 1;
  while (thr < 256 && t[thr] === thr) thr++;
  ok = thr < 256;
  for (let v = thr; v < 256 && ok; v++) ok = t[v] === 255 - v;
  if (ok) return [1, thr, 0, 0, 0];
  // ⌊v·M / 2^16⌋ saturated: M = the largest lower bound ⌈t[v]·2^16 / v⌉ (exact in doubles: a non-integral
  // quotient lies ≥ 1/255 from an integer).
  let m = 0;
  for (let v = 1; v < 256; v++) m = Math.max(m, Math.ceil((t[v]! * 65536) / v));
  if (m < 128 * 65536) {
    // Form 2 where it misses nowhere; form 4 where it is 1 more at up to four levels.
    const a = m >>> 16;
    const b = m & 65535;
    const miss: number[] = [];
    for (let v = 1; v < 256 && miss.length <= FORM4_LEVELS; v++) {
      const d = Math.min(255, a * v + ((v * b) >>> 16)) - t[v]!;
      if (d === 1) miss.push(v);
      else if (d !== 0) miss.length = FORM4_LEVELS + 1;
    }
    if (miss.length === 0) return [2, a, b, 0, 0];
    if (miss.length <= FORM4_LEVELS) {
      while (miss.length < FORM4_LEVELS) miss.push(miss[0]!);
      return [4, a, b, 0, miss[0]! | (miss[1]! << 8) | (miss[2]! << 16) | (miss[3]! << 24)];
    }
  }
  const k = brightnessFactor(t);
  return k >= 0 && k < 32768 ? [3, 0, 0, k, 0] : null;
}

/**
 * At most this many levels of a form-4 table are one less than its ⌊v·M / 2^16⌋ (a compare per level and
 * 16 bytes: with eight the loop took longer than form 3's float32 lanes).
 */
const FORM4_LEVELS = 4;

/** Whether the three channel tables of a 768-entry `t` are one table. */
function oneTable(t: Uint8Array): boolean {
  for (let v = 0; v < 256; v++) if (t[v] !== t[256 + v] || t[v] !== t[512 + v]) return false;
  return true;
}

/** Applies per-channel tables (`t[c * 256 + v]`) to a u8 image; alpha (4th channel) is copied. */
export function applyTables(src: Img, tables: ArrayLike<number>, perChannel: boolean): Img {
  const d = src.data;
  const C = src.channels;
  const n = d.length;
  const out = outU8(n);
  const t = u8Table(tables);
  const wasm = readyConv();
  if (wasm && n > 0) {
    // conv.wasm `lutArith` when the table (one for all colour channels) has an arithmetic form.
    const f = C === 1 || !perChannel || oneTable(t) ? arithForm(t) : null;
    if (f) return wasm.lutArith(src, f, out);
    // conv.wasm `lutApply`: three channel tables (one table: repeated), alpha copied — the same bytes.
    let t3 = t;
    if (C !== 1 && !perChannel) {
      t3 = new Uint8Array(768);
      t3.set(t.subarray(0, 256));
      t3.set(t.subarray(0, 256), 256);
      t3.set(t.subarray(0, 256), 512);
    }
    return wasm.lut(src, t3, out);
  }
  if (C === 1 || (!perChannel && C === 3)) {
    for (let i = 0; i < n; i++) out[i] = t[d[i]!]!;
    return { ...src, data: out };
  }
  const t0 = t.subarray(0, 256);
  const t1 = perChannel ? t.subarray(256, 512) : t0;
  const t2 = perChannel ? t.subarray(512, 768) : t0;
  if (C === 3) {
    for (let i = 0; i < n; i += 3) {
      out[i] = t0[d[i]!]!;
      out[i + 1] = t1[d[i + 1]!]!;
      out[i + 2] = t2[d[i + 2]!]!;
    }
  } else {
    for (let i = 0; i < n; i += 4) {
      out[i] = t0[d[i]!]!;
      out[i + 1] = t1[d[i + 1]!]!;
      out[i + 2] = t2[d[i + 2]!]!;
      out[i + 3] = d[i + 3]!;
    }
  }
  return { ...src, data: out };
}

export const lutKernel: StageKernel = {
  kind: 'lut',
  maskStage: pixelOnly,
  run(src: Img, stage: Stage): Img {
    const t = (stage as LutStage).tables;
    const cc = colourChannels(src);
    if (t.length !== 256 && t.length !== 256 * cc) {
      throw new EdgeAugmentError('INVALID_PARAMS', `lut stage: tables must have 256 or ${256 * cc} entries, got ${t.length}.`);
    }
    return applyTables(src, t, t.length !== 256);
  },
};
