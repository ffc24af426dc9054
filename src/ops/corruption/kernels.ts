/**
 * Numeric building blocks of the ImageNet-C corruptions, each matching the library call the reference
 * makes (scipy.ndimage / skimage.filters.gaussian, OpenCV filter2D / GaussianBlur, scipy zoom, PIL's BOX
 * resize, ImageMagick's MotionBlurImage), on float images: interleaved `Float64Array`s of `c` channels.
 * Written from the libraries' documented algorithms (and their source, read to learn); no code copied.
 */

/** A float image: interleaved, `c` channels. */
export interface FImg {
  data: Float64Array;
  width: number;
  height: number;
  c: number;
}

/** Border modes as scipy names them. `reflect`: d c b a | a b c d | d c b a; `nearest`: edge; `mirror`: reflect-101. */
export type Border = 'reflect' | 'nearest' | 'mirror';

/** Index `i` mapped into [0, n) under a border mode (any distance outside, periodic where the mode is). */
export function borderIndex(i: number, n: number, mode: Border): number {
  if (i >= 0 && i < n) return i;
  if (n === 1) return 0;
  if (mode === 'nearest') return i < 0 ? 0 : n - 1;
  if (mode === 'reflect') {
    const p = 2 * n;
    let k = i % p;
    if (k < 0) k += p;
    return k < n ? k : p - 1 - k;
  }
  const p = 2 * n - 2;
  let k = i % p;
  if (k < 0) k += p;
  return k < n ? k : p - k;
}

/** scipy.ndimage's 1-D Gaussian weights: radius int(truncate·σ + 0.5), exp(−x²/2σ²) normalised. */
export function gaussianWeights(sigma: number, truncate: number): Float64Array {
  const r = Math.trunc(truncate * sigma + 0.5);
  const w = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let x = -r; x <= r; x++) {
    const v = Math.exp((-0.5 / (sigma * sigma)) * x * x);
    w[x + r] = v;
    sum += v;
  }
  for (let i = 0; i < w.length; i++) w[i]! /= sum;
  return w;
}

/**
 * Correlates each channel with `w` (odd length, centred) along x (`axis` 1) or y (0). A kernel longer
 * than the line (elastic's σ ≈ 171 px) is folded into an n×n matrix first: the border index is a
 * function of the tap, so Σ_k w[k]·line[b(i + k − r)] = Σ_j M[i][j]·line[j].
 */
export function correlate1d(src: FImg, w: Float64Array, axis: 0 | 1, mode: Border, f32 = false): FImg {
  const { width: W, height: H, c: C, data: d } = src;
  const out = new Float64Array(d.length);
  const r = (w.length - 1) >> 1;
  const n = axis === 1 ? W : H;
  const lines = axis === 1 ? H : W;
  const step = axis === 1 ? C : W * C;
  const folded = w.length > n;
  let M: Float64Array | undefined;
  if (folded) {
    M = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let k = 0; k < w.length; k++) M[i * n + borderIndex(i + k - r, n, mode)] += w[k]!;
  }
  const line = new Float64Array(folded ? n : n + 2 * r);
  const idx = new Int32Array(n + 2 * r);
  for (let i = 0; i < n + 2 * r; i++) idx[i] = borderIndex(i - r, n, mode);
  for (let l = 0; l < lines; l++) {
    for (let ch = 0; ch < C; ch++) {
      const base = (axis === 1 ? l * W * C : l * C) + ch;
      if (M) {
        for (let i = 0; i < n; i++) line[i] = d[base + i * step]!;
        for (let i = 0; i < n; i++) {
          let s = 0;
          const o = i * n;
          for (let j = 0; j < n; j++) s += M[o + j]! * line[j]!;
          out[base + i * step] = f32 ? Math.fround(s) : s;
        }
        continue;
      }
      for (let i = 0; i < n + 2 * r; i++) line[i] = d[base + idx[i]! * step]!;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < w.length; k++) s += w[k]! * line[i + k]!;
        out[base + i * step] = f32 ? Math.fround(s) : s;
      }
    }
  }
  return { data: out, width: W, height: H, c: C };
}

/** skimage.filters.gaussian / scipy.ndimage.gaussian_filter over x and y (not across channels). */
export function gaussianFilter(src: FImg, sigma: number, mode: Border = 'nearest', truncate = 4, f32 = false): FImg {
  if (!(sigma > 0)) return { ...src, data: src.data.slice() };
  const w = gaussianWeights(sigma, truncate);
  return correlate1d(correlate1d(src, w, 0, mode, f32), w, 1, mode, f32);
}

/**
 * cv2.filter2D(src, -1, k) on each channel: correlation with a square odd kernel anchored at its
 * centre, BORDER_REFLECT_101.
 */
export function filter2D(src: FImg, k: Float64Array, ks: number): FImg {
  const { width: W, height: H, c: C, data: d } = src;
  const out = new Float64Array(d.length);
  const r = (ks - 1) >> 1;
  const xi = new Int32Array(W + 2 * r);
  for (let i = 0; i < W + 2 * r; i++) xi[i] = borderIndex(i - r, W, 'mirror');
  const tk: number[] = [];
  const ty: number[] = [];
  const tx: number[] = [];
  for (let j = 0; j < ks * ks; j++) {
    if (k[j] === 0) continue;
    tk.push(k[j]!);
    ty.push((j / ks) | 0);
    tx.push(j % ks);
  }
  const T = tk.length;
  const rows = new Int32Array(ks);
  const acc = new Float64Array(C);
  for (let y = 0; y < H; y++) {
    for (let j = 0; j < ks; j++) rows[j] = borderIndex(y + j - r, H, 'mirror') * W;
    for (let x = 0; x < W; x++) {
      acc.fill(0);
      for (let t = 0; t < T; t++) {
        const kv = tk[t]!;
        const o = (rows[ty[t]!]! + xi[x + tx[t]!]!) * C;
        for (let ch = 0; ch < C; ch++) acc[ch] += kv * d[o + ch]!;
      }
      for (let ch = 0; ch < C; ch++) out[(y * W + x) * C + ch] = acc[ch]!;
    }
  }
  return { data: out, width: W, height: H, c: C };
}

/** OpenCV's getGaussianKernel(n, sigma) for sigma > 0, as float32 values (what GaussianBlur uses on float32). */
export function cvGaussianKernel(n: number, sigma: number): Float64Array {
  const k = new Float64Array(n);
  const s2 = -0.5 / (sigma * sigma);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = i - (n - 1) * 0.5;
    k[i] = Math.exp(s2 * x * x);
    sum += k[i]!;
  }
  for (let i = 0; i < n; i++) k[i] = Math.fround(k[i]! / sum);
  return k;
}

/**
 * scipy.ndimage.zoom(a, (z, z, 1), order=1) of the centred crop the reference's `clipped_zoom` takes,
 * trimmed back to H×W (generalised to non-square images). `f32`: the array is float32 (zoom blur).
 */
export function clippedZoom(src: FImg, z: number, f32: boolean): FImg {
  const { width: W, height: H, c: C, data: d } = src;
  const ch = Math.ceil(H / z);
  const cw = Math.ceil(W / z);
  const top = Math.floor((H - ch) / 2);
  const left = Math.floor((W - cw) / 2);
  const oh = roundHalfEven(ch * z);
  const ow = roundHalfEven(cw * z);
  const trimTop = Math.floor((oh - H) / 2);
  const trimLeft = Math.floor((ow - W) / 2);
  const fy = oh > 1 ? (ch - 1) / (oh - 1) : 0;
  const fx = ow > 1 ? (cw - 1) / (ow - 1) : 0;
  const out = new Float64Array(W * H * C);
  const x0s = new Int32Array(W);
  const x1s = new Int32Array(W);
  const wxs = new Float64Array(W);
  for (let x = 0; x < W; x++) {
    const sx = (x + trimLeft) * fx;
    const i0 = Math.floor(sx);
    x0s[x] = left + Math.min(i0, cw - 1);
    x1s[x] = left + Math.min(i0 + 1, cw - 1);
    wxs[x] = sx - i0;
  }
  for (let y = 0; y < H; y++) {
    const sy = (y + trimTop) * fy;
    const j0 = Math.floor(sy);
    const wy = sy - j0;
    const r0 = (top + Math.min(j0, ch - 1)) * W;
    const r1 = (top + Math.min(j0 + 1, ch - 1)) * W;
    for (let x = 0; x < W; x++) {
      const wx = wxs[x]!;
      const a = (r0 + x0s[x]!) * C;
      const b = (r0 + x1s[x]!) * C;
      const e = (r1 + x0s[x]!) * C;
      const f = (r1 + x1s[x]!) * C;
      for (let k = 0; k < C; k++) {
        const v = (1 - wy) * ((1 - wx) * d[a + k]! + wx * d[b + k]!) + wy * ((1 - wx) * d[e + k]! + wx * d[f + k]!);
        out[(y * W + x) * C + k] = f32 ? Math.fround(v) : v;
      }
    }
  }
  return { data: out, width: W, height: H, c: C };
}

/** Python's round(): half to even. */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * PIL's resize with the BOX filter on a u8 image (Pillow 9 fixed-point resampling: 22-bit coefficients,
 * horizontal pass then vertical, each rounded to u8). `C` = channels (all resampled).
 */
export function resizeBoxU8(d: Uint8Array, W: number, H: number, C: number, ow: number, oh: number): Uint8Array {
  let cur = d;
  let cw = W;
  if (ow !== W) {
    cur = resamplePass(cur, W, H, C, ow, true);
    cw = ow;
  }
  if (oh !== H) cur = resamplePass(cur, cw, H, C, oh, false);
  return cur === d ? d.slice() : cur;
}

const PRECISION = 22;

function boxCoeffs(inSize: number, outSize: number): { bounds: Int32Array; kk: Int32Array; ksize: number } {
  const scale = inSize / outSize;
  const filterscale = Math.max(scale, 1);
  const support = 0.5 * filterscale;
  const ksize = Math.ceil(support) * 2 + 1;
  const kk = new Int32Array(outSize * ksize);
  const bounds = new Int32Array(outSize * 2);
  const k = new Float64Array(ksize);
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    let ww = 0;
    const ss = 1 / filterscale;
    let xmin = Math.trunc(center - support + 0.5);
    if (xmin < 0) xmin = 0;
    let xmax = Math.trunc(center + support + 0.5);
    if (xmax > inSize) xmax = inSize;
    xmax -= xmin;
    for (let x = 0; x < xmax; x++) {
      const t = (x + xmin - center + 0.5) * ss;
      const w = t > -0.5 && t <= 0.5 ? 1 : 0;
      k[x] = w;
      ww += w;
    }
    for (let x = 0; x < xmax; x++) {
      const v = ww !== 0 ? k[x]! / ww : k[x]!;
      kk[xx * ksize + x] = Math.trunc(v < 0 ? v * (1 << PRECISION) - 0.5 : v * (1 << PRECISION) + 0.5);
    }
    bounds[xx * 2] = xmin;
    bounds[xx * 2 + 1] = xmax;
  }
  return { bounds, kk, ksize };
}

function resamplePass(d: Uint8Array, W: number, H: number, C: number, n: number, horizontal: boolean): Uint8Array {
  const { bounds, kk, ksize } = boxCoeffs(horizontal ? W : H, n);
  const ow = horizontal ? n : W;
  const oh = horizontal ? H : n;
  const out = new Uint8Array(ow * oh * C);
  const half = 1 << (PRECISION - 1);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      const o = horizontal ? x : y;
      const xmin = bounds[o * 2]!;
      const xmax = bounds[o * 2 + 1]!;
      for (let c = 0; c < C; c++) {
        let ss = half;
        for (let i = 0; i < xmax; i++) {
          const v = horizontal ? d[(y * W + xmin + i) * C + c]! : d[((xmin + i) * W + x) * C + c]!;
          ss += v * kk[o * ksize + i]!;
        }
        const r = Math.floor(ss / (1 << PRECISION));
        out[(y * ow + x) * C + c] = r < 0 ? 0 : r > 255 ? 255 : r;
      }
    }
  }
  return out;
}

/**
 * ImageMagick 6's MotionBlurImage on a u8 image (Q16, edge virtual pixels): a one-sided Gaussian of
 * width 2·ceil(radius)+1 along `angle` degrees, each output rounded to the 16-bit quantum and then
 * truncated to 8 bits (what Debian's ImageMagick 6.9.11 Q16 gives through Wand's PNG blob; pixel-exact).
 */
export function motionBlurU8(d: Uint8Array, W: number, H: number, C: number, radius: number, sigma: number, angle: number): Uint8Array {
  const width = radius > 1e-12 ? 2 * Math.ceil(radius) + 1 : 3;
  const k = new Float64Array(width);
  let norm = 0;
  const sg = Math.max(sigma, 1e-12);
  for (let i = 0; i < width; i++) {
    k[i] = Math.exp(-(i * i) / (2 * sg * sg)) / (Math.sqrt(2 * Math.PI) * sg);
    norm += k[i]!;
  }
  for (let i = 0; i < width; i++) k[i]! /= norm;
  const rad = (angle * Math.PI) / 180;
  const px = width * Math.sin(rad);
  const py = width * Math.cos(rad);
  const hyp = Math.hypot(px, py);
  const ox = new Int32Array(width);
  const oy = new Int32Array(width);
  for (let i = 0; i < width; i++) {
    ox[i] = Math.ceil((i * py) / hyp - 0.5);
    oy[i] = Math.ceil((i * px) / hyp - 0.5);
  }
  const out = new Uint8Array(d.length);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      for (let c = 0; c < C; c++) {
        let s = 0;
        for (let i = 0; i < width; i++) {
          let sx = x + ox[i]!;
          let sy = y + oy[i]!;
          sx = sx < 0 ? 0 : sx >= W ? W - 1 : sx;
          sy = sy < 0 ? 0 : sy >= H ? H - 1 : sy;
          s += k[i]! * d[(sy * W + sx) * C + c]! * 257;
        }
        const q = s <= 0 ? 0 : s >= 65535 ? 65535 : Math.floor(s + 0.5);
        out[(y * W + x) * C + c] = Math.floor(q / 257);
      }
    }
  }
  return out;
}
