/**
 * Targets that move with an image (issue 11): segmentation masks, bounding boxes and keypoints, in the
 * shapes albumentations users know (`bbox_params` / `keypoint_params`, camelCase). Coordinates are
 * continuous pixel coordinates with the pixel-corner convention: pixel column i spans [i, i + 1), the
 * image is [0, width] × [0, height] (albumentations' and torchvision v2's box convention; keypoints use
 * the same frame, so a pixel's centre is (i + 0.5, j + 0.5)).
 */
import type { RawImage, RawImageLike } from '../types.js';

/**
 * Box formats (albumentations `core/bbox_utils.py`):
 * - `pascal_voc`: [x_min, y_min, x_max, y_max] in pixels;
 * - `coco`: [x_min, y_min, width, height] in pixels;
 * - `yolo`: [x_center, y_center, width, height] normalised by the image size;
 * - `albumentations`: [x_min, y_min, x_max, y_max] normalised by the image size.
 */
export type BoxFormat = 'pascal_voc' | 'coco' | 'yolo' | 'albumentations';

/** Boxes to move with an image (albumentations' `BboxParams`, camelCase). */
export interface BoxTargets {
  /**
   * Required, unless the augmenter was imported from an albumentations config with `bbox_params`
   * (its format, minArea, minVisibility… are then the defaults of every call's boxes).
   */
  format?: BoxFormat;
  /** 4 coordinates each, plus any extra values, carried along unchanged (as albumentations does). */
  boxes: number[][];
  /** One per box, carried with each kept box (like `label_fields`). */
  labels?: unknown[];
  /** Drop boxes whose clipped area is below this many px² (default 0). */
  minArea?: number;
  /** Drop boxes that keep less than this fraction of their area inside the image (0..1, default 0). */
  minVisibility?: number;
  /** Drop boxes narrower than this many px after clipping (default 0; boxes under 1 px always go, as in albumentations). */
  minWidth?: number;
  /** Drop boxes lower than this many px after clipping (default 0; under 1 px always go). */
  minHeight?: number;
  /**
   * Input boxes that leave the image: true (default) clips them to it first; false makes them an
   * `INVALID_ARGUMENT` error (albumentations' `clip=False` check). Output boxes are always clipped.
   */
  clip?: boolean;
}

/**
 * Keypoint formats (albumentations `core/keypoints_utils.py`): x, y, angle (a), scale (s) in the
 * order named; e.g. `xyas` = [x, y, angle, scale].
 */
export type KeypointFormat = 'xy' | 'yx' | 'xya' | 'xys' | 'xyas' | 'xysa';

/** Keypoints to move with an image (albumentations' `KeypointParams`, camelCase). */
export interface KeypointTargets {
  /** Default 'xy'. */
  format?: KeypointFormat;
  /** One array per point in `format`, plus any extra values carried along unchanged. */
  points: number[][];
  /** One per point, carried with each kept point. */
  labels?: unknown[];
  /** Angles in degrees (default true) or radians. Output angles are in [0, 360) (or [0, 2π)). */
  angleInDegrees?: boolean;
  /**
   * true (default): a point that leaves the image is dropped; false: it is kept (and keeps moving),
   * flagged `visible: false`.
   */
  removeInvisible?: boolean;
}

/**
 * A mask: an image of labels (1, 3 or 4 channels like a RawImage, or 2 — e.g. two label planes —
 * which runs as two 1-channel planes).
 */
export type MaskImage = RawImage | { data: Uint8Array | Uint8ClampedArray; width: number; height: number; channels: 2 };

/** What moves with an image: masks (same size as the image, 1–4 channels), boxes, keypoints. */
export interface Targets {
  masks?: (RawImageLike | MaskImage)[];
  boxes?: BoxTargets;
  keypoints?: KeypointTargets;
}

/** Targets after augmentation, in the input's formats. */
export interface TargetsResult {
  /** One per input mask, the output image's size, the mask's channels. */
  masks?: MaskImage[];
  boxes?: {
    format: BoxFormat;
    boxes: number[][];
    labels?: unknown[];
    /** Input index of each kept box. */
    kept: number[];
  };
  keypoints?: {
    format: KeypointFormat;
    points: number[][];
    labels?: unknown[];
    /** Input index of each kept point. */
    kept: number[];
    /** Per kept point: inside the image after every op that moved it. */
    visible: boolean[];
  };
}
