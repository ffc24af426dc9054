/**
 * The one place the demo imports the SDK from — exactly as a user's app does: `from 'edge-augment'`
 * (demo/build.mjs resolves it to the package's browser build, dist/web/index.js). Nothing else in the
 * page reaches into the SDK.
 */
export {
  createAugmenter, parseKerasArgs, normalizeSpec, getCapabilities, toRawImage, listDirectory, readDatasetFile,
  toImageData, resizeRawImage, encodeImage, isEdgeAugmentError, createManifest, addManifestSource, addManifestVariant,
  buildProfile, compareProfiles, createDriftMonitor, extractImageFeatures,
} from 'edge-augment';
export type {
  Augmenter, AugmentResult, AugmentSpec, AugmentParams, NormalizedSpec, RawImage, Capabilities, DirectoryListing,
  ShiftRange, EngineInfo, Profile, DriftReport, FeatureDrift, DriftMonitor,
} from 'edge-augment';
