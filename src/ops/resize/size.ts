/** torchvision 0.14's `_compute_resized_output_size` and `_setup_size`, shared by the resize-family ops. */
import { EdgeAugmentError } from '../../errors.js';

/**
 * Output [h, w] of F.resize for an `h`×`w` image: `size` = [s] matches the shorter edge to s (keeping
 * the aspect ratio, long edge truncated; `maxSize` caps the long edge), [h, w] is exact.
 */
export function resizedOutputSize(h: number, w: number, size: readonly number[], maxSize: number | null): [number, number] {
  if (size.length === 1) {
    const [short, long] = w <= h ? [w, h] : [h, w];
    const req = size[0]!;
    let newShort = req;
    let newLong = Math.trunc((req * long) / short);
    if (maxSize !== null) {
      if (maxSize <= req) throw new EdgeAugmentError('INVALID_PARAMS', `resize.maxSize: ${maxSize} must be greater than the requested short edge ${req}.`, { details: { field: 'maxSize' } });
      if (newLong > maxSize) { newShort = Math.trunc((maxSize * newShort) / newLong); newLong = maxSize; }
    }
    const [nw, nh] = w <= h ? [newShort, newLong] : [newLong, newShort];
    if (nw < 1 || nh < 1) throw new EdgeAugmentError('INVALID_PARAMS', `resize: ${w}×${h} to short edge ${req} gives an empty ${nw}×${nh} image.`, { details: { field: 'size' } });
    return [nh, nw];
  }
  return [size[0]!, size[1]!];
}

/** `_setup_size`: one number (or [n]) → [n, n]; [h, w] stays. */
export function pairSize(size: readonly number[]): [number, number] {
  return size.length === 1 ? [size[0]!, size[0]!] : [size[0]!, size[1]!];
}
