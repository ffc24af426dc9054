/**
 * The 19 ImageNet-C corruptions, one function each, following the reference
 * `corruptions.py` step by step (its float64/float32 choices, its final `np.uint8` truncation) and
 * generalised to any size with s = min(W, H) / 224. Colour channels only; alpha is copied. A grey
 * (1-channel) image is treated as one colour channel (see the op's TSDoc for what that means per
 * corruption).
 */
import type { Img } from '../core/types.js';
import { C, type CorruptionName } from './table.js';
import { clippedZoom, cvGaussianKernel, filter2D, gaussianFilter, motionBlurU8, resizeBoxU8, roundHalfEven, type FImg } from './kernels.js';
import { PixelRandom, STREAM } from './random.js';
import { frostTexture } from './frost.js';
import { blur3f, blur3u8, canny, distanceTransform5, emboss, equalizeHist } from './spatter.js';
import { elastic } from './elastic.js';
import { jpegRoundTrip } from './libjpeg.js';

const f32 = Math.fround;

/** Colour channels of `img` as floats v·k (k = 1/255 by default). */
function toF(img: Img, k = 1 / 255, asF32 = false): FImg {
  const cc = img.channels === 4 ? 3 : img.channels;
  const n = img.width * img.height;
  const out = new Float64Array(n * cc);
  const d = img.data;
  for (let p = 0; p < n; p++) {
    for (let c = 0; c < cc; c++) {
      const v = d[p * img.channels + c]! * k;
      out[p * cc + c] = asF32 ? f32(v) : v;
    }
  }
  return { data: out, width: img.width, height: img.height, c: cc };
}

/** np.uint8(np.clip(x, 0, hi) · (255 / hi)): truncation, as the reference's final cast; alpha from `src`. */
function toU8(src: Img, f: FImg, hi = 1, asF32 = false): Img {
  const out = new Uint8Array(src.data.length);
  const C4 = src.channels;
  const cc = f.c;
  const n = src.width * src.height;
  const k = 255 / hi;
  for (let p = 0; p < n; p++) {
    for (let c = 0; c < cc; c++) {
      let v = f.data[p * cc + c]!;
      v = v > hi ? hi : v > 0 ? v : 0; // NaN → 0
      const w = hi === 1 ? (asF32 ? f32(v * 255) : v * 255) : v * k;
      out[p * C4 + c] = w >= 255 ? 255 : Math.trunc(w);
    }
    if (C4 === 4) out[p * 4 + 3] = src.data[p * 4 + 3]!;
  }
  return { ...src, data: out };
}

/** Colour channels of a u8 image packed (alpha dropped), and back. */
function colourU8(img: Img): Uint8Array {
  if (img.channels !== 4) return img.data;
  const n = img.width * img.height;
  const out = new Uint8Array(n * 3);
  for (let p = 0; p < n; p++) {
    out[p * 3] = img.data[p * 4]!;
    out[p * 3 + 1] = img.data[p * 4 + 1]!;
    out[p * 3 + 2] = img.data[p * 4 + 2]!;
  }
  return out;
}

function withAlpha(src: Img, col: Uint8Array): Img {
  if (src.channels !== 4) return { ...src, data: col };
  const n = src.width * src.height;
  const out = new Uint8Array(n * 4);
  for (let p = 0; p < n; p++) {
    out[p * 4] = col[p * 3]!;
    out[p * 4 + 1] = col[p * 3 + 1]!;
    out[p * 4 + 2] = col[p * 3 + 2]!;
    out[p * 4 + 3] = src.data[p * 4 + 3]!;
  }
  return { ...src, data: out };
}

/** The size factor: pixel-unit constants of the reference are for 224×224. */
export function sizeScale(img: { width: number; height: number }): number {
  return Math.min(img.width, img.height) / 224;
}

// ---------------------------------------------------------------------------------------------- noise
function gaussianNoise(img: Img, sev: number, seed: number): Img {
  const c = C.gaussian_noise[sev - 1]!;
  const x = toF(img);
  const z = new PixelRandom(seed, STREAM.noise).normals(x.data.length);
  for (let i = 0; i < x.data.length; i++) x.data[i] = x.data[i]! + c * z[i]!;
  return toU8(img, x);
}

function shotNoise(img: Img, sev: number, seed: number): Img {
  const c = C.shot_noise[sev - 1]!;
  const x = toF(img);
  const r = new PixelRandom(seed, STREAM.noise);
  const eNeg = new Float64Array(256);
  for (let v = 0; v < 256; v++) eNeg[v] = Math.exp(-(v / 255) * c);
  const cc = x.c;
  const d = img.data;
  for (let i = 0; i < x.data.length; i++) {
    const lam = x.data[i]! * c;
    const v = d[Math.floor(i / cc) * img.channels + (i % cc)]!;
    const u = r.at(i);
    let p = eNeg[v]!;
    let F = p;
    let k = 0;
    const kMax = lam + 40 * Math.sqrt(lam) + 40;
    while (u > F && k < kMax) {
      k++;
      p *= lam / k;
      F += p;
    }
    x.data[i] = k / c;
  }
  return toU8(img, x);
}

function impulseNoise(img: Img, sev: number, seed: number): Img {
  const amount = C.impulse_noise[sev - 1]!;
  const x = toF(img);
  const r1 = new PixelRandom(seed, STREAM.noise);
  const r2 = new PixelRandom(seed, STREAM.noise2);
  for (let i = 0; i < x.data.length; i++) {
    if (r1.at(i) <= amount) x.data[i] = r2.at(i) <= 0.5 ? 1 : 0;
  }
  return toU8(img, x);
}

function speckleNoise(img: Img, sev: number, seed: number): Img {
  const c = C.speckle_noise[sev - 1]!;
  const x = toF(img);
  const z = new PixelRandom(seed, STREAM.noise).normals(x.data.length);
  for (let i = 0; i < x.data.length; i++) x.data[i] = x.data[i]! + x.data[i]! * c * z[i]!;
  return toU8(img, x);
}

// ---------------------------------------------------------------------------------------------- blur
function gaussianBlur(img: Img, sev: number): Img {
  return toU8(img, gaussianFilter(toF(img), C.gaussian_blur[sev - 1]! * sizeScale(img)));
}

function glassBlur(img: Img, sev: number, seed: number): Img {
  const s = sizeScale(img);
  const [sigma0, delta0, iterations] = C.glass_blur[sev - 1]!;
  const sigma = sigma0 * s;
  const d = Math.max(1, roundHalfEven(delta0 * s));
  const g = gaussianFilter(toF(img), sigma);
  const cc = g.c;
  const W = img.width;
  const H = img.height;
  const u = new Uint8Array(g.data.length);
  for (let i = 0; i < u.length; i++) u[i] = Math.trunc(g.data[i]! * 255);
  // The reference's "swap" `x[h, w], x[h', w'] = x[h', w'], x[h, w]` assigns numpy views: it copies
  // x[h', w'] into x[h, w] and leaves x[h', w'] as it was. Reproduced as such.
  const r = new PixelRandom(seed, STREAM.glass);
  let k = 0;
  for (let it = 0; it < iterations; it++) {
    for (let h = H - d; h > d; h--) {
      for (let w = W - d; w > d; w--) {
        const dx = -d + Math.min(2 * d - 1, Math.floor(r.at(k++) * 2 * d));
        const dy = -d + Math.min(2 * d - 1, Math.floor(r.at(k++) * 2 * d));
        const a = (h * W + w) * cc;
        const b = ((h + dy) * W + w + dx) * cc;
        for (let c = 0; c < cc; c++) u[a + c] = u[b + c]!;
      }
    }
  }
  const f = new Float64Array(u.length);
  for (let i = 0; i < u.length; i++) f[i] = u[i]! / 255;
  return toU8(img, gaussianFilter({ data: f, width: W, height: H, c: cc }, sigma));
}

/** The reference's `disk(radius, alias_blur)`: a normalised float32 disk smoothed by cv2.GaussianBlur. */
export function diskKernel(radius: number, aliasBlur: number): { k: Float64Array; size: number } {
  const R = radius <= 8 ? 8 : Math.ceil(radius);
  const ks = radius <= 8 ? 3 : 5;
  const n = 2 * R + 1;
  const disk = new Float64Array(n * n);
  let sum = 0;
  for (let y = -R; y <= R; y++) {
    for (let x = -R; x <= R; x++) {
      const v = x * x + y * y <= radius * radius ? 1 : 0;
      disk[(y + R) * n + x + R] = v;
      sum += v;
    }
  }
  const s32 = f32(sum);
  for (let i = 0; i < disk.length; i++) disk[i] = f32(disk[i]! / s32);
  // cv2.GaussianBlur(disk, (ks, ks), aliasBlur): separable float32, BORDER_REFLECT_101.
  const g = cvGaussianKernel(ks, aliasBlur);
  const tmp = new Float64Array(n * n);
  const out = new Float64Array(n * n);
  const r = (ks - 1) >> 1;
  const mir = (i: number): number => (i < 0 ? -i : i >= n ? 2 * n - 2 - i : i);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      let s = 0;
      for (let t = -r; t <= r; t++) s = f32(s + f32(g[t + r]! * disk[y * n + mir(x + t)]!));
      tmp[y * n + x] = s;
    }
  }
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      let s = 0;
      for (let t = -r; t <= r; t++) s = f32(s + f32(g[t + r]! * tmp[mir(y + t) * n + x]!));
      out[y * n + x] = s;
    }
  }
  return { k: out, size: n };
}

function defocusBlur(img: Img, sev: number): Img {
  const s = sizeScale(img);
  const [radius, alias] = C.defocus_blur[sev - 1]!;
  const { k, size } = diskKernel(radius * s, alias * s);
  return toU8(img, filter2D(toF(img), k, size));
}

function motionBlur(img: Img, sev: number, seed: number): Img {
  const s = sizeScale(img);
  const [radius, sigma] = C.motion_blur[sev - 1]!;
  const angle = new PixelRandom(seed, STREAM.param).uniform(-45, 45);
  const cc = img.channels === 4 ? 3 : img.channels;
  return withAlpha(img, motionBlurU8(colourU8(img), img.width, img.height, cc, radius * s, sigma * s, angle));
}

/** The zoom factors np.arange(1, stop, step). */
export function arange(start: number, stop: number, step: number): number[] {
  const n = Math.max(0, Math.ceil((stop - start) / step));
  return Array.from({ length: n }, (_, i) => start + i * step);
}

function zoomBlur(img: Img, sev: number): Img {
  const [stop, step] = C.zoom_blur[sev - 1]!;
  const zs = arange(1, stop, step);
  const x = toF(img, 1 / 255, true);
  const acc = new Float64Array(x.data.length);
  for (const z of zs) {
    const zz = clippedZoom(x, z, true).data;
    for (let i = 0; i < acc.length; i++) acc[i] = f32(acc[i]! + zz[i]!);
  }
  const n = zs.length + 1;
  for (let i = 0; i < acc.length; i++) acc[i] = f32(f32(x.data[i]! + acc[i]!) / n);
  return toU8(img, { ...x, data: acc }, 1, true);
}

// ---------------------------------------------------------------------------------------------- weather
function snow(img: Img, sev: number, seed: number): Img {
  const s = sizeScale(img);
  const [loc, scale, zoom, thr, mRadius, mSigma, blend] = C.snow[sev - 1]!;
  const W = img.width;
  const H = img.height;
  const layer = new PixelRandom(seed, STREAM.layer).normals(W * H);
  for (let i = 0; i < W * H; i++) layer[i] = loc + scale * layer[i]!;
  const z = clippedZoom({ data: layer, width: W, height: H, c: 1 }, Math.max(1, zoom * s), false).data;
  const u = new Uint8Array(W * H);
  for (let i = 0; i < W * H; i++) {
    const v = z[i]! < thr ? 0 : Math.min(1, Math.max(0, z[i]!));
    u[i] = Math.trunc(v * 255);
  }
  const angle = new PixelRandom(seed, STREAM.param).uniform(-135, -45);
  const blurred = motionBlurU8(u, W, H, 1, mRadius * s, mSigma * s, angle);
  const x = toF(img, 1 / 255, true);
  const cc = x.c;
  const xd = x.data;
  const bl = f32(blend);
  const ibl = f32(1 - blend);
  for (let p = 0; p < W * H; p++) {
    const grey = cc === 3 ? f32(f32(f32(xd[p * 3]! * f32(0.299)) + f32(xd[p * 3 + 1]! * f32(0.587))) + f32(xd[p * 3 + 2]! * f32(0.114))) : xd[p]!;
    const g = f32(f32(grey * 1.5) + 0.5);
    const sn = blurred[p]! / 255 + blurred[W * H - 1 - p]! / 255;
    for (let c = 0; c < cc; c++) {
      const v = xd[p * cc + c]!;
      const mixed = f32(f32(bl * v) + f32(ibl * (v > g ? v : g)));
      xd[p * cc + c] = mixed + sn;
    }
  }
  return toU8(img, x);
}

function frost(img: Img, sev: number, seed: number): Img {
  const s = sizeScale(img);
  const [a, b] = C.frost[sev - 1]!;
  const r = new PixelRandom(seed, STREAM.param);
  const idx = r.randint(0, 5);
  const oy = r.randint(0, 1024);
  const ox = r.randint(0, 1024);
  const W = img.width;
  const H = img.height;
  const t = frostTexture(idx, H, W, oy, ox, s);
  const x = toF(img, 1);
  const cc = x.c;
  for (let p = 0; p < W * H; p++) {
    if (cc === 3) {
      for (let c = 0; c < 3; c++) x.data[p * 3 + c] = a * x.data[p * 3 + c]! + b * t[p * 3 + c]!;
    } else {
      x.data[p] = a * x.data[p]! + b * (0.299 * t[p * 3]! + 0.587 * t[p * 3 + 1]! + 0.114 * t[p * 3 + 2]!);
    }
  }
  return toU8(img, x, 255);
}

/** The side of the plasma map: the next power of two ≥ max(H, W)/s (256 at 224×224). */
export function plasmaSize(H: number, W: number, s: number): number {
  let m = 1;
  const need = Math.ceil(Math.max(H, W) / s - 1e-9);
  while (m < need) m *= 2;
  return Math.max(m, 2);
}

/** The reference's diamond-square `plasma_fractal(mapsize, wibbledecay)` (numpy roll semantics), in [0, 1]. */
export function plasmaFractal(M: number, decay: number, r: PixelRandom): Float64Array {
  const map = new Float64Array(M * M);
  let step = M;
  let wibble = 100;
  let k = 0;
  const wm = (v: number): number => v / 4 + wibble * (-wibble + 2 * wibble * r.at(k++));
  while (step >= 2) {
    const n = M / step;
    const half = step >> 1;
    // squares: centre = mean of 4 corners (cyclic) + wibble
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const i1 = (i + 1) % n, j1 = (j + 1) % n;
        const sum = map[i * step * M + j * step]! + map[i1 * step * M + j * step]! + (map[i * step * M + j1 * step]! + map[i1 * step * M + j1 * step]!);
        map[(i * step + half) * M + j * step + half] = wm(sum);
      }
    }
    // diamonds
    const dr = (i: number, j: number): number => map[(((i + n) % n) * step + half) * M + ((j + n) % n) * step + half]!;
    const ul = (i: number, j: number): number => map[((i + n) % n) * step * M + ((j + n) % n) * step]!;
    const lt = new Float64Array(n * n);
    const tt = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        lt[i * n + j] = dr(i, j) + dr(i - 1, j) + (ul(i, j) + ul(i, j + 1));
        tt[i * n + j] = dr(i, j) + dr(i, j - 1) + (ul(i, j) + ul(i + 1, j));
      }
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) map[i * step * M + j * step + half] = wm(lt[i * n + j]!);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) map[(i * step + half) * M + j * step] = wm(tt[i * n + j]!);
    step >>= 1;
    wibble /= decay;
  }
  let min = Infinity;
  for (let i = 0; i < map.length; i++) if (map[i]! < min) min = map[i]!;
  let max = -Infinity;
  for (let i = 0; i < map.length; i++) {
    map[i] = map[i]! - min;
    if (map[i]! > max) max = map[i]!;
  }
  for (let i = 0; i < map.length; i++) map[i] = map[i]! / max;
  return map;
}

function fog(img: Img, sev: number, seed: number): Img {
  const s = sizeScale(img);
  const [strength, decay] = C.fog[sev - 1]!;
  const x = toF(img);
  const W = img.width;
  const H = img.height;
  let maxVal = 0;
  for (let i = 0; i < x.data.length; i++) if (x.data[i]! > maxVal) maxVal = x.data[i]!;
  const M = plasmaSize(H, W, s);
  const pl = plasmaFractal(M, decay, new PixelRandom(seed, STREAM.plasma));
  const cc = x.c;
  const den = maxVal + strength;
  for (let y = 0; y < H; y++) {
    for (let xx = 0; xx < W; xx++) {
      let v: number;
      if (s === 1) v = pl[y * M + xx]!;
      else {
        const py = Math.min(y / s, M - 1);
        const px = Math.min(xx / s, M - 1);
        const y0 = Math.floor(py), x0 = Math.floor(px);
        const y1 = Math.min(y0 + 1, M - 1), x1 = Math.min(x0 + 1, M - 1);
        const ty = py - y0, tx = px - x0;
        v = (1 - ty) * ((1 - tx) * pl[y0 * M + x0]! + tx * pl[y0 * M + x1]!) + ty * ((1 - tx) * pl[y1 * M + x0]! + tx * pl[y1 * M + x1]!);
      }
      const p = (y * W + xx) * cc;
      for (let c = 0; c < cc; c++) x.data[p + c] = ((x.data[p + c]! + strength * v) * maxVal) / den;
    }
  }
  return toU8(img, x);
}

function spatter(img: Img, sev: number, seed: number): Img {
  const [loc, scale] = C.spatter[sev - 1]!;
  const n = img.width * img.height;
  const raw = new PixelRandom(seed, STREAM.layer).normals(n);
  for (let i = 0; i < n; i++) raw[i] = loc + scale * raw[i]!;
  return spatterFrom(img, sev, raw);
}

/** Spatter from its raw liquid layer (normal(loc, scale) per pixel): exported to test against numpy's draws. */
export function spatterFrom(img: Img, sev: number, raw: Float64Array): Img {
  const s = sizeScale(img);
  const [, , sigma, thr, c4, mode] = C.spatter[sev - 1]!;
  const W = img.width;
  const H = img.height;
  const n = W * H;
  const liquid = gaussianFilter({ data: raw, width: W, height: H, c: 1 }, sigma * s).data;
  for (let i = 0; i < n; i++) if (liquid[i]! < thr) liquid[i] = 0;
  const x = toF(img, 1 / 255, true);
  const cc = x.c;
  if (mode === 0) {
    const lu = new Uint8Array(n);
    for (let i = 0; i < n; i++) lu[i] = Math.min(255, Math.trunc(liquid[i]! * 255));
    const edges = canny(lu, W, H, 50, 150);
    for (let i = 0; i < n; i++) edges[i] = 255 - edges[i]!;
    const dist = distanceTransform5(edges, W, H);
    for (let i = 0; i < n; i++) if (dist[i]! > 20) dist[i] = 20;
    const b = blur3f(dist, W, H);
    const du = new Uint8Array(n);
    for (let i = 0; i < n; i++) du[i] = Math.trunc(b[i]!);
    const d2 = blur3u8(emboss(equalizeHist(du), W, H), W, H);
    const m = new Float32Array(n);
    let max = 0;
    for (let i = 0; i < n; i++) {
      m[i] = lu[i]! * d2[i]!;
      if (m[i]! > max) max = m[i]!;
    }
    const col = cc === 3 ? [175 / 255, 238 / 255, 238 / 255] : [(0.299 * 175 + 0.587 * 238 + 0.114 * 238) / 255];
    for (let i = 0; i < n; i++) {
      const mi = f32(f32(m[i]! / max) * f32(c4));
      for (let c = 0; c < cc; c++) {
        const v = f32(x.data[i * cc + c]! + f32(mi * f32(col[c]!)));
        x.data[i * cc + c] = v;
      }
    }
    return toU8(img, x, 1, true);
  }
  const mk = new Float64Array(n);
  for (let i = 0; i < n; i++) mk[i] = liquid[i]! > thr ? 1 : 0;
  const m = gaussianFilter({ data: mk, width: W, height: H, c: 1 }, c4 * s, 'nearest', 4, true).data;
  const col = cc === 3 ? [63 / 255, 42 / 255, 20 / 255] : [(0.299 * 63 + 0.587 * 42 + 0.114 * 20) / 255];
  for (let i = 0; i < n; i++) {
    const mi = m[i]! < 0.8 ? 0 : m[i]!;
    for (let c = 0; c < cc; c++) x.data[i * cc + c] = f32(f32(x.data[i * cc + c]! * f32(1 - mi)) + f32(f32(col[c]!) * mi));
  }
  return toU8(img, x, 1, true);
}

// ---------------------------------------------------------------------------------------------- digital
function contrast(img: Img, sev: number): Img {
  const c = C.contrast[sev - 1]!;
  const x = toF(img);
  const cc = x.c;
  const n = img.width * img.height;
  for (let ch = 0; ch < cc; ch++) {
    let sum = 0;
    for (let p = 0; p < n; p++) sum += x.data[p * cc + ch]!;
    const mean = sum / n;
    for (let p = 0; p < n; p++) x.data[p * cc + ch] = (x.data[p * cc + ch]! - mean) * c + mean;
  }
  return toU8(img, x);
}

/** skimage rgb2hsv → f → hsv2rgb on one pixel (float64), written into `o`. */
function hsvAdjust(r: number, g: number, b: number, f: (hsv: number[]) => void, o: number[]): void {
  const v = Math.max(r, g, b);
  const delta = v - Math.min(r, g, b);
  const sat = delta === 0 ? 0 : delta / v;
  let h = 0;
  if (delta !== 0) {
    if (b === v) h = 4 + (r - g) / delta;
    else if (g === v) h = 2 + (b - r) / delta;
    else h = (g - b) / delta;
    h = h / 6;
    h = h - Math.floor(h);
  }
  const hsv = [h, sat, v];
  f(hsv);
  const [H, S, V] = hsv as [number, number, number];
  const hi = Math.floor(H * 6);
  const fr = H * 6 - hi;
  const p = V * (1 - S);
  const q = V * (1 - fr * S);
  const t = V * (1 - (1 - fr) * S);
  switch (((hi % 6) + 6) % 6) {
    case 0: o[0] = V; o[1] = t; o[2] = p; break;
    case 1: o[0] = q; o[1] = V; o[2] = p; break;
    case 2: o[0] = p; o[1] = V; o[2] = t; break;
    case 3: o[0] = p; o[1] = q; o[2] = V; break;
    case 4: o[0] = t; o[1] = p; o[2] = V; break;
    default: o[0] = V; o[1] = p; o[2] = q;
  }
}

function hsvOp(img: Img, f: (hsv: number[]) => void, grey: (v: number) => number): Img {
  const x = toF(img);
  const o = [0, 0, 0];
  if (x.c === 1) {
    for (let i = 0; i < x.data.length; i++) x.data[i] = grey(x.data[i]!);
    return toU8(img, x);
  }
  for (let i = 0; i < x.data.length; i += 3) {
    hsvAdjust(x.data[i]!, x.data[i + 1]!, x.data[i + 2]!, f, o);
    x.data[i] = o[0]!;
    x.data[i + 1] = o[1]!;
    x.data[i + 2] = o[2]!;
  }
  return toU8(img, x);
}

function brightness(img: Img, sev: number): Img {
  const c = C.brightness[sev - 1]!;
  const clip = (v: number): number => Math.min(1, Math.max(0, v));
  return hsvOp(img, (hsv) => { hsv[2] = clip(hsv[2]! + c); }, (v) => clip(v + c));
}

function saturate(img: Img, sev: number): Img {
  const [a, b] = C.saturate[sev - 1]!;
  return hsvOp(img, (hsv) => { hsv[1] = Math.min(1, Math.max(0, hsv[1]! * a + b)); }, (v) => v);
}

function pixelate(img: Img, sev: number): Img {
  const c = C.pixelate[sev - 1]!;
  const W = img.width;
  const H = img.height;
  const cc = img.channels === 4 ? 3 : img.channels;
  const col = colourU8(img);
  const sw = Math.max(1, Math.trunc(W * c));
  const sh = Math.max(1, Math.trunc(H * c));
  const small = resizeBoxU8(col, W, H, cc, sw, sh);
  return withAlpha(img, resizeBoxU8(small, sw, sh, cc, W, H));
}

function elasticTransform(img: Img, sev: number, seed: number): Img {
  const s = sizeScale(img);
  const [alpha, sigma, jitter] = C.elastic_transform[sev - 1]!;
  return toU8(img, elastic(toF(img, 1 / 255, true), alpha * s, sigma * s, jitter * s, seed), 1, true);
}

function jpegCompression(img: Img, sev: number): Img {
  const cc = img.channels === 4 ? 3 : img.channels;
  return { ...img, data: jpegRoundTrip(img.data, img.width, img.height, img.channels, cc, C.jpeg_compression[sev - 1]!) };
}

type SyncCorruption = (img: Img, severity: number, seed: number) => Img;

/** Every corruption. */
export const SYNC: Readonly<Record<CorruptionName, SyncCorruption>> = {
  gaussian_noise: gaussianNoise,
  shot_noise: shotNoise,
  impulse_noise: impulseNoise,
  speckle_noise: speckleNoise,
  defocus_blur: defocusBlur,
  glass_blur: glassBlur,
  motion_blur: motionBlur,
  zoom_blur: zoomBlur,
  gaussian_blur: gaussianBlur,
  snow,
  frost,
  fog,
  spatter,
  brightness,
  contrast,
  saturate,
  pixelate,
  elastic_transform: elasticTransform,
  jpeg_compression: jpegCompression,
};
