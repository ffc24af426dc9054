/**
 * Image features for drift: brightness, contrast, HSV statistics, colourfulness, sharpness,
 * entropy, edge density, size and per-channel histograms, computed in one WASM pass per image,
 * with a pure TypeScript reference of the same definitions.
 */
export {
  IMAGE_FEATURE_NAMES,
  IMAGE_FEATURE_RECORD_NAMES,
  DEFAULT_EDGE_THRESHOLD,
  MAX_FEATURE_PIXELS,
  featuresToRecord,
  validateFeatureImage,
  type ImageFeatureName,
  type ImageFeatures,
  type ImageHistograms,
  type FeatureOptions,
} from './names.js';
export { extractFeaturesReference } from './reference.js';
export { createFeatureExtractor, createFeatureExtractorSync, type FeatureExtractor } from './wasm.js';
