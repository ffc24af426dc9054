/**
 * DataSketches KLL compact serialisation (family 15), byte-compatible with datasketches-cpp
 * `kll_sketch<float>` / `kll_sketch<double>::serialize()`:
 *
 * - byte 0 preamble ints (2 empty or single item, 5 otherwise), 1 serial version (1; 2 for a single
 *   item), 2 family 15, 3 flags (bit 0 empty, bit 1 level 0 sorted, bit 2 single item), 4–5 k (u16),
 *   6 m (= 8), 7 unused;
 * - full: n (u64) @8, min_k (u16) @16, num_levels (u8) @18, unused @19, num_levels u32 level offsets
 *   (the last, the total capacity, is implied), min item, max item, retained items level 0 upward;
 * - single item: the item @8.
 *
 * Item width (4 for float, 8 for double) is not in the bytes; the reader infers it from the length.
 */
import { KllSketch, kllTotalCapacity, validateKllState, KLL_M, type KllItemType, type KllState } from '../sketch/kll.js';
import { ByteReader, ByteWriter, asBytes, badBytes } from './bytes.js';

const FAMILY = 15;
const FLAG_EMPTY = 1, FLAG_L0_SORTED = 2, FLAG_SINGLE = 4;

/** Serialises a sketch in the DataSketches compact KLL format. */
export function kllToBytes(s: KllSketch): Uint8Array {
  const st = s.state();
  const w = new ByteWriter(64 + 8 * s.retained);
  const empty = st.n === 0, single = st.n === 1;
  const item = st.itemType === 'float' ? (v: number) => w.f32(v) : (v: number) => w.f64(v);
  w.u8(empty || single ? 2 : 5);
  w.u8(single ? 2 : 1);
  w.u8(FAMILY);
  w.u8((empty ? FLAG_EMPTY : 0) | (st.levelZeroSorted ? FLAG_L0_SORTED : 0) | (single ? FLAG_SINGLE : 0));
  w.u16(st.k);
  w.u8(KLL_M);
  w.u8(0);
  if (empty) return w.bytes();
  if (!single) {
    w.u64(st.n);
    w.u16(st.minK);
    w.u8(st.numLevels);
    w.u8(0);
    for (let h = 0; h < st.numLevels; h++) w.u32(st.levels[h]);
    item(st.min);
    item(st.max);
  }
  for (let i = st.levels[0]; i < st.levels[st.numLevels]; i++) item(st.items[i]);
  return w.bytes();
}

/**
 * Reads DataSketches compact KLL bytes. `itemType` is inferred from the length when omitted (an
 * empty sketch then reads as `'double'`). The result has the largest `errorVariance` its levels allow.
 * @throws EdgeAugmentError `INVALID_PROFILE` for anything malformed or inconsistent.
 */
export function kllFromBytes(input: unknown, options: { itemType?: KllItemType } = {}): KllSketch {
  const bytes = asBytes(input, 'KLL');
  const r = new ByteReader(bytes, 'KLL');
  const pre = r.u8(), ser = r.u8(), fam = r.u8(), flags = r.u8(), k = r.u16(), m = r.u8();
  r.u8();
  if (fam !== FAMILY) badBytes('KLL', `family ${fam}, expected ${FAMILY}`, 2);
  if (ser !== 1 && ser !== 2) badBytes('KLL', `serial version ${ser}`, 1);
  if (m !== KLL_M) badBytes('KLL', `m = ${m}, expected ${KLL_M}`, 6);
  if (k < KLL_M) badBytes('KLL', `k = ${k} < ${KLL_M}`, 4);
  if (flags & ~7) badBytes('KLL', `unknown flags 0x${flags.toString(16)}`, 3);
  const empty = (flags & FLAG_EMPTY) !== 0, single = (flags & FLAG_SINGLE) !== 0;
  if (empty && single) badBytes('KLL', 'both empty and single-item flags', 3);
  if ((empty || single) !== (pre === 2) || (!empty && !single && pre !== 5)) badBytes('KLL', `preamble ints ${pre} for flags 0x${flags.toString(16)}`, 0);
  if (single !== (ser === 2)) badBytes('KLL', `serial version ${ser} for flags 0x${flags.toString(16)}`, 1);
  const type = (n: number): KllItemType => {
    if (options.itemType) return options.itemType;
    return n === 4 ? 'float' : 'double';
  };
  if (empty) {
    r.end();
    return KllSketch.fromState({
      k, minK: k, itemType: options.itemType ?? 'double', n: 0, min: NaN, max: NaN,
      numLevels: 1, levels: [k, k], items: new Float64Array(k), levelZeroSorted: (flags & FLAG_L0_SORTED) !== 0,
    }, 0);
  }
  if (single) {
    const width = bytes.length - 8;
    const itemType = type(width);
    if (width !== (itemType === 'float' ? 4 : 8)) badBytes('KLL', `single-item sketch of ${bytes.length} bytes`, 8);
    const v = itemType === 'float' ? r.f32() : r.f64();
    r.end();
    const items = new Float64Array(k);
    items[k - 1] = v;
    const st: KllState = { k, minK: k, itemType, n: 1, min: v, max: v, numLevels: 1, levels: [k - 1, k], items, levelZeroSorted: (flags & FLAG_L0_SORTED) !== 0 };
    validateKllState(st, (what) => badBytes('KLL', what));
    return KllSketch.fromState(st, 0);
  }
  const n = r.u64('n');
  const minK = r.u16();
  const numLevels = r.u8();
  r.u8();
  if (numLevels < 1 || numLevels > 61) badBytes('KLL', `num_levels = ${numLevels}`, 18);
  if (minK < KLL_M || minK > k) badBytes('KLL', `min_k = ${minK} outside [${KLL_M}, k]`, 16);
  const levels = new Array<number>(numLevels + 1);
  for (let h = 0; h < numLevels; h++) levels[h] = r.u32();
  const capacity = kllTotalCapacity(k, numLevels);
  levels[numLevels] = capacity;
  if (levels[0] > capacity) badBytes('KLL', `level 0 offset ${levels[0]} beyond the capacity ${capacity}`, 20);
  const retained = capacity - levels[0];
  const rest = bytes.length - r.pos;
  let itemType: KllItemType;
  if (options.itemType) itemType = options.itemType;
  else if (rest === 4 * (retained + 2)) itemType = 'float';
  else itemType = 'double';
  const width = itemType === 'float' ? 4 : 8;
  if (rest !== width * (retained + 2)) badBytes('KLL', `${rest} item bytes for ${retained} retained ${itemType} items + min + max`, r.pos);
  const read = itemType === 'float' ? () => r.f32() : () => r.f64();
  const min = read(), max = read();
  const items = new Float64Array(capacity);
  for (let i = levels[0]; i < capacity; i++) items[i] = read();
  r.end();
  const st: KllState = { k, minK, itemType, n, min, max, numLevels, levels, items, levelZeroSorted: (flags & FLAG_L0_SORTED) !== 0 };
  validateKllState(st, (what) => badBytes('KLL', what));
  if (numLevels > 1 && minK === k && n < 2) badBytes('KLL', 'n < 2 in the full format');
  return KllSketch.fromState(st);
}
