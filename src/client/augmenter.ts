/**
 * What users hold: the Augmenter. A promise API over the engine, running inline (`workers: 0`, and
 * automatically where no Worker exists) or on a worker pool, with identical bytes either way: every
 * output's params are a function of (seed, item index) only.
 */
import { EdgeAugmentError, abortError } from '../errors.js';
import { ownsWholeBuffer } from '../buffers.js';
import type { RawImage } from '../types.js';
import { createEngine, type EngineConfig, type EngineInfo, type JobEntry, type JobEntryResult } from '../engine/engine.js';
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

/** Options of {@link createAugmenter}. */
export interface AugmenterOptions {
  /** The augmentation spec (camelCase). */
  spec?: AugmentSpec;
  /** A Keras `ImageDataGenerator` config instead: snake_case object, JSON, or pasted argument list. */
  keras?: string | Record<string, unknown>;
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

/** One augmented output. */
export interface AugmentResult {
  image: RawImage;
  params: AugmentParams;
  /** The item index that (with the seed) determined `params`. */
  index: number;
  /** Position of the source image in the batch (0 for `augment`). */
  source: number;
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
}

/** Raw batch result. */
export interface RawBatchResult {
  items: AugmentResult[];
  failures: AugmentFailure[];
}

/** Float32 batch result (one entry per output, NHWC per image). */
export interface FloatBatchResult {
  items: { data: Float32Array; width: number; height: number; channels: number; params: AugmentParams; index: number; source: number }[];
  failures: AugmentFailure[];
}

/** Tensor batch result. */
export interface TensorBatchResult {
  /** float32 [n, h, w, c]. The caller owns it: dispose() it. */
  tensor: import('@tensorflow/tfjs-core').Tensor4D;
  params: AugmentParams[];
  indices: number[];
  sources: number[];
  failures: AugmentFailure[];
}

/** The Augmenter. Create with {@link createAugmenter}. */
export interface Augmenter {
  /** Applies explicit params (Keras `apply_transform` keys or camelCase) to one image. */
  apply(image: RawImage, params: Partial<AugmentParams> | KerasTransformParams): Promise<RawImage>;
  /** Makes `variants` seeded outputs of one image, each with its params. */
  augment(image: RawImage, options?: CallOptions & { variants?: number }): Promise<AugmentResult[]>;
  /** Augments many images. */
  augmentBatch(images: RawImage[], options?: BatchOptions & { output?: 'raw' }): Promise<RawBatchResult>;
  augmentBatch(images: RawImage[], options: BatchOptions & { output: 'float32' }): Promise<FloatBatchResult>;
  augmentBatch(images: RawImage[], options: BatchOptions & { output: 'tensor' }): Promise<TensorBatchResult>;
  /** Learns featurewise mean/std (Keras `fit`: on rescaled raw images, no augmentation). */
  fit(images: RawImage[]): Promise<FeaturewiseStats>;
  /** The params item `index` would get for a `width` × `height` image (no pixels touched). */
  paramsFor(index: number, width: number, height: number, seed?: number | string): AugmentParams;
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
export async function createAugmenter(options: AugmenterOptions = {}): Promise<Augmenter> {
  let specIn: AugmentSpec = options.spec ?? {};
  if (options.keras !== undefined) {
    if (options.spec !== undefined) throw new EdgeAugmentError('INVALID_ARGUMENT', 'Give either spec or keras, not both.');
    specIn = (typeof options.keras === 'string' ? parseKerasArgs(options.keras) : fromKerasConfig(options.keras)).spec;
  }
  const spec = normalizeSpec(specIn);
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
  const cfg = (s = seed): EngineConfig => ({ spec, seed: s, kerasCompat, featurewise, tensorChannels });

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
  let configuredSeed = seed;

  async function ensureSeed(s: number): Promise<void> {
    if (s === configuredSeed) return;
    configuredSeed = s;
    if (pool) await pool.configure(cfg(s));
    else inline!.configure(cfg(s));
  }

  // Calls with a per-call seed are serialised so concurrent calls never see each other's seed.
  let chain: Promise<unknown> = Promise.resolve();
  function exclusive<T>(f: () => Promise<T>): Promise<T> {
    const p = chain.then(f, f);
    chain = p.catch(() => undefined);
    return p;
  }

  /**
   * Runs entries inline or on the pool. Worker messages structured-clone the pixels (one copy: the
   * caller's buffers stay usable and a task can be re-sent after a worker crash); results come back
   * transferred.
   */
  /** Sets the featurewise stats in this realm and in every worker (one configure). */
  async function applyFeaturewise(v: FeaturewiseStats | null): Promise<void> {
    featurewise = v;
    if (pool) await pool.configure(cfg(configuredSeed));
    else inline!.configure(cfg(configuredSeed));
  }

  // Recycled output buffers by byte size (see Augmenter.recycle).
  const spare = new Map<number, ArrayBuffer[]>();
  let spareBytes = 0;
  const spareLimit = options.recycleLimitBytes ?? 256 * 1024 * 1024;
  function takeSpare(entries: JobEntry[]): ArrayBuffer[] | undefined {
    if (!spareBytes) return undefined;
    const out: ArrayBuffer[] = [];
    for (const e of entries) {
      const n = e.image.width * e.image.height * e.image.channels;
      const list = spare.get(n);
      for (let k = 0; k < e.items.length && list?.length; k++) { out.push(list.pop()!); spareBytes -= n; }
    }
    return out.length ? out : undefined;
  }

  async function runEntries(entries: JobEntry[], output: 'raw' | 'float', signal?: AbortSignal): Promise<JobEntryResult[]> {
    if (closed) throw new EdgeAugmentError('CLOSED', 'The augmenter was closed.');
    if (signal?.aborted) throw abortError(signal.reason);
    const reuse = output === 'raw' ? takeSpare(entries) : undefined;
    if (pool) return pool.run(entries, output, signal, reuse);
    const r = inline!.run(entries, output, reuse);
    if (signal?.aborted) throw abortError(signal.reason);
    return r;
  }

  function withSeed<T>(callSeed: number | string | undefined, f: () => Promise<T>): Promise<T> {
    if (callSeed === undefined) {
      if (configuredSeed === seed) return f();
      return exclusive(async () => { await ensureSeed(seed); return f(); });
    }
    const s = checkSeed(callSeed);
    return exclusive(async () => { await ensureSeed(s); return f(); });
  }


  async function batch(images: RawImage[], o: BatchOptions): Promise<{ results: (JobEntryResult | null)[]; failures: AugmentFailure[]; variants: number; start: number }> {
    if (!Array.isArray(images)) throw new EdgeAugmentError('INVALID_ARGUMENT', 'augmentBatch: expected an array of RawImages.');
    const variants = checkCount('variants', o.variants ?? 1, 1, 10_000);
    const start = checkCount('startIndex', o.startIndex ?? 0, 0, Number.MAX_SAFE_INTEGER);
    const mode = o.errors ?? 'throw';
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
    const movable = pool && o.transfer === true ? movableSources(valid.map((v) => v.img)) : undefined;
    const runChunk = (mine: { i: number; img: RawImage }[]) => {
      const entries: JobEntry[] = mine.map(({ i, img }) => ({ image: img, items: Array.from({ length: variants }, (_, v) => ({ index: start + i * variants + v })), ...(movable?.has(img.data.buffer) ? { move: true } : {}) }));
      return runEntries(entries, output, o.signal).then((rs) => {
        rs.forEach((r, k) => { results[mine[k]!.i] = r; });
        done += mine.length * variants;
        o.onProgress?.(done, total);
      });
    };
    if (pool) {
      const settled = await Promise.allSettled(chunks.map(runChunk));
      const firstErr = settled.find((s) => s.status === 'rejected') as PromiseRejectedResult | undefined;
      if (firstErr) throw firstErr.reason;
    } else {
      for (let k = 0; k < chunks.length; k++) {
        // Inline: give the event loop a turn between chunks so an abort or a progress repaint can happen.
        if (k > 0 && cooperative) await new Promise((r) => setTimeout(r, 0));
        await runChunk(chunks[k]!);
      }
    }
    return { results, failures, variants, start };
  }

  const aug: Augmenter = {
    spec,
    seed,
    kerasCompat,
    workers: nWorkers,
    info,
    capabilities: caps,
    pool,
    get featurewise() { return featurewise; },
    set featurewise(v: FeaturewiseStats | null) {
      // The pool keeps the config for replacement workers even if a live worker fails to take it
      // (that worker is then replaced and configured anew), so a failure here loses nothing.
      applyFeaturewise(v).catch(() => undefined);
    },

    async apply(image, params) {
      const p = fromExplicitParams(params);
      const img = validateImage(image);
      const [r] = await runEntries([{ image: img, items: [{ index: 0, params: p }] }], 'raw');
      return { data: r!.outputs[0] as Uint8Array, width: r!.width, height: r!.height, channels: img.channels };
    },

    augment(image, o = {}) {
      return withSeed(o.seed, async () => {
        const variants = checkCount('variants', o.variants ?? 1, 1, 10_000);
        const start = checkCount('startIndex', o.startIndex ?? 0, 0, Number.MAX_SAFE_INTEGER);
        const img = validateImage(image);
        const move = pool !== undefined && o.transfer === true && ownsWholeBuffer(img.data);
        const [r] = await runEntries([{ image: img, items: Array.from({ length: variants }, (_, v) => ({ index: start + v })), ...(move ? { move } : {}) }], 'raw', o.signal);
        return r!.outputs.map((data, v) => ({ image: { data: data as Uint8Array, width: r!.width, height: r!.height, channels: img.channels }, params: r!.params[v]!, index: start + v, source: 0 }));
      });
    },

    augmentBatch: ((images: RawImage[], o: BatchOptions = {}) =>
      withSeed(o.seed, async () => {
        const { results, failures, variants, start } = await batch(images, o);
        if (o.output === 'float32' || o.output === 'tensor') {
          const items: FloatBatchResult['items'] = [];
          results.forEach((r, i) => {
            if (!r) return;
            r.outputs.forEach((d, v) => items.push({ data: d as Float32Array, width: r.width, height: r.height, channels: r.channels, params: r.params[v]!, index: start + i * variants + v, source: i }));
          });
          if (o.output === 'float32') return { items, failures };
          if (!items.length) throw new EdgeAugmentError('EMPTY_INPUT', 'augmentBatch: no valid images to make a tensor from.');
          const { width: w, height: h, channels: c } = items[0]!;
          const per = w * h * c;
          const all = new Float32Array(items.length * per);
          items.forEach((it, k) => all.set(it.data, k * per));
          const tensor = await appTensor4d("augmentBatch({ output: 'tensor' })", all, [items.length, h, w, c]);
          return { tensor, params: items.map((i) => i.params), indices: items.map((i) => i.index), sources: items.map((i) => i.source), failures };
        }
        const items: AugmentResult[] = [];
        results.forEach((r, i) => {
          if (!r) return;
          r.outputs.forEach((d, v) => items.push({ image: { data: d as Uint8Array, width: r.width, height: r.height, channels: images[i]!.channels }, params: r.params[v]!, index: start + i * variants + v, source: i }));
        });
        return { items, failures };
      })) as Augmenter['augmentBatch'],

    async fit(images) {
      if (closed) throw new EdgeAugmentError('CLOSED', 'The augmenter was closed.');
      const stats = computeFeaturewiseStats(images, spec.rescale, tensorChannels);
      await applyFeaturewise(stats);
      return stats;
    },

    paramsFor(index, width, height, s) {
      return sampleParams(spec, s === undefined ? seed : checkSeed(s), index, width, height, kerasCompat);
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
