/**
 * Config importers: a pipeline written for another library becomes an edge-augment op pipeline plus
 * the augmenter options it implies. Supported sources: a torchvision `Compose` written as JSON
 * ({@link fromTorchvision}), an albumentations `A.to_dict()` JSON ({@link fromAlbumentations}) and a
 * Keras 3 `Sequential` of preprocessing layers as `get_config()` / `serialize_keras_object` JSON
 * ({@link fromKeras3}). Where a source option has no exact counterpart, the importer converts as
 * closely as it can and says so in `notes` (one line each); a transform we do not have is an
 * `INVALID_SPEC` naming it, the ones we have and the nearest one. The full mapping: docs/IMPORTERS.md.
 */
import type { PipelineJSON } from '../ops/core/pipeline.js';

/** Box formats (albumentations `bbox_params.format`). */
export type ImportedBoxFormat = 'pascal_voc' | 'coco' | 'yolo' | 'albumentations';
/** Keypoint formats (albumentations `keypoint_params.format`). */
export type ImportedKeypointFormat = 'xy' | 'yx' | 'xya' | 'xys' | 'xyas' | 'xysa';

/** albumentations `bbox_params`, camelCase: the box-target defaults an imported pipeline implies. */
export interface ImportedBoxDefaults {
  format: ImportedBoxFormat;
  minArea?: number;
  minVisibility?: number;
  minWidth?: number;
  minHeight?: number;
  clip?: boolean;
  /** Names of the label lists carried with the boxes (albumentations `label_fields`). */
  labelFields?: string[];
}

/** albumentations `keypoint_params`, camelCase. */
export interface ImportedKeypointDefaults {
  format?: ImportedKeypointFormat;
  angleInDegrees?: boolean;
  removeInvisible?: boolean;
  labelFields?: string[];
}

/** What an importer returns: the pipeline and what else the source config said. */
export interface ImportedPipeline {
  /** The op pipeline (plain JSON, as `createAugmenter({ pipeline })` takes it). */
  pipeline: PipelineJSON;
  /** Options the source config implies: e.g. ToTensor + Normalize → `{ rescale: 1/255, normalize }`. */
  options?: { rescale?: number; normalize?: { mean: number[]; std: number[] } };
  /** albumentations `bbox_params` / `keypoint_params` as target defaults. */
  targets?: { boxes?: ImportedBoxDefaults; keypoints?: ImportedKeypointDefaults };
  /** One line per approximated or ignored option: what the source meant and what we do. */
  notes: string[];
}

export { fromTorchvision } from './torchvision.js';
export { fromAlbumentations } from './albumentations.js';
export { fromKeras3 } from './keras3.js';
