/**
 * The engine: plan → kernel for a list of items, in whatever realm it lives in (a worker, the page, a
 * Cloudflare isolate). It does not know whether it runs in a worker; `workers/engine.worker.ts`
 * exposes exactly this object over Comlink, and the inline executor calls it directly.
 */
import { EdgeAugmentError } from '../errors.js';
import type { RawImage } from '../types.js';
import type { FloatOutputParams, WarpParams } from '../kernels/contract.js';
import { registerWarpKernels, sdkLiveData, warpManyToBytes, warpToBytes, warpToFloats } from '../kernels/index.js';
import { composeFloatOutput, planItem, type FeaturewiseStats } from '../plan/compose.js';
import type { AugmentParams } from '../plan/params.js';
import { sampleParams } from '../plan/sample.js';
import type { NormalizedSpec } from '../spec/spec.js';
import { warpKernelFileFor } from '../kernels/tfjs-kernels.js';
import { loadModule, setWasmPaths, type WasmAssets } from '../runtime/assets.js';
import { initTf, type BackendChoice, type TfRuntime } from '../runtime/tfjs-init.js';
import { validateImage } from './validate.js';
import { createFeatureExtractor, featuresToRecord, type FeatureExtractor } from '../drift/features/index.js';
import { compilePipeline, planOutput, planReplay, type PipelineJSON } from '../ops/core/pipeline.js';
import { runStages } from '../ops/core/execute.js';
import { releaseU8 } from '../ops/stages/util.js';
import { loadOpsWasm, type OpsWasm } from '../ops/core/wasm.js';
import type { AppliedOp, CompiledNode, Img } from '../ops/core/types.js';
import { keraSpecOfPipeline } from '../ops/keras-fast-path.js';
import { createMixRun, splitMix, type MixPartner, type MixSplit } from '../ops/mix/index.js';
import { runMaskEntries } from '../targets/masks.js';

/** How the engine is brought up. Serialisable (crosses to workers). */
export interface EngineInit {
  backend?: BackendChoice;
  timeoutMs?: number;
  threads?: number;
  wasm?: { prefix?: string; assets: WasmAssets };
}

/** What the engine reports about itself. */
export interface EngineInfo {
  backend: 'wasm' | 'cpu';
  simd: boolean;
  threads: number;
  note?: string;
}

/** The augmentation settings an engine holds. */
export interface EngineConfig {
  spec: NormalizedSpec;
  seed: number;
  kerasCompat: boolean;
  featurewise: FeaturewiseStats | null;
  /** For 4-channel inputs, float outputs have 3 channels ('rgb', default) or 4 ('all'). */
  tensorChannels: 'rgb' | 'all';
  /**
   * An op pipeline instead of `spec` (JSON; compiled in each realm). A pipeline of one
   * `imageDataGenerator` op runs the Keras fast path with that op's spec.
   */
  pipeline?: PipelineJSON | null;
  /** Pipelines: float outputs are u8 × rescale (default 1). */
  rescale?: number | null;
  /** Pipelines: how much the executor fuses (default 'exact': torchvision's op-by-op bytes). */
  fuse?: 'exact' | 'all';
  /** Pipelines: then (x − mean[c]) / std[c] per channel (torchvision's Normalize after ToTensor). */
  normalize?: { mean: readonly number[]; std: readonly number[] } | null;
}

/** Params of one output: Keras params (spec path), or the list of applied ops (pipelines). */
export type OutputParams = AugmentParams | AppliedOp[];

/** One output to make from a source image. */
export interface JobItem {
  /** Global item index: params are a function of (seed, index). */
  index: number;
  /** Explicit params (replay); otherwise sampled from (seed, index). */
  params?: OutputParams;
  /** Pipelines ending with mixUp/cutMix: the item this one is mixed with (src/ops/mix). */
  partner?: MixPartner;
}

/** One source image and the outputs wanted from it. */
export interface JobEntry {
  image: RawImage;
  items: JobItem[];
  /** Seed of this entry's call (a per-call seed is task data, never engine state); default the configured seed. */
  seed?: number;
  /**
   * Pool only: move this image's pixel buffer to the worker instead of copying it (the caller chose
   * `transfer: true`, and the buffer is the image's alone: whole, not shared, used once in the call).
   */
  move?: boolean;
  /**
   * Targets: this entry is a mask, not an image. Its items carry their image's output params; it is
   * lowered as that image (of these channels) was and run through the mask stages (src/targets/masks.ts).
   */
  asMask?: { channels: 1 | 3 | 4 };
}

/** What a job returns for one entry. */
export interface JobEntryResult {
  outputs: (Uint8Array | Float32Array)[];
  params: OutputParams[];
  width: number;
  height: number;
  channels: number;
  /** Per output [width, height, channels] when outputs differ in size from the entry's (pipelines with crops/resizes). */
  dims?: number[];
}

function warpToFloat(tf: TfRuntime['tf'], image: RawImage, p: WarpParams, f: FloatOutputParams, outC: number): Float32Array {
  return warpToFloats(tf, image, p, f, outC);
}

function floatChannels(cfg: EngineConfig, channels: number): number {
  return channels === 4 && cfg.tensorChannels === 'rgb' ? 3 : channels;
}

/** Applies samplewise centre/std then featurewise steps to one float image, in Keras's order. */
function standardizeInPlace(x: Float32Array, cfg: EngineConfig, outChannels: number): void {
  const s = cfg.spec;
  if (s.samplewiseCenter || s.samplewiseStdNormalization) {
    let mean = 0;
    for (let i = 0; i < x.length; i++) mean += x[i]!;
    mean /= x.length;
    let ss = 0;
    for (let i = 0; i < x.length; i++) { const d = x[i]! - mean; ss += d * d; }
    const std = Math.sqrt(ss / x.length);
    const sub = s.samplewiseCenter ? mean : 0;
    const div = s.samplewiseStdNormalization ? std + 1e-6 : 1;
    for (let i = 0; i < x.length; i++) x[i] = (x[i]! - sub) / div;
  }
  const f = cfg.featurewise;
  if ((s.featurewiseCenter || s.featurewiseStdNormalization) && f && (s.samplewiseCenter || s.samplewiseStdNormalization)) {
    for (let i = 0; i < x.length; i++) {
      const c = i % outChannels;
      let v = x[i]!;
      if (s.featurewiseCenter) v -= f.mean[c] ?? 0;
      if (s.featurewiseStdNormalization) v /= (f.std[c] ?? 0) + 1e-6;
      x[i] = v;
    }
  }
}

/** Creates an engine (one per realm is typical). */
export function createEngine() {
  let rt: TfRuntime | undefined;
  let initP: Promise<EngineInfo> | undefined;
  let cfg: EngineConfig | undefined;
  let extractorP: Promise<FeatureExtractor> | undefined;
  /** The configured pipeline, compiled (null: the Keras spec path). */
  let nodes: readonly CompiledNode[] | null = null;
  /** The pipeline split at its mix node (mixUp/cutMix last), or null. */
  let mixSplit: MixSplit | null = null;
  let opsWasm: OpsWasm | undefined;

  function need(): { rt: TfRuntime; cfg: EngineConfig } {
    if (!rt) throw new EdgeAugmentError('INVALID_STATE', 'Engine used before init().');
    if (!cfg) throw new EdgeAugmentError('INVALID_STATE', 'Engine used before configure().');
    return { rt, cfg };
  }

  function paramsFor(cfg: EngineConfig, seed: number, image: RawImage, item: JobItem): AugmentParams {
    return (item.params as AugmentParams | undefined) ?? sampleParams(cfg.spec, seed, item.index, image.width, image.height, cfg.kerasCompat);
  }

  /** One pipeline output: sampled (or replayed) params → stages → pixels. */
  function runPipelineItem(image: RawImage, item: JobItem, seed: number, fuse: 'exact' | 'all'): { out: Img | Promise<Img>; applied: AppliedOp[] } {
    const info = { width: image.width, height: image.height, channels: image.channels };
    const plan = item.params ? planReplay(item.params as AppliedOp[], info) : planOutput(nodes!, seed, item.index, info);
    return { out: runStages(image as Img, plan.stages, { wasm: opsWasm }, { fuse }), applied: plan.applied };
  }

  function runU8(r: TfRuntime, image: RawImage, first: WarpParams, second?: (w: ArrayLike<number>, c: number) => WarpParams): Uint8Array {
    const out = warpToBytes(r.tf, image, first);
    if (!second) return out;
    return warpToBytes(r.tf, { ...image, data: out }, second(out, image.channels));
  }

  function runF32(r: TfRuntime, image: RawImage, first: WarpParams, float: FloatOutputParams, outC: number, second?: (w: ArrayLike<number>, c: number) => WarpParams): Float32Array {
    if (!second) return warpToFloat(r.tf, image, first, float, outC);
    const mid = warpToBytes(r.tf, image, first);
    return warpToFloat(r.tf, { ...image, data: mid }, second(mid, image.channels), float, outC);
  }

  /** Pipelines: every output through its stages; float outputs are u8 × rescale. */
  async function runPipeline(entries: JobEntry[], output: 'raw' | 'float', c: EngineConfig, reuse?: ArrayBuffer[]): Promise<JobEntryResult[]> {
    // perf: recycled output buffers go to the stages' output pool (stages that overwrite their whole
    // output take buffers of their exact size from it: no fresh allocation and page faults per output).
    if (reuse) for (const b of reuse) releaseU8(new Uint8Array(b));
    const results: JobEntryResult[] = [];
    const scale = c.rescale ?? 1;
    // The op kernels load on the first pipeline run (a Keras-only engine never fetches them).
    opsWasm ??= await loadOpsWasm();
    // Batch mixing: prefix outputs shared between an item and the next (its partner), per run.
    const mix = createMixRun(mixSplit, (img, stages) => runStages(img, stages, { wasm: opsWasm }, { fuse: c.fuse ?? 'exact' }));
    for (const e of entries) {
      const seed = e.seed ?? c.seed;
      const image = validateImage(e.image);
      const outs: (Uint8Array | Float32Array)[] = [];
      const ps: AppliedOp[][] = [];
      const dims: number[] = [];
      let sameSize = true;
      let first: Img | undefined;
      for (const item of e.items) {
        const { out, applied } = mix.handles(item) ? mix.item(image, item, seed) : runPipelineItem(image, item, seed, c.fuse ?? 'exact');
        const img = out instanceof Promise ? await out : out;
        first ??= img;
        if (img.width !== first.width || img.height !== first.height || img.channels !== first.channels) sameSize = false;
        dims.push(img.width, img.height, img.channels);
        ps.push(applied);
        if (output === 'float') {
          const oc = floatChannels(c, img.channels);
          const f = new Float32Array(img.width * img.height * oc);
          const mean = Array.from({ length: oc }, (_, k) => c.normalize?.mean[k % c.normalize.mean.length] ?? 0);
          const inv = Array.from({ length: oc }, (_, k) => 1 / (c.normalize?.std[k % c.normalize.std.length] ?? 1));
          for (let i = 0, j = 0; i < img.data.length; i += img.channels) for (let k = 0; k < oc; k++) f[j++] = (img.data[i + k]! * scale - mean[k]!) * inv[k]!;
          outs.push(f);
        } else outs.push(img.data);
      }
      const f0 = first ?? { width: image.width, height: image.height, channels: image.channels };
      const channels = output === 'float' ? floatChannels(c, f0.channels) : f0.channels;
      if (output === 'float') for (let k = 2; k < dims.length; k += 3) dims[k] = floatChannels(c, dims[k]!);
      results.push({ outputs: outs, params: ps, width: f0.width, height: f0.height, channels, ...(sameSize ? {} : { dims }) });
    }
    return results;
  }

  /** Targets: mask entries through their images' mask stages (src/targets/masks.ts). */
  async function runMasks(entries: JobEntry[], c: EngineConfig): Promise<JobEntryResult[]> {
    opsWasm ??= await loadOpsWasm();
    return runMaskEntries(entries.map((e) => ({ ...e, image: validateImage(e.image) })), { fuse: c.fuse ?? 'exact', kerasCompat: c.kerasCompat }, opsWasm);
  }

  const engine = {
    /** Brings up tfjs and registers the kernels (idempotent). */
    async init(opts: EngineInit = {}): Promise<EngineInfo> {
      if (!initP) {
        initP = (async () => {
          if (opts.wasm) {
            if (opts.wasm.prefix) setWasmPaths(opts.wasm.prefix);
            if (opts.wasm.assets && Object.keys(opts.wasm.assets).length) setWasmPaths(opts.wasm.assets);
          }
          const r = await initTf({ backend: opts.backend, timeoutMs: opts.timeoutMs, threads: opts.threads });
          const mod = await loadModule(warpKernelFileFor(r.tf)); // warp-shared.wasm on the threaded tfjs heap
          await registerWarpKernels(r.tf, mod);
          rt = r;
          return { backend: r.backend, simd: r.simd, threads: r.threads, ...(r.note ? { note: r.note } : {}) };
        })();
        initP.catch(() => { initP = undefined; });
      }
      return initP;
    },

    /** Sets the spec, seed and mode. */
    configure(c: EngineConfig): void {
      if (c.pipeline) {
        const compiled = compilePipeline(c.pipeline);
        const keras = keraSpecOfPipeline(compiled);
        if (keras) {
          // One imageDataGenerator op: exactly the Keras fast path (same kernel call, same bytes).
          cfg = { ...c, spec: keras.spec, kerasCompat: keras.kerasCompat, pipeline: null };
          nodes = null;
          mixSplit = null;
          return;
        }
        nodes = compiled;
        mixSplit = splitMix(compiled);
      } else {
        nodes = null;
        mixSplit = null;
      }
      cfg = c;
    },

    /**
     * Runs entries; u8 outputs have the source's size and channels. `reuse`: spare output buffers
     * (recycled by the caller) that u8 outputs of exactly their size are written into.
     */
    async run(entries: JobEntry[], output: 'raw' | 'float', reuse?: ArrayBuffer[]): Promise<JobEntryResult[]> {
      const { rt: r, cfg: c } = need();
      if (entries.some((e) => e.asMask)) return runMasks(entries, c);
      if (nodes) return runPipeline(entries, output, c, reuse);
      const results: JobEntryResult[] = [];
      for (const e of entries) {
        const seed = e.seed ?? c.seed;
        const image = validateImage(e.image);
        const outC = output === 'float' ? floatChannels(c, image.channels) : image.channels;
        const samplewise = c.spec.samplewiseCenter || c.spec.samplewiseStdNormalization;
        const float = output === 'float' ? composeFloatOutput(samplewise ? { ...c.spec, featurewiseCenter: false, featurewiseStdNormalization: false } : c.spec, outC, c.featurewise) : undefined;
        const outs: (Uint8Array | Float32Array)[] = [];
        const ps: AugmentParams[] = e.items.map((item) => paramsFor(c, seed, image, item));
        const plans = ps.map((p) => planItem(p, c.spec, image.width, image.height, image.channels, c.kerasCompat));
        if (!float && plans.every((pl) => !pl.second)) {
          // Hot path: source uploaded once, every variant one fused kernel pass.
          outs.push(...warpManyToBytes(r.tf, image, plans.map((pl) => pl.first), reuse));
        } else {
          for (const plan of plans) {
            if (float) {
              const f = runF32(r, image, plan.first, float, outC, plan.second);
              if (samplewise) standardizeInPlace(f, c, outC);
              outs.push(f);
            } else outs.push(runU8(r, image, plan.first, plan.second));
          }
        }
        results.push({ outputs: outs, params: ps, width: image.width, height: image.height, channels: outC });
      }
      return results;
    },

    /**
     * Image features for drift (one WASM pass per image): flat numeric records, one per image.
     * Bad images give `{ error }` entries instead of failing the batch.
     */
    async features(images: RawImage[]): Promise<({ ok: true; record: Record<string, number> } | { ok: false; error: EdgeAugmentError })[]> {
      if (!extractorP) {
        extractorP = loadModule('features.wasm').then((m) => createFeatureExtractor(m));
        extractorP.catch(() => { extractorP = undefined; });
      }
      const ex = await extractorP;
      return images.map((img) => {
        try {
          return { ok: true as const, record: featuresToRecord(ex.extract(validateImage(img))) };
        } catch (e) {
          if (e instanceof EdgeAugmentError) return { ok: false as const, error: e };
          throw e;
        }
      });
    },

    /** Live data on the engine's backend (leak checks; the app's tfjs is not the SDK's). */
    numTensors(): number {
      return rt ? sdkLiveData(rt.tf) : 0;
    },

    /** Engine info (after init). */
    info(): EngineInfo | undefined {
      return rt ? { backend: rt.backend, simd: rt.simd, threads: rt.threads } : undefined;
    },
  };
  return engine;
}

/** The engine's type, for typing the worker proxy. */
export type Engine = ReturnType<typeof createEngine>;
