/**
 * `gaussianBlur`: torchvision 0.14 `GaussianBlur(kernel_size, sigma=(0.1, 2.0))` — σ drawn uniformly
 * from [lo, hi] (one σ for both axes), then `F.gaussian_blur`: float32 1-D kernels, reflect padding
 * (reflect101), float32 correlation, round half to even. Every channel is blurred (alpha too, as
 * torchvision does). Kernels larger than the image reflect again instead of raising.
 */
import { EdgeAugmentError } from '../../errors.js';
import type { OpDef } from '../core/types.js';
import { gaussianKernel1d } from '../stages/conv.js';

interface Config { kernelSize: readonly number[]; sigma: readonly [number, number] }
interface Params { kernelSize: readonly number[]; sigma: readonly number[] }

/** Throws unless both kernel sizes are odd. */
export function checkOddSizes(ks: readonly number[], where: string, code: 'INVALID_SPEC' | 'INVALID_PARAMS' | 'INVALID_ARGUMENT'): void {
  if (!ks.every((k) => k % 2 === 1)) {
    throw new EdgeAugmentError(code, `${where}: got ${JSON.stringify(ks)}; allowed: odd positive integers (torchvision: "Kernel size value should be an odd and positive number").`, { details: { field: where } });
  }
}

export const op: OpDef<Config, Params> = {
  name: 'gaussianBlur',
  summary: 'Gaussian blur with σ drawn from [lo, hi] (torchvision GaussianBlur).',
  example: { kernelSize: 9, sigma: [0.1, 3] },
  reference: 'torchvision 0.14 T.GaussianBlur / F.gaussian_blur',
  config: {
    kernelSize: { type: 'numbers', integer: true, min: 1, max: 255, minLength: 2, maxLength: 2, broadcast: 2, doc: 'kernel size [x, y] (odd), or one number for both' },
    sigma: { type: 'range', min: 0, max: 100, default: [0.1, 2.0], scalar: (x) => [x, x], doc: 'σ drawn uniformly from [lo, hi] (one σ for both axes); a number = fixed σ' },
  },
  params: {
    kernelSize: { type: 'numbers', integer: true, min: 1, max: 255, minLength: 2, maxLength: 2, broadcast: 2, doc: 'kernel size [x, y] (odd)' },
    sigma: { type: 'numbers', min: 0, max: 100, minLength: 2, maxLength: 2, broadcast: 2, doc: 'σ [x, y] (> 0)' },
  },
  check(c) {
    checkOddSizes(c.kernelSize, 'gaussianBlur.kernelSize', 'INVALID_SPEC');
    if (!(c.sigma[0] > 0)) throw new EdgeAugmentError('INVALID_SPEC', `gaussianBlur.sigma: got ${JSON.stringify(c.sigma)}; allowed: σ > 0.`, { details: { field: 'gaussianBlur.sigma' } });
  },
  sample(c, rng) {
    const s = rng.uniform(c.sigma[0], c.sigma[1]);
    return { kernelSize: [c.kernelSize[0]!, c.kernelSize[1]!], sigma: [s, s] };
  },
  lower(p) {
    checkOddSizes(p.kernelSize, 'gaussianBlur.kernelSize', 'INVALID_PARAMS');
    if (!(p.sigma[0]! > 0 && p.sigma[1]! > 0)) throw new EdgeAugmentError('INVALID_PARAMS', `gaussianBlur.sigma: got ${JSON.stringify(p.sigma)}; allowed: σ > 0.`);
    return [{ kind: 'conv', kx: gaussianKernel1d(p.kernelSize[0]!, p.sigma[0]!), ky: gaussianKernel1d(p.kernelSize[1]!, p.sigma[1]!), border: 'reflect101' }];
  },
};
