/**
 * Loader and whole-image API for the image-features kernel (build/kernels/features.wasm,
 * AssemblyScript). The kernel imports its memory; the extractor gives it a `WebAssembly.Memory`
 * of its own, grows it for larger images and rebuilds its views after every growth.
 */
import { EdgeAugmentError } from '../../errors.js';
import type { RawImage } from '../../types.js';
import {
  IMAGE_FEATURE_NAMES, resolveEdgeThreshold, validateFeatureImage,
  type FeatureOptions, type ImageFeatureName, type ImageFeatures,
} from './names.js';

/** Bytes of the kernel's output block (16 f64 scalars + 3 × 256 u32 histograms). */
const OUT_BYTES = 3200;
const HIST_AT = 128;
const PAGE = 65536;

interface FeaturesExports {
  features(src: number, w: number, h: number, c: number, scratch: number, out: number, thrSq: number): number;
  scratchBytes(w: number): number;
  outBytes(): number;
}

/**
 * Computes image features with the WASM kernel; holds its own memory (one per extractor: make one
 * per worker).
 *
 * @example
 * ```ts
 * const rows = fx.extractMany(images).map(featuresToRecord);
 * ```
 */
export interface FeatureExtractor {
  /** The edge threshold this extractor uses. */
  readonly edgeThreshold: number;
  /**
   * Every feature of one image (RGBA, RGB or grey; alpha ignored).
   * @throws {EdgeAugmentError} `INVALID_IMAGE` (0×0, wrong data length, bad channels), `IMAGE_TOO_LARGE`.
   */
  extract(image: RawImage): ImageFeatures;
  /** {@link FeatureExtractor.extract} for each image, in order. @throws {EdgeAugmentError} as `extract`, with `details.index`. */
  extractMany(images: Iterable<RawImage>): ImageFeatures[];
}

function initFailure(e: unknown): EdgeAugmentError {
  return new EdgeAugmentError('WASM_INIT_FAILED',
    `Could not instantiate the image-features kernel (build/kernels/features.wasm): ${e instanceof Error ? e.message : String(e)}`,
    { cause: e });
}

function bind(instance: WebAssembly.Instance): FeaturesExports {
  const ex = instance.exports as Record<string, unknown>;
  if (typeof ex.features !== 'function' || typeof ex.scratchBytes !== 'function' || typeof ex.outBytes !== 'function') {
    throw new EdgeAugmentError('WASM_INIT_FAILED', 'The module given is not the image-features kernel (exports features, scratchBytes, outBytes expected).');
  }
  const out = (ex.outBytes as () => number)();
  if (out !== OUT_BYTES) {
    throw new EdgeAugmentError('WASM_INIT_FAILED', `Features kernel output block is ${out} bytes, this loader reads ${OUT_BYTES}: rebuild the kernels (npm run build:kernels).`);
  }
  return ex as unknown as FeaturesExports;
}

/**
 * Creates a feature extractor from the kernel bytes or a precompiled module (workerd accepts only
 * precompiled modules).
 *
 * @example
 * ```ts
 * const fx = await createFeatureExtractor(await readFile('build/kernels/features.wasm'));
 * const { scalars, histograms } = fx.extract({ data, width, height, channels: 4 });
 * ```
 * @throws {EdgeAugmentError} `WASM_INIT_FAILED`, `INVALID_ARGUMENT` (edge threshold).
 */
export async function createFeatureExtractor(source: BufferSource | WebAssembly.Module, options?: FeatureOptions): Promise<FeatureExtractor> {
  const threshold = resolveEdgeThreshold(options);
  let module: WebAssembly.Module;
  try {
    module = source instanceof WebAssembly.Module ? source : await WebAssembly.compile(source);
  } catch (e) {
    throw initFailure(e);
  }
  let memory: WebAssembly.Memory;
  let instance: WebAssembly.Instance;
  try {
    memory = memoryFor(module);
    instance = await WebAssembly.instantiate(module, { env: { memory } });
  } catch (e) {
    throw initFailure(e);
  }
  return makeExtractor(bind(instance), memory, threshold);
}

/**
 * Synchronous {@link createFeatureExtractor} for an already compiled module.
 *
 * @example
 * ```ts
 * const fx = createFeatureExtractorSync(new WebAssembly.Module(bytes));
 * ```
 * @throws {EdgeAugmentError} `WASM_INIT_FAILED`, `INVALID_ARGUMENT`.
 */
export function createFeatureExtractorSync(module: WebAssembly.Module, options?: FeatureOptions): FeatureExtractor {
  const threshold = resolveEdgeThreshold(options);
  let memory: WebAssembly.Memory;
  let instance: WebAssembly.Instance;
  try {
    memory = memoryFor(module);
    instance = new WebAssembly.Instance(module, { env: { memory } });
  } catch (e) {
    throw initFailure(e);
  }
  return makeExtractor(bind(instance), memory, threshold);
}

const align16 = (n: number) => (n + 15) & ~15;

/**
 * A memory of the kind the module imports: the build writes a custom section
 * `edge-augment.memory` = `plain` | `shared:<maxPages>` (features.wasm / features-shared.wasm).
 */
function memoryFor(module: WebAssembly.Module): WebAssembly.Memory {
  const sec = WebAssembly.Module.customSections(module, 'edge-augment.memory')[0];
  const text = sec ? new TextDecoder().decode(sec) : 'plain';
  const m = /^shared:(\d+)$/.exec(text);
  if (m) return new WebAssembly.Memory({ initial: 4, maximum: Number(m[1]), shared: true } as WebAssembly.MemoryDescriptor);
  return new WebAssembly.Memory({ initial: 4 });
}

function makeExtractor(k: FeaturesExports, memory: WebAssembly.Memory, edgeThreshold: number): FeatureExtractor {
  const thrSq = Math.min(1e15, (1000 * edgeThreshold) ** 2);
  // Views on memory.buffer; rebuilt whenever the memory grows (old views are detached).
  let bytes = new Uint8Array(memory.buffer);
  let f64 = new Float64Array(memory.buffer, 0, 16);
  let u32 = new Uint32Array(memory.buffer, HIST_AT, 768);
  const ensure = (need: number) => {
    const have = memory.buffer.byteLength;
    if (need > have) {
      try {
        memory.grow(Math.ceil((need - have) / PAGE));
      } catch (e) {
        throw new EdgeAugmentError('IMAGE_TOO_LARGE', `Cannot grow the features kernel memory to ${need} bytes.`, { cause: e });
      }
    }
    if (bytes.buffer !== memory.buffer) {
      bytes = new Uint8Array(memory.buffer);
      f64 = new Float64Array(memory.buffer, 0, 16);
      u32 = new Uint32Array(memory.buffer, HIST_AT, 768);
    }
  };
  const extract = (image: RawImage): ImageFeatures => {
    validateFeatureImage(image);
    const { width: w, height: h, channels: c, data } = image;
    const scratch = OUT_BYTES;
    const src = align16(scratch + k.scratchBytes(w));
    const n = w * h * c;
    ensure(src + n);
    bytes.set(data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.length), src);
    const rc = k.features(src, w, h, c, scratch, 0, thrSq);
    if (rc !== 0) throw new EdgeAugmentError('INTERNAL', `The features kernel refused its arguments (code ${rc}).`, { details: { code: rc } });
    const scalars = {} as Record<ImageFeatureName, number>;
    for (let i = 0; i < IMAGE_FEATURE_NAMES.length; i++) scalars[IMAGE_FEATURE_NAMES[i]] = f64[i];
    const histograms = c === 1
      ? { gray: u32.slice(0, 256) }
      : { r: u32.slice(0, 256), g: u32.slice(256, 512), b: u32.slice(512, 768) };
    return { scalars, histograms };
  };
  return {
    edgeThreshold,
    extract,
    extractMany(images) {
      const out: ImageFeatures[] = [];
      let i = 0;
      for (const image of images) {
        try {
          out.push(extract(image));
        } catch (e) {
          if (e instanceof EdgeAugmentError) {
            throw new EdgeAugmentError(e.code, `Image ${i}: ${e.message}`, { cause: e, details: { ...e.details, index: i } });
          }
          throw e;
        }
        i++;
      }
      return out;
    },
  };
}
