/**
 * Sampling of per-image params exactly as Keras's `get_random_transform` samples them (same
 * distributions, same conditions), from the counter-based generator: params of item i depend only on
 * (seed, i). Each parameter has its own stream, so turning one option on does not change the others.
 */
import type { NormalizedSpec, ShiftRange } from '../spec/spec.js';
import { shiftIsOff } from '../spec/spec.js';
import type { AugmentParams } from './params.js';
import { ItemRandom } from './rng.js';

const STREAM = { theta: 1, shiftA: 2, shiftB: 3, shear: 4, zoom: 5, flipH: 6, flipV: 7, channel: 8, brightness: 9 } as const;

/** One shift value in pixels, as Keras draws it for an axis of `size` pixels. */
export function sampleShift(range: ShiftRange, size: number, rnd: ItemRandom): number {
  if (shiftIsOff(range)) return 0;
  if (typeof range === 'number') {
    if (range >= 1) {
      // Keras int form: np.random.choice(n) * np.random.choice([-1, 1]); max ≥ 1 → pixels.
      const v = rnd.int(range);
      return rnd.bernoulli(0.5) && v !== 0 ? -v : v;
    }
    return rnd.uniform(-range, range) * size;
  }
  if (Array.isArray(range)) {
    const list = range as readonly number[];
    const v = list[rnd.int(list.length)]! * (rnd.bernoulli(0.5) ? -1 : 1);
    return Math.max(...list) < 1 ? v * size : v;
  }
  const p = (range as { pixels: number }).pixels;
  return rnd.uniform(-p, p);
}

/**
 * The params of item `index` under `seed`, for an image of `width` × `height`.
 * In kerasCompat mode, `tx` is drawn from `heightShiftRange` × height and `ty` from
 * `widthShiftRange` × width, as Keras names them; in the default mode `tx` is horizontal (width) and
 * `ty` vertical (height).
 */
export function sampleParams(spec: NormalizedSpec, seed: number, index: number, width: number, height: number, kerasCompat: boolean): AugmentParams {
  const r = (s: number) => new ItemRandom(seed, index, s);
  const theta = spec.rotationRange ? r(STREAM.theta).uniform(-spec.rotationRange, spec.rotationRange) : 0;
  let tx: number;
  let ty: number;
  if (kerasCompat) {
    tx = sampleShift(spec.heightShiftRange, height, r(STREAM.shiftA));
    ty = sampleShift(spec.widthShiftRange, width, r(STREAM.shiftB));
  } else {
    tx = sampleShift(spec.widthShiftRange, width, r(STREAM.shiftB));
    ty = sampleShift(spec.heightShiftRange, height, r(STREAM.shiftA));
  }
  const shear = spec.shearRange ? r(STREAM.shear).uniform(-spec.shearRange, spec.shearRange) : 0;
  let zx = 1;
  let zy = 1;
  if (!(spec.zoomRange[0] === 1 && spec.zoomRange[1] === 1)) {
    const zr = r(STREAM.zoom);
    zx = zr.uniform(spec.zoomRange[0], spec.zoomRange[1]);
    zy = zr.uniform(spec.zoomRange[0], spec.zoomRange[1]);
  }
  const flipHorizontal = r(STREAM.flipH).next() < 0.5 && spec.horizontalFlip;
  const flipVertical = r(STREAM.flipV).next() < 0.5 && spec.verticalFlip;
  const channelShiftIntensity = spec.channelShiftRange !== 0 ? r(STREAM.channel).uniform(-spec.channelShiftRange, spec.channelShiftRange) : null;
  const brightness = spec.brightnessRange ? r(STREAM.brightness).uniform(spec.brightnessRange[0], spec.brightnessRange[1]) : null;
  return { theta, tx, ty, shear, zx, zy, flipHorizontal, flipVertical, channelShiftIntensity, brightness };
}
