/**
 * The WASM kernels the op executor uses, loaded once per realm. Stages run their TypeScript path when
 * a kernel is not loaded (the functional API before init, tools, tests of the reference path).
 */
import { createWarpRunner, type WarpRunner } from '../../kernels/wasm-module.js';
import { loadModule } from '../../runtime/assets.js';

/** Loaded kernels. */
export interface OpsWasm {
  /** The fused warp + colour kernel (the Keras path), on a memory of its own. */
  warp: WarpRunner;
}

let loading: Promise<OpsWasm> | undefined;

/** Loads the op kernels once (honours `setWasmPaths`). */
export function loadOpsWasm(): Promise<OpsWasm> {
  if (!loading) {
    loading = (async () => ({ warp: await createWarpRunner(await loadModule('warp.wasm')) }))();
    loading.catch(() => { loading = undefined; });
  }
  return loading;
}
