/**
 * What users hold for drift: `buildProfile` over images, records or vectors, and a `DriftMonitor`
 * that takes batches as they arrive and reports against a reference — image features computed in
 * WASM, in the worker pool when there is one, without the images ever leaving the device.
 */
import { EdgeAugmentError, abortError } from '../errors.js';
import type { RawImage, RawImageLike } from '../types.js';
import { createEngine } from '../engine/engine.js';
import { WorkerPool } from '../runtime/pool.js';
import { autoWorkers, getCapabilities } from '../runtime/capabilities.js';
import { getWasmConfig } from '../runtime/assets.js';
import { buildProfile as buildProfileFromRows, Profile, type ProfileInput, type ProfileJSON, type ProfileOptions, type ProfileRow, type ProfileVector } from '../drift/profile.js';
import { createMonitorCore, type MonitorCore, type MonitorCoreOptions } from '../drift/monitor-core.js';
import type { DriftReport } from '../drift/report.js';
import { createFeatureWatch, type FeatureWatchOptions, type WatchAlarm } from '../drift/watch.js';
import { IMAGE_FEATURE_RECORD_NAMES } from '../drift/features/index.js';

/** A batch for profiles and monitors: images, feature records, or embedding vectors. */
export type DriftBatch = readonly RawImageLike[] | ProfileInput;

/** Where feature extraction runs. */
export interface DriftExecutionOptions {
  /** 0 (default) = in this thread; n = a pool of n workers; 'auto'. */
  workers?: number | 'auto';
  /** Images per worker task. Default 16. */
  chunkSize?: number;
  signal?: AbortSignal;
}

/** A failure of one image (the others are kept). */
export interface FeatureFailure {
  index: number;
  error: EdgeAugmentError;
}

function isRawImage(x: unknown): x is RawImageLike {
  if (typeof x !== 'object' || x === null || !('width' in x) || !('height' in x)) return false;
  const d = (x as RawImage).data;
  // A RawImage has channels; an ImageData has none and Uint8ClampedArray data (RGBA).
  return 'channels' in x ? d instanceof Uint8Array || d instanceof Uint8ClampedArray : d instanceof Uint8ClampedArray;
}

/** True when a batch is a list of RawImages. */
export function isImageBatch(b: unknown): b is readonly RawImageLike[] {
  return Array.isArray(b) && b.length > 0 && isRawImage(b[0]);
}

export interface FeatureExecutor {
  features(images: readonly RawImageLike[], signal?: AbortSignal): Promise<{ rows: Record<string, number>[]; failures: FeatureFailure[] }>;
  close(): void;
}

/** Feature extraction inline or on a pool, made once and used for many batches; `close()` it. */
export async function createExecutor(o: DriftExecutionOptions): Promise<FeatureExecutor> {
  const caps = getCapabilities();
  const n = o.workers === 'auto' ? autoWorkers(caps) : o.workers ?? 0;
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new EdgeAugmentError('INVALID_ARGUMENT', `workers: expected an integer from 0 to 64 or 'auto', got ${String(o.workers)}.`);
  const chunk = o.chunkSize ?? 16;
  const collect = (res: ({ ok: true; record: Record<string, number> } | { ok: false; error: unknown })[][], offset: number[]) => {
    const rows: Record<string, number>[] = [];
    const failures: FeatureFailure[] = [];
    res.forEach((part, k) => part.forEach((r, j) => {
      if (r.ok) rows.push(r.record);
      else failures.push({ index: offset[k]! + j, error: r.error instanceof EdgeAugmentError ? r.error : EdgeAugmentError.fromJSON(r.error as never) });
    }));
    return { rows, failures };
  };
  if (n === 0 || caps.worker === 'none') {
    const engine = createEngine();
    return {
      async features(images, signal) {
        const parts = [];
        const offsets = [];
        for (let i = 0; i < images.length; i += chunk) {
          if (signal?.aborted) throw abortError(signal.reason);
          offsets.push(i);
          parts.push(await engine.features(images.slice(i, i + chunk) as RawImage[]));
        }
        return collect(parts, offsets);
      },
      close() {},
    };
  }
  const pool = new WorkerPool({ size: n, init: { wasm: getWasmConfig() } });
  await pool.start();
  return {
    async features(images, signal) {
      const offsets: number[] = [];
      const tasks: Promise<({ ok: true; record: Record<string, number> } | { ok: false; error: unknown })[]>[] = [];
      for (let i = 0; i < images.length; i += chunk) {
        offsets.push(i);
        const part = images.slice(i, i + chunk) as RawImage[];
        tasks.push(pool.call((r) => r.features(part) as Promise<({ ok: true; record: Record<string, number> } | { ok: false; error: unknown })[]>, signal));
      }
      return collect(await Promise.all(tasks), offsets);
    },
    close() { pool.close(); },
  };
}

/**
 * Image features for drift — brightness, contrast, HSV mean/std, colourfulness, sharpness, entropy,
 * edge density, size, channel means — one record per image (one WASM pass each).
 *
 * @example
 * ```ts
 * const { rows } = await extractImageFeatures(images, { workers: 'auto' });
 * ```
 */
export async function extractImageFeatures(images: readonly RawImageLike[], options: DriftExecutionOptions = {}): Promise<{ rows: Record<string, number>[]; failures: FeatureFailure[] }> {
  const ex = await createExecutor(options);
  try {
    return await ex.features(images, options.signal);
  } finally {
    ex.close();
  }
}

/** Options of {@link buildProfile}. */
export interface BuildProfileOptions extends Omit<ProfileOptions, 'features'>, DriftExecutionOptions {
  /** `'image'` (for images: every image feature), or feature names / name → kind for records. */
  features?: 'image' | ProfileOptions['features'];
  /** 'throw' (default) or 'skip' bad images (reported in `profile` failures via onFailure). */
  errors?: 'throw' | 'skip';
  /** Called with images that could not be used (errors: 'skip'). */
  onFailure?: (f: FeatureFailure[]) => void;
}

/**
 * Summarises images, feature records or embedding vectors into a mergeable {@link Profile}: counts,
 * moments, min/max, a KLL quantile sketch, a fixed histogram and frequent items per feature. Save it
 * with `JSON.stringify(profile)`; it never contains the images.
 *
 * @throws {EdgeAugmentError} `EMPTY_INPUT`, `INVALID_IMAGE` (errors: 'throw'), `INVALID_ARGUMENT`.
 * @example
 * ```ts
 * const reference = await buildProfile(trainingImages, { features: 'image' });
 * localStorage.setItem('ref', JSON.stringify(reference));
 * ```
 */
export async function buildProfile(input: DriftBatch, options: BuildProfileOptions = {}): Promise<Profile> {
  const { features, workers, chunkSize, signal, errors, onFailure, ...profileOptions } = options;
  if (isImageBatch(input)) {
    const { rows, failures } = await extractImageFeatures(input, { workers, chunkSize, signal });
    if (failures.length) {
      if (errors !== 'skip') throw failures[0]!.error;
      onFailure?.(failures);
    }
    if (!rows.length) throw new EdgeAugmentError('EMPTY_INPUT', 'buildProfile: no usable images.');
    const names = features === undefined || features === 'image' ? IMAGE_FEATURE_RECORD_NAMES : features;
    return buildProfileFromRows({ kind: 'records', rows }, { ...profileOptions, features: names as ProfileOptions['features'] });
  }
  if (features === 'image') throw new EdgeAugmentError('INVALID_ARGUMENT', "buildProfile: features 'image' needs a list of RawImages.");
  return buildProfileFromRows(input as ProfileInput, { ...profileOptions, features });
}

/** Options of {@link createDriftMonitor}. */
export interface DriftMonitorOptions extends Omit<MonitorCoreOptions, 'reference'>, Omit<DriftExecutionOptions, 'signal'> {
  /** The reference profile, its JSON, or that JSON as a string. */
  reference: Profile | ProfileJSON | string;
}

/** The drift monitor. */
export interface DriftMonitor {
  /** Adds a batch (images → features in the pool; records or vectors as they are). Returns per-image failures. */
  update(batch: DriftBatch, options?: { signal?: AbortSignal }): Promise<{ added: number; failures: FeatureFailure[] }>;
  /** Compares everything added since the last reset with the reference. */
  report(): Promise<DriftReport>;
  /** Starts a new current window. */
  reset(): void;
  /** Profile of the current window (e.g. to upload instead of images, or to merge). */
  currentProfile(): Profile;
  /** Items in the current window. */
  readonly count: number;
  readonly reference: Profile;
  /**
   * Streaming mode: checks every image (or record) as it arrives against the reference and raises an
   * alarm as soon as a change is certain (CUSUM shift charts and a shape e-detector on reference normal
   * scores, see `createFeatureWatch`),
   * instead of waiting for a window and a report. Independent of the current window.
   */
  watch(options?: FeatureWatchOptions): DriftWatch;
  /** Releases workers. */
  close(): Promise<void>;
}

/** A streaming watch returned by {@link DriftMonitor.watch}. */
export interface DriftWatch {
  /**
   * Feeds a batch in order; returns the alarms raised (each with `index`, its position in the batch;
   * the watch restarts after each alarm) and the images that could not be read.
   */
  update(batch: readonly RawImage[] | readonly ProfileRow[] | { kind: 'records'; rows: readonly ProfileRow[] }, options?: { signal?: AbortSignal }): Promise<{ alarms: (WatchAlarm & { index: number })[]; failures: FeatureFailure[] }>;
  /** Restarts every chart. */
  reset(): void;
  /** Items since the (re)start. */
  readonly count: number;
  /** The shift charts' alarm threshold (log-likelihood ratio; the shape detector's is `WatchAlarm.threshold`). */
  readonly threshold: number;
}

/**
 * Creates a drift monitor against a reference profile.
 *
 * @throws {EdgeAugmentError} `INVALID_PROFILE` for a malformed or hostile reference JSON.
 * @example
 * ```ts
 * const monitor = await createDriftMonitor({ reference: savedJson, alpha: 0.05, workers: 'auto' });
 * await monitor.update(todaysImages);
 * const report = await monitor.report();
 * if (report.datasetDrift) console.warn(report.summary());
 * ```
 */
export async function createDriftMonitor(options: DriftMonitorOptions): Promise<DriftMonitor> {
  if (!options || typeof options !== 'object') throw new EdgeAugmentError('INVALID_ARGUMENT', 'createDriftMonitor needs an options object with a `reference`.');
  const { workers, chunkSize, ...coreOptions } = options;
  const core: MonitorCore = createMonitorCore(coreOptions);
  let executor: FeatureExecutor | undefined;
  let closed = false;
  const exec = async () => (executor ??= await createExecutor({ workers, chunkSize }));
  return {
    async update(batch, o = {}) {
      if (closed) throw new EdgeAugmentError('CLOSED', 'The drift monitor was closed.');
      if (isImageBatch(batch)) {
        const { rows, failures } = await (await exec()).features(batch, o.signal);
        if (rows.length) core.update({ kind: 'records', rows: rows as ProfileRow[] });
        return { added: rows.length, failures };
      }
      const n = Array.isArray(batch) ? batch.length : (batch as { rows?: unknown[]; vectors?: unknown[] }).rows?.length ?? (batch as { vectors?: ProfileVector[] }).vectors?.length ?? 0;
      core.update(batch as ProfileInput);
      return { added: n, failures: [] };
    },
    async report() {
      return core.report();
    },
    reset() { core.reset(); },
    currentProfile() { return core.currentProfile(); },
    get count() { return core.count; },
    get reference() { return core.reference; },
    watch(watchOptions = {}) {
      const w = createFeatureWatch(core.reference, watchOptions);
      return {
        async update(batch, o = {}) {
          if (closed) throw new EdgeAugmentError('CLOSED', 'The drift monitor was closed.');
          let rows: readonly (ProfileRow | undefined)[];
          let failures: FeatureFailure[] = [];
          if (isImageBatch(batch)) {
            const r = await (await exec()).features(batch, o.signal);
            failures = r.failures;
            // Keep positions: failed images leave a hole.
            const byIndex: (ProfileRow | undefined)[] = new Array(batch.length);
            const failed = new Set(failures.map((f) => f.index));
            let k = 0;
            for (let i = 0; i < batch.length; i++) if (!failed.has(i)) byIndex[i] = r.rows[k++] as ProfileRow;
            rows = byIndex;
          } else if (Array.isArray(batch)) rows = batch as readonly ProfileRow[];
          else if (batch && (batch as { kind?: string }).kind === 'records' && Array.isArray((batch as { rows?: unknown }).rows)) rows = (batch as { rows: readonly ProfileRow[] }).rows;
          else throw new EdgeAugmentError('INVALID_ARGUMENT', "watch.update expects images, feature rows or { kind: 'records', rows }.");
          const alarms: (WatchAlarm & { index: number })[] = [];
          rows.forEach((row, index) => {
            if (!row) return;
            const a = w.update(row as Record<string, unknown>);
            if (a) alarms.push({ ...a, index });
          });
          return { alarms, failures };
        },
        reset: () => w.reset(),
        get count() { return w.count; },
        threshold: w.threshold,
      };
    },
    async close() { closed = true; executor?.close(); },
  };
}
