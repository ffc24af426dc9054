/**
 * The one place the demo imports the SDK from — exactly as a user's app does: `from 'edge-augment'`
 * (the build resolves it to the package's browser build, dist/web/index.js).
 *
 * Drift is not in the package barrel yet (src/index.ts). Until it is, its names come from the SDK's
 * drift sources, bundled into the page; when `edge-augment` exports them, replace the two `../../src`
 * lines with names from 'edge-augment' and nothing else in the demo changes.
 */
export {
  createAugmenter, parseKerasArgs, normalizeSpec, getCapabilities, toRawImage, listDirectory, readDatasetFile,
  toImageData, resizeRawImage, encodeImage, isEdgeAugmentError, createManifest, addManifestSource,
  addManifestVariant,
} from 'edge-augment';
export type {
  Augmenter, AugmentResult, AugmentSpec, AugmentParams, NormalizedSpec, RawImage, Capabilities, DirectoryListing,
  ShiftRange, EngineInfo,
} from 'edge-augment';

// Pending export from the package barrel (see the header).
export { buildProfile, compareProfiles, createMonitorCore } from '../../src/drift/index.js';
export type { Profile, DriftReport, FeatureDrift, MonitorCore } from '../../src/drift/index.js';
export { createFeatureExtractor, featuresToRecord } from '../../src/drift/features/index.js';
export type { FeatureExtractor } from '../../src/drift/features/index.js';
