/** RawImage → ImageData (browsers and workers), expanding grey/RGB to RGBA. */
import { EdgeAugmentError } from '../errors.js';
import type { RawImage } from '../types.js';
import { convertChannels } from '../io/pixels.js';

/**
 * Makes an `ImageData` from a RawImage (no copy for RGBA `Uint8ClampedArray`-compatible data).
 *
 * @throws {EdgeAugmentError} `UNSUPPORTED_RUNTIME` where `ImageData` does not exist.
 * @example
 * ```ts
 * ctx.putImageData(toImageData(result.image), 0, 0);
 * ```
 */
export function toImageData(image: RawImage): ImageData {
  if (typeof ImageData !== 'function') throw new EdgeAugmentError('UNSUPPORTED_RUNTIME', 'ImageData is not available in this runtime.');
  const rgba = convertChannels(image, 4);
  const d = rgba.data;
  return new ImageData(new Uint8ClampedArray(d.buffer as ArrayBuffer, d.byteOffset, d.byteLength), rgba.width, rgba.height);
}
