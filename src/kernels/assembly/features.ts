// The image-features kernel: every drift feature of one interleaved u8 image (1, 3 or 4 channels;
// alpha ignored) in ONE pass over its pixels. Definitions (shared with the TypeScript reference,
// src/drift/features/reference.ts, and the scipy/skimage goldens, test/goldens/features/):
//
// - luma Y = 0.299R + 0.587G + 0.114B (BT.601), held exactly as the integer Y1000 = 299R+587G+114B
//   (grey images: Y = v, Y1000 = 1000v). Brightness = mean Y, contrast = population std of Y.
// - luma u8 (entropy histogram) = round half up of the exact Y = floor((Y1000 + 500) / 1000).
// - HSV as skimage.color.rgb2hsv on RGB/255: V = max, S = (max−min)/max (0 when max = min),
//   H = ((x / 6) mod 1) with x = (G−B)/Δ (R max), 2 + (B−R)/Δ (G max), 4 + (R−G)/Δ (B max; ties:
//   B beats G beats R, as skimage's assignment order), H = 0 when Δ = 0. Grey: H = S = 0.
//   hue_mean / hue_std are the plain (linear) mean and std of H, like numpy on skimage's output.
// - colourfulness (Hasler–Süsstrunk): rg = R−G, yb = (R+G)/2 − B,
//   sqrt(σ_rg² + σ_yb²) + 0.3·sqrt(μ_rg² + μ_yb²) (population σ).
// - sharpness: population variance of the 4-neighbour Laplacian of Y over the interior pixels
//   (1 ≤ x ≤ w−2, 1 ≤ y ≤ h−2): no padding, borders skipped; 0 when w < 3 or h < 3.
// - edge density: fraction of the interior pixels whose Sobel magnitude on Y (scipy.ndimage.sobel
//   scale: [1 2 1] ⊗ [−1 0 1]) is strictly above the threshold; 0 when w < 3 or h < 3. The test is
//   exact: gx1000² + gy1000² > thr2 with integers (thr2 = floor((1000·threshold)²)).
// - entropy: Shannon entropy in bits of the 256-bin luma u8 histogram.
//
// One pass: row y is read once; its luma goes into a 3-row ring of i32 Y1000 in the scratch
// memory, and the Laplacian/Sobel of row y−1 is computed from the ring right after. Sums are exact
// integers (i64) wherever the feature allows (histogram moments, RGB cross products, Laplacian,
// Sobel). S = d²/(d·max) and 6H = T·max/(d·max) (T the integer 6H·d) share one f64 reciprocal
// per pixel and are summed in f64, shifted by the first pixel's values so a near-constant image
// loses nothing to E[x²] − E[x]². Moments become means/variances in f64 at the end.
//
// The module imports its memory and owns nothing in it (no data segments, no tables, no Math
// functions beyond f64.sqrt). The host passes every pointer:
//   scratch (scratchBytes(w) bytes, 16-aligned): u32 lumaHist[256] @0 | i32 ring[3·w] @1024
//   out (OUT_BYTES = 3200 bytes): f64 scalars[16] @0 (IMAGE_FEATURE_NAMES order, slot 15 = number
//                                 of edge pixels) | u32 hist[3][256] @128 (R, G, B; grey: slot 0)

const SCALARS: i32 = 16;
const HIST_AT: i32 = 128;
const OUT_BYTES: i32 = 128 + 3 * 1024;
const S_LHIST: i32 = 0;
const S_RING: i32 = 1024;

/** Bytes of the output block `features` writes. */
export function outBytes(): i32 {
  return OUT_BYTES;
}

/** Bytes of scratch `features` needs for an image `w` pixels wide. */
export function scratchBytes(w: i32): i32 {
  return S_RING + 12 * w;
}

// Exact-enough log2 without tables: x = m·2^e with m in [√½, √2), ln m = 2·atanh((m−1)/(m+1)).
function log2(x: f64): f64 {
  let bits = reinterpret<i64>(x);
  let e = <i32>((bits >>> 52) & 0x7ff) - 1023;
  let m = reinterpret<f64>((bits & 0x000fffffffffffff) | 0x3ff0000000000000);
  if (m > 1.4142135623730951) {
    m *= 0.5;
    e += 1;
  }
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  // atanh series to s^25: |s| ≤ 0.1716, remainder < 1e-20.
  let t: f64 = 1.0 / 25.0;
  t = t * s2 + 1.0 / 23.0;
  t = t * s2 + 1.0 / 21.0;
  t = t * s2 + 1.0 / 19.0;
  t = t * s2 + 1.0 / 17.0;
  t = t * s2 + 1.0 / 15.0;
  t = t * s2 + 1.0 / 13.0;
  t = t * s2 + 1.0 / 11.0;
  t = t * s2 + 1.0 / 9.0;
  t = t * s2 + 1.0 / 7.0;
  t = t * s2 + 1.0 / 5.0;
  t = t * s2 + 1.0 / 3.0;
  t = t * s2 + 1.0;
  return <f64>e + 2.0 * s * t * 1.4426950408889634;
}

@inline function variance(s1: f64, s2: f64, n: f64): f64 {
  const m = s1 / n;
  const v = s2 / n - m * m;
  return v > 0 ? v : 0;
}

// Accumulators of the colour part (globals: no memory of our own).
let gRG: i64 = 0;
let gRB: i64 = 0;
let gGB: i64 = 0;
let gMax: i64 = 0;
let gMax2: i64 = 0;
let gS: f64 = 0;
let gS2: f64 = 0;
let gH: f64 = 0;
let gH2: f64 = 0;
// Shifts of the S and 6H sums (the first pixel's values): no cancellation in E[x²] − E[x]².
let gKS: f64 = 0;
let gKH: f64 = 0;
// Accumulators of the spatial part.
let gL: i64 = 0;
let gL2: i64 = 0;
let gEdges: i64 = 0;

// 6H·d as an integer: base·d + num, wrapped into [0, 6d) (skimage's sector order: B max beats G max
// beats R max). 0 when d = 0.
@inline function hue6Int(r: i32, g: i32, b: i32, mx: i32, d: i32): i32 {
  let num = g - b, base = 0;
  if (g == mx) { num = b - r; base = 2; }
  if (b == mx) { num = r - g; base = 4; }
  const t = base * d + num;
  return t < 0 ? t + 6 * d : t;
}

// One histogram increment.
@inline function bump(hist: usize, v: u32): void {
  const a = hist + (<usize>v << 2);
  store<u32>(a, load<u32>(a) + 1);
}

// Lane sum of an i32x4 as i64.
@inline function laneSum(v: v128): i64 {
  return <i64>i32x4.extract_lane(v, 0) + <i64>i32x4.extract_lane(v, 1) + <i64>i32x4.extract_lane(v, 2) + <i64>i32x4.extract_lane(v, 3);
}

/** Pixels per SIMD segment: i32 lane sums of products ≤ 255² stay below 2^31. */
const SEG_PIXELS: i32 = 8192;

// Colour statistics, histograms and luma of one RGB(A) row: 4 pixels per step in SIMD (one
// 16-byte load, never past the row's end), then a scalar tail.
function colorRow(p: usize, w: i32, c: i32, out: usize, scratch: usize, lum: usize): void {
  const hr = out + HIST_AT, hg = hr + 1024, hb = hg + 1024;
  const lh = scratch + S_LHIST;
  const end = p + <usize>(w * c);
  const step = <usize>c;
  if (p + 16 <= end) {
    const step4 = step << 2;
    const c4 = c == 4;
    const mR = c4 ? i8x16(0, -1, -1, -1, 4, -1, -1, -1, 8, -1, -1, -1, 12, -1, -1, -1)
      : i8x16(0, -1, -1, -1, 3, -1, -1, -1, 6, -1, -1, -1, 9, -1, -1, -1);
    const mG = c4 ? i8x16(1, -1, -1, -1, 5, -1, -1, -1, 9, -1, -1, -1, 13, -1, -1, -1)
      : i8x16(1, -1, -1, -1, 4, -1, -1, -1, 7, -1, -1, -1, 10, -1, -1, -1);
    const mB = c4 ? i8x16(2, -1, -1, -1, 6, -1, -1, -1, 10, -1, -1, -1, 14, -1, -1, -1)
      : i8x16(2, -1, -1, -1, 5, -1, -1, -1, 8, -1, -1, -1, 11, -1, -1, -1);
    const kR = i32x4.splat(299), kG = i32x4.splat(587), kB = i32x4.splat(114);
    const k500 = i32x4.splat(500), kDiv = i32x4.splat(67109);
    const two = i32x4.splat(2), four = i32x4.splat(4), one = i32x4.splat(1), zero = i32x4.splat(0);
    const fOne = f64x2.splat(1.0), kS = f64x2.splat(gKS), kH = f64x2.splat(gKH);
    let fS = f64x2.splat(0), fS2 = f64x2.splat(0), fH = f64x2.splat(0), fH2 = f64x2.splat(0);
    do {
      let count = <i32>((end - p - 16) / step4) + 1;
      if (count > SEG_PIXELS >> 2) count = SEG_PIXELS >> 2;
      let aRG = zero, aRB = zero, aGB = zero, aMx = zero, aMx2 = zero;
      do {
        const v = v128.load(p);
        const R = i8x16.swizzle(v, mR), G = i8x16.swizzle(v, mG), B = i8x16.swizzle(v, mB);
        const Y = i32x4.add(i32x4.add(i32x4.mul(R, kR), i32x4.mul(G, kG)), i32x4.mul(B, kB));
        v128.store(lum, Y);
        lum += 16;
        // floor((Y + 500) / 1000) = ((Y + 500) >> 3) · 67109 >> 23, exact for Y ≤ 255000.
        const L8 = i32x4.shr_u(i32x4.mul(i32x4.shr_u(i32x4.add(Y, k500), 3), kDiv), 23);
        bump(lh, i32x4.extract_lane(L8, 0));
        bump(lh, i32x4.extract_lane(L8, 1));
        bump(lh, i32x4.extract_lane(L8, 2));
        bump(lh, i32x4.extract_lane(L8, 3));
        bump(hr, load<u8>(p)); bump(hg, load<u8>(p, 1)); bump(hb, load<u8>(p, 2));
        const p1 = p + step, p2 = p1 + step, p3 = p2 + step;
        bump(hr, load<u8>(p1)); bump(hg, load<u8>(p1, 1)); bump(hb, load<u8>(p1, 2));
        bump(hr, load<u8>(p2)); bump(hg, load<u8>(p2, 1)); bump(hb, load<u8>(p2, 2));
        bump(hr, load<u8>(p3)); bump(hg, load<u8>(p3, 1)); bump(hb, load<u8>(p3, 2));
        aRG = i32x4.add(aRG, i32x4.mul(R, G));
        aRB = i32x4.add(aRB, i32x4.mul(R, B));
        aGB = i32x4.add(aGB, i32x4.mul(G, B));
        const mx = i32x4.max_s(i32x4.max_s(R, G), B);
        const d = i32x4.sub(mx, i32x4.min_s(i32x4.min_s(R, G), B));
        aMx = i32x4.add(aMx, mx);
        aMx2 = i32x4.add(aMx2, i32x4.mul(mx, mx));
        // Hue sector as skimage: B max beats G max beats R max. 6H = T / d with the integer
        // T = base·d + num, wrapped into [0, 6d).
        const gm = i32x4.eq(G, mx), bm = i32x4.eq(B, mx);
        const num = v128.bitselect(i32x4.sub(R, G), v128.bitselect(i32x4.sub(B, R), i32x4.sub(G, B), gm), bm);
        const base = v128.bitselect(four, v128.and(gm, two), bm);
        let T = i32x4.add(i32x4.mul(base, d), num);
        T = i32x4.add(T, v128.and(i32x4.lt_s(T, zero), i32x4.mul(d, i32x4.splat(6))));
        // S = d/mx = d²/(d·mx), 6H = T·mx/(d·mx): one reciprocal per pixel (0 when d = 0).
        const den = i32x4.max_s(i32x4.mul(d, mx), one);
        const nS = i32x4.mul(d, d), nH = i32x4.mul(T, mx);
        const rLo = f64x2.div(fOne, f64x2.convert_low_i32x4_s(den));
        const rHi = f64x2.div(fOne, f64x2.convert_low_i32x4_s(i32x4.shuffle(den, den, 2, 3, 2, 3)));
        const sLo = f64x2.sub(f64x2.mul(f64x2.convert_low_i32x4_s(nS), rLo), kS);
        const sHi = f64x2.sub(f64x2.mul(f64x2.convert_low_i32x4_s(i32x4.shuffle(nS, nS, 2, 3, 2, 3)), rHi), kS);
        const hLo = f64x2.sub(f64x2.mul(f64x2.convert_low_i32x4_s(nH), rLo), kH);
        const hHi = f64x2.sub(f64x2.mul(f64x2.convert_low_i32x4_s(i32x4.shuffle(nH, nH, 2, 3, 2, 3)), rHi), kH);
        fS = f64x2.add(fS, f64x2.add(sLo, sHi));
        fS2 = f64x2.add(fS2, f64x2.add(f64x2.mul(sLo, sLo), f64x2.mul(sHi, sHi)));
        fH = f64x2.add(fH, f64x2.add(hLo, hHi));
        fH2 = f64x2.add(fH2, f64x2.add(f64x2.mul(hLo, hLo), f64x2.mul(hHi, hHi)));
        p += step4;
        count--;
      } while (count > 0);
      gRG += laneSum(aRG); gRB += laneSum(aRB); gGB += laneSum(aGB);
      gMax += laneSum(aMx); gMax2 += laneSum(aMx2);
    } while (p + 16 <= end);
    gS += f64x2.extract_lane(fS, 0) + f64x2.extract_lane(fS, 1);
    gS2 += f64x2.extract_lane(fS2, 0) + f64x2.extract_lane(fS2, 1);
    gH += f64x2.extract_lane(fH, 0) + f64x2.extract_lane(fH, 1);
    gH2 += f64x2.extract_lane(fH2, 0) + f64x2.extract_lane(fH2, 1);
  }
  let sRG: i64 = 0, sRB: i64 = 0, sGB: i64 = 0, sMax: i64 = 0, sMax2: i64 = 0;
  let sS: f64 = 0, sS2: f64 = 0, sH: f64 = 0, sH2: f64 = 0;
  while (p < end) {
    const r = <i32>load<u8>(p), g = <i32>load<u8>(p, 1), b = <i32>load<u8>(p, 2);
    bump(hr, r); bump(hg, g); bump(hb, b);
    const y = r * 299 + g * 587 + b * 114;
    store<i32>(lum, y);
    lum += 4;
    bump(lh, (<u32>(y + 500)) / 1000);
    sRG += <i64>(r * g);
    sRB += <i64>(r * b);
    sGB += <i64>(g * b);
    const mx = max(max(r, g), b), mn = min(min(r, g), b), d = mx - mn;
    sMax += <i64>mx;
    sMax2 += <i64>(mx * mx);
    const den = max(d * mx, 1);
    const rr = 1.0 / <f64>den;
    const s = <f64>(d * d) * rr - gKS;
    sS += s;
    sS2 += s * s;
    const t = <f64>(hue6Int(r, g, b, mx, d) * mx) * rr - gKH;
    sH += t;
    sH2 += t * t;
    p += step;
  }
  gRG += sRG; gRB += sRB; gGB += sGB; gMax += sMax; gMax2 += sMax2;
  gS += sS; gS2 += sS2; gH += sH; gH2 += sH2;
}

// Histogram and luma of one grey row.
function greyRow(p: usize, w: i32, out: usize, scratch: usize, lum: usize): void {
  const hv = out + HIST_AT, lh = scratch + S_LHIST;
  const end = p + <usize>w;
  if (p < end) {
    do {
      const v = <i32>load<u8>(p);
      const av = hv + (<usize>v << 2);
      store<u32>(av, load<u32>(av) + 1);
      store<i32>(lum, v * 1000);
      lum += 4;
      p += 1;
    } while (p < end);
  }
}

// Laplacian and Sobel of the centre row of the ring, interior columns only: 4 pixels per step in
// i32x4 (|values| ≤ 1.02e6), squares and sums widened to i64x2; a scalar tail.
function spatialRow(up: usize, mid: usize, dn: usize, w: i32, thr2: i64): void {
  let sL: i64 = 0, sL2: i64 = 0, edges: i64 = 0;
  let x = 1;
  if (x + 4 <= w - 1) {
    const thr = i64x2.splat(thr2);
    let aL = i64x2.splat(0), aL2 = i64x2.splat(0), aE = i64x2.splat(0);
    do {
      const o = <usize>x << 2;
      const ul = v128.load(up + o - 4), u = v128.load(up + o), ur = v128.load(up + o + 4);
      const l = v128.load(mid + o - 4), cc = v128.load(mid + o), r = v128.load(mid + o + 4);
      const dl = v128.load(dn + o - 4), d = v128.load(dn + o), dr = v128.load(dn + o + 4);
      const lap = i32x4.sub(i32x4.add(i32x4.add(u, d), i32x4.add(l, r)), i32x4.shl(cc, 2));
      aL = i64x2.add(aL, i64x2.add(i64x2.extend_low_i32x4_s(lap), i64x2.extend_high_i32x4_s(lap)));
      aL2 = i64x2.add(aL2, i64x2.add(i64x2.extmul_low_i32x4_s(lap, lap), i64x2.extmul_high_i32x4_s(lap, lap)));
      const gx = i32x4.sub(i32x4.add(i32x4.add(ur, dr), i32x4.shl(r, 1)), i32x4.add(i32x4.add(ul, dl), i32x4.shl(l, 1)));
      const gy = i32x4.sub(i32x4.add(i32x4.add(dl, dr), i32x4.shl(d, 1)), i32x4.add(i32x4.add(ul, ur), i32x4.shl(u, 1)));
      const mlo = i64x2.add(i64x2.extmul_low_i32x4_s(gx, gx), i64x2.extmul_low_i32x4_s(gy, gy));
      const mhi = i64x2.add(i64x2.extmul_high_i32x4_s(gx, gx), i64x2.extmul_high_i32x4_s(gy, gy));
      aE = i64x2.sub(i64x2.sub(aE, i64x2.gt_s(mlo, thr)), i64x2.gt_s(mhi, thr));
      x += 4;
    } while (x + 4 <= w - 1);
    sL = i64x2.extract_lane(aL, 0) + i64x2.extract_lane(aL, 1);
    sL2 = i64x2.extract_lane(aL2, 0) + i64x2.extract_lane(aL2, 1);
    edges = i64x2.extract_lane(aE, 0) + i64x2.extract_lane(aE, 1);
  }
  while (x < w - 1) {
    const o = <usize>x << 2;
    const ul = load<i32>(up + o - 4), u = load<i32>(up + o), ur = load<i32>(up + o + 4);
    const l = load<i32>(mid + o - 4), cc = load<i32>(mid + o), r = load<i32>(mid + o + 4);
    const dl = load<i32>(dn + o - 4), d = load<i32>(dn + o), dr = load<i32>(dn + o + 4);
    const lap = u + d + l + r - 4 * cc;
    sL += <i64>lap;
    sL2 += <i64>lap * <i64>lap;
    const gx = (ur + 2 * r + dr) - (ul + 2 * l + dl);
    const gy = (dl + 2 * d + dr) - (ul + 2 * u + ur);
    const m2 = <i64>gx * <i64>gx + <i64>gy * <i64>gy;
    edges += <i64>(m2 > thr2);
    x++;
  }
  gL += sL; gL2 += sL2; gEdges += edges;
}

/**
 * Computes every feature of the image at `src` (w·h·c bytes). `thrSq` = (1000·edge
 * threshold)², at most 1e15 (the kernel floors it). Returns 0, or −1 for bad arguments.
 */
export function features(src: usize, w: i32, h: i32, c: i32, scratch: usize, out: usize, thrSq: f64): i32 {
  if (w <= 0 || h <= 0 || (c != 1 && c != 3 && c != 4) || !(thrSq >= 0 && thrSq <= 1e15)) return -1;
  const thr2 = <i64>Math.floor(thrSq);
  gRG = 0; gRB = 0; gGB = 0; gMax = 0; gMax2 = 0;
  gS = 0; gS2 = 0; gH = 0; gH2 = 0;
  gL = 0; gL2 = 0; gEdges = 0;
  memory.fill(out + HIST_AT, 0, 3 * 1024);
  memory.fill(scratch + S_LHIST, 0, 1024);
  gKS = 0; gKH = 0;
  if (c != 1) {
    const r = <i32>load<u8>(src), g = <i32>load<u8>(src, 1), b = <i32>load<u8>(src, 2);
    const mx = max(max(r, g), b), d = mx - min(min(r, g), b);
    const rr = 1.0 / <f64>max(d * mx, 1);
    gKS = <f64>(d * d) * rr;
    gKH = <f64>(hue6Int(r, g, b, mx, d) * mx) * rr;
  }

  const ring = scratch + S_RING;
  const rowBytes = <usize>w << 2;
  for (let y = 0; y < h; y++) {
    const lum = ring + <usize>(y % 3) * rowBytes;
    const p = src + <usize>y * <usize>(w * c);
    if (c == 1) greyRow(p, w, out, scratch, lum);
    else colorRow(p, w, c, out, scratch, lum);
    if (y >= 2) {
      spatialRow(ring + <usize>((y - 2) % 3) * rowBytes, ring + <usize>((y - 1) % 3) * rowBytes, lum, w, thr2);
    }
  }

  // Moments from the histograms (exact integers).
  const n = <f64>w * <f64>h;
  const hist = out + HIST_AT;
  let s1r: i64 = 0, s2r: i64 = 0, s1g: i64 = 0, s2g: i64 = 0, s1b: i64 = 0, s2b: i64 = 0;
  for (let v = 0; v < 256; v++) {
    const k = <usize>v << 2;
    const cr = <i64>load<u32>(hist + k);
    s1r += cr * v; s2r += cr * v * v;
    if (c != 1) {
      const cg = <i64>load<u32>(hist + 1024 + k), cb = <i64>load<u32>(hist + 2048 + k);
      s1g += cg * v; s2g += cg * v * v;
      s1b += cb * v; s2b += cb * v * v;
    }
  }
  let bright: f64, contrast: f64, hm: f64 = 0, hs: f64 = 0, sm: f64 = 0, ss: f64 = 0, vm: f64, vs: f64, colorful: f64 = 0;
  if (c == 1) {
    bright = <f64>s1r / n;
    contrast = Math.sqrt(variance(<f64>s1r, <f64>s2r, n));
    vm = bright / 255.0;
    vs = contrast / 255.0;
  } else {
    const y1 = 299 * s1r + 587 * s1g + 114 * s1b;
    const y2 = 89401 * s2r + 344569 * s2g + 12996 * s2b + 351026 * gRG + 68172 * gRB + 133836 * gGB;
    bright = <f64>y1 / n / 1000.0;
    contrast = Math.sqrt(variance(<f64>y1, <f64>y2, n)) / 1000.0;
    hm = (gKH + gH / n) / 6.0;
    hs = Math.sqrt(variance(gH, gH2, n)) / 6.0;
    sm = gKS + gS / n;
    ss = Math.sqrt(variance(gS, gS2, n));
    vm = <f64>gMax / n / 255.0;
    vs = Math.sqrt(variance(<f64>gMax, <f64>gMax2, n)) / 255.0;
    const rg1 = s1r - s1g, rg2 = s2r + s2g - 2 * gRG;
    const yb1 = s1r + s1g - 2 * s1b; // of 2·yb
    const yb2 = s2r + s2g + 4 * s2b + 2 * gRG - 4 * gRB - 4 * gGB;
    const mrg = <f64>rg1 / n, myb = <f64>yb1 / n / 2.0;
    const vrg = variance(<f64>rg1, <f64>rg2, n), vyb = variance(<f64>yb1, <f64>yb2, n) / 4.0;
    colorful = Math.sqrt(vrg + vyb) + 0.3 * Math.sqrt(mrg * mrg + myb * myb);
  }
  let sharp: f64 = 0, edgeDensity: f64 = 0;
  if (w >= 3 && h >= 3) {
    const ni = <f64>(w - 2) * <f64>(h - 2);
    sharp = variance(<f64>gL, <f64>gL2, ni) / 1e6;
    edgeDensity = <f64>gEdges / ni;
  }
  // Entropy of the luma u8 histogram (grey: the value histogram itself).
  const lhist = c == 1 ? hist : scratch + S_LHIST;
  let ent: f64 = 0;
  for (let v = 0; v < 256; v++) {
    const k = load<u32>(lhist + (<usize>v << 2));
    if (k != 0) {
      const pr = <f64>k / n;
      ent -= pr * log2(pr);
    }
  }
  store<f64>(out, bright, 0);
  store<f64>(out, contrast, 8);
  store<f64>(out, hm, 16);
  store<f64>(out, hs, 24);
  store<f64>(out, sm, 32);
  store<f64>(out, ss, 40);
  store<f64>(out, vm, 48);
  store<f64>(out, vs, 56);
  store<f64>(out, colorful, 64);
  store<f64>(out, sharp, 72);
  store<f64>(out, ent, 80);
  store<f64>(out, edgeDensity, 88);
  store<f64>(out, <f64>w, 96);
  store<f64>(out, <f64>h, 104);
  store<f64>(out, <f64>w / <f64>h, 112);
  store<f64>(out, <f64>gEdges, 120);
  return 0;
}

// Keep SCALARS referenced (documentation of the output block).
export function scalarCount(): i32 {
  return SCALARS;
}
