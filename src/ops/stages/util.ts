/** Small helpers the stage kernels share (torch's uint8 semantics, float32 emulation, image allocation). */
import type { Img } from '../core/types.js';

/** float32 rounding of a double (torch computes uint8 ops in float32). */
export const f32 = Math.fround;

/** uint8 cast as torch does it after a clamp to [0, 255]: truncation toward zero. */
export function truncU8(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.trunc(v);
}

/** Round half to even then clamp (torch.round on a float image, then cast). */
export function roundEvenU8(v: number): number {
  if (!(v > 0)) return 0;
  if (v >= 255) return 255;
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** A blank image of the given size/channels. */
export function blank(width: number, height: number, channels: 1 | 3 | 4): Img {
  return { data: new Uint8Array(width * height * channels), width, height, channels };
}

/** Colour channels (alpha excluded) of an image. */
export function colourChannels(img: { channels: number }): number {
  return img.channels === 4 ? 3 : img.channels;
}

/** A copy of an image. */
export function cloneImg(img: Img): Img {
  return { data: img.data.slice(), width: img.width, height: img.height, channels: img.channels };
}

/**
 * `maskStage` of a pixel-only stage kind (see `StageKernel.maskStage`): masks, boxes and keypoints are
 * left as they are.
 */
export function pixelOnly(): null {
  return null;
}
