/** Input checks shared by every entry point: a RawImage must be exactly what it claims. */
import { EdgeAugmentError } from '../errors.js';
import type { RawImage, RawImageLike } from '../types.js';

/** Largest image edge the kernels accept (fixed-point coordinates stay exact below this). */
export const MAX_EDGE = 32_767;

/**
 * Validates a RawImage (or an ImageData: no `channels`, RGBA) and returns it as a RawImage with a
 * `Uint8Array` view of its data. The input is never modified.
 *
 * @throws {EdgeAugmentError} `INVALID_IMAGE` naming what is wrong.
 */
export function validateImage(img: RawImageLike, what = 'image'): RawImage {
  if (img === null || typeof img !== 'object') throw new EdgeAugmentError('INVALID_IMAGE', `${what}: expected a RawImage {data, width, height, channels} or an ImageData, got ${img === null ? 'null' : typeof img}.`);
  const { data, width, height } = img;
  // An ImageData carries no channels: it is RGBA.
  const channels = img.channels === undefined && !('channels' in img) ? 4 : img.channels;
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) {
    throw new EdgeAugmentError('INVALID_IMAGE', `${what}.data: expected a Uint8Array or Uint8ClampedArray, got ${data === null ? 'null' : (data as object)?.constructor?.name ?? typeof data}.`);
  }
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > MAX_EDGE || height > MAX_EDGE) {
    throw new EdgeAugmentError('INVALID_IMAGE', `${what}: width and height must be integers from 1 to ${MAX_EDGE}, got ${width}×${height}.`);
  }
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new EdgeAugmentError('INVALID_IMAGE', `${what}.channels: expected 1, 3 or 4, got ${String(channels)}.`);
  }
  if (data.length !== width * height * channels) {
    throw new EdgeAugmentError('INVALID_IMAGE', `${what}.data has ${data.length} bytes; ${width}×${height}×${channels} needs ${width * height * channels}.`);
  }
  const u8 = data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return u8 === data && img.channels === channels ? (img as RawImage) : { data: u8, width, height, channels };
}
