/**
 * MurmurHash3 x64-128 (Austin Appleby's public-domain algorithm) over bytes, as DataSketches HLL
 * hashes its items (seed 9001, UTF-8 bytes of a string). Written from the algorithm's description with
 * 32-bit halves (no BigInt), checked against datasketches-cpp coupons in the goldens.
 */

/** 64-bit value as [hi, lo] uint32 halves. */
type U64 = [number, number];

function add(a: U64, b: U64): U64 {
  const lo = (a[1] + b[1]) >>> 0;
  const carry = lo < a[1] ? 1 : 0;
  return [(a[0] + b[0] + carry) >>> 0, lo];
}

/** Low 64 bits of a × b. */
function mul(a: U64, b: U64): U64 {
  // 16-bit limbs, little end first
  const a0 = a[1] & 0xffff, a1 = a[1] >>> 16, a2 = a[0] & 0xffff, a3 = a[0] >>> 16;
  const b0 = b[1] & 0xffff, b1 = b[1] >>> 16, b2 = b[0] & 0xffff, b3 = b[0] >>> 16;
  let c0 = a0 * b0;
  let c1 = (c0 >>> 16) + a0 * b1;
  let c2 = c1 >>> 16;
  c1 = (c1 & 0xffff) + a1 * b0;
  c2 += c1 >>> 16;
  c2 += a0 * b2;
  let c3 = Math.floor(c2 / 65536);
  c2 = (c2 & 0xffff) + a1 * b1;
  c3 += Math.floor(c2 / 65536);
  c2 = (c2 & 0xffff) + a2 * b0;
  c3 += Math.floor(c2 / 65536);
  c3 += a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
  return [(((c3 & 0xffff) << 16) | (c2 & 0xffff)) >>> 0, (((c1 & 0xffff) << 16) | (c0 & 0xffff)) >>> 0];
}

function rotl(a: U64, r: number): U64 {
  if (r === 32) return [a[1], a[0]];
  if (r < 32) return [((a[0] << r) | (a[1] >>> (32 - r))) >>> 0, ((a[1] << r) | (a[0] >>> (32 - r))) >>> 0];
  r -= 32;
  return [((a[1] << r) | (a[0] >>> (32 - r))) >>> 0, ((a[0] << r) | (a[1] >>> (32 - r))) >>> 0];
}

function xor(a: U64, b: U64): U64 {
  return [(a[0] ^ b[0]) >>> 0, (a[1] ^ b[1]) >>> 0];
}

/** a >>> 33 */
function shr33(a: U64): U64 {
  return [0, a[0] >>> 1];
}

const C1: U64 = [0x87c37b91, 0x114253d5];
const C2: U64 = [0x4cf5ad43, 0x2745937f];
const F1: U64 = [0xff51afd7, 0xed558ccd];
const F2: U64 = [0xc4ceb9fe, 0x1a85ec53];

function fmix(k: U64): U64 {
  k = xor(k, shr33(k));
  k = mul(k, F1);
  k = xor(k, shr33(k));
  k = mul(k, F2);
  return xor(k, shr33(k));
}

function block(b: Uint8Array, i: number): U64 {
  const lo = (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
  const hi = (b[i + 4] | (b[i + 5] << 8) | (b[i + 6] << 16) | (b[i + 7] << 24)) >>> 0;
  return [hi, lo];
}

/** Tail bytes [from, from + count) (count ≤ 8) as a little-endian 64-bit value. */
function tail(b: Uint8Array, from: number, count: number): U64 {
  let lo = 0, hi = 0;
  for (let j = count - 1; j >= 0; j--) {
    const v = b[from + j];
    if (j >= 4) hi = ((hi << 8) | v) >>> 0; else lo = ((lo << 8) | v) >>> 0;
  }
  return [hi, lo];
}

/**
 * MurmurHash3_x64_128 of `data` with a 64-bit `seed` (< 2^32 here). Returns the two 64-bit halves
 * h1, h2 as [hi, lo] pairs.
 */
export function murmur3x64128(data: Uint8Array, seed: number): [U64, U64] {
  const len = data.length;
  const nblocks = len >>> 4;
  let h1: U64 = [0, seed >>> 0];
  let h2: U64 = [0, seed >>> 0];
  for (let i = 0; i < nblocks; i++) {
    let k1 = block(data, i * 16);
    let k2 = block(data, i * 16 + 8);
    k1 = mul(k1, C1); k1 = rotl(k1, 31); k1 = mul(k1, C2); h1 = xor(h1, k1);
    h1 = rotl(h1, 27); h1 = add(h1, h2); h1 = add(mul(h1, [0, 5]), [0, 0x52dce729]);
    k2 = mul(k2, C2); k2 = rotl(k2, 33); k2 = mul(k2, C1); h2 = xor(h2, k2);
    h2 = rotl(h2, 31); h2 = add(h2, h1); h2 = add(mul(h2, [0, 5]), [0, 0x38495ab5]);
  }
  const t = nblocks * 16;
  const rem = len & 15;
  if (rem > 8) {
    let k2 = tail(data, t + 8, rem - 8);
    k2 = mul(k2, C2); k2 = rotl(k2, 33); k2 = mul(k2, C1); h2 = xor(h2, k2);
  }
  if (rem > 0) {
    let k1 = tail(data, t, Math.min(rem, 8));
    k1 = mul(k1, C1); k1 = rotl(k1, 31); k1 = mul(k1, C2); h1 = xor(h1, k1);
  }
  const L: U64 = [0, len >>> 0];
  h1 = xor(h1, L); h2 = xor(h2, L);
  h1 = add(h1, h2); h2 = add(h2, h1);
  h1 = fmix(h1); h2 = fmix(h2);
  h1 = add(h1, h2); h2 = add(h2, h1);
  return [h1, h2];
}
