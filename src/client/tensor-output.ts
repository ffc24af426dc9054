/**
 * Tensors handed to the app (`augmentBatch(…, { output: 'tensor' })`, `fromDirectory` batches) are
 * made with the app's tfjs, on the app's active backend — the SDK's own kernels never run there
 * (src/runtime/tfjs-init.ts) — so tfjs-layers trains on them with whatever backend the app chose.
 * When the app has no backend at all, the error says what to install instead of tfjs's
 * "No backend found in registry".
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { EdgeAugmentError } from '../errors.js';

/** The app's tfjs-core, with an active backend (started the way tfjs would start it for any op). */
export async function appTf(what: string): Promise<typeof import('../runtime/tfjs-core-api.js')> {
  const tf = await import('../runtime/tfjs-core-api.js');
  try {
    // tf.ready(): the backend the app set, or the one tfjs would pick for its first op.
    await tf.ready();
    const name = tf.getBackend();
    if (!name) throw new Error('no active backend');
  } catch (e) {
    throw new EdgeAugmentError('BACKEND_UNAVAILABLE', `${what} creates tensors on your app's active tfjs backend, and there is none (${(e as Error)?.message ?? String(e)}). Install and import one — e.g. \`import '@tensorflow/tfjs-backend-cpu'\` (or -webgl, -wasm) — or ask for output 'float32'.`, { cause: e });
  }
  return tf;
}

/** A float32 NHWC tensor on the app's active backend. */
export async function appTensor4d(what: string, values: Float32Array, shape: [number, number, number, number]): Promise<tfc.Tensor4D> {
  const tf = await appTf(what);
  return tf.tensor4d(values, shape, 'float32');
}
