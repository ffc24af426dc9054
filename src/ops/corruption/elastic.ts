/**
 * The reference's `elastic_transform`: a random affine (cv2.getAffineTransform of three jittered points,
 * cv2.warpAffine bilinear with BORDER_REFLECT_101 and OpenCV's 1/32-pixel coordinate quantisation), then
 * a smooth displacement field (skimage gaussian of uniform noise, mode reflect, truncate 3) applied with
 * scipy map_coordinates(order=1, mode='reflect'). Float32 where the reference is.
 */
import { borderIndex, gaussianFilter, type FImg } from './kernels.js';
import { PixelRandom, STREAM } from './random.js';

/** Injected draws (tests against numpy's): the 6 affine jitters and the two uniform(−1, 1) fields. */
export interface ElasticDraws {
  jitter: ArrayLike<number>;
  ux: Float64Array;
  uy: Float64Array;
}

/** Solves the 2×3 affine mapping p1[i] → p2[i] (cv2.getAffineTransform). */
function affineFrom(p1: number[][], p2: number[][]): number[] {
  // [x y 1] · [a b c]ᵀ = x', per output coordinate; Cramer's rule on the 3×3 system.
  const [a, b, c] = p1 as [number[], number[], number[]];
  const det = a[0]! * (b[1]! - c[1]!) - a[1]! * (b[0]! - c[0]!) + (b[0]! * c[1]! - c[0]! * b[1]!);
  const solve = (r: number[]): number[] => {
    const [ra, rb, rc] = r as [number, number, number];
    const m0 = (ra * (b[1]! - c[1]!) - a[1]! * (rb - rc) + (rb * c[1]! - rc * b[1]!)) / det;
    const m1 = (a[0]! * (rb - rc) - ra * (b[0]! - c[0]!) + (b[0]! * rc - c[0]! * rb)) / det;
    const m2 = (a[0]! * (b[1]! * rc - c[1]! * rb) - a[1]! * (b[0]! * rc - c[0]! * rb) + ra * (b[0]! * c[1]! - c[0]! * b[1]!)) / det;
    return [m0, m1, m2];
  };
  return [...solve([p2[0]![0]!, p2[1]![0]!, p2[2]![0]!]), ...solve([p2[0]![1]!, p2[1]![1]!, p2[2]![1]!])];
}

function cvRound(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** cv2.warpAffine(img, M, (W, H), INTER_LINEAR, BORDER_REFLECT_101) on a float32 image. */
function warpAffine(src: FImg, M: number[]): FImg {
  const { width: W, height: H, c: C, data: d } = src;
  // Inverse map (dst → src), as warpAffine does without WARP_INVERSE_MAP.
  const D = M[0]! * M[4]! - M[1]! * M[3]!;
  const inv = D !== 0 ? 1 / D : 0;
  const A11 = M[4]! * inv, A22 = M[0]! * inv, A12 = -M[1]! * inv, A21 = -M[3]! * inv;
  const b1 = -A11 * M[2]! - A12 * M[5]!;
  const b2 = -A21 * M[2]! - A22 * M[5]!;
  const out = new Float64Array(d.length);
  const AB = 1024;
  for (let y = 0; y < H; y++) {
    const X0 = cvRound((A12 * y + b1) * AB) + 16;
    const Y0 = cvRound((A22 * y + b2) * AB) + 16;
    for (let x = 0; x < W; x++) {
      const X = (X0 + cvRound(A11 * x * AB)) >> 5;
      const Y = (Y0 + cvRound(A21 * x * AB)) >> 5;
      const sx = X >> 5;
      const sy = Y >> 5;
      const fx = Math.fround((X & 31) / 32);
      const fy = Math.fround((Y & 31) / 32);
      const w00 = Math.fround((1 - fy) * (1 - fx)), w01 = Math.fround((1 - fy) * fx);
      const w10 = Math.fround(fy * (1 - fx)), w11 = Math.fround(fy * fx);
      const x0 = borderIndex(sx, W, 'mirror'), x1 = borderIndex(sx + 1, W, 'mirror');
      const y0 = borderIndex(sy, H, 'mirror'), y1 = borderIndex(sy + 1, H, 'mirror');
      for (let k = 0; k < C; k++) {
        const v = d[(y0 * W + x0) * C + k]! * w00 + d[(y0 * W + x1) * C + k]! * w01 + d[(y1 * W + x0) * C + k]! * w10 + d[(y1 * W + x1) * C + k]! * w11;
        out[(y * W + x) * C + k] = Math.fround(v);
      }
    }
  }
  return { data: out, width: W, height: H, c: C };
}

/** The elastic transform of a float32 image in [0, 1] with (alpha, sigma, jitter) already scaled. */
export function elastic(src: FImg, alpha: number, sigma: number, jitter: number, seed: number, draws?: ElasticDraws): FImg {
  const { width: W, height: H, c: C } = src;
  const rnd = new PixelRandom(seed, STREAM.param);
  const cs0 = Math.floor(H / 2);
  const cs1 = Math.floor(W / 2);
  const sq = Math.floor(Math.min(H, W) / 3);
  const f = Math.fround;
  const pts1 = [[cs0 + sq, cs1 + sq], [cs0 + sq, cs1 - sq], [cs0 - sq, cs1 - sq]];
  let j = 0;
  const pts2 = pts1.map((p) => p.map((v) => f(v + f(draws ? draws.jitter[j++]! : rnd.uniform(-jitter, jitter)))));
  const warped = warpAffine(src, affineFrom(pts1, pts2));
  const field = (stream: number): Float64Array => {
    const r = new PixelRandom(seed, stream);
    let n = new Float64Array(W * H);
    if (draws) n = (stream === STREAM.fieldX ? draws.ux : draws.uy).slice();
    else for (let i = 0; i < W * H; i++) n[i] = -1 + 2 * r.at(i);
    const g = gaussianFilter({ data: n, width: W, height: H, c: 1 }, sigma, 'reflect', 3).data;
    for (let i = 0; i < W * H; i++) g[i] = f(g[i]! * alpha);
    return g;
  };
  const dx = field(STREAM.fieldX);
  const dy = field(STREAM.fieldY);
  const wd = warped.data;
  const out = new Float64Array(wd.length);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const sy = y + dy[i]!;
      const sx = x + dx[i]!;
      const j0 = Math.floor(sy);
      const i0 = Math.floor(sx);
      const ty = sy - j0;
      const tx = sx - i0;
      const ya = borderIndex(j0, H, 'reflect') * W, yb = borderIndex(j0 + 1, H, 'reflect') * W;
      const xa = borderIndex(i0, W, 'reflect'), xb = borderIndex(i0 + 1, W, 'reflect');
      for (let k = 0; k < C; k++) {
        const v = (1 - ty) * ((1 - tx) * wd[(ya + xa) * C + k]! + tx * wd[(ya + xb) * C + k]!) + ty * ((1 - tx) * wd[(yb + xa) * C + k]! + tx * wd[(yb + xb) * C + k]!);
        out[i * C + k] = f(v);
      }
    }
  }
  return { data: out, width: W, height: H, c: C };
}
