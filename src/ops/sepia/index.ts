/**
 * `sepia`: albumentations ToSepia — the sepia matrix [[0.393, 0.769, 0.189], [0.349, 0.686, 0.168],
 * [0.272, 0.534, 0.131]] on RGB through cv2.transform's 10-bit fixed point, clipped (byte-identical to
 * OpenCV). Grey input becomes RGB first (as cv2 GRAY2RGB); alpha kept.
 */
import type { ImageInfo, OpDef, Stage } from '../core/types.js';
import type { FixedColorStage } from '../stages/fixed-color.js';
import type { GrayscaleStage } from '../stages/grayscale.js';

/** The sepia matrix (row-major 3×3). */
export const SEPIA: readonly number[] = /* #__PURE__ */ Object.freeze([0.393, 0.769, 0.189, 0.349, 0.686, 0.168, 0.272, 0.534, 0.131]);

/** The stages of sepia on an image of `info`. */
export function sepiaStages(info: ImageInfo): Stage[] {
  const s: Stage[] = [{ kind: 'fixedColor', m: SEPIA } as FixedColorStage];
  return info.channels === 1 ? [{ kind: 'grayscale', outChannels: 3 } as GrayscaleStage, ...s] : s;
}

export const op: OpDef = {
  name: 'sepia',
  summary: 'Sepia tone (albumentations ToSepia, OpenCV fixed point; exact); grey input becomes RGB.',
  reference: 'albumentations ToSepia (cv2.transform)',
  config: {},
  params: {},
  sample: () => ({}),
  lower: (_p, info) => sepiaStages(info),
};
