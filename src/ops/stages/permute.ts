/**
 * `permute`: exact pixel rearrangements — horizontal/vertical flip, transpose, and so the rot90 family.
 * Output pixel (x, y) takes source pixel T(x, y) where T = flips after an optional transpose.
 */
import type { ImageInfo, Img, Stage, StageKernel } from '../core/types.js';

export interface PermuteStage extends Stage {
  kind: 'permute';
  /** Swap rows and columns first (output is height × width). */
  transpose: boolean;
  /** Then mirror left–right. */
  flipX: boolean;
  /** Then mirror top–bottom. */
  flipY: boolean;
}

/** The permute stage that turns the picture by k·90° counter-clockwise (as torch.rot90(k, [-2, -1])). */
export function rot90Stage(k: number): PermuteStage {
  const q = ((k % 4) + 4) % 4;
  // CCW 90°: out(x, y) = src(W−1−y, x) → transpose then flip rows; 180°: both flips; 270°: transpose then flip columns.
  if (q === 1) return { kind: 'permute', transpose: true, flipX: false, flipY: true };
  if (q === 2) return { kind: 'permute', transpose: false, flipX: true, flipY: true };
  if (q === 3) return { kind: 'permute', transpose: true, flipX: true, flipY: false };
  return { kind: 'permute', transpose: false, flipX: false, flipY: false };
}

export const permuteKernel: StageKernel = {
  kind: 'permute',
  outInfo(stage: Stage, info: ImageInfo): ImageInfo {
    return (stage as PermuteStage).transpose ? { width: info.height, height: info.width, channels: info.channels } : info;
  },
  run(src: Img, stage: Stage): Img {
    const { transpose, flipX, flipY } = stage as PermuteStage;
    const { width: W, height: H, channels: C, data: d } = src;
    const ow = transpose ? H : W;
    const oh = transpose ? W : H;
    const out = new Uint8Array(d.length);
    for (let y = 0; y < oh; y++) {
      const ty = flipY ? oh - 1 - y : y;
      for (let x = 0; x < ow; x++) {
        const tx = flipX ? ow - 1 - x : x;
        // (tx, ty) in the transposed frame → source (sx, sy).
        const sx = transpose ? ty : tx;
        const sy = transpose ? tx : ty;
        const s = (sy * W + sx) * C;
        const o = (y * ow + x) * C;
        for (let c = 0; c < C; c++) out[o + c] = d[s + c]!;
      }
    }
    return { data: out, width: ow, height: oh, channels: C };
  },
};
