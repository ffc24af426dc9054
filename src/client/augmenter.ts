/**
 * What users hold: the Augmenter. A promise API over the engine, running inline (`workers: 0`, and
 * automatically where no Worker exists) or on a worker pool, with identical bytes either way: every
 * output's params are a function of (seed, item index) only.
 */
import { EdgeAugmentError, abortError } from '../errors.js';
import { ownsWholeBuffer } from '../buffers.js';
import type { RawImage, RawImageLike } from '../types.js';
import { createEngine, type EngineConfig, type EngineInfo, type JobEntry, type JobEntryResult, type OutputParams } from '../engine/engine.js';
import { compilePipeline, pipelineToJSON, planOutput, type PipelineJSON } from '../ops/core/pipeline.js';
import type { AppliedOp } from '../ops/core/types.js';
import { describeValue } from '../errors.js';
import { validateImage } from '../engine/validate.js';
import type { FeaturewiseStats } from '../plan/compose.js';
import { fromExplicitParams, type AugmentParams, type KerasTransformParams } from '../plan/params.js';
import { normalizeSeed } from '../plan/rng.js';
import { sampleParams } from '../plan/sample.js';
import { normalizeSpec, type AugmentSpec, type NormalizedSpec } from '../spec/spec.js';
import { fromKerasConfig, parseKerasArgs } from '../spec/keras.js';
import { autoWorkers, getCapabilities, type Capabilities } from '../runtime/capabilities.js';
import { getWasmConfig } from '../runtime/assets.js';
import type { BackendChoice } from '../runtime/tfjs-init.js';
import { WorkerPool } from '../runtime/pool.js';
import { computeFeaturewiseStats } from './fit.js';
import { appTensor4d } from './tensor-output.js';
import { importConfig, type ImportedPipeline } from '../importers/augmenter-options.js';
import { labelRows, mixLabel, mixNumClasses, mixOf, planMixOutput, splitMix, type MixSplit } from '../ops/mix/index.js';
import { keraSpecOfPipeline } from '../ops/keras-fast-path.js';
import type { Targets, TargetsResult } from '../targets/types.js';
import { checkTargets, type TargetMode } from '../targets/transform.js';
import { moveTargets, type TargetJob } from '../targets/client.js';

/** Options of {@link createAugmenter}. */
export interface AugmenterOptions {
  /** The augmentation spec (camelCase). */
  spec?: AugmentSpec;
  /** A Keras `ImageDataGenerator` config instead: snake_case object, JSON, or pasted argument list. */
  keras?: string | Record<string, unknown>;
  /**
   * An op pipeline instead: `[{ op: 'randomResizedCrop', size: 224 }, { op: 'hflip', p: 0.5 }, …]`
   * (see the op table in the README). Outputs carry the list of applied ops as their params.
   */
  pipeline?: PipelineJSON;
  /** A torchvision `Compose` as JSON instead (see {@link fromTorchvision}); its ToTensor/Normalize set rescale/normalize. */
  torchvision?: unknown;
  /** An albumentations `A.to_dict()` JSON instead (see {@link fromAlbumentations}). */
  albumentations?: unknown;
  /** A Keras 3 `Sequential` of preprocessing layers (get_config JSON) instead (see {@link fromKeras3}). */
  keras3?: unknown;
  /** Pipelines: float/tensor outputs are u8 × rescale (e.g. 1/255). Default 1. */
  rescale?: number;
  /**
   * Pipelines: 'exact' (default) fuses only what keeps the bytes, so outputs equal torchvision's op-by-op
   * results for the same params; 'all' also multiplies adjacent colour matrices and warps (one rounding and
   * one resampling: faster and sharper, not torchvision's bytes).
   */
  fuse?: 'exact' | 'all';
  /**
   * Pipelines: float/tensor outputs are then (x − mean[c]) / std[c] per channel — torchvision's
   * `Normalize` after `ToTensor` is `{ rescale: 1 / 255, normalize: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] } }`.
   * One value applies to every channel.
   */
  normalize?: { mean: number[]; std: number[] };
  /** Seed: every output's params depend only on (seed, item index). Default 0. */
  seed?: number | string;
  /** Reproduce Keras's geometry exactly (swapped shift axes, transposed pivot). Default false. */
  kerasCompat?: boolean;
  /** 0 = inline in this thread; n = a pool of n workers; 'auto' = from hardwareConcurrency. Default 0. */
  workers?: number | 'auto';
  /** tfjs backend in each realm: 'wasm' (default), 'cpu', or 'auto' (wasm, else cpu). */
  backend?: BackendChoice;
  /** Init timeout in ms (a missing/corrupt .wasm fails instead of hanging). Default 30,000. */
  initTimeoutMs?: number;
  /**
   * Threads of the threaded-SIMD tfjs build, per realm, where it runs (browsers under COOP/COEP).
   * Default: tfjs's choice (min(8, cores / 2)). Ignored where threads are unavailable.
   */
  threads?: number;
  /** Float outputs of RGBA inputs: 'rgb' (3 channels, default) or 'all'. */
  tensorChannels?: 'rgb' | 'all';
  /** Tasks in flight per worker (backpressure). Default 2. */
  maxInFlightPerWorker?: number;
  /** Advanced: URL of the worker script. */
  workerUrl?: string | URL;
  /** Bytes of recycled output buffers kept for reuse (see {@link Augmenter.recycle}). Default 256 MB. */
  recycleLimitBytes?: number;
}

/** One augmented output. `P`: Keras params (spec/keras augmenters) or the applied ops (pipelines). */
export interface AugmentResult<P = AugmentParams> {
  image: RawImage;
  params: P;
  /** The item index that (with the seed) determined `params`. */
  index: number;
  /** Position of the source image in the batch (0 for `augment`). */
  source: number;
  /**
   * With `augmentBatch(images, { labels })`: this output's label row — its image's (one-hot for class
   * ids), mixed with its partner's by λ when a mixUp/cutMix op ran (sums to 1 for one-hot labels).
   */
  label?: number[];
  /** The call's targets (masks, boxes, keypoints) moved with this output, when targets were given. */
  targets?: TargetsResult;
}

/** A per-item failure in `errors: 'collect'` mode. */
export interface AugmentFailure {
  source: number;
  error: EdgeAugmentError;
}

/** Options shared by augment calls. */
export interface CallOptions {
  /** Cancels queued and running work; rejects with a DOMException 'AbortError'. */
  signal?: AbortSignal;
  /** First item index of this call (default 0). Item k gets index startIndex + k. */
  startIndex?: number;
  /**
   * Move the input images' pixel buffers to the workers instead of copying them (default false). Saves
   * the calling thread one copy per image; afterwards those inputs' `data` are detached (length 0) and
   * must not be used again. Only a buffer an image owns whole (byteOffset 0, full length, not a
   * SharedArrayBuffer) and that appears once in the call is moved; others are copied as usual. A task
   * whose worker crashes cannot be re-run (its inputs went with it): it fails with `WORKER_FAILED`
   * instead. No effect inline (`workers: 0`).
   */
  transfer?: boolean;
  /** Seed for this call only. */
  seed?: number | string;
}

/** Targets of {@link Augmenter.augment}: moved with every variant (see the README, "Boxes, masks and keypoints"). */
export interface TargetOptions {
  targets?: Targets;
}

/** Options of {@link Augmenter.augmentBatch}. */
export interface BatchOptions extends CallOptions {
  /** 'raw' (u8 RawImages, default), 'float32' (Float32Array per item) or 'tensor' (one float32 NHWC tf.Tensor4D). */
  output?: 'raw' | 'float32' | 'tensor';
  /** Outputs per input image. Default 1. Item index of image i, variant v: startIndex + i·variants + v. */
  variants?: number;
  /** Called after each finished chunk with (done, total) outputs. */
  onProgress?: (done: number, total: number) => void;
  /** 'throw' (default): the first bad image rejects the batch. 'collect': bad images are reported, the rest returned. */
  errors?: 'throw' | 'collect';
  /** Images per worker task at most (default: tasks of up to 3 M output pixels, smaller towards the end of a batch). Smaller = finer balancing and cancellation. */
  chunkSize?: number;
  /**
   * One label per image: class ids (`number[]`, with `numClasses`) or rows (`number[][]`, one-hot or
   * soft). Every output then carries `label: number[]` — mixed by mixUp/cutMix, else its image's row.
   */
  labels?: number[] | number[][];
  /** Classes of class-id `labels` (default: the mix op's `numClasses`). */
  numClasses?: number;
  /**
   * Advanced: the item index of each image (instead of startIndex + i·variants + v), e.g. a dataset's
   * epoch·n + file position. Needs variants 1.
   */
  indices?: number[];
  /** Per input image, its targets (or undefined): items gain `targets` moved with them. Raw and float32 outputs. */
  targets?: (Targets | undefined)[];
}

/** Options of {@link Augmenter.apply}. */
export interface ApplyOptions {
  /**
   * Replaying a mixUp/cutMix output: its partner's SOURCE image (`images[mix.params.partnerSource]` of
   * the call that made it); its pixels are recomputed from the partner's recorded ops.
   */
  partner?: RawImageLike;
  /** Targets to move with the replayed output (then apply resolves to `{ image, targets }`). */
  targets?: Targets;
}

/** Raw batch result. */
export interface RawBatchResult<P = AugmentParams> {
  items: AugmentResult<P>[];
  failures: AugmentFailure[];
}

/** Float32 batch result (one entry per output, NHWC per image). */
export interface FloatBatchResult<P = AugmentParams> {
  items: { data: Float32Array; width: number; height: number; channels: number; params: P; index: number; source: number; label?: number[]; targets?: TargetsResult }[];
  failures: AugmentFailure[];
}

/** Tensor batch result. */
export interface TensorBatchResult<P = AugmentParams> {
  /** float32 [n, h, w, c]. The caller owns it: dispose() it. */
  tensor: import('@tensorflow/tfjs-core').Tensor4D;
  params: P[];
  indices: number[];
  sources: number[];
  /** With the `labels` option: one label row per output, in tensor order (plain numbers: make a tf.tensor2d if you need one). */
  labels?: number[][];
  failures: AugmentFailure[];
}

/** Params an augmenter's outputs carry: Keras params, or (pipelines) the applied ops. */
export type PipelineParams = AppliedOp[];

/** The Augmenter. Create with {@link createAugmenter}. `P`: what its outputs' `params` are. */
export interface Augmenter<P = AugmentParams> {
  /**
   * Applies explicit params to one image: Keras `apply_transform` keys or camelCase (spec augmenters),
   * or an output's applied-op list (pipelines). An output of a mixUp/cutMix pipeline replays with
   * `{ partner }`: its partner's source image (see {@link ApplyOptions}).
   */
  apply(image: RawImageLike, params: P extends AppliedOp[] ? AppliedOp[] : Partial<AugmentParams> | KerasTransformParams, options?: ApplyOptions & { targets?: undefined }): Promise<RawImage>;
  /**
   * Replays params on an image and its targets (the third argument, or `{ targets, partner }`): the same
   * bytes and the same targets as the output that carried the params.
   *
   * @example
   * ```ts
   * const [out] = await aug.augment(image, { targets: { boxes: { format: 'coco', boxes: [[10, 10, 40, 30]] } } });
   * const again = await aug.apply(image, out.params, { boxes: { format: 'coco', boxes: [[10, 10, 40, 30]] } });
   * // again.image equals out.image, again.targets equals out.targets
   * ```
   */
  apply(image: RawImageLike, params: P extends AppliedOp[] ? AppliedOp[] : Partial<AugmentParams> | KerasTransformParams, targets: Targets | (ApplyOptions & { targets: Targets })): Promise<{ image: RawImage; targets: TargetsResult }>;
  /** Makes `variants` seeded outputs of one image, each with its params. */
  augment(image: RawImageLike, options?: CallOptions & TargetOptions & { variants?: number }): Promise<AugmentResult<P>[]>;
  /** Augments many images. */
  augmentBatch(images: RawImageLike[], options?: BatchOptions & { output?: 'raw' }): Promise<RawBatchResult<P>>;
  augmentBatch(images: RawImageLike[], options: BatchOptions & { output: 'float32' }): Promise<FloatBatchResult<P>>;
  augmentBatch(images: RawImageLike[], options: BatchOptions & { output: 'tensor' }): Promise<TensorBatchResult<P>>;
  /** Learns featurewise mean/std (Keras `fit`: on rescaled raw images, no augmentation). */
  fit(images: RawImageLike[]): Promise<FeaturewiseStats>;
  /** The params item `index` would get for a `width` × `height` (RGB) image (no pixels touched). */
  paramsFor(index: number, width: number, height: number, seed?: number | string): P;
  /**
   * Hands output buffers you are done with back for reuse: later raw outputs of the same byte size are
   * written into them instead of fresh allocations (fewer page faults and less garbage — worthwhile in
   * training loops and benchmarks). Pass RawImages, typed arrays or ArrayBuffers; only buffers wholly
   * owned by one output are taken. Do not touch them afterwards: they are overwritten (and, with
   * workers, transferred away). At most `recycleLimitBytes` (default 256 MB) are kept.
   */
  recycle(items: Iterable<RawImage | ArrayBufferView | ArrayBuffer>): void;
  /** Releases workers and memory. Further calls reject with `CLOSED`. */
  close(): Promise<void>;
  readonly spec: NormalizedSpec;
  /** The pipeline (normalised JSON, defaults filled in), or null for a spec/keras augmenter. */
  readonly pipeline: PipelineJSON | null;
  /** `{ pipeline, seed }` or `{ spec, seed, kerasCompat }`: what recreates this augmenter. */
  toJSON(): { pipeline: PipelineJSON; seed: number; rescale?: number; normalize?: { mean: number[]; std: number[] }; fuse?: 'exact' | 'all' } | { spec: NormalizedSpec; seed: number; kerasCompat: boolean };
  readonly seed: number;
  readonly kerasCompat: boolean;
  /** Workers in use (0 = inline). */
  readonly workers: number;
  /** Backend and SIMD/threads of the engine. */
  readonly info: EngineInfo;
  readonly capabilities: Capabilities;
  /** Featurewise stats, once fitted or set. */
  featurewise: FeaturewiseStats | null;
  /** Advanced: the pool (undefined inline). */
  readonly pool: WorkerPool | undefined;
  /** Made from a torchvision / albumentations / Keras 3 config: the importer's notes (approximated options). */
  readonly importNotes?: readonly string[];
  /** Made from an albumentations config: its bbox_params / keypoint_params as target defaults. */
  readonly targetDefaults?: ImportedPipeline['targets'];
}

function checkSeed(seed: number | string | undefined): number {
  const s = normalizeSeed(seed);
  if (Number.isNaN(s)) throw new EdgeAugmentError('INVALID_ARGUMENT', `seed: expected an integer or a string, got ${String(seed)}.`);
  return s;
}

function checkCount(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new EdgeAugmentError('INVALID_ARGUMENT', `${name}: expected an integer from ${min} to ${max}, got ${String(v)}.`);
  return v;
}

/** Output pixels per worker task at most: big enough to amortise messaging, small enough to balance. */
export const TASK_PIXELS = 3_000_000;

/**
 * Splits a batch into tasks. `workers: 0`: one task (inline, nothing to interleave). `workers: 1`
 * (inline but cooperative): tasks of at most TASK_PIXELS. `workers: n` (a pool): guided sizes — each
 * task takes 1/(2n) of what is left, between TASK_PIXELS/8 and TASK_PIXELS — so the last tasks are
 * small and the workers finish together instead of one idling while another runs a big last task.
 * `maxImages` caps images per task (the caller's chunkSize). Order is kept.
 */
export function planChunks<T>(items: readonly T[], pixels: (item: T) => number, o: { workers: number; maxImages?: number }): T[][] {
  const maxImages = o.maxImages ?? Infinity;
  let left = 0;
  for (const it of items) left += pixels(it);
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let px = 0;
  const target = (): number => (o.workers === 0 ? Infinity : o.workers === 1 ? TASK_PIXELS : Math.min(TASK_PIXELS, Math.max(TASK_PIXELS / 8, left / (2 * o.workers))));
  let goal = target();
  for (const it of items) {
    const p = pixels(it);
    // Close before an image that would overshoot the goal by more than it undershoots without it.
    if (chunk.length && (px + p / 2 > goal || chunk.length >= maxImages)) {
      chunks.push(chunk);
      left -= px;
      chunk = [];
      px = 0;
      goal = target();
    }
    chunk.push(it);
    px += p;
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

/** Buffers that may be moved to a worker: owned whole by one image, not shared, used once in the call. */
function movableSources(images: readonly RawImage[]): Set<ArrayBufferLike> {
  const uses = new Map<ArrayBufferLike, number>();
  for (const img of images) uses.set(img.data.buffer, (uses.get(img.data.buffer) ?? 0) + 1);
  const out = new Set<ArrayBufferLike>();
  for (const img of images) if (uses.get(img.data.buffer) === 1 && ownsWholeBuffer(img.data)) out.add(img.data.buffer);
  return out;
}

/**
 * Creates an Augmenter.
 *
 * @throws {EdgeAugmentError} `INVALID_SPEC` for a bad spec; `WASM_INIT_FAILED` / `WASM_INIT_TIMEOUT` if
 *   the backend can't start.
 * @example
 * ```ts
 * const aug = await createAugmenter({ spec: { rotationRange: 50, zoomRange: 0.25, horizontalFlip: true }, seed: 1234 });
 * const outs = await aug.augment(image, { variants: 5 }); // [{ image, params, index }]
 * await aug.close();
 * ```
 */
export async function createAugmenter(options: AugmenterOptions & { pipeline: PipelineJSON }): Promise<Augmenter<PipelineParams>>;
export async function createAugmenter(options: AugmenterOptions & ({ torchvision: unknown } | { albumentations: unknown } | { keras3: unknown })): Promise<Augmenter<PipelineParams>>;
export async function createAugmenter(options?: AugmenterOptions): Promise<Augmenter>;
export async function createAugmenter(options: AugmenterOptions = {}): Promise<Augmenter<any>> {
  if (options === null || typeof options !== 'object') throw new EdgeAugmentError('INVALID_ARGUMENT', `createAugmenter: expected an options object, got ${describeValue(options)}.`);
  const given = (['spec', 'keras', 'pipeline', 'torchvision', 'albumentations', 'keras3'] as const).filter((k) => options[k] !== undefined);
  if (given.length > 1) throw new EdgeAugmentError('INVALID_ARGUMENT', `Give one of spec, keras, pipeline, torchvision, albumentations or keras3, not ${given.join(' and ')}.`);
  // Imported configs (src/importers): the pipeline plus the options they imply; explicit options win.
  const imported = importConfig(options);
  if (imported) options = { ...imported.options, ...options, pipeline: imported.pipeline, torchvision: undefined, albumentations: undefined, keras3: undefined };
  let specIn: AugmentSpec = options.spec ?? {};
  if (options.keras !== undefined) {
    specIn = (typeof options.keras === 'string' ? parseKerasArgs(options.keras) : fromKerasConfig(options.keras)).spec;
  }
  const spec = normalizeSpec(specIn);
  const nodes = options.pipeline !== undefined ? compilePipeline(options.pipeline) : null;
  const pipeline = nodes ? pipelineToJSON(nodes) : null;
  // Batch mixing: a mixUp/cutMix node must be last (INVALID_SPEC otherwise).
  const mixSplit: MixSplit | null = nodes ? splitMix(nodes) : null;
  /**
   * An imported albumentations config's bbox_params / keypoint_params are the defaults of every call's
   * targets (format, minArea, minVisibility, …): what the call gives wins.
   */
  function withTargetDefaults(t: Targets | undefined): Targets | undefined {
    const d = imported?.targets;
    if (!d || t === undefined || t === null || typeof t !== 'object') return t;
    const strip = <T extends { labelFields?: string[] }>(x: T): Omit<T, 'labelFields'> => { const { labelFields: _, ...rest } = x; return rest; };
    return {
      ...t,
      ...(t.boxes && d.boxes && typeof t.boxes === 'object' ? { boxes: { ...strip(d.boxes), ...t.boxes } as Targets['boxes'] } : {}),
      ...(t.keypoints && d.keypoints && typeof t.keypoints === 'object' ? { keypoints: { ...strip(d.keypoints), ...t.keypoints } as Targets['keypoints'] } : {}),
    };
  }
  /** Targets and batch mixing don't go together (torchvision v2's MixUp/CutMix take no boxes or masks either). */
  function noTargetsWithMix(given: boolean): void {
    if (given && mixSplit) throw new EdgeAugmentError('UNSUPPORTED_TARGETS', 'targets: this pipeline ends with mixUp/cutMix, which blend two images — their boxes, masks and keypoints have no single geometry to follow. Mix without targets, or move targets with a pipeline without the mix op.', { details: { field: 'targets' } });
  }
  if (options.rescale !== undefined && (typeof options.rescale !== 'number' || !Number.isFinite(options.rescale))) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `rescale: expected a finite number such as 1/255, got ${describeValue(options.rescale)}.`);
  }
  const rescale = options.rescale ?? null;
  const fuse = options.fuse ?? 'exact';
  if (fuse !== 'exact' && fuse !== 'all') throw new EdgeAugmentError('INVALID_ARGUMENT', `fuse: expected 'exact' or 'all', got ${describeValue(fuse)}.`);
  const normalize = options.normalize ?? null;
  if (normalize !== null) {
    const ok = (a: unknown, pos: boolean) => Array.isArray(a) && a.length >= 1 && a.length <= 4 && a.every((x) => typeof x === 'number' && Number.isFinite(x) && (!pos || x > 0));
    if (typeof normalize !== 'object' || !ok(normalize.mean, false) || !ok(normalize.std, true) || normalize.mean.length !== normalize.std.length) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `normalize: expected { mean: number[], std: number[] } of 1–4 finite numbers each, std > 0, same length; got ${describeValue(normalize)}.`);
    }
    if (!nodes) throw new EdgeAugmentError('INVALID_ARGUMENT', 'normalize: applies to pipelines; with a Keras spec use featurewiseCenter/featurewiseStdNormalization and fit().');
  }
  if (rescale !== null && !nodes) throw new EdgeAugmentError('INVALID_ARGUMENT', "rescale: the augmenter option applies to pipelines; a Keras spec has its own `rescale` (spec.rescale / keras 'rescale=1./255').");
  const seed = checkSeed(options.seed);
  const kerasCompat = options.kerasCompat ?? false;
  if (typeof kerasCompat !== 'boolean') throw new EdgeAugmentError('INVALID_ARGUMENT', `kerasCompat: expected true or false, got ${String(kerasCompat)}.`);
  const tensorChannels = options.tensorChannels ?? 'rgb';
  const caps = getCapabilities();
  let nWorkers = options.workers === 'auto' ? autoWorkers(caps) : checkCount('workers', options.workers ?? 0, 0, 64);
  if (caps.worker === 'none') nWorkers = 0;
  if (options.threads !== undefined) checkCount('threads', options.threads, 1, 64);
  const init = { backend: options.backend, timeoutMs: options.initTimeoutMs, threads: options.threads, wasm: getWasmConfig() };

  let featurewise: FeaturewiseStats | null = null;
  const cfg = (): EngineConfig => ({ spec, seed, kerasCompat, featurewise, tensorChannels, pipeline, rescale, normalize, fuse });

  let pool: WorkerPool | undefined;
  let inline: ReturnType<typeof createEngine> | undefined;
  let info: EngineInfo;
  if (nWorkers > 0) {
    pool = new WorkerPool({ size: nWorkers, init, maxInFlightPerWorker: options.maxInFlightPerWorker, workerUrl: options.workerUrl });
    try {
      info = await pool.start();
      await pool.configure(cfg());
    } catch (e) {
      pool.close();
      throw e;
    }
  } else {
    inline = createEngine();
    info = await inline.init(init);
    inline.configure(cfg());
  }
  let closed = false;

  /**
   * Runs entries inline or on the pool. Worker messages structured-clone the pixels (one copy: the
   * caller's buffers stay usable and a task can be re-sent after a worker crash); results come back
   * transferred.
   */
  /** Sets the featurewise stats in this realm and in every worker (one configure). */
  async function applyFeaturewise(v: FeaturewiseStats | null): Promise<void> {
    featurewise = v;
    if (pool) await pool.configure(cfg());
    else inline!.configure(cfg());
  }

  // Recycled output buffers by byte size (see Augmenter.recycle).
  const spare = new Map<number, ArrayBuffer[]>();
  let spareBytes = 0;
  const spareLimit = options.recycleLimitBytes ?? 256 * 1024 * 1024;
  /**
   * Output bytes seen for an input of n bytes, where the last run's outputs of that input size all had
   * one size (size-changing pipelines: a 500×375 photo through RandomResizedCrop 224 gives 224² outputs,
   * so recycled 224² buffers are what its next run needs).
   */
  const outBytesFor = new Map<number, number>();
  const OUT_SIZES_KEPT = 64;
  function takeSpare(entries: JobEntry[]): ArrayBuffer[] | undefined {
    if (!spareBytes) return undefined;
    const out: ArrayBuffer[] = [];
    for (const e of entries) {
      const n0 = e.image.width * e.image.height * e.image.channels;
      const n = outBytesFor.get(n0) ?? n0;
      const list = spare.get(n);
      for (let k = 0; k < e.items.length && list?.length; k++) { out.push(list.pop()!); spareBytes -= n; }
    }
    return out.length ? out : undefined;
  }

  /** Records the output size of each input size whose outputs in this run all had one size. */
  function noteOutputSizes(entries: JobEntry[], results: JobEntryResult[]): void {
    const seen = new Map<number, number>();
    for (let i = 0; i < results.length; i++) {
      const e = entries[i]!, r = results[i]!;
      const n0 = e.image.width * e.image.height * e.image.channels;
      for (let v = 0; v < r.outputs.length; v++) {
        const d = dimsOf(r, v), n = d.width * d.height * d.channels;
        const was = seen.get(n0);
        seen.set(n0, was === undefined || was === n ? n : -1);
      }
    }
    for (const [n0, n] of seen) {
      outBytesFor.delete(n0);
      if (n > 0 && n !== n0) {
        outBytesFor.set(n0, n);
        // Bounded: an app fed photos of ever-new sizes keeps only the most recent sizes (oldest dropped first).
        if (outBytesFor.size > OUT_SIZES_KEPT) outBytesFor.delete(outBytesFor.keys().next().value!);
      }
    }
  }

  async function runEntries(entries: JobEntry[], output: 'raw' | 'float', signal?: AbortSignal): Promise<JobEntryResult[]> {
    if (closed) throw new EdgeAugmentError('CLOSED', 'The augmenter was closed.');
    if (signal?.aborted) throw abortError(signal.reason);
    const raw = output === 'raw' && !entries.some((e) => e.asMask);
    const reuse = raw ? takeSpare(entries) : undefined;
    const r = pool ? await pool.run(entries, output, signal, reuse) : await inline!.run(entries, output, reuse);
    if (signal?.aborted) throw abortError(signal.reason);
    if (raw && nodes) noteOutputSizes(entries, r);
    return r;
  }

  /**
   * A per-call seed travels with the call's entries (task data): concurrent calls with and without
   * seeds never see each other's seed.
   */
  function withSeed<T>(callSeed: number | string | undefined, f: (seed: number | undefined) => Promise<T>): Promise<T> {
    try {
      return f(callSeed === undefined ? undefined : checkSeed(callSeed));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** Size of output v of an entry result. */
  function dimsOf(r: JobEntryResult, v: number): { width: number; height: number; channels: number } {
    return r.dims ? { width: r.dims[v * 3]!, height: r.dims[v * 3 + 1]!, channels: r.dims[v * 3 + 2]! } : { width: r.width, height: r.height, channels: r.channels };
  }


  // Targets (src/targets): boxes and keypoints move here, masks run as mask entries where images run.
  // A one-op imageDataGenerator pipeline runs the Keras fast path: its outputs carry Keras params, which apply replays.
  const kerasFastPath = nodes ? keraSpecOfPipeline(nodes) : null;
  const targetMode: TargetMode = { fuse, kerasCompat: kerasFastPath?.kerasCompat ?? kerasCompat };
  function withTargets(jobs: TargetJob[], signal?: AbortSignal): Promise<TargetsResult[][]> {
    return moveTargets(jobs, targetMode, (entries) => runEntries(entries, 'raw', signal));
  }

  async function batch(images: RawImage[], o: BatchOptions, callSeed: number | undefined): Promise<{ results: (JobEntryResult | null)[]; failures: AugmentFailure[]; variants: number; start: number; indexOf: (i: number, v: number) => number; labels: number[][] | null }> {
    if (!Array.isArray(images)) throw new EdgeAugmentError('INVALID_ARGUMENT', 'augmentBatch: expected an array of RawImages.');
    const variants = checkCount('variants', o.variants ?? 1, 1, 10_000);
    const start = checkCount('startIndex', o.startIndex ?? 0, 0, Number.MAX_SAFE_INTEGER);
    const indices = batchIndices(o.indices, images.length, variants);
    const indexOf = (i: number, v: number): number => (indices ? indices[i]! : start + i * variants + v);
    const labels = o.labels === undefined ? null : labelRows(o.labels, images.length, o.numClasses ?? mixNumClasses(mixSplit));
    if (o.labels === undefined && o.numClasses !== undefined) throw new EdgeAugmentError('INVALID_ARGUMENT', 'numClasses: goes with labels (class ids); no labels were given.', { details: { field: 'numClasses' } });
    const mode = o.errors ?? 'throw';
    if (mode !== 'throw' && mode !== 'collect') throw new EdgeAugmentError('INVALID_ARGUMENT', `errors: expected 'throw' or 'collect', got ${describeValue(mode)}.`);
    const output = o.output === 'float32' || o.output === 'tensor' ? 'float' : 'raw';
    const failures: AugmentFailure[] = [];
    const valid: { i: number; img: RawImage }[] = [];
    images.forEach((img, i) => {
      try {
        valid.push({ i, img: validateImage(img, `images[${i}]`) });
      } catch (e) {
        if (mode === 'throw') throw e;
        failures.push({ source: i, error: e as EdgeAugmentError });
      }
    });
    if (o.output === 'tensor' && valid.length) {
      const { width, height, channels } = valid[0]!.img;
      const odd = valid.find((v) => v.img.width !== width || v.img.height !== height || v.img.channels !== channels);
      if (odd) throw new EdgeAugmentError('INVALID_ARGUMENT', `augmentBatch({output: 'tensor'}): images[${odd.i}] is ${odd.img.width}×${odd.img.height}×${odd.img.channels}, images[${valid[0]!.i}] is ${width}×${height}×${channels}; a tensor needs one size — resize first, or use output 'raw'.`);
    }
    const total = valid.length * variants;
    const results: (JobEntryResult | null)[] = new Array(images.length).fill(null);
    let done = 0;
    const cooperative = !pool && (o.signal !== undefined || o.onProgress !== undefined);
    const chunks = planChunks(valid, (v) => v.img.width * v.img.height * variants, {
      workers: pool ? pool.size : cooperative ? 1 : 0,
      maxImages: o.chunkSize === undefined ? undefined : checkCount('chunkSize', o.chunkSize, 1, 1_000_000),
    });
    // Mixing reads partners' sources in other tasks: their buffers cannot be moved away.
    const movable = pool && o.transfer === true && !mixSplit ? movableSources(valid.map((v) => v.img)) : undefined;
    const partnerOf = mixSplit ? rollPartners(valid, variants, indexOf) : undefined;
    const runChunk = (mine: { i: number; img: RawImage }[]) => {
      const entries: JobEntry[] = mine.map(({ i, img }) => ({ image: img, items: Array.from({ length: variants }, (_, v) => ({ index: indexOf(i, v), ...(partnerOf ? { partner: partnerOf(i, v) } : {}) })), ...(callSeed !== undefined ? { seed: callSeed } : {}), ...(movable?.has(img.data.buffer) ? { move: true } : {}) }));
      return runEntries(entries, output, o.signal).then((rs) => {
        rs.forEach((r, k) => { results[mine[k]!.i] = r; });
        done += mine.length * variants;
        o.onProgress?.(done, total);
      });
    };
    if (pool) {
      const settled = await Promise.allSettled(chunks.map(runChunk));
      settled.forEach((s, k) => {
        if (s.status === 'fulfilled') return;
        // errors: 'collect' keeps every finished task's outputs and reports the images of a task that
        // could not be done (e.g. a worker died holding inputs moved with transfer: true); cancellation
        // and other failures still reject the call.
        const e = s.reason;
        if (mode === 'collect' && e instanceof EdgeAugmentError && e.code === 'WORKER_FAILED') {
          for (const { i } of chunks[k]!) failures.push({ source: i, error: e });
          return;
        }
        throw e;
      });
      failures.sort((a, b) => a.source - b.source);
    } else {
      for (let k = 0; k < chunks.length; k++) {
        // Inline: give the event loop a turn between chunks so an abort or a progress repaint can happen.
        if (k > 0 && cooperative) await new Promise((r) => setTimeout(r, 0));
        await runChunk(chunks[k]!);
      }
    }
    return { results, failures, variants, start, indexOf, labels };
  }

  /** An output's label row (null without labels): its image's, mixed with its partner's by λ. */
  function labelOf(labels: number[][] | null, params: OutputParams, source: number): number[] | undefined {
    if (!labels) return undefined;
    const m = mixOf(params);
    return mixLabel(params as AppliedOp[], labels[source]!, m ? labels[m.params.partnerSource as number] : undefined);
  }

  /** augmentBatch's `targets`: one per image (or undefined), checked before any pixel work. */
  function checkBatchTargets(images: RawImage[], o: BatchOptions): (ReturnType<typeof checkTargets> | undefined)[] | undefined {
    if (o.targets === undefined) return undefined;
    noTargetsWithMix(true);
    if (!Array.isArray(o.targets) || !Array.isArray(images) || o.targets.length !== images.length) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `augmentBatch: targets must be an array with one entry (or undefined) per image (${Array.isArray(images) ? images.length : '?'}), got ${describeValue(o.targets)}.`, { details: { field: 'targets' } });
    }
    if (o.output === 'tensor') throw new EdgeAugmentError('INVALID_ARGUMENT', "augmentBatch: targets come with output 'raw' or 'float32' (per item), not 'tensor'.", { details: { field: 'targets' } });
    return o.targets.map((t, i) => {
      if (t === undefined) return undefined;
      let img: RawImage;
      try { img = validateImage(images[i]!, `images[${i}]`); } catch { return undefined; } // reported by batch()
      return checkTargets(withTargetDefaults(t)!, img, `targets[${i}]`);
    });
  }

  /** Moves the targets of every finished source with its outputs. */
  async function batchTargets(images: RawImage[], checked: (ReturnType<typeof checkTargets> | undefined)[], results: (JobEntryResult | null)[], signal?: AbortSignal): Promise<(TargetsResult[] | undefined)[]> {
    const jobs: TargetJob[] = [];
    const of: number[] = [];
    results.forEach((r, i) => {
      const t = checked[i];
      if (!r || !t) return;
      const img = images[i]!;
      const channels = (img.channels ?? 4) as 1 | 3 | 4;
      jobs.push({ info: { width: img.width, height: img.height, channels }, targets: t, outputs: r.params.map((p, v) => ({ params: p, ...dimsOf(r, v) })) });
      of.push(i);
    });
    const out: (TargetsResult[] | undefined)[] = new Array(results.length).fill(undefined);
    if (!jobs.length) return out;
    const moved = await withTargets(jobs, signal);
    moved.forEach((m, k) => { out[of[k]!] = m; });
    return out;
  }

  const aug: Augmenter<OutputParams> = {
    spec,
    pipeline,
    toJSON: () => (pipeline ? { pipeline, seed, ...(rescale !== null ? { rescale } : {}), ...(normalize ? { normalize } : {}), ...(fuse !== 'exact' ? { fuse } : {}) } : { spec, seed, kerasCompat }),
    seed,
    kerasCompat,
    workers: nWorkers,
    info,
    capabilities: caps,
    pool,
    ...(imported ? { importNotes: Object.freeze([...imported.notes]), ...(imported.targets ? { targetDefaults: imported.targets } : {}) } : {}),
    get featurewise() { return featurewise; },
    set featurewise(v: FeaturewiseStats | null) {
      // The pool keeps the config for replacement workers even if a live worker fails to take it
      // (that worker is then replaced and configured anew), so a failure here loses nothing.
      applyFeaturewise(v).catch(() => undefined);
    },

    apply: (async (image: RawImageLike, params: OutputParams, third?: Targets | ApplyOptions) => {
      let p: OutputParams;
      if (nodes && !(kerasFastPath && !Array.isArray(params))) {
        if (!Array.isArray(params)) throw new EdgeAugmentError('INVALID_PARAMS', `apply: a pipeline augmenter replays an output's params (the list of applied ops [{ op, path, params }]), got ${describeValue(params)}.`);
        p = params as AppliedOp[];
      } else p = fromExplicitParams(params as Partial<AugmentParams>);
      const img = validateImage(image);
      // The third argument: apply options ({ partner, targets }) or, as the shorthand, the targets themselves.
      const isOptions = third !== undefined && third !== null && typeof third === 'object' && ('partner' in third || 'targets' in third);
      const options = isOptions ? (third as ApplyOptions) : undefined;
      const targets = isOptions ? options!.targets : (third as Targets | undefined);
      noTargetsWithMix(targets !== undefined);
      const checked = targets === undefined ? undefined : checkTargets(withTargetDefaults(targets)!, img);
      const partner = replayPartner(p, options);
      const [r] = await runEntries([{ image: img, items: [{ index: 0, params: p, ...(partner ? { partner } : {}) }] }], 'raw');
      const out = { data: r!.outputs[0] as Uint8Array, ...dimsOf(r!, 0) } as RawImage;
      if (!checked) return out;
      const [[t]] = await withTargets([{ info: img, targets: checked, outputs: [{ params: r!.params[0]!, width: out.width, height: out.height }] }]);
      return { image: out, targets: t! };
    }) as Augmenter<OutputParams>['apply'],

    augment(image, o = {}) {
      return withSeed(o.seed, async (callSeed) => {
        const variants = checkCount('variants', o.variants ?? 1, 1, 10_000);
        const start = checkCount('startIndex', o.startIndex ?? 0, 0, Number.MAX_SAFE_INTEGER);
        const img = validateImage(image);
        noTargetsWithMix(o.targets !== undefined);
        const checked = o.targets === undefined ? undefined : checkTargets(withTargetDefaults(o.targets)!, img);
        const move = pool !== undefined && o.transfer === true && ownsWholeBuffer(img.data);
        const info = { width: img.width, height: img.height, channels: img.channels };
        // Mixing: the variants are the batch; each is mixed with the previous (the first with the last).
        const partnerOf = mixSplit ? rollPartners([{ i: 0, img }], variants, (_, v) => start + v) : undefined;
        const [r] = await runEntries([{ image: img, items: Array.from({ length: variants }, (_, v) => ({ index: start + v, ...(partnerOf ? { partner: partnerOf(0, v) } : {}) })), ...(callSeed !== undefined ? { seed: callSeed } : {}), ...(move ? { move } : {}) }], 'raw', o.signal);
        const items: AugmentResult<OutputParams>[] = r!.outputs.map((data, v) => ({ image: { data: data as Uint8Array, ...dimsOf(r!, v) } as RawImage, params: r!.params[v]!, index: start + v, source: 0 }));
        if (checked) {
          const [ts] = await withTargets([{ info, targets: checked, outputs: items.map((it) => ({ params: it.params, width: it.image.width, height: it.image.height })) }], o.signal);
          items.forEach((it, v) => { it.targets = ts![v]!; });
        }
        return items;
      });
    },

    augmentBatch: ((images: RawImage[], o: BatchOptions = {}) =>
      withSeed(o.seed, async (callSeed) => {
        const checked = checkBatchTargets(images, o);
        const { results, failures, variants, indexOf, labels } = await batch(images, o, callSeed);
        const moved = checked ? await batchTargets(images, checked, results, o.signal) : undefined;
        if (o.output === 'float32' || o.output === 'tensor') {
          const items: FloatBatchResult<OutputParams>['items'] = [];
          results.forEach((r, i) => {
            if (!r) return;
            r.outputs.forEach((d, v) => {
              const label = labelOf(labels, r.params[v]!, i);
              items.push({ data: d as Float32Array, ...dimsOf(r, v), params: r.params[v]!, index: indexOf(i, v), source: i, ...(label ? { label } : {}), ...(moved?.[i] ? { targets: moved[i]![v]! } : {}) });
            });
          });
          if (o.output === 'float32') return { items, failures };
          if (!items.length) throw new EdgeAugmentError('EMPTY_INPUT', 'augmentBatch: no valid images to make a tensor from.');
          const { width: w, height: h, channels: c } = items[0]!;
          const odd = items.find((it) => it.width !== w || it.height !== h || it.channels !== c);
          if (odd) throw new EdgeAugmentError('INVALID_ARGUMENT', `augmentBatch({output: 'tensor'}): output ${odd.index} is ${odd.width}×${odd.height}×${odd.channels}, output ${items[0]!.index} is ${w}×${h}×${c}; a tensor needs one size — end the pipeline with a fixed-size op (resize, centerCrop, randomResizedCrop) or use output 'raw'.`);
          const per = w * h * c;
          const all = new Float32Array(items.length * per);
          items.forEach((it, k) => all.set(it.data, k * per));
          const tensor = await appTensor4d("augmentBatch({ output: 'tensor' })", all, [items.length, h, w, c]);
          return { tensor, params: items.map((i) => i.params), indices: items.map((i) => i.index), sources: items.map((i) => i.source), ...(labels ? { labels: items.map((i) => i.label!) } : {}), failures };
        }
        const items: AugmentResult<OutputParams>[] = [];
        results.forEach((r, i) => {
          if (!r) return;
          r.outputs.forEach((d, v) => {
            const label = labelOf(labels, r.params[v]!, i);
            items.push({ image: { data: d as Uint8Array, ...dimsOf(r, v) } as RawImage, params: r.params[v]!, index: indexOf(i, v), source: i, ...(label ? { label } : {}), ...(moved?.[i] ? { targets: moved[i]![v]! } : {}) });
          });
        });
        return { items, failures };
      })) as Augmenter<OutputParams>['augmentBatch'],

    async fit(images) {
      if (closed) throw new EdgeAugmentError('CLOSED', 'The augmenter was closed.');
      const stats = computeFeaturewiseStats(images, spec.rescale, tensorChannels);
      await applyFeaturewise(stats);
      return stats;
    },

    paramsFor(index, width, height, s) {
      const sd = s === undefined ? seed : checkSeed(s);
      if (mixSplit) {
        // The mix op's draws; its partner is decided by the call (partner fields null here).
        const { prefix, mix } = planMixOutput(mixSplit, sd, index, { width, height, channels: 3 });
        return mix ? [...prefix.applied, mix] : prefix.applied;
      }
      if (nodes) return planOutput(nodes, sd, index, { width, height, channels: 3 }).applied;
      return sampleParams(spec, sd, index, width, height, kerasCompat);
    },

    recycle(items) {
      if (closed) return;
      for (const it of items) {
        const view = it instanceof ArrayBuffer ? new Uint8Array(it) : ArrayBuffer.isView(it) ? it : (it as RawImage)?.data;
        // Only whole, non-shared, still-attached buffers: a view of a bigger buffer belongs to someone else.
        if (!view || !ownsWholeBuffer(view) || view.byteLength === 0) continue;
        const buf = view.buffer as ArrayBuffer;
        if (spareBytes + buf.byteLength > spareLimit) break;
        const list = spare.get(buf.byteLength) ?? [];
        if (list.includes(buf)) continue;
        list.push(buf);
        spare.set(buf.byteLength, list);
        spareBytes += buf.byteLength;
      }
    },

    async close() {
      if (closed) return;
      spare.clear();
      spareBytes = 0;
      closed = true;
      pool?.close();
    },
  };
  return aug;
}

/** Checks `augmentBatch`'s `indices` option (null when absent). */
function batchIndices(indices: unknown, n: number, variants: number): number[] | null {
  if (indices === undefined) return null;
  if (!Array.isArray(indices) || indices.length !== n || !indices.every((x) => Number.isSafeInteger(x) && x >= 0)) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `indices: expected one non-negative integer item index per image (${n}), got ${describeValue(indices)}.`, { details: { field: 'indices' } });
  }
  if (variants !== 1) throw new EdgeAugmentError('INVALID_ARGUMENT', `indices: give one item index per image with variants 1 (got variants ${variants}).`, { details: { field: 'indices' } });
  return indices as number[];
}

/**
 * Batch mixing partners: torchvision's `batch.roll(1, 0)` over the call's outputs in order (valid images
 * × variants): each output is mixed with the previous one, the first with the last.
 */
function rollPartners(valid: readonly { i: number; img: RawImage }[], variants: number, indexOf: (i: number, v: number) => number): (i: number, v: number) => { image: RawImage; index: number; source: number } {
  const pos = new Map<number, number>(valid.map((x, k) => [x.i, k]));
  return (i, v) => {
    const k = pos.get(i)!;
    const [pk, pv] = v > 0 ? [k, v - 1] : [(k - 1 + valid.length) % valid.length, variants - 1];
    const p = valid[pk]!;
    return { image: p.img, index: indexOf(p.i, pv), source: p.i };
  };
}

/** `apply`'s partner for replaying a mixUp/cutMix output (undefined for other params). */
function replayPartner(params: OutputParams, options: ApplyOptions | undefined): { image: RawImage; index: number; source: number } | undefined {
  if (options !== undefined && (options === null || typeof options !== 'object')) throw new EdgeAugmentError('INVALID_ARGUMENT', `apply: options: expected { partner }, got ${describeValue(options)}.`, { details: { field: 'options' } });
  const m = mixOf(params);
  if (!options?.partner) return undefined;
  const image = validateImage(options.partner, 'partner');
  return { image, index: typeof m?.params.partnerIndex === 'number' ? m.params.partnerIndex : 0, source: typeof m?.params.partnerSource === 'number' ? m.params.partnerSource : 0 };
}
