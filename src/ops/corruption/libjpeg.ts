/**
 * JPEG compression as libjpeg(-turbo) does it for PIL's `save(…, 'JPEG', quality=q)` followed by a decode —
 * without the entropy coding, which is lossless and so changes no pixel: RGB→YCbCr (jccolor fixed point),
 * 4:2:0 chroma by 2×2 averaging with alternating bias (jcsample h2v2), the integer "islow" forward DCT
 * (jfdctint), quantisation by the Annex K tables scaled by quality with baseline clamping (jcparam
 * jpeg_set_quality(q, TRUE)) and round-half-away division (jcdctmgr), dequantisation and the islow inverse
 * DCT (jidctint), "fancy" triangle chroma upsampling (jdsample h2v2_fancy) and YCbCr→RGB (jdcolor).
 * Edges are replicated to whole blocks as libjpeg does. Pure integer arithmetic: the same bytes in every
 * runtime. Written from the libjpeg algorithms' descriptions (IJG design, read to learn); no code copied.
 * A 1-channel image is one greyscale component (as PIL writes mode L).
 */

const LUMA = [16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
  18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99];
const CHROMA = [17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
  ...new Array<number>(32).fill(99)];

/** The quantisation table for quality q (1..100), baseline-clamped to 1..255. */
export function quantTable(base: readonly number[], quality: number): Int32Array {
  const q = Math.min(100, Math.max(1, Math.trunc(quality)));
  const scale = q < 50 ? Math.trunc(5000 / q) : 200 - q * 2;
  const t = new Int32Array(64);
  for (let i = 0; i < 64; i++) t[i] = Math.min(255, Math.max(1, Math.trunc((base[i]! * scale + 50) / 100)));
  return t;
}

const CB = 13;
const P1 = 2;
const F0298 = 2446, F0390 = 3196, F0541 = 4433, F0765 = 6270, F0899 = 7373, F1175 = 9633, F1501 = 12299, F1847 = 15137,
  F1961 = 16069, F2053 = 16819, F2562 = 20995, F3072 = 25172;

/** (x + 2^(n−1)) >> n on exact integers (arithmetic shift = floor division). */
function descale(x: number, n: number): number {
  return Math.floor((x + 2 ** (n - 1)) / 2 ** n);
}

/** jfdctint islow on d (64 level-shifted samples, in place): coefficients scaled by 8. */
function fdct(d: Float64Array): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let r = 0; r < 8; r++) {
      const o = pass === 0 ? r * 8 : r;
      const s = pass === 0 ? 1 : 8;
      const tmp0 = d[o]! + d[o + 7 * s]!, tmp7 = d[o]! - d[o + 7 * s]!;
      const tmp1 = d[o + s]! + d[o + 6 * s]!, tmp6 = d[o + s]! - d[o + 6 * s]!;
      const tmp2 = d[o + 2 * s]! + d[o + 5 * s]!, tmp5 = d[o + 2 * s]! - d[o + 5 * s]!;
      const tmp3 = d[o + 3 * s]! + d[o + 4 * s]!, tmp4 = d[o + 3 * s]! - d[o + 4 * s]!;
      const tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
      const sh = pass === 0 ? CB - P1 : CB + P1;
      if (pass === 0) {
        d[o] = (tmp10 + tmp11) * 4;
        d[o + 4 * s] = (tmp10 - tmp11) * 4;
      } else {
        d[o] = descale(tmp10 + tmp11, P1);
        d[o + 4 * s] = descale(tmp10 - tmp11, P1);
      }
      const z1 = (tmp12 + tmp13) * F0541;
      d[o + 2 * s] = descale(z1 + tmp13 * F0765, sh);
      d[o + 6 * s] = descale(z1 - tmp12 * F1847, sh);
      let a1 = tmp4 + tmp7, a2 = tmp5 + tmp6, a3 = tmp4 + tmp6, a4 = tmp5 + tmp7;
      const z5 = (a3 + a4) * F1175;
      const t4 = tmp4 * F0298, t5 = tmp5 * F2053, t6 = tmp6 * F3072, t7 = tmp7 * F1501;
      a1 *= -F0899; a2 *= -F2562; a3 *= -F1961; a4 *= -F0390;
      a3 += z5; a4 += z5;
      d[o + 7 * s] = descale(t4 + a1 + a3, sh);
      d[o + 5 * s] = descale(t5 + a2 + a4, sh);
      d[o + 3 * s] = descale(t6 + a2 + a3, sh);
      d[o + s] = descale(t7 + a1 + a4, sh);
    }
  }
}

/** jidctint islow of dequantised coefficients c → 64 samples (level-shifted back, clamped). */
function idct(c: Float64Array, out: Uint8Array): void {
  const ws = new Float64Array(64);
  for (let col = 0; col < 8; col++) {
    let acZero = true;
    for (let k = 1; k < 8; k++) if (c[col + 8 * k] !== 0) acZero = false;
    if (acZero) {
      const dc = c[col]! * 4;
      for (let k = 0; k < 8; k++) ws[col + 8 * k] = dc;
      continue;
    }
    idct1(c, col, 8, ws, col, 8, CB - P1, false, null);
  }
  for (let row = 0; row < 8; row++) idct1(ws, row * 8, 1, null, 0, 0, CB + P1 + 3, true, out);
}

function idct1(c: Float64Array, o: number, s: number, ws: Float64Array | null, wo: number, wsStep: number, sh: number, final: boolean, out: Uint8Array | null): void {
  let z2 = c[o + 2 * s]!, z3 = c[o + 6 * s]!;
  let z1 = (z2 + z3) * F0541;
  const tmp2 = z1 - z3 * F1847;
  const tmp3 = z1 + z2 * F0765;
  z2 = c[o]!;
  z3 = c[o + 4 * s]!;
  const t0 = (z2 + z3) * 8192;
  const t1 = (z2 - z3) * 8192;
  const tmp10 = t0 + tmp3, tmp13 = t0 - tmp3, tmp11 = t1 + tmp2, tmp12 = t1 - tmp2;
  let a0 = c[o + 7 * s]!, a1 = c[o + 5 * s]!, a2 = c[o + 3 * s]!, a3 = c[o + s]!;
  z1 = a0 + a3;
  z2 = a1 + a2;
  z3 = a0 + a2;
  let z4 = a1 + a3;
  const z5 = (z3 + z4) * F1175;
  a0 *= F0298; a1 *= F2053; a2 *= F3072; a3 *= F1501;
  z1 *= -F0899; z2 *= -F2562; z3 *= -F1961; z4 *= -F0390;
  z3 += z5; z4 += z5;
  a0 += z1 + z3; a1 += z2 + z4; a2 += z2 + z3; a3 += z1 + z4;
  const v = [tmp10 + a3, tmp11 + a2, tmp12 + a1, tmp13 + a0, tmp13 - a0, tmp12 - a1, tmp11 - a2, tmp10 - a3];
  for (let k = 0; k < 8; k++) {
    const x = descale(v[k]!, sh);
    if (final) {
      const y = x + 128;
      out![o + k] = y < 0 ? 0 : y > 255 ? 255 : y;
    } else ws![wo + k * wsStep] = x;
  }
}

/** Compress + decompress one plane (already padded to whole blocks, `pw` × `ph`) in place. */
function roundTripPlane(p: Int32Array, pw: number, ph: number, qt: Int32Array): void {
  const d = new Float64Array(64);
  const out = new Uint8Array(64);
  for (let by = 0; by < ph; by += 8) {
    for (let bx = 0; bx < pw; bx += 8) {
      for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) d[y * 8 + x] = p[(by + y) * pw + bx + x]! - 128;
      fdct(d);
      for (let i = 0; i < 64; i++) {
        const q = qt[i]! * 8;
        const t = d[i]!;
        const a = Math.floor((Math.abs(t) + (q >> 1)) / q);
        d[i] = (t < 0 ? -a : a) * qt[i]!;
      }
      idct(d, out);
      for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) p[(by + y) * pw + bx + x] = out[y * 8 + x]!;
    }
  }
}

const FIX = (x: number): number => Math.trunc(x * 65536 + 0.5);

/**
 * PIL-style JPEG round trip of an interleaved u8 image with `cc` colour channels (1 or 3) at `stride`
 * bytes per pixel (alpha, if any, untouched in the output copy).
 */
export function jpegRoundTrip(src: Uint8Array, W: number, H: number, stride: number, cc: 1 | 3, quality: number): Uint8Array {
  const out = src.slice();
  const PW = Math.ceil(W / 16) * 16;
  const PH = Math.ceil(H / 16) * 16;
  const at = (x: number, y: number): number => (Math.min(y, H - 1) * W + Math.min(x, W - 1)) * stride;
  if (cc === 1) {
    const pw = Math.ceil(W / 8) * 8, ph = Math.ceil(H / 8) * 8;
    const p = new Int32Array(pw * ph);
    for (let y = 0; y < ph; y++) for (let x = 0; x < pw; x++) p[y * pw + x] = src[at(x, y)]!;
    roundTripPlane(p, pw, ph, quantTable(LUMA, quality));
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) out[(y * W + x) * stride] = p[y * pw + x]!;
    return out;
  }
  // RGB → YCbCr (jccolor), on the image padded by edge replication.
  const Y = new Int32Array(PW * PH);
  const Cb = new Int32Array(PW * PH);
  const Cr = new Int32Array(PW * PH);
  const ONE_HALF = 1 << 15;
  const OFF = 128 << 16;
  const fRY = FIX(0.299), fGY = FIX(0.587), fBY = FIX(0.114), fRCb = FIX(0.16874), fGCb = FIX(0.33126), fHalf = FIX(0.5), fGCr = FIX(0.41869), fBCr = FIX(0.08131);
  for (let y = 0; y < PH; y++) {
    for (let x = 0; x < PW; x++) {
      const i = at(x, y);
      const r = src[i]!, g = src[i + 1]!, b = src[i + 2]!;
      const j = y * PW + x;
      Y[j] = Math.floor((fRY * r + fGY * g + fBY * b + ONE_HALF) / 65536);
      Cb[j] = Math.floor((-fRCb * r - fGCb * g + fHalf * b + OFF + ONE_HALF - 1) / 65536);
      Cr[j] = Math.floor((fHalf * r - fGCr * g - fBCr * b + OFF + ONE_HALF - 1) / 65536);
    }
  }
  roundTripPlane(Y, PW, PH, quantTable(LUMA, quality));
  // 2×2 chroma (jcsample h2v2: bias 1, 2, 1, 2 … along a row)
  const CW = PW / 2, CH = PH / 2;
  const cq = quantTable(CHROMA, quality);
  const planes = [Cb, Cr].map((P) => {
    const c = new Int32Array(CW * CH);
    for (let y = 0; y < CH; y++) {
      let bias = 1;
      for (let x = 0; x < CW; x++) {
        const a = 2 * y * PW + 2 * x;
        c[y * CW + x] = (P[a]! + P[a + 1]! + P[a + PW]! + P[a + PW + 1]! + bias) >> 2;
        bias ^= 3;
      }
    }
    roundTripPlane(c, CW, CH, cq);
    return c;
  });
  // Decoder: fancy h2v2 upsampling over the real chroma size, then YCbCr → RGB (jdcolor).
  const dw = Math.ceil(W / 2), dh = Math.ceil(H / 2);
  const up = planes.map((c) => {
    const u = new Int32Array(W * H);
    const row = new Int32Array(2 * dw);
    for (let y = 0; y < dh; y++) {
      for (let v = 0; v < 2; v++) {
        const oy = 2 * y + v;
        if (oy >= H) break;
        const r0 = y * CW;
        const r1 = (v === 0 ? Math.max(0, y - 1) : Math.min(dh - 1, y + 1)) * CW;
        const sum = (x: number): number => c[r0 + x]! * 3 + c[r1 + x]!;
        if (dw === 1) {
          row[0] = (sum(0) * 4 + 8) >> 4;
          row[1] = (sum(0) * 4 + 7) >> 4;
        } else {
          let last = sum(0);
          let cur = last;
          let next = sum(1);
          row[0] = (cur * 4 + 8) >> 4;
          row[1] = (cur * 3 + next + 7) >> 4;
          for (let x = 1; x < dw - 1; x++) {
            last = cur;
            cur = next;
            next = sum(x + 1);
            row[2 * x] = (cur * 3 + last + 8) >> 4;
            row[2 * x + 1] = (cur * 3 + next + 7) >> 4;
          }
          last = cur;
          cur = next;
          row[2 * (dw - 1)] = (cur * 3 + last + 8) >> 4;
          row[2 * (dw - 1) + 1] = (cur * 4 + 7) >> 4;
        }
        for (let x = 0; x < W; x++) u[oy * W + x] = row[x]!;
      }
    }
    return u;
  });
  const [uCb, uCr] = up as [Int32Array, Int32Array];
  const f1402 = FIX(1.402), f1772 = FIX(1.772), f0714 = FIX(0.71414), f0344 = FIX(0.34414);
  const clamp = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const yy = Y[y * PW + x]!;
      const cb = uCb[y * W + x]! - 128;
      const cr = uCr[y * W + x]! - 128;
      const o = (y * W + x) * stride;
      out[o] = clamp(yy + Math.floor((f1402 * cr + ONE_HALF) / 65536));
      out[o + 1] = clamp(yy + Math.floor((-f0344 * cb + ONE_HALF - f0714 * cr) / 65536));
      out[o + 2] = clamp(yy + Math.floor((f1772 * cb + ONE_HALF) / 65536));
    }
  }
  return out;
}
