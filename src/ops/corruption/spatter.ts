/**
 * The pieces of the reference's `spatter` that come from OpenCV: Canny (Sobel 3×3, L1 magnitude,
 * hysteresis), distanceTransform(DIST_L2, 5) (the 5×5 chamfer metric 1 / 1.4 / 2.1969 in 16-bit fixed
 * point), equalizeHist, 3×3 box blur and filter2D into u8 — on single-channel u8/float arrays.
 */
import { borderIndex } from './kernels.js';

/** cv2.Canny(img, low, high) (apertureSize 3, L2gradient false): 255 on edges. */
export function canny(src: Uint8Array, W: number, H: number, low: number, high: number): Uint8Array {
  const mag = new Int32Array((W + 2) * (H + 2));
  const dxs = new Int32Array(W * H);
  const dys = new Int32Array(W * H);
  const at = (x: number, y: number): number => src[borderIndex(y, H, 'nearest') * W + borderIndex(x, W, 'nearest')]!;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const a = at(x - 1, y - 1), b = at(x, y - 1), c = at(x + 1, y - 1);
      const d = at(x - 1, y), f = at(x + 1, y);
      const g = at(x - 1, y + 1), h = at(x, y + 1), i = at(x + 1, y + 1);
      const dx = c + 2 * f + i - a - 2 * d - g;
      const dy = g + 2 * h + i - a - 2 * b - c;
      dxs[y * W + x] = dx;
      dys[y * W + x] = dy;
      mag[(y + 1) * (W + 2) + x + 1] = Math.abs(dx) + Math.abs(dy);
    }
  }
  const lo = Math.floor(low);
  const hi = Math.floor(high);
  const TG22 = 13573;
  // 0: weak candidate, 1: not an edge, 2: edge
  const map = new Uint8Array(W * H).fill(1);
  const stack: number[] = [];
  const MW = W + 2;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const j = (y + 1) * MW + x + 1;
      const m = mag[j]!;
      if (m <= lo) continue;
      const xs = dxs[y * W + x]!;
      const ys = dys[y * W + x]!;
      const ax = Math.abs(xs);
      const ay = Math.abs(ys) * 32768;
      const tg22x = ax * TG22;
      let cand = false;
      if (ay < tg22x) cand = m > mag[j - 1]! && m >= mag[j + 1]!;
      else {
        const tg67x = tg22x + ax * 65536;
        if (ay > tg67x) cand = m > mag[j - MW]! && m >= mag[j + MW]!;
        else {
          const s = (xs ^ ys) < 0 ? -1 : 1;
          cand = m > mag[j - MW - s]! && m > mag[j + MW + s]!;
        }
      }
      if (!cand) continue;
      if (m > hi) {
        map[y * W + x] = 2;
        stack.push(y * W + x);
      } else map[y * W + x] = 0;
    }
  }
  while (stack.length) {
    const p = stack.pop()!;
    const y = (p / W) | 0;
    const x = p - y * W;
    for (let oy = -1; oy <= 1; oy++) {
      for (let ox = -1; ox <= 1; ox++) {
        const yy = y + oy;
        const xx = x + ox;
        if (yy < 0 || yy >= H || xx < 0 || xx >= W) continue;
        const q = yy * W + xx;
        if (map[q] === 0) {
          map[q] = 2;
          stack.push(q);
        }
      }
    }
  }
  const out = new Uint8Array(W * H);
  for (let i = 0; i < W * H; i++) out[i] = map[i] === 2 ? 255 : 0;
  return out;
}

/** cv2.distanceTransform(src, DIST_L2, 5): float32 distance of each nonzero pixel to the nearest zero. */
export function distanceTransform5(src: Uint8Array, W: number, H: number): Float32Array {
  const SHIFT = 16;
  const HV = Math.round(1 * (1 << SHIFT));
  const DIAG = Math.round(1.4 * (1 << SHIFT));
  const LONG = Math.round(2.1969 * (1 << SHIFT));
  const B = 2;
  const TW = W + 2 * B;
  const INF = 0x7fffffff >> 2;
  const t = new Int32Array(TW * (H + 2 * B)).fill(INF);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const j = (y + B) * TW + x + B;
      if (!src[y * W + x]) {
        t[j] = 0;
        continue;
      }
      let d = t[j - 2 * TW - 1]! + LONG;
      d = Math.min(d, t[j - 2 * TW + 1]! + LONG, t[j - TW - 2]! + LONG, t[j - TW - 1]! + DIAG, t[j - TW]! + HV,
        t[j - TW + 1]! + DIAG, t[j - TW + 2]! + LONG, t[j - 1]! + HV);
      t[j] = d;
    }
  }
  const out = new Float32Array(W * H);
  const scale = Math.fround(1 / (1 << SHIFT));
  for (let y = H - 1; y >= 0; y--) {
    for (let x = W - 1; x >= 0; x--) {
      const j = (y + B) * TW + x + B;
      let d = t[j]!;
      if (d > HV) {
        d = Math.min(d, t[j + 2 * TW + 1]! + LONG, t[j + 2 * TW - 1]! + LONG, t[j + TW + 2]! + LONG, t[j + TW + 1]! + DIAG,
          t[j + TW]! + HV, t[j + TW - 1]! + DIAG, t[j + TW - 2]! + LONG, t[j + 1]! + HV);
        t[j] = d;
      }
      out[y * W + x] = Math.fround(d * scale);
    }
  }
  return out;
}

/** cv2.blur(a, (3, 3)) on float32 (BORDER_REFLECT_101). */
export function blur3f(a: Float32Array, W: number, H: number): Float32Array {
  const out = new Float32Array(W * H);
  const ninth = Math.fround(1 / 9);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let s = 0;
      for (let oy = -1; oy <= 1; oy++) {
        const r = borderIndex(y + oy, H, 'mirror') * W;
        for (let ox = -1; ox <= 1; ox++) s += a[r + borderIndex(x + ox, W, 'mirror')]!;
      }
      out[y * W + x] = Math.fround(Math.fround(s) * ninth);
    }
  }
  return out;
}

/** cv2.blur(a, (3, 3)) on u8 (rounded). */
export function blur3u8(a: Uint8Array, W: number, H: number): Uint8Array {
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let s = 0;
      for (let oy = -1; oy <= 1; oy++) {
        const r = borderIndex(y + oy, H, 'mirror') * W;
        for (let ox = -1; ox <= 1; ox++) s += a[r + borderIndex(x + ox, W, 'mirror')]!;
      }
      out[y * W + x] = Math.round(s / 9);
    }
  }
  return out;
}

/** cv2.equalizeHist. */
export function equalizeHist(a: Uint8Array): Uint8Array {
  const hist = new Int32Array(256);
  for (let i = 0; i < a.length; i++) hist[a[i]!]!++;
  let i = 0;
  while (i < 255 && !hist[i]) i++;
  const total = a.length;
  const out = new Uint8Array(a.length);
  if (hist[i] === total) return out.fill(i);
  const scale = Math.fround(255 / (total - hist[i]!));
  const lut = new Uint8Array(256);
  let sum = 0;
  lut[i++] = 0;
  for (; i < 256; i++) {
    sum += hist[i]!;
    const v = Math.fround(sum * scale);
    const r = Math.round(v);
    lut[i] = Math.min(255, Math.max(0, r - v === 0.5 && r % 2 !== 0 ? r - 1 : r));
  }
  for (let j = 0; j < a.length; j++) out[j] = lut[a[j]!]!;
  return out;
}

/** cv2.filter2D(a, CV_8U, [[-2,-1,0],[-1,1,1],[0,1,2]]) (the reference's emboss; saturated to u8). */
export function emboss(a: Uint8Array, W: number, H: number): Uint8Array {
  const k = [-2, -1, 0, -1, 1, 1, 0, 1, 2];
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let s = 0;
      for (let oy = -1; oy <= 1; oy++) {
        const r = borderIndex(y + oy, H, 'mirror') * W;
        for (let ox = -1; ox <= 1; ox++) s += k[(oy + 1) * 3 + ox + 1]! * a[r + borderIndex(x + ox, W, 'mirror')]!;
      }
      out[y * W + x] = s < 0 ? 0 : s > 255 ? 255 : s;
    }
  }
  return out;
}
