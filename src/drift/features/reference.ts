/**
 * Pure TypeScript reference of the image features: the same definitions as the WASM kernel
 * (src/kernels/assembly/features.ts), written plainly (float luma, two-pass means and variances,
 * explicit Laplacian/Sobel images) so it can check the kernel. Slow; for tests and tools.
 */
import type { RawImage } from '../../types.js';
import {
  IMAGE_FEATURE_NAMES, resolveEdgeThreshold, validateFeatureImage,
  type FeatureOptions, type ImageFeatureName, type ImageFeatures,
} from './names.js';

function meanStd(a: Float64Array): [number, number] {
  if (a.length === 0) return [0, 0];
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  const m = s / a.length;
  let v = 0;
  for (let i = 0; i < a.length; i++) { const d = a[i] - m; v += d * d; }
  return [m, Math.sqrt(v / a.length)];
}

/**
 * Computes every image feature in plain TypeScript.
 *
 * @example
 * ```ts
 * const f = extractFeaturesReference({ data, width: 4, height: 4, channels: 4 });
 * f.scalars.brightness;
 * ```
 * @throws {EdgeAugmentError} `INVALID_IMAGE` / `IMAGE_TOO_LARGE` for a bad image,
 *   `INVALID_ARGUMENT` for a bad edge threshold.
 */
export function extractFeaturesReference(image: RawImage, options?: FeatureOptions): ImageFeatures {
  validateFeatureImage(image);
  const threshold = resolveEdgeThreshold(options);
  const { data, width: w, height: h, channels: c } = image;
  const n = w * h;
  // Luma: exact 1000·Y as an integer, and Y as a float.
  const y1000 = new Int32Array(n);
  const Y = new Float64Array(n);
  const H = new Float64Array(n), S = new Float64Array(n), V = new Float64Array(n);
  const rg = new Float64Array(n), yb = new Float64Array(n);
  const hists = c === 1 ? [new Uint32Array(256)] : [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  const lumaHist = new Uint32Array(256);
  for (let i = 0; i < n; i++) {
    const p = i * c;
    if (c === 1) {
      const v = data[p];
      hists[0][v]++;
      y1000[i] = 1000 * v;
      Y[i] = v;
      V[i] = v / 255;
    } else {
      const r = data[p], g = data[p + 1], b = data[p + 2];
      hists[0][r]++; hists[1][g]++; hists[2][b]++;
      y1000[i] = 299 * r + 587 * g + 114 * b;
      Y[i] = 0.299 * r + 0.587 * g + 0.114 * b;
      const mx = Math.max(r, g, b), mn = Math.min(r, g, b), d = mx - mn;
      V[i] = mx / 255;
      S[i] = d === 0 ? 0 : d / mx;
      if (d !== 0) {
        // skimage assigns red, then green, then blue: the last sector that holds the max wins (on a
        // tie both sectors give the same hue in exact arithmetic; the order only picks the rounding).
        let x: number;
        if (b === mx) x = 4 + (r - g) / d;
        else if (g === mx) x = 2 + (b - r) / d;
        else x = (g - b) / d;
        const t = x / 6;
        H[i] = t < 0 ? t + 1 : t;
      }
      rg[i] = r - g;
      yb[i] = 0.5 * (r + g) - b;
    }
    lumaHist[Math.floor((y1000[i] + 500) / 1000)]++;
  }
  const [brightness, contrast] = meanStd(Y);
  const [hueMean, hueStd] = meanStd(H);
  const [satMean, satStd] = meanStd(S);
  const [valMean, valStd] = meanStd(V);
  let colorfulness = 0;
  if (c !== 1) {
    const [mrg, srg] = meanStd(rg);
    const [myb, syb] = meanStd(yb);
    colorfulness = Math.sqrt(srg * srg + syb * syb) + 0.3 * Math.sqrt(mrg * mrg + myb * myb);
  }
  // Laplacian and Sobel over interior pixels only.
  let sharpness = 0, edgeDensity = 0;
  if (w >= 3 && h >= 3) {
    const lap = new Float64Array((w - 2) * (h - 2));
    const thr2 = Math.floor((1000 * threshold) ** 2);
    let edges = 0, k = 0;
    const at = (x: number, yy: number) => y1000[yy * w + x];
    for (let yy = 1; yy < h - 1; yy++) {
      for (let x = 1; x < w - 1; x++) {
        lap[k++] = (Y[(yy - 1) * w + x] + Y[(yy + 1) * w + x] + Y[yy * w + x - 1] + Y[yy * w + x + 1]) - 4 * Y[yy * w + x];
        // Sobel on exact integer luma, so the threshold test has no rounding.
        const gx = (at(x + 1, yy - 1) + 2 * at(x + 1, yy) + at(x + 1, yy + 1)) - (at(x - 1, yy - 1) + 2 * at(x - 1, yy) + at(x - 1, yy + 1));
        const gy = (at(x - 1, yy + 1) + 2 * at(x, yy + 1) + at(x + 1, yy + 1)) - (at(x - 1, yy - 1) + 2 * at(x, yy - 1) + at(x + 1, yy - 1));
        if (gx * gx + gy * gy > thr2) edges++;
      }
    }
    const sd = meanStd(lap)[1];
    sharpness = sd * sd;
    edgeDensity = edges / lap.length;
  }
  let entropy = 0;
  for (let v = 0; v < 256; v++) {
    if (lumaHist[v]) { const p = lumaHist[v] / n; entropy -= p * Math.log2(p); }
  }
  const values = [brightness, contrast, hueMean, hueStd, satMean, satStd, valMean, valStd,
    colorfulness, sharpness, entropy, edgeDensity, w, h, w / h];
  const scalars = {} as Record<ImageFeatureName, number>;
  IMAGE_FEATURE_NAMES.forEach((name, i) => { scalars[name] = values[i]; });
  return {
    scalars,
    histograms: c === 1 ? { gray: hists[0] } : { r: hists[0], g: hists[1], b: hists[2] },
  };
}
