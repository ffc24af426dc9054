/**
 * Image quality metrics for tests, matching scikit-image 0.19 defaults:
 * `peak_signal_noise_ratio(a, b, data_range=255)` and `structural_similarity(a, b, channel_axis=2,
 * data_range=255)` (7×7 uniform window, sample covariance, K1 0.01, K2 0.03, mean over the image cropped by
 * 3 pixels, averaged over channels). Validated against skimage in test/ops/corrupt.test.ts.
 */

/** PSNR in dB of two u8 arrays of the same length (Infinity when equal). */
export function psnr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    s += d * d;
  }
  const mse = s / a.length;
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

/** Mean SSIM of two interleaved u8 images (W×H×C), skimage's defaults. */
export function ssim(a: ArrayLike<number>, b: ArrayLike<number>, W: number, H: number, C: number): number {
  const win = 7;
  const pad = 3;
  const NP = win * win;
  const covNorm = NP / (NP - 1);
  const C1 = (0.01 * 255) ** 2;
  const C2 = (0.03 * 255) ** 2;
  const W1 = W + 1;
  let total = 0;
  for (let c = 0; c < C; c++) {
    // integral images of x, y, x², y², xy
    const I = [0, 1, 2, 3, 4].map(() => new Float64Array(W1 * (H + 1)));
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const p = a[(y * W + x) * C + c]!;
        const q = b[(y * W + x) * C + c]!;
        const vals = [p, q, p * p, q * q, p * q];
        const o = (y + 1) * W1 + x + 1;
        for (let k = 0; k < 5; k++) I[k]![o] = vals[k]! + I[k]![o - 1]! + I[k]![o - W1]! - I[k]![o - W1 - 1]!;
      }
    }
    let sum = 0;
    let n = 0;
    for (let y = pad; y < H - pad; y++) {
      for (let x = pad; x < W - pad; x++) {
        const y0 = y - pad, y1 = y + pad + 1, x0 = x - pad, x1 = x + pad + 1;
        const box = (k: number): number => (I[k]![y1 * W1 + x1]! - I[k]![y0 * W1 + x1]! - I[k]![y1 * W1 + x0]! + I[k]![y0 * W1 + x0]!) / NP;
        const ux = box(0), uy = box(1);
        const vx = covNorm * (box(2) - ux * ux);
        const vy = covNorm * (box(3) - uy * uy);
        const vxy = covNorm * (box(4) - ux * uy);
        sum += ((2 * ux * uy + C1) * (2 * vxy + C2)) / ((ux * ux + uy * uy + C1) * (vx + vy + C2));
        n++;
      }
    }
    total += sum / n;
  }
  return total / C;
}
