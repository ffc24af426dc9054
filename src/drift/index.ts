/**
 * Drift statistics, profiles and detectors of edge-augment — the public surface of `src/drift`.
 * Every name is re-exported explicitly (no `export *`), so bundlers can drop what an app does not use.
 *
 * - Profiles: {@link buildProfile}, {@link ProfileBuilder}, {@link Profile} (mergeable, versioned JSON).
 * - Reports: {@link compareProfiles} → {@link DriftReport}; {@link createMonitorCore} for streaming.
 * - Online detectors: {@link Adwin}, {@link PageHinkley}, {@link Kswin}, {@link Ddm}.
 * - Sketches: {@link KllSketch}, {@link FixedHistogram}, {@link FrequentItems}, {@link Moments}, …
 * - Image features: {@link createFeatureExtractor}, {@link featuresToRecord} (rows for {@link ProfileBuilder}).
 * - Statistics (scipy-exact): {@link ks2samp}, {@link wassersteinDistance}, {@link jensenShannon}, …
 */

// Profiles
export { Profile, ProfileBuilder, buildProfile, mergeProfiles, PROFILE_FORMAT_VERSION } from './profile.js';
export type {
  FeatureKind, ProfileRow, ProfileVector, ProfileInput, ProfileSettings, ProfileOptions, NumericFeatureProfile,
  CategoricalFeatureProfile, FeatureProfile, NumericFeatureJSON, CategoricalFeatureJSON, ProfileJSON,
} from './profile.js';
// Fleet: profiles as Apache DataSketches sketches
export { sketchesToJSON, profilesToJSONLines, profilesFromJSONLines } from './profile.js';
export type { ProfileSketches, ProfileSketchesJSON, FeatureSketches } from './profile.js';

// Reports and the monitor core
export { compareProfiles, makeReport } from './report.js';
export type { DriftTestName, DriftCorrection, DriftReportOptions, FeatureDrift, DriftReportJSON, DriftReport } from './report.js';
export { createMonitorCore } from './monitor-core.js';
export type { MonitorCoreOptions, MonitorInput, MonitorCore } from './monitor-core.js';
export { IMAGE_ASPECTS } from './aspects.js';
export type { ImageAspect, AspectDrift, DatasetRule } from './aspects.js';
export { createFeatureWatch, cusumThreshold } from './watch.js';
export { fingerprintDrift, parseSignatureBank, FINGERPRINT_FEATURES, SIGNATURE_BANK_VERSION } from './fingerprint.js';
export type { SignatureBank, FingerprintOptions, DriftFingerprint, FamilyMatch, FingerprintFamily } from './fingerprint.js';
export type { FeatureWatch, FeatureWatchOptions, WatchAlarm } from './watch.js';

// Online detectors
export { Adwin, PageHinkley, Kswin, Ddm, detectorFromJSON } from './online/index.js';
export type {
  AdwinOptions, AdwinJSON, PageHinkleyOptions, PageHinkleyJSON, KswinOptions, KswinJSON, DdmOptions, DdmJSON,
  DetectorResult, OnlineDetector,
} from './online/index.js';

// Sketches
export { KllSketch, DEFAULT_KLL_K, kllTypicalRankError, kllNormalizedRankError } from './sketch/kll.js';
export type { KllSketchJSON, KllItemType } from './sketch/kll.js';
export { HllSketch, DEFAULT_HLL_LG_K, hllCoupon } from './sketch/hll.js';
export { FixedHistogram, chooseEdges, nextUp } from './sketch/histogram.js';
export type { FixedHistogramJSON } from './sketch/histogram.js';
export { FrequentItems, DEFAULT_FREQUENT_CAPACITY } from './sketch/frequent.js';
export type { FrequentItemsJSON } from './sketch/frequent.js';
export { Moments } from './sketch/moments.js';
export type { MomentsJSON } from './sketch/moments.js';
export { DistinctCounter, DEFAULT_DISTINCT_CAP } from './sketch/distinct.js';
export type { DistinctCounterJSON } from './sketch/distinct.js';
export { VectorReservoir, DEFAULT_RESERVOIR_SIZE } from './sketch/reservoir.js';
export type { VectorReservoirJSON } from './sketch/reservoir.js';
export { SeededRng } from './sketch/rng.js';
export { JSON_LIMITS } from './sketch/json.js';

// Image features (src/drift/features), re-exported by name
export {
  IMAGE_FEATURE_NAMES, IMAGE_FEATURE_RECORD_NAMES, DEFAULT_EDGE_THRESHOLD, MAX_FEATURE_PIXELS, featuresToRecord,
  validateFeatureImage, extractFeaturesReference, createFeatureExtractor, createFeatureExtractorSync,
} from './features/index.js';
export type { ImageFeatureName, ImageFeatures, ImageHistograms, FeatureOptions, FeatureExtractor } from './features/index.js';

// Statistics (src/drift/stats), re-exported by name
export {
  ks2samp, chisquare, chi2Contingency, cramerVonMises2samp, andersonKsamp, mannWhitneyU, ttestInd,
  wassersteinDistance, energyDistance, jensenShannon, klDivergence, psi, hellinger, lInfinity, totalVariation,
  mmd2, mmdTest, bonferroni, benjaminiHochberg,
  lgamma, lbeta, gammainc, gammaincc, betainc, normSf, normCdf, normPpf, chi2Sf, chi2Cdf, tSf, tCdf, besselK,
  smirnov, kolmogn, kstwoSf, kstwoCdf,
} from './stats/index.js';
export type {
  Alternative, Ks2sampOptions, Ks2sampResult, ChisquareResult, Chi2ContingencyOptions, Chi2ContingencyResult,
  CramerVonMisesOptions, CramerVonMisesResult, AndersonKsampResult, MannWhitneyOptions, MannWhitneyResult,
  TtestIndOptions, TtestIndResult, JensenShannonOptions, KlDivergenceOptions, PsiOptions, Matrix, Mmd2Options,
  Mmd2Result, MmdTestOptions, MmdTestResult, CorrectionResult, NumericArray,
} from './stats/index.js';
