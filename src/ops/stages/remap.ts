/**
 * `remap`: samples the source at identity + a displacement field, as torchvision 0.14's
 * `F.elastic_transform` (grid = `_create_identity_grid` + displacement in normalised [-1, 1] units,
 * then grid_sample with the `warp` stage's sampler: zeros/fill mask, bilinear or nearest, rounding).
 *
 * The field is either given (`displacement`: float32 [H, W, 2], torch's layout — the functional API) or
 * generated here from `elastic` = (alpha, sigma, seed) the way `ElasticTransform.get_params` draws it:
 * uniform noise in [-1, 1) per pixel and axis (counter-based from the seed, so replay makes the same
 * field; torch.rand's own stream is not reproduced), Gaussian-blurred with kernel size int(8σ + 1) made
 * odd, reflect padding, then dx·alpha[0]/H and dy·alpha[1]/W (torchvision's order, kept).
 */
import { EdgeAugmentError } from '../../errors.js';
import type { Img, Stage, StageKernel } from '../core/types.js';
import { hash4 } from '../../plan/rng.js';
import { sampleGrid } from './warp.js';
import type { ImageInfo } from '../core/types.js';

const f32 = Math.fround;

/** How an elastic field is drawn (ElasticTransform's alpha and sigma per axis, and the noise seed). */
export interface ElasticField {
  alpha: readonly [number, number];
  sigma: readonly [number, number];
  seed: number;
}

export interface RemapStage extends Stage {
  kind: 'remap';
  /** float32 [H, W, 2] displacement in normalised units (x then y), or null to generate from `elastic`. */
  displacement: Float32Array | readonly number[] | null;
  elastic: ElasticField | null;
  interpolation: 'nearest' | 'bilinear';
  fill: readonly number[] | null;
}

/** torch.linspace in float32 (CPU kernel: from the start below halfway, from the end above). */
function linspace32(start: number, end: number, steps: number): Float32Array {
  const out = new Float32Array(steps);
  const s = f32(start);
  const e = f32(end);
  if (steps === 1) { out[0] = s; return out; }
  const step = f32(f32(e - s) / (steps - 1));
  const half = Math.floor(steps / 2);
  for (let i = 0; i < steps; i++) out[i] = i < half ? f32(s + f32(step * i)) : f32(e - f32(step * (steps - i - 1)));
  return out;
}

/** Normalised Gaussian kernel as torchvision's `_get_gaussian_kernel1d`. */
export function gaussianKernel1d(size: number, sigma: number): Float64Array {
  const half = (size - 1) * 0.5;
  const k = new Float64Array(size);
  let sum = 0;
  for (let i = 0; i < size; i++) {
    const x = -half + i;
    k[i] = Math.exp(-0.5 * (x / sigma) ** 2);
    sum += k[i]!;
  }
  for (let i = 0; i < size; i++) k[i]! /= sum;
  return k;
}

/** Reflect index (torch 'reflect': no edge repeat), repeated for pads larger than the size. */
function reflect(i: number, n: number): number {
  if (n === 1) return 0;
  const p = 2 * (n - 1);
  let j = ((i % p) + p) % p;
  if (j >= n) j = p - j;
  return j;
}

/** Separable Gaussian blur of a float field with reflect padding (kernel ksize × ksize, σx, σy). */
function blurField(f: Float64Array, W: number, H: number, ksize: number, sx: number, sy: number): Float64Array {
  const kx = gaussianKernel1d(ksize, sx);
  const ky = gaussianKernel1d(ksize, sy);
  const r = (ksize - 1) >> 1;
  const tmp = new Float64Array(W * H);
  const out = new Float64Array(W * H);
  // Horizontal: each row copied with its reflect padding, then a straight dot product per output.
  const buf = new Float64Array(W + 2 * r);
  for (let y = 0; y < H; y++) {
    const row = y * W;
    for (let i = 0; i < buf.length; i++) buf[i] = f[row + reflect(i - r, W)]!;
    for (let x = 0; x < W; x++) {
      let s = 0;
      for (let k = 0; k < ksize; k++) s += kx[k]! * buf[x + k]!;
      tmp[row + x] = s;
    }
  }
  // Vertical: tap-major over whole rows (sequential memory).
  for (let y = 0; y < H; y++) {
    const o = y * W;
    for (let k = 0; k < ksize; k++) {
      const src = reflect(y - r + k, H) * W;
      const w = ky[k]!;
      for (let x = 0; x < W; x++) out[o + x]! += w * tmp[src + x]!;
    }
  }
  return out;
}

/** Kernel size ElasticTransform uses for σ: int(8σ + 1), made odd. */
export function elasticKernelSize(sigma: number): number {
  const k = Math.trunc(8 * sigma + 1);
  return k % 2 === 0 ? k + 1 : k;
}

/** The displacement field (float32 [H, W, 2], normalised units) of an elastic draw. */
export function elasticDisplacement(e: ElasticField, W: number, H: number): Float32Array {
  const n = W * H;
  const out = new Float32Array(n * 2);
  for (let axis = 0; axis < 2; axis++) {
    let f: Float64Array = new Float64Array(n);
    for (let i = 0; i < n; i++) f[i] = f32(f32(hash4(e.seed, i, 0x51a5 + axis, 0xe1a5) / 4294967296 * 2) - 1);
    const sigma = e.sigma[axis]!;
    if (sigma > 0) f = blurField(f, W, H, elasticKernelSize(sigma), e.sigma[0] > 0 ? e.sigma[0] : sigma, e.sigma[1] > 0 ? e.sigma[1] : sigma);
    const scale = e.alpha[axis]! / (axis === 0 ? H : W);
    for (let i = 0; i < n; i++) out[i * 2 + axis] = f32(f[i]! * scale);
  }
  return out;
}

export const remapKernel: StageKernel = {
  kind: 'remap',
  maskStage: (stage: Stage) => ({ ...(stage as RemapStage), interpolation: 'nearest', fill: null }),
  mapPoints: remapMapPoints,
  run(src: Img, stage: Stage): Img {
    const s = stage as RemapStage;
    const { width: W, height: H } = src;
    const n = W * H;
    let d: ArrayLike<number>;
    if (s.displacement) {
      d = s.displacement;
      if (d.length !== n * 2) throw new EdgeAugmentError('INVALID_PARAMS', `displacement: expected ${n * 2} numbers (an [${H}, ${W}, 2] field for this image), got ${d.length}.`, { details: { field: 'displacement' } });
    } else if (s.elastic) d = elasticDisplacement(s.elastic, W, H);
    else throw new EdgeAugmentError('INVALID_PARAMS', 'remap: needs a displacement field or elastic parameters.');
    const gx = linspace32((-W + 1) / W, (W - 1) / W, W);
    const gy = linspace32((-H + 1) / H, (H - 1) / H, H);
    const hw = f32(W * 0.5);
    const hh = f32(H * 0.5);
    const xs = new Float32Array(n);
    const ys = new Float32Array(n);
    for (let y = 0, i = 0; y < H; y++) {
      for (let x = 0; x < W; x++, i++) {
        xs[i] = f32(f32(f32(f32(gx[x]! + f32(d[i * 2]!)) + 1) * hw) - 0.5);
        ys[i] = f32(f32(f32(f32(gy[y]! + f32(d[i * 2 + 1]!)) + 1) * hh) - 0.5);
      }
    }
    return sampleGrid(src, xs, ys, W, H, s.interpolation, s.fill);
  },
};

// ---- Targets: the forward map of a remap is the inverse of its pull field. ----

/** Per stage object: where each output pixel samples the source (float32, as `run` computes them). */
const FIELDS = /* #__PURE__ */ new WeakMap<Stage, { px: Float32Array; py: Float32Array; maxD: number }>();

function pullField(s: RemapStage, W: number, H: number): { px: Float32Array; py: Float32Array; maxD: number } {
  const hit = FIELDS.get(s);
  if (hit && hit.px.length === W * H) return hit;
  const n = W * H;
  const d: ArrayLike<number> = s.displacement ?? (s.elastic ? elasticDisplacement(s.elastic, W, H) : new Float32Array(n * 2));
  if (d.length !== n * 2) throw new EdgeAugmentError('INVALID_PARAMS', `displacement: expected ${n * 2} numbers (an [${H}, ${W}, 2] field for this image), got ${d.length}.`, { details: { field: 'displacement' } });
  const gx = linspace32((-W + 1) / W, (W - 1) / W, W);
  const gy = linspace32((-H + 1) / H, (H - 1) / H, H);
  const hw = f32(W * 0.5);
  const hh = f32(H * 0.5);
  const px = new Float32Array(n);
  const py = new Float32Array(n);
  let maxD = 0;
  for (let y = 0, i = 0; y < H; y++) {
    for (let x = 0; x < W; x++, i++) {
      px[i] = f32(f32(f32(f32(gx[x]! + f32(d[i * 2]!)) + 1) * hw) - 0.5);
      py[i] = f32(f32(f32(f32(gy[y]! + f32(d[i * 2 + 1]!)) + 1) * hh) - 0.5);
      maxD = Math.max(maxD, Math.abs(px[i]! - x), Math.abs(py[i]! - y));
    }
  }
  const f = { px, py, maxD };
  FIELDS.set(s, f);
  return f;
}

/**
 * Points forward through a remap. The stage pulls: output pixel q samples the source at P(q) = q + D(q)
 * (D the displacement in pixels on the pixel grid, bilinear between grid points, held at the edge value
 * outside). The forward map of a source point s is the q with P(q) = s: Newton's method on the bilinear
 * P from q₀ = s − D(s); if it does not converge (a strongly folded field), the grid point q within
 * max|D| + 2 px of s with P(q) nearest to s seeds a second Newton run, and if that fails too that grid
 * point is the answer (within the field's fold, where the pull map has no unique inverse — the mask
 * shows the same ambiguity). Converged points satisfy |P(q) − s| < 1e-6 px.
 */
export function remapMapPoints(stage: Stage, xy: Float64Array, info: ImageInfo): void {
  const W = info.width, H = info.height;
  const { px, py, maxD } = pullField(stage as RemapStage, W, H);
  const out = new Float64Array(6);
  // P(q), ∂P/∂qx, ∂P/∂qy at a continuous index point q → out[0..5].
  const evalP = (qx: number, qy: number): void => {
    const cx = Math.min(Math.max(qx, 0), W - 1), cy = Math.min(Math.max(qy, 0), H - 1);
    const x0 = Math.min(Math.floor(cx), Math.max(W - 2, 0)), y0 = Math.min(Math.floor(cy), Math.max(H - 2, 0));
    const x1 = Math.min(x0 + 1, W - 1), y1 = Math.min(y0 + 1, H - 1);
    const tx = cx - x0, ty = cy - y0;
    const i00 = y0 * W + x0, i01 = y0 * W + x1, i10 = y1 * W + x0, i11 = y1 * W + x1;
    const dx00 = px[i00]! - x0, dx01 = px[i01]! - x1, dx10 = px[i10]! - x0, dx11 = px[i11]! - x1;
    const dy00 = py[i00]! - y0, dy01 = py[i01]! - y0, dy10 = py[i10]! - y1, dy11 = py[i11]! - y1;
    const dxT = dx00 + (dx01 - dx00) * tx, dxB = dx10 + (dx11 - dx10) * tx;
    const dyT = dy00 + (dy01 - dy00) * tx, dyB = dy10 + (dy11 - dy10) * tx;
    out[0] = qx + dxT + (dxB - dxT) * ty;
    out[1] = qy + dyT + (dyB - dyT) * ty;
    const inX = qx > 0 && qx < W - 1 && x1 !== x0, inY = qy > 0 && qy < H - 1 && y1 !== y0;
    // Jacobian columns: d/dqx and d/dqy of P (identity plus the bilinear slope where q is inside).
    out[2] = 1 + (inX ? (dx01 - dx00) * (1 - ty) + (dx11 - dx10) * ty : 0);
    out[3] = inX ? (dy01 - dy00) * (1 - ty) + (dy11 - dy10) * ty : 0;
    out[4] = inY ? dxB - dxT : 0;
    out[5] = 1 + (inY ? dyB - dyT : 0);
  };
  const newton = (sx: number, sy: number, qx: number, qy: number): [number, number, number] => {
    let err = Infinity;
    for (let it = 0; it < 40; it++) {
      evalP(qx, qy);
      const rx = out[0]! - sx, ry = out[1]! - sy;
      err = Math.hypot(rx, ry);
      if (err < 1e-9) break;
      const a = out[2]!, c = out[3]!, b = out[4]!, d = out[5]!;
      const det = a * d - b * c;
      if (Math.abs(det) < 1e-6) { qx -= rx; qy -= ry; continue; }
      let ex = (d * rx - b * ry) / det, ey = (a * ry - c * rx) / det;
      const step = Math.hypot(ex, ey);
      if (step > 4) { ex *= 4 / step; ey *= 4 / step; }
      qx -= ex;
      qy -= ey;
    }
    return [qx, qy, err];
  };
  for (let i = 0; i < xy.length; i += 2) {
    const sx = xy[i]! - 0.5, sy = xy[i + 1]! - 0.5;
    if (!Number.isFinite(sx) || !Number.isFinite(sy)) { xy[i] = NaN; xy[i + 1] = NaN; continue; }
    evalP(sx, sy);
    let [qx, qy, err] = newton(sx, sy, 2 * sx - out[0]!, 2 * sy - out[1]!);
    if (!(err < 1e-6)) {
      const r = Math.ceil(maxD) + 2;
      let best = Infinity, bx = sx, by = sy;
      for (let y = Math.max(0, Math.floor(sy) - r); y <= Math.min(H - 1, Math.ceil(sy) + r); y++) {
        for (let x = Math.max(0, Math.floor(sx) - r); x <= Math.min(W - 1, Math.ceil(sx) + r); x++) {
          const k = y * W + x;
          const e = (px[k]! - sx) ** 2 + (py[k]! - sy) ** 2;
          if (e < best) { best = e; bx = x; by = y; }
        }
      }
      [qx, qy, err] = newton(sx, sy, bx, by);
      if (!(err < 1e-6)) { qx = bx; qy = by; }
    }
    xy[i] = qx + 0.5;
    xy[i + 1] = qy + 0.5;
  }
}
