// The warp kernel: one fused pass over an interleaved u8 image (1, 3 or 4 channels):
// affine "pull" resampling (bilinear | nearest) with scipy.ndimage fill modes, per-channel colour
// affine + clip, then u8 (round half up) or float32 (v·outScale + outOffset, 1..C channels) output.
//
// Two paths produce every output row:
// - SIMD (bilinear only): 4 output pixels per step, source coordinates in 16.16 fixed point stepped
//   by adding dX/dY, 2×2 neighbourhood from two 8-byte loads, one swizzle per row pair widening u8
//   to i16 and interleaving left/right taps, 7-bit weights (products of two fit i16) applied with
//   i32x4.dot_i16x8_s, colour in f32. It runs where the source point is inside the image (where all
//   fill modes agree) — or on the whole row for fill mode `nearest`, by clamping coordinates.
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

// The SIMD loop over n4 (multiple of 4, > 0) output pixels of row y from x = xs.
// C: source channels (1, 3, 4), KIND: 0 u8, 1 f32. Both are literals at every call site, so each
// call is a specialised copy after inlining.
@inline function simdRow(C: i32, KIND: i32, y: i32, xs: i32, n4: i32, p: usize): void {
  const X0 = load<i32>(p, P_SCRATCH), Y0 = load<i32>(p, P_SCRATCH + 4);
  const dX = load<i32>(p, P_SCRATCH + 8), dY = load<i32>(p, P_SCRATCH + 12);
  const W = gW, H = gH;
  const stride = W * C;
  const src = gSrc;
  let X = i32x4.add(i32x4.splat(X0), i32x4.mul(i32x4.splat(dX), i32x4(0, 1, 2, 3)));
  let Y = i32x4.add(i32x4.splat(Y0), i32x4.mul(i32x4.splat(dY), i32x4(0, 1, 2, 3)));
  const dX4 = i32x4.splat(dX << 2);
  const dY4 = i32x4.splat(dY << 2);
  const zero = i32x4.splat(0);
  const xMax = i32x4.splat((W - 1) << 16);
  const yMax = i32x4.splat((H - 1) << 16);
  const wm2 = i32x4.splat(W - 2);
  const hm2 = i32x4.splat(H - 2);
  const c256 = i32x4.splat(256);
  const c128 = i32x4.splat(128);
  const c128p = i16x8.splat(128);
  const strideV = i32x4.splat(stride);
  const srcV = i32x4.splat(<i32>src);
  const mT = C == 4
    ? i8x16(0, -1, 4, -1, 1, -1, 5, -1, 2, -1, 6, -1, 3, -1, 7, -1)
    : C == 3
      ? i8x16(0, -1, 3, -1, 1, -1, 4, -1, 2, -1, 5, -1, -1, -1, -1, -1)
      : i8x16(0, -1, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
  const mB = C == 4
    ? i8x16(8, -1, 12, -1, 9, -1, 13, -1, 10, -1, 14, -1, 11, -1, 15, -1)
    : C == 3
      ? i8x16(8, -1, 11, -1, 9, -1, 12, -1, 10, -1, 13, -1, -1, -1, -1, -1)
      : i8x16(8, -1, 9, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
  const inv = <f64>1.0 / <f64>16384.0;
  // u8: round half up as round-to-nearest of v + 2^-10 (exact unless v is within 2^-10 below a tie).
  const half: f64 = KIND == 0 ? 0.0009765625 : 0.0;
  const magic = f32x4.splat(12582912.0);
  let sV = f32x4.splat(0), oV = f32x4.splat(0), loV = f32x4.splat(0), hiV = f32x4.splat(0);
  let osV = f32x4.splat(0), ooV = f32x4.splat(0);
  for (let k = 0; k < 4; k++) {
    const kk: i32 = k < C ? k : 0;
    const pk: usize = p + (<usize>kk << 3);
    let lo = load<f64>(pk, P_LO), hi = load<f64>(pk, P_HI);
    if (KIND == 0) {
      lo = lo < 0 ? 0 : lo > 255 ? 255 : lo;
      hi = hi < 0 ? 0 : hi > 255 ? 255 : hi;
    }
    const s = <f32>(load<f64>(pk, P_CS) * inv);
    const o = <f32>(load<f64>(pk, P_CO) + half);
    const l = <f32>lo, h = <f32>hi;
    const os = <f32>load<f64>(pk, P_OS), oo = <f32>load<f64>(pk, P_OO);
    if (k == 0) {
      sV = f32x4.replace_lane(sV, 0, s); oV = f32x4.replace_lane(oV, 0, o);
      loV = f32x4.replace_lane(loV, 0, l); hiV = f32x4.replace_lane(hiV, 0, h);
      osV = f32x4.replace_lane(osV, 0, os); ooV = f32x4.replace_lane(ooV, 0, oo);
    } else if (k == 1) {
      sV = f32x4.replace_lane(sV, 1, s); oV = f32x4.replace_lane(oV, 1, o);
      loV = f32x4.replace_lane(loV, 1, l); hiV = f32x4.replace_lane(hiV, 1, h);
      osV = f32x4.replace_lane(osV, 1, os); ooV = f32x4.replace_lane(ooV, 1, oo);
    } else if (k == 2) {
      sV = f32x4.replace_lane(sV, 2, s); oV = f32x4.replace_lane(oV, 2, o);
      loV = f32x4.replace_lane(loV, 2, l); hiV = f32x4.replace_lane(hiV, 2, h);
      osV = f32x4.replace_lane(osV, 2, os); ooV = f32x4.replace_lane(ooV, 2, oo);
    } else {
      sV = f32x4.replace_lane(sV, 3, s); oV = f32x4.replace_lane(oV, 3, o);
      loV = f32x4.replace_lane(loV, 3, l); hiV = f32x4.replace_lane(hiV, 3, h);
      osV = f32x4.replace_lane(osV, 3, os); ooV = f32x4.replace_lane(ooV, 3, oo);
    }
  }
  const OC = gOC;
  let dp: usize = KIND == 0
    ? gDst + <usize>((y * gOutW + xs) * C)
    : gDst + <usize>(((y * gOutW + xs) * OC) << 2);
  let n = n4 >> 2;
  do {
    const xc = i32x4.min_s(i32x4.max_s(X, zero), xMax);
    const yc = i32x4.min_s(i32x4.max_s(Y, zero), yMax);
    const x0 = i32x4.min_s(i32x4.shr_s(xc, 16), wm2);
    const y0 = i32x4.min_s(i32x4.shr_s(yc, 16), hm2);
    const fx = i32x4.shr_s(i32x4.add(i32x4.sub(xc, i32x4.shl(x0, 16)), c256), 9);
    const fy = i32x4.shr_s(i32x4.add(i32x4.sub(yc, i32x4.shl(y0, 16)), c256), 9);
    // i16 pairs: A = (128 - fx, fx), By = (fy, fy), Bi = (128 - fy, 128 - fy); products fit i16.
    const A = v128.or(i32x4.sub(c128, fx), i32x4.shl(fx, 16));
    const By = v128.or(fy, i32x4.shl(fy, 16));
    const wT = i16x8.mul(A, i16x8.sub(c128p, By));
    const wB = i16x8.mul(A, By);
    const xo = C == 4 ? i32x4.shl(x0, 2) : C == 1 ? x0 : i32x4.mul(x0, i32x4.splat(C));
    const addr = i32x4.add(i32x4.add(i32x4.mul(y0, strideV), xo), srcV);

    const a0 = <usize>i32x4.extract_lane(addr, 0);
    let v0 = v128.load64_zero(a0);
    v0 = v128.load64_lane(a0 + stride, v0, 1);
    const acc0 = i32x4.add(
      i32x4.dot_i16x8_s(i8x16.swizzle(v0, mT), i32x4.shuffle(wT, wT, 0, 0, 0, 0)),
      i32x4.dot_i16x8_s(i8x16.swizzle(v0, mB), i32x4.shuffle(wB, wB, 0, 0, 0, 0)));
    const a1 = <usize>i32x4.extract_lane(addr, 1);
    let v1 = v128.load64_zero(a1);
    v1 = v128.load64_lane(a1 + stride, v1, 1);
    const acc1 = i32x4.add(
      i32x4.dot_i16x8_s(i8x16.swizzle(v1, mT), i32x4.shuffle(wT, wT, 1, 1, 1, 1)),
      i32x4.dot_i16x8_s(i8x16.swizzle(v1, mB), i32x4.shuffle(wB, wB, 1, 1, 1, 1)));
    const a2 = <usize>i32x4.extract_lane(addr, 2);
    let v2 = v128.load64_zero(a2);
    v2 = v128.load64_lane(a2 + stride, v2, 1);
    const acc2 = i32x4.add(
      i32x4.dot_i16x8_s(i8x16.swizzle(v2, mT), i32x4.shuffle(wT, wT, 2, 2, 2, 2)),
      i32x4.dot_i16x8_s(i8x16.swizzle(v2, mB), i32x4.shuffle(wB, wB, 2, 2, 2, 2)));
    const a3 = <usize>i32x4.extract_lane(addr, 3);
    let v3 = v128.load64_zero(a3);
    v3 = v128.load64_lane(a3 + stride, v3, 1);
    const acc3 = i32x4.add(
      i32x4.dot_i16x8_s(i8x16.swizzle(v3, mT), i32x4.shuffle(wT, wT, 3, 3, 3, 3)),
      i32x4.dot_i16x8_s(i8x16.swizzle(v3, mB), i32x4.shuffle(wB, wB, 3, 3, 3, 3)));

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
    }
    X = i32x4.add(X, dX4);
    Y = i32x4.add(Y, dY4);
  } while (--n);
}

@inline function fix(v: f64): i32 {
  return <i32>Math.floor(v * 65536.0 + 0.5);
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
  const m0 = load<f64>(params, 0), m1 = load<f64>(params, 8), m2 = load<f64>(params, 16);
  const m3 = load<f64>(params, 24), m4 = load<f64>(params, 32), m5 = load<f64>(params, 40);
  // SIMD needs bilinear, a 2×2 neighbourhood and steps that fit 16.16 stepping.
  const simdOk = gBil == 1 && srcW >= 2 && srcH >= (padded ? 2 : 3) &&
    Math.abs(m0) < MAX_STEP && Math.abs(m3) < MAX_STEP;
  const eps: f64 = 1e-6;
  const ow = <f64>outW;
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
      // V8 gotcha: values born of a float→int conversion are not hoisted out of the SIMD loop; a
      // round trip through memory breaks that dependency.
      store<i32>(params, X0, P_SCRATCH); store<i32>(params, Y0, P_SCRATCH + 4);
      store<i32>(params, fix(m0), P_SCRATCH + 8); store<i32>(params, fix(m3), P_SCRATCH + 12);
      const n4 = xb - xa;
      if (channels == 4) {
        if (outKind == 0) simdRow(4, 0, y, xa, n4, params);
        else simdRow(4, 1, y, xa, n4, params);
      } else if (channels == 3) {
        if (outKind == 0) simdRow(3, 0, y, xa, n4, params);
        else simdRow(3, 1, y, xa, n4, params);
      } else {
        if (outKind == 0) simdRow(1, 0, y, xa, n4, params);
        else simdRow(1, 1, y, xa, n4, params);
      }
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
