/**
 * torchvision 0.14's affine and perspective arithmetic, shared by the geometry ops: the inverse affine
 * matrix (`_get_inverse_affine_matrix`), the expanded rotation size (`_compute_affine_output_size`,
 * float32 as torch) and the perspective coefficients (`_get_perspective_coeffs`).
 */
import { EdgeAugmentError } from '../../errors.js';
import type { Stage } from '../core/types.js';
import { affineThetaToPixels, perspectiveCoeffsToPixels, type WarpStage } from '../stages/warp.js';

const f32 = Math.fround;
const rad = (d: number): number => (d * Math.PI) / 180;

/** `_get_inverse_affine_matrix(center, angle, translate, scale, shear)` (inverted): 6 numbers, output → source. */
export function inverseAffineMatrix(center: readonly [number, number], angle: number, translate: readonly [number, number], scale: number, shear: readonly [number, number]): number[] {
  const rot = rad(angle);
  const sx = rad(shear[0]);
  const sy = rad(shear[1]);
  const [cx, cy] = center;
  const [tx, ty] = translate;
  const a = Math.cos(rot - sy) / Math.cos(sy);
  const b = (-Math.cos(rot - sy) * Math.tan(sx)) / Math.cos(sy) - Math.sin(rot);
  const c = Math.sin(rot - sy) / Math.cos(sy);
  const d = (-Math.sin(rot - sy) * Math.tan(sx)) / Math.cos(sy) + Math.cos(rot);
  const m = [d, -b, 0, -c, a, 0].map((x) => x / scale);
  m[2]! += m[0]! * (-cx - tx) + m[1]! * (-cy - ty);
  m[5]! += m[3]! * (-cx - tx) + m[4]! * (-cy - ty);
  m[2]! += cx;
  m[5]! += cy;
  return m;
}

/** torchvision's tensor-path center: image-centred offsets of `center` (pixels from the top-left), or [0, 0]. */
export function centredCenter(center: readonly number[] | null | undefined, width: number, height: number): [number, number] {
  return center ? [center[0]! - width * 0.5, center[1]! - height * 0.5] : [0, 0];
}

/** `_compute_affine_output_size(matrix, w, h)` in float32 as torch: [ow, oh]. */
export function affineOutputSize(m: readonly number[], w: number, h: number): [number, number] {
  const t = m.map(f32);
  const pts = [[-0.5 * w, -0.5 * h], [-0.5 * w, 0.5 * h], [0.5 * w, 0.5 * h], [0.5 * w, -0.5 * h]] as const;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of pts) {
    const nx = f32(f32(f32(x * t[0]!) + f32(y * t[1]!)) + t[2]!);
    const ny = f32(f32(f32(x * t[3]!) + f32(y * t[4]!)) + t[5]!);
    minX = Math.min(minX, nx); maxX = Math.max(maxX, nx);
    minY = Math.min(minY, ny); maxY = Math.max(maxY, ny);
  }
  const tol = f32(1e-4);
  const q = (v: number): number => f32(Math.trunc(f32(v / tol)) * tol);
  const ow = Math.ceil(q(f32(maxX + w * 0.5))) - Math.floor(q(f32(minX + w * 0.5)));
  const oh = Math.ceil(q(f32(maxY + h * 0.5))) - Math.floor(q(f32(minY + h * 0.5)));
  return [ow, oh];
}

/** A warp stage for torchvision's affine grid (`theta` 2×3 centred, output `ow`×`oh`). */
export function affineWarp(theta: readonly number[], w: number, h: number, ow: number, oh: number, interpolation: 'nearest' | 'bilinear', fill: readonly number[] | null): WarpStage {
  return { kind: 'warp', matrix: affineThetaToPixels(theta, w, h, ow, oh), width: ow, height: oh, interpolation, fill, torchGrid: { type: 'affine', theta: [...theta] } };
}

/**
 * `_get_perspective_coeffs(startpoints, endpoints)`: the 8 coefficients mapping output (end) points to
 * source (start) points, solved in float64 and rounded to float32 (torch solves in float32).
 * Points are flattened [x0, y0, x1, y1, x2, y2, x3, y3].
 */
export function perspectiveCoeffs(start: readonly number[], end: readonly number[]): number[] {
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [ex, ey] = [end[2 * i]!, end[2 * i + 1]!];
    const [sx, sy] = [start[2 * i]!, start[2 * i + 1]!];
    A.push([ex, ey, 1, 0, 0, 0, -sx * ex, -sx * ey, sx]);
    A.push([0, 0, 0, ex, ey, 1, -sy * ex, -sy * ey, sy]);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    if (Math.abs(A[p]![c]!) < 1e-12) throw new EdgeAugmentError('INVALID_PARAMS', 'perspective: the points are degenerate (three of them on a line); no perspective transform maps them.', { details: { field: 'endpoints' } });
    [A[c], A[p]] = [A[p]!, A[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / A[c]![c]!;
      if (f !== 0) for (let k = c; k < 9; k++) A[r]![k]! -= f * A[c]![k]!;
    }
  }
  return A.map((row, i) => f32(row[8]! / row[i]!));
}

/** A warp stage for torchvision's perspective grid. */
export function perspectiveWarp(coeffs: readonly number[], w: number, h: number, interpolation: 'nearest' | 'bilinear', fill: readonly number[] | null): Stage {
  return { kind: 'warp', matrix: perspectiveCoeffsToPixels(coeffs), width: w, height: h, interpolation, fill, torchGrid: { type: 'perspective', coeffs: [...coeffs] } } as WarpStage;
}

/** Python's round() (half to even) as torchvision's get_params use it. */
export function pyRound(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
