// The convolution kernels: `separable` (Gaussian and box blur) and `sparse` (2-D kernels with few
// non-zero taps: motion blur). `separable`: float32 correlation of an interleaved u8
// image (any channel count) with a horizontal then a vertical kernel, border reflect101 | reflect |
// replicate, round half to even, saturate to u8. Same float32 operations in the same order as the
// TypeScript path in src/ops/stages/conv.ts (acc = 0; acc = acc + w_k·v_k for k = 0..K−1), so both
// give the same bytes; WASM has no fused multiply-add, so every product and sum is rounded to f32.
//
// Vectorised over the flat row (x·C + c): with interleaved channels a horizontal tap k is a shift by
// k·C samples, so a row is a 1-D correlation with stride C — 16 samples (4 × f32x4) per step.
//
// Memory (host-owned; the module imports it and writes nothing at instantiation), all 16-byte aligned:
//   src   u8  [H·W·C + 16]           input (16 readable bytes of slack after the image)
//   dst   u8  [H·W·C + 16]           output (the slack is scribbled on)
//   kx    f32 [KX], ky f32 [KY]       taps
//   pad   f32 [(W + KX − 1)·C + 16]   one row with its border
//   tmp   f32 [H·W·C + 16]           horizontal pass result
//   rows  i32 [KY]                   row offsets of the vertical taps

@inline function borderIndex(i: i32, n: i32, mode: i32): i32 {
  if (i >= 0 && i < n) return i;
  if (mode == 2 || n == 1) return i < 0 ? 0 : n - 1;
  if (mode == 0) {
    const period = 2 * n - 2;
    let m = i % period;
    if (m < 0) m += period;
    return m < n ? m : period - m;
  }
  const period = 2 * n;
  let m = i % period;
  if (m < 0) m += period;
  return m < n ? m : period - 1 - m;
}

/**
 * Runs the separable correlation. Pointers as in the layout above. `border`: 0 reflect101,
 * 1 reflect, 2 replicate. Returns 0, or −1 for bad arguments.
 */
export function separable(src: usize, w: i32, h: i32, c: i32, dst: usize, kx: usize, nkx: i32, ky: usize, nky: i32,
  border: i32, pad: usize, tmp: usize, rows: usize): i32 {
  if (w <= 0 || h <= 0 || c <= 0 || (nkx & 1) == 0 || (nky & 1) == 0 || border < 0 || border > 2) return -1;
  const wc = w * c;
  const rx = (nkx - 1) >> 1;
  const ry = (nky - 1) >> 1;
  const zero = f32x4.splat(0);
  // Horizontal pass.
  let y = 0;
  do {
    const srow = src + <usize>(y * wc);
    // Interior of the padded row: u8 → f32, 16 at a time (reads and writes run up to 15 past the end).
    const pin = pad + <usize>(rx * c * 4);
    let i = 0;
    do {
      const b = v128.load(srow + <usize>i);
      const lo = i16x8.extend_low_i8x16_u(b);
      const hi = i16x8.extend_high_i8x16_u(b);
      const q = pin + <usize>(i * 4);
      v128.store(q, f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(lo)));
      v128.store(q + 16, f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(lo)));
      v128.store(q + 32, f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(hi)));
      v128.store(q + 48, f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(hi)));
      i += 16;
    } while (i < wc);
    // Borders.
    for (let x = 0; x < rx; x++) {
      const sl = borderIndex(x - rx, w, border) * c;
      const sr = borderIndex(w + x, w, border) * c;
      for (let ch = 0; ch < c; ch++) {
        store<f32>(pad + <usize>((x * c + ch) * 4), <f32>load<u8>(srow + <usize>(sl + ch)));
        store<f32>(pad + <usize>(((rx + w + x) * c + ch) * 4), <f32>load<u8>(srow + <usize>(sr + ch)));
      }
    }
    const trow = tmp + <usize>(y * wc * 4);
    const step = <usize>(c * 4);
    i = 0;
    do {
      let a0 = zero, a1 = zero, a2 = zero, a3 = zero;
      let p = pad + <usize>(i * 4);
      let kp = kx;
      const kend = kx + <usize>(nkx * 4);
      do {
        const wv = v128.load32_splat(kp);
        a0 = f32x4.add(a0, f32x4.mul(wv, v128.load(p)));
        a1 = f32x4.add(a1, f32x4.mul(wv, v128.load(p + 16)));
        a2 = f32x4.add(a2, f32x4.mul(wv, v128.load(p + 32)));
        a3 = f32x4.add(a3, f32x4.mul(wv, v128.load(p + 48)));
        p += step;
        kp += 4;
      } while (kp < kend);
      const q = trow + <usize>(i * 4);
      v128.store(q, a0);
      v128.store(q + 16, a1);
      v128.store(q + 32, a2);
      v128.store(q + 48, a3);
      i += 16;
    } while (i < wc);
    y++;
  } while (y < h);
  // Vertical pass.
  y = 0;
  do {
    for (let k = 0; k < nky; k++) store<i32>(rows + <usize>(k * 4), borderIndex(y + k - ry, h, border) * wc * 4);
    const drow = dst + <usize>(y * wc);
    const rend = rows + <usize>(nky * 4);
    let i = 0;
    do {
      let a0 = zero, a1 = zero, a2 = zero, a3 = zero;
      const col = tmp + <usize>(i * 4);
      let rp = rows;
      let kp = ky;
      do {
        const wv = v128.load32_splat(kp);
        const p = col + <usize>load<i32>(rp);
        a0 = f32x4.add(a0, f32x4.mul(wv, v128.load(p)));
        a1 = f32x4.add(a1, f32x4.mul(wv, v128.load(p + 16)));
        a2 = f32x4.add(a2, f32x4.mul(wv, v128.load(p + 32)));
        a3 = f32x4.add(a3, f32x4.mul(wv, v128.load(p + 48)));
        rp += 4;
        kp += 4;
      } while (rp < rend);
      const r0 = i32x4.trunc_sat_f32x4_s(f32x4.nearest(a0));
      const r1 = i32x4.trunc_sat_f32x4_s(f32x4.nearest(a1));
      const r2 = i32x4.trunc_sat_f32x4_s(f32x4.nearest(a2));
      const r3 = i32x4.trunc_sat_f32x4_s(f32x4.nearest(a3));
      v128.store(drow + <usize>i, i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(r0, r1), i16x8.narrow_i32x4_s(r2, r3)));
      i += 16;
    } while (i < wc);
    y++;
  } while (y < h);
  return 0;
}

/**
 * 2-D correlation with a sparse kernel (motion blur): `nt` taps, tap t at float offset `offs[t]`
 * (i32, = (ky·PW + kx)·C with PW = W + 2·rx) in the padded image, weight `wts[t]` (f32), summed in tap
 * order (acc = 0; acc = acc + w_t·v_t) — the TypeScript path's operations. `padImg`: f32
 * [(W + 2rx)·(H + 2ry)·C + 16], filled here with the border. Returns 0, or −1 for bad arguments.
 */
export function sparse(src: usize, w: i32, h: i32, c: i32, dst: usize, offs: usize, wts: usize, nt: i32, rx: i32, ry: i32,
  border: i32, padImg: usize): i32 {
  if (w <= 0 || h <= 0 || c <= 0 || nt <= 0 || rx < 0 || ry < 0 || border < 0 || border > 2) return -1;
  const wc = w * c;
  const pw = w + 2 * rx;
  const ph = h + 2 * ry;
  const prow = pw * c;
  // Padded float image: interior of each row converted 16 at a time, then the side borders.
  for (let py = 0; py < ph; py++) {
    const srow = src + <usize>(borderIndex(py - ry, h, border) * wc);
    const drow = padImg + <usize>(py * prow * 4);
    const pin = drow + <usize>(rx * c * 4);
    let i = 0;
    do {
      const b = v128.load(srow + <usize>i);
      const lo = i16x8.extend_low_i8x16_u(b);
      const hi = i16x8.extend_high_i8x16_u(b);
      const q = pin + <usize>(i * 4);
      v128.store(q, f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(lo)));
      v128.store(q + 16, f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(lo)));
      v128.store(q + 32, f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(hi)));
      v128.store(q + 48, f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(hi)));
      i += 16;
    } while (i < wc);
    for (let x = 0; x < rx; x++) {
      const sl = borderIndex(x - rx, w, border) * c;
      const sr = borderIndex(w + x, w, border) * c;
      for (let ch = 0; ch < c; ch++) {
        store<f32>(drow + <usize>((x * c + ch) * 4), <f32>load<u8>(srow + <usize>(sl + ch)));
        store<f32>(drow + <usize>(((rx + w + x) * c + ch) * 4), <f32>load<u8>(srow + <usize>(sr + ch)));
      }
    }
  }
  const zero = f32x4.splat(0);
  const oend = offs + <usize>(nt * 4);
  let y = 0;
  do {
    const base = padImg + <usize>(y * prow * 4);
    const drow = dst + <usize>(y * wc);
    let i = 0;
    do {
      let a0 = zero, a1 = zero, a2 = zero, a3 = zero;
      const col = base + <usize>(i * 4);
      let op = offs;
      let kp = wts;
      do {
        const wv = v128.load32_splat(kp);
        const p = col + <usize>(load<i32>(op) * 4);
        a0 = f32x4.add(a0, f32x4.mul(wv, v128.load(p)));
        a1 = f32x4.add(a1, f32x4.mul(wv, v128.load(p + 16)));
        a2 = f32x4.add(a2, f32x4.mul(wv, v128.load(p + 32)));
        a3 = f32x4.add(a3, f32x4.mul(wv, v128.load(p + 48)));
        op += 4;
        kp += 4;
      } while (op < oend);
      const r0 = i32x4.trunc_sat_f32x4_s(f32x4.nearest(a0));
      const r1 = i32x4.trunc_sat_f32x4_s(f32x4.nearest(a1));
      const r2 = i32x4.trunc_sat_f32x4_s(f32x4.nearest(a2));
      const r3 = i32x4.trunc_sat_f32x4_s(f32x4.nearest(a3));
      v128.store(drow + <usize>i, i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(r0, r1), i16x8.narrow_i32x4_s(r2, r3)));
      i += 16;
    } while (i < wc);
    y++;
  } while (y < h);
  return 0;
}

/**
 * Separable resize (the `resize` stage's bilinear/bicubic, plain or antialiased; it lives in this
 * module so it ships in conv.wasm): torch's float32 operations in torch's order, the same bytes as the
 * TypeScript path in src/ops/stages/resize.ts.
 *   Horizontal: for each used source row r (byte offset `rows[r]` into `src`) and output x, channel ch:
 *     t = f32(src[row + xo[x·kx]   + ch])·wx[x·kx]; t = t + f32(src[row + xo[x·kx + j] + ch])·wx[x·kx + j]
 *     → tmp row r, value x·c + ch   (c = 3 or 4: one f32x4 per output pixel; c = 1: scalar).
 *   Vertical: out[y·ow·c + i] = sat_u8(roundeven(Σ_j tmp row ro[y·ky + j], value i · wy[y·ky + j])) in tap order.
 * Streaming: tmp holds `ring` rows (a power of two; row r in slot r mod ring, each slot ow·c + 16 floats),
 * computed just before the first output row that needs them — the caller guarantees every output row's tap
 * rows lie within `ring` consecutive rows and the last tap row never decreases (torch's taps do), so the rows
 * in flight stay in the first-level cache instead of a whole float32 image (0.8 MB for a 300-row box at 224
 * wide) going out to memory and back. ring ≥ nRows computes every row once up front.
 * Slack: `src` 16 readable bytes after the last row, `dst` 16 bytes. `ro` is scratch too: the general
 * vertical path writes each output row's tap-row addresses over its entries.
 * Two-tap axes (bilinear) take unrolled paths with the same operations.
 * Returns 0, or −1 for bad arguments.
 */
export function resizeSep(src: usize, c: i32, rows: usize, nRows: i32, xo: usize, wx: usize, kx: i32, ow: i32,
  tmp: usize, ro: usize, wy: usize, ky: i32, oh: i32, dst: usize, ring: i32): i32 {
  if (c < 1 || c > 4 || nRows <= 0 || kx <= 0 || ky <= 0 || ow <= 0 || oh <= 0 || ring <= 0 || (ring & (ring - 1)) != 0) return -1;
  const rmask = ring - 1;
  const oc = ow * c;
  const slot = <usize>((oc + 16) * 4);
  let done = -1;
  let y = 0;
  do {
    // The tap rows of output row y: compute the ones not yet made (two at a time where there are two).
    let need = 0;
    for (let j = 0; j < ky; j++) need = max(need, load<i32>(ro + <usize>((y * ky + j) * 4)));
    if (need >= nRows) return -1;
    while (done < need) {
      const r = done + 1;
      const srow = src + <usize>load<i32>(rows + <usize>(r * 4));
      const trow = tmp + <usize>(r & rmask) * slot;
      if (c != 1 && kx == 2 && r + 1 <= need) {
        hRows2(srow, src + <usize>load<i32>(rows + <usize>((r + 1) * 4)), trow, tmp + <usize>((r + 1) & rmask) * slot, c, xo, wx, ow);
        done += 2;
      } else {
        hRow(srow, trow, c, xo, wx, kx, ow);
        done += 1;
      }
    }
    const drow = dst + <usize>(y * oc);
    const tb = ro + <usize>(y * ky * 4);
    const wb = wy + <usize>(y * ky * 4);
    if (ky == 2) {
      // Two taps (bilinear): 16 values per step (up to 15 past the row: the slot's padding).
      const t0 = tmp + <usize>(load<i32>(tb) & rmask) * slot;
      const t1 = tmp + <usize>(load<i32>(tb, 4) & rmask) * slot;
      const w0 = v128.load32_splat(wb);
      const w1 = v128.load32_splat(wb, 4);
      let i = 0;
      do {
        const o = <usize>(i * 4);
        const n0 = roundI(f32x4.add(f32x4.mul(v128.load(t0 + o), w0), f32x4.mul(v128.load(t1 + o), w1)));
        const n1 = roundI(f32x4.add(f32x4.mul(v128.load(t0 + o, 16), w0), f32x4.mul(v128.load(t1 + o, 16), w1)));
        const n2 = roundI(f32x4.add(f32x4.mul(v128.load(t0 + o, 32), w0), f32x4.mul(v128.load(t1 + o, 32), w1)));
        const n3 = roundI(f32x4.add(f32x4.mul(v128.load(t0 + o, 48), w0), f32x4.mul(v128.load(t1 + o, 48), w1)));
        v128.store(drow + <usize>i, packU8(n0, n1, n2, n3));
        i += 16;
      } while (i < oc);
    } else {
      // This row's tap rows as addresses, written over its `ro` entries (read only for this row from here on).
      for (let j = 0; j < ky; j++) store<i32>(tb + <usize>(j * 4), <i32>(tmp + <usize>(load<i32>(tb + <usize>(j * 4)) & rmask) * slot));
      const t0 = <usize>load<i32>(tb);
      const w0 = v128.load32_splat(wb);
      let i = 0;
      do {
        let a = f32x4.mul(v128.load(t0 + <usize>(i * 4)), w0);
        let a1 = f32x4.mul(v128.load(t0 + <usize>(i * 4) + 16), w0);
        for (let j = 1; j < ky; j++) {
          const tj = <usize>load<i32>(tb + <usize>(j * 4)) + <usize>(i * 4);
          const wj = v128.load32_splat(wb + <usize>(j * 4));
          a = f32x4.add(a, f32x4.mul(v128.load(tj), wj));
          a1 = f32x4.add(a1, f32x4.mul(v128.load(tj + 16), wj));
        }
        const n0 = roundI(a);
        const n1 = roundI(a1);
        const b = i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(n0, n1), i16x8.narrow_i32x4_s(n0, n1));
        v128.store64_lane(drow + <usize>i, b, 0);
        i += 8;
      } while (i < oc);
    }
    y++;
  } while (y < oh);
  return 0;
}

/** resizeSep's horizontal pass of one source row into a tmp row (c = 3 or 4: one f32x4 store per output pixel, 16 bytes). */
@inline function hRow(srow: usize, trow: usize, c: i32, xo: usize, wx: usize, kx: i32, ow: i32): void {
  if (c == 1) {
    let x = 0;
    do {
      const tb = <usize>(x * kx * 4);
      let v: f32 = <f32>load<u8>(srow + <usize>load<i32>(xo + tb)) * load<f32>(wx + tb);
      for (let j = 1; j < kx; j++) {
        const tj = tb + <usize>(j * 4);
        v = v + <f32>load<u8>(srow + <usize>load<i32>(xo + tj)) * load<f32>(wx + tj);
      }
      store<f32>(trow + <usize>(x * 4), v);
      x++;
    } while (x < ow);
  } else if (kx == 2) {
    // Two taps (bilinear): both pixels in one vector (lanes 0–3 and 4–7), one widening for both.
    let x = 0;
    const step = <usize>(c * 4);
    let q = trow;
    do {
      const tb = <usize>(x * 8);
      const ab = v128.load32_lane(srow + <usize>load<i32>(xo + tb, 4), v128.load32_zero(srow + <usize>load<i32>(xo + tb)), 1);
      const h = i16x8.extend_low_i8x16_u(ab);
      const fa = f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(h));
      const fb = f32x4.convert_i32x4_s(i32x4.extend_high_i16x8_u(h));
      v128.store(q, f32x4.add(f32x4.mul(fa, v128.load32_splat(wx + tb)), f32x4.mul(fb, v128.load32_splat(wx + tb + 4))));
      q += step;
      x++;
    } while (x < ow);
  } else {
    let x = 0;
    const step = <usize>(c * 4);
    let q = trow;
    do {
      const tb = <usize>(x * kx * 4);
      let px = f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(srow + <usize>load<i32>(xo + tb)))));
      let acc = f32x4.mul(px, v128.load32_splat(wx + tb));
      let j = 1;
      while (j < kx) {
        const tj = tb + <usize>(j * 4);
        px = f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(srow + <usize>load<i32>(xo + tj)))));
        acc = f32x4.add(acc, f32x4.mul(px, v128.load32_splat(wx + tj)));
        j++;
      }
      v128.store(q, acc);
      q += step;
      x++;
    } while (x < ow);
  }
}

/** resizeSep's two-tap horizontal pass of two source rows at once (taps and weights loaded once for both); c = 3 or 4. */
@inline function hRows2(srow: usize, srow2: usize, trow: usize, trow2: usize, c: i32, xo: usize, wx: usize, ow: i32): void {
  let x = 0;
  const step = <usize>(c * 4);
  let q = trow;
  let q2 = trow2;
  do {
    const tb = <usize>(x * 8);
    const oa = <usize>load<i32>(xo + tb), ob = <usize>load<i32>(xo + tb, 4);
    const w0 = v128.load32_splat(wx + tb), w1 = v128.load32_splat(wx + tb + 4);
    const ab = v128.load32_lane(srow + ob, v128.load32_zero(srow + oa), 1);
    const h = i16x8.extend_low_i8x16_u(ab);
    v128.store(q, f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(h)), w0),
      f32x4.mul(f32x4.convert_i32x4_s(i32x4.extend_high_i16x8_u(h)), w1)));
    const ab2 = v128.load32_lane(srow2 + ob, v128.load32_zero(srow2 + oa), 1);
    const h2 = i16x8.extend_low_i8x16_u(ab2);
    v128.store(q2, f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(h2)), w0),
      f32x4.mul(f32x4.convert_i32x4_s(i32x4.extend_high_i16x8_u(h2)), w1)));
    q += step;
    q2 += step;
    x++;
  } while (x < ow);
}

/**
 * The torch grids' x-steps, four output columns at once: f32 lanes of b + a[x..x+3] (`p` → four f64 column
 * products; each sum in f64, rounded to f32 once — the TypeScript path's f32(b + a[x])).
 */
@inline function rowPlusCols4(bv: v128, p: usize): v128 {
  const lo = f32x4.demote_f64x2_zero(f64x2.add(bv, v128.load(p)));
  const hi = f32x4.demote_f64x2_zero(f64x2.add(bv, v128.load(p, 16)));
  return i8x16.shuffle(lo, hi, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
}

/** grid_sample's unnormalisation (align_corners=False) of four f32 grid values g + r: ((g + r) + 1)·scale − 0.5. */
@inline function unnorm4(g: v128, r: v128, one: v128, scale: v128, half: v128): v128 {
  return f32x4.sub(f32x4.mul(f32x4.add(f32x4.add(g, r), one), scale), half);
}

/**
 * The `warp` stage's affine torch grid + nearest case (RandAugment's rotate/shear/translate; it lives
 * here so it ships in conv.wasm): output (x, y) takes source pixel (nearbyint(X), nearbyint(Y)) with
 *   X = f32(f32(f32(f32(f32(by·r1 + ax[x]) + r2) + 1)·hw) − 0.5),  by = y + 0.5 − oh/2  (by·r1 + ax in f64:
 *   one rounding, as torch's FMA), Y likewise with ay, r4, r5, hh;
 * out of the source → the `fill` bytes (c of them; `fill` has 16 readable bytes). The same operations as
 * src/ops/stages/warp.ts.
 *
 * SIMD: 4 output pixels per step — the f64 sums as f64x2 (the columns' ax/ay promoted once into
 * `scratch`, f64 [2·ow], 16-byte aligned), the f32 steps as f32x4 (the same IEEE operations, so the
 * same values), f32x4.nearest, and one gather per pixel from a byte offset that is the source pixel or,
 * out of bounds, the fill bytes. c = 3 stores 16 bytes per 12 written: `dst` needs 16 bytes of slack,
 * `src` 1 readable byte after the image. Row tails (ow % 4) and c = 2 take the scalar loop.
 * Returns 0, or −1 for bad arguments.
 */
export function warpNearestAffine(src: usize, w: i32, h: i32, c: i32, dst: usize, ow: i32, oh: i32, ax: usize, ay: usize,
  r1: f32, r2: f32, r4: f32, r5: f32, hw: f32, hh: f32, fill: usize, scratch: usize): i32 {
  if (w <= 0 || h <= 0 || c < 1 || c > 4 || ow <= 0 || oh <= 0) return -1;
  const fw = <f32>w;
  const fh = <f32>h;
  const f0 = load<u8>(fill);
  const f1 = load<u8>(fill, 1);
  const f2 = load<u8>(fill, 2);
  const f3 = load<u8>(fill, 3);
  const ow4 = c == 2 ? 0 : ow & ~3;
  const ax64 = scratch;
  const ay64 = scratch + <usize>(ow * 8);
  for (let x = 0; x < ow; x++) {
    store<f64>(ax64 + <usize>(x * 8), <f64>load<f32>(ax + <usize>(x * 4)));
    store<f64>(ay64 + <usize>(x * 8), <f64>load<f32>(ay + <usize>(x * 4)));
  }
  const r2v = f32x4.splat(r2);
  const r5v = f32x4.splat(r5);
  const one = f32x4.splat(1);
  const half = f32x4.splat(0.5);
  const hwv = f32x4.splat(hw);
  const hhv = f32x4.splat(hh);
  const zero = f32x4.splat(0);
  const fwv = f32x4.splat(fw);
  const fhv = f32x4.splat(fh);
  const wv = i32x4.splat(w);
  const cv = i32x4.splat(c);
  const fillOff = i32x4.splat(<i32>(fill - src));
  let o = dst;
  let y = 0;
  do {
    const by = <f32>(<f64>y + (0.5 - <f64>oh * 0.5));
    const b1 = <f64>by * <f64>r1;
    const b4 = <f64>by * <f64>r4;
    let x = 0;
    if (ow4 > 0) {
      const b1v = f64x2.splat(b1);
      const b4v = f64x2.splat(b4);
      do {
        const xo = <usize>(x * 8);
        const ix = f32x4.nearest(unnorm4(rowPlusCols4(b1v, ax64 + xo), r2v, one, hwv, half));
        const iy = f32x4.nearest(unnorm4(rowPlusCols4(b4v, ay64 + xo), r5v, one, hhv, half));
        const inside = v128.and(v128.and(f32x4.ge(ix, zero), f32x4.lt(ix, fwv)), v128.and(f32x4.ge(iy, zero), f32x4.lt(iy, fhv)));
        const at = i32x4.mul(i32x4.add(i32x4.mul(i32x4.trunc_sat_f32x4_s(iy), wv), i32x4.trunc_sat_f32x4_s(ix)), cv);
        const off = v128.bitselect(at, fillOff, inside);
        const p0 = src + <usize>i32x4.extract_lane(off, 0);
        const p1 = src + <usize>i32x4.extract_lane(off, 1);
        const p2 = src + <usize>i32x4.extract_lane(off, 2);
        const p3 = src + <usize>i32x4.extract_lane(off, 3);
        if (c == 3) {
          let v = v128.load32_zero(p0);
          v = v128.load32_lane(p1, v, 1);
          v = v128.load32_lane(p2, v, 2);
          v = v128.load32_lane(p3, v, 3);
          v128.store(o, i8x16.swizzle(v, i8x16(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1)));
          o += 12;
        } else if (c == 4) {
          let v = v128.load32_zero(p0);
          v = v128.load32_lane(p1, v, 1);
          v = v128.load32_lane(p2, v, 2);
          v = v128.load32_lane(p3, v, 3);
          v128.store(o, v);
          o += 16;
        } else {
          store<u8>(o, load<u8>(p0));
          store<u8>(o, load<u8>(p1), 1);
          store<u8>(o, load<u8>(p2), 2);
          store<u8>(o, load<u8>(p3), 3);
          o += 4;
        }
        x += 4;
      } while (x < ow4);
    }
    while (x < ow) {
      const xo4 = <usize>(x * 4);
      const xf: f32 = (((<f32>(b1 + <f64>load<f32>(ax + xo4)) + r2) + <f32>1) * hw) - <f32>0.5;
      const yf: f32 = (((<f32>(b4 + <f64>load<f32>(ay + xo4)) + r5) + <f32>1) * hh) - <f32>0.5;
      const ix = nearest<f32>(xf);
      const iy = nearest<f32>(yf);
      if (ix >= 0 && ix < fw && iy >= 0 && iy < fh) {
        const sp = src + <usize>((<i32>iy * w + <i32>ix) * c);
        if (c == 3) {
          store<u16>(o, load<u16>(sp));
          store<u8>(o, load<u8>(sp, 2), 2);
        } else if (c == 1) store<u8>(o, load<u8>(sp));
        else if (c == 4) store<u32>(o, load<u32>(sp));
        else store<u16>(o, load<u16>(sp));
      } else {
        store<u8>(o, f0);
        if (c > 1) store<u8>(o, f1, 1);
        if (c > 2) store<u8>(o, f2, 2);
        if (c > 3) store<u8>(o, f3, 3);
      }
      o += <usize>c;
      x++;
    }
    y++;
  } while (y < oh);
  return 0;
}

// ---- Table stages (lut, equalize, autocontrast, blend): the same table lookups and float32 steps as
// src/ops/stages/{lut,blend,equalize,autocontrast}.ts, without JS's per-element checks. `n` = pixels.

@inline function satTrunc(v: f32): u8 {
  // torch's clamp to [0, 255] then uint8 cast (truncation); NaN → 0 as the TS path's `v | 0`.
  let i = <i32>v; // non-trapping (saturating) conversion: AssemblyScript enables nontrapping-f2i
  if (i < 0) i = 0;
  if (i > 255) i = 255;
  return <u8>i;
}

/** dst = per-channel tables (`t` u8 [768]: channel c at c·256) of the colour channels; alpha copied. c = 1: t[0..255]. */
export function lutApply(src: usize, n: i32, c: i32, t: usize, dst: usize): i32 {
  if (n <= 0 || c < 1 || c > 4 || c == 2) return -1;
  if (c == 1) {
    for (let i = 0; i < n; i++) store<u8>(dst + <usize>i, load<u8>(t + <usize>load<u8>(src + <usize>i)));
    return 0;
  }
  const t1 = t + 256;
  const t2 = t + 512;
  let s = src;
  let d = dst;
  const end = src + <usize>(n * c);
  if (c == 3) {
    // Four pixels (three words) per step: byte k of the 12 is channel k mod 3.
    while (s + 12 <= end) {
      const w0 = load<u32>(s), w1 = load<u32>(s, 4), w2 = load<u32>(s, 8);
      store<u32>(d, <u32>load<u8>(t + <usize>(w0 & 255)) | (<u32>load<u8>(t1 + <usize>((w0 >> 8) & 255)) << 8)
        | (<u32>load<u8>(t2 + <usize>((w0 >> 16) & 255)) << 16) | (<u32>load<u8>(t + <usize>(w0 >> 24)) << 24));
      store<u32>(d, <u32>load<u8>(t1 + <usize>(w1 & 255)) | (<u32>load<u8>(t2 + <usize>((w1 >> 8) & 255)) << 8)
        | (<u32>load<u8>(t + <usize>((w1 >> 16) & 255)) << 16) | (<u32>load<u8>(t1 + <usize>(w1 >> 24)) << 24), 4);
      store<u32>(d, <u32>load<u8>(t2 + <usize>(w2 & 255)) | (<u32>load<u8>(t + <usize>((w2 >> 8) & 255)) << 8)
        | (<u32>load<u8>(t1 + <usize>((w2 >> 16) & 255)) << 16) | (<u32>load<u8>(t2 + <usize>(w2 >> 24)) << 24), 8);
      s += 12;
      d += 12;
    }
    if (s >= end) return 0;
  }
  do {
    store<u8>(d, load<u8>(t + <usize>load<u8>(s)));
    store<u8>(d, load<u8>(t1 + <usize>load<u8>(s, 1)), 1);
    store<u8>(d, load<u8>(t2 + <usize>load<u8>(s, 2)), 2);
    if (c == 4) store<u8>(d, load<u8>(s, 3), 3);
    s += <usize>c;
    d += <usize>c;
  } while (s < end);
  return 0;
}

/** hist i32 [256·k]: per colour channel histograms (k = 1 for c = 1, else 3), added to. */
export function chanHist(src: usize, n: i32, c: i32, hist: usize): i32 {
  if (n <= 0 || c < 1 || c > 4 || c == 2) return -1;
  if (c == 1) {
    for (let i = 0; i < n; i++) {
      const p = hist + (<usize>load<u8>(src + <usize>i) << 2);
      store<i32>(p, load<i32>(p) + 1);
    }
    return 0;
  }
  let s = src;
  const end = src + <usize>(n * c);
  do {
    const p0 = hist + (<usize>load<u8>(s) << 2);
    store<i32>(p0, load<i32>(p0) + 1);
    const p1 = hist + 1024 + (<usize>load<u8>(s, 1) << 2);
    store<i32>(p1, load<i32>(p1) + 1);
    const p2 = hist + 2048 + (<usize>load<u8>(s, 2) << 2);
    store<i32>(p2, load<i32>(p2) + 1);
    s += <usize>c;
  } while (s < end);
  return 0;
}

// Float → u8-range integer lanes without i32x4.trunc_sat_f32x4_s / f32x4.convert_i32x4_u (each several
// instructions on x64): a level (≤ 255, from an unsigned widening) converts signed (exact); a value clamped
// to [0, 255] (pmax/pmin: NaN cannot occur in these kernels) and made integral (trunc, or the add itself
// for round-half-even) is the low bits of f32(v + 2^23), whose bit pattern minus that of 2^23 is the integer.

/** clamp(v, 0, 255) of finite lanes. */
@inline function clamp255(v: v128): v128 {
  return f32x4.pmin(f32x4.pmax(v, f32x4.splat(0)), f32x4.splat(255));
}
/** Integral f32 lanes in [0, 2^23) → i32x4. */
@inline function intBits(v: v128): v128 {
  return i32x4.sub(f32x4.add(v, f32x4.splat(8388608)), i32x4.splat(0x4b000000));
}
/** satTrunc of four finite f32 lanes (clamp to [0, 255], truncate) as i32x4. */
@inline function satTruncI(v: v128): v128 {
  return intBits(f32x4.trunc(clamp255(v)));
}
/**
 * Round half to even of finite lanes |v| < 2^22, as i32x4 — for a saturating narrow after it (packU8), which
 * clamps to [0, 255] (the same as clamping first: the bounds are integers): a lane above 255 stays above
 * 255, and a negative one's f32(v + 2^23) lies below 2^23 (a smaller exponent), so its bits minus 2^23's
 * are negative.
 */
@inline function roundI(v: v128): v128 {
  return i32x4.sub(f32x4.add(v, f32x4.splat(8388608)), i32x4.splat(0x4b000000));
}

// ---- RGB/RGBA arithmetic paths of the grey-level stages (saturation, contrast): the TS path's tables are float32
// products of a constant and a level (GREY_TABLE, `scaled`), so with the levels in f32 lanes the same
// products and sums are exact f32x4 arithmetic — the same bytes, 16 pixels (48 bytes) per step. A `pre`
// table (a folded brightness) is read first, byte by byte, into a 48-byte block `blk`.

/**
 * A pre table in arithmetic form: one or two level steps v → satTrunc(f32(pk·v) + pb), then (when `aq`)
 * v → satTrunc(f32(qk·v) + qb) — adjust_brightness's table truncU8(f32(k·v)) is (k, 0), adjust_contrast's
 * truncU8(f32(f32(ratio·v) + bm)) is (ratio, bm); applied when `ar` (pk ≥ 0); `vp` = splat(pk) etc.
 */
@inline function preK(f: v128, vp: v128, vpb: v128, vq: v128, vqb: v128, ar: bool, aq: bool): v128 {
  if (!ar) return f;
  const x = f32x4.trunc(clamp255(f32x4.add(f32x4.mul(f, vp), vpb)));
  return aq ? f32x4.trunc(clamp255(f32x4.add(f32x4.mul(x, vq), vqb))) : x;
}
/** {@link preK} of one level. */
@inline function preS(x: f32, pk: f32, pb: f32, qk: f32, qb: f32, ar: bool, aq: bool): f32 {
  if (!ar) return x;
  const y = <f32>satTrunc(x * pk + pb);
  return aq ? <f32>satTrunc(y * qk + qb) : y;
}
/** Lane group k (0..3) of 16 u8 lanes as f32x4 (through the arithmetic pre when `ar`). */
@inline function lanesF(v: v128, k: i32, vp: v128, vpb: v128, vq: v128, vqb: v128, ar: bool, aq: bool): v128 {
  const h = k < 2 ? i16x8.extend_low_i8x16_u(v) : i16x8.extend_high_i8x16_u(v);
  return preK(f32x4.convert_i32x4_s((k & 1) == 0 ? i32x4.extend_low_i16x8_u(h) : i32x4.extend_high_i16x8_u(h)), vp, vpb, vq, vqb, ar, aq);
}
/**
 * trunc(f32(f32(wr·r + wg·g) + wb·b)) of four pixels (torch's uint8 greyscale) as integral f32 lanes (the
 * weighted sum lies in [0, 255): no clamp needed), used as a float: a blend's f32(kb·grey), a sum of levels.
 */
@inline function greyF(r: v128, g: v128, b: v128, wr: v128, wg: v128, wb: v128): v128 {
  return f32x4.trunc(f32x4.add(f32x4.add(f32x4.mul(r, wr), f32x4.mul(g, wg)), f32x4.mul(b, wb)));
}
/** Four i32x4 groups → 16 u8 lanes, saturating (clamp to [0, 255]). */
@inline function packU8(a: v128, b: v128, c: v128, d: v128): v128 {
  return i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(a, b), i16x8.narrow_i32x4_s(c, d));
}
/** satTrunc(f32(ka·v) + k_g) of 16 u8 lanes (group g of four lanes adds k_g) → 16 u8 lanes. */
@inline function blendPack(v: v128, va: v128, k0: v128, k1: v128, k2: v128, k3: v128, vp: v128, vpb: v128, vq: v128, vqb: v128, ar: bool, aq: bool): v128 {
  return packU8(
    satTruncI(f32x4.add(f32x4.mul(lanesF(v, 0, vp, vpb, vq, vqb, ar, aq), va), k0)),
    satTruncI(f32x4.add(f32x4.mul(lanesF(v, 1, vp, vpb, vq, vqb, ar, aq), va), k1)),
    satTruncI(f32x4.add(f32x4.mul(lanesF(v, 2, vp, vpb, vq, vqb, ar, aq), va), k2)),
    satTruncI(f32x4.add(f32x4.mul(lanesF(v, 3, vp, vpb, vq, vqb, ar, aq), va), k3)));
}
/** 48 bytes from `s` through `pre` (u8 [256]) into `blk`. */
@inline function preBlock(s: usize, pre: usize, blk: usize): void {
  for (let i: usize = 0; i < 48; i += 4) {
    const w = load<u32>(s + i);
    store<u32>(blk + i, <u32>load<u8>(pre + <usize>(w & 255)) | (<u32>load<u8>(pre + <usize>((w >> 8) & 255)) << 8)
      | (<u32>load<u8>(pre + <usize>((w >> 16) & 255)) << 16) | (<u32>load<u8>(pre + <usize>(w >> 24)) << 24));
  }
}

/**
 * One pixel of blendGreyRgb/blendGreyRgba's scalar tail: its three colour values (the same float32 steps);
 * returns the grey level of the output (after the level step (sk, sb) when sk ≥ 0) for the kernels' sum.
 */
@inline function blendGreyPixel(s: usize, d: usize, pre: usize, pk: f32, pb: f32, qk: f32, qb: f32, ar: bool, aq: bool, ka: f32, kb: f32, wr: f32, wg: f32, wb: f32, sk: f32, sb: f32): i32 {
  let r = <f32>load<u8>(s), g = <f32>load<u8>(s, 1), b = <f32>load<u8>(s, 2);
  if (pre) { r = <f32>load<u8>(pre + <usize>load<u8>(s)); g = <f32>load<u8>(pre + <usize>load<u8>(s, 1)); b = <f32>load<u8>(pre + <usize>load<u8>(s, 2)); }
  r = preS(r, pk, pb, qk, qb, ar, aq); g = preS(g, pk, pb, qk, qb, ar, aq); b = preS(b, pk, pb, qk, qb, ar, aq);
  const bg: f32 = <f32><i32>((r * wr + g * wg) + b * wb) * kb;
  const oR = satTrunc(r * ka + bg), oG = satTrunc(g * ka + bg), oB = satTrunc(b * ka + bg);
  store<u8>(d, oR);
  store<u8>(d, oG, 1);
  store<u8>(d, oB, 2);
  const sr = preS(<f32>oR, sk, sb, 0, 0, sk >= 0, false), sg = preS(<f32>oG, sk, sb, 0, 0, sk >= 0, false), sbl = preS(<f32>oB, sk, sb, 0, 0, sk >= 0, false);
  return <i32>((sr * wr + sg * wg) + sbl * wb);
}

/**
 * adjust_saturation's blend with the pixel's grey level (src/ops/stages/blend.ts blendGrey), c = 3, its
 * tables in arithmetic form: out = satTrunc(f32(ka·v) + f32(kb·grey)) per colour value v (after `pre`,
 * u8 [256], when pre ≠ 0), grey = trunc(f32(f32(wr·r + wg·g) + wb·b)) — the TS path's tables
 * (scaled(ratio), scaled(1 − ratio), GREY_TABLE) hold exactly these products. `blk`: 112 bytes of scratch (a 48-byte pre block, then the swizzle masks: see rgbMasks). In place (src = dst) is fine; the image needs 4 readable bytes after it.
 * `sum` ≠ 0: also the exact sum of the output's grey levels (each output value through the level step
 * v → satTrunc(f32(sk·v) + sb) first when sk ≥ 0), stored as f64 at `sum` — what greySum of the output
 * (with that pre) gives, without reading the output again (a contrast right after the saturation).
 */
export function blendGreyRgb(src: usize, n: i32, pre: usize, pk: f32, pb: f32, qk: f32, qb: f32, ka: f32, kb: f32, wr: f32, wg: f32, wb: f32, blk: usize, dst: usize,
  sum: usize, sk: f32, sb: f32): i32 {
  if (n <= 0) return -1;
  const ar = pk >= 0;
  const aq = ar && qk >= 0;
  const end = src + <usize>(n * 3);
  if (sum) store<f64>(sum, 0);
  rgbMasks(blk + 48);
  // One specialised loop per pre shape (none, one, two level steps) and clamp: no per-vector tests of the
  // flags. Without a sum (the output's levels are not read as floats) and with |ka·v + kb·grey| < 2^22, the
  // clamp is left to the packing's saturating narrows.
  const s = sum != 0 || !(Mathf.abs(ka) + Mathf.abs(kb) < 16384)
    ? (!ar ? blendGreyRgbLoop(src, end, pre, pk, pb, qk, qb, ka, kb, wr, wg, wb, blk, dst, sum, sk, sb, false, false, true)
      : !aq ? blendGreyRgbLoop(src, end, pre, pk, pb, qk, qb, ka, kb, wr, wg, wb, blk, dst, sum, sk, sb, true, false, true)
        : blendGreyRgbLoop(src, end, pre, pk, pb, qk, qb, ka, kb, wr, wg, wb, blk, dst, sum, sk, sb, true, true, true))
    : (!ar ? blendGreyRgbLoop(src, end, pre, pk, pb, qk, qb, ka, kb, wr, wg, wb, blk, dst, 0, sk, sb, false, false, false)
      : !aq ? blendGreyRgbLoop(src, end, pre, pk, pb, qk, qb, ka, kb, wr, wg, wb, blk, dst, 0, sk, sb, true, false, false)
        : blendGreyRgbLoop(src, end, pre, pk, pb, qk, qb, ka, kb, wr, wg, wb, blk, dst, 0, sk, sb, true, true, false));
  // The last < 16 pixels, one at a time (the same float32 steps).
  let d = dst + (s - src);
  let t: f64 = 0;
  for (let p = s; p < end; p += 3) {
    t += <f64>blendGreyPixel(p, d, pre, pk, pb, qk, qb, ar, aq, ka, kb, wr, wg, wb, sk, sb);
    d += 3;
  }
  if (sum) store<f64>(sum, load<f64>(sum) + t);
  return 0;
}

// ---- RGB groups without two-input shuffles: V8 (Node 20) compiles an i8x16.shuffle of two vectors to two
// pshufb with their masks rebuilt from the constant pool in the loop (~13 instructions each), and the
// 48-byte de-/re-interleave took 12 of them per 16 pixels. Instead each group of four pixels is its own
// 16-byte load (bytes 0..11 used), one i8x16.swizzle per channel straight into i32 lanes, and one swizzle
// back; the masks come from memory (`blk` + 48..111, written per call) so they stay loop-invariant values.

/** Writes the four swizzle masks of the RGB group helpers at `m` (64 bytes). */
@inline function rgbMasks(m: usize): void {
  v128.store(m, i8x16(0, -128, -128, -128, 3, -128, -128, -128, 6, -128, -128, -128, 9, -128, -128, -128));
  v128.store(m, i8x16(1, -128, -128, -128, 4, -128, -128, -128, 7, -128, -128, -128, 10, -128, -128, -128), 16);
  v128.store(m, i8x16(2, -128, -128, -128, 5, -128, -128, -128, 8, -128, -128, -128, 11, -128, -128, -128), 32);
  // r0..r3 g0..g3 b0..b3 (narrowed) → r0 g0 b0 r1 g1 b1 …
  v128.store(m, i8x16(0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11, -128, -128, -128, -128), 48);
}
/** Channel (mask `m`) of the four RGB pixels in bytes 0..11 of `v` as f32x4 (through the arithmetic pre when `ar`). */
@inline function grpF(v: v128, m: v128, vp: v128, vpb: v128, vq: v128, vqb: v128, ar: bool, aq: bool): v128 {
  return preK(f32x4.convert_i32x4_s(i8x16.swizzle(v, m)), vp, vpb, vq, vqb, ar, aq);
}
/** Four RGB pixels from integral f32 channel lanes in [0, 255], interleaved in bytes 0..11 (mask `mo`). */
@inline function grpPack(r: v128, g: v128, b: v128, mo: v128): v128 {
  const bi = intBits(b);
  return i8x16.swizzle(i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(intBits(r), intBits(g)), i16x8.narrow_i32x4_s(bi, bi)), mo);
}

/**
 * satTrunc(f32(ka·v) + k) of four f32 lanes, as integral f32 lanes; without `clamp` trunc(f32(ka·v) + k)
 * (integral, |x| < 2^22), which {@link grpPack}'s saturating narrows (intBits of a negative lane is negative)
 * clamp to the same bytes.
 */
@inline function blendOutF(v: v128, va: v128, k: v128, clamp: bool = true): v128 {
  const x = f32x4.add(f32x4.mul(v, va), k);
  return f32x4.trunc(clamp ? clamp255(x) : x);
}
/** The optional level step of a kernel's grey sum (see blendGreyRgb's `sk`) on integral f32 lanes. */
@inline function sumStep(v: v128, vs: v128, vsb: v128, as: bool): v128 {
  return as ? f32x4.trunc(clamp255(f32x4.add(f32x4.mul(v, vs), vsb))) : v;
}
/**
 * Adds the lanes of an f32x4 grey-level accumulator to the f64 at `sum`. The lanes are integers below 2^24
 * (the callers flush before), so every f32 add into them was exact.
 */
@inline function flushSum(sum: usize, acc: v128): void {
  store<f64>(sum, load<f64>(sum) + ((<f64>f32x4.extract_lane(acc, 0) + <f64>f32x4.extract_lane(acc, 1)) + (<f64>f32x4.extract_lane(acc, 2) + <f64>f32x4.extract_lane(acc, 3))));
}

/**
 * blendGreyRgb's SIMD loop (16 pixels per step) for constant pre flags and `clamp` (without it: no sum, and
 * the output values' clamp left to the packing, see blendOutF); returns where it stopped.
 */
@inline function blendGreyRgbLoop(src: usize, end: usize, pre: usize, pk: f32, pb: f32, qk: f32, qb: f32, ka: f32, kb: f32,
  wr: f32, wg: f32, wb: f32, blk: usize, dst: usize, sum: usize, sk: f32, sb: f32, ar: bool, aq: bool, clamp: bool): usize {
  const vp = f32x4.splat(pk), vpb = f32x4.splat(pb), vq = f32x4.splat(qk), vqb = f32x4.splat(qb);
  const vr = f32x4.splat(wr), vg = f32x4.splat(wg), vb = f32x4.splat(wb), va = f32x4.splat(ka), vk = f32x4.splat(kb);
  const vs = f32x4.splat(sk), vsb = f32x4.splat(sb);
  const as = sk >= 0;
  const mR = v128.load(blk, 48), mG = v128.load(blk, 64), mB = v128.load(blk, 80), mO = v128.load(blk, 96);
  let acc = f32x4.splat(0);
  let steps = 0;
  let s = src;
  let d = dst;
  // Each group's load reads 4 bytes past its 12 (up to 4 past the 48-byte block: the image's slack or blk's masks).
  while (s + 48 <= end) {
    let p = s;
    if (pre) { preBlock(s, pre, blk); p = blk; }
    const q0 = v128.load(p), q1 = v128.load(p, 12), q2 = v128.load(p, 24), q3 = v128.load(p, 36);
    // Per group of four pixels (levels through the pre once): f32(kb·grey), then each channel's
    // satTrunc(f32(ka·v) + that).
    const r0 = grpF(q0, mR, vp, vpb, vq, vqb, ar, aq), g0 = grpF(q0, mG, vp, vpb, vq, vqb, ar, aq), b0 = grpF(q0, mB, vp, vpb, vq, vqb, ar, aq);
    const k0 = f32x4.mul(greyF(r0, g0, b0, vr, vg, vb), vk);
    const tr0 = blendOutF(r0, va, k0, clamp), tg0 = blendOutF(g0, va, k0, clamp), tb0 = blendOutF(b0, va, k0, clamp);
    const r1 = grpF(q1, mR, vp, vpb, vq, vqb, ar, aq), g1 = grpF(q1, mG, vp, vpb, vq, vqb, ar, aq), b1 = grpF(q1, mB, vp, vpb, vq, vqb, ar, aq);
    const k1 = f32x4.mul(greyF(r1, g1, b1, vr, vg, vb), vk);
    const tr1 = blendOutF(r1, va, k1, clamp), tg1 = blendOutF(g1, va, k1, clamp), tb1 = blendOutF(b1, va, k1, clamp);
    const r2 = grpF(q2, mR, vp, vpb, vq, vqb, ar, aq), g2 = grpF(q2, mG, vp, vpb, vq, vqb, ar, aq), b2 = grpF(q2, mB, vp, vpb, vq, vqb, ar, aq);
    const k2 = f32x4.mul(greyF(r2, g2, b2, vr, vg, vb), vk);
    const tr2 = blendOutF(r2, va, k2, clamp), tg2 = blendOutF(g2, va, k2, clamp), tb2 = blendOutF(b2, va, k2, clamp);
    const r3 = grpF(q3, mR, vp, vpb, vq, vqb, ar, aq), g3 = grpF(q3, mG, vp, vpb, vq, vqb, ar, aq), b3 = grpF(q3, mB, vp, vpb, vq, vqb, ar, aq);
    const k3 = f32x4.mul(greyF(r3, g3, b3, vr, vg, vb), vk);
    const tr3 = blendOutF(r3, va, k3, clamp), tg3 = blendOutF(g3, va, k3, clamp), tb3 = blendOutF(b3, va, k3, clamp);
    if (clamp && sum) {
      acc = f32x4.add(acc, f32x4.add(
        f32x4.add(greyF(sumStep(tr0, vs, vsb, as), sumStep(tg0, vs, vsb, as), sumStep(tb0, vs, vsb, as), vr, vg, vb),
          greyF(sumStep(tr1, vs, vsb, as), sumStep(tg1, vs, vsb, as), sumStep(tb1, vs, vsb, as), vr, vg, vb)),
        f32x4.add(greyF(sumStep(tr2, vs, vsb, as), sumStep(tg2, vs, vsb, as), sumStep(tb2, vs, vsb, as), vr, vg, vb),
          greyF(sumStep(tr3, vs, vsb, as), sumStep(tg3, vs, vsb, as), sumStep(tb3, vs, vsb, as), vr, vg, vb))));
      // Lane sums stay below 2^24 (exact in f32): at most 4096 steps × 4 levels ≤ 255 per lane between flushes.
      if (++steps == 4096) {
        flushSum(sum, acc);
        acc = f32x4.splat(0);
        steps = 0;
      }
    }
    // Groups stored in order, 16 bytes each (the next group's store overwrites the 4 extra), the last as 8 + 4:
    // nothing written past the block, and all loads came first (in place is fine).
    v128.store(d, grpPack(tr0, tg0, tb0, mO));
    v128.store(d, grpPack(tr1, tg1, tb1, mO), 12);
    v128.store(d, grpPack(tr2, tg2, tb2, mO), 24);
    const o3 = grpPack(tr3, tg3, tb3, mO);
    v128.store64_lane(d, o3, 0, 36);
    v128.store32_lane(d, o3, 2, 44);
    s += 48;
    d += 48;
  }
  if (clamp && sum) flushSum(sum, acc);
  return s;
}

/** 16 bytes (four RGBA pixels) from `s` through `pre` into `blk`, alpha bytes kept. */
@inline function preBlock4(s: usize, pre: usize, blk: usize): void {
  for (let i: usize = 0; i < 16; i += 4) {
    const w = load<u32>(s + i);
    store<u32>(blk + i, <u32>load<u8>(pre + <usize>(w & 255)) | (<u32>load<u8>(pre + <usize>((w >> 8) & 255)) << 8)
      | (<u32>load<u8>(pre + <usize>((w >> 16) & 255)) << 16) | (w & 0xff000000));
  }
}
/** Channel k (byte k of each u32 lane) of four RGBA pixels as f32x4. */
@inline function chanF(v: v128, k: i32, vp: v128, vpb: v128, vq: v128, vqb: v128, ar: bool, aq: bool): v128 {
  return preK(f32x4.convert_i32x4_s(v128.and(k == 0 ? v : i32x4.shr_u(v, k * 8), i32x4.splat(255))), vp, vpb, vq, vqb, ar, aq);
}

/** {@link blendGreyRgb} for c = 4 (alpha copied): four pixels per step. */
export function blendGreyRgba(src: usize, n: i32, pre: usize, pk: f32, pb: f32, qk: f32, qb: f32, ka: f32, kb: f32, wr: f32, wg: f32, wb: f32, blk: usize, dst: usize,
  sum: usize, sk: f32, sb: f32): i32 {
  if (n <= 0) return -1;
  const ar = pk >= 0;
  const aq = ar && qk >= 0;
  const end = src + <usize>(n * 4);
  if (sum) store<f64>(sum, 0);
  const s = !ar ? blendGreyRgbaLoop(src, end, pre, pk, pb, qk, qb, ka, kb, wr, wg, wb, blk, dst, sum, sk, sb, false, false)
    : !aq ? blendGreyRgbaLoop(src, end, pre, pk, pb, qk, qb, ka, kb, wr, wg, wb, blk, dst, sum, sk, sb, true, false)
      : blendGreyRgbaLoop(src, end, pre, pk, pb, qk, qb, ka, kb, wr, wg, wb, blk, dst, sum, sk, sb, true, true);
  let d = dst + (s - src);
  let t: f64 = 0;
  for (let p = s; p < end; p += 4) {
    t += <f64>blendGreyPixel(p, d, pre, pk, pb, qk, qb, ar, aq, ka, kb, wr, wg, wb, sk, sb);
    store<u8>(d, load<u8>(p, 3), 3);
    d += 4;
  }
  if (sum) store<f64>(sum, load<f64>(sum) + t);
  return 0;
}

/** blendGreyRgba's SIMD loop (4 pixels per step) for constant pre flags; returns where it stopped. */
@inline function blendGreyRgbaLoop(src: usize, end: usize, pre: usize, pk: f32, pb: f32, qk: f32, qb: f32, ka: f32, kb: f32,
  wr: f32, wg: f32, wb: f32, blk: usize, dst: usize, sum: usize, sk: f32, sb: f32, ar: bool, aq: bool): usize {
  const vp = f32x4.splat(pk), vpb = f32x4.splat(pb), vq = f32x4.splat(qk), vqb = f32x4.splat(qb);
  const vr = f32x4.splat(wr), vg = f32x4.splat(wg), vb = f32x4.splat(wb), va = f32x4.splat(ka), vk = f32x4.splat(kb);
  const vs = f32x4.splat(sk), vsb = f32x4.splat(sb);
  const as = sk >= 0;
  let acc = f32x4.splat(0);
  let steps = 0;
  let s = src;
  let d = dst;
  while (s + 16 <= end) {
    let p = s;
    if (pre) { preBlock4(s, pre, blk); p = blk; }
    const v = v128.load(p);
    const fr = chanF(v, 0, vp, vpb, vq, vqb, ar, aq), fg = chanF(v, 1, vp, vpb, vq, vqb, ar, aq), fb = chanF(v, 2, vp, vpb, vq, vqb, ar, aq);
    const bg = f32x4.mul(greyF(fr, fg, fb, vr, vg, vb), vk);
    const tr = blendOutF(fr, va, bg), tg = blendOutF(fg, va, bg), tb = blendOutF(fb, va, bg);
    if (sum) {
      acc = f32x4.add(acc, greyF(sumStep(tr, vs, vsb, as), sumStep(tg, vs, vsb, as), sumStep(tb, vs, vsb, as), vr, vg, vb));
      // Lane sums stay below 2^24 (exact in f32): at most 2^16 steps × one level ≤ 255 per lane between flushes.
      if (++steps == 65536) {
        flushSum(sum, acc);
        acc = f32x4.splat(0);
        steps = 0;
      }
    }
    const o = v128.or(v128.or(intBits(tr), i32x4.shl(intBits(tg), 8)),
      v128.or(i32x4.shl(intBits(tb), 16), v128.and(v, i32x4.splat(0xff000000))));
    v128.store(d, o);
    s += 16;
    d += 16;
  }
  if (sum) flushSum(sum, acc);
  return s;
}

/**
 * The sum of the greyscale levels (trunc(f32(f32(wr·r + wg·g) + wb·b)) of each
 * pixel, after `pre` when ≠ 0) of an RGB (c = 3) or RGBA (c = 4) image, exact, stored as f64 at `out` —
 * all adjust_contrast needs of the histogram (Σ h[v]·v). `blk`: 112 bytes of scratch (as blendGreyRgb); the image needs 4 readable bytes after it.
 */
export function greySum(src: usize, n: i32, c: i32, pre: usize, pk: f32, pb: f32, qk: f32, qb: f32, wr: f32, wg: f32, wb: f32, blk: usize, out: usize): i32 {
  if (n <= 0 || (c != 3 && c != 4)) return -1;
  const ar = pk >= 0;
  const aq = ar && qk >= 0;
  const end = src + <usize>(n * c);
  store<f64>(out, 0);
  rgbMasks(blk + 48);
  // One specialised loop per pre shape (none, one, two level steps).
  let s = !ar ? greySumLoop(src, end, c, pre, pk, pb, qk, qb, wr, wg, wb, blk, out, false, false)
    : !aq ? greySumLoop(src, end, c, pre, pk, pb, qk, qb, wr, wg, wb, blk, out, true, false)
      : greySumLoop(src, end, c, pre, pk, pb, qk, qb, wr, wg, wb, blk, out, true, true);
  let total: f64 = 0;
  while (s < end) {
    let r = <f32>load<u8>(s), g = <f32>load<u8>(s, 1), b = <f32>load<u8>(s, 2);
    if (pre) { r = <f32>load<u8>(pre + <usize>load<u8>(s)); g = <f32>load<u8>(pre + <usize>load<u8>(s, 1)); b = <f32>load<u8>(pre + <usize>load<u8>(s, 2)); }
    r = preS(r, pk, pb, qk, qb, ar, aq); g = preS(g, pk, pb, qk, qb, ar, aq); b = preS(b, pk, pb, qk, qb, ar, aq);
    total += <f64><i32>((r * wr + g * wg) + b * wb);
    s += <usize>c;
  }
  store<f64>(out, load<f64>(out) + total);
  return 0;
}

/** greySum's SIMD loop for constant pre flags: adds its sum to the f64 at `out`; returns where it stopped. */
@inline function greySumLoop(src: usize, end: usize, c: i32, pre: usize, pk: f32, pb: f32, qk: f32, qb: f32, wr: f32, wg: f32, wb: f32,
  blk: usize, out: usize, ar: bool, aq: bool): usize {
  const vp = f32x4.splat(pk), vpb = f32x4.splat(pb), vq = f32x4.splat(qk), vqb = f32x4.splat(qb);
  const vr = f32x4.splat(wr), vg = f32x4.splat(wg), vb = f32x4.splat(wb);
  const mR = v128.load(blk, 48), mG = v128.load(blk, 64), mB = v128.load(blk, 80);
  let s = src;
  const step: usize = c == 3 ? 48 : 16;
  while (s + step <= end) {
    // Lane sums stay below 2^24 (exact in f32): at most 4096 steps × 4 levels ≤ 255 per lane between flushes.
    let acc = f32x4.splat(0);
    let k = 0;
    while (k < 4096 && s + step <= end) {
      let p = s;
      if (c == 3) {
        if (pre) { preBlock(s, pre, blk); p = blk; }
        // Four groups of four pixels, each its own load (bytes 0..11; see rgbMasks).
        const q0 = v128.load(p), q1 = v128.load(p, 12), q2 = v128.load(p, 24), q3 = v128.load(p, 36);
        acc = f32x4.add(acc, f32x4.add(
          f32x4.add(greyF(grpF(q0, mR, vp, vpb, vq, vqb, ar, aq), grpF(q0, mG, vp, vpb, vq, vqb, ar, aq), grpF(q0, mB, vp, vpb, vq, vqb, ar, aq), vr, vg, vb), greyF(grpF(q1, mR, vp, vpb, vq, vqb, ar, aq), grpF(q1, mG, vp, vpb, vq, vqb, ar, aq), grpF(q1, mB, vp, vpb, vq, vqb, ar, aq), vr, vg, vb)),
          f32x4.add(greyF(grpF(q2, mR, vp, vpb, vq, vqb, ar, aq), grpF(q2, mG, vp, vpb, vq, vqb, ar, aq), grpF(q2, mB, vp, vpb, vq, vqb, ar, aq), vr, vg, vb), greyF(grpF(q3, mR, vp, vpb, vq, vqb, ar, aq), grpF(q3, mG, vp, vpb, vq, vqb, ar, aq), grpF(q3, mB, vp, vpb, vq, vqb, ar, aq), vr, vg, vb))));
      } else {
        if (pre) { preBlock4(s, pre, blk); p = blk; }
        const v = v128.load(p);
        acc = f32x4.add(acc, greyF(chanF(v, 0, vp, vpb, vq, vqb, ar, aq), chanF(v, 1, vp, vpb, vq, vqb, ar, aq), chanF(v, 2, vp, vpb, vq, vqb, ar, aq), vr, vg, vb));
      }
      s += step;
      k++;
    }
    flushSum(out, acc);
  }
  return s;
}

/**
 * adjust_contrast's level table in arithmetic form: out = satTrunc(f32(ka·v) + kb) per colour value v
 * (after `pre` when ≠ 0), alpha copied; c = 3 or 4. (The table truncU8(f32(f32(ratio·v) + bm)).)
 */
export function affineLevels(src: usize, n: i32, c: i32, pre: usize, pk: f32, pb: f32, qk: f32, qb: f32, ka: f32, kb: f32, blk: usize, dst: usize): i32 {
  if (n <= 0 || (c != 3 && c != 4)) return -1;
  const ar = pk >= 0;
  const aq = ar && qk >= 0;
  const end = src + <usize>(n * c);
  // One specialised loop per pre shape (none, one, two level steps).
  let s = !ar ? affineLevelsLoop(src, end, c, pre, pk, pb, qk, qb, ka, kb, blk, dst, false, false)
    : !aq ? affineLevelsLoop(src, end, c, pre, pk, pb, qk, qb, ka, kb, blk, dst, true, false)
      : affineLevelsLoop(src, end, c, pre, pk, pb, qk, qb, ka, kb, blk, dst, true, true);
  let d = dst + (s - src);
  while (s < end) {
    for (let k = 0; k < 3; k++) {
      const v = pre ? load<u8>(pre + <usize>load<u8>(s + <usize>k)) : load<u8>(s + <usize>k);
      const x: f32 = preS(<f32>v, pk, pb, qk, qb, ar, aq);
      store<u8>(d + <usize>k, satTrunc(x * ka + kb));
    }
    if (c == 4) store<u8>(d, load<u8>(s, 3), 3);
    s += <usize>c;
    d += <usize>c;
  }
  return 0;
}

/** affineLevels' SIMD loop (48 bytes per step) for constant pre flags; returns where it stopped. */
@inline function affineLevelsLoop(src: usize, end: usize, c: i32, pre: usize, pk: f32, pb: f32, qk: f32, qb: f32, ka: f32, kb: f32,
  blk: usize, dst: usize, ar: bool, aq: bool): usize {
  const vp = f32x4.splat(pk), vpb = f32x4.splat(pb), vq = f32x4.splat(qk), vqb = f32x4.splat(qb);
  const va = f32x4.splat(ka), vk = f32x4.splat(kb);
  const amask = c == 4 ? i32x4.splat(0xff000000) : i32x4.splat(0);
  let s = src;
  let d = dst;
  while (s + 48 <= end) {
    let p = s;
    if (pre) {
      if (c == 3) preBlock(s, pre, blk);
      else { preBlock4(s, pre, blk); preBlock4(s + 16, pre, blk + 16); preBlock4(s + 32, pre, blk + 32); }
      p = blk;
    }
    for (let j: usize = 0; j < 48; j += 16) {
      const v = v128.load(p + j);
      const o = blendPack(v, va, vk, vk, vk, vk, vp, vpb, vq, vqb, ar, aq);
      v128.store(d + j, c == 4 ? v128.bitselect(v, o, amask) : o);
    }
    s += 48;
    d += 48;
  }
  return s;
}

/**
 * adjust_sharpness: interior colour values = satTrunc(a[v] + b[blurT[s]]) with s the 3×3
 * [[1,1,1],[1,5,1],[1,1,1]] sum (blurT u8 [3316]: round(s/13)); border pixels = selfT[v] (u8 [256]);
 * alpha copied. w, h ≥ 3. `a` and `b` are blend.ts's scaled tables (t[v] = f32(t[1]·v)).
 *
 * SIMD: 16 bytes of a row's interior per step (c = 3 and 1: every byte is a colour value; c = 4: the
 * alpha lanes are copied) — the sums in i16x8, then per f32x4 f32(a[1]·v) + f32(b[1]·round(s/13)), which
 * are the tables' values, truncated and saturated by the narrowing; the last step of a row overlaps the
 * one before. Interiors narrower than 16 bytes take the scalar loop.
 */
export function sharpen(src: usize, w: i32, h: i32, c: i32, a: usize, b: usize, selfT: usize, blurT: usize, dst: usize): i32 {
  if (w < 3 || h < 3 || c < 1 || c > 4 || c == 2) return -1;
  const row = w * c;
  const cc = c == 4 ? 3 : c;
  // Borders: first and last rows, first and last columns.
  for (let y = 0; y < h; y++) {
    const step = (y == 0 || y == h - 1) ? 1 : w - 1;
    for (let x = 0; x < w; x += step) {
      const i = <usize>(y * row + x * c);
      for (let k = 0; k < cc; k++) store<u8>(dst + i + <usize>k, load<u8>(selfT + <usize>load<u8>(src + i + <usize>k)));
      if (c == 4) store<u8>(dst + i + 3, load<u8>(src + i + 3));
    }
  }
  const sc = <usize>c;
  const sr = <usize>row;
  const ka = f32x4.splat(load<f32>(a, 4));
  const kb = f32x4.splat(load<f32>(b, 4));
  const r13 = f32x4.splat(<f32>(1.0 / 13.0));
  const alpha = c == 4 ? i32x4.splat(0xff000000) : i32x4.splat(0);
  const wide = (w - 2) * c >= 16;
  for (let y = 1; y < h - 1; y++) {
    const end = src + <usize>(y * row + (w - 1) * c);
    if (wide) {
      const last = end - 16;
      let k = src + <usize>(y * row + c);
      do {
        if (k > last) k = last;
        const up = k - sr;
        const dn = k + sr;
        const m = v128.load(k);
        const n0 = v128.load(up - sc), n1 = v128.load(up), n2 = v128.load(up + sc);
        const n3 = v128.load(k - sc), n5 = v128.load(k + sc);
        const n6 = v128.load(dn - sc), n7 = v128.load(dn), n8 = v128.load(dn + sc);
        const mLo = i16x8.extend_low_i8x16_u(m);
        const mHi = i16x8.extend_high_i8x16_u(m);
        let lo = i16x8.add(i16x8.add(i16x8.extend_low_i8x16_u(n0), i16x8.extend_low_i8x16_u(n1)), i16x8.add(i16x8.extend_low_i8x16_u(n2), i16x8.extend_low_i8x16_u(n3)));
        lo = i16x8.add(lo, i16x8.add(i16x8.add(i16x8.extend_low_i8x16_u(n5), i16x8.extend_low_i8x16_u(n6)), i16x8.add(i16x8.extend_low_i8x16_u(n7), i16x8.extend_low_i8x16_u(n8))));
        lo = i16x8.add(lo, i16x8.add(i16x8.shl(mLo, 2), mLo));
        let hi = i16x8.add(i16x8.add(i16x8.extend_high_i8x16_u(n0), i16x8.extend_high_i8x16_u(n1)), i16x8.add(i16x8.extend_high_i8x16_u(n2), i16x8.extend_high_i8x16_u(n3)));
        hi = i16x8.add(hi, i16x8.add(i16x8.add(i16x8.extend_high_i8x16_u(n5), i16x8.extend_high_i8x16_u(n6)), i16x8.add(i16x8.extend_high_i8x16_u(n7), i16x8.extend_high_i8x16_u(n8))));
        hi = i16x8.add(hi, i16x8.add(i16x8.shl(mHi, 2), mHi));
        const q0 = sharpenLane(i32x4.extend_low_i16x8_u(lo), i32x4.extend_low_i16x8_u(mLo), ka, kb, r13);
        const q1 = sharpenLane(i32x4.extend_high_i16x8_u(lo), i32x4.extend_high_i16x8_u(mLo), ka, kb, r13);
        const q2 = sharpenLane(i32x4.extend_low_i16x8_u(hi), i32x4.extend_low_i16x8_u(mHi), ka, kb, r13);
        const q3 = sharpenLane(i32x4.extend_high_i16x8_u(hi), i32x4.extend_high_i16x8_u(mHi), ka, kb, r13);
        const r = i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(q0, q1), i16x8.narrow_i32x4_s(q2, q3));
        v128.store(dst + (k - src), v128.bitselect(m, r, alpha));
        k += 16;
      } while (k < end);
      continue;
    }
    let k = src + <usize>(y * row + c);
    let d = dst + <usize>(y * row + c);
    let ch = 0;
    do {
      if (c == 4 && ch == 3) {
        store<u8>(d, load<u8>(k));
      } else {
        const up = k - sr;
        const dn = k + sr;
        const s = <i32>load<u8>(up - sc) + <i32>load<u8>(up) + <i32>load<u8>(up + sc)
          + <i32>load<u8>(k - sc) + 5 * <i32>load<u8>(k) + <i32>load<u8>(k + sc)
          + <i32>load<u8>(dn - sc) + <i32>load<u8>(dn) + <i32>load<u8>(dn + sc);
        const blur = <usize>load<u8>(blurT + <usize>s);
        store<u8>(d, satTrunc(load<f32>(a + (<usize>load<u8>(k) << 2)) + load<f32>(b + (blur << 2))));
      }
      ch = ch + 1 == c ? 0 : ch + 1;
      k++;
      d++;
    } while (k < end);
  }
  return 0;
}

@inline function sharpenLane(s: v128, v: v128, ka: v128, kb: v128, r13: v128): v128 {
  // satTrunc input: f32(f32(ka·v) + f32(kb·blur)) with blur = round(s/13) (s/13 is never within 1/26 of
  // a half, so f32(s)·f32(1/13) rounds to the same integer: checked for every s in 0..3315).
  const blur = f32x4.nearest(f32x4.mul(f32x4.convert_i32x4_s(s), r13));
  return i32x4.trunc_sat_f32x4_s(f32x4.add(f32x4.mul(ka, f32x4.convert_i32x4_s(v)), f32x4.mul(kb, blur)));
}

@inline function roundSat(v: f32): u8 {
  // Uint8ClampedArray store: round half to even, clamp to [0, 255], NaN → 0.
  let i = <i32>nearest<f32>(v);
  if (i < 0) i = 0;
  if (i > 255) i = 255;
  return <u8>i;
}

/**
 * One output pixel of torch grid_sample (bilinear, zero padding) at source coordinates (xf, yf), plus
 * torchvision's fill mask when `hasFill` — the operations of sampleGrid in src/ops/stages/warp.ts.
 * c = 3, 4 with all four taps inside: the channels as one f32x4 (the same float32 products and sums per
 * channel), stored as 4 bytes (c = 3: the 4th is the next pixel's, written after; `dst` needs 4 bytes of
 * slack, `src` 1 readable byte after the image). Else the scalar steps.
 */
@inline function bilinearPixel(src: usize, w: i32, h: i32, c: i32, o: usize, xf: f32, yf: f32, hasFill: i32, fill: usize, fillU8: usize, fillV: v128): void {
  const fw = <f32>w;
  const fh = <f32>h;
  const wc = w * c;
  if (!(xf > <f32>-1 && xf < fw && yf > <f32>-1 && yf < fh)) {
    for (let k = 0; k < c; k++) store<u8>(o + <usize>k, load<u8>(fillU8 + <usize>k));
    return;
  }
  const xfl = floor<f32>(xf);
  const yfl = floor<f32>(yf);
  const x0 = <i32>xfl;
  const y0 = <i32>yfl;
  const we: f32 = xf - xfl;
  const e: f32 = <f32>1 - we;
  const nn: f32 = yf - yfl;
  const s: f32 = <f32>1 - nn;
  const wnw: f32 = s * e;
  const wne: f32 = s * we;
  const wsw: f32 = nn * e;
  const wse: f32 = nn * we;
  const inL = x0 >= 0, inR = x0 + 1 < w, inT = y0 >= 0, inB = y0 + 1 < h;
  const p = src + <usize>(y0 * wc + x0 * c);
  if (c >= 3 && inL && inR && inT && inB) {
    const nw = f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(p))));
    const ne = f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(p + <usize>c))));
    const sw = f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(p + <usize>wc))));
    const se = f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(p + <usize>(wc + c)))));
    let v = f32x4.add(f32x4.add(f32x4.add(f32x4.mul(nw, f32x4.splat(wnw)), f32x4.mul(ne, f32x4.splat(wne))), f32x4.mul(sw, f32x4.splat(wsw))), f32x4.mul(se, f32x4.splat(wse)));
    if (hasFill) {
      const m: f32 = ((wnw + wne) + wsw) + wse;
      v = f32x4.add(f32x4.mul(v, f32x4.splat(m)), f32x4.mul(f32x4.splat(<f32>1 - m), fillV));
    }
    const q = i32x4.trunc_sat_f32x4_s(f32x4.nearest(v));
    const n16 = i16x8.narrow_i32x4_s(q, q);
    store<u32>(o, i32x4.extract_lane(i8x16.narrow_i16x8_u(n16, n16), 0));
    return;
  }
  let m: f32 = 1;
  if (hasFill) {
    m = ((((inT && inL) ? wnw : <f32>0) + ((inT && inR) ? wne : <f32>0)) + ((inB && inL) ? wsw : <f32>0)) + ((inB && inR) ? wse : <f32>0);
  }
  const im: f32 = <f32>1 - m;
  for (let k = 0; k < c; k++) {
    const q = p + <usize>k;
    const vnw: f32 = (inT && inL) ? <f32>load<u8>(q) * wnw : <f32>0;
    const vne: f32 = (inT && inR) ? <f32>load<u8>(q + <usize>c) * wne : <f32>0;
    const vsw: f32 = (inB && inL) ? <f32>load<u8>(q + <usize>wc) * wsw : <f32>0;
    const vse: f32 = (inB && inR) ? <f32>load<u8>(q + <usize>(wc + c)) * wse : <f32>0;
    const v: f32 = ((vnw + vne) + vsw) + vse;
    store<u8>(o + <usize>k, roundSat(hasFill ? (v * m) + (im * load<f32>(fill + <usize>(k * 4))) : v));
  }
}

/**
 * Four output pixels of {@link bilinearPixel} at source coordinates (xs, ys) (f32x4) into o, o + c, …:
 * when c ≥ 3 and every pixel has its four taps inside, the weights are computed 4-wide (the same float32
 * operations) and each tap row is one 8-byte load split into the two taps' channels by a swizzle (`m0`,
 * `m1`: bytes 0..c−1 and c..2c−1 widened to i32 lanes); else pixel by pixel. `dst`: 16 bytes of slack.
 */
@inline function bilinear4(src: usize, w: i32, h: i32, c: i32, o: usize, xs: v128, ys: v128, hasFill: i32, fill: usize, fillU8: usize, fillV: v128, m0: v128, m1: v128): void {
  const xfl = f32x4.floor(xs);
  const yfl = f32x4.floor(ys);
  const x0 = i32x4.trunc_sat_f32x4_s(xfl);
  const y0 = i32x4.trunc_sat_f32x4_s(yfl);
  // Interior: x0 ≥ 0, x0 + 1 < w, y0 ≥ 0, y0 + 1 < h; NaN coordinates are never interior (the floor
  // comparisons are false).
  const inner = v128.and(
    v128.and(f32x4.ge(xfl, f32x4.splat(0)), f32x4.lt(xfl, f32x4.splat(<f32>(w - 1)))),
    v128.and(f32x4.ge(yfl, f32x4.splat(0)), f32x4.lt(yfl, f32x4.splat(<f32>(h - 1)))));
  const sc = <usize>c;
  if (c < 3 || !i32x4.all_true(inner)) {
    bilinearPixel(src, w, h, c, o, f32x4.extract_lane(xs, 0), f32x4.extract_lane(ys, 0), hasFill, fill, fillU8, fillV);
    bilinearPixel(src, w, h, c, o + sc, f32x4.extract_lane(xs, 1), f32x4.extract_lane(ys, 1), hasFill, fill, fillU8, fillV);
    bilinearPixel(src, w, h, c, o + 2 * sc, f32x4.extract_lane(xs, 2), f32x4.extract_lane(ys, 2), hasFill, fill, fillU8, fillV);
    bilinearPixel(src, w, h, c, o + 3 * sc, f32x4.extract_lane(xs, 3), f32x4.extract_lane(ys, 3), hasFill, fill, fillU8, fillV);
    return;
  }
  const one = f32x4.splat(1);
  const we = f32x4.sub(xs, xfl);
  const e = f32x4.sub(one, we);
  const nn = f32x4.sub(ys, yfl);
  const s = f32x4.sub(one, nn);
  const wnw = f32x4.mul(s, e);
  const wne = f32x4.mul(s, we);
  const wsw = f32x4.mul(nn, e);
  const wse = f32x4.mul(nn, we);
  const m = f32x4.add(f32x4.add(f32x4.add(wnw, wne), wsw), wse);
  const im = f32x4.sub(one, m);
  const wc = <usize>(w * c);
  const off = i32x4.mul(i32x4.add(i32x4.mul(y0, i32x4.splat(w)), x0), i32x4.splat(c));
  const q0 = bilinearTaps(src + <usize>i32x4.extract_lane(off, 0), wc, m0, m1, f32x4.extract_lane(wnw, 0), f32x4.extract_lane(wne, 0), f32x4.extract_lane(wsw, 0), f32x4.extract_lane(wse, 0), hasFill, f32x4.extract_lane(m, 0), f32x4.extract_lane(im, 0), fillV);
  const q1 = bilinearTaps(src + <usize>i32x4.extract_lane(off, 1), wc, m0, m1, f32x4.extract_lane(wnw, 1), f32x4.extract_lane(wne, 1), f32x4.extract_lane(wsw, 1), f32x4.extract_lane(wse, 1), hasFill, f32x4.extract_lane(m, 1), f32x4.extract_lane(im, 1), fillV);
  const q2 = bilinearTaps(src + <usize>i32x4.extract_lane(off, 2), wc, m0, m1, f32x4.extract_lane(wnw, 2), f32x4.extract_lane(wne, 2), f32x4.extract_lane(wsw, 2), f32x4.extract_lane(wse, 2), hasFill, f32x4.extract_lane(m, 2), f32x4.extract_lane(im, 2), fillV);
  const q3 = bilinearTaps(src + <usize>i32x4.extract_lane(off, 3), wc, m0, m1, f32x4.extract_lane(wnw, 3), f32x4.extract_lane(wne, 3), f32x4.extract_lane(wsw, 3), f32x4.extract_lane(wse, 3), hasFill, f32x4.extract_lane(m, 3), f32x4.extract_lane(im, 3), fillV);
  const b = i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(q0, q1), i16x8.narrow_i32x4_s(q2, q3));
  if (c == 4) v128.store(o, b);
  else v128.store(o, i8x16.swizzle(b, i8x16(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1)));
}

/** One interior pixel's channels (c = 3, 4) from its four taps at p, p + c, p + wc, p + wc + c: rounded i32x4. */
@inline function bilinearTaps(p: usize, wc: usize, m0: v128, m1: v128, wnw: f32, wne: f32, wsw: f32, wse: f32, hasFill: i32, m: f32, im: f32, fillV: v128): v128 {
  const top = v128.load64_zero(p);
  const bot = v128.load64_zero(p + wc);
  const nw = f32x4.convert_i32x4_s(i8x16.swizzle(top, m0));
  const ne = f32x4.convert_i32x4_s(i8x16.swizzle(top, m1));
  const sw = f32x4.convert_i32x4_s(i8x16.swizzle(bot, m0));
  const se = f32x4.convert_i32x4_s(i8x16.swizzle(bot, m1));
  let v = f32x4.add(f32x4.add(f32x4.add(f32x4.mul(nw, f32x4.splat(wnw)), f32x4.mul(ne, f32x4.splat(wne))), f32x4.mul(sw, f32x4.splat(wsw))), f32x4.mul(se, f32x4.splat(wse)));
  if (hasFill) v = f32x4.add(f32x4.mul(v, f32x4.splat(m)), f32x4.mul(f32x4.splat(im), fillV));
  // roundSat 4-wide: clamp to [0, 255] (pmax/pmin: NaN → 0, as the saturating conversion), then adding
  // 2^23 rounds to an integer half to even (the ulp there is 1) — nearest + trunc in two cheap steps.
  const cl = f32x4.pmin(f32x4.splat(255), f32x4.pmax(f32x4.splat(0), v));
  return i32x4.sub(f32x4.add(cl, f32x4.splat(8388608)), i32x4.splat(0x4b000000));
}

/**
 * One channel of four pixels (f32x4 lanes = pixels) from its four taps (u8 values in i32 lanes) and
 * weights: grid_sample's float32 sum ((nw·wnw + ne·wne) + sw·wsw) + se·wse, torchvision's fill mask when
 * `hasFill` (v·m + im·fill, then clamped to [0, 255] as the saturating store), plus 2^23: adding 2^23
 * to a value in [0, 256) rounds it to an integer half to even (the ulp there is 1), and the lane's low
 * byte is that integer (bits 0x4B0000vv). Without fill no clamp is needed: taps ≤ 255 and weights ≥ 0
 * summing to at most 1 + a few ulp keep v in [0, 255.001], which rounds into [0, 255] (NaN cannot
 * occur: a lane with a tap inside has finite coordinates, the weights of any other lane are 0).
 */
@inline function quadChannel(nw: v128, ne: v128, sw: v128, se: v128, wnw: v128, wne: v128, wsw: v128, wse: v128, hasFill: i32, m: v128, im: v128, fk: v128): v128 {
  let v = f32x4.add(f32x4.add(f32x4.add(
    f32x4.mul(f32x4.convert_i32x4_s(nw), wnw), f32x4.mul(f32x4.convert_i32x4_s(ne), wne)),
    f32x4.mul(f32x4.convert_i32x4_s(sw), wsw)), f32x4.mul(f32x4.convert_i32x4_s(se), wse));
  if (hasFill) v = f32x4.pmin(f32x4.splat(255), f32x4.pmax(f32x4.splat(0), f32x4.add(f32x4.mul(v, m), f32x4.mul(im, fk))));
  return f32x4.add(v, f32x4.splat(8388608));
}

/**
 * Byte k of each 32-bit lane of t, zero-extended to the lane: a one-input byte shuffle with a constant
 * mask (V8: one pshufb, the masks kept out of the loop; two shifts measured slower).
 */
@inline function laneByte(t: v128, k: i32): v128 {
  if (k == 0) return i8x16.swizzle(t, i8x16(0, -1, -1, -1, 4, -1, -1, -1, 8, -1, -1, -1, 12, -1, -1, -1));
  if (k == 1) return i8x16.swizzle(t, i8x16(1, -1, -1, -1, 5, -1, -1, -1, 9, -1, -1, -1, 13, -1, -1, -1));
  if (k == 2) return i8x16.swizzle(t, i8x16(2, -1, -1, -1, 6, -1, -1, -1, 10, -1, -1, -1, 14, -1, -1, -1));
  return i8x16.swizzle(t, i8x16(3, -1, -1, -1, 7, -1, -1, -1, 11, -1, -1, -1, 15, -1, -1, -1));
}

/**
 * Four output pixels (c = 3 or 4, `rgba` = c == 4) of grid_sample from their taps and weights:
 * the float32 operations of bilinearPixel, laid out channel-planar — lanes are the four pixels, so the
 * weights need no splats. `wnw`..`wse`: the four taps' weights (0 for a tap outside the source: its term
 * and its share of the fill mask m are then +0, as bilinearPixel's skipped terms); `tp01`, `tp23`: the
 * top tap pairs (x0, x0 + 1: 8 bytes each) of pixels 0, 1 and 2, 3; `bt01`, `bt23` the bottom pairs
 * (row y0 + 1). One 32-bit shuffle per word position (shufps) puts word j of the four pixels' tap pairs
 * in one vector, whose byte k is then one (tap, channel) for the four pixels ({@link laneByte}). Only
 * shuffles that are single machine instructions in V8 are used (a general two-input byte shuffle costs
 * about 11). The rounded channels (low bytes) are merged by shifts and ORs into one 32-bit word per
 * pixel; c = 3 compacts them with one byte shuffle and stores 16 bytes (12 + 4 overwritten later; `dst`
 * 16 bytes of slack).
 */
@inline function bilinearQuad(o: usize, wnw: v128, wne: v128, wsw: v128, wse: v128, tp01: v128, tp23: v128, bt01: v128, bt23: v128, hasFill: i32, fillV: v128, rgba: bool): void {
  const one = f32x4.splat(1);
  let m = one;
  let im = one;
  if (hasFill) {
    m = f32x4.add(f32x4.add(f32x4.add(wnw, wne), wsw), wse);
    im = f32x4.sub(one, m);
  }
  const t0 = i32x4.shuffle(tp01, tp23, 0, 2, 4, 6);
  const t1 = i32x4.shuffle(tp01, tp23, 1, 3, 5, 7);
  const t2 = i32x4.shuffle(bt01, bt23, 0, 2, 4, 6);
  const t3 = i32x4.shuffle(bt01, bt23, 1, 3, 5, 7);
  if (rgba) {
    // Words: t0 nw RGBA, t1 ne RGBA, t2 sw RGBA, t3 se RGBA.
    const r = quadChannel(laneByte(t0, 0), laneByte(t1, 0), laneByte(t2, 0), laneByte(t3, 0), wnw, wne, wsw, wse, hasFill, m, im, i32x4.shuffle(fillV, fillV, 0, 0, 0, 0));
    const g = quadChannel(laneByte(t0, 1), laneByte(t1, 1), laneByte(t2, 1), laneByte(t3, 1), wnw, wne, wsw, wse, hasFill, m, im, i32x4.shuffle(fillV, fillV, 1, 1, 1, 1));
    const bl = quadChannel(laneByte(t0, 2), laneByte(t1, 2), laneByte(t2, 2), laneByte(t3, 2), wnw, wne, wsw, wse, hasFill, m, im, i32x4.shuffle(fillV, fillV, 2, 2, 2, 2));
    const al = quadChannel(laneByte(t0, 3), laneByte(t1, 3), laneByte(t2, 3), laneByte(t3, 3), wnw, wne, wsw, wse, hasFill, m, im, i32x4.shuffle(fillV, fillV, 3, 3, 3, 3));
    v128.store(o, v128.or(v128.or(i32x4.sub(r, i32x4.splat(0x4b000000)), i32x4.shl(g, 8)), v128.or(i32x4.shl(bl, 16), i32x4.shl(al, 24))));
  } else {
    // Words: t0 nw R G B, ne R; t1 ne G B, –, –; t2 sw R G B, se R; t3 se G B, –, –.
    const r = quadChannel(laneByte(t0, 0), laneByte(t0, 3), laneByte(t2, 0), laneByte(t2, 3), wnw, wne, wsw, wse, hasFill, m, im, i32x4.shuffle(fillV, fillV, 0, 0, 0, 0));
    const g = quadChannel(laneByte(t0, 1), laneByte(t1, 0), laneByte(t2, 1), laneByte(t3, 0), wnw, wne, wsw, wse, hasFill, m, im, i32x4.shuffle(fillV, fillV, 1, 1, 1, 1));
    const bl = quadChannel(laneByte(t0, 2), laneByte(t1, 1), laneByte(t2, 2), laneByte(t3, 1), wnw, wne, wsw, wse, hasFill, m, im, i32x4.shuffle(fillV, fillV, 2, 2, 2, 2));
    const px = v128.or(v128.or(r, i32x4.shl(g, 8)), i32x4.shl(bl, 16));
    // Exactly 12 bytes: the next group may be an interior one, written before (see bilinearAffineRow).
    const v = i8x16.swizzle(px, i8x16(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1));
    v128.store64_lane(o, v, 0);
    v128.store32_lane(o, v, 2, 8);
  }
}

/**
 * An integer-valued f32x4 `fl` (floors) as i32 lanes: the bits of fl + 2^23 minus those of 2^23 —
 * exact for 0 ≤ fl < 2^23; every other lane (negative, ≥ 2^23, ±∞, NaN) gives a value that is, as an
 * unsigned 32-bit integer, at least 2^23 (negative lanes: bits below 0x4B000000 → negative; lanes
 * ≥ 2^23: ≥ 0x4B800000 − 0x4B000000; negative or NaN sums: sign bit or exponent 0xFF → ≥ 0x34800000).
 */
@inline function floorBits(fl: v128): v128 {
  return i32x4.sub(f32x4.add(fl, f32x4.splat(8388608)), i32x4.splat(0x4b000000));
}

/**
 * Source coordinate of column x of a row (one lane of `unnorm4(rowPlusCols4(bv, col + 8·x'), r, 1, scale, 0.5)`,
 * the same float operations): ((f32(b + col[x]) + r) + 1)·scale − 0.5.
 */
@inline function coordAt(b: f64, col: usize, x: i32, r: f32, scale: f32): f32 {
  return (((<f32>(b + load<f64>(col + <usize>(x * 8))) + r) + <f32>1) * scale) - <f32>0.5;
}

/** v ≥ t (`ge`), else v < t. */
@inline function coordTest(v: f32, t: f32, ge: bool): bool {
  return ge ? v >= t : v < t;
}

/**
 * The first column x in [0, n] whose coordinate passes `coordTest(coordAt(x), t, ge)` (n if none), for a
 * test that is false then true along the row (the coordinates being monotonic in x): an exponential
 * search from `hint`, then a binary one.
 */
function firstPassing(b: f64, col: usize, r: f32, scale: f32, t: f32, ge: bool, hint: i32, n: i32): i32 {
  const h = hint < 0 ? 0 : hint > n ? n : hint;
  let lo = 0, hi = 0;
  if (h == n || coordTest(coordAt(b, col, h, r, scale), t, ge)) {
    hi = h;
    let step = 1;
    while (true) {
      const m = hi - step;
      if (m < 0) { lo = -1; break; }
      if (!coordTest(coordAt(b, col, m, r, scale), t, ge)) { lo = m; break; }
      hi = m;
      step <<= 1;
    }
  } else {
    lo = h;
    let step = 1;
    while (true) {
      const m = lo + step;
      if (m >= n) { hi = n; break; }
      if (coordTest(coordAt(b, col, m, r, scale), t, ge)) { hi = m; break; }
      lo = m;
      step <<= 1;
    }
  }
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (coordTest(coordAt(b, col, m, r, scale), t, ge)) hi = m;
    else lo = m;
  }
  return hi;
}

/**
 * {@link firstPassing} from a window of 4 columns evaluated at once (the same float operations, 4-wide:
 * `bv`, `rv`, `scalev` the splats of b, r, scale) around `hint`: the answer is read off the window when
 * it lies inside (the test being false then true, its false lanes count the columns before it), else
 * the search goes on outside.
 */
@inline function firstPassing4(bv: v128, b: f64, col: usize, rv: v128, r: f32, scalev: v128, scale: f32, one: v128, half: v128,
  t: f32, ge: bool, hint: i32, n: i32): i32 {
  let s = hint - 1;
  if (s > n - 4) s = n - 4;
  if (s < 0) s = 0;
  const v = unnorm4(rowPlusCols4(bv, col + <usize>(s * 8)), rv, one, scalev, half);
  const tv = f32x4.splat(t);
  const m = ge ? f32x4.ge(v, tv) : f32x4.lt(v, tv);
  const nf = <i32>popcnt(i32x4.bitmask(m) ^ 15);
  if (nf == 0) return s == 0 ? 0 : firstPassing(b, col, r, scale, t, ge, s, n);
  if (nf == 4) return s + 4 >= n ? n : firstPassing(b, col, r, scale, t, ge, s + 4, n);
  return s + nf;
}

/**
 * One coordinate's columns of a row with 0 ≤ C < size − 1 (both taps inside along this axis):
 * [bd[0], bd[1]); bd (i32 [4]) also keeps the row before's in bd[2], bd[3] — the searches start from the
 * linear extrapolation of the last two rows. `up`: C non-decreasing in x, else non-increasing; n ≥ 4.
 */
@inline function axisBounds(bv: v128, b: f64, col: usize, rv: v128, r: f32, scalev: v128, scale: f32, one: v128, half: v128,
  size: i32, up: bool, n: i32, bd: usize): void {
  const lo = load<i32>(bd);
  const hi = load<i32>(bd, 4);
  const hLo = 2 * lo - load<i32>(bd, 8);
  const hHi = 2 * hi - load<i32>(bd, 12);
  store<i32>(bd, lo, 8);
  store<i32>(bd, hi, 12);
  const s1 = <f32>(size - 1);
  if (up) {
    store<i32>(bd, firstPassing4(bv, b, col, rv, r, scalev, scale, one, half, 0, true, hLo, n));
    store<i32>(bd, firstPassing4(bv, b, col, rv, r, scalev, scale, one, half, s1, true, hHi, n), 4);
  } else {
    store<i32>(bd, firstPassing4(bv, b, col, rv, r, scalev, scale, one, half, s1, false, hLo, n));
    store<i32>(bd, firstPassing4(bv, b, col, rv, r, scalev, scale, one, half, 0, false, hHi, n), 4);
  }
}

/**
 * One interior group's channel sums (no fill: v + 2^23; `hasFill`: clamp(v·m + (1 − m)·fill) + 2^23, as
 * {@link quadChannel}) from its gathered tap pairs and the taps' weights, tap by tap: acc = nw·wnw, then
 * acc + ne·wne, acc + sw·wsw, acc + se·wse per channel — grid_sample's float32 sum in its order (the
 * channels as 3 or 4 vectors whose lanes are the pixels; one 32-bit shuffle per word position of the
 * pairs, as {@link bilinearQuad}). Byte k of a word: the constant swizzle masks `k0`..`k2` (one pshufb),
 * byte 3 a shift. Stores the 4 pixels at o (c = 3: 16 bytes, the last 4 rewritten later).
 */
@inline function interiorQuad(o: usize, wnw: v128, wne: v128, wsw: v128, wse: v128, tp01: v128, tp23: v128, bt01: v128, bt23: v128, k0: v128, k1: v128, k2: v128, cmp3: v128, hasFill: i32, fillV: v128, rgba: bool): void {
  const t0 = i32x4.shuffle(tp01, tp23, 0, 2, 4, 6);
  const t1 = i32x4.shuffle(tp01, tp23, 1, 3, 5, 7);
  // Words: rgba t0 nw RGBA, t1 ne RGBA (t2, t3 sw, se); c = 3 t0 nw R G B, ne R; t1 ne G B, –, –.
  let wt = wnw;
  let r = f32x4.mul(f32x4.convert_i32x4_s(i8x16.swizzle(t0, k0)), wt);
  let g = f32x4.mul(f32x4.convert_i32x4_s(i8x16.swizzle(t0, k1)), wt);
  let b = f32x4.mul(f32x4.convert_i32x4_s(i8x16.swizzle(t0, k2)), wt);
  let a = r;
  if (rgba) a = f32x4.mul(f32x4.convert_i32x4_s(i32x4.shr_u(t0, 24)), wt);
  wt = wne;
  if (rgba) {
    r = f32x4.add(r, f32x4.mul(f32x4.convert_i32x4_s(i8x16.swizzle(t1, k0)), wt));
    g = f32x4.add(g, f32x4.mul(f32x4.convert_i32x4_s(i8x16.swizzle(t1, k1)), wt));
    b = f32x4.add(b, f32x4.mul(f32x4.convert_i32x4_s(i8x16.swizzle(t1, k2)), wt));
    a = f32x4.add(a, f32x4.mul(f32x4.convert_i32x4_s(i32x4.shr_u(t1, 24)), wt));
  } else {
    r = f32x4.add(r, f32x4.mul(f32x4.convert_i32x4_s(i32x4.shr_u(t0, 24)), wt));
    g = f32x4.add(g, f32x4.mul(f32x4.convert_i32x4_s(i8x16.swizzle(t1, k0)), wt));
    b = f32x4.add(b, f32x4.mul(f32x4.convert_i32x4_s(i8x16.swizzle(t1, k1)), wt));
  }
  const t2 = i32x4.shuffle(bt01, bt23, 0, 2, 4, 6);
  const t3 = i32x4.shuffle(bt01, bt23, 1, 3, 5, 7);
  wt = wsw;
  r = f32x4.add(r, f32x4.mul(f32x4.convert_i32x4_s(i8x16.swizzle(t2, k0)), wt));
  g = f32x4.add(g, f32x4.mul(f32x4.convert_i32x4_s(i8x16.swizzle(t2, k1)), wt));
  b = f32x4.add(b, f32x4.mul(f32x4.convert_i32x4_s(i8x16.swizzle(t2, k2)), wt));
  if (rgba) a = f32x4.add(a, f32x4.mul(f32x4.convert_i32x4_s(i32x4.shr_u(t2, 24)), wt));
  wt = wse;
  if (rgba) {
    r = f32x4.add(r, f32x4.mul(f32x4.convert_i32x4_s(i8x16.swizzle(t3, k0)), wt));
    g = f32x4.add(g, f32x4.mul(f32x4.convert_i32x4_s(i8x16.swizzle(t3, k1)), wt));
    b = f32x4.add(b, f32x4.mul(f32x4.convert_i32x4_s(i8x16.swizzle(t3, k2)), wt));
    a = f32x4.add(a, f32x4.mul(f32x4.convert_i32x4_s(i32x4.shr_u(t3, 24)), wt));
  } else {
    r = f32x4.add(r, f32x4.mul(f32x4.convert_i32x4_s(i32x4.shr_u(t2, 24)), wt));
    g = f32x4.add(g, f32x4.mul(f32x4.convert_i32x4_s(i8x16.swizzle(t3, k0)), wt));
    b = f32x4.add(b, f32x4.mul(f32x4.convert_i32x4_s(i8x16.swizzle(t3, k1)), wt));
  }
  const big = f32x4.splat(8388608);
  if (hasFill) {
    const m = f32x4.add(f32x4.add(f32x4.add(wnw, wne), wsw), wse);
    const im = f32x4.sub(f32x4.splat(1), m);
    const lo = f32x4.splat(0);
    const hi = f32x4.splat(255);
    r = f32x4.pmin(hi, f32x4.pmax(lo, f32x4.add(f32x4.mul(r, m), f32x4.mul(im, i32x4.shuffle(fillV, fillV, 0, 0, 0, 0)))));
    g = f32x4.pmin(hi, f32x4.pmax(lo, f32x4.add(f32x4.mul(g, m), f32x4.mul(im, i32x4.shuffle(fillV, fillV, 1, 1, 1, 1)))));
    b = f32x4.pmin(hi, f32x4.pmax(lo, f32x4.add(f32x4.mul(b, m), f32x4.mul(im, i32x4.shuffle(fillV, fillV, 2, 2, 2, 2)))));
    if (rgba) a = f32x4.pmin(hi, f32x4.pmax(lo, f32x4.add(f32x4.mul(a, m), f32x4.mul(im, i32x4.shuffle(fillV, fillV, 3, 3, 3, 3)))));
  }
  r = f32x4.add(r, big);
  g = f32x4.add(g, big);
  b = f32x4.add(b, big);
  if (rgba) {
    a = f32x4.add(a, big);
    v128.store(o, v128.or(v128.or(i32x4.sub(r, i32x4.splat(0x4b000000)), i32x4.shl(g, 8)), v128.or(i32x4.shl(b, 16), i32x4.shl(a, 24))));
  } else {
    v128.store(o, i8x16.swizzle(v128.or(v128.or(r, i32x4.shl(g, 8)), i32x4.shl(b, 16)), cmp3));
  }
}

/**
 * A group of 4 pixels that is neither interior nor known to be fill (the general case, exact for any
 * group): the coordinates computed again (the same operations as pass 1); no pixel with a tap inside
 * (the first test of bilinearPixel false in every lane, NaN included) → the fill bytes (`fill4`: fillU8
 * for 4 pixels); else {@link bilinearQuad} with the weights of the taps outside set to 0 —
 * bilinearPixel's border case, whose skipped terms are those zeros. c = 3 writes exactly 12 bytes.
 */
function borderGroup(src: usize, w: i32, h: i32, c: i32, ox: usize, x: i32, b1v: v128, b4v: v128, ax64: usize, ay64: usize,
  r2v: v128, r5v: v128, hwv: v128, hhv: v128, hasFill: i32, fillV: v128, fill4: v128, rgba: bool): bool {
  const one = f32x4.splat(1);
  const half = f32x4.splat(0.5);
  const xs = unnorm4(rowPlusCols4(b1v, ax64 + <usize>(x * 8)), r2v, one, hwv, half);
  const ys = unnorm4(rowPlusCols4(b4v, ay64 + <usize>(x * 8)), r5v, one, hhv, half);
  return borderQuadAt(src, w, h, c, ox, xs, ys, hasFill, fillV, fill4, rgba);
}

/**
 * {@link borderGroup} from the group's source coordinates `xs`, `ys` (f32x4): the fill bytes when no pixel
 * has a tap inside (returns true), else the pixels by {@link bilinearQuad} with the outside taps weighted 0.
 */
@inline function borderQuadAt(src: usize, w: i32, h: i32, c: i32, ox: usize, xs: v128, ys: v128, hasFill: i32, fillV: v128, fill4: v128, rgba: bool): bool {
  const one = f32x4.splat(1);
  const any = v128.and(
    v128.and(f32x4.gt(xs, f32x4.splat(-1)), f32x4.lt(xs, f32x4.splat(<f32>w))),
    v128.and(f32x4.gt(ys, f32x4.splat(-1)), f32x4.lt(ys, f32x4.splat(<f32>h))));
  if (!v128.any_true(any)) {
    fillGroup(ox, fill4, rgba);
    return true;
  }
  // Some pixel has a tap inside: bilinearPixel's operations with a weight of 0 for each tap
  // outside (every tap of a lane without one). Tap pairs from max(x0, 0) (x0 clamped to [−1, w − 1]),
  // top row max(y0, 0), bottom row min(y0 + 1, h − 1): an outside tap reads some byte of the image
  // (or the 8 bytes after it), weighted 0. Where x0 = −1 the pair starts at column 0, so the east
  // tap's weight moves to the pair's first slot and the second slot gets 0: the same terms, as +0 is
  // added in the other slot ((0 + a) + … = (a + 0) + …).
  const xfl = f32x4.floor(xs);
  const yfl = f32x4.floor(ys);
  const inL = f32x4.ge(xfl, f32x4.splat(0));
  const inR = f32x4.lt(xfl, f32x4.splat(<f32>(w - 1)));
  const inT = v128.and(any, f32x4.ge(yfl, f32x4.splat(0)));
  const inB = v128.and(any, f32x4.lt(yfl, f32x4.splat(<f32>(h - 1))));
  const x0 = i32x4.min_s(i32x4.max_s(i32x4.trunc_sat_f32x4_s(xfl), i32x4.splat(-1)), i32x4.splat(w - 1));
  const y0 = i32x4.min_s(i32x4.max_s(i32x4.trunc_sat_f32x4_s(yfl), i32x4.splat(-1)), i32x4.splat(h - 1));
  const west = i32x4.lt_s(x0, i32x4.splat(0));
  const xl = i32x4.max_s(x0, i32x4.splat(0));
  const xcv = rgba ? i32x4.shl(xl, 2) : i32x4.add(i32x4.shl(xl, 1), xl);
  const offT = i32x4.add(i32x4.mul(i32x4.max_s(y0, i32x4.splat(0)), i32x4.splat(w * c)), xcv);
  const offB = i32x4.add(i32x4.mul(i32x4.min_s(i32x4.add(y0, i32x4.splat(1)), i32x4.splat(h - 1)), i32x4.splat(w * c)), xcv);
  const tp01 = v128.load64_lane(src + <usize>i32x4.extract_lane(offT, 1), v128.load64_zero(src + <usize>i32x4.extract_lane(offT, 0)), 1);
  const tp23 = v128.load64_lane(src + <usize>i32x4.extract_lane(offT, 3), v128.load64_zero(src + <usize>i32x4.extract_lane(offT, 2)), 1);
  const bt01 = v128.load64_lane(src + <usize>i32x4.extract_lane(offB, 1), v128.load64_zero(src + <usize>i32x4.extract_lane(offB, 0)), 1);
  const bt23 = v128.load64_lane(src + <usize>i32x4.extract_lane(offB, 3), v128.load64_zero(src + <usize>i32x4.extract_lane(offB, 2)), 1);
  const we = f32x4.sub(xs, xfl);
  const nn = f32x4.sub(ys, yfl);
  const e = f32x4.sub(one, we);
  const s = f32x4.sub(one, nn);
  const anw = v128.and(f32x4.mul(s, e), v128.and(inT, inL));
  const ane = v128.and(f32x4.mul(s, we), v128.and(inT, inR));
  const asw = v128.and(f32x4.mul(nn, e), v128.and(inB, inL));
  const ase = v128.and(f32x4.mul(nn, we), v128.and(inB, inR));
  bilinearQuad(ox, v128.bitselect(ane, anw, west), v128.andnot(ane, west), v128.bitselect(ase, asw, west), v128.andnot(ase, west),
    tp01, tp23, bt01, bt23, hasFill, fillV, rgba);
  return false;
}

/** The fill bytes of 4 pixels (c = 3: exactly 12 bytes). */
@inline function fillGroup(ox: usize, fill4: v128, rgba: bool): void {
  if (rgba) v128.store(ox, fill4);
  else {
    v128.store64_lane(ox, fill4, 0);
    v128.store32_lane(ox, fill4, 2, 8);
  }
}

/**
 * One 48-byte interior record from four pixels' source coordinates: we = X − floor(X), nn = Y − floor(Y), and
 * the tap offsets y0·(w·c) + x0·c (`small`: in float32, see {@link interiorRecords}).
 */
@inline function storeRecord(rec: usize, xs: v128, ys: v128, wcv: v128, wcf: v128, cf: v128, rgba: bool, small: bool): void {
  const yfl = f32x4.floor(ys);
  const xfl = f32x4.floor(xs);
  v128.store(rec, f32x4.sub(xs, xfl));
  v128.store(rec, f32x4.sub(ys, yfl), 16);
  if (small) {
    v128.store(rec, floorBits(f32x4.add(f32x4.mul(yfl, wcf), f32x4.mul(xfl, cf))), 32);
  } else {
    const x0 = floorBits(xfl);
    const y0 = floorBits(yfl);
    v128.store(rec, i32x4.add(i32x4.mul(y0, wcv), rgba ? i32x4.shl(x0, 2) : i32x4.add(i32x4.shl(x0, 1), x0)), 32);
  }
}

/**
 * Pass 1 of {@link bilinearAffineRow} over the interior groups gI0 ≤ g < gI1: per group the source
 * coordinates X, Y (4-wide), their fractions we = X − floor(X), nn = Y − floor(Y) and the tap offsets
 * y0·(w·c) + x0·c — a record of 48 bytes per group from `rs` (we, nn f32x4, offsets i32x4). The
 * offsets: `small` (w·h·c ≤ 2^23) as the float32 floor(Y)·(w·c) + floor(X)·c (integers below 2^23:
 * exact) converted by {@link floorBits} (fewer vector integer operations); else the integer products
 * of the floors' floorBits (exact: interior floors are in [0, 2^23)).
 */
@inline function interiorRecords(w: i32, c: i32, rs: usize, gI0: i32, gI1: i32, b1v: v128, b4v: v128, ax64: usize, ay64: usize,
  r2v: v128, r5v: v128, hwv: v128, hhv: v128, rgba: bool, small: bool): void {
  const one = f32x4.splat(1);
  const half = f32x4.splat(0.5);
  const wcv = i32x4.splat(w * c);
  const wcf = f32x4.splat(<f32>(w * c));
  const cf = f32x4.splat(<f32>c);
  let rec = rs;
  let x = gI0 << 2;
  const xe = gI1 << 2;
  do {
    const ys = unnorm4(rowPlusCols4(b4v, ay64 + <usize>(x * 8)), r5v, one, hhv, half);
    storeRecord(rec, unnorm4(rowPlusCols4(b1v, ax64 + <usize>(x * 8)), r2v, one, hwv, half), ys, wcv, wcf, cf, rgba, small);
    rec += 48;
    x += 4;
  } while (x < xe);
}

/**
 * Pass 2 of the interior runs ({@link bilinearAffineRow}, {@link bilinearPerspectiveRow}): per record of 48
 * bytes from `rs` to `recEnd` (we, nn f32x4, tap offsets i32x4, as {@link interiorRecords}) the group's taps
 * gathered (8 bytes per tap row and pixel), the weights (1 − nn)(1 − we), (1 − nn)·we, nn·(1 − we), nn·we and
 * {@link interiorQuad}, into consecutive groups from `oo`.
 */
@inline function sampleRecords(src: usize, w: i32, c: i32, rs: usize, recEnd: usize, oo: usize, k0: v128, k1: v128, k2: v128, cmp3: v128,
  hasFill: i32, fillV: v128, rgba: bool): void {
  const wc = <usize>(w * c);
  const ostep = <usize>(rgba ? 16 : 12);
  let rec = rs;
  do {
    const p0 = src + <usize>load<i32>(rec, 32);
    const p1 = src + <usize>load<i32>(rec, 32 + 4);
    const p2 = src + <usize>load<i32>(rec, 32 + 8);
    const p3 = src + <usize>load<i32>(rec, 32 + 12);
    const tp01 = v128.load64_lane(p1, v128.load64_zero(p0), 1);
    const tp23 = v128.load64_lane(p3, v128.load64_zero(p2), 1);
    const bt01 = v128.load64_lane(p1 + wc, v128.load64_zero(p0 + wc), 1);
    const bt23 = v128.load64_lane(p3 + wc, v128.load64_zero(p2 + wc), 1);
    // The weights (1 − nn)(1 − we), (1 − nn)·we, nn·(1 − we), nn·we.
    const we = v128.load(rec);
    const nn = v128.load(rec, 16);
    const e = f32x4.sub(f32x4.splat(1), we);
    const sv = f32x4.sub(f32x4.splat(1), nn);
    interiorQuad(oo, f32x4.mul(sv, e), f32x4.mul(sv, we), f32x4.mul(nn, e), f32x4.mul(nn, we), tp01, tp23, bt01, bt23, k0, k1, k2, cmp3, hasFill, fillV, rgba);
    rec += 48;
    oo += ostep;
  } while (rec < recEnd);
}

/**
 * One row's 4-pixel groups (x < ow4) of warpBilinearAffine for c = 3 or 4 (`rgba`; `hasFill` a literal
 * at each call); needs 2 ≤ w, h ≤ 2^23. With `bd` (i32 [8], kept from row to row; 0 when the columns
 * ax64, ay64 are not both finite and monotonic, `upX`, `upY`: non-decreasing): each source coordinate is
 * then monotonic along the row (every float step is), so the interior pixels (0 ≤ X < w − 1 and
 * 0 ≤ Y < h − 1: all four taps inside) are one run of columns, found exactly by {@link axisBounds} (the
 * same float operations), and so are the pixels with some tap inside (a run containing it). The groups
 * wholly inside the interior run go through two passes, so that neither loop holds more values than
 * there are SIMD registers (V8 spills the rest, one load or store per use):
 * 1. {@link interiorRecords}: coordinates, fractions and tap offsets, a record per group;
 * 2. per group its taps gathered (8 bytes per tap row and pixel), the weights (1 − nn)(1 − we),
 *    (1 − nn)·we, nn·(1 − we), nn·we and {@link interiorQuad}.
 * Then, outwards from the interior run on either side, {@link borderGroup} until a group has no pixel
 * with a tap inside; the groups beyond it are the fill bytes. Without `bd` (or an interior run) every
 * group is a border group. The interior groups are written first (c = 3 stores 16 bytes per interior
 * group, the last 4 are the next group's), the others with exact stores after them.
 */
@inline function bilinearAffineRow(src: usize, w: i32, h: i32, c: i32, o: usize, ow: i32, ow4: i32, b1: f64, b4: f64, b1v: v128, b4v: v128, ax64: usize, ay64: usize,
  r2: f32, r5: f32, hw: f32, hh: f32, r2v: v128, r5v: v128, hwv: v128, hhv: v128, hasFill: i32, fillV: v128, fill4: v128, rs: usize, rgba: bool,
  k0: v128, k1: v128, k2: v128, cmp3: v128, bd: usize, upX: bool, upY: bool): void {
  const step = rgba ? 4 : 3;
  const n4 = ow4 >> 2;
  let gI0 = 0, gI1 = 0;
  if (bd) {
    const one = f32x4.splat(1);
    const half = f32x4.splat(0.5);
    axisBounds(b1v, b1, ax64, r2v, r2, hwv, hw, one, half, w, upX, ow, bd);
    axisBounds(b4v, b4, ay64, r5v, r5, hhv, hh, one, half, h, upY, ow, bd + 16);
    gI0 = (max(load<i32>(bd), load<i32>(bd, 16)) + 3) >> 2;
    gI1 = min(min(load<i32>(bd, 4), load<i32>(bd, 20)) >> 2, n4);
  }
  if (gI1 > gI0) {
    // (Tap offsets in float32 when every one is below 2^23: exact, fewer vector integer operations.)
    if (<i64>w * <i64>h * <i64>c <= 8388608) interiorRecords(w, c, rs, gI0, gI1, b1v, b4v, ax64, ay64, r2v, r5v, hwv, hhv, rgba, true);
    else interiorRecords(w, c, rs, gI0, gI1, b1v, b4v, ax64, ay64, r2v, r5v, hwv, hhv, rgba, false);
    sampleRecords(src, w, c, rs, rs + <usize>((gI1 - gI0) * 48), o + <usize>((gI0 << 2) * step), k0, k1, k2, cmp3, hasFill, fillV, rgba);
  }
  // Outwards from the interior run, left then right: border groups until one wholly outside (then so
  // is every group beyond it: the pixels with a tap inside are one run, which contains the interior
  // run). Without an interior run, every group is a border one (`stop` false).
  const stop = gI1 > gI0;
  if (!stop) {
    gI0 = 0;
    gI1 = 0;
  }
  let g = gI0 - 1;
  let dir = -1;
  let lim = -1;
  let leftStop = -1;
  while (true) {
    if (g != lim) {
      const outside = borderGroup(src, w, h, c, o + <usize>((g << 2) * step), g << 2, b1v, b4v, ax64, ay64, r2v, r5v, hwv, hhv, hasFill, fillV, fill4, rgba);
      if (!(outside && stop)) {
        g += dir;
        continue;
      }
    }
    if (dir > 0) break;
    leftStop = g;
    g = gI1;
    dir = 1;
    lim = n4;
  }
  for (let f = 0; f < leftStop; f++) fillGroup(o + <usize>((f << 2) * step), fill4, rgba);
  for (let f = g + 1; f < n4; f++) fillGroup(o + <usize>((f << 2) * step), fill4, rgba);
}

/**
 * The `warp` stage's affine torch grid in bilinear mode (torchvision rotate/affine with
 * interpolation 'bilinear'): coordinates as {@link warpNearestAffine} (4 per step in SIMD; `scratch`
 * 40·ow bytes, 16-byte aligned: f64 [2·ow], then the row records of {@link bilinearAffineRow} (48 bytes
 * per group) and at 36·ow its bounds, i32 [8]), then
 * the operations of {@link bilinearPixel}: torch grid_sample's four taps in float32
 * (out-of-bounds taps contribute 0), torchvision's fill mask when `hasFill` (out = v·m + (1 − m)·fill,
 * `fill` f32 [4]; `fillU8` u8 [4] where no tap is inside), rounded half to even and saturated — the
 * operations of sampleGrid in src/ops/stages/warp.ts. c = 3, 4: 4-pixel groups by
 * {@link bilinearAffineRow} (interior runs channel-planar; groups wholly outside as fill); c = 1, 2 (and w or h < 2):
 * {@link bilinear4}; row tails per pixel. `dst` needs 16 bytes of slack, `src` 8 readable bytes after
 * the image (an 8-byte tap pair from x0 = w − 1 on the last row). Returns 0, or −1.
 */
export function warpBilinearAffine(src: usize, w: i32, h: i32, c: i32, dst: usize, ow: i32, oh: i32, ax: usize, ay: usize,
  r1: f32, r2: f32, r4: f32, r5: f32, hw: f32, hh: f32, hasFill: i32, fill: usize, fillU8: usize, scratch: usize): i32 {
  if (w <= 0 || h <= 0 || c < 1 || c > 4 || ow <= 0 || oh <= 0) return -1;
  const ow4 = ow & ~3;
  const ax64 = scratch;
  const ay64 = scratch + <usize>(ow * 8);
  const rs = scratch + <usize>(ow * 16);
  // The columns promoted to f64; are they finite and monotonic (for bilinearAffineRow's runs)?
  let incX = true, decX = true, incY = true, decY = true, finite = true;
  for (let x = 0; x < ow; x++) {
    const vx = load<f32>(ax + <usize>(x * 4));
    const vy = load<f32>(ay + <usize>(x * 4));
    store<f64>(ax64 + <usize>(x * 8), <f64>vx);
    store<f64>(ay64 + <usize>(x * 8), <f64>vy);
    finite = finite && isFinite(vx) && isFinite(vy);
    if (x > 0) {
      const px = load<f32>(ax + <usize>(x * 4 - 4));
      const py = load<f32>(ay + <usize>(x * 4 - 4));
      if (vx < px) incX = false;
      if (vx > px) decX = false;
      if (vy < py) incY = false;
      if (vy > py) decY = false;
    }
  }
  // Row bounds (i32 [8], after the row records) when every coordinate step is monotonic: finite
  // parameters, positive scales, room for them (ow ≥ 8).
  const runs = finite && (incX || decX) && (incY || decY) && ow >= 8 && hw > 0 && hh > 0 &&
    isFinite(r1) && isFinite(r2) && isFinite(r4) && isFinite(r5) && isFinite(hw) && isFinite(hh);
  const bd: usize = runs ? rs + <usize>(ow * 20) : 0;
  if (runs) for (let i = 0; i < 8; i++) store<i32>(bd + <usize>(i * 4), ow >> 1);
  const fillV = v128.load(fill);
  const m0 = c == 4 ? i8x16(0, -1, -1, -1, 1, -1, -1, -1, 2, -1, -1, -1, 3, -1, -1, -1) : i8x16(0, -1, -1, -1, 1, -1, -1, -1, 2, -1, -1, -1, -1, -1, -1, -1);
  const m1 = c == 4 ? i8x16(4, -1, -1, -1, 5, -1, -1, -1, 6, -1, -1, -1, 7, -1, -1, -1) : i8x16(3, -1, -1, -1, 4, -1, -1, -1, 5, -1, -1, -1, -1, -1, -1, -1);
  // fillU8 for 4 pixels (c = 3: 12 bytes, c = 4: 16).
  const fu = v128.load32_splat(fillU8);
  const fill4 = c == 4 ? fu : i8x16.swizzle(fu, i8x16(0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 0, 0, 0));
  const r2v = f32x4.splat(r2);
  const r5v = f32x4.splat(r5);
  const one = f32x4.splat(1);
  const half = f32x4.splat(0.5);
  const hwv = f32x4.splat(hw);
  const hhv = f32x4.splat(hh);
  const sc = <usize>c;
  // The swizzle masks of the interior groups (byte k of each 32-bit lane; c = 3's output compaction):
  // constants, which V8 keeps out of the loop (one pshufb per swizzle; a mask it cannot see as a
  // constant costs a saturating add more).
  const k0 = i8x16(0, -1, -1, -1, 4, -1, -1, -1, 8, -1, -1, -1, 12, -1, -1, -1);
  const k1 = i8x16(1, -1, -1, -1, 5, -1, -1, -1, 9, -1, -1, -1, 13, -1, -1, -1);
  const k2 = i8x16(2, -1, -1, -1, 6, -1, -1, -1, 10, -1, -1, -1, 14, -1, -1, -1);
  const cmp3 = i8x16(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1);
  let o = dst;
  let y = 0;
  do {
    const by = <f32>(<f64>y + (0.5 - <f64>oh * 0.5));
    const b1 = <f64>by * <f64>r1;
    const b4 = <f64>by * <f64>r4;
    let x = 0;
    if (ow4 > 0) {
      const b1v = f64x2.splat(b1);
      const b4v = f64x2.splat(b4);
      const quad = w >= 2 && h >= 2 && w <= 8388608 && h <= 8388608;
      if (quad && (c == 3 || c == 4)) {
        if (c == 3) {
          if (hasFill) bilinearAffineRow(src, w, h, c, o, ow, ow4, b1, b4, b1v, b4v, ax64, ay64, r2, r5, hw, hh, r2v, r5v, hwv, hhv, 1, fillV, fill4, rs, false, k0, k1, k2, cmp3, bd, incX, incY);
          else bilinearAffineRow(src, w, h, c, o, ow, ow4, b1, b4, b1v, b4v, ax64, ay64, r2, r5, hw, hh, r2v, r5v, hwv, hhv, 0, fillV, fill4, rs, false, k0, k1, k2, cmp3, bd, incX, incY);
        } else {
          if (hasFill) bilinearAffineRow(src, w, h, c, o, ow, ow4, b1, b4, b1v, b4v, ax64, ay64, r2, r5, hw, hh, r2v, r5v, hwv, hhv, 1, fillV, fill4, rs, true, k0, k1, k2, cmp3, bd, incX, incY);
          else bilinearAffineRow(src, w, h, c, o, ow, ow4, b1, b4, b1v, b4v, ax64, ay64, r2, r5, hw, hh, r2v, r5v, hwv, hhv, 0, fillV, fill4, rs, true, k0, k1, k2, cmp3, bd, incX, incY);
        }
        o += <usize>(ow4 * c);
        x = ow4;
      } else {
        do {
          const xo = <usize>(x * 8);
          const xs = unnorm4(rowPlusCols4(b1v, ax64 + xo), r2v, one, hwv, half);
          const ys = unnorm4(rowPlusCols4(b4v, ay64 + xo), r5v, one, hhv, half);
          bilinear4(src, w, h, c, o, xs, ys, hasFill, fill, fillU8, fillV, m0, m1);
          o += 4 * sc;
          x += 4;
        } while (x < ow4);
      }
    }
    while (x < ow) {
      const xo4 = <usize>(x * 4);
      const xf: f32 = (((<f32>(b1 + <f64>load<f32>(ax + xo4)) + r2) + <f32>1) * hw) - <f32>0.5;
      const yf: f32 = (((<f32>(b4 + <f64>load<f32>(ay + xo4)) + r5) + <f32>1) * hh) - <f32>0.5;
      bilinearPixel(src, w, h, c, o, xf, yf, hasFill, fill, fillU8, fillV);
      o += sc;
      x++;
    }
    y++;
  } while (y < oh);
  return 0;
}

// ---- warpk (Dec 4, second session): permute, grayscale. ----

/**
 * The `permute` stage (flips, transpose, rot90): output pixel i of row y (ow per row, oh rows) is the
 * source pixel at byte offset start + y·rowStep + x·colStep (steps may be negative). c = 3 copies 4
 * bytes per pixel (the next pixel overwrites the 4th): `src` 1 readable byte after the image, `dst` 1
 * byte of slack. Returns 0, or −1 for bad arguments.
 */
export function permute(src: usize, c: i32, dst: usize, ow: i32, oh: i32, start: i32, colStep: i32, rowStep: i32): i32 {
  if (c < 1 || c > 4 || ow <= 0 || oh <= 0) return -1;
  let o = dst;
  let y = 0;
  do {
    let s = src + <usize>(start + y * rowStep);
    const end = o + <usize>(ow * c);
    const cs = <usize>colStep;
    if (c == 3) {
      do {
        store<u32>(o, load<u32>(s));
        s += cs;
        o += 3;
      } while (o < end);
    } else if (c == 4) {
      do {
        store<u32>(o, load<u32>(s));
        s += cs;
        o += 4;
      } while (o < end);
    } else if (c == 1) {
      do {
        store<u8>(o, load<u8>(s));
        s += cs;
        o += 1;
      } while (o < end);
    } else {
      do {
        store<u16>(o, load<u16>(s));
        s += cs;
        o += 2;
      } while (o < end);
    }
    y++;
  } while (y < oh);
  return 0;
}

/**
 * The `grayscale` stage: g = trunc(f32(f32(f32(R·r) + f32(G·g)) + f32(B·b))) (R, G, B the float32 weights
 * 0.2989, 0.587, 0.114 — the products are blend.ts's grey table values), n pixels of c = 3 or 4 channels
 * into oc = 1, 3 or 4 channels (oc = 3: g replicated; oc = 4: g replicated, alpha copied). 4 pixels per
 * step (the tail: scalar). `src` 16 readable bytes after the image, `dst` 16 bytes of slack.
 * Returns 0, or −1 for bad arguments.
 */
export function grayscale(src: usize, n: i32, c: i32, oc: i32, dst: usize, wr: f32, wg: f32, wb: f32): i32 {
  if (n <= 0 || (c != 3 && c != 4) || (oc != 1 && oc != 3 && oc != 4) || (oc == 4 && c != 4)) return -1;
  const rv = f32x4.splat(wr);
  const gv = f32x4.splat(wg);
  const bv = f32x4.splat(wb);
  const n4 = n & ~3;
  const sstep = <usize>(4 * c);
  const dstep = <usize>(4 * oc);
  let s = src;
  let o = dst;
  let i = 0;
  if (n4 > 0) {
    const rs = c == 3 ? i8x16(0, -1, -1, -1, 3, -1, -1, -1, 6, -1, -1, -1, 9, -1, -1, -1) : i8x16(0, -1, -1, -1, 4, -1, -1, -1, 8, -1, -1, -1, 12, -1, -1, -1);
    const gs = c == 3 ? i8x16(1, -1, -1, -1, 4, -1, -1, -1, 7, -1, -1, -1, 10, -1, -1, -1) : i8x16(1, -1, -1, -1, 5, -1, -1, -1, 9, -1, -1, -1, 13, -1, -1, -1);
    const bs = c == 3 ? i8x16(2, -1, -1, -1, 5, -1, -1, -1, 8, -1, -1, -1, 11, -1, -1, -1) : i8x16(2, -1, -1, -1, 6, -1, -1, -1, 10, -1, -1, -1, 14, -1, -1, -1);
    const out3 = i8x16(0, 0, 0, 4, 4, 4, 8, 8, 8, 12, 12, 12, -1, -1, -1, -1);
    const out4 = i8x16(0, 0, 0, -1, 4, 4, 4, -1, 8, 8, 8, -1, 12, 12, 12, -1);
    const alpha = i32x4.splat(0xff000000);
    do {
      const v = v128.load(s);
      const r = f32x4.mul(f32x4.convert_i32x4_s(i8x16.swizzle(v, rs)), rv);
      const g = f32x4.mul(f32x4.convert_i32x4_s(i8x16.swizzle(v, gs)), gv);
      const b = f32x4.mul(f32x4.convert_i32x4_s(i8x16.swizzle(v, bs)), bv);
      const q = i32x4.trunc_sat_f32x4_s(f32x4.add(f32x4.add(r, g), b));
      if (oc == 1) {
        v128.store32_lane(o, i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(q, q), i16x8.narrow_i32x4_s(q, q)), 0);
      } else if (oc == 3) {
        v128.store(o, i8x16.swizzle(q, out3));
      } else {
        v128.store(o, v128.bitselect(v, i8x16.swizzle(q, out4), alpha));
      }
      s += sstep;
      o += dstep;
      i += 4;
    } while (i < n4);
  }
  while (i < n) {
    const g = <u8>(<i32>(((<f32>load<u8>(s) * wr) + (<f32>load<u8>(s, 1) * wg)) + (<f32>load<u8>(s, 2) * wb)));
    store<u8>(o, g);
    if (oc >= 3) {
      store<u8>(o, g, 1);
      store<u8>(o, g, 2);
    }
    if (oc == 4) store<u8>(o, load<u8>(s, 3), 3);
    s += <usize>c;
    o += <usize>oc;
    i++;
  }
  return 0;
}

// ---- Perspective bilinear (Dec 4, fourth session): interior runs as warpBilinearAffine's. ----

/** z = f32(b7 + a6[x]) + 1 of four columns from x (the perspective grid's denominator). */
@inline function perspZ(b7v: v128, a6: usize, x: i32, one: v128): v128 {
  return f32x4.add(rowPlusCols4(b7v, a6 + <usize>(x * 8)), one);
}

/** A source coordinate of four columns from x: f32(f32(f32(f32(f32(b + col[x]) + r) / z) − 1) + 1)·scale − 0.5. */
@inline function perspCoord(bv: v128, col: usize, x: i32, rv: v128, z: v128, one: v128, scalev: v128, half: v128): v128 {
  return f32x4.sub(f32x4.mul(f32x4.add(f32x4.sub(f32x4.div(f32x4.add(rowPlusCols4(bv, col + <usize>(x * 8)), rv), z), one), one), scalev), half);
}

/**
 * Whether the 4 pixels of the group at column x are interior (0 ≤ X < w − 1, 0 ≤ Y < h − 1; NaN is not):
 * a check of the row bounds at the interior run's two ends (they guarantee it; see perspRowBounds).
 */
function perspInterior(w: i32, h: i32, x: i32, b1v: v128, b4v: v128, b7v: v128, a0: usize, a3: usize, a6: usize, r2v: v128, r5v: v128, hwv: v128, hhv: v128): bool {
  const one = f32x4.splat(1);
  const half = f32x4.splat(0.5);
  const zero = f32x4.splat(0);
  const z = perspZ(b7v, a6, x, one);
  const xs = perspCoord(b1v, a0, x, r2v, z, one, hwv, half);
  const ys = perspCoord(b4v, a3, x, r5v, z, one, hhv, half);
  return i32x4.all_true(v128.and(v128.and(f32x4.ge(xs, zero), f32x4.lt(xs, f32x4.splat(<f32>(w - 1)))),
    v128.and(f32x4.ge(ys, zero), f32x4.lt(ys, f32x4.splat(<f32>(h - 1))))));
}

/**
 * Pass 1 of {@link bilinearPerspectiveRow} over the groups gI0 ≤ g < gI1: records as {@link interiorRecords}
 * (we, nn, tap offsets; 48 bytes per group from `rs`), from the perspective coordinates.
 */
@inline function perspRecords(w: i32, h: i32, c: i32, rs: usize, gI0: i32, gI1: i32, b1v: v128, b4v: v128, b7v: v128, a0: usize, a3: usize, a6: usize,
  r2v: v128, r5v: v128, hwv: v128, hhv: v128, rgba: bool, small: bool): void {
  const one = f32x4.splat(1);
  const half = f32x4.splat(0.5);
  const wcv = i32x4.splat(w * c);
  const wcf = f32x4.splat(<f32>(w * c));
  const cf = f32x4.splat(<f32>c);
  let rec = rs;
  let x = gI0 << 2;
  const xe = gI1 << 2;
  do {
    const z = perspZ(b7v, a6, x, one);
    const ys = perspCoord(b4v, a3, x, r5v, z, one, hhv, half);
    storeRecord(rec, perspCoord(b1v, a0, x, r2v, z, one, hwv, half), ys, wcv, wcf, cf, rgba, small);
    rec += 48;
    x += 4;
  } while (x < xe);
}

/** {@link borderGroup} with the perspective coordinates (exact for any group; no return value). */
function borderGroupP(src: usize, w: i32, h: i32, c: i32, ox: usize, x: i32, b1v: v128, b4v: v128, b7v: v128, a0: usize, a3: usize, a6: usize,
  r2v: v128, r5v: v128, hwv: v128, hhv: v128, hasFill: i32, fillV: v128, fill4: v128, rgba: bool): void {
  const one = f32x4.splat(1);
  const half = f32x4.splat(0.5);
  const z = perspZ(b7v, a6, x, one);
  const xs = perspCoord(b1v, a0, x, r2v, z, one, hwv, half);
  const ys = perspCoord(b4v, a3, x, r5v, z, one, hhv, half);
  borderQuadAt(src, w, h, c, ox, xs, ys, hasFill, fillV, fill4, rgba);
}

/**
 * One row's 4-pixel groups (x < ow4) of warpBilinearPerspective for c = 3 or 4 (`rgba`; `hasFill` a literal
 * at each call; 2 ≤ w, h ≤ 2^23), by the group bounds bd (i32 [4], from {@link perspRowBounds}): groups
 * [0, gA) and [gB, n4) are fill, [gA, gI0) and [gI1, gB) border groups ({@link borderGroupP}, exact for any
 * group), [gI0, gI1) interior: pass 1 {@link perspRecords}, pass 2 {@link sampleRecords} (as
 * bilinearAffineRow). Interior groups first (c = 3 writes 4 bytes into the next group), then the others
 * (exact stores). The run's first and last groups are checked to be interior ({@link perspInterior}; the
 * bounds guarantee it, the check guards against a defect there): if not, the run is taken as border groups.
 */
@inline function bilinearPerspectiveRow(src: usize, w: i32, h: i32, c: i32, o: usize, n4: i32, b1v: v128, b4v: v128, b7v: v128,
  a0: usize, a3: usize, a6: usize, r2v: v128, r5v: v128, hwv: v128, hhv: v128, hasFill: i32, fillV: v128, fill4: v128, rs: usize, rgba: bool,
  k0: v128, k1: v128, k2: v128, cmp3: v128, bd: usize): void {
  const step = rgba ? 4 : 3;
  const gA = load<i32>(bd);
  let gI0 = load<i32>(bd, 4);
  let gI1 = load<i32>(bd, 8);
  const gB = load<i32>(bd, 12);
  if (gI1 > gI0) {
    if (perspInterior(w, h, gI0 << 2, b1v, b4v, b7v, a0, a3, a6, r2v, r5v, hwv, hhv) && perspInterior(w, h, (gI1 - 1) << 2, b1v, b4v, b7v, a0, a3, a6, r2v, r5v, hwv, hhv)) {
      // (Tap offsets in float32 when every one is below 2^23: exact, fewer vector integer operations.)
      if (<i64>w * <i64>h * <i64>c <= 8388608) perspRecords(w, h, c, rs, gI0, gI1, b1v, b4v, b7v, a0, a3, a6, r2v, r5v, hwv, hhv, rgba, true);
      else perspRecords(w, h, c, rs, gI0, gI1, b1v, b4v, b7v, a0, a3, a6, r2v, r5v, hwv, hhv, rgba, false);
      sampleRecords(src, w, c, rs, rs + <usize>((gI1 - gI0) * 48), o + <usize>((gI0 << 2) * step), k0, k1, k2, cmp3, hasFill, fillV, rgba);
    } else {
      gI0 = gA;
      gI1 = gA;
    }
  }
  for (let g = gA; g < gI0; g++) borderGroupP(src, w, h, c, o + <usize>((g << 2) * step), g << 2, b1v, b4v, b7v, a0, a3, a6, r2v, r5v, hwv, hhv, hasFill, fillV, fill4, rgba);
  for (let g = gI1; g < gB; g++) borderGroupP(src, w, h, c, o + <usize>((g << 2) * step), g << 2, b1v, b4v, b7v, a0, a3, a6, r2v, r5v, hwv, hhv, hasFill, fillV, fill4, rgba);
  for (let g = 0; g < gA; g++) fillGroup(o + <usize>((g << 2) * step), fill4, rgba);
  for (let g = gB; g < n4; g++) fillGroup(o + <usize>((g << 2) * step), fill4, rgba);
}

// The row interval in bx of {@link clipLinear} (module state: AssemblyScript has no tuples).
let ivLo: f64 = 0;
let ivHi: f64 = 0;

/** Clips [ivLo, ivHi] to α·bx + β ≥ 0 (α = 0: all or nothing). Returns false for a NaN or ∞ along the way. */
function clipLinear(al: f64, be: f64): bool {
  if (!isFinite(al) || !isFinite(be)) return false;
  if (al > 0) {
    const t = -be / al;
    if (t > ivLo) ivLo = t;
  } else if (al < 0) {
    const t = -be / al;
    if (t < ivHi) ivHi = t;
  } else if (be < 0) ivLo = Infinity;
  return true;
}

/**
 * Clips [ivLo, ivHi] to the bx where the reference coordinate M = (p·bx + q)/(p6·bx + e)·sc − 0.5 is ≥ k
 * (`ge`) or ≤ k: with s the sign of the denominator (constant over the image), s·(N·sc − (k + 0.5)·Z) ≥ 0
 * (or ≤ 0) — linear in bx.
 */
@inline function clipCoord(p: f64, q: f64, sc: f64, k: f64, ge: bool, s: f64, p6: f64, e: f64): bool {
  const kk = k + 0.5;
  const al = s * (p * sc - kk * p6);
  const be = s * (q * sc - kk * e);
  return ge ? clipLinear(al, be) : clipLinear(-al, -be);
}

/**
 * The group bounds of one row of warpBilinearPerspective (into bd, i32 [4]: gA, gI0, gI1, gB; see
 * {@link bilinearPerspectiveRow}), from the reference coordinates M_X = N_X/Z·hw − 0.5, M_Y = N_Y/Z·hh − 0.5
 * (N_X = p0·bx + (b1 + r2), N_Y = p3·bx + (b4 + r5), Z = p6·bx + (b7 + 1), exact real arithmetic; p0, p3, p6
 * the column slopes), which differ from the computed X, Y by at most bX, bY anywhere in the image (see
 * warpBilinearPerspective) and whose denominator has the sign s everywhere: so each condition M ≥ k is one
 * interval of bx. Interior (every computed pixel interior): 2bX ≤ M_X ≤ w − 1 − 2bX and 2bY ≤ M_Y ≤
 * h − 1 − 2bY, one column less on either side; outside −1 − 2bX < M_X < w + 2bX, −1 − 2bY < M_Y < h + 2bY
 * widened by a column, every computed pixel has X ≤ −1, X ≥ w, Y ≤ −1 or Y ≥ h: no tap inside, fill.
 * Returns false (bd untouched) if a NaN or ∞ comes up (the row is then all border groups).
 */
function perspRowBounds(bd: usize, ow: i32, n4: i32, w: i32, h: i32, b1: f64, b4: f64, b7: f64, r2: f64, r5: f64, hw: f64, hh: f64,
  p0: f64, p3: f64, p6: f64, s: f64, bX: f64, bY: f64): bool {
  const bxL = <f64>ow - 0.5;
  const qx = b1 + r2, qy = b4 + r5, e = b7 + 1;
  ivLo = 0.5;
  ivHi = bxL;
  if (!clipCoord(p0, qx, hw, 2 * bX, true, s, p6, e)) return false;
  if (!clipCoord(p0, qx, hw, <f64>(w - 1) - 2 * bX, false, s, p6, e)) return false;
  if (!clipCoord(p3, qy, hh, 2 * bY, true, s, p6, e)) return false;
  if (!clipCoord(p3, qy, hh, <f64>(h - 1) - 2 * bY, false, s, p6, e)) return false;
  let iLo = ivLo, iHi = ivHi;
  ivLo = 0.5;
  ivHi = bxL;
  if (!clipCoord(p0, qx, hw, -1 - 2 * bX, true, s, p6, e)) return false;
  if (!clipCoord(p0, qx, hw, <f64>w + 2 * bX, false, s, p6, e)) return false;
  if (!clipCoord(p3, qy, hh, -1 - 2 * bY, true, s, p6, e)) return false;
  if (!clipCoord(p3, qy, hh, <f64>h + 2 * bY, false, s, p6, e)) return false;
  const oLo = ivLo, oHi = ivHi;
  let gA = 0, gB = 0;
  if (oLo <= oHi) {
    const xa = <i32>max<f64>(floor(oLo - 0.5) - 1, 0);
    const xb = <i32>min<f64>(ceil(oHi - 0.5) + 1, <f64>(ow - 1));
    gA = min(xa >> 2, n4);
    gB = max(min((xb >> 2) + 1, n4), gA);
  }
  let gI0 = gA, gI1 = gA;
  if (iLo <= iHi) {
    const xa = <i32>max<f64>(ceil(iLo - 0.5) + 1, 0);
    const xb = <i32>min<f64>(floor(iHi - 0.5) - 1, <f64>(ow - 1));
    const g0 = (xa + 3) >> 2;
    const g1 = min((xb + 1) >> 2, n4);
    if (xb >= xa && g1 > g0) {
      gI0 = g0;
      gI1 = g1;
      if (gA > g0) gA = g0;
      if (gB < g1) gB = g1;
    }
  }
  store<i32>(bd, gA);
  store<i32>(bd, gI0, 4);
  store<i32>(bd, gI1, 8);
  store<i32>(bd, gB, 12);
  return true;
}

/**
 * A bound on |computed − reference| of one perspective coordinate over the image (see
 * warpBilinearPerspective), doubled: `sn` bounds |N| (and the magnitudes summed into it), `sz` likewise |Z|,
 * `zmin` ≤ |Z|, `sc` the scale hw or hh.
 */
function perspErrBound(sn: f64, sz: f64, zmin: f64, sc: f64): f64 {
  const u: f64 = 5.9604644775390625e-8; // 2^-24, float32's unit roundoff
  const zlo = zmin - 8 * u * sz; // ≤ |z|, the computed denominator
  const qm = sn * (1 + 8 * u) / zlo; // ≥ |n / z|
  const dq = 8 * u * sn / zlo * (1 + sz / zmin) + u * qm + 2.1 * u * (qm + 2); // |f32((q − 1) + 1) − N/Z|
  const t = abs(sc) * (qm + 2.1);
  return 2 * (abs(sc) * dq + u * t + u * (1.01 * t + 0.5));
}

/**
 * The `warp` stage's perspective torch grid in bilinear mode (torchvision perspective): torch's float32
 * steps of `_perspective_grid` + grid_sample's unnormalise, as torchCoords in src/ops/stages/warp.ts —
 * with bx = x + 0.5, by = y + 0.5 and dot3(a, b, k) = f32(f32(by·b + f32(bx·a)) + k) (the sum in f64: one
 * rounding, as the FMA):  z = dot3(c6, c7, 1),  X = f32(f32(f32(f32(f32(dot3(r0, r1, r2) / z) − 1) + 1)·hw)
 * − 0.5), Y likewise with r3, r4, r5, hh — then {@link bilinearPixel}. `cols` f32 [3·ow]: per column
 * f32(bx·r0), f32(bx·r3), f32(bx·c6); `prm` f32 [8]: r1, r2, r4, r5, c7, hw, hh; `scratch` 36·ow + 16
 * bytes (f64 [3·ow], the row records, the row bounds); fills as warpBilinearAffine; `dst` 16 bytes of
 * slack, `src` 8 readable bytes after the image. Returns 0, or −1.
 *
 * c = 3, 4 (2 ≤ w, h ≤ 2^23, ow ≥ 4): the rows as warpBilinearAffine's, by interior runs. Unlike the affine
 * grid, the computed X = f32(n / z)… is not monotonic along a row (n and z are rounded separately), so the
 * runs come from the exact reference M = N/Z·hw − 0.5 of the same row (N, Z linear in bx, the column
 * slopes p0, p3, p6 read off the last column and checked against every column: |col − p·bx| ≤ 2.5u·|p·bx|,
 * u = 2^−24) and a bound on |X − M| over the whole image, from the float32 roundings of each step
 * ({@link perspErrBound}; ≈ 2·10^−4 px at 224²); the image must have no pole (Z of one sign, away from 0,
 * at the four corners: Z is linear). Where the columns fail the check, a parameter is not finite, there is
 * a pole or the bound is ≥ 0.25 px, every group is a border group (exact). c = 1, 2: {@link bilinear4};
 * row tails per pixel.
 */
export function warpBilinearPerspective(src: usize, w: i32, h: i32, c: i32, dst: usize, ow: i32, oh: i32, cols: usize, prm: usize,
  hasFill: i32, fill: usize, fillU8: usize, scratch: usize): i32 {
  if (w <= 0 || h <= 0 || c < 1 || c > 4 || ow <= 0 || oh <= 0) return -1;
  const r1 = load<f32>(prm), r2 = load<f32>(prm, 4), r4 = load<f32>(prm, 8), r5 = load<f32>(prm, 12);
  const c7 = load<f32>(prm, 16), hw = load<f32>(prm, 20), hh = load<f32>(prm, 24);
  const ow4 = ow & ~3;
  const n4 = ow4 >> 2;
  const a0 = scratch;
  const a3 = scratch + <usize>(ow * 8);
  const a6 = scratch + <usize>(ow * 16);
  const rs = scratch + <usize>(ow * 24);
  const bd = rs + <usize>(ow * 12);
  // The column slopes (reference p·bx) and the check of every column against them.
  const u: f64 = 5.9604644775390625e-8;
  const bxL = <f64>ow - 0.5;
  const p0 = <f64>load<f32>(cols + <usize>((ow - 1) * 4)) / bxL;
  const p3 = <f64>load<f32>(cols + <usize>((2 * ow - 1) * 4)) / bxL;
  const p6 = <f64>load<f32>(cols + <usize>((3 * ow - 1) * 4)) / bxL;
  let colsOk = isFinite(p0) && isFinite(p3) && isFinite(p6);
  for (let x = 0; x < ow; x++) {
    const v0 = <f64>load<f32>(cols + <usize>(x * 4));
    const v3 = <f64>load<f32>(cols + <usize>((ow + x) * 4));
    const v6 = <f64>load<f32>(cols + <usize>((2 * ow + x) * 4));
    store<f64>(a0 + <usize>(x * 8), v0);
    store<f64>(a3 + <usize>(x * 8), v3);
    store<f64>(a6 + <usize>(x * 8), v6);
    const bx = <f64>x + 0.5;
    colsOk = colsOk && abs(v0 - p0 * bx) <= 2.5 * u * abs(p0 * bx) && abs(v3 - p3 * bx) <= 2.5 * u * abs(p3 * bx) &&
      abs(v6 - p6 * bx) <= 2.5 * u * abs(p6 * bx);
  }
  const quad = w >= 2 && h >= 2 && w <= 8388608 && h <= 8388608 && (c == 3 || c == 4) && n4 > 0;
  // The image's error bounds: |N_X| ≤ snx (and so are the magnitudes added up in it; |a0 − p0·bx| ≤ 2.5u…
  // is within the 8u per sum of perspErrBound), |Z| ≥ zmin at the corners and so everywhere (one sign).
  let runs = quad && colsOk && isFinite(r1) && isFinite(r2) && isFinite(r4) && isFinite(r5) && isFinite(c7) && isFinite(hw) && isFinite(hh);
  let s: f64 = 1, bX: f64 = 0, bY: f64 = 0;
  if (runs) {
    const byT: f64 = 0.5, byB: f64 = <f64><f32>(<f64>(oh - 1) + 0.5);
    const zTL = p6 * 0.5 + (byT * <f64>c7 + 1), zTR = p6 * bxL + (byT * <f64>c7 + 1);
    const zBL = p6 * 0.5 + (byB * <f64>c7 + 1), zBR = p6 * bxL + (byB * <f64>c7 + 1);
    const pos = zTL > 0 && zTR > 0 && zBL > 0 && zBR > 0;
    const neg = zTL < 0 && zTR < 0 && zBL < 0 && zBR < 0;
    const zmin = min(min(abs(zTL), abs(zTR)), min(abs(zBL), abs(zBR)));
    const sz = abs(p6) * bxL + abs(byB * <f64>c7) + 1;
    const snx = abs(p0) * bxL + abs(byB * <f64>r1) + abs(<f64>r2);
    const sny = abs(p3) * bxL + abs(byB * <f64>r4) + abs(<f64>r5);
    s = pos ? 1 : -1;
    if ((pos || neg) && zmin > 64 * u * sz) {
      bX = perspErrBound(snx, sz, zmin, <f64>hw);
      bY = perspErrBound(sny, sz, zmin, <f64>hh);
    }
    runs = (pos || neg) && zmin > 64 * u * sz && bX < 0.25 && bY < 0.25;
  }
  const fillV = v128.load(fill);
  const m0 = c == 4 ? i8x16(0, -1, -1, -1, 1, -1, -1, -1, 2, -1, -1, -1, 3, -1, -1, -1) : i8x16(0, -1, -1, -1, 1, -1, -1, -1, 2, -1, -1, -1, -1, -1, -1, -1);
  const m1 = c == 4 ? i8x16(4, -1, -1, -1, 5, -1, -1, -1, 6, -1, -1, -1, 7, -1, -1, -1) : i8x16(3, -1, -1, -1, 4, -1, -1, -1, 5, -1, -1, -1, -1, -1, -1, -1);
  const fu = v128.load32_splat(fillU8);
  const fill4 = c == 4 ? fu : i8x16.swizzle(fu, i8x16(0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 0, 0, 0));
  const r2v = f32x4.splat(r2);
  const r5v = f32x4.splat(r5);
  const one = f32x4.splat(1);
  const half = f32x4.splat(0.5);
  const hwv = f32x4.splat(hw);
  const hhv = f32x4.splat(hh);
  const k0 = i8x16(0, -1, -1, -1, 4, -1, -1, -1, 8, -1, -1, -1, 12, -1, -1, -1);
  const k1 = i8x16(1, -1, -1, -1, 5, -1, -1, -1, 9, -1, -1, -1, 13, -1, -1, -1);
  const k2 = i8x16(2, -1, -1, -1, 6, -1, -1, -1, 10, -1, -1, -1, 14, -1, -1, -1);
  const cmp3 = i8x16(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1);
  const sc = <usize>c;
  let o = dst;
  let y = 0;
  do {
    const by = <f32>(<f64>y + 0.5);
    const b1 = <f64>by * <f64>r1;
    const b4 = <f64>by * <f64>r4;
    const b7 = <f64>by * <f64>c7;
    let x = 0;
    if (ow4 > 0) {
      const b1v = f64x2.splat(b1);
      const b4v = f64x2.splat(b4);
      const b7v = f64x2.splat(b7);
      if (quad) {
        if (!(runs && perspRowBounds(bd, ow, n4, w, h, b1, b4, b7, <f64>r2, <f64>r5, <f64>hw, <f64>hh, p0, p3, p6, s, bX, bY))) {
          store<i32>(bd, 0);
          store<i32>(bd, 0, 4);
          store<i32>(bd, 0, 8);
          store<i32>(bd, n4, 12);
        }
        if (c == 3) {
          if (hasFill) bilinearPerspectiveRow(src, w, h, c, o, n4, b1v, b4v, b7v, a0, a3, a6, r2v, r5v, hwv, hhv, 1, fillV, fill4, rs, false, k0, k1, k2, cmp3, bd);
          else bilinearPerspectiveRow(src, w, h, c, o, n4, b1v, b4v, b7v, a0, a3, a6, r2v, r5v, hwv, hhv, 0, fillV, fill4, rs, false, k0, k1, k2, cmp3, bd);
        } else {
          if (hasFill) bilinearPerspectiveRow(src, w, h, c, o, n4, b1v, b4v, b7v, a0, a3, a6, r2v, r5v, hwv, hhv, 1, fillV, fill4, rs, true, k0, k1, k2, cmp3, bd);
          else bilinearPerspectiveRow(src, w, h, c, o, n4, b1v, b4v, b7v, a0, a3, a6, r2v, r5v, hwv, hhv, 0, fillV, fill4, rs, true, k0, k1, k2, cmp3, bd);
        }
        o += <usize>(ow4 * c);
        x = ow4;
      } else {
        do {
          const xo = <usize>(x * 8);
          const nx = f32x4.add(rowPlusCols4(b1v, a0 + xo), r2v);
          const ny = f32x4.add(rowPlusCols4(b4v, a3 + xo), r5v);
          const z = f32x4.add(rowPlusCols4(b7v, a6 + xo), one);
          const xs = f32x4.sub(f32x4.mul(f32x4.add(f32x4.sub(f32x4.div(nx, z), one), one), hwv), half);
          const ys = f32x4.sub(f32x4.mul(f32x4.add(f32x4.sub(f32x4.div(ny, z), one), one), hhv), half);
          bilinear4(src, w, h, c, o, xs, ys, hasFill, fill, fillU8, fillV, m0, m1);
          o += 4 * sc;
          x += 4;
        } while (x < ow4);
      }
    }
    while (x < ow) {
      const xo4 = <usize>(x * 4);
      const z: f32 = <f32>(b7 + <f64>load<f32>(cols + <usize>(2 * ow * 4) + xo4)) + <f32>1;
      const nx: f32 = <f32>(b1 + <f64>load<f32>(cols + xo4)) + r2;
      const ny: f32 = <f32>(b4 + <f64>load<f32>(cols + <usize>(ow * 4) + xo4)) + r5;
      const xf: f32 = ((((nx / z) - <f32>1) + <f32>1) * hw) - <f32>0.5;
      const yf: f32 = ((((ny / z) - <f32>1) + <f32>1) * hh) - <f32>0.5;
      bilinearPixel(src, w, h, c, o, xf, yf, hasFill, fill, fillU8, fillV);
      o += sc;
      x++;
    }
    y++;
  } while (y < oh);
  return 0;
}

// ---- Single-op kernels: `lut` tables with an exact arithmetic form, and bilinear downscales to half the
// width (src/ops/stages/lut.ts, resize.ts). The host reads the form off the table or the taps and checks it;
// these compute the same bytes with integer SIMD instead of a table read per byte or float32 taps.

/** {@link lutArith} of one byte. */
@inline function lutArithByte(v: i32, form: i32, a: i32, b: i32, k: f32, e: i32): i32 {
  if (form == 0) return (v & a) ^ b;
  if (form == 1) return v >= a ? v ^ 255 : v;
  if (form == 3) return <i32>satTrunc(<f32>v * k);
  const y = a * v + ((v * b) >> 16);
  const q = y > 255 ? 255 : y;
  // Form 4: one less at the four levels (the bytes of e).
  return form == 4 && (v == (e & 255) || v == ((e >>> 8) & 255) || v == ((e >>> 16) & 255) || v == (e >>> 24)) ? q - 1 : q;
}

/** floor(x·b / 2^16) of u16 lanes x ≤ 255 (`bh`, `bl` = splat(b >> 8), splat(b & 255)): every step within u16. */
@inline function mulHi16(x: v128, bh: v128, bl: v128): v128 {
  return i16x8.shr_u(i16x8.add(i16x8.mul(x, bh), i16x8.shr_u(i16x8.mul(x, bl), 8)), 8);
}

/** trunc(f32(k·v)) of four i32 levels as i32x4 (0 ≤ k < 2^15: the product lies in [0, 2^23)). */
@inline function mulTruncI(v: v128, vk: v128): v128 {
  return intBits(f32x4.trunc(f32x4.mul(f32x4.convert_i32x4_s(v), vk)));
}

/** {@link lutArith} of 16 bytes (alpha lanes not yet restored). */
@inline function lutArithVec(v: v128, form: i32, va: v128, vb: v128, bh: v128, bl: v128, vk: v128): v128 {
  if (form == 0) return v128.xor(v128.and(v, va), vb);
  if (form == 1) return v128.xor(v, i8x16.ge_u(v, va));
  const lo = i16x8.extend_low_i8x16_u(v);
  const hi = i16x8.extend_high_i8x16_u(v);
  if (form == 3) {
    // f32(k·v) ≥ 0 and < 2^23 (k < 2^15): trunc, then its integer bits; the narrowing saturates to 255.
    return i8x16.narrow_i16x8_u(
      i16x8.narrow_i32x4_s(mulTruncI(i32x4.extend_low_i16x8_u(lo), vk), mulTruncI(i32x4.extend_high_i16x8_u(lo), vk)),
      i16x8.narrow_i32x4_s(mulTruncI(i32x4.extend_low_i16x8_u(hi), vk), mulTruncI(i32x4.extend_high_i16x8_u(hi), vk)));
  }
  return i8x16.narrow_i16x8_u(
    i16x8.add(i16x8.mul(lo, va), mulHi16(lo, bh, bl)),
    i16x8.add(i16x8.mul(hi, va), mulHi16(hi, bh, bl)));
}

@inline function lutArithRun(src: usize, n: i32, c: i32, form: i32, a: i32, b: i32, k: f32, e: i32, dst: usize): void {
  const len = <usize>(n * c);
  const va = form == 2 || form == 4 ? i16x8.splat(<i16>a) : i8x16.splat(<i8>a);
  // Form 4's four levels.
  const l0 = i8x16.splat(<i8>e), l1 = i8x16.splat(<i8>(e >> 8)), l2 = i8x16.splat(<i8>(e >> 16)), l3 = i8x16.splat(<i8>(e >> 24));
  const vb = i8x16.splat(<i8>b);
  const bh = i16x8.splat(<i16>(b >> 8));
  const bl = i16x8.splat(<i16>(b & 255));
  const vk = f32x4.splat(k);
  const amask = c == 4 ? i32x4.splat(0xff000000) : i32x4.splat(0);
  if (len >= 16) {
    let i: usize = 0;
    const last = len - 16;
    while (true) {
      const v = v128.load(src + i);
      let o = lutArithVec(v, form == 4 ? 2 : form, va, vb, bh, bl, vk);
      // Form 4: all-ones (−1) in the lanes at one of the four levels, one less there.
      if (form == 4) o = i8x16.add(o, v128.or(v128.or(i8x16.eq(v, l0), i8x16.eq(v, l1)), v128.or(i8x16.eq(v, l2), i8x16.eq(v, l3))));
      v128.store(dst + i, c == 4 ? v128.bitselect(v, o, amask) : o);
      if (i == last) break;
      i += 16;
      // The last step overlaps the one before (src and dst are distinct: the overlap recomputes the same bytes).
      if (i > last) i = last;
    }
    return;
  }
  for (let i: usize = 0; i < len; i++) {
    const v = <i32>load<u8>(src + i);
    store<u8>(dst + i, c == 4 && (i & 3) == 3 ? v : lutArithByte(v, form, a, b, k, e));
  }
}

/**
 * The `lut` stage for a table with an arithmetic form, per colour value v (alpha copied):
 *   form 0: (v & a) ^ b                    — invert (a = b = 255), posterize (a = mask, b = 0), identity;
 *   form 1: v ≥ a ? 255 − v : v            — solarize (threshold a, 1..255);
 *   form 2: min(255, a·v + ⌊v·b / 2^16⌋)   — ⌊k·v⌋ tables (0 ≤ a ≤ 127, 0 ≤ b < 2^16), in u16 lanes;
 *   form 3: satTrunc(f32(k·v))             — adjust_brightness's table itself (0 ≤ k < 2^15), in f32 lanes;
 *   form 4: form 2, one less at 4 levels   — the levels: the bytes of e (an unused one repeats a used
 *                                            one); a, b are the largest lower bound's, so the form is ≥ the
 *                                            table everywhere and 1 more at these levels.
 * `n` pixels of c = 1, 3 or 4 channels; `src`, `dst` distinct. 16 bytes per step, the last one overlapping
 * (c = 4: its offset stays a multiple of 4); images under 16 bytes byte by byte. Returns 0, or −1.
 */
export function lutArith(src: usize, n: i32, c: i32, form: i32, a: i32, b: i32, k: f32, e: i32, dst: usize): i32 {
  if (n <= 0 || c < 1 || c > 4 || c == 2 || form < 0 || form > 4 || a < 0 || a > 255 || b < 0 || b > 65535) return -1;
  if (((form == 2 || form == 4) && a > 127) || (form == 3 && !(k >= 0 && k < 32768))) return -1;
  // One specialised loop per form (the form folds away in each).
  if (form == 0) lutArithRun(src, n, c, 0, a, b, k, 0, dst);
  else if (form == 1) lutArithRun(src, n, c, 1, a, b, k, 0, dst);
  else if (form == 2) lutArithRun(src, n, c, 2, a, b, k, 0, dst);
  else if (form == 3) lutArithRun(src, n, c, 3, a, b, k, 0, dst);
  else lutArithRun(src, n, c, 4, a, b, k, e, dst);
  return 0;
}

/** Round half to even of s / 2^m, m = 2 (four taps) or 1 (two), u16 lanes. */
@inline function roundShr(s: v128, four: bool, one: v128): v128 {
  // m = 2: (s + 1 + bit) >> 2 = avgr(s, bit) >> 1 with bit = (s >> 2) & 1; m = 1: (s + ((s >> 1) & 1)) >> 1.
  return four
    ? i16x8.shr_u(i16x8.avgr_u(s, v128.and(i16x8.shr_u(s, 2), one)), 1)
    : i16x8.shr_u(i16x8.add(s, v128.and(i16x8.shr_u(s, 1), one)), 1);
}

/** Pixel-pair sums (u16) of the 16 bytes at p after `mask` puts each pair's bytes side by side (c = 1: already). */
@inline function pairSums(p: usize, mask: v128, c: i32): v128 {
  const v = v128.load(p);
  return i16x8.extadd_pairwise_i8x16_u(c == 1 ? v : i8x16.swizzle(v, mask));
}

/** The rows of {@link resizeDown2}; `four`: fy even (two source rows per output row). */
@inline function down2Rows(src: usize, rb: usize, c: i32, fy: i32, ow: i32, oh: i32, dst: usize, four: bool, opaque: i32): void {
  const sc = <usize>c;
  const oRow = <usize>(ow * c);
  const step = c == 1 ? 16 : 4;
  const simd = c != 2 && ow >= step;
  const one = i16x8.splat(1);
  // Swizzle masks: c = 3, two output pixels (6 sums) from the 12 bytes of four source pixels (lanes 6, 7
  // unused); c = 4, two output pixels from four source pixels; c = 1, the identity. Or-ed with a zero the
  // optimiser cannot see (`opaque`), so that they stay in registers instead of being rebuilt in the loop.
  const z = i8x16.splat(<i8>opaque);
  const mask = v128.or(z, c == 3
    ? i8x16(0, 3, 1, 4, 2, 5, 6, 9, 7, 10, 8, 11, -128, -128, -128, -128)
    : c == 4 ? i8x16(0, 4, 1, 5, 2, 6, 3, 7, 8, 12, 9, 13, 10, 14, 11, 15) : i8x16(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
  // Input bytes per half step (c = 3: 12 of the 16 read; the reads stay within the image's 16 bytes of slack).
  const half: usize = c == 3 ? 12 : 16;
  for (let y = 0; y < oh; y++) {
    const r0 = src + <usize>(fy * y + ((fy - 1) >> 1)) * rb;
    const r1 = r0 + rb;
    const d = dst + <usize>y * oRow;
    if (simd) {
      let x = 0;
      const lastX = ow - step;
      while (true) {
        const o = <usize>(x * 2) * sc;
        const q = d + <usize>x * sc;
        let a = pairSums(r0 + o, mask, c), b = pairSums(r0 + o + half, mask, c);
        if (four) { a = i16x8.add(a, pairSums(r1 + o, mask, c)); b = i16x8.add(b, pairSums(r1 + o + half, mask, c)); }
        const v = i8x16.narrow_i16x8_u(roundShr(a, four, one), roundShr(b, four, one));
        if (c == 3) {
          // Bytes 0..5 and 8..13 are the four pixels; the 2 bytes after each are rewritten next (or are the
          // next row's, or the output's slack).
          v128.store64_lane(q, v, 0);
          v128.store64_lane(q + 6, v, 1);
        } else {
          v128.store(q, v);
        }
        if (x == lastX) break;
        x += step;
        if (x > lastX) x = lastX;
      }
      continue;
    }
    for (let x = 0; x < ow; x++) {
      const o = <usize>(2 * x) * sc;
      for (let k: usize = 0; k < sc; k++) {
        let s = <i32>load<u8>(r0 + o + k) + <i32>load<u8>(r0 + o + sc + k);
        if (four) {
          s += <i32>load<u8>(r1 + o + k) + <i32>load<u8>(r1 + o + sc + k);
          s = (s + 1 + ((s >> 2) & 1)) >> 2;
        } else {
          s = (s + ((s >> 1) & 1)) >> 1;
        }
        store<u8>(d + <usize>x * sc + k, s);
      }
    }
  }
}

/**
 * A bilinear (align_corners=False, no antialias) downscale to half the width and 1/`fy` of the height (`fy`
 * ≥ 1 an integer). torch's taps then are: along x, source pixels 2x and 2x + 1 at 0.5 each; along y, row
 * fy·y + (fy − 1) >> 1 alone (fy odd: weights 1 and 0) or with the next row (fy even: 0.5 each). Every
 * float32 product and sum of those is exact, so the float32 result is (sum s of the 2 or 4 taps) / 2^m
 * (m = 1, or 2 for fy even) and torch's round half to even of it is (s + 2^(m−1) − 1 + ((s >> m) & 1)) >> m.
 * `src` points at the box's top-left pixel, rows `rowBytes` apart (16 readable bytes after the last
 * row); output `ow`×`oh`×c at `dst` (contiguous rows, 16 bytes of slack). SIMD per row step (the last
 * step of a row overlapping the one before): c = 1, 16 output pixels; c = 3 and 4, 4 — pixel-pair sums
 * of each source row (a swizzle puts each pair's bytes side by side for the pairwise widening add), the
 * rows added, rounded, narrowed. Rows narrower than one step pixel by pixel. Returns 0, or −1.
 */
export function resizeDown2(src: usize, rowBytes: i32, c: i32, fy: i32, ow: i32, oh: i32, dst: usize): i32 {
  if (c < 1 || c > 4 || fy < 1 || ow < 1 || oh < 1 || rowBytes < ow * 2 * c) return -1;
  // One specialised loop per channel count and row count (c >> 3 is 0 here, but not to the optimiser:
  // see down2Rows).
  const rb = <usize>rowBytes;
  const z = c >> 3;
  if ((fy & 1) == 0) {
    if (c == 3) down2Rows(src, rb, 3, fy, ow, oh, dst, true, z);
    else if (c == 4) down2Rows(src, rb, 4, fy, ow, oh, dst, true, z);
    else if (c == 1) down2Rows(src, rb, 1, fy, ow, oh, dst, true, z);
    else down2Rows(src, rb, c, fy, ow, oh, dst, true, z);
  } else {
    if (c == 3) down2Rows(src, rb, 3, fy, ow, oh, dst, false, z);
    else if (c == 4) down2Rows(src, rb, 4, fy, ow, oh, dst, false, z);
    else if (c == 1) down2Rows(src, rb, 1, fy, ow, oh, dst, false, z);
    else down2Rows(src, rb, c, fy, ow, oh, dst, false, z);
  }
  return 0;
}
