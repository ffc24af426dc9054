/**
 * Little-endian byte reading/writing for the DataSketches compact formats. Every read is bounds
 * checked; any malformed input becomes `EdgeAugmentError('INVALID_PROFILE')` naming the sketch family
 * and the byte offset, never a RangeError or a silent wrong answer.
 */
import { EdgeAugmentError } from '../../errors.js';

/** Throws the typed error for hostile or unsupported sketch bytes. */
export function badBytes(family: string, what: string, offset?: number): never {
  throw new EdgeAugmentError('INVALID_PROFILE', `Invalid DataSketches ${family} bytes${offset === undefined ? '' : ` at byte ${offset}`}: ${what}.`, {
    details: { family, offset },
  });
}

/** Accepts a Uint8Array (or any ArrayBufferView / ArrayBuffer) and returns a byte view of it. */
export function asBytes(input: unknown, family: string): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  return badBytes(family, `expected a Uint8Array, got ${input === null ? 'null' : typeof input}`);
}

/** Bounds-checked little-endian reader. */
export class ByteReader {
  readonly view: DataView;
  pos = 0;
  constructor(readonly bytes: Uint8Array, readonly family: string) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get length(): number { return this.bytes.byteLength; }
  need(n: number): void {
    if (!(n >= 0) || this.pos + n > this.bytes.byteLength) badBytes(this.family, `truncated (need ${n} more bytes, ${this.bytes.byteLength - this.pos} left)`, this.pos);
  }
  u8(): number { this.need(1); return this.view.getUint8(this.pos++); }
  u16(): number { this.need(2); const v = this.view.getUint16(this.pos, true); this.pos += 2; return v; }
  u32(): number { this.need(4); const v = this.view.getUint32(this.pos, true); this.pos += 4; return v; }
  /** A u64 that must be a safe integer (counts and weights). */
  u64(what: string): number {
    this.need(8);
    const lo = this.view.getUint32(this.pos, true), hi = this.view.getUint32(this.pos + 4, true);
    if (hi > 0x1fffff) badBytes(this.family, `${what} exceeds 2^53`, this.pos);
    this.pos += 8;
    return hi * 4294967296 + lo;
  }
  f32(): number { this.need(4); const v = this.view.getFloat32(this.pos, true); this.pos += 4; return v; }
  f64(): number { this.need(8); const v = this.view.getFloat64(this.pos, true); this.pos += 8; return v; }
  skip(n: number): void { this.need(n); this.pos += n; }
  end(): void {
    if (this.pos !== this.bytes.byteLength) badBytes(this.family, `${this.bytes.byteLength - this.pos} trailing bytes`, this.pos);
  }
}

/** Growable little-endian writer. */
export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  pos = 0;
  constructor(size = 64) {
    this.buf = new Uint8Array(size);
    this.view = new DataView(this.buf.buffer);
  }
  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf);
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number): void { this.ensure(1); this.view.setUint8(this.pos++, v); }
  u16(v: number): void { this.ensure(2); this.view.setUint16(this.pos, v, true); this.pos += 2; }
  u32(v: number): void { this.ensure(4); this.view.setUint32(this.pos, v >>> 0, true); this.pos += 4; }
  u64(v: number): void {
    this.ensure(8);
    this.view.setUint32(this.pos, v % 4294967296, true);
    this.view.setUint32(this.pos + 4, Math.floor(v / 4294967296), true);
    this.pos += 8;
  }
  f32(v: number): void { this.ensure(4); this.view.setFloat32(this.pos, v, true); this.pos += 4; }
  f64(v: number): void { this.ensure(8); this.view.setFloat64(this.pos, v, true); this.pos += 8; }
  raw(b: Uint8Array): void { this.ensure(b.length); this.buf.set(b, this.pos); this.pos += b.length; }
  bytes(): Uint8Array { return this.buf.slice(0, this.pos); }
}

/** Standard base64 of bytes (no Node Buffer needed). */
export function toBase64(b: Uint8Array): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let s = '';
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    s += A[n >> 18] + A[(n >> 12) & 63] + A[(n >> 6) & 63] + A[n & 63];
  }
  if (i < b.length) {
    const n = (b[i] << 16) | ((i + 1 < b.length ? b[i + 1] : 0) << 8);
    s += A[n >> 18] + A[(n >> 12) & 63] + (i + 1 < b.length ? A[(n >> 6) & 63] : '=') + '=';
  }
  return s;
}

const B64 = new Int16Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => { B64[c.charCodeAt(0)] = i; });

/**
 * Decodes standard base64 strictly (length a multiple of 4, only the alphabet and trailing `=`).
 * @throws EdgeAugmentError `INVALID_PROFILE`.
 */
export function fromBase64(s: unknown, what: string, maxBytes = 1 << 26): Uint8Array {
  if (typeof s !== 'string' || s.length % 4 !== 0) badBytes(what, 'base64 must be a string whose length is a multiple of 4');
  const str = s as string;
  const pad = str.endsWith('==') ? 2 : str.endsWith('=') ? 1 : 0;
  const len = (str.length / 4) * 3 - pad;
  if (len > maxBytes) badBytes(what, `more than ${maxBytes} bytes`);
  const out = new Uint8Array(len);
  let o = 0;
  for (let i = 0; i < str.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = str.charCodeAt(i + j);
      const isPad = c === 61 && i + 4 === str.length && j >= 4 - pad;
      const v = isPad ? 0 : c < 128 ? B64[c] : -1;
      if (v < 0) badBytes(what, 'invalid base64 character', i + j);
      n = (n << 6) | v;
    }
    if (o < len) out[o++] = (n >> 16) & 255;
    if (o < len) out[o++] = (n >> 8) & 255;
    if (o < len) out[o++] = n & 255;
  }
  return out;
}
