/**
 * DataSketches HLL serialisation (family 7), after datasketches-cpp `hll_sketch::serialize_compact()`:
 *
 * - byte 0 preamble ints (2 LIST, 3 SET, 10 HLL), 1 serial version 1, 2 family 7, 3 lgK (4–21),
 *   4 lgArr (coupon array size or HLL_4 aux array size), 5 flags (4 empty, 8 compact, 16 out of order,
 *   32 full size), 6 LIST coupon count or HLL cur_min, 7 mode (low 2 bits LIST/SET/HLL) | target
 *   type << 2 (HLL_4, HLL_6, HLL_8);
 * - LIST: coupons (u32) @8; SET: count (u32) @8, coupons @12 (compact: count coupons; updatable: the
 *   2^lgArr slots);
 * - HLL: HIP accumulator (f64) @8, kxq0 @16, kxq1 @24, cur_min count (u32) @32, aux count (u32) @36,
 *   registers @40 (HLL_8 one byte each; HLL_6 packed 6 bits; HLL_4 nibbles + cur_min, 15 = look in the
 *   aux table of (slot | value << 26) u32s that follows).
 *
 * We write HLL mode, HLL_8, compact, full size. We read all of the above.
 */
import type { HllSketch, HllState } from '../sketch/hll.js';
import { ByteReader, ByteWriter, asBytes, badBytes } from './bytes.js';

const FAMILY = 7;
const F_EMPTY = 4, F_COMPACT = 8, F_OOO = 16, F_FULL = 32;
const LG_AUX_ARR_INTS = [0, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 7, 8, 9, 10, 11, 12, 13];
const fail = (what: string, at?: number): never => badBytes('HLL', what, at);

/** Serialises a sketch as HLL-mode HLL_8 compact bytes with the full-size flag. */
export function hllToBytes(s: HllSketch): Uint8Array {
  const st = s.state();
  const K = 1 << st.lgK;
  const w = new ByteWriter(40 + K);
  w.u8(10); w.u8(1); w.u8(FAMILY); w.u8(st.lgK); w.u8(0);
  w.u8((s.isEmpty ? F_EMPTY : 0) | F_COMPACT | (st.outOfOrder ? F_OOO : 0) | F_FULL);
  w.u8(0);
  w.u8(2 | (2 << 2));
  w.f64(st.hip); w.f64(st.kxq0); w.f64(st.kxq1);
  let zeros = 0;
  for (let i = 0; i < K; i++) if (st.registers[i] === 0) zeros++;
  w.u32(zeros);
  w.u32(0);
  w.raw(st.registers);
  return w.bytes();
}

function checkCoupon(c: number, at: number): void {
  const v = c >>> 26;
  if (c === 0 || v < 1 || v > 63) fail(`invalid coupon 0x${c.toString(16)}`, at);
}

/**
 * Reads any DataSketches HLL serialisation into a sketch state.
 * @throws EdgeAugmentError `INVALID_PROFILE`.
 */
export function hllFromBytes(input: unknown): HllState {
  const r = new ByteReader(asBytes(input, 'HLL'), 'HLL');
  const pre = r.u8(), ser = r.u8(), fam = r.u8(), lgK = r.u8(), lgArr = r.u8(), flags = r.u8(), b6 = r.u8(), modeByte = r.u8();
  if (fam !== FAMILY) fail(`family ${fam}, expected ${FAMILY}`, 2);
  if (ser !== 1) fail(`serial version ${ser}`, 1);
  if (lgK < 4 || lgK > 21) fail(`lgK ${lgK} outside [4, 21]`, 3);
  if (flags & ~(F_EMPTY | F_COMPACT | F_OOO | F_FULL | 3)) fail(`unknown flags 0x${flags.toString(16)}`, 5);
  const mode = modeByte & 3, tgt = (modeByte >> 2) & 3;
  if (modeByte & ~15 || mode === 3 || tgt === 3) fail(`mode byte 0x${modeByte.toString(16)}`, 7);
  const K = 1 << lgK;
  const compact = (flags & F_COMPACT) !== 0;
  const base: HllState = { lgK, registers: new Uint8Array(K), hip: 0, kxq0: K, kxq1: 0, outOfOrder: (flags & F_OOO) !== 0, coupons: null };
  if (mode === 0 || mode === 1) {
    if (pre !== (mode === 0 ? 2 : 3)) fail(`preamble ints ${pre} for ${mode === 0 ? 'LIST' : 'SET'} mode`, 0);
    if (lgArr > 26) fail(`lgArr ${lgArr}`, 4);
    let count: number;
    if (mode === 0) {
      count = b6;
      if (lgArr < 3 && !(flags & F_EMPTY && count === 0)) fail(`LIST lgArr ${lgArr}`, 4);
    } else {
      if (lgK <= 7) fail('SET mode needs lgK > 7', 3);
      if (lgArr < 5) fail(`SET lgArr ${lgArr}`, 4);
      count = r.u32();
    }
    const slots = 1 << lgArr;
    if (count > slots) fail(`${count} coupons in ${slots} slots`, 6);
    if ((flags & F_EMPTY) && count !== 0) fail('empty flag with coupons', 5);
    const n = compact ? count : slots;
    r.need(4 * n);
    const seen = new Set<number>();
    const coupons: number[] = [];
    for (let i = 0; i < n; i++) {
      const at = r.pos;
      const c = r.u32();
      if (!compact && c === 0) continue;
      checkCoupon(c, at);
      if (seen.has(c)) fail('duplicate coupon', at);
      seen.add(c);
      coupons.push(c);
    }
    if (coupons.length !== count) fail(`${coupons.length} coupons, header says ${count}`, 6);
    r.end();
    return { ...base, outOfOrder: false, coupons };
  }
  if (pre !== 10) fail(`preamble ints ${pre} for HLL mode`, 0);
  const curMin = b6;
  const hip = r.f64(), kxq0 = r.f64(), kxq1 = r.f64();
  r.u32(); // cur_min count: recomputed
  const auxCount = r.u32();
  if (!Number.isFinite(hip) || hip < 0 || !Number.isFinite(kxq0) || !Number.isFinite(kxq1)) fail('non-finite or negative HIP/kxq', 8);
  const regs = base.registers;
  if (tgt === 2) {
    r.need(K);
    regs.set(r.bytes.subarray(r.pos, r.pos + K));
    r.pos += K;
    if (curMin !== 0 || auxCount !== 0) fail('HLL_8 with cur_min or aux entries', 6);
  } else if (tgt === 1) {
    const nb = ((K * 3) >> 2) + 1;
    r.need(nb);
    const b = r.bytes.subarray(r.pos, r.pos + nb);
    for (let i = 0; i < K; i++) {
      const bit = i * 6, byte = bit >> 3;
      regs[i] = (((b[byte + 1] << 8) | b[byte]) >> (bit & 7)) & 63;
    }
    r.pos += nb;
    if (curMin !== 0 || auxCount !== 0) fail('HLL_6 with cur_min or aux entries', 6);
  } else {
    if (curMin > 63) fail(`cur_min ${curMin}`, 6);
    const nb = K >> 1;
    r.need(nb);
    const b = r.bytes.subarray(r.pos, r.pos + nb);
    const aux: number[] = [];
    for (let i = 0; i < K; i++) {
      const nib = (i & 1) ? b[i >> 1] >> 4 : b[i >> 1] & 15;
      if (nib === 15) aux.push(i);
      else regs[i] = nib + curMin;
    }
    r.pos += nb;
    const lgAux = lgArr;
    if (auxCount > 0 && lgAux !== LG_AUX_ARR_INTS[lgK] && (lgAux < LG_AUX_ARR_INTS[lgK] || lgAux > lgK)) fail(`aux lgArr ${lgAux}`, 4);
    const n = compact ? auxCount : (auxCount > 0 ? 1 << lgAux : 0);
    if (auxCount > K) fail(`${auxCount} aux entries`, 36);
    r.need(4 * n);
    const auxVals = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const at = r.pos;
      const c = r.u32();
      if (!compact && c === 0) continue;
      const slot = c & 0x3ffffff, v = c >>> 26;
      if (slot >= K || v < 1 || v > 63 || auxVals.has(slot)) fail(`invalid aux entry 0x${c.toString(16)}`, at);
      auxVals.set(slot, v);
    }
    if (auxVals.size !== auxCount || auxVals.size !== aux.length) fail(`${auxVals.size} aux entries for ${aux.length} exception slots (header ${auxCount})`, 36);
    for (const slot of aux) {
      const v = auxVals.get(slot);
      if (v === undefined || v < curMin + 15) fail(`aux entry missing or too small for slot ${slot}`, 36);
      regs[slot] = v!;
    }
  }
  // Trailing bytes are allowed only in updatable images that pad the aux array.
  if (compact) r.end();
  let k0 = 0, k1 = 0, zeros = 0;
  for (let i = 0; i < K; i++) {
    const v = regs[i];
    if (v > 63) fail(`register ${i} = ${v}`, 40);
    if (v === 0) zeros++;
    if (v < 32) k0 += Math.pow(2, -v); else k1 += Math.pow(2, -v);
  }
  const empty = zeros === K;
  if (((flags & F_EMPTY) !== 0) !== empty && !(empty && hip === 0)) fail('empty flag disagrees with the registers', 5);
  const ooo = (flags & F_OOO) !== 0;
  if (!ooo && hip < K - zeros - 1e-9 * K) fail('HIP accumulator below the number of set registers', 8);
  // kxq are sums over the registers: keep the stored ones (the C++ incremental sums) when they agree.
  if (Math.abs(kxq0 - k0) > 1e-9 * K || Math.abs(kxq1 - k1) > 1e-9 * K) fail('kxq0/kxq1 disagree with the registers', 16);
  return { ...base, hip: ooo ? 0 : hip, kxq0, kxq1, outOfOrder: ooo };
}
