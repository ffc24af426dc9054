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
/** Multiply levels by `brightnessFactor` (≥ 0), truncating (torchvision F.adjust_brightness; exact). */
export const adjustBrightness = (image: RawImage, brightnessFactor: number): Promise<RawImage> => runOp('brightness', { factor: brightnessFactor }, image);
/** Blend with the mean grey level by `contrastFactor` (≥ 0) (torchvision F.adjust_contrast; exact). */
export const adjustContrast = (image: RawImage, contrastFactor: number): Promise<RawImage> => runOp('contrast', { factor: contrastFactor }, image);
/** Blend with each pixel's grey level by `saturationFactor` (≥ 0); grey input unchanged (torchvision F.adjust_saturation; exact). */
export const adjustSaturation = (image: RawImage, saturationFactor: number): Promise<RawImage> => runOp('saturation', { factor: saturationFactor }, image);
/** Turn the hue by `hueFactor` turns (−0.5..0.5); grey input unchanged (torchvision F.adjust_hue; exact). */
export const adjustHue = (image: RawImage, hueFactor: number): Promise<RawImage> => runOp('hue', { factor: hueFactor }, image);
/** gain · x^gamma on levels scaled to [0, 1] (torchvision F.adjust_gamma). */
export const adjustGamma = (image: RawImage, gamma: number, gain = 1): Promise<RawImage> => runOp('gamma', { gamma, gain }, image);
/** Blend with a 3×3 blur by `sharpnessFactor` (≥ 0) (torchvision F.adjust_sharpness; exact). */
export const adjustSharpness = (image: RawImage, sharpnessFactor: number): Promise<RawImage> => runOp('sharpness', { factor: sharpnessFactor }, image);
/** Keep the top `bits` (0..8) bits of each level (torchvision F.posterize; exact). */
export const posterize = (image: RawImage, bits: number): Promise<RawImage> => runOp('posterize', { bits }, image);
/** Invert levels ≥ `threshold` (torchvision F.solarize; exact). */
export const solarize = (image: RawImage, threshold: number): Promise<RawImage> => runOp('solarize', { threshold }, image);
/** Per-channel histogram equalisation (torchvision F.equalize; exact). */
export const equalize = (image: RawImage): Promise<RawImage> => runOp('equalize', {}, image);
/** Stretch each channel's range to 0..255 (torchvision F.autocontrast; exact). */
export const autocontrast = (image: RawImage): Promise<RawImage> => runOp('autocontrast', {}, image);
/** Grey levels as 1 or 3 channels; RGBA stays RGBA with alpha kept (torchvision F.rgb_to_grayscale; exact). */
export const rgbToGrayscale = (image: RawImage, numOutputChannels = 1): Promise<RawImage> => runOp('grayscale', { numOutputChannels }, image);

// ---- geometry (torchvision 0.14 tensor semantics; interpolation is InterpolationMode's value string)

/** A fill value: one level for every channel, one per channel, or null (zeros, no fill mask). */
export type Fill = number | readonly number[] | null | undefined;
const fillList = (fill: Fill): number[] | null => (fill === null || fill === undefined ? null : typeof fill === 'number' ? [fill] : [...fill]);
const flatPoints = (pts: readonly (readonly number[])[]): number[] => pts.flatMap((p) => [p[0]!, p[1]!]);
const sizeList = (size: number | readonly number[]): number[] => (typeof size === 'number' ? [size] : [...size]);

/**
 * Affine transform about the centre (or `center`): angle (degrees, clockwise), translate [tx, ty] pixels,
 * scale, shear (degrees: a number = x shear, or [sx, sy]) — torchvision F.affine on uint8 tensors.
 */
export const affine = (image: RawImage, angle: number, translate: readonly number[], scale: number, shear: number | readonly number[], interpolation: 'nearest' | 'bilinear' = 'nearest', fill: Fill = null, center: readonly number[] | null = null): Promise<RawImage> => {
  const sh = typeof shear === 'number' ? [shear, 0] : shear.length === 1 ? [shear[0]!, shear[0]!] : [...shear];
  return runOp('affine', { angle, translate: [...translate], scale, shear: sh, interpolation, fill: fillList(fill), center: center ? [...center] : null }, image);
};
/** Rotate by `angle` degrees counter-clockwise (torchvision F.rotate; `expand` grows the canvas). */
export const rotate = (image: RawImage, angle: number, interpolation: 'nearest' | 'bilinear' = 'nearest', expand = false, center: readonly number[] | null = null, fill: Fill = null): Promise<RawImage> =>
  runOp('rotate', { angle, interpolation, expand, center: center ? [...center] : null, fill: fillList(fill) }, image);
/** Perspective warp taking `startpoints` to `endpoints` ([[x, y] × 4]: TL, TR, BR, BL) — torchvision F.perspective. */
export const perspective = (image: RawImage, startpoints: readonly (readonly number[])[], endpoints: readonly (readonly number[])[], interpolation: 'nearest' | 'bilinear' = 'bilinear', fill: Fill = null): Promise<RawImage> =>
  runOp('perspective', { startpoints: flatPoints(startpoints), endpoints: flatPoints(endpoints), interpolation, fill: fillList(fill) }, image);
/**
 * Elastic transform by a displacement field (float32 [H, W, 2] in normalised units, as torchvision's
 * `ElasticTransform.get_params` returns it, flattened) — torchvision F.elastic_transform.
 */
export const elasticTransform = (image: RawImage, displacement: Float32Array | readonly number[], interpolation: 'nearest' | 'bilinear' = 'bilinear', fill: Fill = null): Promise<RawImage> =>
  runOp('elastic', { displacement, interpolation, fill: fillList(fill) }, image);
/** Crop the box (top, left, height, width); outside the image is 0 (torchvision F.crop; exact). */
export const crop = (image: RawImage, top: number, left: number, height: number, width: number): Promise<RawImage> =>
  runOp('crop', { top, left, height, width }, image);
/** Crop the centre [h, w] (a number: square), zero-padded when larger (torchvision F.center_crop; exact). */
export const centerCrop = (image: RawImage, outputSize: number | readonly number[]): Promise<RawImage> =>
  runOp('centerCrop', { size: sizeList(outputSize) }, image);
/** Pad by p | [lr, tb] | [l, t, r, b] with a constant, edge, reflect or symmetric border (torchvision F.pad; exact). */
export const pad = (image: RawImage, padding: number | readonly number[], fill: number | readonly number[] = 0, paddingMode: 'constant' | 'edge' | 'reflect' | 'symmetric' = 'constant'): Promise<RawImage> =>
  runOp('pad', { padding: sizeList(padding), fill: fillList(fill), paddingMode }, image);
/** Resize to the short edge (a number or [s]) or [h, w] (torchvision F.resize on tensors; antialias default off). */
export const resize = (image: RawImage, size: number | readonly number[], interpolation: 'nearest' | 'bilinear' | 'bicubic' = 'bilinear', maxSize: number | null = null, antialias: boolean | null = null): Promise<RawImage> =>
  runOp('resize', { size: sizeList(size), interpolation, maxSize, antialias: antialias ?? false }, image);
/** Crop (top, left, height, width) then resize to `size` (torchvision F.resized_crop). */
export const resizedCrop = (image: RawImage, top: number, left: number, height: number, width: number, size: number | readonly number[], interpolation: 'nearest' | 'bilinear' | 'bicubic' = 'bilinear', antialias: boolean | null = null): Promise<RawImage> =>
  runOp('randomResizedCrop', { top, left, height, width, size: sizeList(size), interpolation, antialias: antialias ?? false }, image);
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
