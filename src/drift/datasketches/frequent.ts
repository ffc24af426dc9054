/**
 * DataSketches frequent-items compact serialisation (family 10) for string items, byte-compatible
 * with datasketches-cpp `frequent_items_sketch<std::string>::serialize()`:
 *
 * - byte 0 preamble longs (1 empty, 4 otherwise), 1 serial version 1, 2 family 10, 3 lg_max_map_size,
 *   4 lg_cur_map_size, 5 flags (bits 0 and 2: empty), 6–7 unused;
 * - non-empty (n > 0 — see the note in `frequentToBytes`): active item count (u32) @8, unused u32, total weight (u64) @16, offset = max error
 *   (u64) @24, one u64 weight per item, then the items, each a u32 byte length + UTF-8.
 */
import { JSON_LIMITS } from '../sketch/json.js';
import { ByteReader, ByteWriter, asBytes, badBytes } from './bytes.js';

const FAMILY = 10;
const FLAG_EMPTY = 1 | 4;
const MAX_ITEM_BYTES = 4 * 1024;
const encoder = /* #__PURE__ */ new TextEncoder();
const decoder = /* #__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Serialises frequent-items state. */
export function frequentToBytes(lgMax: number, lgCur: number, n: number, maxError: number, items: readonly (readonly [string, number])[]): Uint8Array {
  const w = new ByteWriter(32 + items.length * 24);
  // DataSketches writes the empty form whenever no counter is active, dropping n and the offset when a
  // purge removed every counter; we keep them (its reader accepts a non-empty image with 0 items).
  const empty = items.length === 0 && n === 0;
  w.u8(empty ? 1 : 4);
  w.u8(1);
  w.u8(FAMILY);
  w.u8(lgMax);
  w.u8(lgCur);
  w.u8(empty ? FLAG_EMPTY : 0);
  w.u16(0);
  if (empty) return w.bytes();
  w.u32(items.length);
  w.u32(0);
  w.u64(n);
  w.u64(maxError);
  for (const [, v] of items) w.u64(v);
  for (const [k] of items) {
    const b = encoder.encode(k);
    w.u32(b.length);
    w.raw(b);
  }
  return w.bytes();
}

/**
 * Reads frequent-items bytes (string items). Structural checks here; the sketch checks the counts.
 * @throws EdgeAugmentError `INVALID_PROFILE`.
 */
export function frequentFromBytes(input: unknown): { lgMax: number; lgCur: number; n: number; maxError: number; items: [string, number][] } {
  const r = new ByteReader(asBytes(input, 'frequent items'), 'frequent items');
  const pre = r.u8(), ser = r.u8(), fam = r.u8(), lgMax = r.u8(), lgCur = r.u8(), flags = r.u8();
  r.u16();
  if (fam !== FAMILY) badBytes('frequent items', `family ${fam}, expected ${FAMILY}`, 2);
  if (ser !== 1) badBytes('frequent items', `serial version ${ser}`, 1);
  if (flags & ~FLAG_EMPTY) badBytes('frequent items', `unknown flags 0x${flags.toString(16)}`, 5);
  const empty = (flags & FLAG_EMPTY) !== 0;
  if (pre !== (empty ? 1 : 4)) badBytes('frequent items', `preamble longs ${pre}`, 0);
  if (lgMax < 3 || lgMax > 18) badBytes('frequent items', `lg_max_map_size ${lgMax} outside [3, 18]`, 3);
  if (lgCur < 3 || lgCur > lgMax) badBytes('frequent items', `lg_cur_map_size ${lgCur} outside [3, lg_max]`, 4);
  if (empty) { r.end(); return { lgMax, lgCur, n: 0, maxError: 0, items: [] }; }
  const count = r.u32();
  r.u32();
  const n = r.u64('total weight');
  const maxError = r.u64('offset');
  if (count === 0 && maxError === 0) badBytes('frequent items', 'a non-empty sketch with no items and no purge', 8);
  if (count > Math.floor(Math.pow(2, lgMax) * 0.75)) badBytes('frequent items', `${count} items exceed the map capacity`, 8);
  r.need(count * 8);
  const weights = new Array<number>(count);
  for (let i = 0; i < count; i++) weights[i] = r.u64('weight');
  const items: [string, number][] = [];
  for (let i = 0; i < count; i++) {
    const len = r.u32();
    if (len > MAX_ITEM_BYTES) badBytes('frequent items', `item of ${len} bytes (limit ${MAX_ITEM_BYTES})`, r.pos - 4);
    r.need(len);
    let key: string;
    try {
      key = decoder.decode(r.bytes.subarray(r.pos, r.pos + len));
    } catch {
      return badBytes('frequent items', 'item is not valid UTF-8', r.pos);
    }
    if (key.length > JSON_LIMITS.maxKeyLength) badBytes('frequent items', `item longer than ${JSON_LIMITS.maxKeyLength} UTF-16 units`, r.pos);
    r.pos += len;
    items.push([key, weights[i]]);
  }
  r.end();
  return { lgMax, lgCur, n, maxError, items };
}
