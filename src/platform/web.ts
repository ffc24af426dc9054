/**
 * Runtime-specific pieces, browser flavour (dist/web: browsers, web workers, workerd, edge). Built in
 * place of ./node.ts (rollup.config.mjs); no `node:` import, and every file is referenced by a static
 * `new URL('./file', import.meta.url)` that Vite, webpack 5, Rollup plugins and Parcel follow.
 */
import { EdgeAugmentError } from '../errors.js';
import type * as NodePlatform from './node.js';

function unavailable(what: string): Promise<never> {
  return Promise.reject(new EdgeAugmentError('UNSUPPORTED_RUNTIME', `${what} is not available in the browser build of edge-augment (the package's "browser"/"default" export). Node, Deno and Bun get the "node" build, which has it.`));
}

export const nodeFs: typeof NodePlatform.nodeFs = () => unavailable('node:fs');
export const nodePath: typeof NodePlatform.nodePath = () => unavailable('node:path');
export const nodeUrl: typeof NodePlatform.nodeUrl = () => unavailable('node:url');
export const nodeModule: typeof NodePlatform.nodeModule = () => unavailable('node:module');
export const nodeWorkerThreads: typeof NodePlatform.nodeWorkerThreads = () => unavailable('node:worker_threads');
export const NODE_BUILD = false;

/** Node's worker entry does not exist in the browser build (no static URL here: bundlers would emit it). */
export const defaultNodeWorkerUrl: typeof NodePlatform.defaultNodeWorkerUrl = () => {
  throw new EdgeAugmentError('UNSUPPORTED_RUNTIME', 'worker_threads workers need the "node" build of edge-augment.');
};

/** Each binary by a static literal, so that bundlers emit exactly these files. */
export function defaultAssetUrl(name: string): URL {
  switch (name) {
    case 'tfjs-backend-wasm.wasm': return new URL('./tfjs-backend-wasm.wasm', import.meta.url);
    case 'tfjs-backend-wasm-simd.wasm': return new URL('./tfjs-backend-wasm-simd.wasm', import.meta.url);
    case 'tfjs-backend-wasm-threaded-simd.wasm': return new URL('./tfjs-backend-wasm-threaded-simd.wasm', import.meta.url);
    case 'warp.wasm': return new URL('./warp.wasm', import.meta.url);
    case 'warp-shared.wasm': return new URL('./warp-shared.wasm', import.meta.url);
    case 'features.wasm': return new URL('./features.wasm', import.meta.url);
    case 'features-shared.wasm': return new URL('./features-shared.wasm', import.meta.url);
    case 'conv.wasm': return new URL('./conv.wasm', import.meta.url);
    default: throw new EdgeAugmentError('INVALID_ARGUMENT', `Unknown binary ${JSON.stringify(name)}.`);
  }
}

/** tfjs's pthread worker and the script it imports, as files a bundler keeps (threads under COOP/COEP). */
export function defaultThreadScriptUrls(): { worker: string; main: string } {
  return {
    worker: new URL('./tfjs-backend-wasm-threaded-simd.worker.js', import.meta.url).href,
    main: new URL('./tfjs-backend-wasm-threaded-simd.js', import.meta.url).href,
  };
}
