/**
 * Mergeable data profiles — the drift monitor's summary of a data set without its raw rows
 * (the whylogs model). Per numeric feature: count, missing, moments (Welford/Chan), min/max, a KLL
 * quantile sketch, a fixed-edge histogram and an exact small-domain counter; per categorical feature:
 * count, missing and frequent items; for embedding vectors: per-dimension numeric features plus a
 * seeded, bounded uniform sample of whole vectors (for MMD).
 *
 * Every part merges, `Profile.merge` is associative and commutative (exactly for counts, within the
 * sketches' stated error otherwise) and the JSON form is versioned and strictly validated.
 *
 * Fleet form: {@link Profile.toSketches} gives the profile as Apache DataSketches compact sketches
 * (KLL per numeric feature, frequent items + HLL per categorical feature, plus counts and moments),
 * byte-compatible with datasketches-cpp, so that engines with DataSketches functions (Druid, Spark,
 * Pinot, PostgreSQL) merge a fleet's profiles; {@link Profile.fromSketches} turns a (merged) sketch set
 * back into a Profile usable as a drift reference; {@link profilesToJSONLines} writes one device
 * profile per line.
 */
import { EdgeAugmentError } from '../errors.js';
import { DEFAULT_KLL_K, KLL_MAX_K, KllSketch, type KllSketchJSON } from './sketch/kll.js';
import { FixedHistogram, chooseEdges, type FixedHistogramJSON } from './sketch/histogram.js';
import { DEFAULT_FREQUENT_CAPACITY, FrequentItems, type FrequentItemsJSON } from './sketch/frequent.js';
import { Moments, type MomentsJSON } from './sketch/moments.js';
import { DEFAULT_DISTINCT_CAP, DistinctCounter, type DistinctCounterJSON } from './sketch/distinct.js';
import { DEFAULT_RESERVOIR_SIZE, VectorReservoir, type VectorReservoirJSON } from './sketch/reservoir.js';
import { JSON_LIMITS, arr, describe, int, invalid, literal, nums, obj, parseInput, str } from './sketch/json.js';
import { DEFAULT_HLL_LG_K, HLL_MAX_LG_K, HLL_MIN_LG_K, HllSketch } from './sketch/hll.js';
import { frequentLgForCapacity } from './sketch/frequent.js';
import { fromBase64, toBase64 } from './datasketches/bytes.js';

/** Largest `exactLimit` accepted. */
const MAX_EXACT_LIMIT = 100_000;
import { mixSeeds } from './sketch/rng.js';

/**
 * Version of {@link ProfileJSON}. 2: DataSketches sketch layouts (KLL levels, frequent-items map
 * sizes) and an HLL per categorical feature. `Profile.fromJSON` also reads version 1.
 */
export const PROFILE_FORMAT_VERSION = 2;

/** Kind of a tabular feature. */
export type FeatureKind = 'numeric' | 'categorical';

/** One input record: feature name → value (`null`, `undefined`, NaN and ±Infinity count as missing). */
export type ProfileRow = Readonly<Record<string, number | string | boolean | null | undefined>>;

/** One embedding vector. */
export type ProfileVector = ArrayLike<number>;

/** What {@link buildProfile} accepts: tagged inputs, or bare arrays whose kind is detected. */
export type ProfileInput =
  | { kind: 'records'; rows: readonly ProfileRow[] }
  | { kind: 'vectors'; vectors: readonly ProfileVector[] }
  | readonly ProfileRow[]
  | readonly ProfileVector[];

/** Settings that shape the sketches (stored in the profile so that comparable profiles can be built). */
export interface ProfileSettings {
  /** KLL k of tabular numeric features (default 200). */
  kllK: number;
  /** KLL k of per-dimension vector features (default 64). */
  vectorKllK: number;
  /** Histogram bins chosen from the reference (default 20). */
  bins: number;
  /** Frequent-items counters per categorical feature (default 64; the sketch rounds up to 0.75·2^lg, 96). */
  frequentCapacity: number;
  /** log2 registers of the HLL distinct counter per categorical feature (default 10). */
  hllLgK: number;
  /** Distinct numeric values tracked exactly (default 32). */
  distinctCap: number;
  /** Vectors kept for MMD (default 128). */
  reservoirSize: number;
  /** Name prefix of per-dimension vector features (default `'dim_'`). */
  vectorPrefix: string;
  /**
   * Numeric features keep their raw values while they have at most this many (default 1000), so small
   * references get exact tests (scipy's exact KS); merged profiles keep them while the total fits.
   */
  exactLimit: number;
}

/** Options of {@link buildProfile} and {@link ProfileBuilder}. */
export interface ProfileOptions extends Partial<ProfileSettings> {
  /** Features to profile: names (kinds detected from the first value) or name → kind. Default: every key seen. */
  features?: readonly string[] | Readonly<Record<string, FeatureKind>>;
  /** Profile with this reference's settings, feature kinds and histogram edges, so the two compare bin for bin. */
  reference?: Profile;
  /** Fixed histogram edges per numeric feature (overrides edges from `reference`). */
  edges?: Readonly<Record<string, readonly number[]>>;
  /** Values buffered per numeric feature before histogram edges are fixed from them (default 1000; `buildProfile` uses all rows). */
  histogramWarmup?: number;
  /** Seed of every random choice (KLL coins, reservoir keys); default 0. */
  seed?: number;
}

/** Profile of one numeric feature. Sketch objects are owned by the profile: do not mutate them. */
export interface NumericFeatureProfile {
  readonly name: string;
  readonly kind: 'numeric';
  /** Non-missing values. */
  readonly count: number;
  /** Missing values (rows where the feature was absent, null or not finite). */
  readonly missing: number;
  readonly moments: Moments;
  readonly kll: KllSketch;
  /** Exact counts while the feature has ≤ `distinctCap` distinct values. */
  readonly distinct: DistinctCounter;
  /** Counts over fixed edges; null when no edges were chosen or merged profiles disagreed on them. */
  readonly histogram: FixedHistogram | null;
  /** All values, sorted, while count ≤ `settings.exactLimit`; otherwise null. */
  readonly raw: readonly number[] | null;
}

/** Profile of one categorical feature. */
export interface CategoricalFeatureProfile {
  readonly name: string;
  readonly kind: 'categorical';
  readonly count: number;
  readonly missing: number;
  readonly frequent: FrequentItems;
  /** Distinct-count sketch (null in profiles read from format 1). */
  readonly hll: HllSketch | null;
}

/** Profile of one feature. */
export type FeatureProfile = NumericFeatureProfile | CategoricalFeatureProfile;

/** JSON form of a numeric feature. */
export interface NumericFeatureJSON {
  name: string; kind: 'numeric'; count: number; missing: number;
  moments: MomentsJSON; kll: KllSketchJSON; distinct: DistinctCounterJSON; histogram: FixedHistogramJSON | null; raw: number[] | null;
}
/** JSON form of a categorical feature. */
export interface CategoricalFeatureJSON {
  name: string; kind: 'categorical'; count: number; missing: number; frequent: FrequentItemsJSON;
  /** Base64 of the DataSketches HLL bytes (absent/null in format 1). */
  hll?: string | null;
}
/** JSON form of a {@link Profile}. */
export interface ProfileJSON {
  formatVersion: 1 | 2;
  type: 'edge-augment/profile';
  rows: number;
  settings: ProfileSettings;
  features: (NumericFeatureJSON | CategoricalFeatureJSON)[];
  vectors: { dim: number; reservoir: VectorReservoirJSON } | null;
}

const DEFAULT_SETTINGS: ProfileSettings = Object.freeze({
  kllK: DEFAULT_KLL_K, vectorKllK: 64, bins: 20, frequentCapacity: DEFAULT_FREQUENT_CAPACITY, hllLgK: DEFAULT_HLL_LG_K,
  distinctCap: DEFAULT_DISTINCT_CAP, reservoirSize: DEFAULT_RESERVOIR_SIZE, vectorPrefix: 'dim_', exactLimit: 1000,
});

function hashName(name: string, seed: number): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function checkName(name: string): void {
  if (name.length === 0 || name.length > JSON_LIMITS.maxNameLength) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `Feature names must have 1–${JSON_LIMITS.maxNameLength} characters, got ${JSON.stringify(name.slice(0, 40))}.`);
  }
}

/**
 * A profile: immutable summary of a data set. Build one with {@link buildProfile} or
 * {@link ProfileBuilder}, combine with {@link Profile.merge}, store with {@link Profile.toJSON}.
 *
 * @example
 * ```ts
 * const a = buildProfile(rowsMonday), b = buildProfile(rowsTuesday, { reference: a });
 * const week = a.merge(b);
 * localStorage.setItem('ref', JSON.stringify(week));
 * const back = Profile.fromJSON(localStorage.getItem('ref')!);
 * ```
 */
export class Profile {
  /** Rows (records or vectors) profiled. */
  readonly rows: number;
  /** Settings the sketches were built with. */
  readonly settings: Readonly<ProfileSettings>;
  private readonly featureMap: ReadonlyMap<string, FeatureProfile>;
  /** Vector sample, when vectors were profiled. */
  readonly vectors: { readonly dim: number; readonly reservoir: VectorReservoir } | null;

  /** @internal Use {@link buildProfile}, {@link ProfileBuilder} or {@link Profile.fromJSON}. */
  constructor(rows: number, settings: ProfileSettings, features: Map<string, FeatureProfile>, vectors: { dim: number; reservoir: VectorReservoir } | null) {
    this.rows = rows;
    this.settings = Object.freeze({ ...settings });
    this.featureMap = features;
    this.vectors = vectors;
    Object.freeze(this);
  }

  /** Feature names in insertion order. */
  get featureNames(): string[] {
    return [...this.featureMap.keys()];
  }

  /** All feature profiles. */
  get features(): FeatureProfile[] {
    return [...this.featureMap.values()];
  }

  /** One feature's profile, or undefined. */
  feature(name: string): FeatureProfile | undefined {
    return this.featureMap.get(name);
  }

  /**
   * Combines two profiles of disjoint data into a new one (neither input changes). Features present
   * on one side only count the other side's rows as missing. Histograms survive only when both sides
   * used the same edges.
   * @throws EdgeAugmentError `INVALID_ARGUMENT` when a feature is numeric on one side and
   * categorical on the other, or sketch parameters differ.
   */
  merge(other: Profile): Profile {
    if (!(other instanceof Profile)) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `Profile.merge expects a Profile, got ${describe(other)}; read stored profiles with Profile.fromJSON or Profile.fromSketches first.`);
    }
    if (other.settings.vectorPrefix !== this.settings.vectorPrefix && (this.vectors || other.vectors)) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `Cannot merge vector profiles with different vectorPrefix (${JSON.stringify(this.settings.vectorPrefix)} vs ${JSON.stringify(other.settings.vectorPrefix)}): their per-dimension features would not line up.`);
    }
    const out = new Map<string, FeatureProfile>();
    const names = [...new Set([...this.featureMap.keys(), ...other.featureMap.keys()])];
    for (const name of names) {
      const a = this.featureMap.get(name);
      const b = other.featureMap.get(name);
      if (a && b) out.set(name, mergeFeature(a, b, Math.min(this.settings.exactLimit, other.settings.exactLimit)));
      else if (a) out.set(name, withExtraMissing(a, other.rows));
      else out.set(name, withExtraMissing(b!, this.rows));
    }
    let vectors: Profile['vectors'] = null;
    if (this.vectors && other.vectors) {
      if (this.vectors.dim !== other.vectors.dim) throw new EdgeAugmentError('INVALID_ARGUMENT', `Cannot merge profiles of ${this.vectors.dim}- and ${other.vectors.dim}-dimensional vectors.`);
      vectors = { dim: this.vectors.dim, reservoir: this.vectors.reservoir.clone().merge(other.vectors.reservoir) };
    } else {
      const v = this.vectors ?? other.vectors;
      vectors = v ? { dim: v.dim, reservoir: v.reservoir.clone() } : null;
    }
    return new Profile(this.rows + other.rows, this.settings as ProfileSettings, out, vectors);
  }

  /** Versioned, plain JSON form (features as an array, so names never become object keys). */
  toJSON(): ProfileJSON {
    return {
      formatVersion: PROFILE_FORMAT_VERSION,
      type: 'edge-augment/profile',
      rows: this.rows,
      settings: { ...this.settings },
      features: this.features.map((f) => f.kind === 'numeric'
        ? { name: f.name, kind: 'numeric', count: f.count, missing: f.missing, moments: f.moments.toJSON(), kll: f.kll.toJSON(), distinct: f.distinct.toJSON(), histogram: f.histogram ? f.histogram.toJSON() : null, raw: f.raw ? f.raw.slice() : null }
        : { name: f.name, kind: 'categorical', count: f.count, missing: f.missing, frequent: f.frequent.toJSON(), hll: f.hll ? toBase64(f.hll.toDataSketches()) : null }),
      vectors: this.vectors ? { dim: this.vectors.dim, reservoir: this.vectors.reservoir.toJSON() } : null,
    };
  }

  /**
   * Parses and validates a profile (object or JSON string). Checks the format version, types,
   * finiteness, limits ({@link JSON_LIMITS}), forbidden keys (`__proto__`, `constructor`,
   * `prototype`) and cross-field consistency (count + missing = rows, sketch counts = count).
   * @throws EdgeAugmentError `INVALID_PROFILE` naming the offending path.
   */
  static fromJSON(input: unknown): Profile {
    const o = obj(parseInput(input), '$', ['formatVersion', 'type', 'rows', 'settings', 'features', 'vectors']);
    const version = o.formatVersion;
    if (version !== 1 && version !== PROFILE_FORMAT_VERSION) invalid('$.formatVersion', `unsupported version ${describe(version)} (this build reads 1 and ${PROFILE_FORMAT_VERSION})`);
    literal(o.type, '$.type', 'edge-augment/profile');
    const rows = int(o.rows, '$.rows');
    const settings = parseSettings(o.settings, version === 1);
    const feats = arr(o.features, '$.features', JSON_LIMITS.maxFeatures);
    const vectors = parseVectors(o.vectors, rows);
    const map = new Map<string, FeatureProfile>();
    feats.forEach((raw, i) => {
      const p = `$.features[${i}]`;
      const f = obj(raw, p);
      const { name, count, missing } = featureHead(f, p, rows, map);
      if (f.kind === 'numeric') {
        obj(f, p, ['name', 'kind', 'count', 'missing', 'moments', 'kll', 'distinct', 'histogram', 'raw']);
        const moments = Moments.fromJSON(f.moments, `${p}.moments`);
        const kll = KllSketch.fromJSON(f.kll, `${p}.kll`);
        checkKll(kll, expectedKllK(name, settings, vectors), `${p}.kll`);
        const distinct = DistinctCounter.fromJSON(f.distinct, `${p}.distinct`);
        const histogram = f.histogram === null ? null : FixedHistogram.fromJSON(f.histogram, `${p}.histogram`);
        if (moments.n !== count) invalid(`${p}.moments.n`, 'differs from count');
        if (kll.n !== count) invalid(`${p}.kll.n`, 'differs from count');
        if (histogram && histogram.total !== count) invalid(`${p}.histogram.counts`, 'do not add up to count');
        const d = distinct.entries();
        if (d && d.reduce((acc, e) => acc + e[1], 0) !== count) invalid(`${p}.distinct.values`, 'do not add up to count');
        let raw: number[] | null = null;
        if (f.raw !== null) {
          raw = nums(f.raw, `${p}.raw`, settings.exactLimit);
          if (raw.length !== count) invalid(`${p}.raw`, 'length differs from count');
          for (let j = 1; j < raw.length; j++) if (raw[j] < raw[j - 1]) invalid(`${p}.raw`, 'must be sorted');
        }
        map.set(name, { name, kind: 'numeric', count, missing, moments, kll, distinct, histogram, raw });
      } else if (f.kind === 'categorical') {
        obj(f, p, version === 1 ? ['name', 'kind', 'count', 'missing', 'frequent'] : ['name', 'kind', 'count', 'missing', 'frequent', 'hll']);
        const frequent = FrequentItems.fromJSON(f.frequent, `${p}.frequent`);
        checkFrequent(frequent, settings, count, `${p}.frequent`);
        const hll = f.hll === undefined || f.hll === null ? null : readHll(fromBase64(f.hll, `${p}.hll`), settings, `${p}.hll`);
        map.set(name, { name, kind: 'categorical', count, missing, frequent, hll });
      } else {
        invalid(`${p}.kind`, "expected 'numeric' or 'categorical'");
      }
    });
    return new Profile(rows, settings, map, vectors);
  }

  /**
   * The profile as DataSketches sketches: per numeric feature the KLL (`kll_sketch<double>`) bytes and
   * the moments, per categorical feature the frequent-items (`frequent_items_sketch<std::string>`) and
   * HLL (`HLL_8`) bytes; counts and settings alongside. Histograms, exact small-domain counts and raw
   * values are not part of it (they have no DataSketches form).
   * @example
   * ```ts
   * const s = profile.toSketches();             // { features: [{ name, kll: Uint8Array, moments }, …] }
   * const json = sketchesToJSON(s);             // the same with base64 strings
   * const back = Profile.fromSketches(json);
   * ```
   */
  toSketches(): ProfileSketches {
    return {
      formatVersion: PROFILE_FORMAT_VERSION,
      type: 'edge-augment/sketches',
      rows: this.rows,
      settings: { ...this.settings },
      features: this.features.map((f): FeatureSketches => (f.kind === 'numeric'
        ? { name: f.name, kind: 'numeric', count: f.count, missing: f.missing, moments: f.moments.toJSON(), kll: f.kll.toDataSketches() }
        : { name: f.name, kind: 'categorical', count: f.count, missing: f.missing, frequentItems: f.frequent.toDataSketches(), ...(f.hll ? { hll: f.hll.toDataSketches() } : {}) })),
      vectors: this.vectors ? { dim: this.vectors.dim, reservoir: this.vectors.reservoir.toJSON() } : null,
    };
  }

  /**
   * Builds a profile from a sketch set ({@link Profile.toSketches}, its JSON form with base64 strings,
   * that JSON as a string, or a fleet merge of either). The result is an ordinary Profile — use it as a
   * drift reference. Numeric features have no histogram, raw values or exact small-domain counts (tests
   * then work from the KLL sketch, with its error bound); KLL sketches get the largest error variance
   * their level structure allows.
   * @throws EdgeAugmentError `INVALID_PROFILE` for malformed or inconsistent input (sketch bytes included).
   */
  static fromSketches(input: ProfileSketches | ProfileSketchesJSON | string): Profile {
    const o = obj(parseInput(input), '$', ['formatVersion', 'type', 'rows', 'settings', 'features', 'vectors', 'device']);
    if (o.formatVersion !== PROFILE_FORMAT_VERSION) invalid('$.formatVersion', `unsupported version ${describe(o.formatVersion)} (this build reads ${PROFILE_FORMAT_VERSION})`);
    literal(o.type, '$.type', 'edge-augment/sketches');
    if (o.device !== undefined) str(o.device, '$.device', JSON_LIMITS.maxNameLength);
    const rows = int(o.rows, '$.rows');
    const settings = parseSettings(o.settings, false);
    const vectors = parseVectors(o.vectors, rows);
    const feats = arr(o.features, '$.features', JSON_LIMITS.maxFeatures);
    const bytes = (v: unknown, path: string): Uint8Array => (v instanceof Uint8Array ? v : fromBase64(v, path));
    const map = new Map<string, FeatureProfile>();
    feats.forEach((raw, i) => {
      const p = `$.features[${i}]`;
      const f = obj(raw, p, ['name', 'kind', 'count', 'missing', 'moments', 'kll', 'frequentItems', 'hll']);
      const { name, count, missing } = featureHead(f, p, rows, map);
      if (f.kind === 'numeric') {
        if (f.frequentItems !== undefined || f.hll !== undefined) invalid(p, 'a numeric feature has kll and moments only');
        const moments = Moments.fromJSON(f.moments, `${p}.moments`);
        const kll = KllSketch.fromDataSketches(bytes(f.kll, `${p}.kll`), { itemType: 'double', seed: hashName(name, 0) });
        checkKll(kll, expectedKllK(name, settings, vectors), `${p}.kll`);
        if (moments.n !== count) invalid(`${p}.moments.n`, 'differs from count');
        if (kll.n !== count) invalid(`${p}.kll.n`, 'differs from count');
        if (count && (moments.min !== kll.min || moments.max !== kll.max)) invalid(`${p}.moments`, 'min/max differ from the KLL sketch');
        const distinct = DistinctCounter.fromJSON({ type: 'distinct', cap: settings.distinctCap, values: count === 0 ? [] : null });
        map.set(name, { name, kind: 'numeric', count, missing, moments, kll, distinct, histogram: null, raw: null });
      } else if (f.kind === 'categorical') {
        if (f.kll !== undefined || f.moments !== undefined) invalid(p, 'a categorical feature has frequentItems and hll only');
        const frequent = FrequentItems.fromDataSketches(bytes(f.frequentItems, `${p}.frequentItems`));
        checkFrequent(frequent, settings, count, `${p}.frequentItems`);
        const hll = f.hll === undefined ? null : readHll(bytes(f.hll, `${p}.hll`), settings, `${p}.hll`);
        map.set(name, { name, kind: 'categorical', count, missing, frequent, hll });
      } else {
        invalid(`${p}.kind`, "expected 'numeric' or 'categorical'");
      }
    });
    return new Profile(rows, settings, map, vectors);
  }
}

/** Sketches of one feature in {@link ProfileSketches}. */
export interface FeatureSketches {
  name: string;
  kind: FeatureKind;
  count: number;
  missing: number;
  /** Numeric: count, mean, M2, min, max. */
  moments?: MomentsJSON;
  /** Numeric: DataSketches KLL (`kll_sketch<double>`, k = settings.kllK) compact bytes. */
  kll?: Uint8Array;
  /** Categorical: DataSketches frequent items (`frequent_items_sketch<std::string>`) bytes. */
  frequentItems?: Uint8Array;
  /** Categorical: DataSketches HLL (HLL_8, lgK = settings.hllLgK) bytes. */
  hll?: Uint8Array;
}

/** A profile as DataSketches sketches ({@link Profile.toSketches}). */
export interface ProfileSketches {
  formatVersion: 2;
  type: 'edge-augment/sketches';
  rows: number;
  settings: ProfileSettings;
  features: FeatureSketches[];
  /** The vector sample (not a DataSketches sketch; merged by edge-augment). */
  vectors: { dim: number; reservoir: VectorReservoirJSON } | null;
}

/** {@link ProfileSketches} with base64 strings for the bytes (plus an optional device id): one JSON-lines row. */
export interface ProfileSketchesJSON extends Omit<ProfileSketches, 'features'> {
  device?: string;
  features: (Omit<FeatureSketches, 'kll' | 'frequentItems' | 'hll'> & { kll?: string; frequentItems?: string; hll?: string })[];
}

/**
 * The JSON form of a sketch set: bytes as standard base64 (what Druid's and Spark's DataSketches
 * functions take).
 * @example
 * ```ts
 * const line = JSON.stringify(sketchesToJSON(profile.toSketches(), 'device-17'));
 * ```
 */
export function sketchesToJSON(s: ProfileSketches, device?: string): ProfileSketchesJSON {
  return {
    formatVersion: s.formatVersion, type: s.type, ...(device !== undefined ? { device } : {}), rows: s.rows, settings: { ...s.settings },
    features: s.features.map((f) => ({
      name: f.name, kind: f.kind, count: f.count, missing: f.missing,
      ...(f.moments ? { moments: f.moments } : {}),
      ...(f.kll ? { kll: toBase64(f.kll) } : {}),
      ...(f.frequentItems ? { frequentItems: toBase64(f.frequentItems) } : {}),
      ...(f.hll ? { hll: toBase64(f.hll) } : {}),
    })),
    vectors: s.vectors,
  };
}

/**
 * JSON lines, one device profile per line (`{ device, rows, settings, features: [{ name, kind, count,
 * missing, moments, kll | frequentItems, hll }] }`, sketches in base64) — for loading into a SQL engine.
 * @example
 * ```ts
 * const text = profilesToJSONLines(devices.map((d) => ({ device: d.id, profile: d.profile })));
 * ```
 */
export function profilesToJSONLines(items: Iterable<Profile | { device: string; profile: Profile }>): string {
  let out = '';
  for (const it of items) {
    const { device, profile } = it instanceof Profile ? { device: undefined, profile: it } : it;
    if (!(profile instanceof Profile)) throw new EdgeAugmentError('INVALID_ARGUMENT', 'profilesToJSONLines expects Profiles or { device, profile } items.');
    out += JSON.stringify(sketchesToJSON(profile.toSketches(), device)) + '\n';
  }
  return out;
}

/**
 * Reads JSON lines written by {@link profilesToJSONLines} (blank lines skipped).
 * @throws EdgeAugmentError `INVALID_PROFILE` naming the line.
 */
export function profilesFromJSONLines(text: string): { device?: string; profile: Profile }[] {
  if (typeof text !== 'string') throw new EdgeAugmentError('INVALID_ARGUMENT', 'profilesFromJSONLines expects a string.');
  const out: { device?: string; profile: Profile }[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const o = parseInput(line);
      out.push({ ...(typeof o.device === 'string' ? { device: o.device } : {}), profile: Profile.fromSketches(o as unknown as ProfileSketchesJSON) });
    } catch (e) {
      if (e instanceof EdgeAugmentError) throw new EdgeAugmentError('INVALID_PROFILE', `Line ${i + 1}: ${e.message}`, { cause: e, details: { line: i + 1 } });
      throw e;
    }
  });
  return out;
}

function parseSettings(raw: unknown, v1: boolean): ProfileSettings {
  const keys = Object.keys(DEFAULT_SETTINGS).filter((k) => !(v1 && k === 'hllLgK'));
  const s = obj(raw, '$.settings', keys);
  return {
    kllK: int(s.kllK, '$.settings.kllK', 8, KLL_MAX_K),
    vectorKllK: int(s.vectorKllK, '$.settings.vectorKllK', 8, KLL_MAX_K),
    bins: int(s.bins, '$.settings.bins', 1, JSON_LIMITS.maxHistogramEdges - 1),
    frequentCapacity: int(s.frequentCapacity, '$.settings.frequentCapacity', 1, JSON_LIMITS.maxFrequentCapacity),
    hllLgK: v1 ? DEFAULT_HLL_LG_K : int(s.hllLgK, '$.settings.hllLgK', HLL_MIN_LG_K, HLL_MAX_LG_K),
    distinctCap: int(s.distinctCap, '$.settings.distinctCap', 0, JSON_LIMITS.maxDistinctCap),
    reservoirSize: int(s.reservoirSize, '$.settings.reservoirSize', 0, JSON_LIMITS.maxReservoir),
    vectorPrefix: str(s.vectorPrefix, '$.settings.vectorPrefix', 64),
    exactLimit: int(s.exactLimit, '$.settings.exactLimit', 0, MAX_EXACT_LIMIT),
  };
}

function parseVectors(raw: unknown, rows: number): Profile['vectors'] {
  if (raw === null) return null;
  const v = obj(raw, '$.vectors', ['dim', 'reservoir']);
  const dim = int(v.dim, '$.vectors.dim', 1, JSON_LIMITS.maxVectorDim);
  const reservoir = VectorReservoir.fromJSON(v.reservoir, '$.vectors.reservoir');
  if (reservoir.dim !== dim) invalid('$.vectors.reservoir.dim', 'differs from $.vectors.dim');
  if (reservoir.n > rows) invalid('$.vectors.reservoir.n', 'exceeds rows');
  return { dim, reservoir };
}

/** The k a feature's KLL must have: `vectorKllK` for per-dimension vector features, `kllK` otherwise. */
function expectedKllK(name: string, settings: ProfileSettings, vectors: Profile['vectors']): number {
  if (vectors && name.startsWith(settings.vectorPrefix)) {
    const rest = name.slice(settings.vectorPrefix.length);
    if (/^(0|[1-9][0-9]*)$/.test(rest) && Number(rest) < vectors.dim) return settings.vectorKllK;
  }
  return settings.kllK;
}

/** A serialised feature's name (non-empty, not seen before), count and missing (summing to `rows`). */
function featureHead(f: Record<string, unknown>, p: string, rows: number, seen: ReadonlyMap<string, unknown>): { name: string; count: number; missing: number } {
  const name = str(f.name, `${p}.name`, JSON_LIMITS.maxNameLength);
  if (!name) invalid(`${p}.name`, 'empty name');
  if (seen.has(name)) invalid(`${p}.name`, `duplicate feature ${JSON.stringify(name)}`);
  const count = int(f.count, `${p}.count`);
  const missing = int(f.missing, `${p}.missing`);
  if (count + missing !== rows) invalid(p, `count + missing = ${count + missing}, not rows = ${rows}`);
  return { name, count, missing };
}

function checkKll(kll: KllSketch, k: number, path: string): void {
  if (kll.k !== k) invalid(`${path}.k`, `KLL k = ${kll.k}, but the profile settings say ${k}`);
  if (kll.itemType !== 'double') invalid(`${path}.itemType`, 'profiles keep double KLL sketches');
}

function checkFrequent(f: FrequentItems, settings: ProfileSettings, count: number, path: string): void {
  if (f.lgMaxMapSize !== frequentLgForCapacity(settings.frequentCapacity)) {
    invalid(path, `map size 2^${f.lgMaxMapSize} does not match settings.frequentCapacity ${settings.frequentCapacity} (2^${frequentLgForCapacity(settings.frequentCapacity)})`);
  }
  if (f.n !== count) invalid(`${path}.n`, 'differs from count');
}

function readHll(b: Uint8Array, settings: ProfileSettings, path: string): HllSketch {
  const h = HllSketch.fromDataSketches(b);
  if (h.lgK !== settings.hllLgK) invalid(path, `HLL lgK ${h.lgK} differs from settings.hllLgK ${settings.hllLgK}`);
  return h;
}

function withExtraMissing(f: FeatureProfile, extra: number): FeatureProfile {
  return f.kind === 'numeric'
    ? { ...f, missing: f.missing + extra, moments: f.moments.clone(), kll: f.kll.clone(), distinct: f.distinct.clone(), histogram: f.histogram ? f.histogram.clone() : null, raw: f.raw ? f.raw.slice() : null }
    : { ...f, missing: f.missing + extra, frequent: f.frequent.clone(), hll: f.hll ? f.hll.clone() : null };
}

function mergeFeature(a: FeatureProfile, b: FeatureProfile, exactLimit: number): FeatureProfile {
  if (a.kind !== b.kind) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `Feature ${JSON.stringify(a.name)} is ${a.kind} in one profile and ${b.kind} in the other; profile both with the same \`features\` kinds.`);
  }
  if (a.kind === 'numeric' && b.kind === 'numeric') {
    const histogram = a.histogram && b.histogram && a.histogram.sameEdges(b.histogram) ? a.histogram.clone().merge(b.histogram) : null;
    return {
      name: a.name, kind: 'numeric', count: a.count + b.count, missing: a.missing + b.missing,
      moments: a.moments.clone().merge(b.moments), kll: a.kll.clone().merge(b.kll),
      distinct: a.distinct.clone().merge(b.distinct), histogram,
      raw: a.raw && b.raw && a.count + b.count <= exactLimit ? mergeSorted(a.raw, b.raw) : null,
    };
  }
  const ca = a as CategoricalFeatureProfile, cb = b as CategoricalFeatureProfile;
  const hll = ca.hll && cb.hll ? ca.hll.clone().merge(cb.hll) : null;
  return { name: a.name, kind: 'categorical', count: ca.count + cb.count, missing: ca.missing + cb.missing, frequent: ca.frequent.clone().merge(cb.frequent), hll };
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length);
  let i = 0, j = 0, k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** Builder state of one numeric feature. */
class NumericState {
  count = 0;
  missing = 0;
  readonly moments = new Moments();
  readonly kll: KllSketch;
  readonly distinct: DistinctCounter;
  hist: FixedHistogram | null;
  buffer: number[] | null;
  raw: number[] | null = [];
  constructor(readonly name: string, k: number, seed: number, distinctCap: number, edges: readonly number[] | undefined, readonly bins: number, readonly warmup: number, readonly exactLimit: number) {
    this.kll = new KllSketch({ k, seed });
    this.distinct = new DistinctCounter({ cap: distinctCap });
    this.hist = edges ? new FixedHistogram(edges) : null;
    this.buffer = edges ? null : [];
  }
  add(x: number): void {
    // −0 and +0 are one value for a profile: normalise so merges and orderings are exact.
    if (x === 0) x = 0;
    this.count++;
    this.moments.update(x);
    this.kll.update(x);
    this.distinct.update(x);
    if (this.raw) {
      if (this.raw.length < this.exactLimit) this.raw.push(x);
      else this.raw = null;
    }
    if (this.hist) this.hist.update(x);
    else {
      this.buffer!.push(x);
      if (this.buffer!.length >= this.warmup) {
        this.hist = histogramFromBuffer(this.buffer!, this.bins);
        this.buffer = null;
      }
    }
  }
  snapshot(): NumericFeatureProfile {
    let histogram: FixedHistogram | null = this.hist ? this.hist.clone() : null;
    if (!histogram && this.buffer && this.buffer.length) histogram = histogramFromBuffer(this.buffer, this.bins);
    return {
      name: this.name, kind: 'numeric', count: this.count, missing: this.missing,
      moments: this.moments.clone(), kll: this.kll.clone(), distinct: this.distinct.clone(), histogram,
      raw: this.raw ? this.raw.slice().sort((a, b) => a - b) : null,
    };
  }
}

function histogramFromBuffer(buffer: number[], bins: number): FixedHistogram {
  const sorted = Float64Array.from(buffer).sort();
  const n = sorted.length;
  const distinct: number[] = [];
  for (let i = 0; i < n && distinct.length <= bins; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  const edges = chooseEdges((q) => (q >= 1 ? sorted[n - 1] : sorted[Math.max(0, Math.ceil(q * n) - 1)]), bins, distinct.length <= bins ? distinct : undefined);
  const h = new FixedHistogram(edges);
  for (let i = 0; i < n; i++) h.update(sorted[i]);
  return h;
}

class CategoricalState {
  count = 0;
  missing = 0;
  readonly frequent: FrequentItems;
  readonly hll: HllSketch;
  constructor(readonly name: string, capacity: number, lgK: number) {
    this.frequent = new FrequentItems({ capacity });
    this.hll = new HllSketch({ lgK });
  }
  add(v: string): void {
    this.count++;
    const key = v.length > JSON_LIMITS.maxKeyLength ? v.slice(0, JSON_LIMITS.maxKeyLength) : v;
    this.frequent.update(key);
    this.hll.update(key);
  }
  snapshot(): CategoricalFeatureProfile {
    return { name: this.name, kind: 'categorical', count: this.count, missing: this.missing, frequent: this.frequent.clone(), hll: this.hll.clone() };
  }
}

type State = NumericState | CategoricalState;

function isVector(x: unknown): x is ProfileVector {
  return ArrayBuffer.isView(x) || (Array.isArray(x) && (x.length === 0 || typeof x[0] === 'number'));
}

/**
 * Streaming profile builder: `add` records or vectors one at a time, take a {@link Profile} with
 * {@link ProfileBuilder.toProfile} whenever you like (the builder keeps going).
 *
 * Histogram edges: taken from `options.edges` / `options.reference` when given; otherwise fixed from
 * the first `histogramWarmup` values of each feature (equal-mass bins, one bin per value for small
 * domains) and used for everything after.
 *
 * @example
 * ```ts
 * const b = new ProfileBuilder({ seed: 1 });
 * for (const row of featureRows) b.add(row);          // { brightness: 0.4, contrast: 0.2, … }
 * const profile = b.toProfile();
 * ```
 */
export class ProfileBuilder {
  private readonly settings: ProfileSettings;
  private readonly states = new Map<string, State>();
  private readonly declared: ReadonlyMap<string, FeatureKind | null> | null;
  private readonly edges: Readonly<Record<string, readonly number[]>>;
  private readonly warmup: number;
  private readonly seed: number;
  private rows = 0;
  private reservoir: VectorReservoir | null = null;

  /** @throws EdgeAugmentError `INVALID_ARGUMENT` for bad options. */
  constructor(options: ProfileOptions = {}) {
    const ref = options.reference;
    const base = ref ? ref.settings : DEFAULT_SETTINGS;
    this.settings = {
      kllK: options.kllK ?? base.kllK, vectorKllK: options.vectorKllK ?? base.vectorKllK, bins: options.bins ?? base.bins,
      frequentCapacity: options.frequentCapacity ?? base.frequentCapacity, hllLgK: options.hllLgK ?? base.hllLgK, distinctCap: options.distinctCap ?? base.distinctCap,
      reservoirSize: options.reservoirSize ?? base.reservoirSize, vectorPrefix: options.vectorPrefix ?? base.vectorPrefix,
      exactLimit: options.exactLimit ?? base.exactLimit,
    };
    if (!Number.isInteger(this.settings.exactLimit) || this.settings.exactLimit < 0 || this.settings.exactLimit > MAX_EXACT_LIMIT) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `exactLimit must be an integer in [0, ${MAX_EXACT_LIMIT}], got ${this.settings.exactLimit}.`);
    }
    if (!Number.isInteger(this.settings.bins) || this.settings.bins < 1 || this.settings.bins >= JSON_LIMITS.maxHistogramEdges) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `bins must be an integer in [1, ${JSON_LIMITS.maxHistogramEdges - 1}], got ${this.settings.bins}.`);
    }
    if (!Number.isInteger(this.settings.hllLgK) || this.settings.hllLgK < HLL_MIN_LG_K || this.settings.hllLgK > HLL_MAX_LG_K) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `hllLgK must be an integer in [${HLL_MIN_LG_K}, ${HLL_MAX_LG_K}], got ${this.settings.hllLgK}.`);
    }
    const warmup = options.histogramWarmup ?? 1000;
    if (!(warmup >= 1)) throw new EdgeAugmentError('INVALID_ARGUMENT', `histogramWarmup must be ≥ 1, got ${warmup}.`);
    this.warmup = warmup;
    this.seed = (options.seed ?? 0) >>> 0;
    const edges: Record<string, readonly number[]> = Object.create(null);
    const declared = new Map<string, FeatureKind | null>();
    if (ref) {
      for (const f of ref.features) {
        declared.set(f.name, f.kind);
        if (f.kind === 'numeric' && f.histogram) edges[f.name] = f.histogram.edges;
      }
    }
    if (options.edges) for (const [k, v] of Object.entries(options.edges)) edges[k] = v;
    const feats = options.features;
    if (feats) {
      if (Array.isArray(feats)) for (const n of feats as readonly string[]) { checkName(n); if (!declared.has(n)) declared.set(n, null); }
      else for (const [n, kind] of Object.entries(feats as Record<string, FeatureKind>)) {
        checkName(n);
        if (kind !== 'numeric' && kind !== 'categorical') throw new EdgeAugmentError('INVALID_ARGUMENT', `Feature ${JSON.stringify(n)} kind must be 'numeric' or 'categorical', got ${JSON.stringify(kind)}.`);
        declared.set(n, kind);
      }
    }
    this.declared = feats || ref ? declared : null;
    this.edges = edges;
    for (const [name, kind] of declared) if (kind) this.states.set(name, this.makeState(name, kind, false));
    if (ref?.vectors) this.reservoir = new VectorReservoir({ size: this.settings.reservoirSize, dim: ref.vectors.dim, seed: mixSeeds(this.seed, 0x9e3779b9) });
  }

  private makeState(name: string, kind: FeatureKind, vectorDim: boolean): State {
    if (this.states.size >= JSON_LIMITS.maxFeatures) throw new EdgeAugmentError('INVALID_ARGUMENT', `More than ${JSON_LIMITS.maxFeatures} features; declare the ones to profile with \`features\`.`);
    if (kind === 'categorical') return new CategoricalState(name, this.settings.frequentCapacity, this.settings.hllLgK);
    return new NumericState(name, vectorDim ? this.settings.vectorKllK : this.settings.kllK, hashName(name, this.seed),
      this.settings.distinctCap, this.edges[name], this.settings.bins, this.warmup, vectorDim ? 0 : this.settings.exactLimit);
  }

  private stateFor(name: string, value: number | string, vectorDim = false): State | null {
    let s = this.states.get(name);
    if (s) return s;
    if (this.declared && !this.declared.has(name) && !vectorDim) return null;
    checkName(name);
    s = this.makeState(name, typeof value === 'number' ? 'numeric' : 'categorical', vectorDim);
    s.missing = this.rows; // rows before this feature first appeared
    this.states.set(name, s);
    return s;
  }

  /**
   * Adds one record (`{ brightness: 0.41, label: 'cat', … }`) or one embedding vector.
   * @throws EdgeAugmentError `INVALID_ARGUMENT` when a value's type contradicts the feature's kind,
   * or a vector's dimension/values are wrong.
   */
  add(item: ProfileRow | ProfileVector): void {
    if (isVector(item)) return this.addVector(item);
    if (typeof item !== 'object' || item === null) throw new EdgeAugmentError('INVALID_ARGUMENT', `Rows must be objects or numeric vectors, got ${item === null ? 'null' : typeof item}.`);
    const row = item as ProfileRow;
    const seen = new Set<State>();
    for (const key of Object.keys(row)) {
      const raw = row[key];
      if (raw === null || raw === undefined || (typeof raw === 'number' && !Number.isFinite(raw))) continue;
      const v = typeof raw === 'boolean' ? String(raw) : raw;
      if (typeof v !== 'number' && typeof v !== 'string') throw new EdgeAugmentError('INVALID_ARGUMENT', `Feature ${JSON.stringify(key)} has a ${typeof v} value; use numbers, strings or null.`);
      const s = this.stateFor(key, v);
      if (!s) continue;
      if (s instanceof NumericState) {
        if (typeof v !== 'number') throw new EdgeAugmentError('INVALID_ARGUMENT', `Feature ${JSON.stringify(key)} is numeric but row ${this.rows} has ${JSON.stringify(v).slice(0, 40)}.`);
        s.add(v);
      } else {
        if (typeof v !== 'string') throw new EdgeAugmentError('INVALID_ARGUMENT', `Feature ${JSON.stringify(key)} is categorical but row ${this.rows} has the number ${v}; declare it numeric or pass strings.`);
        s.add(v);
      }
      seen.add(s);
    }
    for (const s of this.states.values()) if (!seen.has(s)) s.missing++;
    this.rows++;
  }

  /**
   * Adds one embedding vector: per-dimension numeric features `${vectorPrefix}${i}` plus the seeded
   * reservoir sample.
   * @throws EdgeAugmentError `INVALID_ARGUMENT` for a dimension change or non-finite values.
   */
  addVector(v: ProfileVector): void {
    if (!this.reservoir) {
      this.reservoir = new VectorReservoir({ size: this.settings.reservoirSize, dim: v.length, seed: mixSeeds(this.seed, 0x9e3779b9) });
    }
    if (v.length !== this.reservoir.dim) throw new EdgeAugmentError('INVALID_ARGUMENT', `Vector ${this.rows} has ${v.length} values, expected ${this.reservoir.dim}.`);
    for (let i = 0; i < v.length; i++) {
      if (!Number.isFinite(v[i])) throw new EdgeAugmentError('INVALID_ARGUMENT', `Vector ${this.rows} has a non-finite value at ${i}.`);
    }
    this.reservoir.update(v);
    const seen = new Set<State>();
    const prefix = this.settings.vectorPrefix;
    for (let i = 0; i < v.length; i++) {
      const s = this.stateFor(prefix + i, 0, true) as NumericState;
      s.add(v[i]);
      seen.add(s);
    }
    for (const s of this.states.values()) if (!seen.has(s)) s.missing++;
    this.rows++;
  }

  /** Adds many records or vectors. */
  addAll(items: Iterable<ProfileRow | ProfileVector>): void {
    for (const it of items) this.add(it);
  }

  /** Rows added so far. */
  get count(): number {
    return this.rows;
  }

  /** A {@link Profile} of everything added so far (the builder is not changed). */
  toProfile(): Profile {
    const map = new Map<string, FeatureProfile>();
    for (const [name, s] of this.states) map.set(name, s.snapshot());
    const vectors = this.reservoir ? { dim: this.reservoir.dim, reservoir: this.reservoir.clone() } : null;
    return new Profile(this.rows, this.settings, map, vectors);
  }
}

/**
 * Profiles a whole data set in one call. Without `edges`/`reference`, histogram edges are chosen from
 * all of its values.
 *
 * @example
 * ```ts
 * const ref = buildProfile({ kind: 'records', rows: features });   // [{ brightness: 0.4, … }, …]
 * const emb = buildProfile({ kind: 'vectors', vectors: embeddings }, { reservoirSize: 256 });
 * ```
 * @throws EdgeAugmentError `INVALID_ARGUMENT` for malformed input.
 */
export function buildProfile(input: ProfileInput, options: ProfileOptions = {}): Profile {
  let items: readonly (ProfileRow | ProfileVector)[];
  if (Array.isArray(input)) items = input;
  else if (input && typeof input === 'object' && (input as { kind?: unknown }).kind === 'records') items = (input as { rows: readonly ProfileRow[] }).rows;
  else if (input && typeof input === 'object' && (input as { kind?: unknown }).kind === 'vectors') items = (input as { vectors: readonly ProfileVector[] }).vectors;
  else throw new EdgeAugmentError('INVALID_ARGUMENT', "buildProfile expects an array, { kind: 'records', rows } or { kind: 'vectors', vectors }.");
  if (!Array.isArray(items)) throw new EdgeAugmentError('INVALID_ARGUMENT', 'buildProfile: rows/vectors must be an array.');
  const b = new ProfileBuilder({ histogramWarmup: Math.max(1, items.length), ...options });
  for (const it of items) b.add(it);
  return b.toProfile();
}

/**
 * Merges any number of profiles (left to right).
 * @throws EdgeAugmentError `INSUFFICIENT_DATA` when given none.
 */
export function mergeProfiles(profiles: readonly Profile[]): Profile {
  if (!profiles.length) throw new EdgeAugmentError('INSUFFICIENT_DATA', 'mergeProfiles needs at least one profile.');
  return profiles.slice(1).reduce((acc, p) => acc.merge(p), profiles[0]);
}
