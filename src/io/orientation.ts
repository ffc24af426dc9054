/**
 * EXIF orientation: turning a stored image upright, as a viewer would display it. Pure code on
 * interleaved u8 pixels, used by the non-browser decode path (browsers rotate natively through
 * `createImageBitmap(..., { imageOrientation: 'from-image' })`).
 */
import type { RawImage } from '../types.js';
import type { ExifOrientation } from './sniff.js';

/**
 * Returns the upright image for an EXIF orientation (TIFF tag 0x0112):
 * 1 as stored, 2 mirror left↔right, 3 rotate 180°, 4 mirror top↕bottom, 5 transpose
 * (mirror about the main diagonal), 6 rotate 90° clockwise, 7 transverse (mirror about the
 * anti-diagonal), 8 rotate 90° counter-clockwise. Orientations 5–8 swap width and height.
 * Orientation 1 returns the input itself (no copy).
 *
 * @example
 * ```ts
 * const upright = applyOrientation(stored, 6); // a phone photo taken in portrait
 * ```
 */
export function applyOrientation(img: RawImage, orientation: ExifOrientation): RawImage {
  if (orientation === 1) return img;
  const { width: W, height: H, channels: C, data: src } = img;
  const swap = orientation >= 5;
  const ow = swap ? H : W;
  const oh = swap ? W : H;
  const out = new Uint8Array(W * H * C);
  // For output (x, y): source column sx and row sy.
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2: sx = W - 1 - x; sy = y; break;
        case 3: sx = W - 1 - x; sy = H - 1 - y; break;
        case 4: sx = x; sy = H - 1 - y; break;
        case 5: sx = y; sy = x; break;
        case 6: sx = y; sy = H - 1 - x; break;
        case 7: sx = W - 1 - y; sy = H - 1 - x; break;
        default: sx = W - 1 - y; sy = x; break; // 8
      }
      const si = (sy * W + sx) * C;
      const di = (y * ow + x) * C;
      for (let c = 0; c < C; c++) out[di + c] = src[si + c];
    }
  }
  return { data: out, width: ow, height: oh, channels: C };
}
