/**
 * The one place the demo imports the SDK from — exactly as a user's app does: `from 'edge-augment'`
 * (demo/build.mjs resolves it to the package's browser build, dist/web/index.js). Nothing else in the
 * page reaches into the SDK.
 */
import { createAugmenter as sdkCreateAugmenter } from 'edge-augment';

/**
 * tfjs threads per engine when the page is cross-origin isolated: tfjs would pick
 * min(8, cores / 2), a single thread on a 2-core machine; 2–4 threads help its kernels there too.
 */
function demoThreads(): number | undefined {
  if (!globalThis.crossOriginIsolated) return undefined;
  return Math.max(2, Math.min(4, navigator.hardwareConcurrency || 2));
}

/** `createAugmenter` with the demo's thread count (an explicit `threads` option wins). */
export function createAugmenter(options: Parameters<typeof sdkCreateAugmenter>[0]): ReturnType<typeof sdkCreateAugmenter> {
  const threads = demoThreads();
  return sdkCreateAugmenter(threads === undefined ? options : { threads, ...options });
}

export {
  parseKerasArgs, normalizeSpec, getCapabilities, toRawImage, listDirectory, readDatasetFile,
  toImageData, resizeRawImage, encodeImage, isEdgeAugmentError, createManifest, addManifestSource, addManifestVariant,
  buildProfile, compareProfiles, createDriftMonitor, extractImageFeatures, compilePipeline, pipelineToJSON, listOps,
  fromTorchvision, fromAlbumentations, fromKeras3,
  corrupt, probeRobustness, buildSignatureBank, overlayLogo, convertBoxes, convertKeypoints,
} from 'edge-augment';
export type {
  Augmenter, AugmentResult, AugmentSpec, AugmentParams, NormalizedSpec, RawImage, Capabilities, DirectoryListing,
  ShiftRange, EngineInfo, Profile, DriftReport, FeatureDrift, DriftMonitor, PipelineJSON, PipelineNodeJSON, Field, AppliedOp,
  ImportedPipeline,
  CorruptionName, ProbeResult, ProbeModel, SignatureBank, DriftFingerprint,
  Targets, TargetsResult, BoxFormat, KeypointFormat,
} from 'edge-augment';
