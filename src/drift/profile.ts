/**
 * Mergeable data profiles — the drift monitor's summary of a data set without its raw rows
 * (the whylogs model). Per numeric feature: count, missing, moments (Welford/Chan), min/max, a KLL
 * quantile sketch, a fixed-edge histogram and an exact small-domain counter; per categorical feature:
 * count, missing and frequent items; for embedding vectors: per-dimension numeric features plus a
 * seeded, bounded uniform sample of whole vectors (for MMD).
 *
 * Every part merges, `Profile.merge` is associative and commutative (exactly for counts, within the
 * sketches' stated error otherwise) and the JSON form is versioned and strictly validated.
 */
import { EdgeAugmentError } from '../errors.js';
import { DEFAULT_KLL_K, KllSketch, type KllSketchJSON } from './sketch/kll.js';
import { FixedHistogram, chooseEdges, type FixedHistogramJSON } from './sketch/histogram.js';
import { DEFAULT_FREQUENT_CAPACITY, FrequentItems, type FrequentItemsJSON } from './sketch/frequent.js';
import { Moments, type MomentsJSON } from './sketch/moments.js';
import { DEFAULT_DISTINCT_CAP, DistinctCounter, type DistinctCounterJSON } from './sketch/distinct.js';
import { DEFAULT_RESERVOIR_SIZE, VectorReservoir, type VectorReservoirJSON } from './sketch/reservoir.js';
import { JSON_LIMITS, arr, int, invalid, literal, nums, obj, parseInput, str } from './sketch/json.js';

/** Largest `exactLimit` accepted. */
const MAX_EXACT_LIMIT = 100_000;
import { mixSeeds } from './sketch/rng.js';

/** Version of {@link ProfileJSON}; `Profile.fromJSON` rejects any other. */
export const PROFILE_FORMAT_VERSION = 1;

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
  /** Frequent-items counters per categorical feature (default 64). */
  frequentCapacity: number;
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
}
/** JSON form of a {@link Profile}. */
export interface ProfileJSON {
  formatVersion: 1;
  type: 'edge-augment/profile';
  rows: number;
  settings: ProfileSettings;
  features: (NumericFeatureJSON | CategoricalFeatureJSON)[];
  vectors: { dim: number; reservoir: VectorReservoirJSON } | null;
}

const DEFAULT_SETTINGS: ProfileSettings = Object.freeze({
  kllK: DEFAULT_KLL_K, vectorKllK: 64, bins: 20, frequentCapacity: DEFAULT_FREQUENT_CAPACITY,
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
        : { name: f.name, kind: 'categorical', count: f.count, missing: f.missing, frequent: f.frequent.toJSON() }),
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
    if (o.formatVersion !== PROFILE_FORMAT_VERSION) invalid('$.formatVersion', `unsupported version ${JSON.stringify(o.formatVersion)?.slice(0, 20)} (this build reads ${PROFILE_FORMAT_VERSION})`);
    literal(o.type, '$.type', 'edge-augment/profile');
    const rows = int(o.rows, '$.rows');
    const s = obj(o.settings, '$.settings', Object.keys(DEFAULT_SETTINGS));
    const settings: ProfileSettings = {
      kllK: int(s.kllK, '$.settings.kllK', 8, JSON_LIMITS.maxKllK),
      vectorKllK: int(s.vectorKllK, '$.settings.vectorKllK', 8, JSON_LIMITS.maxKllK),
      bins: int(s.bins, '$.settings.bins', 1, JSON_LIMITS.maxHistogramEdges - 1),
      frequentCapacity: int(s.frequentCapacity, '$.settings.frequentCapacity', 1, JSON_LIMITS.maxFrequentCapacity),
      distinctCap: int(s.distinctCap, '$.settings.distinctCap', 0, JSON_LIMITS.maxDistinctCap),
      reservoirSize: int(s.reservoirSize, '$.settings.reservoirSize', 0, JSON_LIMITS.maxReservoir),
      vectorPrefix: str(s.vectorPrefix, '$.settings.vectorPrefix', 64),
      exactLimit: int(s.exactLimit, '$.settings.exactLimit', 0, MAX_EXACT_LIMIT),
    };
    const feats = arr(o.features, '$.features', JSON_LIMITS.maxFeatures);
    const map = new Map<string, FeatureProfile>();
    feats.forEach((raw, i) => {
      const p = `$.features[${i}]`;
      const f = obj(raw, p);
      const name = str(f.name, `${p}.name`, JSON_LIMITS.maxNameLength);
      if (!name) invalid(`${p}.name`, 'empty name');
      if (map.has(name)) invalid(`${p}.name`, `duplicate feature ${JSON.stringify(name)}`);
      const count = int(f.count, `${p}.count`);
      const missing = int(f.missing, `${p}.missing`);
      if (count + missing !== rows) invalid(p, `count + missing = ${count + missing}, not rows = ${rows}`);
      if (f.kind === 'numeric') {
        obj(f, p, ['name', 'kind', 'count', 'missing', 'moments', 'kll', 'distinct', 'histogram', 'raw']);
        const moments = Moments.fromJSON(f.moments, `${p}.moments`);
        const kll = KllSketch.fromJSON(f.kll, `${p}.kll`);
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
        obj(f, p, ['name', 'kind', 'count', 'missing', 'frequent']);
        const frequent = FrequentItems.fromJSON(f.frequent, `${p}.frequent`);
        if (frequent.n !== count) invalid(`${p}.frequent.n`, 'differs from count');
        map.set(name, { name, kind: 'categorical', count, missing, frequent });
      } else {
        invalid(`${p}.kind`, "expected 'numeric' or 'categorical'");
      }
    });
    let vectors: Profile['vectors'] = null;
    if (o.vectors !== null) {
      const v = obj(o.vectors, '$.vectors', ['dim', 'reservoir']);
      const dim = int(v.dim, '$.vectors.dim', 1, JSON_LIMITS.maxVectorDim);
      const reservoir = VectorReservoir.fromJSON(v.reservoir, '$.vectors.reservoir');
      if (reservoir.dim !== dim) invalid('$.vectors.reservoir.dim', 'differs from $.vectors.dim');
      if (reservoir.n > rows) invalid('$.vectors.reservoir.n', 'exceeds rows');
      vectors = { dim, reservoir };
    }
    return new Profile(rows, settings, map, vectors);
  }
}

function withExtraMissing(f: FeatureProfile, extra: number): FeatureProfile {
  return f.kind === 'numeric'
    ? { ...f, missing: f.missing + extra, moments: f.moments.clone(), kll: f.kll.clone(), distinct: f.distinct.clone(), histogram: f.histogram ? f.histogram.clone() : null, raw: f.raw ? f.raw.slice() : null }
    : { ...f, missing: f.missing + extra, frequent: f.frequent.clone() };
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
  return { name: a.name, kind: 'categorical', count: ca.count + cb.count, missing: ca.missing + cb.missing, frequent: ca.frequent.clone().merge(cb.frequent) };
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
  constructor(readonly name: string, capacity: number) {
    this.frequent = new FrequentItems({ capacity });
  }
  add(v: string): void {
    this.count++;
    this.frequent.update(v.length > JSON_LIMITS.maxKeyLength ? v.slice(0, JSON_LIMITS.maxKeyLength) : v);
  }
  snapshot(): CategoricalFeatureProfile {
    return { name: this.name, kind: 'categorical', count: this.count, missing: this.missing, frequent: this.frequent.clone() };
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
      frequentCapacity: options.frequentCapacity ?? base.frequentCapacity, distinctCap: options.distinctCap ?? base.distinctCap,
      reservoirSize: options.reservoirSize ?? base.reservoirSize, vectorPrefix: options.vectorPrefix ?? base.vectorPrefix,
      exactLimit: options.exactLimit ?? base.exactLimit,
    };
    if (!Number.isInteger(this.settings.exactLimit) || this.settings.exactLimit < 0 || this.settings.exactLimit > MAX_EXACT_LIMIT) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `exactLimit must be an integer in [0, ${MAX_EXACT_LIMIT}], got ${this.settings.exactLimit}.`);
    }
    if (!Number.isInteger(this.settings.bins) || this.settings.bins < 1 || this.settings.bins >= JSON_LIMITS.maxHistogramEdges) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `bins must be an integer in [1, ${JSON_LIMITS.maxHistogramEdges - 1}], got ${this.settings.bins}.`);
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
    if (kind === 'categorical') return new CategoricalState(name, this.settings.frequentCapacity);
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
