/**
 * A minimal ZIP writer: STORE only (PNGs are already compressed), CRC-32, UTF-8 names, no ZIP64
 * (fine below 4 GiB and 65,535 entries, checked). Enough for "download all".
 */

const CRC_TABLE = /* #__PURE__ */ (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE 802.3) of bytes. */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One file of the archive. */
export interface ZipEntry {
  /** Path inside the archive, '/'-separated. */
  name: string;
  data: Uint8Array;
}

function dosDateTime(d: Date): [number, number] {
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
  const date = ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  return [time, date];
}

/**
 * Builds a ZIP archive of `entries` (stored, uncompressed).
 * @throws {RangeError} for more than 65,535 entries or more than 4 GiB.
 */
export function createZip(entries: readonly ZipEntry[], when = new Date()): Uint8Array<ArrayBuffer> {
  if (entries.length > 0xffff) throw new RangeError('createZip: at most 65,535 entries (no ZIP64).');
  const enc = new TextEncoder();
  const [time, date] = dosDateTime(when);
  const names = entries.map((e) => enc.encode(e.name));
  const localSize = entries.reduce((s, e, i) => s + 30 + names[i].length + e.data.length, 0);
  const centralSize = names.reduce((s, n) => s + 46 + n.length, 0);
  const total = localSize + centralSize + 22;
  if (total > 0xffffffff) throw new RangeError('createZip: archive larger than 4 GiB (no ZIP64).');
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  const offsets: number[] = [];
  const crcs = entries.map((e) => crc32(e.data));
  let p = 0;
  const header = (sig: number, i: number, central: boolean) => {
    const e = entries[i];
    v.setUint32(p, sig, true); p += 4;
    if (central) { v.setUint16(p, 20, true); p += 2; } // version made by
    v.setUint16(p, 20, true); // version needed
    v.setUint16(p + 2, 0x0800, true); // flags: UTF-8 names
    v.setUint16(p + 4, 0, true); // method: STORE
    v.setUint16(p + 6, time, true);
    v.setUint16(p + 8, date, true);
    v.setUint32(p + 10, crcs[i], true);
    v.setUint32(p + 14, e.data.length, true);
    v.setUint32(p + 18, e.data.length, true);
    v.setUint16(p + 22, names[i].length, true);
    v.setUint16(p + 24, 0, true); // extra length
    p += 26;
    if (central) {
      v.setUint16(p, 0, true); // comment length
      v.setUint16(p + 2, 0, true); // disk
      v.setUint16(p + 4, 0, true); // internal attributes
      v.setUint32(p + 6, 0, true); // external attributes
      v.setUint32(p + 10, offsets[i], true);
      p += 14;
    }
    out.set(names[i], p); p += names[i].length;
  };
  entries.forEach((e, i) => {
    offsets.push(p);
    header(0x04034b50, i, false);
    out.set(e.data, p); p += e.data.length;
  });
  const centralStart = p;
  entries.forEach((_, i) => header(0x02014b50, i, true));
  v.setUint32(p, 0x06054b50, true);
  v.setUint16(p + 8, entries.length, true);
  v.setUint16(p + 10, entries.length, true);
  v.setUint32(p + 12, p - centralStart, true);
  v.setUint32(p + 16, centralStart, true);
  return out;
}
