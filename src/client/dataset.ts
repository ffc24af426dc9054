/**
 * `fromDirectory`: Keras's `flow_from_directory` for the web and every runtime — classes from sorted
 * subfolder names, Keras's file order and validation split, seeded shuffle, resize to `targetSize`,
 * augmentation on the worker pool ahead of the consumer (bounded prefetch), batches of tensors.
 */
import { EdgeAugmentError } from '../errors.js';
import type { RawImage } from '../types.js';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { appTf } from './tensor-output.js';
import { createAugmenter, type Augmenter, type AugmenterOptions } from './augmenter.js';
import { listDirectory, makeLabel, readDatasetFile, shuffleIndices, type ClassMode, type DatasetFile, type DirectoryListing, type DirectorySource, type ListDirectoryOptions } from '../io/directory.js';
import { decodeImage } from '../io/decode.js';
import { resizeRawImage, type ResizeMethod } from '../io/resize.js';
import type { AugmentParams } from '../plan/params.js';
import { compilePipeline } from '../ops/core/pipeline.js';
import { splitMix } from '../ops/mix/index.js';

/** Options of {@link fromDirectory}. */
export interface FromDirectoryOptions extends ListDirectoryOptions, Omit<AugmenterOptions, 'tensorChannels'> {
  /** [height, width] like Keras (default [256, 256]). */
  targetSize?: [number, number];
  /** 'rgb' (default), 'rgba' or 'grayscale', like Keras `color_mode`. */
  colorMode?: 'rgb' | 'rgba' | 'grayscale';
  /** Resize method for `targetSize` (default 'nearest', as Keras's `load_img`: PIL NEAREST). */
  interpolation?: ResizeMethod;
  /** Default 32. */
  batchSize?: number;
  /** Seeded shuffle each epoch (default true, like Keras). */
  shuffle?: boolean;
  /** Batches prepared ahead of the consumer (default 2). */
  prefetch?: number;
  /** Apply augmentation (default true when a spec/keras config or a pipeline is given). */
  augment?: boolean;
  /** Reuse an augmenter (its spec/seed win). */
  augmenter?: Augmenter;
  /** Largest image accepted (pixels), checked from the header. */
  maxPixels?: number;
  signal?: AbortSignal;
  /** 'throw' (default): a file that cannot be decoded rejects the batch. 'skip': it is left out and listed in `batch.skipped`. */
  errors?: 'throw' | 'skip';
}

/** One batch. The caller owns the tensors: dispose() them (or use tf.tidy). */
export interface DirectoryBatch {
  /** float32 [n, h, w, c], rescaled/normalised per the spec. */
  images: Tensor4D;
  /**
   * categorical: [n, classes] one-hot; binary: [n] float32; sparse: [n] int32 → float32 like Keras; input: same as images; none: absent.
   * With a pipeline ending in mixUp/cutMix, categorical rows are the mixed label rows and binary values
   * the mixed probability of class 1 (sparse cannot hold a mixed label: INVALID_ARGUMENT).
   */
  labels?: Tensor;
  files: DatasetFile[];
  params: AugmentParams[];
  /** Files left out of this batch (errors: 'skip'). */
  skipped: { file: DatasetFile; error: EdgeAugmentError }[];
}

/** The dataset {@link fromDirectory} returns: an async iterable of one epoch's batches. */
export interface DirectoryDataset extends AsyncIterable<DirectoryBatch> {
  readonly listing: DirectoryListing;
  readonly classIndices: Record<string, number>;
  readonly numBatches: number;
  /** Iterates epoch `epoch` (shuffle order and augmentation indices depend on it). */
  epoch(epoch: number): AsyncIterable<DirectoryBatch>;
  close(): Promise<void>;
}

/**
 * Lists a folder dataset with Keras semantics and streams augmented batches.
 *
 * @example
 * ```ts
 * const ds = await fromDirectory('data/train', { targetSize: [224, 224], batchSize: 32, spec: { rotationRange: 20 }, seed: 1, workers: 'auto' });
 * for await (const { images, labels } of ds) { await model.trainOnBatch(images, labels); tf.dispose([images, labels]); }
 * ```
 */
export async function fromDirectory(source: DirectorySource, options: FromDirectoryOptions = {}): Promise<DirectoryDataset> {
  const listing = await listDirectory(source, options);
  const [th, tw] = options.targetSize ?? [256, 256];
  if (!Number.isInteger(th) || !Number.isInteger(tw) || th < 1 || tw < 1) throw new EdgeAugmentError('INVALID_ARGUMENT', `targetSize: expected [height, width] of positive integers, got ${JSON.stringify(options.targetSize)}.`);
  const batchSize = options.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new EdgeAugmentError('INVALID_ARGUMENT', `batchSize: expected a positive integer, got ${String(batchSize)}.`);
  const colorMode = options.colorMode ?? 'rgb';
  const channels = colorMode === 'grayscale' ? 1 : colorMode === 'rgba' ? 4 : 3;
  const classMode: ClassMode = options.classMode ?? 'categorical';
  const prefetch = Math.max(1, options.prefetch ?? 2);
  const doAugment = options.augment ?? (options.spec !== undefined || options.keras !== undefined || options.pipeline !== undefined);
  const own = !options.augmenter;
  const viaPipeline = options.pipeline !== undefined && doAugment;
  const aug = options.augmenter ?? (await createAugmenter({ ...options, spec: viaPipeline ? undefined : doAugment ? options.spec : pick(options.spec), keras: doAugment ? options.keras : undefined, pipeline: viaPipeline ? options.pipeline : undefined, tensorChannels: 'all' }));
  // MixUp/CutMix mix a batch's images with each other: the batch goes to the augmenter as one call.
  const mixing = aug.pipeline !== null && splitMix(compilePipeline(aug.pipeline)) !== null;
  if (mixing && classMode === 'sparse') {
    if (own) await aug.close();
    throw new EdgeAugmentError('INVALID_ARGUMENT', "classMode: 'sparse' labels are class ids and cannot hold MixUp/CutMix's mixed labels; use 'categorical' (mixed rows) or 'binary'.", { details: { field: 'classMode' } });
  }
  const n = listing.files.length;
  const numBatches = Math.ceil(n / batchSize);
  const tfP = appTf('fromDirectory');
  tfP.catch(() => undefined); // reported where a batch needs it

  async function load(f: DatasetFile): Promise<RawImage> {
    const img = await decodeImage(await readDatasetFile(f), { channels, maxPixels: options.maxPixels });
    return img.width === tw && img.height === th ? img : resizeRawImage(img, tw, th, options.interpolation ?? 'nearest');
  }

  async function makeBatch(epoch: number, b: number, order: Uint32Array): Promise<DirectoryBatch> {
    const tf = await tfP;
    const idx = Array.from(order.subarray(b * batchSize, Math.min(n, (b + 1) * batchSize)));
    const listed = idx.map((i) => listing.files[i]!);
    const loaded = await Promise.all(listed.map((f) => load(f).then((image) => ({ ok: true as const, image }), (error: unknown) => ({ ok: false as const, error }))));
    const skipped: { file: DatasetFile; error: EdgeAugmentError }[] = [];
    const files: DatasetFile[] = [];
    const images: RawImage[] = [];
    const keptIdx: number[] = [];
    loaded.forEach((r, k) => {
      if (r.ok) { files.push(listed[k]!); images.push(r.image); keptIdx.push(idx[k]!); return; }
      if (options.errors !== 'skip' || !(r.error instanceof EdgeAugmentError)) throw r.error instanceof EdgeAugmentError ? new EdgeAugmentError(r.error.code, `${listed[k]!.path}: ${r.error.message}`, { cause: r.error, details: { path: listed[k]!.path } }) : r.error;
      skipped.push({ file: listed[k]!, error: r.error });
    });
    if (!images.length) throw new EdgeAugmentError('EMPTY_INPUT', `Batch ${b}: no decodable files (${skipped.map((s) => s.file.path).join(', ')}).`);
    // Item index: epoch·n + file position, so every (epoch, file) has its own reproducible params.
    const labelled = classMode === 'categorical' || classMode === 'binary';
    const items = mixing
      ? (await aug.augmentBatch(images, { output: 'float32', indices: keptIdx.map((i) => epoch * n + i), signal: options.signal, ...(labelled ? { labels: files.map((f) => f.classIndex), numClasses: classMode === 'binary' ? 2 : listing.classes.length } : {}) })).items
      : (await Promise.all(images.map((img, k) => aug.augmentBatch([img], { output: 'float32', startIndex: epoch * n + keptIdx[k]!, signal: options.signal })))).map((r) => r.items[0]!);
    const per = th * tw * channels;
    const all = new Float32Array(items.length * per);
    items.forEach((it, k) => all.set(it.data, k * per));
    const x = tf.tensor4d(all, [items.length, th, tw, channels], 'float32');
    let labels: Tensor | undefined;
    if (mixing && labelled) {
      const k = listing.classes.length;
      labels = classMode === 'categorical'
        ? tf.tensor2d(Float32Array.from(items.flatMap((it) => it.label!)), [items.length, k], 'float32')
        : tf.tensor1d(items.map((it) => it.label![1]!), 'float32');
    } else if (classMode === 'categorical') {
      const y = new Float32Array(files.length * listing.classes.length);
      files.forEach((f, k) => y.set(makeLabel(f.classIndex, listing.classes.length, 'categorical') as Float32Array, k * listing.classes.length));
      labels = tf.tensor2d(y, [files.length, listing.classes.length], 'float32');
    } else if (classMode === 'binary' || classMode === 'sparse') {
      labels = tf.tensor1d(files.map((f) => f.classIndex), 'float32');
    } else if (classMode === 'input') {
      labels = x.clone();
    }
    return { images: x, ...(labels ? { labels } : {}), files, params: items.map((i) => i.params as AugmentParams), skipped };
  }

  function epochIter(epoch: number): AsyncIterable<DirectoryBatch> {
    return {
      async *[Symbol.asyncIterator]() {
        const order = options.shuffle === false ? Uint32Array.from({ length: n }, (_, i) => i) : shuffleIndices(n, aug.seed, epoch);
        const ahead: Promise<DirectoryBatch>[] = [];
        let next = 0;
        const fill = () => { while (ahead.length < prefetch && next < numBatches) ahead.push(makeBatch(epoch, next++, order)); };
        fill();
        try {
          while (ahead.length) {
            const b = await ahead.shift()!;
            fill();
            yield b;
          }
        } finally {
          // Dispose batches prepared but never consumed.
          for (const p of ahead) p.then((b) => { b.images.dispose(); b.labels?.dispose(); }, () => undefined);
        }
      },
    };
  }

  return {
    listing,
    classIndices: listing.classIndices,
    numBatches,
    epoch: epochIter,
    [Symbol.asyncIterator]: () => epochIter(0)[Symbol.asyncIterator](),
    async close() { if (own) await aug.close(); },
  };
}

/** Without augmentation only the standardisation options matter. */
function pick(spec: AugmenterOptions['spec']): AugmenterOptions['spec'] {
  if (!spec) return {};
  const { rescale, samplewiseCenter, samplewiseStdNormalization, featurewiseCenter, featurewiseStdNormalization } = spec;
  return { rescale, samplewiseCenter, samplewiseStdNormalization, featurewiseCenter, featurewiseStdNormalization };
}
