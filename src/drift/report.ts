/**
 * Drift reports: compare a reference {@link Profile} with a current one feature by feature, choose
 * the test (Evidently's rule by default), run it on exact data where the profiles still hold it and on
 * sketches otherwise — saying so, with the error bound, in the entry — then correct for multiple
 * testing and decide dataset drift from the share of drifted features.
 *
 * Validity. A p-value from sketches must not be anti-conservative (whylogs #461 reported severe drift
 * on identical data). The KS statistic from two KLL sketches is off from the exact one by at most the
 * two sketches' rank-error bounds ε (which hold with probability ≥ 1 − 10⁻³, see `KllSketch`), so the
 * p-value is computed for max(0, D̂ − ε): never smaller than the exact p-value except with
 * probability 10⁻³. Distance tests (Wasserstein, JS, PSI, Hellinger) have no null distribution; by
 * default (`requireSignificance`) they flag drift only when the distance exceeds its threshold *and*
 * the companion p-value test (KS for numbers, χ² with sparse categories pooled for categories) rejects
 * at α, so the false-alarm rate
 * of every feature is ≤ α whatever the test.
 *
 * Dataset drift. Evidently's share rule (≥ `driftShare` of the features drifted) stays available and
 * is the default for tabular records; for image-feature profiles the default is family-wise (Holm over
 * the features' p-values, drift when the smallest adjusted p-value is < α, false alarms ≤ α under any
 * dependence) and the report names the drifted image aspect — see ./aspects.ts.
 */
import { EdgeAugmentError, describeValue } from '../errors.js';
import type { CategoricalFeatureProfile, FeatureProfile, NumericFeatureProfile, Profile } from './profile.js';
import { FixedHistogram, chooseEdges } from './sketch/histogram.js';
import { holm, imageAspects, resolveDatasetRule, type AspectDrift, type DatasetRule } from './aspects.js';
import { fingerprintDrift, type DriftFingerprint, type SignatureBank } from './fingerprint.js';
import {
  benjaminiHochberg, bonferroni, chi2Contingency, hellinger, jensenShannon, ks2samp, kstwoSf, mmdTest, normSf, psi, wassersteinDistance,
} from './stats/index.js';

/** Tests a report can run. `'auto'` applies Evidently's rule. */
export type DriftTestName = 'auto' | 'ks' | 'wasserstein' | 'psi' | 'jensenshannon' | 'hellinger' | 'chisquare' | 'ztest' | 'mmd';

/** Multiple-testing correction of the per-feature p-values. */
export type DriftCorrection = 'none' | 'bonferroni' | 'benjamini-hochberg';

/** Options of {@link compareProfiles}. */
export interface DriftReportOptions {
  /** Significance level of p-value tests (default 0.05). */
  alpha?: number;
  /** Test per feature name (others use `defaultTest`). */
  tests?: Readonly<Record<string, DriftTestName>>;
  /** Test for features not in `tests` (default 'auto' = Evidently's rule). */
  defaultTest?: DriftTestName;
  /** Threshold per feature: α for p-value tests (ignored when a correction is on), the distance bound for distance tests. */
  thresholds?: Readonly<Record<string, number>>;
  /** Correction over all p-values (default 'none'). */
  correction?: DriftCorrection;
  /** Dataset drift when at least this share of tested features drifted (default 0.5; the `'share'` rule). */
  driftShare?: number;
  /**
   * How dataset drift is decided: `'share'` (Evidently: ≥ `driftShare` of the features drifted),
   * `'familywise'` (Holm over the features' p-values: drift when one adjusted p-value is < α), or
   * `'auto'` (default): family-wise for image-feature profiles (≥ 6 columns of `featuresToRecord`),
   * share otherwise.
   */
  datasetRule?: DatasetRule;
  /** Distance tests also need their companion p-value test to reject (default true; false = Evidently). */
  requireSignificance?: boolean;
  /** Only these features (default: every feature of the reference). */
  features?: readonly string[];
  /** Raw current values per numeric feature, used instead of the current profile's sketches (exact tests). */
  currentValues?: Readonly<Record<string, readonly number[]>>;
  /** MMD on the vector samples: permutations (default 100) and seed (default 0). */
  mmd?: { permutations?: number; seed?: number };
  /** Failure probability of the sketch error bounds (default 1e-3). */
  sketchDelta?: number;
  /**
   * Signatures of attack families (from `buildSignatureBank`): the report then says which family the
   * current data most resembles, or "none of these" (`fingerprint`; see ./fingerprint.ts).
   */
  fingerprint?: SignatureBank;
}

/** One feature's result. */
export interface FeatureDrift {
  /** Feature name (`'vectors'` for the MMD test on embedding samples). */
  name: string;
  kind: 'numeric' | 'categorical' | 'vectors';
  /** Test that decided. */
  test: Exclude<DriftTestName, 'auto'>;
  /** Test statistic (D, χ², z, normalised Wasserstein, JS distance, PSI, Hellinger, MMD²). */
  statistic: number;
  /** p-value (for distance tests: the companion significance test's p-value, when run). */
  pvalue?: number;
  /** Corrected p-value, when a correction is on. */
  adjustedPvalue?: number;
  /** α for p-value tests, the distance bound for distance tests. */
  threshold: number;
  drift: boolean;
  /** True when computed from sketches rather than exact data. */
  approximate?: boolean;
  /** How it was approximated and the error bound. */
  approximation?: string;
  /** Anything else worth knowing (why this test, the gate). */
  note?: string;
  referenceCount: number;
  currentCount: number;
}

/** Plain JSON form of a {@link DriftReport}. */
export interface DriftReportJSON {
  features: FeatureDrift[];
  skipped: { name: string; reason: string }[];
  driftShare: number;
  shareDrifted: number;
  datasetDrift: boolean;
  /** The rule that decided `datasetDrift` (absent in reports saved before it existed: 'share'). */
  datasetRule?: 'share' | 'familywise';
  /** Family-wise rule: the smallest Holm-adjusted p-value (1 when no feature has a p-value). */
  datasetPvalue?: number;
  /** Family-wise rule on image features: the drifted aspects, most telling first. */
  aspects?: AspectDrift[];
  driftedFeatures: string[];
  /** With `options.fingerprint`: the attack family the current data most resembles, or 'none'. */
  fingerprint?: DriftFingerprint;
  alpha: number;
  correction: DriftCorrection;
  referenceRows: number;
  currentRows: number;
}

/** A drift report: plain data plus `toJSON()` and `summary()`. */
export interface DriftReport extends Readonly<DriftReportJSON> {
  /** Plain JSON (NaN statistics become null through `JSON.stringify`). */
  toJSON(): DriftReportJSON;
  /** One short human-readable paragraph naming the drifted features. */
  summary(): string;
}

const DISTANCE_TESTS = new Set<DriftTestName>(['wasserstein', 'psi', 'jensenshannon', 'hellinger']);
const DEFAULT_DISTANCE_THRESHOLD = 0.1;

/** A numeric data source: exact values (with weights) or an approximate KLL view. */
interface NumSource {
  n: number;
  values: Float64Array;
  weights: Float64Array;
  exact: boolean;
  /** Normalised rank-error bound valid simultaneously for `queries` points with prob ≥ 1 − delta. */
  err(delta: number, queries: number): number;
  origin: string;
}

function exactSource(values: ArrayLike<number>, weights: ArrayLike<number> | null, origin: string): NumSource {
  const v = Float64Array.from(values);
  const w = weights ? Float64Array.from(weights) : new Float64Array(v.length).fill(1);
  let n = 0;
  for (const x of w) n += x;
  return { n, values: v, weights: w, exact: true, err: () => 0, origin };
}

function numericSource(f: NumericFeatureProfile, raw?: readonly number[]): NumSource {
  if (raw) {
    const vals = raw.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
    return exactSource(vals, null, 'raw values');
  }
  if (f.raw) return exactSource(f.raw, null, 'raw values kept by the profile');
  const d = f.distinct.entries();
  if (d) return exactSource(d.map((e) => e[0]), d.map((e) => e[1]), 'exact value counts');
  const { values, weights } = f.kll.weightedValues();
  if (f.kll.isExact) return { n: f.kll.n, values, weights, exact: true, err: () => 0, origin: 'KLL sketch (exact, never compacted)' };
  return { n: f.kll.n, values, weights, exact: false, err: (delta, q) => f.kll.rankErrorBound(delta, q), origin: `KLL sketch (k=${f.kll.k})` };
}

function expand(s: NumSource): Float64Array {
  const out = new Float64Array(s.n);
  let k = 0;
  for (let i = 0; i < s.values.length; i++) for (let j = 0; j < s.weights[i]; j++) out[k++] = s.values[i];
  return out;
}

/** sup |F_a − F_b| over the union of support points, and the number of points. */
function weightedKsD(a: NumSource, b: NumSource): { d: number; points: number } {
  let i = 0, j = 0, ca = 0, cb = 0, d = 0, points = 0;
  while (i < a.values.length || j < b.values.length) {
    const x = j >= b.values.length || (i < a.values.length && a.values[i] <= b.values[j]) ? a.values[i] : b.values[j];
    while (i < a.values.length && a.values[i] === x) ca += a.weights[i++];
    while (j < b.values.length && b.values[j] === x) cb += b.weights[j++];
    points++;
    d = Math.max(d, Math.abs(ca / a.n - cb / b.n));
  }
  return { d, points };
}

interface TestOutcome {
  statistic: number;
  pvalue?: number;
  approximate?: boolean;
  approximation?: string;
}

function ksTest(a: NumSource, b: NumSource, delta: number): TestOutcome {
  if (a.exact && b.exact && a.n <= 1_000_000 && b.n <= 1_000_000) {
    const r = ks2samp(expand(a), expand(b));
    return { statistic: r.statistic, pvalue: r.pvalue };
  }
  const { d, points } = weightedKsD(a, b);
  const eps = a.err(delta / 2, points) + b.err(delta / 2, points);
  const nEff = Math.round((a.n * b.n) / (a.n + b.n));
  const dAdj = Math.max(0, d - eps);
  const pvalue = dAdj > 0 ? kstwoSf(dAdj, nEff) : 1;
  return {
    statistic: d, pvalue, approximate: true,
    approximation: `KS from ${a.exact ? a.origin : 'a ' + a.origin} vs ${b.exact ? b.origin : 'a ' + b.origin}: |D̂ − D| ≤ ε = ${eps.toPrecision(3)} (probability ≥ ${1 - delta}); p-value = kstwo.sf(max(0, D̂ − ε), n_eff = ${nEff}), conservative`,
  };
}

function wassersteinTest(a: NumSource, b: NumSource, refStd: number, delta: number): TestOutcome {
  const norm = Math.max(refStd, 0.001);
  const w = wassersteinDistance(a.values, b.values, a.weights, b.weights) / norm;
  if (a.exact && b.exact) return { statistic: w };
  const range = Math.max(a.values[a.values.length - 1], b.values[b.values.length - 1]) - Math.min(a.values[0], b.values[0]);
  const eps = (a.err(delta / 2, 1) + b.err(delta / 2, 1)) * range / norm;
  return { statistic: w, approximate: true, approximation: `Wasserstein (÷ reference std) from KLL quantiles; |Ŵ − W| ≲ ε·range/std = ${eps.toPrecision(3)}` };
}

/** Bins a numeric source into the histogram edges. */
function binSource(s: NumSource, edges: readonly number[]): number[] {
  const h = new FixedHistogram(edges);
  for (let i = 0; i < s.values.length; i++) h.update(s.values[i], s.weights[i]);
  return h.counts;
}

function referenceEdges(f: NumericFeatureProfile, src: NumSource, bins: number): readonly number[] {
  if (f.histogram) return f.histogram.edges;
  const cum: number[] = [];
  let c = 0;
  for (const w of src.weights) { c += w; cum.push(c); }
  const quantile = (q: number) => {
    if (q >= 1) return src.values[src.values.length - 1];
    const t = q * src.n;
    let i = 0;
    while (i < cum.length - 1 && cum[i] < t) i++;
    return src.values[i];
  };
  return chooseEdges(quantile, bins);
}

/** Reference and current counts over the same numeric bins, saying how they were obtained. */
function numericBins(ref: NumericFeatureProfile, cur: NumericFeatureProfile, refSrc: NumSource, curSrc: NumSource, bins: number, raw: boolean): { p: number[]; q: number[]; approximate: boolean; how: string } {
  if (ref.histogram && cur.histogram && ref.histogram.sameEdges(cur.histogram) && !raw) {
    return { p: ref.histogram.counts, q: cur.histogram.counts, approximate: false, how: 'fixed-edge histograms' };
  }
  const edges = referenceEdges(ref, refSrc, bins);
  const p = ref.histogram && ref.histogram.edges === edges ? ref.histogram.counts : binSource(refSrc, edges);
  const q = binSource(curSrc, edges);
  const approximate = !(ref.histogram && ref.histogram.edges === edges ? true : refSrc.exact) || !curSrc.exact;
  return { p, q, approximate, how: approximate ? `bins re-counted from a KLL sketch (bin masses off by ≤ 2ε = ${(2 * (refSrc.err(5e-4, edges.length) + curSrc.err(5e-4, edges.length))).toPrecision(3)})` : 'bins counted from exact values' };
}

/** Category → count for a categorical feature (plus an "other" bucket for the undercount). */
function categoryCounts(f: CategoricalFeatureProfile): { counts: Map<string, number>; exact: boolean } {
  const counts = new Map<string, number>(f.frequent.top());
  let s = 0;
  for (const v of counts.values()) s += v;
  if (s < f.count) counts.set('\u0000other', f.count - s);
  return { counts, exact: f.frequent.isExact };
}

function distinctCounts(s: NumSource): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < s.values.length; i++) m.set(String(s.values[i]), (m.get(String(s.values[i])) ?? 0) + s.weights[i]);
  return m;
}

function aligned(a: Map<string, number>, b: Map<string, number>): { p: number[]; q: number[]; keys: string[] } {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return { keys, p: keys.map((k) => a.get(k) ?? 0), q: keys.map((k) => b.get(k) ?? 0) };
}

/**
 * Two-sample χ² (2 × K contingency). Categories whose expected count is below 5 in either row are
 * pooled into one column (and that column dropped if it is still below 5), because the χ²
 * approximation is anti-conservative for sparse cells.
 */
function chiTest(p: number[], q: number[]): TestOutcome & { pooled: number } {
  const np = p.reduce((a, b) => a + b, 0), nq = q.reduce((a, b) => a + b, 0);
  const minShare = Math.min(np, nq) / (np + nq);
  const rowP: number[] = [], rowQ: number[] = [];
  let poolP = 0, poolQ = 0, pooled = 0;
  for (let i = 0; i < p.length; i++) {
    const total = p[i] + q[i];
    if (total === 0) continue;
    if (total * minShare < 5) { poolP += p[i]; poolQ += q[i]; pooled++; } else { rowP.push(p[i]); rowQ.push(q[i]); }
  }
  if (pooled && (poolP + poolQ) * minShare >= 5) { rowP.push(poolP); rowQ.push(poolQ); }
  if (rowP.length < 2) return { statistic: 0, pvalue: 1, pooled };
  const r = chi2Contingency([rowP, rowQ]);
  return { statistic: r.statistic, pvalue: r.pvalue, pooled };
}

function zTest(p: number[], q: number[], keys: string[]): TestOutcome {
  const n1 = p.reduce((a, b) => a + b, 0), n2 = q.reduce((a, b) => a + b, 0);
  // Proportion of the first category (sorted), as Evidently's two-proportion z-test.
  const k = keys.length ? 0 : -1;
  if (k < 0 || n1 === 0 || n2 === 0) return { statistic: 0, pvalue: 1 };
  const p1 = p[k] / n1, p2 = q[k] / n2, pooled = (p[k] + q[k]) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { statistic: 0, pvalue: 1 };
  const z = (p1 - p2) / se;
  return { statistic: z, pvalue: 2 * normSf(Math.abs(z)) };
}

function distance(test: DriftTestName, p: number[], q: number[]): number {
  const sp = p.reduce((a, b) => a + b, 0), sq = q.reduce((a, b) => a + b, 0);
  const pn = p.map((x) => x / sp), qn = q.map((x) => x / sq);
  switch (test) {
    case 'psi': return psi(pn, qn);
    case 'jensenshannon': return jensenShannon(pn, qn);
    case 'hellinger': return hellinger(pn, qn);
    default: throw new EdgeAugmentError('INTERNAL', `not a histogram distance: ${test}`);
  }
}

/** Evidently's default test choice. */
function autoTest(refCount: number, kind: 'numeric' | 'categorical', unique: number): { test: Exclude<DriftTestName, 'auto'>; why: string } {
  if (refCount <= 1000) {
    if (kind === 'numeric' && unique > 5) return { test: 'ks', why: 'auto: reference ≤ 1000 rows, numeric with > 5 unique values → KS' };
    if (unique <= 2) return { test: 'ztest', why: 'auto: reference ≤ 1000 rows, ≤ 2 unique values → z-test' };
    return { test: 'chisquare', why: `auto: reference ≤ 1000 rows, ${kind === 'numeric' ? '≤ 5 unique values' : 'categorical'} → χ²` };
  }
  if (kind === 'numeric' && unique > 5) return { test: 'wasserstein', why: 'auto: reference > 1000 rows, numeric with > 5 unique values → Wasserstein ÷ std' };
  return { test: 'jensenshannon', why: 'auto: reference > 1000 rows, categorical or ≤ 5 unique values → Jensen–Shannon' };
}

interface Pending {
  entry: FeatureDrift;
  /** Whether `entry.pvalue` takes part in the correction and decides (with the distance) drift. */
  pDecides: boolean;
  /** For distance tests: distance ≥ threshold. */
  distanceOver?: boolean;
}

function runFeature(name: string, ref: FeatureProfile, cur: FeatureProfile, requested: DriftTestName, alpha: number, threshold: number | undefined,
  opts: DriftReportOptions, bins: number, delta: number): Pending {
  if (ref.kind !== cur.kind) throw new EdgeAugmentError('INVALID_ARGUMENT', `Feature ${JSON.stringify(name)} is ${ref.kind} in the reference and ${cur.kind} in the current profile.`);
  const raw = opts.currentValues?.[name];
  const base = { name, kind: ref.kind, referenceCount: ref.count, currentCount: raw ? raw.length : cur.count };
  let numRef: NumSource | null = null, numCur: NumSource | null = null;
  let cats: { p: number[]; q: number[]; keys: string[]; exact: boolean } | null = null;
  if (ref.kind === 'numeric') {
    numRef = numericSource(ref);
    numCur = numericSource(cur as NumericFeatureProfile, raw);
    const refCounts = ref.distinct.entries();
    let curCounts: Map<string, number> | null = null;
    if (raw) {
      curCounts = distinctCounts(numCur);
      if (curCounts.size > ref.distinct.cap) curCounts = null;
    } else {
      const e = (cur as NumericFeatureProfile).distinct.entries();
      curCounts = e ? new Map(e.map(([v, c]) => [String(v), c])) : null;
    }
    if (refCounts && curCounts) {
      cats = { ...aligned(new Map(refCounts.map(([v, c]) => [String(v), c])), curCounts), exact: true };
    }
  } else {
    const a = categoryCounts(ref), b = categoryCounts(cur as CategoricalFeatureProfile);
    cats = { ...aligned(a.counts, b.counts), exact: a.exact && b.exact };
  }
  let test: Exclude<DriftTestName, 'auto'>;
  let why = '';
  if (requested === 'auto') {
    const unique = cats ? cats.keys.length : Infinity;
    ({ test, why } = autoTest(ref.count, ref.kind, unique));
  } else test = requested;
  if ((test === 'ks' || test === 'wasserstein') && ref.kind !== 'numeric') throw new EdgeAugmentError('INVALID_ARGUMENT', `Test '${test}' needs a numeric feature; ${JSON.stringify(name)} is categorical (use 'chisquare', 'jensenshannon', 'psi' or 'hellinger').`);
  if (test === 'mmd') throw new EdgeAugmentError('INVALID_ARGUMENT', `Test 'mmd' applies to embedding vectors, not to feature ${JSON.stringify(name)}.`);

  const catApprox = cats && !cats.exact ? 'category counts from a frequent-items sketch (each count low by at most its maxError; the rest pooled as "other")' : undefined;
  const isDistance = DISTANCE_TESTS.has(test);
  const thr = threshold ?? (isDistance ? DEFAULT_DISTANCE_THRESHOLD : alpha);
  const entry: FeatureDrift = { ...base, test, statistic: NaN, threshold: thr, drift: false };
  const notes: string[] = why ? [why] : [];
  const approx: string[] = [];
  let out: TestOutcome;

  // Companion significance test of distance tests: KS for numbers (ties only make it conservative), χ² for categories.
  const companion = (): TestOutcome => (ref.kind === 'numeric' ? ksTest(numRef!, numCur!, delta) : chiTest(cats!.p, cats!.q));

  switch (test) {
    case 'ks': out = ksTest(numRef!, numCur!, delta); break;
    case 'chisquare':
    case 'ztest': {
      let c = cats;
      if (!c) {
        const b = numericBins(ref as NumericFeatureProfile, cur as NumericFeatureProfile, numRef!, numCur!, bins, !!raw);
        c = { p: b.p, q: b.q, keys: b.p.map((_, i) => String(i)), exact: !b.approximate };
        notes.push(`χ² over ${b.how}`);
        if (b.approximate) approx.push(b.how);
      } else if (catApprox) approx.push(catApprox);
      if (test === 'chisquare') {
        const chi = chiTest(c.p, c.q);
        out = chi;
        notes.push(`two-sample χ² (contingency, reference vs current)${chi.pooled ? `; ${chi.pooled} sparse categories (expected < 5) pooled` : ''}`);
      } else out = zTest(c.p, c.q, c.keys);
      break;
    }
    case 'wasserstein': out = wassersteinTest(numRef!, numCur!, (ref as NumericFeatureProfile).moments.std(), delta); break;
    default: {
      let p: number[], q: number[];
      if (cats) {
        ({ p, q } = cats);
        if (catApprox) approx.push(catApprox);
      } else {
        const b = numericBins(ref as NumericFeatureProfile, cur as NumericFeatureProfile, numRef!, numCur!, bins, !!raw);
        ({ p, q } = b);
        if (b.approximate) approx.push(`${test} over ${b.how}`);
      }
      out = { statistic: distance(test, p, q) };
    }
  }
  entry.statistic = out.statistic;
  if (out.approximate) approx.push(out.approximation!);
  let pDecides = !isDistance;
  let distanceOver: boolean | undefined;
  if (isDistance) {
    distanceOver = out.statistic >= thr;
    if (opts.requireSignificance ?? true) {
      const g = companion();
      entry.pvalue = g.pvalue;
      if (g.approximate) approx.push(`significance gate: ${g.approximation}`);
      notes.push(`drift needs ${test} ≥ ${thr} and the ${ref.kind === 'numeric' ? 'KS' : 'χ²'} p-value < α (significance gate)`);
      pDecides = true;
    }
  } else {
    entry.pvalue = out.pvalue;
  }
  if (approx.length) { entry.approximate = true; entry.approximation = approx.join('; '); }
  if (notes.length) entry.note = notes.join('; ');
  return { entry, pDecides, distanceOver };
}

function vectorEntry(reference: Profile, current: Profile, alpha: number, opts: DriftReportOptions): Pending | { skip: string } {
  const a = reference.vectors!.reservoir.vectors(), b = current.vectors!.reservoir.vectors();
  if (a.length < 2 || b.length < 2) return { skip: 'fewer than 2 sampled vectors on one side' };
  if (reference.vectors!.dim !== current.vectors!.dim) throw new EdgeAugmentError('INVALID_ARGUMENT', `Vector dimensions differ: ${reference.vectors!.dim} vs ${current.vectors!.dim}.`);
  const r = mmdTest(a, b, { permutations: opts.mmd?.permutations ?? 100, seed: opts.mmd?.seed ?? 0 });
  return {
    pDecides: true,
    entry: {
      name: 'vectors', kind: 'vectors', test: 'mmd', statistic: r.statistic, pvalue: r.pvalue, threshold: opts.thresholds?.vectors ?? alpha, drift: false,
      note: `unbiased MMD², RBF σ = ${r.sigma.toPrecision(3)} (median heuristic), permutation p = (b+1)/(B+1) on uniform samples of ${a.length} and ${b.length} vectors`,
      referenceCount: reference.vectors!.reservoir.n, currentCount: current.vectors!.reservoir.n,
    },
  };
}

/**
 * Compares two profiles feature by feature.
 *
 * @param reference - the profile drift is measured against.
 * @param current - the profile of the new data (build it with `{ reference }` so histograms share edges).
 * @example
 * ```ts
 * const report = compareProfiles(ref, cur, { correction: 'bonferroni' });
 * if (report.datasetDrift) console.warn(report.summary());
 * ```
 * @throws EdgeAugmentError `INVALID_ARGUMENT` for bad options or a test that does not fit a feature.
 */
export function compareProfiles(reference: Profile, current: Profile, options: DriftReportOptions = {}): DriftReport {
  const alpha = options.alpha ?? 0.05;
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) throw new EdgeAugmentError('INVALID_ARGUMENT', `alpha must be in (0, 1), got ${describeValue(alpha)}.`);
  const driftShare = options.driftShare ?? 0.5;
  if (typeof driftShare !== 'number' || !(driftShare > 0 && driftShare <= 1)) throw new EdgeAugmentError('INVALID_ARGUMENT', `driftShare must be in (0, 1], got ${describeValue(driftShare)}.`);
  const correction = options.correction ?? 'none';
  if (typeof correction !== 'string' || !['none', 'bonferroni', 'benjamini-hochberg'].includes(correction)) throw new EdgeAugmentError('INVALID_ARGUMENT', `correction must be 'none', 'bonferroni' or 'benjamini-hochberg', got ${describeValue(correction)}.`);
  const delta = options.sketchDelta ?? 1e-3;
  const valid = new Set<DriftTestName>(['auto', 'ks', 'wasserstein', 'psi', 'jensenshannon', 'hellinger', 'chisquare', 'ztest', 'mmd']);
  for (const t of [options.defaultTest ?? 'auto', ...Object.values(options.tests ?? {})]) {
    if (!valid.has(t)) throw new EdgeAugmentError('INVALID_ARGUMENT', `Unknown drift test ${describeValue(t)}; valid: ${[...valid].join(', ')}.`);
  }
  const bins = reference.settings.bins;
  const pending: Pending[] = [];
  const skipped: { name: string; reason: string }[] = [];
  const names = options.features ?? reference.featureNames;
  for (const name of names) {
    const ref = reference.feature(name);
    const cur = current.feature(name);
    const rawCount = options.currentValues?.[name]?.length;
    if (!ref) { skipped.push({ name, reason: 'not in the reference profile' }); continue; }
    if (!cur && rawCount === undefined) { skipped.push({ name, reason: 'not in the current profile' }); continue; }
    if (ref.count === 0) { skipped.push({ name, reason: 'no reference values' }); continue; }
    if ((rawCount ?? cur!.count) === 0) { skipped.push({ name, reason: 'no current values' }); continue; }
    const thr = options.thresholds?.[name];
    if (thr !== undefined && !(typeof thr === 'number' && Number.isFinite(thr) && thr >= 0)) throw new EdgeAugmentError('INVALID_ARGUMENT', `threshold of ${JSON.stringify(name)} must be a finite number ≥ 0, got ${describeValue(thr)}.`);
    const requested = options.tests?.[name] ?? options.defaultTest ?? 'auto';
    pending.push(runFeature(name, ref, cur ?? ref, requested, alpha, thr, options, bins, delta));
  }
  if (reference.vectors && current.vectors && (!options.features || options.features.includes('vectors'))) {
    const v = vectorEntry(reference, current, alpha, options);
    if ('skip' in v) skipped.push({ name: 'vectors', reason: v.skip });
    else pending.push(v);
  }

  // Decisions: p-values (corrected if asked), distances, gates.
  const withP = pending.filter((x) => x.pDecides && x.entry.pvalue !== undefined && Number.isFinite(x.entry.pvalue));
  let reject = new Map<Pending, boolean>();
  if (correction !== 'none' && withP.length) {
    const ps = withP.map((x) => Math.min(1, Math.max(0, x.entry.pvalue!)));
    const r = correction === 'bonferroni' ? bonferroni(ps, alpha) : benjaminiHochberg(ps, alpha);
    withP.forEach((x, i) => { reject.set(x, r.reject[i]); x.entry.adjustedPvalue = r.adjusted[i]; });
  } else {
    reject = new Map(withP.map((x) => [x, x.entry.pvalue! < (DISTANCE_TESTS.has(x.entry.test) ? alpha : x.entry.threshold)]));
  }
  for (const x of pending) {
    const sig = reject.get(x) ?? false;
    if (DISTANCE_TESTS.has(x.entry.test)) x.entry.drift = !!x.distanceOver && (!x.pDecides || sig);
    else x.entry.drift = sig;
  }
  const features = pending.map((x) => x.entry);
  const driftedFeatures = features.filter((f) => f.drift).map((f) => f.name);
  const shareDrifted = features.length ? driftedFeatures.length / features.length : 0;
  const rule = resolveDatasetRule(options.datasetRule, features.map((f) => f.name));
  const json: DriftReportJSON = {
    features, skipped, driftShare, shareDrifted, datasetDrift: features.length > 0 && shareDrifted >= driftShare, datasetRule: rule,
    driftedFeatures, alpha, correction, referenceRows: reference.rows, currentRows: current.rows,
  };
  if (rule === 'familywise') {
    const adjusted = holm(withP.map((x) => Math.min(1, Math.max(0, x.entry.pvalue!))));
    const rejected: { name: string; adjustedPvalue: number }[] = [];
    withP.forEach((x, i) => {
      // A distance test needs its distance over the threshold too (the p-value is its gate).
      if (adjusted[i] < alpha && (!DISTANCE_TESTS.has(x.entry.test) || x.distanceOver)) rejected.push({ name: x.entry.name, adjustedPvalue: adjusted[i] });
    });
    // Features without a p-value (distance tests with requireSignificance: false) count when they drifted.
    const unguarded = pending.filter((x) => !withP.includes(x) && x.entry.drift);
    json.datasetPvalue = adjusted.length ? Math.min(...adjusted) : 1;
    json.datasetDrift = rejected.length > 0 || unguarded.length > 0;
    const means = new Map<string, { ref: number; cur: number }>();
    for (const x of pending) {
      const r = reference.feature(x.entry.name);
      if (!r || r.kind !== 'numeric') continue;
      const raw = options.currentValues?.[x.entry.name];
      const c = current.feature(x.entry.name);
      const cur = raw && raw.length ? raw.reduce((a, v) => a + v, 0) / raw.length : c && c.kind === 'numeric' ? c.moments.mean : NaN;
      means.set(x.entry.name, { ref: r.moments.mean, cur });
    }
    const aspects = imageAspects(rejected, means);
    if (aspects.length) json.aspects = aspects;
  }
  if (options.fingerprint !== undefined) json.fingerprint = fingerprintDrift(options.fingerprint, reference, current, { currentValues: options.currentValues });
  return makeReport(json);
}

function fmt(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1e-3 || x === 0 ? x.toPrecision(3) : x.toExponential(2);
}

/**
 * Wraps plain report data (e.g. from `JSON.parse`) with `toJSON()` and `summary()`.
 * @example
 * ```ts
 * const r = makeReport(JSON.parse(saved)); console.log(r.summary());
 * ```
 */
export function makeReport(json: DriftReportJSON): DriftReport {
  const data = structuredClone(json);
  return Object.freeze({
    ...data,
    toJSON: () => structuredClone(data),
    summary(): string {
      const n = data.features.length;
      const rule = data.datasetRule === 'familywise'
        ? `family-wise: smallest Holm-adjusted p = ${fmt(data.datasetPvalue)}, drift when < α = ${data.alpha}`
        : `dataset drift at ≥ ${Math.round(data.driftShare * 100)}%`;
      const aspects = data.aspects?.length ? ` ${data.aspects.map((a) => a.description).join('; ')}.` : '';
      const head = `Drift in ${data.driftedFeatures.length} of ${n} feature${n === 1 ? '' : 's'} (${Math.round(data.shareDrifted * 100)}%; ${rule}): dataset drift ${data.datasetDrift ? 'DETECTED' : 'not detected'}.${aspects}`;
      const drifted = data.features.filter((f) => f.drift).map((f) => {
        const p = f.pvalue !== undefined ? `, p=${fmt(f.pvalue)}` : '';
        return `${f.name} (${f.test} ${fmt(f.statistic)}${p}${f.approximate ? ', approx.' : ''})`;
      });
      const skipped = data.skipped.length ? ` Skipped: ${data.skipped.map((s) => s.name).join(', ')}.` : '';
      const fp = data.fingerprint ? ` ${data.fingerprint.description}` : '';
      return drifted.length ? `${head} Drifted: ${drifted.join(', ')}.${skipped}${fp}` : `${head}${skipped}${fp}`;
    },
  });
}
