/**
 * Pixel-buffer basics shared by the io room: RawImage validation and channel conversion.
 */
import { EdgeAugmentError } from '../errors.js';
import type { Channels, RawImage, RawImageLike } from '../types.js';

/**
 * Checks a RawImage's shape: positive integer dims, channels 1/3/4, a u8 buffer of exactly
 * `width × height × channels` bytes. An ImageData (no `channels`) is RGBA: returned as a RawImage
 * with `channels: 4` (the input is not modified).
 *
 * @throws {EdgeAugmentError} `INVALID_IMAGE` naming what is wrong.
 */
export function validateRawImage(img: RawImageLike, what = 'image'): RawImage {
  if (img === null || typeof img !== 'object') throw new EdgeAugmentError('INVALID_IMAGE', `The ${what} is not an object.`);
  const { width, height, data } = img;
  // An ImageData carries no channels: it is RGBA.
  const channels = img.channels === undefined && !('channels' in img) ? 4 : img.channels;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new EdgeAugmentError('INVALID_IMAGE', `The ${what} has invalid dimensions ${String(width)}×${String(height)}: both must be positive integers.`, {
      details: { width, height },
    });
  }
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new EdgeAugmentError('INVALID_IMAGE', `The ${what} has ${String(channels)} channels; valid: 1, 3, 4.`, { details: { channels } });
  }
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) {
    throw new EdgeAugmentError('INVALID_IMAGE', `The ${what}'s data must be a Uint8Array or Uint8ClampedArray.`);
  }
  const expected = width * height * channels;
  if (data.length !== expected) {
    throw new EdgeAugmentError(
      'INVALID_IMAGE',
      `The ${what}'s data has ${data.length} bytes but ${width}×${height}×${channels} needs ${expected}.`,
      { details: { length: data.length, expected } },
    );
  }
  return img.channels === channels ? (img as RawImage) : { data, width, height, channels };
}

/**
 * Converts between 1, 3 and 4 interleaved channels. RGBA→RGB drops alpha without compositing (as
 * PIL's `convert('RGB')`, which Keras's `load_img` uses); →1 channel is PIL's `convert('L')` luma
 * `(19595·R + 38470·G + 7471·B + 32768) >> 16`; grey→RGB(A) replicates, alpha = 255.
 * Returns the input itself when `channels` already matches.
 */
export function convertChannels(image: RawImageLike, channels: Channels): RawImage {
  const img = validateRawImage(image);
  const from = img.channels;
  if (from === channels) return img;
  const n = img.width * img.height;
  const src = img.data;
  const out = new Uint8Array(n * channels);
  for (let i = 0; i < n; i++) {
    const s = i * from;
    const d = i * channels;
    if (channels === 1) {
      out[d] = from === 1 ? src[s] : (19595 * src[s] + 38470 * src[s + 1] + 7471 * src[s + 2] + 32768) >>> 16;
    } else {
      if (from === 1) {
        out[d] = out[d + 1] = out[d + 2] = src[s];
      } else {
        out[d] = src[s]; out[d + 1] = src[s + 1]; out[d + 2] = src[s + 2];
      }
      if (channels === 4) out[d + 3] = from === 4 ? src[s + 3] : 255;
    }
  }
  return { data: out, width: img.width, height: img.height, channels };
}

