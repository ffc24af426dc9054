/**
 * The functional API, mirroring `torchvision.transforms.functional` (camelCase names, the same argument
 * meaning and order as torchvision 0.14): `(image: RawImage, ...args) => Promise<RawImage>`, uint8 in and
 * out. Each function runs one op of the registry with explicit params, unfused.
 *
 * @example
 * ```ts
 * import { functional as F } from 'edge-augment';
 * const flipped = await F.hflip(image);
 * ```
 */
import type { RawImage } from '../types.js';
import { runOp } from './core/run-op.js';

/** Mirror left–right (torchvision F.hflip; exact). */
export const hflip = (image: RawImage): Promise<RawImage> => runOp('hflip', {}, image);
/** Mirror top–bottom (torchvision F.vflip; exact). */
export const vflip = (image: RawImage): Promise<RawImage> => runOp('vflip', {}, image);
/** 255 − v on colour channels, alpha kept (torchvision F.invert; exact on RGB). */
export const invert = (image: RawImage): Promise<RawImage> => runOp('invert', {}, image);
/** Turn by k·90° counter-clockwise (torch.rot90(img, k, [-2, -1]); exact). */
export const rot90 = (image: RawImage, k = 1): Promise<RawImage> => runOp('rot90', { k: ((k % 4) + 4) % 4 }, image);
/** Swap rows and columns (exact). */
export const transpose = (image: RawImage): Promise<RawImage> => runOp('transpose', {}, image);
