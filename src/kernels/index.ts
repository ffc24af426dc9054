/**
 * Kernels room: the WASM SIMD warp kernel, its loader, its tfjs kernel registration and the pure
 * float64 reference it is tested against.
 */
export {
  WARP_KERNEL_NAME, registerWarpKernels, warpKernelsRegistered, warpToBytes, warpManyToBytes, warpToTensor, warpToFloats, warpBatchToTensor, useSdkBackend, sdkLiveData,
  packedImageTensor, encodeWarpAttrParams,
} from './tfjs-kernels.js';
export type { Tfjs, WarpKernelAttrs } from './tfjs-kernels.js';
export {
  WARP_PARAMS_BYTES, WARP_OUT_U8, WARP_OUT_F32, compileWarpKernel, instantiateWarpKernel, instantiateWarpKernelSync,
  createWarpRunner, writeWarpParams, checkKernelResult,
} from './wasm-module.js';
export type { WarpKernel, WarpRunner } from './wasm-module.js';
export {
  warpReferenceValues, warpReferenceU8, warpReferenceF32, validateWarpArgs, validateFloatArgs, mapCoordinate, tapIndex,
  MAX_WRAP_COORD,
} from './reference.js';
export { FILL_MODES, INTERPOLATIONS, FILL_MODE_CODE, INTERPOLATION_CODE, identityWarpParams } from './contract.js';
export type { FillMode, Interpolation, WarpParams, FloatOutputParams } from './contract.js';
