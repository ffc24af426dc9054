/**
 * Our frost textures. The reference blends crops of six frost photographs shipped with
 * hendrycks/robustness whose licence is not stated, so we do not ship them: texture k (0..4, the
 * reference draws randint(5)) is procedural — fractal value noise plus Worley crystal edges at two
 * scales from the SDK's 32-bit counter hash — given the per-channel mean and standard deviation of
 * the reference's frost{k+1} image. Infinite and seed-free: a "crop" is an integer offset. Coordinates
 * are in 224-pixels (image pixel / s), so the crystals scale with the image. The golden generator has a
 * numpy port (test/goldens/ops/corrupt/gen.py `frost_texture`), checked against this file.
 */

/** (mean RGB, std RGB) of the reference's frost1..frost5 (frost2 and frost3 are the same photo). */
const STATS: readonly (readonly [readonly number[], readonly number[]])[] = [
  [[77.7, 149.1, 165.7], [26.9, 16.5, 15.3]],
  [[200.8, 205.4, 214.5], [21.4, 22.1, 22.6]],
  [[200.8, 205.4, 214.5], [21.4, 22.1, 22.6]],
  [[137.6, 152.8, 165.2], [28.5, 28.5, 29.9]],
  [[112.4, 123.4, 134.8], [44.4, 43.3, 41.7]],
];
/** Mean and std of the raw pattern (measured over 4 Mpx per texture). */
const RAW_MEAN = 0.3516;
const RAW_STD = 0.1144;
const INV32 = 1 / 4294967296;

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

function hash3(a: number, b: number, c: number): number {
  let h = mix32((a >>> 0) ^ 0x9e3779b9);
  h = mix32((h ^ (b >>> 0)) >>> 0);
  return mix32((h ^ (c >>> 0)) >>> 0);
}

function valueNoise(X: number, Y: number, period: number, salt: number): number {
  const x = X / period;
  const y = Y / period;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  let fx = x - x0;
  let fy = y - y0;
  fx = fx * fx * (3 - 2 * fx);
  fy = fy * fy * (3 - 2 * fy);
  const v00 = hash3(x0, y0, salt) * INV32;
  const v10 = hash3(x0 + 1, y0, salt) * INV32;
  const v01 = hash3(x0, y0 + 1, salt) * INV32;
  const v11 = hash3(x0 + 1, y0 + 1, salt) * INV32;
  return (v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy;
}

function worleyEdge(X: number, Y: number, period: number, salt: number): number {
  const x = X / period;
  const y = Y / period;
  const xi = Math.floor(x);
  const yi = Math.floor(y);
  let f1 = 1e9;
  let f2 = 1e9;
  for (let oy = -1; oy <= 1; oy++) {
    for (let ox = -1; ox <= 1; ox++) {
      const cx = xi + ox;
      const cy = yi + oy;
      const h = hash3(cx, cy, salt);
      const px = cx + mix32((h ^ 0x68e31da4) >>> 0) * INV32;
      const py = cy + mix32((h ^ 0xb5297a4d) >>> 0) * INV32;
      const ddx = px - x;
      const ddy = py - y;
      const d = Math.sqrt(ddx * ddx + ddy * ddy) * period;
      if (d < f1) {
        f2 = f1;
        f1 = d;
      } else if (d < f2) f2 = d;
    }
  }
  return f2 - f1;
}

function frostRaw(k: number, X: number, Y: number): number {
  const salt = 0x51ed270b + 7919 * k;
  let n = 0;
  n += 0.5 * valueNoise(X, Y, 96, salt);
  n += 0.25 * valueNoise(X, Y, 48, salt + 1);
  n += 0.125 * valueNoise(X, Y, 24, salt + 2);
  n += 0.0625 * valueNoise(X, Y, 12, salt + 3);
  const e1 = Math.exp(-worleyEdge(X, Y, 28, salt + 11) / 2);
  const e2 = Math.exp(-worleyEdge(X, Y, 11, salt + 12) / 1.2);
  return 0.55 * n + 0.3 * e1 + 0.2 * e2;
}

/**
 * An H×W×3 u8 crop of frost texture `k` at integer offset (oy, ox), for an image of scale `s`.
 */
export function frostTexture(k: number, H: number, W: number, oy: number, ox: number, s: number): Uint8Array {
  const out = new Uint8Array(W * H * 3);
  const [mean, std] = STATS[k]!;
  for (let y = 0; y < H; y++) {
    const Y = (y + oy) / s;
    for (let x = 0; x < W; x++) {
      const z = (frostRaw(k, (x + ox) / s, Y) - RAW_MEAN) / RAW_STD;
      const o = (y * W + x) * 3;
      for (let c = 0; c < 3; c++) {
        const v = Math.min(255, Math.max(0, mean[c]! + std[c]! * z));
        out[o + c] = Math.floor(v + 0.5);
      }
    }
  }
  return out;
}
