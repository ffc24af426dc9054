/**
 * Augment before upload: files in, encoded variants out — each with the params that made it and its
 * sha256 — plus a manifest that lets a server replay or audit every variant. One file at a time, so
 * memory stays bounded for any number of files.
 */
import { EdgeAugmentError, abortError } from '../errors.js';
import type { RawImage } from '../types.js';
import { createAugmenter, type Augmenter, type AugmenterOptions } from './augmenter.js';
import type { AugmentParams } from '../plan/params.js';
import type { AppliedOp } from '../ops/core/types.js';
import { decodeImage } from '../io/decode.js';
import { encodeImage, type EncodeFormat } from '../io/encode.js';
import { addManifestSource, addManifestVariant, createManifest, type UploadManifest } from '../io/manifest.js';

/** A file to augment: a File/Blob (its `name` is used), or named bytes. */
export type UploadSource = Blob | { name: string; bytes: Uint8Array | ArrayBuffer };

/** Options of {@link augmentForUpload}. */
export interface UploadOptions extends Omit<AugmenterOptions, 'spec'> {
  spec?: AugmenterOptions['spec'];
  /** Outputs per file. Default 1. */
  variants?: number;
  /** Output format (default 'jpeg'). */
  format?: EncodeFormat;
  /** JPEG/WebP quality 0..100 (default 90). */
  quality?: number;
  /** Reuse an existing augmenter (its spec/seed/mode win). */
  augmenter?: Augmenter<AugmentParams> | Augmenter<AppliedOp[]>;
  /** Largest accepted image (pixels), checked from the header. Default 50 MP. */
  maxPixels?: number;
  signal?: AbortSignal;
  /** (filesDone, filesTotal?) after each file. */
  onProgress?: (done: number, total: number | undefined) => void;
  /** 'throw' (default) or 'skip': a bad file is recorded in `failures` and the rest go on. */
  errors?: 'throw' | 'skip';
}

/** One uploaded variant. */
export interface UploadItem {
  /** Source name. */
  source: string;
  /** Index of the source in the manifest. */
  sourceIndex: number;
  /** Variant number for this source (0-based). */
  variant: number;
  /** Item index that, with the seed, determined the params. */
  index: number;
  /** Encoded bytes (a Blob where Blob exists). */
  blob: Blob | Uint8Array;
  bytes: Uint8Array;
  /** Keras params, or for a pipeline augmenter the applied ops (in the manifest as `{ ops: [...] }`). */
  params: AugmentParams | AppliedOp[];
  sha256: string;
  format: EncodeFormat;
  width: number;
  height: number;
}

/** The async iterable {@link augmentForUpload} returns. */
export interface UploadRun extends AsyncIterable<UploadItem> {
  /** The manifest (complete once iteration has finished). */
  readonly manifest: UploadManifest;
  /** Files that could not be used (with `errors: 'skip'`). */
  readonly failures: { source: string; error: EdgeAugmentError }[];
}

function nameOf(s: UploadSource, i: number): string {
  if (typeof Blob === 'function' && s instanceof Blob) return (s as Blob & { name?: string }).name || `file-${i}`;
  return (s as { name: string }).name;
}

async function bytesOf(s: UploadSource): Promise<Uint8Array> {
  if (typeof Blob === 'function' && s instanceof Blob) return new Uint8Array(await s.arrayBuffer());
  const b = (s as { bytes: Uint8Array | ArrayBuffer }).bytes;
  if (b instanceof Uint8Array) return b;
  if (b instanceof ArrayBuffer) return new Uint8Array(b);
  throw new EdgeAugmentError('INVALID_ARGUMENT', 'augmentForUpload: each source must be a Blob/File or { name, bytes }.');
}

/**
 * Augments files for upload. Decoding uses the WASM codecs in every runtime so a server can replay a
 * variant byte for byte: `apply(decode(source), variant.params)` then encode with the same settings.
 *
 * @example
 * ```ts
 * const run = augmentForUpload(input.files, { spec: { rotationRange: 20 }, variants: 4, seed: 7 });
 * for await (const v of run) await fetch('/upload', { method: 'POST', body: v.blob });
 * await fetch('/manifest', { method: 'POST', body: JSON.stringify(run.manifest) });
 * ```
 */
export function augmentForUpload(files: Iterable<UploadSource> | AsyncIterable<UploadSource> | ArrayLike<UploadSource>, options: UploadOptions = {}): UploadRun {
  const format = options.format ?? 'jpeg';
  const quality = options.quality ?? 90;
  const variants = options.variants ?? 1;
  if (!Number.isInteger(variants) || variants < 1 || variants > 10_000) throw new EdgeAugmentError('INVALID_ARGUMENT', `variants: expected an integer from 1 to 10000, got ${String(variants)}.`);
  const failures: { source: string; error: EdgeAugmentError }[] = [];
  let manifest: UploadManifest = createManifest({ seed: options.seed ?? 0, spec: {}, kerasCompat: options.kerasCompat ?? false });
  const total = typeof (files as ArrayLike<UploadSource>).length === 'number' ? (files as ArrayLike<UploadSource>).length : undefined;

  async function* run(): AsyncGenerator<UploadItem> {
    const own = !options.augmenter;
    const aug = options.augmenter ?? (await createAugmenter({ ...options, workers: options.workers ?? 0 }));
    // A pipeline augmenter's manifest holds its pipeline (`spec.pipeline`) and each variant's applied ops.
    manifest = createManifest({ seed: options.augmenter ? aug.seed : options.seed ?? 0, spec: JSON.parse(JSON.stringify(aug.pipeline ? { pipeline: aug.pipeline } : aug.spec)), kerasCompat: aug.kerasCompat });
    try {
      const iterable: AsyncIterable<UploadSource> | Iterable<UploadSource> =
        Symbol.asyncIterator in Object(files) || Symbol.iterator in Object(files) ? (files as Iterable<UploadSource>) : Array.from(files as ArrayLike<UploadSource>);
      let fileNo = 0;
      let done = 0;
      for await (const f of iterable as unknown as AsyncIterable<UploadSource>) {
        const i = fileNo++;
        if (options.signal?.aborted) throw abortError(options.signal.reason);
        const name = nameOf(f, i);
        let src: RawImage;
        let encoded: Uint8Array;
        let sourceIndex: number;
        try {
          encoded = await bytesOf(f);
          src = await decodeImage(encoded, { maxPixels: options.maxPixels, decoder: 'wasm' });
          sourceIndex = await addManifestSource(manifest, name, encoded);
        } catch (e) {
          if (options.errors !== 'skip' || !(e instanceof EdgeAugmentError)) throw e;
          failures.push({ source: name, error: e });
          options.onProgress?.(++done, total);
          continue;
        }
        const outs = await aug.augment(src, { variants, startIndex: i * variants, signal: options.signal });
        for (const o of outs) {
          const bytes = await encodeImage(o.image, { format, quality });
          const entry = await addManifestVariant(manifest, { source: sourceIndex, index: o.index, params: Array.isArray(o.params) ? { ops: o.params } : { ...o.params }, format, quality, encoded: bytes });
          const blob = typeof Blob === 'function' ? new Blob([bytes as Uint8Array<ArrayBuffer>], { type: `image/${format}` }) : bytes;
          yield { source: name, sourceIndex, variant: o.index - i * variants, index: o.index, blob, bytes, params: o.params, sha256: entry.sha256, format, width: o.image.width, height: o.image.height };
        }
        options.onProgress?.(++done, total);
      }
    } finally {
      if (own) await aug.close();
    }
  }

  return {
    [Symbol.asyncIterator]: () => run(),
    get manifest() { return manifest; },
    get failures() { return failures; },
  };
}
