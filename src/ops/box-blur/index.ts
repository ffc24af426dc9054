/**
 * `boxBlur`: albumentations `Blur(blur_limit=(3, 7))` — an odd kernel size k drawn uniformly from the
 * odd values of [lo, hi], then OpenCV `cv2.blur(img, (k, k))` (normalised box, BORDER_REFLECT_101).
 * Every channel (alpha too). Float32 separable sums, round half to even: equal to OpenCV's integer box
 * filter (k² is odd, so there are no ties).
 */
import { EdgeAugmentError } from '../../errors.js';
import type { OpDef } from '../core/types.js';
import type { OpRandom } from '../core/random.js';

interface Config { kernelSize: readonly [number, number] }
interface Params { kernelSize: number }

/** Odd values of [lo, hi] with lo raised to ≥ 3, drawn uniformly (albumentations' blur_limit). */
export function sampleOdd(rng: OpRandom, lo: number, hi: number): number {
  const a = lo % 2 === 1 ? lo : lo + 1;
  const n = Math.floor((hi - a) / 2) + 1;
  return a + 2 * rng.int(n);
}

/** Throws unless [lo, hi] contains an odd value. */
export function checkOddRange(r: readonly [number, number], where: string): void {
  const a = r[0] % 2 === 1 ? r[0] : r[0] + 1;
  if (a > r[1]) throw new EdgeAugmentError('INVALID_SPEC', `${where}: got ${JSON.stringify(r)}; allowed: a range holding at least one odd kernel size.`, { details: { field: where } });
}

export const op: OpDef<Config, Params> = {
  name: 'boxBlur',
  summary: 'Box (mean) blur with an odd kernel size from [lo, hi] (albumentations Blur, cv2.blur).',
  reference: 'albumentations Blur; OpenCV 4.6 cv2.blur (BORDER_REFLECT_101)',
  config: {
    kernelSize: { type: 'range', integer: true, min: 1, max: 255, default: [3, 7], scalar: (x) => [3, x], doc: 'odd kernel size drawn from the odd values of [lo, hi]; a number x = [3, x] (albumentations blur_limit)' },
  },
  params: {
    kernelSize: { type: 'number', integer: true, min: 1, max: 255, doc: 'kernel size (odd)' },
  },
  check: (c) => checkOddRange(c.kernelSize, 'boxBlur.kernelSize'),
  sample: (c, rng) => ({ kernelSize: sampleOdd(rng, c.kernelSize[0], c.kernelSize[1]) }),
  lower(p) {
    const k = p.kernelSize;
    if (k % 2 !== 1) throw new EdgeAugmentError('INVALID_PARAMS', `boxBlur.kernelSize: got ${k}; allowed: an odd integer.`);
    const taps = new Array<number>(k).fill(1 / k);
    return [{ kind: 'conv', kx: taps, ky: taps, border: 'reflect101' }];
  },
};
