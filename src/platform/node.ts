/**
 * Runtime-specific pieces, Node flavour (dist/node: Node, Deno, Bun). The browser build
 * (dist/web) is compiled with ./web.ts in this module's place (rollup.config.mjs), so that no
 * `node:` import reaches a bundler; both files export the same names with the same types.
 */

/** `node:fs/promises`. */
export function nodeFs(): Promise<typeof import('node:fs/promises')> {
  return import('node:fs/promises');
}

/** `node:path`. */
export function nodePath(): Promise<typeof import('node:path')> {
  return import('node:path');
}

/** `node:url`. */
export function nodeUrl(): Promise<typeof import('node:url')> {
  return import('node:url');
}

/** `node:module`. */
export function nodeModule(): Promise<{ createRequire: typeof import('node:module').createRequire }> {
  return import('node:module');
}

/** `node:worker_threads`. */
export function nodeWorkerThreads(): Promise<typeof import('node:worker_threads')> {
  return import('node:worker_threads');
}

/** True in the build that may use `node:` modules. */
export const NODE_BUILD = true;

/**
 * Where a binary is by default. The binaries ship once, in dist/web; dist/node reads them there.
 */
export function defaultAssetUrl(name: string): URL {
  return new URL(`../web/${name}`, import.meta.url);
}

/** The worker_threads entry (dist/node/engine.worker.js). */
export function defaultNodeWorkerUrl(): URL {
  return new URL('./engine.worker.js', import.meta.url);
}

/** tfjs's pthread scripts (browsers only; given for completeness: dist/web holds them). */
export function defaultThreadScriptUrls(): { worker: string; main: string } {
  return {
    worker: new URL('../web/tfjs-backend-wasm-threaded-simd.worker.js', import.meta.url).href,
    main: new URL('../web/tfjs-backend-wasm-threaded-simd.js', import.meta.url).href,
  };
}
