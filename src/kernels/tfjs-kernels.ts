/**
 * The warp kernel as a tfjs kernel (`EdgeAugmentWarp`) on the `wasm` and `cpu` backends, and the
 * small API the rest of the SDK calls. This is the ONE file that touches tfjs internals
 * (`backend.dataIdMap`, `memoryOffset`, `makeOutput`, `backend.wasm` memory/malloc): keep it so.
 *
 * - `wasm`: our module imports the tfjs backend's own `WebAssembly.Memory` and works zero-copy on
 *   tensors at their `memoryOffset`. Views on that memory are rebuilt after every allocation.
 * - `cpu`: our module runs on a memory of its own; bytes identical to the `wasm` backend.
 *
 * Pixels travel as an int32 tensor holding the packed interleaved u8 bytes (tfjs has no uint8):
 * `ceil(n / 4)` elements (+2 elements of padding when we make it, which lets the SIMD path read
 * 8-byte pairs up to the last row).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { EdgeAugmentError } from '../errors.js';
import type { RawImage } from '../types.js';
import { FILL_MODES, INTERPOLATIONS, type FloatOutputParams, type WarpParams } from './contract.js';
import { validateFloatArgs, validateWarpArgs } from './reference.js';
import {
  WARP_OUT_F32, WARP_OUT_U8, WARP_PARAMS_BYTES, checkKernelResult, compileWarpKernel, createWarpRunner,
  instantiateWarpKernel, instantiateWarpKernelSync, isSharedMemory, writeWarpParams, type WarpKernel, type WarpRunner,
} from './wasm-module.js';

/** The tfjs-core namespace (whatever instance the caller uses; the SDK's names: src/runtime/tfjs-core-api.ts). */
export type Tfjs = typeof import('../runtime/tfjs-core-api.js');

/** Kernel name registered with `tf.registerKernel`. */
export const WARP_KERNEL_NAME = 'EdgeAugmentWarp';

/**
 * Attributes of the `EdgeAugmentWarp` kernel. Input: `{ x }`, an int32 tensor of packed bytes.
 * Output: u8 → int32 `[ceil(outW·outH·channels / 4)]` packed bytes; f32 → float32 `[outH, outW, outChannels]`.
 */
export interface WarpKernelAttrs {
  width: number;
  height: number;
  channels: number;
  outWidth: number;
  outHeight: number;
  /** 0 = u8, 1 = float32. */
  outKind: number;
  outChannels: number;
  /** {@link encodeWarpAttrParams} of the WarpParams (+ float output params). */
  params: number[];
}

interface State {
  module: WebAssembly.Module;
  cpu: WarpRunner;
}
let state: State | null = null;
const wasmKernels = new WeakMap<object, WarpKernel>();

/**
 * The backend the SDK's engine runs on, set once tfjs is up in this realm (src/runtime/tfjs-init.ts):
 * its own wasm backend instance, or 'cpu' (the kernel on its own memory). While it is set, the warp
 * functions below run on it directly — no tensor, no `tf.engine()`, never the app's active backend.
 * Unset (direct users of the kernel), they run on the active tfjs backend through `runKernel`.
 */
let sdkBackend: { name: 'wasm'; backend: any } | { name: 'cpu'; backend: null } | null = null;

/**
 * Live data on the backend the engine's warps run on (leak checks): buffers on the SDK's wasm
 * backend instance, 0 for 'cpu' (nothing outlives a call there); tfjs's tensor count when unset.
 */
export function sdkLiveData(tf: Tfjs): number {
  if (!sdkBackend) return tf.memory().numTensors;
  return sdkBackend.name === 'wasm' ? Number(sdkBackend.backend.numDataIds()) : 0;
}

/** Sets (or clears, with null) the backend the engine's warps run on. */
export function useSdkBackend(b: { name: 'wasm'; backend: unknown } | { name: 'cpu'; backend: null } | null): void {
  sdkBackend = b as typeof sdkBackend;
}

/** Flattens WarpParams (+ float output params) into the numeric `params` attribute. */
export function encodeWarpAttrParams(params: WarpParams, channels: number, float: FloatOutputParams | null): number[] {
  const out: number[] = [];
  for (let i = 0; i < 6; i++) out.push(+params.matrix[i]);
  const vec = (v: ArrayLike<number> | undefined, fallback: number, n: number) => {
    for (let k = 0; k < 4; k++) out.push(v && k < n ? +v[k] : fallback);
  };
  vec(params.cval, 0, channels);
  vec(params.colorScale, 1, channels);
  vec(params.colorOffset, 0, channels);
  vec(params.clipLo, -Infinity, channels);
  vec(params.clipHi, Infinity, channels);
  vec(float?.outScale, 1, float ? float.outScale.length : 0);
  vec(float?.outOffset, 0, float ? float.outOffset.length : 0);
  out.push(FILL_MODES.indexOf(params.fillMode), INTERPOLATIONS.indexOf(params.interpolation));
  return out;
}

function decodeAttrParams(p: number[]): { params: WarpParams; float: FloatOutputParams } {
  if (!Array.isArray(p) || p.length !== 36) throw new EdgeAugmentError('INVALID_PARAMS', `${WARP_KERNEL_NAME}: attrs.params must have 36 numbers, got ${Array.isArray(p) ? p.length : typeof p}.`);
  const v = (i: number) => p.slice(i, i + 4);
  const fillMode = FILL_MODES[p[34]];
  const interpolation = INTERPOLATIONS[p[35]];
  if (!fillMode || !interpolation) throw new EdgeAugmentError('INVALID_PARAMS', `${WARP_KERNEL_NAME}: bad fill mode / interpolation code ${p[34]}, ${p[35]}.`);
  return {
    params: { matrix: p.slice(0, 6), cval: v(6), colorScale: v(10), colorOffset: v(14), clipLo: v(18), clipHi: v(22), fillMode, interpolation },
    float: { outScale: v(26), outOffset: v(30) },
  };
}

function checkAttrs(x: tfc.TensorInfo, a: WarpKernelAttrs): { n: number; outShape: number[]; padded: boolean } {
  const { width: w, height: h, channels: c, outWidth: ow, outHeight: oh, outKind, outChannels } = a;
  const ints = [w, h, ow, oh].every((v) => Number.isInteger(v) && v >= 1 && v <= 32767);
  if (!ints || (c !== 1 && c !== 3 && c !== 4) || (outKind !== WARP_OUT_U8 && outKind !== WARP_OUT_F32) ||
    (outKind === WARP_OUT_F32 && !(Number.isInteger(outChannels) && outChannels >= 1 && outChannels <= c))) {
    throw new EdgeAugmentError('INVALID_PARAMS', `${WARP_KERNEL_NAME}: bad attrs ${JSON.stringify({ w, h, c, ow, oh, outKind, outChannels })}.`);
  }
  const n = w * h * c;
  const size = x.shape.reduce((s, d) => s * d, 1);
  if (x.dtype !== 'int32' || size * 4 < n) {
    throw new EdgeAugmentError('INVALID_IMAGE', `${WARP_KERNEL_NAME}: input must be an int32 tensor of ≥ ${Math.ceil(n / 4)} elements (packed bytes), got ${x.dtype} of ${size}.`);
  }
  const outShape = outKind === WARP_OUT_U8 ? [Math.ceil((ow * oh * c) / 4)] : [oh, ow, outChannels];
  return { n, outShape, padded: size * 4 >= n + 8 };
}

/** Finds the tfjs wasm backend's `WebAssembly.Memory` (non-threaded and threaded builds). */
function backendMemory(b: any): WebAssembly.Memory {
  const w = b?.wasm;
  const heap: ArrayBufferLike | undefined = w?.HEAPU8?.buffer;
  const candidates: unknown[] = [w?.wasmMemory, w?.asm?.memory, w?.wasmExports?.memory];
  for (const src of [w?.asm, w?.wasmExports]) if (src) for (const k of Object.keys(src)) candidates.push(src[k]);
  for (const m of candidates) if (m instanceof WebAssembly.Memory && (!heap || m.buffer === heap)) return m;
  throw new EdgeAugmentError('BACKEND_UNAVAILABLE', 'Could not find the tfjs wasm backend memory (tfjs-backend-wasm 4.x expected).');
}

/**
 * The kernel file that fits the active tfjs `wasm` backend: `warp-shared.wasm` when its memory is
 * shared (the threaded-SIMD build, under COOP/COEP), else `warp.wasm` (also for other backends).
 *
 * @example
 * ```ts
 * await registerWarpKernels(tf, await loadModule(warpKernelFileFor(tf)));
 * ```
 */
export function warpKernelFileFor(tf: Tfjs): 'warp.wasm' | 'warp-shared.wasm' {
  if (sdkBackend) return sdkBackend.name === 'wasm' && isSharedMemory(backendMemory(sdkBackend.backend)) ? 'warp-shared.wasm' : 'warp.wasm';
  const wb = tf.findBackend('wasm') as any;
  if (!wb) return 'warp.wasm';
  return isSharedMemory(backendMemory(wb)) ? 'warp-shared.wasm' : 'warp.wasm';
}

function wasmKernelFor(b: any): WarpKernel {
  let k = wasmKernels.get(b);
  if (!k) {
    if (!state) throw notRegistered();
    k = instantiateWarpKernelSync(state.module, backendMemory(b));
    wasmKernels.set(b, k);
  }
  return k;
}

function notRegistered(): EdgeAugmentError {
  return new EdgeAugmentError('INVALID_STATE', 'The warp kernels are not registered: call `await registerWarpKernels(tf, wasmBytesOrModule)` first.');
}

function wasmKernelFunc({ inputs, backend, attrs }: { inputs: tfc.NamedTensorInfoMap; backend: unknown; attrs?: tfc.NamedAttrMap }): tfc.TensorInfo {
  const b = backend as any;
  const x = inputs.x as tfc.TensorInfo;
  const a = attrs as unknown as WarpKernelAttrs;
  const { outShape, padded } = checkAttrs(x, a);
  const { params, float } = decodeAttrParams(a.params);
  const kernel = wasmKernelFor(b);
  const out: tfc.TensorInfo = b.makeOutput(outShape, a.outKind === WARP_OUT_U8 ? 'int32' : 'float32');
  const paramsPtr: number = b.wasm._malloc(WARP_PARAMS_BYTES) >>> 0;
  try {
    // Offsets are read after the allocations above; views are made from the current buffer.
    const srcPtr: number = b.dataIdMap.get(x.dataId).memoryOffset;
    const dstPtr: number = b.dataIdMap.get(out.dataId).memoryOffset;
    const buf = kernel.memory.buffer;
    writeWarpParams(buf, paramsPtr, params, a.channels, a.outKind === WARP_OUT_F32 ? float : null, padded);
    if (a.outKind === WARP_OUT_U8) new Uint8Array(buf, dstPtr, outShape[0] * 4).fill(0, a.outWidth * a.outHeight * a.channels);
    checkKernelResult(kernel.warp(srcPtr, a.width, a.height, a.channels, dstPtr, a.outWidth, a.outHeight, a.outKind, a.outKind === WARP_OUT_F32 ? a.outChannels : a.channels, paramsPtr));
  } catch (e) {
    b.disposeData(out.dataId, true);
    throw e;
  } finally {
    b.wasm._free(paramsPtr);
  }
  return out;
}

function cpuKernelFunc({ inputs, backend, attrs }: { inputs: tfc.NamedTensorInfoMap; backend: unknown; attrs?: tfc.NamedAttrMap }): tfc.TensorInfo {
  const b = backend as any;
  const x = inputs.x as tfc.TensorInfo;
  const a = attrs as unknown as WarpKernelAttrs;
  const { n, outShape } = checkAttrs(x, a);
  const { params, float } = decodeAttrParams(a.params);
  if (!state) throw notRegistered();
  const vals = b.readSync(x.dataId) as Int32Array;
  const bytes = new Uint8Array(vals.buffer, vals.byteOffset, n);
  const isF32 = a.outKind === WARP_OUT_F32;
  const res = state.cpu.run(bytes, a.width, a.height, a.channels, params, a.outWidth, a.outHeight, isF32 ? float : null, isF32 ? a.outChannels : a.channels);
  if (isF32) return b.makeTensorInfo(outShape, 'float32', (res as Float32Array).slice());
  const packed = new Int32Array(outShape[0]);
  new Uint8Array(packed.buffer).set(res as Uint8Array);
  return b.makeTensorInfo(outShape, 'int32', packed);
}

/**
 * Registers `EdgeAugmentWarp` for the `wasm` and `cpu` backends (idempotent; a later call with
 * another module source replaces the module used from then on).
 *
 * @example
 * ```ts
 * await registerWarpKernels(tf, await readFile('build/kernels/warp.wasm'));
 * ```
 * @throws {EdgeAugmentError} `WASM_INIT_FAILED` if the module cannot be compiled/instantiated.
 */
export async function registerWarpKernels(tf: Tfjs, kernelModuleSource: BufferSource | WebAssembly.Module): Promise<void> {
  const module = await compileWarpKernel(kernelModuleSource);
  if (!state || state.module !== module) {
    state = { module, cpu: await createWarpRunner(module) };
  }
  for (const [backendName, kernelFunc] of [['wasm', wasmKernelFunc], ['cpu', cpuKernelFunc]] as const) {
    if (!tf.getKernel(WARP_KERNEL_NAME, backendName)) {
      tf.registerKernel({ kernelName: WARP_KERNEL_NAME, backendName, kernelFunc: kernelFunc as unknown as tfc.KernelFunc });
    }
  }
  // Instantiate on the wasm backend now if it is up (async: no sync compile on browser main threads).
  // The SDK's own instance when there is one: never tf.findBackend, which would start the app's.
  const wb = (sdkBackend ? sdkBackend.backend : tf.findBackend('wasm')) as any;
  if (wb && !wasmKernels.has(wb)) {
    try {
      wasmKernels.set(wb, await instantiateWarpKernel(module, backendMemory(wb)));
    } catch { /* instantiated lazily on first use, which reports the error */ }
  }
}

/** True once {@link registerWarpKernels} succeeded for this tfjs instance. */
export function warpKernelsRegistered(tf: Tfjs): boolean {
  return state !== null && !!tf.getKernel(WARP_KERNEL_NAME, 'wasm') && !!tf.getKernel(WARP_KERNEL_NAME, 'cpu');
}

function checkReady(tf: Tfjs): void {
  if (sdkBackend) { if (!state) throw notRegistered(); return; }
  if (!warpKernelsRegistered(tf)) throw notRegistered();
  const name = tf.getBackend();
  if (name !== 'wasm' && name !== 'cpu') {
    throw new EdgeAugmentError('BACKEND_UNAVAILABLE', `The warp kernel runs on the tfjs 'wasm' or 'cpu' backend; the active backend is '${name}'. Call \`await tf.setBackend('wasm')\`.`);
  }
}

/**
 * Uploads an image as the int32 tensor of packed bytes the kernel takes (with 8 bytes of padding).
 * The caller disposes it.
 */
export function packedImageTensor(tf: Tfjs, image: RawImage): tfc.Tensor1D {
  const d = image.data;
  const n = image.width * image.height * image.channels;
  const packed = new Int32Array(Math.ceil(n / 4) + 2);
  new Uint8Array(packed.buffer).set(new Uint8Array(d.buffer, d.byteOffset, n));
  return tf.tensor1d(packed, 'int32');
}

/**
 * One warp on the SDK's backend, without tensors: u8 bytes (`float` null) or float32 HWC values.
 * wasm: the source is written into the backend's heap and the kernel function runs there; cpu: the
 * kernel's own-memory runner (byte-identical).
 */
function runDirect(image: RawImage, params: WarpParams, outW: number, outH: number, float: FloatOutputParams | null, outChannels: number): Uint8Array | Float32Array {
  const n = image.width * image.height * image.channels;
  const src = image.data instanceof Uint8Array ? image.data : new Uint8Array(image.data.buffer, image.data.byteOffset, n);
  if (sdkBackend!.name === 'cpu') {
    const res = state!.cpu.run(src.subarray(0, n), image.width, image.height, image.channels, params, outW, outH, float, float ? outChannels : image.channels);
    return res.slice();
  }
  const b = sdkBackend!.backend;
  const words = Math.ceil(n / 4) + 2;
  const x: tfc.TensorInfo = b.makeOutput([words], 'int32');
  try {
    const srcPtr: number = b.dataIdMap.get(x.dataId).memoryOffset;
    const heap = new Uint8Array(wasmKernelFor(b).memory.buffer);
    heap.set(src.subarray(0, n), srcPtr);
    heap.fill(0, srcPtr + n, srcPtr + words * 4);
    const attrs: WarpKernelAttrs = {
      width: image.width, height: image.height, channels: image.channels, outWidth: outW, outHeight: outH,
      outKind: float ? WARP_OUT_F32 : WARP_OUT_U8, outChannels: float ? outChannels : image.channels,
      params: encodeWarpAttrParams(params, image.channels, float),
    };
    const y = wasmKernelFunc({ inputs: { x } as unknown as tfc.NamedTensorInfoMap, backend: b, attrs: attrs as unknown as tfc.NamedAttrMap });
    try {
      const dst: number = b.dataIdMap.get(y.dataId).memoryOffset;
      const buf = wasmKernelFor(b).memory.buffer; // the heap may have grown
      if (float) return new Float32Array(buf.slice(dst, dst + outW * outH * outChannels * 4));
      return new Uint8Array(buf, dst, outW * outH * image.channels).slice();
    } finally {
      b.disposeData(y.dataId, true);
    }
  } finally {
    b.disposeData(x.dataId, true);
  }
}

function run(tf: Tfjs, image: RawImage, params: WarpParams, outW: number, outH: number, float: FloatOutputParams | null, outChannels: number): tfc.Tensor {
  const attrs: WarpKernelAttrs = {
    width: image.width, height: image.height, channels: image.channels, outWidth: outW, outHeight: outH,
    outKind: float ? WARP_OUT_F32 : WARP_OUT_U8, outChannels: float ? outChannels : image.channels,
    params: encodeWarpAttrParams(params, image.channels, float),
  };
  const x = packedImageTensor(tf, image);
  try {
    return tf.engine().runKernel(WARP_KERNEL_NAME, { x }, attrs as unknown as tfc.NamedAttrMap) as tfc.Tensor;
  } finally {
    x.dispose();
  }
}

/**
 * Warps an image to u8 bytes with the same channels (`outW × outH`, default the input size) on the
 * active tfjs backend (`wasm` or `cpu`). No tensor outlives the call.
 *
 * @example
 * ```ts
 * const bytes = warpToBytes(tf, { data, width: 224, height: 224, channels: 4 }, params);
 * ```
 * @throws {EdgeAugmentError} `INVALID_IMAGE`, `INVALID_PARAMS`, `INVALID_STATE` (not registered),
 *   `BACKEND_UNAVAILABLE` (another backend is active).
 */
export function warpToBytes(tf: Tfjs, image: RawImage, params: WarpParams, outW?: number, outH?: number): Uint8Array {
  const o = validateWarpArgs(image, params, outW, outH);
  checkReady(tf);
  if (sdkBackend) return runDirect(image, params, o.outW, o.outH, null, image.channels) as Uint8Array;
  const y = run(tf, image, params, o.outW, o.outH, null, image.channels);
  try {
    const v = y.dataSync() as Int32Array;
    return new Uint8Array(v.buffer, v.byteOffset, o.outW * o.outH * image.channels).slice();
  } finally {
    y.dispose();
  }
}

/**
 * Warps an image into a float32 HWC tensor `[outH, outW, outChannels]`:
 * `v·outScale[c] + outOffset[c]` (e.g. outChannels 3 drops alpha). The caller disposes it.
 *
 * @throws {EdgeAugmentError} as {@link warpToBytes}.
 */
export function warpToTensor(tf: Tfjs, image: RawImage, params: WarpParams, float: FloatOutputParams, outChannels: number, outW?: number, outH?: number): tfc.Tensor3D {
  const o = validateWarpArgs(image, params, outW, outH);
  validateFloatArgs(image.channels, float, outChannels);
  checkReady(tf);
  if (sdkBackend) return tf.tensor3d(runDirect(image, params, o.outW, o.outH, float, outChannels) as Float32Array, [o.outH, o.outW, outChannels], 'float32');
  return run(tf, image, params, o.outW, o.outH, float, outChannels) as tfc.Tensor3D;
}

/**
 * Warps an image into float32 HWC values `[outH, outW, outChannels]` (as {@link warpToTensor}, without
 * a tensor: on the SDK's backend nothing touches the app's tfjs).
 *
 * @example
 * ```ts
 * const values = warpToFloats(tf, image, params, { outScale: [1 / 255, 1 / 255, 1 / 255], outOffset: [0, 0, 0] }, 3);
 * ```
 * @throws {EdgeAugmentError} as {@link warpToBytes}.
 */
export function warpToFloats(tf: Tfjs, image: RawImage, params: WarpParams, float: FloatOutputParams, outChannels: number, outW?: number, outH?: number): Float32Array {
  const o = validateWarpArgs(image, params, outW, outH);
  validateFloatArgs(image.channels, float, outChannels);
  checkReady(tf);
  if (sdkBackend) return runDirect(image, params, o.outW, o.outH, float, outChannels) as Float32Array;
  const t = run(tf, image, params, o.outW, o.outH, float, outChannels);
  try {
    return (t.dataSync() as Float32Array).slice();
  } finally {
    t.dispose();
  }
}

/**
 * Warps N images (one params each) into one float32 NHWC tensor `[N, outH, outW, outChannels]`.
 * All images must share channels. The caller disposes the result.
 *
 * @throws {EdgeAugmentError} as {@link warpToBytes}; `INVALID_ARGUMENT` for an empty batch or
 *   mismatched lengths/channels.
 */
export function warpBatchToTensor(tf: Tfjs, images: readonly RawImage[], params: readonly WarpParams[], float: FloatOutputParams, outChannels: number, outW: number, outH: number): tfc.Tensor4D {
  if (!images.length || images.length !== params.length) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `warpBatchToTensor needs as many params as images (≥ 1), got ${images.length} images and ${params.length} params.`);
  }
  const c = images[0].channels;
  if (images.some((im) => im?.channels !== c)) throw new EdgeAugmentError('INVALID_ARGUMENT', 'warpBatchToTensor: every image must have the same channels.');
  images.forEach((im, i) => validateWarpArgs(im, params[i], outW, outH));
  validateFloatArgs(c, float, outChannels);
  checkReady(tf);
  if (sdkBackend) {
    const per = outW * outH * outChannels;
    const all = new Float32Array(per * images.length);
    images.forEach((im, i) => all.set(runDirect(im, params[i]!, outW, outH, float, outChannels) as Float32Array, i * per));
    return tf.tensor4d(all, [images.length, outH, outW, outChannels], 'float32');
  }
  return tf.tidy(() => tf.stack(images.map((im, i) => run(tf, im, params[i], outW, outH, float, outChannels))) as tfc.Tensor4D);
}

/**
 * Warps one source image with many params to u8 bytes — the hot path of the SDK. On the `wasm`
 * backend the source is written into the tfjs heap once (one copy in), each output is produced by
 * the registered kernel function on the heap and sliced out (one copy out); no intermediate packing,
 * no engine bookkeeping per call. On other backends it falls back to {@link warpToBytes}. Outputs
 * are fresh `Uint8Array`s (their buffers may be transferred), or views of `reuse` buffers of exactly
 * the output's size, which are taken out of that list.
 *
 * @throws {EdgeAugmentError} as {@link warpToBytes}.
 */
export function warpManyToBytes(tf: Tfjs, image: RawImage, paramsList: readonly WarpParams[], reuse?: ArrayBuffer[]): Uint8Array[] {
  for (const p of paramsList) validateWarpArgs(image, p);
  checkReady(tf);
  if (sdkBackend ? sdkBackend.name !== 'wasm' : tf.getBackend() !== 'wasm') return paramsList.map((p) => warpToBytes(tf, image, p));
  const b = (sdkBackend ? sdkBackend.backend : tf.backend()) as any;
  const n = image.width * image.height * image.channels;
  const words = Math.ceil(n / 4) + 2;
  const x: tfc.TensorInfo = b.makeOutput([words], 'int32');
  const outs: Uint8Array[] = [];
  try {
    const srcPtr: number = b.dataIdMap.get(x.dataId).memoryOffset;
    const heap = new Uint8Array(wasmKernelFor(b).memory.buffer);
    heap.set(image.data instanceof Uint8Array ? image.data : new Uint8Array(image.data.buffer, image.data.byteOffset, n), srcPtr);
    heap.fill(0, srcPtr + n, srcPtr + words * 4);
    for (const p of paramsList) {
      const attrs: WarpKernelAttrs = {
        width: image.width, height: image.height, channels: image.channels, outWidth: image.width, outHeight: image.height,
        outKind: WARP_OUT_U8, outChannels: image.channels, params: encodeWarpAttrParams(p, image.channels, null),
      };
      const y = wasmKernelFunc({ inputs: { x } as unknown as tfc.NamedTensorInfoMap, backend: b, attrs: attrs as unknown as tfc.NamedAttrMap });
      try {
        const dst: number = b.dataIdMap.get(y.dataId).memoryOffset;
        // The heap may have grown during makeOutput: take a fresh view.
        const heapNow = new Uint8Array(wasmKernelFor(b).memory.buffer);
        // A recycled buffer of exactly the right size saves an allocation (and its page faults).
        const k = reuse ? reuse.findIndex((r) => r.byteLength === n) : -1;
        if (k >= 0) {
          const o = new Uint8Array(reuse!.splice(k, 1)[0]!);
          o.set(heapNow.subarray(dst, dst + n));
          outs.push(o);
        } else outs.push(heapNow.slice(dst, dst + n));
      } finally {
        b.disposeData(y.dataId, true);
      }
    }
  } finally {
    b.disposeData(x.dataId, true);
  }
  return outs;
}
