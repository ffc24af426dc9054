/**
 * edge-augment — Keras-compatible image augmentation in one fused WebAssembly SIMD pass, and
 * on-device drift statistics. Explicit named exports only.
 * @module edge-augment
 */
export { EdgeAugmentError, isEdgeAugmentError, ERROR_CODES } from './errors.js';
export type { EdgeAugmentErrorCode, SerializedEdgeAugmentError } from './errors.js';
export type { RawImage, Channels, ImageDataLike, RawImageLike } from './types.js';

export { createAugmenter } from './client/augmenter.js';
export type { Augmenter, AugmenterOptions, AugmentResult, AugmentFailure, CallOptions, BatchOptions, RawBatchResult, FloatBatchResult, TensorBatchResult } from './client/augmenter.js';
export { computeFeaturewiseStats } from './client/fit.js';

export { normalizeSpec } from './spec/spec.js';
export type { AugmentSpec, NormalizedSpec, ShiftRange } from './spec/spec.js';
export { fromKerasConfig, parseKerasArgs } from './spec/keras.js';
export type { KerasImport, KerasExtras } from './spec/keras.js';

export { sampleParams } from './plan/sample.js';
export { composeMatrix, composeWarp, planItem } from './plan/compose.js';
export type { FeaturewiseStats, Affine, ItemPlan } from './plan/compose.js';
export { fromExplicitParams, toKerasParams, IDENTITY_PARAMS } from './plan/params.js';
export type { AugmentParams, KerasTransformParams } from './plan/params.js';
export type { WarpParams, FloatOutputParams, FillMode, Interpolation } from './kernels/contract.js';

export { getCapabilities, setCapabilities } from './runtime/capabilities.js';
export type { Capabilities, RuntimeName, WorkerKind } from './runtime/capabilities.js';
export { setWasmPaths } from './runtime/assets.js';
export type { WasmAssets, WasmSource } from './runtime/assets.js';
export type { BackendChoice } from './runtime/tfjs-init.js';
export { WorkerPool } from './runtime/pool.js';
export type { EngineInfo } from './engine/engine.js';

// Images in and out, folder datasets, upload manifests.
export {
  sniffImage, detectFormat, decodeImage, decodeMany, encodeImage, encodeImageToBlob, setCodecModules, toRawImage,
  convertChannels, resizeRawImage, listDirectory, makeLabel, shuffleIndices, readDatasetFile, KERAS_IMAGE_EXTENSIONS,
  sha256Hex, createManifest, addManifestSource, addManifestVariant, validateManifest, verifyVariant, MANIFEST_FORMAT_VERSION,
  DEFAULT_MAX_PIXELS,
} from './io/index.js';
export type {
  ImageFormat, ImageHeader, EncodedInput, DecodeOptions, DecodeResult, DecodeManyOptions, EncodeFormat, EncodeOptions, CodecModules,
  ImageInput, ToRawImageOptions, ResizeMethod, ClassMode, DirectorySource, ListDirectoryOptions, DatasetFile, DirectoryListing,
  UploadManifest, ManifestSource, ManifestVariant,
} from './io/index.js';
export { augmentForUpload } from './client/upload.js';
export type { UploadOptions, UploadItem, UploadRun, UploadSource } from './client/upload.js';
export { fromDirectory } from './client/dataset.js';
export type { FromDirectoryOptions, DirectoryBatch, DirectoryDataset } from './client/dataset.js';
export { toImageData } from './client/image-data.js';

// Drift: profiles, monitor, reports, online detectors, image features, scipy-exact statistics.
export { buildProfile, createDriftMonitor, extractImageFeatures } from './client/drift.js';
export type { BuildProfileOptions, DriftMonitor, DriftMonitorOptions, DriftBatch, DriftExecutionOptions, FeatureFailure, DriftWatch } from './client/drift.js';
export {
  Profile, ProfileBuilder, mergeProfiles, PROFILE_FORMAT_VERSION, compareProfiles, makeReport, createMonitorCore,
  Adwin, PageHinkley, Kswin, Ddm, detectorFromJSON, KllSketch, FixedHistogram, FrequentItems, Moments,
  IMAGE_FEATURE_NAMES, IMAGE_FEATURE_RECORD_NAMES, featuresToRecord, extractFeaturesReference, createFeatureExtractor,
  IMAGE_ASPECTS, createFeatureWatch,
} from './drift/index.js';
export { HllSketch, sketchesToJSON, profilesToJSONLines, profilesFromJSONLines } from './drift/index.js';
export type { ProfileSketches, ProfileSketchesJSON, FeatureSketches } from './drift/index.js';
export { buildProfile as buildProfileFromRecords } from './drift/index.js';
export type {
  FeatureKind, ProfileRow, ProfileVector, ProfileInput, ProfileOptions, ProfileJSON, FeatureProfile, DriftTestName,
  DriftCorrection, DriftReportOptions, FeatureDrift, DriftReportJSON, DriftReport, MonitorCoreOptions, MonitorInput, MonitorCore,
  AdwinOptions, PageHinkleyOptions, KswinOptions, DdmOptions, DetectorResult, OnlineDetector, ImageFeatureName, ImageFeatures,
  FeatureExtractor, ImageAspect, AspectDrift, DatasetRule, FeatureWatch, FeatureWatchOptions, WatchAlarm,
} from './drift/index.js';
export { stats } from './drift/stats-namespace.js';

// Op pipelines: JSON pipelines of registered ops, the op registry, and the torchvision-style functional API.
export * as functional from './ops/functional.js';
export { compilePipeline, pipelineToJSON, planOutput, planReplay } from './ops/core/pipeline.js';
export type { PipelineJSON, PipelineNodeJSON, OutputPlan } from './ops/core/pipeline.js';
export { getOp, opNames, listOps } from './ops/registry.js';
export type { AppliedOp, OpDef, Stage, StageKernel, ImageInfo, CompiledNode, Expansion, Img } from './ops/core/types.js';
export type { Field, FieldTable } from './ops/core/fields.js';
export type { PipelineParams } from './client/augmenter.js';
export { corrupt, CORRUPTIONS } from './ops/corruption/index.js';
export type { CorruptOptions, CorruptionName } from './ops/corruption/index.js';
export { probeRobustness, corruptionErrors, BENCHMARK_CORRUPTIONS } from './probe/probe.js';
export type { ProbeModel, ProbeOptions, ProbeResult, ProbeCell, CorruptionErrors } from './probe/probe.js';
// Batch mixing (mixUp / cutMix as the last pipeline op): label replay and the params' shapes.
export { mixLabel, mixOf } from './ops/mix/index.js';
export type { MixPartnerParams } from './ops/mix/index.js';
export type { MixUpParams } from './ops/mix-up/index.js';
export type { CutMixParams } from './ops/cut-mix/index.js';
export type { ApplyOptions } from './client/augmenter.js';
// Attack-family fingerprint of drift (issue 14 §4).
export { buildSignatureBank, overlayLogo, DEFAULT_FINGERPRINT_FAMILIES } from './client/fingerprint.js';
export type { SignatureBankOptions } from './client/fingerprint.js';
export { fingerprintDrift, parseSignatureBank, FINGERPRINT_FEATURES, SIGNATURE_BANK_VERSION } from './drift/index.js';
export type { SignatureBank, FingerprintOptions, DriftFingerprint, FamilyMatch, FingerprintFamily } from './drift/index.js';
// Types (and two constants) the public API refers to, importable by name (TypeDoc: `npm run docs`).
export type { NumericFeatureProfile, CategoricalFeatureProfile, ProfileSettings, NumericFeatureJSON, CategoricalFeatureJSON } from './drift/profile.js';
export type { AdwinJSON } from './drift/online/adwin.js';
export type { DdmJSON } from './drift/online/ddm.js';
export type { KswinJSON } from './drift/online/kswin.js';
export type { PageHinkleyJSON } from './drift/online/page-hinkley.js';
export type { FixedHistogramJSON } from './drift/sketch/histogram.js';
export type { FrequentItemsJSON } from './drift/sketch/frequent.js';
export type { KllSketchJSON } from './drift/sketch/kll.js';
export type { MomentsJSON } from './drift/sketch/moments.js';
export type { VectorReservoir, VectorReservoirJSON } from './drift/sketch/reservoir.js';
export { JSON_LIMITS } from './drift/sketch/json.js';
export { DEFAULT_EDGE_THRESHOLD } from './drift/features/names.js';
export type { FeatureOptions, ImageHistograms } from './drift/features/names.js';
export type { NumericArray } from './drift/stats/input.js';
export type { AndersonKsampResult } from './drift/stats/anderson.js';
export type { ChisquareResult, Chi2ContingencyOptions, Chi2ContingencyResult } from './drift/stats/chisquare.js';
export type { CorrectionResult } from './drift/stats/multipleTesting.js';
export type { CramerVonMisesOptions, CramerVonMisesResult } from './drift/stats/cvm.js';
export type { JensenShannonOptions, KlDivergenceOptions, PsiOptions } from './drift/stats/divergence.js';
export type { Ks2sampOptions, Ks2sampResult } from './drift/stats/ks.js';
export type { MannWhitneyOptions, MannWhitneyResult } from './drift/stats/mannwhitney.js';
export type { Matrix, Mmd2Options, Mmd2Result, MmdTestOptions, MmdTestResult } from './drift/stats/mmd.js';
export type { TtestIndOptions, TtestIndResult } from './drift/stats/ttest.js';
export type { DirectoryHandleLike, RelativeFileLike, FileHandleLike } from './io/directory.js';
export type { ExifOrientation, SniffOptions } from './io/sniff.js';
export type { TensorLike } from './io/raw.js';
export { FILL_MODES, INTERPOLATIONS } from './kernels/contract.js';
export type { DistinctCounter, DistinctCounterJSON } from './drift/sketch/distinct.js';
export type { Alternative } from './drift/stats/ks.js';
// Types the op and drift APIs refer to (TypeDoc).
export type { NumberField, RangeField, BoolField, EnumField, NumbersField, OpsField, JsonField } from './ops/core/fields.js';
export type { OpRandom } from './ops/core/random.js';
export type { StageContext } from './ops/core/types.js';
export type { KllItemType } from './drift/sketch/kll.js';
export type { ContingencyTable } from './drift/stats/chisquare.js';
export type { AndersonKsampOptions } from './drift/stats/anderson.js';
export { cusumThreshold } from './drift/watch.js';
// Config importers (issue 11): torchvision / albumentations / Keras 3 pipelines as JSON.
export { fromTorchvision, fromAlbumentations, fromKeras3 } from './importers/index.js';
export type { ImportedPipeline, ImportedBoxDefaults, ImportedKeypointDefaults, ImportedBoxFormat, ImportedKeypointFormat } from './importers/index.js';
// Targets: masks, boxes and keypoints moved with every op (augment/augmentBatch `targets`, apply's third argument).
export { convertBoxes, convertKeypoints } from './targets/formats.js';
export type { Targets, TargetsResult, BoxTargets, BoxFormat, KeypointTargets, KeypointFormat, MaskImage } from './targets/types.js';
export type { TargetOptions } from './client/augmenter.js';
