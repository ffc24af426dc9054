/** Keras `fit()`: per-channel mean and std over a set of images, after rescale (no augmentation). */
import { EdgeAugmentError } from '../errors.js';
import type { RawImageLike } from '../types.js';
import { validateImage } from '../engine/validate.js';
import type { FeaturewiseStats } from '../plan/compose.js';

/**
 * Per-channel mean and population std (numpy `np.std`) of `images × rescale`, over every pixel of
 * every image, computed in float64 with two passes. RGBA inputs with `tensorChannels: 'rgb'` give
 * 3 channels (alpha ignored), matching the float outputs.
 *
 * @throws {EdgeAugmentError} `EMPTY_INPUT` for no images, `INVALID_ARGUMENT` for mixed channel counts.
 */
export function computeFeaturewiseStats(images: RawImageLike[], rescale: number | null, tensorChannels: 'rgb' | 'all' = 'rgb'): FeaturewiseStats {
  if (!Array.isArray(images) || images.length === 0) throw new EdgeAugmentError('EMPTY_INPUT', 'fit(images): expected a non-empty array of RawImages.');
  const imgs = images.map((im, i) => validateImage(im, `images[${i}]`));
  const ch = imgs[0]!.channels;
  if (imgs.some((im) => im.channels !== ch)) throw new EdgeAugmentError('INVALID_ARGUMENT', 'fit(images): all images must have the same channel count.');
  const outC = ch === 4 && tensorChannels === 'rgb' ? 3 : ch;
  const r = rescale ?? 1;
  const sum = new Float64Array(outC);
  const count = new Float64Array(outC);
  for (const im of imgs) {
    const d = im.data;
    for (let i = 0; i < d.length; i += ch) for (let c = 0; c < outC; c++) { sum[c] += d[i + c]! * r; count[c]++; }
  }
  const mean = Array.from(sum, (s, c) => s / count[c]!);
  const ss = new Float64Array(outC);
  for (const im of imgs) {
    const d = im.data;
    for (let i = 0; i < d.length; i += ch) for (let c = 0; c < outC; c++) { const v = d[i + c]! * r - mean[c]!; ss[c] += v * v; }
  }
  return { mean, std: Array.from(ss, (s, c) => Math.sqrt(s / count[c]!)) };
}
