// The warp kernel: one fused pass over an interleaved u8 image (1, 3 or 4 channels):
// affine "pull" resampling (bilinear | nearest) with scipy.ndimage fill modes, per-channel colour
// affine + clip, then u8 (round half up) or float32 (v·outScale + outOffset, 1..C channels) output.
//
// Two paths produce every output row:
// - SIMD (bilinear only): 4 output pixels per step, source coordinates in 16.16 fixed point stepped
//   by adding dX/dY, 2×2 neighbourhood from one 8-byte load per tap row, one swizzle per row widening
//   u8 to i16 and interleaving left/right taps, 7-bit weights (products of two fit i16) applied with
//   i32x4.dot_i16x8_s, tap address from one dot of (x0, y0) with (C, stride). It runs where the
//   source point is inside the image (where all fill modes agree) — or on the whole row for fill
//   mode `nearest`, by clamping coordinates. Each row's SIMD range is split into [clamped | interior
//   | clamped] groups, the interior found exactly from the fixed-point stepping, so most pixels need
//   no clamping. Colour: integer for u8 output (see "Colour for u8 output"), f32 for float output;
//   each (channels, output, colour, clip) combination is its own specialised function.
// - scalar float64, exactly like src/kernels/reference.ts (scipy's arithmetic): everything else
//   (borders, fill modes, nearest interpolation, tails, |coordinates| ≥ 32768, NaN/∞).
//
// The module imports its memory and owns nothing in it: no data segments, no stack, no globals in
// memory. The host passes every pointer, including a 320-byte parameter block (layout below).
//
// Parameter block (little-endian):
//   f64 matrix[6] @0 | f64 cval[4] @48 | f64 colorScale[4] @80 | f64 colorOffset[4] @112
//   f64 clipLo[4] @144 | f64 clipHi[4] @176 | f64 outScale[4] @208 | f64 outOffset[4] @240
//   i32 fillMode @272 (0 constant, 1 nearest, 2 reflect, 3 wrap) | i32 interpolation @276
//   (0 nearest, 1 bilinear) | i32 srcPadded @280 (1 if ≥ 8 readable bytes follow the source image)
//   | 32 bytes of kernel scratch @288 (total 320 bytes)

const P_M: i32 = 0;
const P_CVAL: i32 = 48;
const P_CS: i32 = 80;
const P_CO: i32 = 112;
const P_LO: i32 = 144;
const P_HI: i32 = 176;
const P_OS: i32 = 208;
const P_OO: i32 = 240;
const P_MODE: i32 = 272;
const P_INTERP: i32 = 276;
const P_PAD: i32 = 280;
const P_SCRATCH: i32 = 288;
const PARAMS_BYTES: i32 = 320;

const MAX_WRAP: f64 = 2147483648.0;
/** Largest |m0|, |m3| the fixed-point stepping takes (4·dX must fit i32). */
const MAX_STEP: f64 = 4096.0;
/** Largest |coordinate| the 16.16 clamped row (fill mode nearest) takes. */
const MAX_FIX: f64 = 32000.0;

let gSrc: usize = 0;
let gW: i32 = 0;
let gH: i32 = 0;
let gC: i32 = 0;
let gDst: usize = 0;
let gOutW: i32 = 0;
let gKind: i32 = 0;
let gOC: i32 = 0;
let gP: usize = 0;
let gMode: i32 = 0;
let gBil: i32 = 0;
// 1 if ≥ 8 bytes may be read past the source image (srcPadded, or 4 channels: 8-byte tap loads
// then never pass the end of a row).
let gPad: i32 = 0;
// SIMD range of the current row (set by rowRange).
let gXa: f64 = 0;
let gXb: f64 = 0;

/** Size in bytes of the parameter block `warp` reads. */
export function paramsBytes(): i32 {
  return PARAMS_BYTES;
}

// scipy.ndimage map_coordinate (scipy 1.10); a result ≤ -1 means "cval".
@inline function mapCoordinate(inp: f64, len: i32, mode: i32): f64 {
  const n = <f64>len;
  if (inp != inp) return -1.0;
  if (inp < 0) {
    if (mode == 1) return 0;
    if (mode == 2) {
      if (len <= 1) return 0;
      if (!(inp > -MAX_WRAP)) return -1.0;
      const sz2 = 2 * n;
      if (inp < -sz2) inp = sz2 * Math.trunc(-inp / sz2) + inp;
      return inp < -n ? inp + sz2 : (inp > -1e-15 ? 1e-15 : -inp) - 1;
    }
    if (mode == 3) {
      if (len <= 1) return 0;
      if (!(inp > -MAX_WRAP)) return -1.0;
      const sz = n - 1;
      return inp + sz * (Math.trunc(-inp / sz) + 1);
    }
    return -1.0;
  } else if (inp > n - 1) {
    if (mode == 1) return n - 1;
    if (mode == 2) {
      if (len <= 1) return 0;
      if (!(inp < MAX_WRAP)) return -1.0;
      const sz2 = 2 * n;
      inp -= sz2 * Math.trunc(inp / sz2);
      return inp >= n ? sz2 - inp - 1 : inp;
    }
    if (mode == 3) {
      if (len <= 1) return 0;
      if (!(inp < MAX_WRAP)) return -1.0;
      const sz = n - 1;
      return inp - sz * Math.trunc(inp / sz);
    }
    return -1.0;
  }
  return inp;
}

// Tap index outside [0, len-1] (here always in [-1, len]): half-sample reflection for
// nearest/reflect, whole-sample mirror for constant/wrap, as scipy extends its spline taps.
@inline function tapIndex(idx: i32, len: i32, mode: i32): i32 {
  if (idx < 0) idx = mode == 1 || mode == 2 ? -idx - 1 : -idx;
  else if (idx >= len) idx = mode == 1 || mode == 2 ? 2 * len - idx - 1 : 2 * len - 2 - idx;
  return idx < 0 ? 0 : idx >= len ? len - 1 : idx;
}

// Exact float64 path for output pixels [xs, xe) of row y.
function scalarRange(y: i32, xs: i32, xe: i32): void {
  if (xs >= xe) return;
  const p = gP;
  const m0 = load<f64>(p, 0), m1 = load<f64>(p, 8), m2 = load<f64>(p, 16);
  const m3 = load<f64>(p, 24), m4 = load<f64>(p, 32), m5 = load<f64>(p, 40);
  const W = gW, H = gH, C = gC, mode = gMode, src = gSrc;
  const fy = <f64>y;
  const ry = 0.0 + fy * m1;
  const ryy = 0.0 + fy * m4;
  for (let x = xs; x < xe; x++) {
    const fx = <f64>x;
    const sx = (ry + fx * m0) + m2;
    const sy = (ryy + fx * m3) + m5;
    const cy = mapCoordinate(sy, H, mode);
    const cx = mapCoordinate(sx, W, mode);
    const outside = !(cy > -1.0) || !(cx > -1.0);
    let i00: i32 = 0, i01: i32 = 0, i10: i32 = 0, i11: i32 = 0;
    let wy0: f64 = 0, wy1: f64 = 0, wx0: f64 = 0, wx1: f64 = 0;
    if (!outside) {
      if (gBil) {
        const fy0 = Math.floor(cy), fx0 = Math.floor(cx);
        const y0 = <i32>fy0, x0 = <i32>fx0;
        wy0 = 1 - (cy - fy0); wy1 = 1 - wy0;
        wx0 = 1 - (cx - fx0); wx1 = 1 - wx0;
        const ya = tapIndex(y0, H, mode) * W, yb = tapIndex(y0 + 1, H, mode) * W;
        const xa = tapIndex(x0, W, mode), xb = tapIndex(x0 + 1, W, mode);
        i00 = (ya + xa) * C; i01 = (ya + xb) * C; i10 = (yb + xa) * C; i11 = (yb + xb) * C;
      } else {
        const yi = tapIndex(<i32>Math.floor(cy + 0.5), H, mode);
        const xi = tapIndex(<i32>Math.floor(cx + 0.5), W, mode);
        i00 = (yi * W + xi) * C;
      }
    }
    const o = y * gOutW + x;
    for (let k = 0; k < C; k++) {
      let t: f64;
      if (outside) {
        t = load<f64>(p + (k << 3), P_CVAL);
      } else if (gBil) {
        t = 0.0;
        t += <f64>load<u8>(src + i00 + k) * wy0 * wx0;
        t += <f64>load<u8>(src + i01 + k) * wy0 * wx1;
        t += <f64>load<u8>(src + i10 + k) * wy1 * wx0;
        t += <f64>load<u8>(src + i11 + k) * wy1 * wx1;
      } else {
        t = <f64>load<u8>(src + i00 + k);
      }
      const pk = p + (k << 3);
      let v = load<f64>(pk, P_CS) * t + load<f64>(pk, P_CO);
      const lo = load<f64>(pk, P_LO), hi = load<f64>(pk, P_HI);
      if (v < lo) v = lo;
      if (v > hi) v = hi;
      if (gKind == 0) {
        store<u8>(gDst + o * C + k, v <= 0 ? 0 : v >= 255 ? 255 : <u8>(<i32>Math.floor(v + 0.5)));
      } else if (k < gOC) {
        store<f32>(gDst + ((o * gOC + k) << 2), <f32>(v * load<f64>(pk, P_OS) + load<f64>(pk, P_OO)));
      }
    }
  }
}

// Narrows [gXa, gXb) to the x where lo ≤ b + x·m ≤ hi.
@inline function narrow(b: f64, m: f64, lo: f64, hi: f64): void {
  if (m == 0) {
    if (!(b >= lo && b <= hi)) gXb = -1;
  } else if (m > 0) {
    gXa = Math.max(gXa, Math.ceil((lo - b) / m));
    gXb = Math.min(gXb, Math.floor((hi - b) / m) + 1);
  } else {
    gXa = Math.max(gXa, Math.ceil((hi - b) / m));
    gXb = Math.min(gXb, Math.floor((lo - b) / m) + 1);
  }
}

@inline function fix(v: f64): i32 {
  return <i32>Math.floor(v * 65536.0 + 0.5);
}

// ---- SIMD spans ------------------------------------------------------------------------------
// A row's SIMD range [xa, xb) is split into [clamped | interior | clamped] spans, each a multiple
// of 4 pixels. The interior span is where every tap is inside the source as the fixed-point
// stepping computes it (checked exactly per row), so it needs no clamping; the clamped spans clamp
// the coordinates (fill mode `nearest` border replicate, or fixed-point drift at the edges of the
// inside range). Both give the same taps and weights.
//
// Coordinates: Z = 16.16 coordinate + 255. Tap x0 = Z >> 16 and weight of x0 + 1 =
// ((Z & 0xffff) + 1) >> 9 in [0, 128] (the nearest 1/128, a weight of 128 when the point is within
// 1/512 of x0 + 1); clamping Z to [0, ((W - 1) << 16) - 1] replicates the border exactly.
//
// Colour for u8 output (gCol):
//   0: f32 per channel (any colour affine),
//   1: i32: v = ((acc >> 7)·S + B) >> 20 with S = cs·2^13, B = (co + 0.5)·2^20 (round half up),
//      then i32 → i16 → u8 saturation; needs |cs| < 3.99 and |co| < 1000 (no i32 overflow),
//   2: identity (cs = 1, co = 0): v = round-half-up(acc / 2^14) = avgr_u(acc >> 13, 0).
//   With CLIP, 1 and 2 apply the clip after rounding, on u8 (clamp and a monotone rounding
//   commute); without, the u8 saturation is the clip to [0, 255].

// Colour vectors, set once per call by colourSetup (v128 globals: no memory of our own).
let gSV: v128 = f32x4(0, 0, 0, 0);
let gOV: v128 = f32x4(0, 0, 0, 0);
let gLoV: v128 = f32x4(0, 0, 0, 0);
let gHiV: v128 = f32x4(0, 0, 0, 0);
let gOsV: v128 = f32x4(0, 0, 0, 0);
let gOoV: v128 = f32x4(0, 0, 0, 0);
// gSq, gBq: u8 colour 1's i32 S and B, or for f32 output the folded f32 cs·os/2^14 and co·os + oo.
let gSq: v128 = i32x4(0, 0, 0, 0);
let gBq: v128 = i32x4(0, 0, 0, 0);
let gLo8: v128 = i32x4(0, 0, 0, 0);
let gHi8: v128 = i32x4(0, 0, 0, 0);
let gCol: i32 = 0;
let gClip: i32 = 0;
// Interior range of the current span (pixels from its start), set by kNarrow.
let gKa: f64 = 0;
let gKb: f64 = 0;

@inline function clampByte(v: f64, nan: f64): f64 {
  if (v != v) return nan;
  return v < 0 ? 0 : v > 255 ? 255 : Math.floor(v + 0.5);
}

// Value of colour-vector field f for lane k (channel k, or channel 0 for lanes ≥ C).
@inline function laneValue(f: i32, k: i32, C: i32, kind: i32, p: usize): f64 {
  const kk: i32 = k < C ? k : 0;
  const pk: usize = p + (<usize>kk << 3);
  if (f == 0) return load<f64>(pk, P_CS) * (<f64>1.0 / <f64>16384.0);
  // u8: round half up as round-to-nearest of v + 2^-10 (exact unless v is within 2^-10 below a tie).
  if (f == 1) return load<f64>(pk, P_CO) + (kind == 0 ? 0.0009765625 : 0.0);
  if (f == 2 || f == 3) {
    const v = f == 2 ? load<f64>(pk, P_LO) : load<f64>(pk, P_HI);
    return kind == 0 ? (v < 0 ? 0 : v > 255 ? 255 : v) : v;
  }
  if (f == 4) return load<f64>(pk, P_OS);
  if (f == 5) return load<f64>(pk, P_OO);
  if (f == 6) return Math.floor(load<f64>(pk, P_CS) * 8192.0 + 0.5);
  if (f == 7) return Math.floor((load<f64>(pk, P_CO) + 0.5) * 1048576.0 + 0.5);
  if (f == 8) return clampByte(load<f64>(pk, P_LO), 0);
  if (f == 10) return load<f64>(pk, P_CS) * load<f64>(pk, P_OS) * (<f64>1.0 / <f64>16384.0);
  if (f == 11) return load<f64>(pk, P_CO) * load<f64>(pk, P_OS) + load<f64>(pk, P_OO);
  return clampByte(load<f64>(pk, P_HI), 255);
}

// Builds field f's vector in the 16 scratch bytes at s: f32 lanes (f < 6), i32 lanes (6, 7) or u8
// lanes (8, 9: four pixels of 4 channels).
function colourVector(f: i32, C: i32, kind: i32, p: usize): v128 {
  const s = p + P_SCRATCH;
  for (let k = 0; k < 4; k++) {
    const v = laneValue(f, k, C, kind, p);
    if (f < 6 || f >= 10) {
      store<f32>(s + (k << 2), <f32>v);
    } else if (f < 8) {
      store<i32>(s + (k << 2), <i32>v);
    } else {
      store<u8>(s + k, <u8>(<i32>v)); store<u8>(s + k, <u8>(<i32>v), 4);
      store<u8>(s + k, <u8>(<i32>v), 8); store<u8>(s + k, <u8>(<i32>v), 12);
    }
  }
  return v128.load(s);
}

// Builds the colour vectors for channels C and output kind (0 u8, 1 f32); sets gCol.
function colourSetup(C: i32, kind: i32, p: usize): void {
  let col = 1, identity = 1;
  for (let k = 0; k < 4; k++) {
    const kk: i32 = k < C ? k : 0;
    const pk: usize = p + (<usize>kk << 3);
    const cs = load<f64>(pk, P_CS), co = load<f64>(pk, P_CO);
    if (!(Math.abs(cs) < 3.99 && Math.abs(co) < 1000.0)) col = 0;
    if (k < C && (cs != 1.0 || co != 0.0)) identity = 0;
  }
  gSV = colourVector(0, C, kind, p); gOV = colourVector(1, C, kind, p);
  gLoV = colourVector(2, C, kind, p); gHiV = colourVector(3, C, kind, p);
  gOsV = colourVector(4, C, kind, p); gOoV = colourVector(5, C, kind, p);
  gSq = colourVector(kind == 0 ? 6 : 10, C, kind, p); gBq = colourVector(kind == 0 ? 7 : 11, C, kind, p);
  gLo8 = colourVector(8, C, kind, p); gHi8 = colourVector(9, C, kind, p);
  gCol = kind != 0 ? 0 : col == 0 ? 0 : identity ? 2 : 1;
  if (kind == 0) {
    gClip = i8x16.all_true(i8x16.eq(gLo8, i8x16.splat(0))) && i8x16.all_true(i8x16.eq(gHi8, i8x16.splat(-1))) ? 0 : 1;
  } else {
    // f32 output: no clip when every channel's bounds are ±∞ (or NaN: pmax/pmin then keep v).
    gClip = 0;
    for (let k = 0; k < C; k++) {
      const lo = load<f64>(p + (<usize>k << 3), P_LO), hi = load<f64>(p + (<usize>k << 3), P_HI);
      if (lo > -Infinity || hi < Infinity) gClip = 1;
    }
  }
}

// u8 colour of two pixels' accumulators (value·2^14 per channel) as i16 lanes (see "Colour for u8
// output"; not yet clipped or saturated to u8).
@inline function colourPair(COL: i32, accA: v128, accB: v128, sq: v128, bq: v128, zero: v128): v128 {
  if (COL == 1) {
    return i16x8.narrow_i32x4_s(
      i32x4.shr_s(i32x4.add(i32x4.mul(i32x4.shr_s(accA, 7), sq), bq), 20),
      i32x4.shr_s(i32x4.add(i32x4.mul(i32x4.shr_s(accB, 7), sq), bq), 20));
  }
  // floor(acc / 2^13) ≤ 510 fits i16; avgr_u(n, 0) = (n + 1) >> 1 = floor((acc + 2^13) / 2^14).
  return i16x8.avgr_u(i16x8.narrow_i32x4_s(i32x4.shr_s(accA, 13), i32x4.shr_s(accB, 13)), zero);
}

// Stores 4 pixels of f32 output (OC channels each) at dp; returns the next dp.
@inline function storeF32(OC: i32, dp: usize, g0: v128, g1: v128, g2: v128, g3: v128): usize {
  if (OC == 4) {
    v128.store(dp, g0); v128.store(dp, g1, 16); v128.store(dp, g2, 32); v128.store(dp, g3, 48);
    dp += 64;
  } else if (OC == 3) {
    v128.store64_lane(dp, g0, 0); v128.store32_lane(dp, g0, 2, 8);
    v128.store64_lane(dp, g1, 0, 12); v128.store32_lane(dp, g1, 2, 20);
    v128.store64_lane(dp, g2, 0, 24); v128.store32_lane(dp, g2, 2, 32);
    v128.store64_lane(dp, g3, 0, 36); v128.store32_lane(dp, g3, 2, 44);
    dp += 48;
  } else if (OC == 2) {
    v128.store64_lane(dp, g0, 0); v128.store64_lane(dp, g1, 0, 8);
    v128.store64_lane(dp, g2, 0, 16); v128.store64_lane(dp, g3, 0, 24);
    dp += 32;
  } else {
    v128.store32_lane(dp, g0, 0); v128.store32_lane(dp, g1, 0, 4);
    v128.store32_lane(dp, g2, 0, 8); v128.store32_lane(dp, g3, 0, 12);
    dp += 16;
  }
  return dp;
}

// One group of 4 output pixels at coordinates ZX, ZY (Z = 16.16 + bias), written at dp; returns the
// next dp. The constants are the row function's (see rowSpans).
@inline function quad(C: i32, KIND: i32, COL: i32, CLIP: i32, CLAMP: i32, MUL: i32, ZX: v128, ZY: v128, dp: usize, zero: v128, zxMax: v128, zyMax: v128, dup: v128, k128: v128, offK: v128, strideV: v128, srcV: v128, src: usize, stride: i32, mT: v128, magic: v128, sV: v128, oV: v128, loV: v128, hiV: v128, osV: v128, ooV: v128, sq: v128, bq: v128, lo8: v128, hi8: v128, OC: i32): usize {
  let zx = ZX, zy = ZY;
  if (CLAMP) {
    zx = i32x4.min_s(i32x4.max_s(zx, zero), zxMax);
    zy = i32x4.min_s(i32x4.max_s(zy, zero), zyMax);
  }
  let addr: v128;
  if (MUL) {
    const xo = C == 4 ? i32x4.shl(i32x4.shr_u(zx, 16), 2) : C == 1 ? i32x4.shr_u(zx, 16) : i32x4.mul(i32x4.shr_u(zx, 16), i32x4.splat(C));
    addr = i32x4.add(i32x4.add(i32x4.mul(i32x4.shr_u(zy, 16), strideV), xo), srcV);
  } else {
    // (x0, y0) as i16 pairs: x0 from zx >> 16, y0 is the high half of zy (a 16-bit blend).
    const xy = i8x16.shuffle(i32x4.shr_u(zx, 16), zy, 0, 1, 18, 19, 4, 5, 22, 23, 8, 9, 26, 27, 12, 13, 30, 31);
    addr = i32x4.dot_i16x8_s(xy, offK);
  }
  // i16 pairs: A = (128 - fx, fx), By = (fy, fy); wB = A·fy, wT = A·(128 - fy); products fit i16.
  // fx = ((Z & 0xffff) + 1) >> 9 = avgr_u(Z.lo16, 0) >> 8 on the low i16 of each lane.
  let A: v128, By: v128;
  if (CLAMP) {
    A = i16x8.abs(i16x8.sub(k128, i8x16.swizzle(i16x8.shr_u(i16x8.avgr_u(zx, zero), 8), dup)));
    By = i8x16.swizzle(i16x8.shr_u(i16x8.avgr_u(zy, zero), 8), dup);
  } else {
    A = i16x8.abs(i16x8.sub(k128, i8x16.swizzle(i16x8.shr_u(zx, 9), dup)));
    By = i8x16.swizzle(i16x8.shr_u(zy, 9), dup);
  }
  const wB = i16x8.mul(A, By);
  const wT = i16x8.sub(i16x8.shl(A, 7), wB);

  if (KIND == 0 && COL != 0 && C == 4) {
    // Two pixels at a time, each pair stored before the next pair's taps are loaded: the store
    // orders the loads after it, which keeps fewer vectors live (fewer spills).
    const a0 = (MUL ? 0 : src) + <usize>i32x4.extract_lane(addr, 0);
    const acc0 = i32x4.add(
      i32x4.dot_i16x8_s(i8x16.swizzle(v128.load64_zero(a0), mT), i32x4.shuffle(wT, wT, 0, 0, 0, 0)),
      i32x4.dot_i16x8_s(i8x16.swizzle(v128.load64_zero(a0 + stride), mT), i32x4.shuffle(wB, wB, 0, 0, 0, 0)));
    const a1 = (MUL ? 0 : src) + <usize>i32x4.extract_lane(addr, 1);
    const acc1 = i32x4.add(
      i32x4.dot_i16x8_s(i8x16.swizzle(v128.load64_zero(a1), mT), i32x4.shuffle(wT, wT, 1, 1, 1, 1)),
      i32x4.dot_i16x8_s(i8x16.swizzle(v128.load64_zero(a1 + stride), mT), i32x4.shuffle(wB, wB, 1, 1, 1, 1)));
    let p01 = colourPair(COL, acc0, acc1, sq, bq, zero);
    p01 = i8x16.narrow_i16x8_u(p01, p01);
    if (CLIP) p01 = i8x16.min_u(i8x16.max_u(p01, lo8), hi8);
    v128.store64_lane(dp, p01, 0);
    const a2 = (MUL ? 0 : src) + <usize>i32x4.extract_lane(addr, 2);
    const acc2 = i32x4.add(
      i32x4.dot_i16x8_s(i8x16.swizzle(v128.load64_zero(a2), mT), i32x4.shuffle(wT, wT, 2, 2, 2, 2)),
      i32x4.dot_i16x8_s(i8x16.swizzle(v128.load64_zero(a2 + stride), mT), i32x4.shuffle(wB, wB, 2, 2, 2, 2)));
    const a3 = (MUL ? 0 : src) + <usize>i32x4.extract_lane(addr, 3);
    const acc3 = i32x4.add(
      i32x4.dot_i16x8_s(i8x16.swizzle(v128.load64_zero(a3), mT), i32x4.shuffle(wT, wT, 3, 3, 3, 3)),
      i32x4.dot_i16x8_s(i8x16.swizzle(v128.load64_zero(a3 + stride), mT), i32x4.shuffle(wB, wB, 3, 3, 3, 3)));
    let p23 = colourPair(COL, acc2, acc3, sq, bq, zero);
    p23 = i8x16.narrow_i16x8_u(p23, p23);
    if (CLIP) p23 = i8x16.min_u(i8x16.max_u(p23, lo8), hi8);
    v128.store64_lane(dp, p23, 0, 8);
    return dp + 16;
  }
  const a0 = (MUL ? 0 : src) + <usize>i32x4.extract_lane(addr, 0);
  const acc0 = i32x4.add(
    i32x4.dot_i16x8_s(i8x16.swizzle(v128.load64_zero(a0), mT), i32x4.shuffle(wT, wT, 0, 0, 0, 0)),
    i32x4.dot_i16x8_s(i8x16.swizzle(v128.load64_zero(a0 + stride), mT), i32x4.shuffle(wB, wB, 0, 0, 0, 0)));
  const a1 = (MUL ? 0 : src) + <usize>i32x4.extract_lane(addr, 1);
  const acc1 = i32x4.add(
    i32x4.dot_i16x8_s(i8x16.swizzle(v128.load64_zero(a1), mT), i32x4.shuffle(wT, wT, 1, 1, 1, 1)),
    i32x4.dot_i16x8_s(i8x16.swizzle(v128.load64_zero(a1 + stride), mT), i32x4.shuffle(wB, wB, 1, 1, 1, 1)));
  const a2 = (MUL ? 0 : src) + <usize>i32x4.extract_lane(addr, 2);
  const acc2 = i32x4.add(
    i32x4.dot_i16x8_s(i8x16.swizzle(v128.load64_zero(a2), mT), i32x4.shuffle(wT, wT, 2, 2, 2, 2)),
    i32x4.dot_i16x8_s(i8x16.swizzle(v128.load64_zero(a2 + stride), mT), i32x4.shuffle(wB, wB, 2, 2, 2, 2)));
  const a3 = (MUL ? 0 : src) + <usize>i32x4.extract_lane(addr, 3);
  const acc3 = i32x4.add(
    i32x4.dot_i16x8_s(i8x16.swizzle(v128.load64_zero(a3), mT), i32x4.shuffle(wT, wT, 3, 3, 3, 3)),
    i32x4.dot_i16x8_s(i8x16.swizzle(v128.load64_zero(a3 + stride), mT), i32x4.shuffle(wB, wB, 3, 3, 3, 3)));

  if (KIND == 0 && COL != 0) {
    const n01 = colourPair(COL, acc0, acc1, sq, bq, zero);
    const n23 = colourPair(COL, acc2, acc3, sq, bq, zero);
    let px = i8x16.narrow_i16x8_u(n01, n23);
    if (CLIP) px = i8x16.min_u(i8x16.max_u(px, lo8), hi8);
    if (C == 4) {
      v128.store(dp, px);
      dp += 16;
    } else if (C == 3) {
      const q = i8x16.swizzle(px, i8x16(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1));
      v128.store64_lane(dp, q, 0);
      v128.store32_lane(dp, q, 2, 8);
      dp += 12;
    } else {
      const q = i8x16.swizzle(px, i8x16(0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1));
      v128.store32_lane(dp, q, 0);
      dp += 4;
    }
  } else if (KIND == 1 && !CLIP) {
    // No clip: (cs·t + co)·os + oo folded into one f32 multiply-add (sq = cs·os/2^14, bq = co·os + oo).
    const g0 = f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(acc0), sq), bq);
    const g1 = f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(acc1), sq), bq);
    const g2 = f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(acc2), sq), bq);
    const g3 = f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(acc3), sq), bq);
    dp = storeF32(OC, dp, g0, g1, g2, g3);
  } else {
    const f0 = f32x4.pmin(f32x4.pmax(f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(acc0), sV), oV), loV), hiV);
    const f1 = f32x4.pmin(f32x4.pmax(f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(acc1), sV), oV), loV), hiV);
    const f2 = f32x4.pmin(f32x4.pmax(f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(acc2), sV), oV), loV), hiV);
    const f3 = f32x4.pmin(f32x4.pmax(f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(acc3), sV), oV), loV), hiV);
    if (KIND == 0) {
      // f is in [0, 255]: adding 1.5·2^23 rounds it to an integer held in the low byte of each lane.
      const lo = i8x16.shuffle(f32x4.add(f0, magic), f32x4.add(f1, magic), 0, 4, 8, 12, 16, 20, 24, 28, 0, 0, 0, 0, 0, 0, 0, 0);
      const hi = i8x16.shuffle(f32x4.add(f2, magic), f32x4.add(f3, magic), 0, 4, 8, 12, 16, 20, 24, 28, 0, 0, 0, 0, 0, 0, 0, 0);
      const px = i64x2.shuffle(lo, hi, 0, 2);
      if (C == 4) {
        v128.store(dp, px);
        dp += 16;
      } else if (C == 3) {
        const q = i8x16.shuffle(px, px, 0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0, 0, 0, 0);
        v128.store64_lane(dp, q, 0);
        v128.store32_lane(dp, q, 2, 8);
        dp += 12;
      } else {
        const q = i8x16.shuffle(px, px, 0, 4, 8, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        v128.store32_lane(dp, q, 0);
        dp += 4;
      }
    } else {
      const g0 = f32x4.add(f32x4.mul(f0, osV), ooV);
      const g1 = f32x4.add(f32x4.mul(f1, osV), ooV);
      const g2 = f32x4.add(f32x4.mul(f2, osV), ooV);
      const g3 = f32x4.add(f32x4.mul(f3, osV), ooV);
      dp = storeF32(OC, dp, g0, g1, g2, g3);
    }
  }
  return dp;
}

// The SIMD loops of one row: nL groups of 4 output pixels clamped, nI interior (every tap inside:
// no clamping), nR clamped, written from dp; the first coordinates (16.16, unbiased) and steps are
// read from the scratch block. Clamped groups use Z = coordinate + 255 (see above); interior ones
// Z = coordinate + 256 and fx = (Z & 0xffff) >> 9 in [0, 127] (same taps and weights: a weight of
// 128 on x0 + 1 becomes 128 on the next x0).
// C: source channels (1, 3, 4); KIND: 0 u8, 1 f32; COL: colour mode (u8 only, see above); CLIP:
// clip on u8 (COL 1, 2), or for f32 output clamp in f32 (without, one folded multiply-add); MUL: address as y0·stride + x0·C with i32x4.mul (any stride; clamped
// groups only) instead of one i32x4.dot_i16x8_s of (x0, y0) with (C, stride) (stride ≤ 32767).
// All are literals at every call site: each wrapper below is one specialised copy.
@inline function rowSpans(C: i32, KIND: i32, COL: i32, CLIP: i32, MUL: i32, dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void {
  const X0 = load<i32>(p, P_SCRATCH), Y0 = load<i32>(p, P_SCRATCH + 4);
  const dX = load<i32>(p, P_SCRATCH + 8), dY = load<i32>(p, P_SCRATCH + 12);
  const W = gW, H = gH;
  const stride = W * C;
  let ZX = i32x4.add(i32x4.splat(X0 + 255), i32x4.mul(i32x4.splat(dX), i32x4(0, 1, 2, 3)));
  let ZY = i32x4.add(i32x4.splat(Y0 + 255), i32x4.mul(i32x4.splat(dY), i32x4(0, 1, 2, 3)));
  // V8 recomputes splats of loop-invariant values inside the loop; the steps are read from the
  // scratch block in the loop instead (one load operand each).
  v128.store(p, i32x4.splat(dX << 2), P_SCRATCH);
  v128.store(p, i32x4.splat(dY << 2), P_SCRATCH + 16);
  const zero = i32x4.splat(0);
  const zxMax = i32x4.splat(((W - 1) << 16) - 1);
  // Without readable bytes past the image, the bottom tap row stays ≤ H - 2 (as the inside range):
  // with Z = coordinate + 255, a weight of 128 on row y0 + 1 reads rows y0 + 1 and y0 + 2.
  const zyMax = i32x4.splat((((gPad ? H : H - 1) - 1) << 16) - 1);
  const dup = i8x16(0, 1, 0, 1, 4, 5, 4, 5, 8, 9, 8, 9, 12, 13, 12, 13);
  const k128 = i32x4.splat(128);
  const offK = i32x4.splat(C | (stride << 16));
  const strideV = i32x4.splat(stride);
  const srcV = i32x4.splat(<i32>gSrc);
  const src = gSrc;
  // Widens a tap pair (left pixel, right pixel; 8 bytes loaded from one row) to i16 and interleaves
  // left/right per channel: (L.c, R.c) pairs for i32x4.dot_i16x8_s with (w_left, w_right).
  const mT = C == 4
    ? i8x16(0, -1, 4, -1, 1, -1, 5, -1, 2, -1, 6, -1, 3, -1, 7, -1)
    : C == 3
      ? i8x16(0, -1, 3, -1, 1, -1, 4, -1, 2, -1, 5, -1, -1, -1, -1, -1)
      : i8x16(0, -1, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
  const magic = f32x4.splat(12582912.0);
  const sV = gSV, oV = gOV, loV = gLoV, hiV = gHiV, osV = gOsV, ooV = gOoV;
  const sq = gSq, bq = gBq, lo8 = gLo8, hi8 = gHi8;
  const OC = gOC;
  if (nL > 0) {
    let n = nL;
    do {
      dp = quad(C, KIND, COL, CLIP, 1, MUL, ZX, ZY, dp, zero, zxMax, zyMax, dup, k128, offK, strideV, srcV, src, stride, mT, magic, sV, oV, loV, hiV, osV, ooV, sq, bq, lo8, hi8, OC);
      ZX = i32x4.add(ZX, v128.load(p, P_SCRATCH));
      ZY = i32x4.add(ZY, v128.load(p, P_SCRATCH + 16));
    } while (--n);
  }
  if (!MUL && nI > 0) {
    const one = i32x4.splat(1);
    ZX = i32x4.add(ZX, one);
    ZY = i32x4.add(ZY, one);
    let n = nI;
    do {
      dp = quad(C, KIND, COL, CLIP, 0, MUL, ZX, ZY, dp, zero, zxMax, zyMax, dup, k128, offK, strideV, srcV, src, stride, mT, magic, sV, oV, loV, hiV, osV, ooV, sq, bq, lo8, hi8, OC);
      ZX = i32x4.add(ZX, v128.load(p, P_SCRATCH));
      ZY = i32x4.add(ZY, v128.load(p, P_SCRATCH + 16));
    } while (--n);
    ZX = i32x4.sub(ZX, one);
    ZY = i32x4.sub(ZY, one);
  }
  if (nR > 0) {
    let n = nR;
    do {
      dp = quad(C, KIND, COL, CLIP, 1, MUL, ZX, ZY, dp, zero, zxMax, zyMax, dup, k128, offK, strideV, srcV, src, stride, mT, magic, sV, oV, loV, hiV, osV, ooV, sq, bq, lo8, hi8, OC);
      ZX = i32x4.add(ZX, v128.load(p, P_SCRATCH));
      ZY = i32x4.add(ZY, v128.load(p, P_SCRATCH + 16));
    } while (--n);
  }
}


// One function per specialisation (not inlined, so the optimiser cannot fold the loops together and
// leave run-time branches in them). Naming: r<C><kind: u|f><col: 0|1|2><clip: n|k><m: i32 multiply
// address, clamped groups only>.
@noinline function r4u0m(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(4, 0, 0, 1, 1, dp, nL, nI, nR, p); }
@noinline function r4u1n(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(4, 0, 1, 0, 0, dp, nL, nI, nR, p); }
@noinline function r4u1k(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(4, 0, 1, 1, 0, dp, nL, nI, nR, p); }
@noinline function r4u2n(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(4, 0, 2, 0, 0, dp, nL, nI, nR, p); }
@noinline function r4u2k(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(4, 0, 2, 1, 0, dp, nL, nI, nR, p); }
@noinline function r4fm(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(4, 1, 0, 1, 1, dp, nL, nI, nR, p); }
@noinline function r4fk(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(4, 1, 0, 1, 0, dp, nL, nI, nR, p); }
@noinline function r4fn(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(4, 1, 0, 0, 0, dp, nL, nI, nR, p); }
@noinline function r3u0m(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(3, 0, 0, 1, 1, dp, nL, nI, nR, p); }
@noinline function r3u1n(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(3, 0, 1, 0, 0, dp, nL, nI, nR, p); }
@noinline function r3u1k(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(3, 0, 1, 1, 0, dp, nL, nI, nR, p); }
@noinline function r3u2n(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(3, 0, 2, 0, 0, dp, nL, nI, nR, p); }
@noinline function r3u2k(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(3, 0, 2, 1, 0, dp, nL, nI, nR, p); }
@noinline function r3fm(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(3, 1, 0, 1, 1, dp, nL, nI, nR, p); }
@noinline function r3fk(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(3, 1, 0, 1, 0, dp, nL, nI, nR, p); }
@noinline function r3fn(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(3, 1, 0, 0, 0, dp, nL, nI, nR, p); }
@noinline function r1u0m(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(1, 0, 0, 1, 1, dp, nL, nI, nR, p); }
@noinline function r1u1n(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(1, 0, 1, 0, 0, dp, nL, nI, nR, p); }
@noinline function r1u1k(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(1, 0, 1, 1, 0, dp, nL, nI, nR, p); }
@noinline function r1u2n(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(1, 0, 2, 0, 0, dp, nL, nI, nR, p); }
@noinline function r1u2k(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(1, 0, 2, 1, 0, dp, nL, nI, nR, p); }
@noinline function r1fm(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(1, 1, 0, 1, 1, dp, nL, nI, nR, p); }
@noinline function r1fk(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(1, 1, 0, 1, 0, dp, nL, nI, nR, p); }
@noinline function r1fn(dp: usize, nL: i32, nI: i32, nR: i32, p: usize): void { rowSpans(1, 1, 0, 0, 0, dp, nL, nI, nR, p); }

// Runs the SIMD part [xs, xs + 4·(nL + nI + nR)) of row y: first coordinates X0, Y0 (16.16), nL
// clamped groups of 4 pixels, nI interior, nR clamped. gSel: 0 general (f32 colour, i32 multiply
// address, all clamped); u8 output: 1 + (COL - 1)·2 + CLIP; f32 output: 1 clip, 2 no clip (dot
// address, interior spans).
let gSel: i32 = 0;
function runRow(y: i32, xs: i32, X0: i32, Y0: i32, nL: i32, nI: i32, nR: i32, p: usize): void {
  // V8 gotcha: values born of a float→int conversion are not hoisted out of the SIMD loop; a round
  // trip through memory breaks that dependency.
  store<i32>(p, X0, P_SCRATCH); store<i32>(p, Y0, P_SCRATCH + 4);
  store<i32>(p, fix(load<f64>(p, 0)), P_SCRATCH + 8); store<i32>(p, fix(load<f64>(p, 24)), P_SCRATCH + 12);
  const C = gC, sel = gSel;
  if (sel == 0) { nL += nI + nR; nI = 0; nR = 0; }
  if (gKind == 0) {
    const dp = gDst + <usize>((y * gOutW + xs) * C);
    if (C == 4) {
      if (sel == 1) r4u1n(dp, nL, nI, nR, p);
      else if (sel == 2) r4u1k(dp, nL, nI, nR, p);
      else if (sel == 3) r4u2n(dp, nL, nI, nR, p);
      else if (sel == 4) r4u2k(dp, nL, nI, nR, p);
      else r4u0m(dp, nL, nI, nR, p);
    } else if (C == 3) {
      if (sel == 1) r3u1n(dp, nL, nI, nR, p);
      else if (sel == 2) r3u1k(dp, nL, nI, nR, p);
      else if (sel == 3) r3u2n(dp, nL, nI, nR, p);
      else if (sel == 4) r3u2k(dp, nL, nI, nR, p);
      else r3u0m(dp, nL, nI, nR, p);
    } else {
      if (sel == 1) r1u1n(dp, nL, nI, nR, p);
      else if (sel == 2) r1u1k(dp, nL, nI, nR, p);
      else if (sel == 3) r1u2n(dp, nL, nI, nR, p);
      else if (sel == 4) r1u2k(dp, nL, nI, nR, p);
      else r1u0m(dp, nL, nI, nR, p);
    }
  } else {
    const dp = gDst + <usize>(((y * gOutW + xs) * gOC) << 2);
    if (C == 4) { if (sel == 2) r4fn(dp, nL, nI, nR, p); else if (sel == 1) r4fk(dp, nL, nI, nR, p); else r4fm(dp, nL, nI, nR, p); }
    else if (C == 3) { if (sel == 2) r3fn(dp, nL, nI, nR, p); else if (sel == 1) r3fk(dp, nL, nI, nR, p); else r3fm(dp, nL, nI, nR, p); }
    else { if (sel == 2) r1fn(dp, nL, nI, nR, p); else if (sel == 1) r1fk(dp, nL, nI, nR, p); else r1fm(dp, nL, nI, nR, p); }
  }
}

// Narrows [gKa, gKb) to the k where 0 ≤ a + k·d ≤ hi (a, d, hi integers).
@inline function kNarrow(a: f64, d: f64, hi: f64): void {
  if (d == 0) {
    if (!(a >= 0 && a <= hi)) gKb = -1;
  } else if (d > 0) {
    gKa = Math.max(gKa, Math.ceil((0 - a) / d));
    gKb = Math.min(gKb, Math.floor((hi - a) / d) + 1);
  } else {
    gKa = Math.max(gKa, Math.ceil((hi - a) / d));
    gKb = Math.min(gKb, Math.floor((0 - a) / d) + 1);
  }
}

@inline function inside(a: f64, d: f64, k: f64, hi: f64): bool {
  const v = a + k * d;
  return v >= 0 && v <= hi;
}

/**
 * Warps `src` (srcW×srcH×channels u8, interleaved) into `dst` (outW×outH, u8 with the same channels
 * when outKind = 0; float32 with outChannels channels when outKind = 1), reading the parameter
 * block at `params`. Returns 0, or a negative code for arguments it refuses (nothing written).
 */
export function warp(src: usize, srcW: i32, srcH: i32, channels: i32, dst: usize, outW: i32, outH: i32, outKind: i32, outChannels: i32, params: usize): i32 {
  if (srcW < 1 || srcH < 1 || srcW > 32767 || srcH > 32767 || outW < 1 || outH < 1 || outW > 32767 || outH > 32767) return -1;
  if (channels != 1 && channels != 3 && channels != 4) return -2;
  if (outKind != 0 && outKind != 1) return -3;
  if (outKind == 1 && (outChannels < 1 || outChannels > channels)) return -4;
  const mode = load<i32>(params, P_MODE);
  if (mode < 0 || mode > 3) return -5;
  gSrc = src; gW = srcW; gH = srcH; gC = channels; gDst = dst; gOutW = outW;
  gKind = outKind; gOC = outKind == 1 ? outChannels : channels; gP = params; gMode = mode;
  gBil = load<i32>(params, P_INTERP) == 1 ? 1 : 0;
  const padded = channels == 4 || load<i32>(params, P_PAD) == 1;
  gPad = padded ? 1 : 0;
  const m0 = load<f64>(params, 0), m1 = load<f64>(params, 8), m2 = load<f64>(params, 16);
  const m3 = load<f64>(params, 24), m4 = load<f64>(params, 32), m5 = load<f64>(params, 40);
  // SIMD needs bilinear, a 2×2 neighbourhood and steps that fit 16.16 stepping; without padding, a
  // 1-channel row must be ≥ 6 pixels wide so the 8-byte tap loads of row H - 2 stay in the image.
  const simdOk = gBil == 1 && srcW >= (padded || channels != 1 ? 2 : 6) && srcH >= (padded ? 2 : 3) &&
    Math.abs(m0) < MAX_STEP && Math.abs(m3) < MAX_STEP;
  if (simdOk) {
    colourSetup(channels, outKind, params);
    const strideOk = srcW * channels <= 32767;
    gSel = !strideOk ? 0 : outKind == 1 ? 2 - gClip : gCol == 0 ? 0 : 1 + (gCol - 1) * 2 + gClip;
  }
  const eps: f64 = 1e-6;
  const ow = <f64>outW;
  const dX = fix(m0), dY = fix(m3);
  // Interior: Z = coordinate + 256 in [0, zxHi], [0, zyHi] (taps x0 ≤ W - 2 and y0 ≤ H - 2, or H - 3 when
  // fewer than 8 bytes may be read past the image, as the inside range below).
  const zxHi = <f64>(((srcW - 1) << 16) - 1);
  const zyHi = <f64>((((padded ? srcH : srcH - 1) - 1) << 16) - 1);
  for (let y = 0; y < outH; y++) {
    let xa = 0, xb = 0;
    if (simdOk) {
      const fy = <f64>y;
      const bx = (0.0 + fy * m1) + m2;
      const by = (0.0 + fy * m4) + m5;
      if (Math.abs(bx) < 1e9 && Math.abs(by) < 1e9) {
        const ex = bx + (ow + 4) * m0, ey = by + (ow + 4) * m3;
        if (mode == 1 && padded && Math.abs(bx) < MAX_FIX && Math.abs(by) < MAX_FIX && Math.abs(ex) < MAX_FIX && Math.abs(ey) < MAX_FIX) {
          gXa = 0; gXb = ow;
        } else {
          gXa = 0; gXb = ow;
          narrow(bx, m0, eps, <f64>(srcW - 1) - eps);
          narrow(by, m3, eps, <f64>(padded ? srcH - 1 : srcH - 2) - eps);
        }
        if (gXa < 0) gXa = 0;
        if (gXb > ow) gXb = ow;
        if (gXb > gXa) {
          xa = <i32>gXa;
          xb = xa + ((<i32>gXb - xa) & ~3);
        }
      }
    }
    scalarRange(y, 0, xa);
    if (xb > xa) {
      const fy = <f64>y, fxa = <f64>xa;
      const X0 = fix((0.0 + fy * m1 + fxa * m0) + m2);
      const Y0 = fix((0.0 + fy * m4 + fxa * m3) + m5);
      const n4 = xb - xa;
      // Interior pixels [ka, kb) of the span (from xa), both multiples of 4.
      let ka = 0, kb = 0;
      if (gSel != 0) {
        const ax = <f64>X0 + 256.0, ay = <f64>Y0 + 256.0, fdx = <f64>dX, fdy = <f64>dY;
        gKa = 0; gKb = <f64>n4;
        kNarrow(ax, fdx, zxHi);
        kNarrow(ay, fdy, zyHi);
        if (gKb > gKa) {
          const k0 = Math.ceil(gKa * 0.25) * 4.0;
          const k1 = k0 + Math.floor((gKb - k0) * 0.25) * 4.0;
          if (k1 > k0 && inside(ax, fdx, k0, zxHi) && inside(ax, fdx, k1 - 1, zxHi) &&
            inside(ay, fdy, k0, zyHi) && inside(ay, fdy, k1 - 1, zyHi)) {
            ka = <i32>k0; kb = <i32>k1;
          }
        }
      }
      if (kb > ka) runRow(y, xa, X0, Y0, ka >> 2, (kb - ka) >> 2, (n4 - kb) >> 2, params);
      else runRow(y, xa, X0, Y0, n4 >> 2, 0, 0, params);
    }
    scalarRange(y, xb > xa ? xb : 0, outW);
  }
  return 0;
}

/**
 * Same as `warp` but with the SIMD path switched off: every pixel through the exact float64 path
 * (used by tests to compare both paths of one build).
 */
export function warpScalar(src: usize, srcW: i32, srcH: i32, channels: i32, dst: usize, outW: i32, outH: i32, outKind: i32, outChannels: i32, params: usize): i32 {
  if (srcW < 1 || srcH < 1 || srcW > 32767 || srcH > 32767 || outW < 1 || outH < 1 || outW > 32767 || outH > 32767) return -1;
  if (channels != 1 && channels != 3 && channels != 4) return -2;
  if (outKind != 0 && outKind != 1) return -3;
  if (outKind == 1 && (outChannels < 1 || outChannels > channels)) return -4;
  const mode = load<i32>(params, P_MODE);
  if (mode < 0 || mode > 3) return -5;
  gSrc = src; gW = srcW; gH = srcH; gC = channels; gDst = dst; gOutW = outW;
  gKind = outKind; gOC = outKind == 1 ? outChannels : channels; gP = params; gMode = mode;
  gBil = load<i32>(params, P_INTERP) == 1 ? 1 : 0;
  for (let y = 0; y < outH; y++) scalarRange(y, 0, outW);
  return 0;
}
