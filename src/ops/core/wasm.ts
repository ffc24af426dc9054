/**
 * The WASM kernels the op executor uses, loaded once per realm. Stages run their TypeScript path when
 * a kernel is not loaded (the functional API before init, tools, tests of the reference path).
 */
import { createWarpRunner, type WarpRunner } from '../../kernels/wasm-module.js';
import { loadModule } from '../../runtime/assets.js';
import { convRunner } from '../stages/conv-wasm.js';

/** Loaded kernels. */
export interface OpsWasm {
  /** The fused warp + colour kernel (the Keras path), on a memory of its own. */
  warp: WarpRunner;
}

let loading: Promise<OpsWasm> | undefined;

/**
 * Loads the op kernels once (honours `setWasmPaths`), conv.wasm included: the table, resize, warp and
 * blend stages use it once it is loaded (`readyConv`), so it must be there before the first run — a
 * loop of runs that never yields to the event loop's I/O (back-to-back `await augmentBatch` calls)
 * would otherwise never see it load and run the TypeScript paths throughout (same bytes, ~3× slower).
 * conv.wasm failing to load is not an error here (the stages run their TypeScript paths).
 */
export function loadOpsWasm(): Promise<OpsWasm> {
  if (!loading) {
    loading = (async () => {
      const [warp] = await Promise.all([loadModule('warp.wasm').then(createWarpRunner), convRunner()]);
      return { warp };
    })();
    loading.catch(() => { loading = undefined; });
  }
  return loading;
}
