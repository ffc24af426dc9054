/**
 * The part of @tensorflow/tfjs-core the SDK calls, as named re-exports. The SDK loads tfjs lazily
 * (`import('./tfjs-core-api.js')`); a dynamic import of '@tensorflow/tfjs-core' itself hands back the
 * whole namespace, which no bundler can tree-shake, so every op, gradient helper, optimizer and io
 * handler of tfjs-core shipped in the app's page and again in the worker bundle. Importing these names
 * statically here lets a bundler keep only them (and what tfjs-backend-wasm imports).
 * Add a name here before calling it on a `Tfjs` object.
 */
export {
  Tensor, backend, engine, env, findBackend, getBackend, getKernel, memory, ready, registerKernel, removeBackend,
  setPlatform, stack, tensor1d, tensor2d, tensor3d, tensor4d, tidy,
} from '@tensorflow/tfjs-core';
