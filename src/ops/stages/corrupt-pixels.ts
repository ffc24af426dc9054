/**
 * `corruptPixels`: one ImageNet-C corruption at a severity, its pixel randomness drawn
 * from `seed` by the counter hash (src/ops/corruption/random.ts). Size and channels unchanged.
 */
import { EdgeAugmentError } from '../../errors.js';
import type { Img, Stage, StageKernel } from '../core/types.js';
import { SYNC } from '../corruption/apply.js';

/** Attributes of a `corruptPixels` stage. */
export interface CorruptPixelsStage extends Stage {
  kind: 'corruptPixels';
  corruption: keyof typeof SYNC;
  /** 1..5 */
  severity: number;
  /** 32-bit seed of the pixel randomness (ignored by the deterministic corruptions). */
  seed: number;
}

export const corruptPixelsKernel: StageKernel = {
  kind: 'corruptPixels',
  maskStage: corruptPixelsMaskStage,
  run(src: Img, stage: Stage): Img {
    const { corruption, severity, seed } = stage as CorruptPixelsStage;
    const fn = SYNC[corruption];
    if (!fn || !Number.isInteger(severity) || severity < 1 || severity > 5) {
      throw new EdgeAugmentError('INVALID_PARAMS', `corruptPixels stage: unknown corruption '${String(corruption)}' or severity ${String(severity)} outside 1..5.`);
    }
    return fn(src, severity, seed >>> 0);
  },
};

/**
 * Targets: every corruption is pixel-level (blurs, noise, weather, JPEG, pixelate: masks, boxes and
 * keypoints stay) except `elastic_transform`, which moves pixels by an affine jitter plus a random
 * field: it fails with `UNSUPPORTED_TARGETS` (use the `elastic` op, which moves targets).
 */
export function corruptPixelsMaskStage(stage: Stage): null {
  if ((stage as CorruptPixelsStage).corruption === 'elastic_transform') {
    throw new EdgeAugmentError('UNSUPPORTED_TARGETS', "corruption 'elastic_transform' moves pixels by a random field that masks, boxes and keypoints cannot follow; use the `elastic` op (it moves targets) or leave targets out.", { details: { stage: 'corruptPixels', corruption: 'elastic_transform' } });
  }
  return null;
}
