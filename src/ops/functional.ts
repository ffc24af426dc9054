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
import { EdgeAugmentError } from '../errors.js';

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
/**
 * Gaussian blur (torchvision F.gaussian_blur): `kernelSize` odd, one number or [x, y]; `sigma` one
 * number or [x, y], default 0.3·((k − 1)·0.5 − 1) + 0.8 per axis (= k·0.15 + 0.35). Float32 kernel,
 * reflect padding, round half to even; alpha is blurred too.
 *
 * @example
 * ```ts
 * const soft = await F.gaussianBlur(image, 13, 2);
 * ```
 */
export const gaussianBlur = (image: RawImage, kernelSize: number | readonly number[], sigma?: number | readonly number[] | null): Promise<RawImage> => {
  const ks = typeof kernelSize === 'number' ? [kernelSize, kernelSize] : kernelSize.length === 1 ? [kernelSize[0]!, kernelSize[0]!] : kernelSize;
  if (Array.isArray(ks) && ks.some((k) => typeof k !== 'number' || k <= 0 || k % 2 !== 1)) {
    return Promise.reject(new EdgeAugmentError('INVALID_ARGUMENT', `gaussianBlur.kernelSize: got ${JSON.stringify(kernelSize)}; allowed: odd positive integers (one, or [x, y]).`, { details: { field: 'kernelSize' } }));
  }
  const s = sigma === undefined || sigma === null ? (ks as number[]).map((k) => k * 0.15 + 0.35) : typeof sigma === 'number' ? [sigma, sigma] : sigma.length === 1 ? [sigma[0]!, sigma[0]!] : sigma;
  if (Array.isArray(s) && s.some((v) => !(typeof v === 'number' && v > 0))) {
    return Promise.reject(new EdgeAugmentError('INVALID_ARGUMENT', `gaussianBlur.sigma: got ${JSON.stringify(sigma)}; allowed: positive numbers (one, or [x, y]).`, { details: { field: 'sigma' } }));
  }
  return runOp('gaussianBlur', { kernelSize: ks, sigma: s }, image);
};
/**
 * Erase a rectangle (torchvision F.erase; exact): rows i..i+h−1, columns j..j+w−1 set to `v` (one
 * value, one per colour channel, or 4 on RGBA to set alpha too).
 *
 * @example
 * ```ts
 * const holed = await F.erase(image, 10, 20, 32, 48, 0);
 * ```
 */
export const erase = (image: RawImage, i: number, j: number, h: number, w: number, v: number | readonly number[]): Promise<RawImage> =>
  runOp('randomErasing', { i, j, h, w, value: typeof v === 'number' ? [v] : v, seed: 0 }, image);
