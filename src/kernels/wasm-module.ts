/**
 * Loader for the warp kernel module (build/kernels/warp.wasm, AssemblyScript, WASM SIMD).
 *
 * The module imports its memory (`env.memory`) and owns nothing in it: the host passes every
 * pointer. Two ways to run it:
 * - {@link instantiateWarpKernel} on a memory someone else owns (the tfjs wasm heap: zero copy);
 * - {@link createWarpRunner} with a fresh memory of its own (tfjs `cpu` backend, tests, tools).
 *
 * The module comes in two variants (scripts/build-kernels.mjs): `warp.wasm` imports a plain memory
 * (tfjs plain/SIMD builds), `warp-shared.wasm` a shared one (tfjs threaded-SIMD build, under
 * COOP/COEP). A custom section `edge-augment.memory` says which; {@link kernelMemoryKind} reads it.
 */
import { EdgeAugmentError } from '../errors.js';
import type { RawImage } from '../types.js';
import { FILL_MODE_CODE, INTERPOLATION_CODE, type FloatOutputParams, type WarpParams } from './contract.js';
import { validateFloatArgs, validateWarpArgs } from './reference.js';

/** Bytes of the parameter block the kernel reads (see src/kernels/assembly/warp.ts). */
export const WARP_PARAMS_BYTES = 320;
/** Output kinds of the raw `warp` export. */
export const WARP_OUT_U8 = 0;
export const WARP_OUT_F32 = 1;

/** The raw exports of the warp module, bound to one memory. */
export interface WarpKernel {
  /** The memory the kernel reads and writes (views on its buffer die when it grows). */
  readonly memory: WebAssembly.Memory;
  /**
   * Raw kernel call; every argument is a byte offset or a size. Returns 0, or a negative code when
   * the kernel refuses its arguments. `outKind`: {@link WARP_OUT_U8} | {@link WARP_OUT_F32}.
   */
  warp(src: number, srcW: number, srcH: number, channels: number, dst: number, outW: number, outH: number, outKind: number, outChannels: number, params: number): number;
  /** Same as `warp` with the SIMD path off (exact float64 for every pixel). */
  warpScalar(src: number, srcW: number, srcH: number, channels: number, dst: number, outW: number, outH: number, outKind: number, outChannels: number, params: number): number;
}

function wasmFailure(e: unknown): EdgeAugmentError {
  return new EdgeAugmentError('WASM_INIT_FAILED',
    `Could not instantiate the warp kernel module (build/kernels/warp.wasm; WASM SIMD is required): ${e instanceof Error ? e.message : String(e)}`,
    { cause: e });
}

/** Which memory a kernel module imports (from its `edge-augment.memory` custom section). */
export interface KernelMemoryKind {
  shared: boolean;
  /** Declared maximum in 64 KiB pages (shared variants always declare one). */
  maximumPages?: number;
}

/** Name of the custom section written by scripts/build-kernels.mjs. */
export const MEMORY_SECTION = 'edge-augment.memory';

/**
 * Reads the memory kind a kernel module was built for. Modules without the section (older builds)
 * are taken as plain.
 */
export function kernelMemoryKind(module: WebAssembly.Module): KernelMemoryKind {
  let text = 'plain';
  try {
    const secs = WebAssembly.Module.customSections(module, MEMORY_SECTION);
    if (secs.length) text = new TextDecoder().decode(secs[0]);
  } catch { /* not a module we know: plain */ }
  const m = /^shared:(\d+)$/.exec(text);
  return m ? { shared: true, maximumPages: Number(m[1]) } : { shared: false };
}

/** True when `memory` is a shared WebAssembly.Memory (its buffer is a SharedArrayBuffer). */
export function isSharedMemory(memory: WebAssembly.Memory): boolean {
  return typeof SharedArrayBuffer === 'function' && memory.buffer instanceof SharedArrayBuffer;
}

/** A fresh memory the module can import (`initial` pages). */
export function memoryForKernel(module: WebAssembly.Module, initial = 16): WebAssembly.Memory {
  const kind = kernelMemoryKind(module);
  if (!kind.shared) return new WebAssembly.Memory({ initial });
  if (typeof SharedArrayBuffer !== 'function') {
    throw new EdgeAugmentError('WASM_INIT_FAILED', 'This kernel module is the shared-memory variant (warp-shared.wasm) but SharedArrayBuffer is unavailable here (not cross-origin isolated): use warp.wasm.');
  }
  return new WebAssembly.Memory({ initial, maximum: kind.maximumPages ?? 65536, shared: true } as WebAssembly.MemoryDescriptor);
}

function checkVariant(module: WebAssembly.Module, memory: WebAssembly.Memory): void {
  const want = isSharedMemory(memory);
  const have = kernelMemoryKind(module).shared;
  if (want !== have) {
    throw new EdgeAugmentError('WASM_INIT_FAILED',
      `The warp kernel module imports a ${have ? 'shared' : 'plain'} memory but the memory given is ${want ? 'shared (tfjs threaded-SIMD build)' : 'plain'}: load ${want ? 'warp-shared.wasm' : 'warp.wasm'} instead.`);
  }
}

function bind(instance: WebAssembly.Instance, memory: WebAssembly.Memory): WarpKernel {
  const ex = instance.exports as Record<string, unknown>;
  if (typeof ex.warp !== 'function' || typeof ex.warpScalar !== 'function' || typeof ex.paramsBytes !== 'function') {
    throw new EdgeAugmentError('WASM_INIT_FAILED', 'The module given is not the warp kernel (exports warp, warpScalar, paramsBytes expected).');
  }
  const size = (ex.paramsBytes as () => number)();
  if (size !== WARP_PARAMS_BYTES) {
    throw new EdgeAugmentError('WASM_INIT_FAILED', `Warp kernel parameter block is ${size} bytes, this loader writes ${WARP_PARAMS_BYTES}: rebuild the kernels (npm run build:kernels).`);
  }
  return {
    memory,
    warp: ex.warp as WarpKernel['warp'],
    warpScalar: ex.warpScalar as WarpKernel['warpScalar'],
  };
}

/**
 * Compiles the kernel bytes (or passes a precompiled module through — the only way on workerd).
 *
 * @throws {EdgeAugmentError} `WASM_INIT_FAILED`.
 */
export async function compileWarpKernel(source: BufferSource | WebAssembly.Module): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return source;
  try {
    return await WebAssembly.compile(source);
  } catch (e) {
    throw wasmFailure(e);
  }
}

/**
 * Instantiates the kernel on `memory` (imported: nothing of `memory` is written at instantiation).
 *
 * @example
 * ```ts
 * const k = await instantiateWarpKernel(await fetch(url).then((r) => r.arrayBuffer()), memory);
 * ```
 * @throws {EdgeAugmentError} `WASM_INIT_FAILED`.
 */
export async function instantiateWarpKernel(source: BufferSource | WebAssembly.Module, memory: WebAssembly.Memory): Promise<WarpKernel> {
  const module = await compileWarpKernel(source);
  checkVariant(module, memory);
  let instance: WebAssembly.Instance;
  try {
    instance = await WebAssembly.instantiate(module, { env: { memory } });
  } catch (e) {
    throw wasmFailure(e);
  }
  return bind(instance, memory);
}

/**
 * Synchronous variant for an already compiled module.
 *
 * @throws {EdgeAugmentError} `WASM_INIT_FAILED`.
 */
export function instantiateWarpKernelSync(module: WebAssembly.Module, memory: WebAssembly.Memory): WarpKernel {
  checkVariant(module, memory);
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(module, { env: { memory } });
  } catch (e) {
    throw wasmFailure(e);
  }
  return bind(instance, memory);
}

/**
 * Writes the kernel's parameter block at `ptr` in `buffer` (call right before the kernel: a view
 * made before a heap allocation may be stale).
 */
export function writeWarpParams(buffer: ArrayBufferLike, ptr: number, params: WarpParams, channels: number, float: FloatOutputParams | null, srcPadded: boolean): void {
  const dv = new DataView(buffer, ptr, WARP_PARAMS_BYTES);
  const m = params.matrix;
  for (let i = 0; i < 6; i++) dv.setFloat64(i * 8, +m[i], true);
  const vec = (at: number, v: ArrayLike<number> | undefined, fallback: number, n: number) => {
    for (let k = 0; k < 4; k++) dv.setFloat64(at + k * 8, v && k < n ? +v[k] : fallback, true);
  };
  vec(48, params.cval, 0, channels);
  vec(80, params.colorScale, 1, channels);
  vec(112, params.colorOffset, 0, channels);
  vec(144, params.clipLo, -Infinity, channels);
  vec(176, params.clipHi, Infinity, channels);
  vec(208, float?.outScale, 1, float ? float.outScale.length : 0);
  vec(240, float?.outOffset, 0, float ? float.outOffset.length : 0);
  dv.setInt32(272, FILL_MODE_CODE[params.fillMode], true);
  dv.setInt32(276, INTERPOLATION_CODE[params.interpolation], true);
  dv.setInt32(280, srcPadded ? 1 : 0, true);
  dv.setInt32(284, 0, true);
}

/** Throws a typed error for a negative kernel return code. */
export function checkKernelResult(rc: number): void {
  if (rc !== 0) throw new EdgeAugmentError('INTERNAL', `The warp kernel refused its arguments (code ${rc}).`, { details: { code: rc } });
}

/** A warp kernel with a memory of its own, and a whole-image API on top. */
export interface WarpRunner {
  readonly kernel: WarpKernel;
  /** u8 output with the input's channels. @throws {EdgeAugmentError} on bad input. */
  warpToBytes(image: RawImage, params: WarpParams, outW?: number, outH?: number): Uint8Array;
  /** float32 HWC output with `outChannels` channels. @throws {EdgeAugmentError} on bad input. */
  warpToFloat(image: RawImage, params: WarpParams, float: FloatOutputParams, outChannels: number, outW?: number, outH?: number): Float32Array;
  /**
   * Lower level: warps `srcBytes` (already validated size) into the runner's memory and returns a
   * view on the output (valid until the next call). `useSimd: false` runs the exact scalar path.
   */
  run(srcBytes: Uint8Array, w: number, h: number, c: number, params: WarpParams, outW: number, outH: number,
    float: FloatOutputParams | null, outChannels: number, useSimd?: boolean): Uint8Array | Float32Array;
}

const align16 = (n: number) => (n + 15) & ~15;

/**
 * Instantiates the kernel with a fresh memory of its own (used for the tfjs `cpu` backend).
 *
 * @example
 * ```ts
 * const runner = await createWarpRunner(readFileSync('build/kernels/warp.wasm'));
 * const out = runner.warpToBytes(image, params);
 * ```
 * @throws {EdgeAugmentError} `WASM_INIT_FAILED`.
 */
export async function createWarpRunner(source: BufferSource | WebAssembly.Module): Promise<WarpRunner> {
  const module = await compileWarpKernel(source);
  const kernel = await instantiateWarpKernel(module, memoryForKernel(module));
  return makeRunner(kernel);
}

function makeRunner(kernel: WarpKernel): WarpRunner {
  const memory = kernel.memory;
  const ensure = (bytes: number) => {
    const have = memory.buffer.byteLength;
    if (bytes > have) {
      try {
        memory.grow(Math.ceil((bytes - have) / 65536));
      } catch (e) {
        throw new EdgeAugmentError('IMAGE_TOO_LARGE', `Cannot grow the kernel memory to ${bytes} bytes.`, { cause: e });
      }
    }
  };
  const run: WarpRunner['run'] = (srcBytes, w, h, c, params, outW, outH, float, outChannels, useSimd = true) => {
    const n = w * h * c;
    const srcPtr = WARP_PARAMS_BYTES;
    const dstPtr = align16(srcPtr + n + 16);
    const outBytes = float ? outW * outH * outChannels * 4 : outW * outH * c;
    ensure(dstPtr + outBytes + 16);
    const buf = memory.buffer;
    new Uint8Array(buf, srcPtr, n).set(srcBytes.subarray(0, n));
    writeWarpParams(buf, 0, params, c, float, true);
    const fn = useSimd ? kernel.warp : kernel.warpScalar;
    checkKernelResult(fn(srcPtr, w, h, c, dstPtr, outW, outH, float ? WARP_OUT_F32 : WARP_OUT_U8, float ? outChannels : c, 0));
    return float ? new Float32Array(memory.buffer, dstPtr, outW * outH * outChannels) : new Uint8Array(memory.buffer, dstPtr, outBytes);
  };
  return {
    kernel,
    run,
    warpToBytes(image, params, outW, outH) {
      const o = validateWarpArgs(image, params, outW, outH);
      const d = image.data;
      const bytes = d instanceof Uint8Array ? d : new Uint8Array(d.buffer, d.byteOffset, d.length);
      return (run(bytes, image.width, image.height, image.channels, params, o.outW, o.outH, null, image.channels) as Uint8Array).slice();
    },
    warpToFloat(image, params, float, outChannels, outW, outH) {
      const o = validateWarpArgs(image, params, outW, outH);
      validateFloatArgs(image.channels, float, outChannels);
      const d = image.data;
      const bytes = d instanceof Uint8Array ? d : new Uint8Array(d.buffer, d.byteOffset, d.length);
      return (run(bytes, image.width, image.height, image.channels, params, o.outW, o.outH, float, outChannels) as Float32Array).slice();
    },
  };
}
