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
