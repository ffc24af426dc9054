/**
 * The pure, runtime-agnostic core of the drift monitor: a reference profile, a streaming profile of
 * the current window, and reports comparing the two. No workers, timers or I/O — the client layer
 * wraps it (in a worker or not) and decides when to report and reset.
 */
import { EdgeAugmentError } from '../errors.js';
import { Profile, ProfileBuilder, type ProfileJSON, type ProfileRow, type ProfileVector } from './profile.js';
import { compareProfiles, type DriftCorrection, type DriftReport, type DriftReportOptions, type DriftTestName } from './report.js';

/** Options of {@link createMonitorCore}: the report options of {@link compareProfiles}, plus the window's. */
export interface MonitorCoreOptions
  extends Pick<DriftReportOptions, 'alpha' | 'tests' | 'defaultTest' | 'thresholds' | 'correction' | 'driftShare' | 'datasetRule' | 'requireSignificance' | 'fingerprint'> {
  /** The reference: a {@link Profile}, its JSON, or that JSON as a string. */
  reference: Profile | ProfileJSON | string;
  /** Raw values kept per numeric record feature of the current window for exact tests (default 5000; 0 = none). */
  keepRawValues?: number;
  /** Seed of the current window's sketches and of the MMD permutations (default 0). */
  seed?: number;
  /** MMD permutations (default 100). */
  mmdPermutations?: number;
}

/** What {@link MonitorCore.update} accepts. */
export type MonitorInput =
  | readonly ProfileRow[]
  | readonly ProfileVector[]
  | { kind: 'records'; rows: readonly ProfileRow[] }
  | { kind: 'vectors'; vectors: readonly ProfileVector[] };

/** The monitor core returned by {@link createMonitorCore}. */
export interface MonitorCore {
  /** Adds rows (feature records) or embedding vectors to the current window. */
  update(input: MonitorInput): void;
  /** Compares the current window with the reference. */
  report(): DriftReport;
  /** Empties the current window (the reference stays). */
  reset(): void;
  /** Rows or vectors in the current window. */
  readonly count: number;
  /** The reference profile. */
  readonly reference: Profile;
  /** A profile of the current window (e.g. to merge into a new reference). */
  currentProfile(): Profile;
}

/**
 * Creates a drift monitor core.
 *
 * @example
 * ```ts
 * const core = createMonitorCore({ reference: savedProfileJson, correction: 'bonferroni' });
 * core.update(featureRows);                 // [{ brightness: 0.41, contrast: 0.22, … }, …]
 * const r = core.report();
 * if (r.datasetDrift) console.warn(r.summary());
 * core.reset();
 * ```
 * @throws EdgeAugmentError `INVALID_PROFILE` for a malformed reference, `INVALID_ARGUMENT` for bad options.
 */
export function createMonitorCore(options: MonitorCoreOptions): MonitorCore {
  if (!options || typeof options !== 'object') throw new EdgeAugmentError('INVALID_ARGUMENT', 'createMonitorCore needs an options object with a `reference`.');
  const reference = options.reference instanceof Profile ? options.reference : Profile.fromJSON(options.reference);
  const keep = options.keepRawValues ?? 5000;
  if (!Number.isInteger(keep) || keep < 0) throw new EdgeAugmentError('INVALID_ARGUMENT', `keepRawValues must be an integer ≥ 0, got ${keep}.`);
  const seed = options.seed ?? 0;
  const reportOptions: DriftReportOptions = {
    alpha: options.alpha, tests: options.tests, defaultTest: options.defaultTest, thresholds: options.thresholds,
    correction: options.correction, driftShare: options.driftShare, datasetRule: options.datasetRule, requireSignificance: options.requireSignificance, fingerprint: options.fingerprint,
    mmd: { permutations: options.mmdPermutations ?? 100, seed },
  };
  // Validate options now rather than at the first report.
  compareProfiles(reference, reference, { ...reportOptions, features: [] });

  let builder: ProfileBuilder;
  let raw: Map<string, number[] | null>;
  const start = () => {
    builder = new ProfileBuilder({ reference, seed });
    raw = new Map();
  };
  start();

  const addRow = (row: ProfileRow) => {
    builder.add(row);
    if (keep === 0) return;
    for (const key of Object.keys(row)) {
      const v = row[key];
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      let a = raw.get(key);
      if (a === undefined) { a = []; raw.set(key, a); }
      if (a === null) continue;
      if (a.length >= keep) raw.set(key, null);
      else a.push(v);
    }
  };

  const core: MonitorCore = {
    update(input: MonitorInput): void {
      let items: readonly (ProfileRow | ProfileVector)[];
      if (Array.isArray(input)) items = input;
      else if (input && (input as { kind?: string }).kind === 'records') items = (input as { rows: readonly ProfileRow[] }).rows;
      else if (input && (input as { kind?: string }).kind === 'vectors') items = (input as { vectors: readonly ProfileVector[] }).vectors;
      else throw new EdgeAugmentError('INVALID_ARGUMENT', "update expects an array of rows or vectors, { kind: 'records', rows } or { kind: 'vectors', vectors }.");
      for (const it of items) {
        if (ArrayBuffer.isView(it) || Array.isArray(it)) builder.addVector(it as ProfileVector);
        else addRow(it as ProfileRow);
      }
    },
    report(): DriftReport {
      if (builder.count === 0) throw new EdgeAugmentError('INSUFFICIENT_DATA', 'No current data: call update() before report().');
      const current = builder.toProfile();
      const currentValues: Record<string, readonly number[]> = Object.create(null);
      for (const [k, a] of raw) {
        const f = current.feature(k);
        // Only complete windows: every value of the feature, so the exact test sees the same data.
        if (a && f && f.kind === 'numeric' && a.length === f.count) currentValues[k] = a;
      }
      return compareProfiles(reference, current, { ...reportOptions, currentValues });
    },
    reset(): void {
      start();
    },
    get count() { return builder.count; },
    reference,
    currentProfile: () => builder.toProfile(),
  };
  return Object.freeze(core);
}
