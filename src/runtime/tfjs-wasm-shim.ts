/**
 * The one place that hands tfjs-backend-wasm a WebAssembly.Module we compiled (or were given)
 * instead of letting it fetch and compile bytes itself. tfjs has no public API for this (tfjs issue
 * #8157), yet it is the only way on Cloudflare workerd ("Wasm code generation disallowed by
 * embedder"), and it lets every runtime share one loader with typed errors for missing or corrupt
 * files. Everything touched is restored when the returned promise settles.
 *
 * How: `setWasmPaths(map, usePlatformFetch = true)` makes tfjs build its emscripten module with an
 * `instantiateWasm` hook that does
 * `platform.fetch(path) → response.arrayBuffer() → WebAssembly.instantiate(binary, imports) → callback(instance, module)`.
 * We point the three paths at a private scheme, let the platform's `fetch` answer that scheme with
 * the module itself, and let `WebAssembly.instantiate`, for exactly those module objects, resolve
 * to `{ instance, module }` (the shape it gives for bytes) instead of a bare Instance. Any other
 * call goes to the originals unchanged.
 */
import type { Tf } from './tfjs-init.js';

/** tfjs-backend-wasm's three binaries. */
export type TfjsBinaryName = 'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm';
export const TFJS_BINARIES: readonly TfjsBinaryName[] = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

const SCHEME = 'edge-augment-module:';

type WasmPkg = { setWasmPaths(map: Record<string, string>, usePlatformFetch?: boolean): void };
type Platform = { fetch(path: string, init?: unknown): Promise<unknown> } & Record<string, unknown>;
type Instantiate = typeof WebAssembly.instantiate;

/**
 * The binary tfjs will load for these feature flags (mirrors tfjs-backend-wasm's
 * `getPathToWasmBinary`: threaded needs SIMD too).
 */
export function tfjsBinaryFor(simd: boolean, threads: boolean): TfjsBinaryName {
  if (simd && threads) return 'tfjs-backend-wasm-threaded-simd.wasm';
  return simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm';
}

/** A minimal tfjs platform for runtimes tfjs recognises as neither browser nor Node (workerd). */
function minimalPlatform(): Platform {
  const enc = new TextEncoder();
  return {
    fetch: (path: string, init?: unknown) => fetch(path, init as RequestInit),
    now: () => (typeof performance === 'object' ? performance.now() : Date.now()),
    encode: (text: string, encoding: string) => {
      if (encoding !== 'utf-8' && encoding !== 'utf8') throw new Error(`Encoding ${encoding} is not supported`);
      return enc.encode(text);
    },
    decode: (bytes: Uint8Array, encoding: string) => new TextDecoder(encoding).decode(bytes),
    isTypedArray: (a: unknown) => a instanceof Float32Array || a instanceof Int32Array || a instanceof Uint8Array || a instanceof Uint8ClampedArray,
    setTimeoutCustom: (f: () => void, delay: number) => { setTimeout(f, delay); },
  };
}

/**
 * Runs `start` (which calls `tf.setBackend('wasm')`) with tfjs's loader fed `module` for `name`.
 * The module must have been compiled from the binary named (tfjs's JS glue and binary must match).
 */
export async function withPrecompiledTfjsWasm<T>(tf: Tf, wasmPkg: WasmPkg, name: TfjsBinaryName, module: WebAssembly.Module, start: () => Promise<T>): Promise<T> {
  const paths: Record<string, string> = {};
  for (const n of TFJS_BINARIES) paths[n] = SCHEME + n;
  wasmPkg.setWasmPaths(paths, true);

  const env = tf.env() as unknown as { platform?: Platform };
  if (!env.platform) tf.setPlatform('edge-augment', minimalPlatform() as never);
  const platform = env.platform!;
  const ownFetch = Object.prototype.hasOwnProperty.call(platform, 'fetch');
  const previousFetch = platform.fetch;
  platform.fetch = (path: string, init?: unknown) => {
    if (typeof path === 'string' && path.startsWith(SCHEME)) {
      if (path !== SCHEME + name) {
        return Promise.resolve({ ok: false, status: 404, arrayBuffer: () => Promise.reject(new Error(`edge-augment: ${path.slice(SCHEME.length)} was not prepared (expected ${name})`)) });
      }
      return Promise.resolve({ ok: true, status: 200, arrayBuffer: () => Promise.resolve(module) });
    }
    return previousFetch.call(platform, path, init);
  };

  const wa = WebAssembly as { instantiate: Instantiate };
  const original = wa.instantiate;
  const patched = function (this: unknown, source: unknown, imports?: WebAssembly.Imports) {
    if (source === module) return original.call(WebAssembly, module, imports).then((instance: WebAssembly.Instance) => ({ instance, module }));
    return (original as (...a: unknown[]) => unknown).apply(WebAssembly, [source, imports]);
  } as Instantiate;
  wa.instantiate = patched;
  try {
    return await start();
  } finally {
    if (wa.instantiate === patched) wa.instantiate = original;
    if (ownFetch) platform.fetch = previousFetch;
    else delete (platform as Partial<Platform>).fetch;
  }
}
