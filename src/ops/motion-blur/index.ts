/**
 * `motionBlur`: albumentations `MotionBlur(blur_limit=(3, 7), angle_range=(0, 360),
 * direction_range=(-1, 1), allow_shifted=True)` — a line kernel (albumentations' create_motion_kernel:
 * 2k points on a segment of half-length k//2 at `angle`, stretched by 1 + |direction|, optionally
 * shifted by up to ±(k//2)/2, rounded half to even and clipped to the kernel; normalised to sum 1),
 * applied as OpenCV `cv2.filter2D` (correlation, BORDER_REFLECT_101) in float32. Every channel.
 */
import { EdgeAugmentError } from '../../errors.js';
import type { OpDef } from '../core/types.js';
import { checkOddRange, sampleOdd } from '../box-blur/index.js';

interface Config { kernelSize: readonly [number, number]; angle: readonly [number, number]; direction: readonly [number, number]; allowShifted: boolean }
interface Params { kernelSize: number; angle: number; direction: number; shiftX: number; shiftY: number }

function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** The normalised k×k line kernel (row-major), as albumentations builds it (float64 geometry). */
export function motionKernel(k: number, angle: number, direction: number, shiftX: number, shiftY: number): number[] {
  const kernel = new Array<number>(k * k).fill(0);
  const center = Math.floor(k / 2);
  const rad = angle * (Math.PI / 180);
  const dx = Math.cos(rad);
  const dy = Math.sin(rad);
  const L = Math.floor(k / 2);
  const n = 2 * k;
  const step = (2 * L) / (n - 1);
  for (let i = 0; i < n; i++) {
    let t = i === n - 1 ? L : -L + i * step;
    if (direction !== 0) {
      t *= 1 + Math.abs(direction);
      if (direction < 0) t = -t;
    }
    const x = Math.min(k - 1, Math.max(0, roundHalfEven(center + dx * t + shiftX)));
    const y = Math.min(k - 1, Math.max(0, roundHalfEven(center + dy * t + shiftY)));
    kernel[y * k + x] = 1;
  }
  let sum = kernel.reduce((a, b) => a + b, 0);
  if (sum === 0) { kernel[center * k + center] = 1; sum = 1; }
  return kernel.map((v) => Math.fround(v / sum));
}

export const op: OpDef<Config, Params> = {
  name: 'motionBlur',
  summary: 'Motion blur along a random line (albumentations MotionBlur, applied as cv2.filter2D).',
  reference: 'albumentations MotionBlur (create_motion_kernel); OpenCV 4.6 cv2.filter2D',
  config: {
    kernelSize: { type: 'range', integer: true, min: 3, max: 101, default: [3, 7], scalar: (x) => [3, x], doc: 'odd kernel size drawn from the odd values of [lo, hi] (albumentations blur_limit)' },
    angle: { type: 'range', min: -360, max: 360, default: [0, 360], scalar: (x) => [x, x], doc: 'line angle in degrees (counter-clockwise), uniform in [lo, hi]' },
    direction: { type: 'range', min: -1, max: 1, default: [-1, 1], scalar: (x) => [x, x], doc: 'direction bias in [−1, 1], uniform in [lo, hi] (stretches the line by 1 + |d|)' },
    allowShifted: { type: 'bool', default: true, doc: 'shift the line off-centre by up to ±(k//2)/2 pixels' },
  },
  params: {
    kernelSize: { type: 'number', integer: true, min: 3, max: 101, doc: 'kernel size (odd)' },
    angle: { type: 'number', min: -360, max: 360, doc: 'degrees' },
    direction: { type: 'number', min: -1, max: 1, doc: 'direction bias' },
    shiftX: { type: 'number', min: -64, max: 64, default: 0, doc: 'line shift in kernel pixels' },
    shiftY: { type: 'number', min: -64, max: 64, default: 0, doc: 'line shift in kernel pixels' },
  },
  check: (c) => checkOddRange(c.kernelSize, 'motionBlur.kernelSize'),
  sample(c, rng) {
    const kernelSize = sampleOdd(rng, c.kernelSize[0], c.kernelSize[1]);
    const angle = rng.uniform(c.angle[0], c.angle[1]);
    const direction = rng.uniform(c.direction[0], c.direction[1]);
    const L = Math.floor(kernelSize / 2);
    const shiftX = c.allowShifted ? rng.uniform(-1, 1) * L / 2 : 0;
    const shiftY = c.allowShifted ? rng.uniform(-1, 1) * L / 2 : 0;
    return { kernelSize, angle, direction, shiftX, shiftY };
  },
  lower(p) {
    const k = p.kernelSize;
    if (k % 2 !== 1) throw new EdgeAugmentError('INVALID_PARAMS', `motionBlur.kernelSize: got ${k}; allowed: an odd integer.`);
    return [{ kind: 'conv', k2: motionKernel(k, p.angle, p.direction, p.shiftX, p.shiftY), kw: k, kh: k, border: 'reflect101' }];
  },
};
