/**
 * Where the WebAssembly binaries are: next to the JavaScript by default (`new URL(…, import.meta.url)`),
 * or where the user says — as URLs/paths, bytes, or precompiled `WebAssembly.Module`s (the only form
 * Cloudflare workerd accepts).
 */
import { EdgeAugmentError } from '../errors.js';
import { defaultAssetUrl, nodeFs, nodeUrl } from '../platform/node.js';

/** A binary as a location, its bytes, or a compiled module. */
export type WasmSource = string | URL | ArrayBuffer | ArrayBufferView | WebAssembly.Module;

/** Every binary the SDK may load. Omitted entries are found next to the SDK's JavaScript. */
export interface WasmAssets {
  /** tfjs-backend-wasm, plain build. */
  'tfjs-backend-wasm.wasm'?: WasmSource;
  /** tfjs-backend-wasm, SIMD build. */
  'tfjs-backend-wasm-simd.wasm'?: WasmSource;
  /** tfjs-backend-wasm, threaded SIMD build. */
  'tfjs-backend-wasm-threaded-simd.wasm'?: WasmSource;
  /** edge-augment's warp kernel (plain memory: tfjs plain and SIMD builds). */
  'warp.wasm'?: WasmSource;
  /** edge-augment's warp kernel for a shared memory (tfjs threaded-SIMD build, under COOP/COEP). */
  'warp-shared.wasm'?: WasmSource;
  /** edge-augment's image-feature kernel. */
  'features.wasm'?: WasmSource;
  /** edge-augment's image-feature kernel, shared-memory variant. */
  'features-shared.wasm'?: WasmSource;
  /** edge-augment's separable convolution kernel (the op pipeline's blurs). */
  'conv.wasm'?: WasmSource;
}

/** Every file name {@link setWasmPaths} accepts. */
export const ASSET_NAMES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm', 'warp.wasm', 'warp-shared.wasm', 'features.wasm', 'features-shared.wasm', 'conv.wasm'] as const;
export type AssetName = (typeof ASSET_NAMES)[number];

let userAssets: WasmAssets = {};
let basePrefix: string | URL | undefined;

/**
 * Sets where binaries are found: a prefix (directory URL/path ending in `/`) and/or per-file sources.
 * Call before the first augmenter is created.
 *
 * @throws {EdgeAugmentError} `INVALID_ARGUMENT` for unknown file names or unusable values.
 * @example
 * ```ts
 * setWasmPaths('/static/edge-augment/');
 * setWasmPaths({ 'warp.wasm': warpModule, 'tfjs-backend-wasm-simd.wasm': simdModule }); // workerd
 * ```
 */
export function setWasmPaths(prefixOrAssets: string | URL | WasmAssets | undefined, assets?: WasmAssets): void {
  if (prefixOrAssets === undefined) { userAssets = {}; basePrefix = undefined; return; }
  let map: WasmAssets | undefined = assets;
  if (typeof prefixOrAssets === 'string' || prefixOrAssets instanceof URL) {
    const s = String(prefixOrAssets);
    if (!s.endsWith('/')) throw new EdgeAugmentError('INVALID_ARGUMENT', `setWasmPaths: a prefix must end with "/", got ${JSON.stringify(s)}.`);
    basePrefix = prefixOrAssets;
  } else map = prefixOrAssets;
  if (map) {
    if (typeof map !== 'object') throw new EdgeAugmentError('INVALID_ARGUMENT', 'setWasmPaths: expected a map of file name → source.');
    for (const [k, v] of Object.entries(map)) {
      if (!(ASSET_NAMES as readonly string[]).includes(k)) {
        throw new EdgeAugmentError('INVALID_ARGUMENT', `setWasmPaths: unknown file ${JSON.stringify(k)}; known: ${ASSET_NAMES.join(', ')}.`);
      }
      const ok = typeof v === 'string' || v instanceof URL || v instanceof ArrayBuffer || ArrayBuffer.isView(v) || (typeof WebAssembly === 'object' && v instanceof WebAssembly.Module);
      if (!ok) throw new EdgeAugmentError('INVALID_ARGUMENT', `setWasmPaths: ${k} must be a URL, a path, bytes or a WebAssembly.Module.`);
    }
    userAssets = { ...userAssets, ...map };
  }
}

/** The configured assets (for handing to workers). Only serialisable entries are included. */
export function getWasmConfig(): { prefix?: string; assets: WasmAssets } {
  const assets: WasmAssets = {};
  for (const [k, v] of Object.entries(userAssets)) {
    (assets as Record<string, WasmSource>)[k] = v instanceof URL ? v.href : (v as WasmSource);
  }
  return { prefix: basePrefix === undefined ? undefined : String(basePrefix), assets };
}

/**
 * A relative prefix is resolved against the document (or worker) base URL where there is one
 * (`location.href`), else against the working directory (Node, Deno, Bun).
 */
function resolvePrefix(p: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(p) && !/^[a-z]:[\\/]/i.test(p)) return p;
  const here = (globalThis as { location?: { href?: string } }).location?.href;
  if (here) return new URL(p, here).href;
  const cwd = (globalThis as { process?: { cwd?(): string } }).process?.cwd?.() ?? '/';
  return new URL(p, 'file://' + (cwd.endsWith('/') ? cwd : cwd + '/')).href;
}

/** Default location: beside the SDK's JavaScript (dist/web), or under the configured prefix. */
function defaultUrl(name: AssetName): URL {
  if (basePrefix !== undefined) return new URL(name, resolvePrefix(String(basePrefix)));
  return defaultAssetUrl(name);
}

/** The location (URL) or in-memory source of one binary. */
export function assetSource(name: AssetName): WasmSource {
  return userAssets[name] ?? defaultUrl(name);
}

async function readLocation(loc: string | URL): Promise<Uint8Array> {
  const s = String(loc);
  const g = globalThis as { Deno?: { readFile(u: URL | string): Promise<Uint8Array> }; process?: { versions?: { node?: string } }; document?: unknown };
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(s) && !/^[a-z]:[\\/]/i.test(s);
  const isFile = s.startsWith('file:') || !hasScheme;
  if (isFile && g.Deno) return g.Deno.readFile(s.startsWith('file:') ? new URL(s) : s);
  if (isFile && g.process?.versions?.node && g.document === undefined) {
    const fs = await nodeFs();
    const { fileURLToPath } = await nodeUrl();
    return new Uint8Array(await fs.readFile(s.startsWith('file:') ? fileURLToPath(s) : s));
  }
  const res = await fetch(s);
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${s}`);
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * Loads one binary as a compiled `WebAssembly.Module`.
 *
 * @throws {EdgeAugmentError} `WASM_INIT_FAILED` naming the file and what to do.
 */
export async function loadModule(name: AssetName): Promise<WebAssembly.Module> {
  const src = assetSource(name);
  if (typeof WebAssembly === 'object' && src instanceof WebAssembly.Module) return src;
  let bytes: Uint8Array;
  try {
    if (src instanceof ArrayBuffer) bytes = new Uint8Array(src);
    else if (ArrayBuffer.isView(src)) bytes = new Uint8Array(src.buffer, src.byteOffset, src.byteLength);
    else bytes = await readLocation(src as string | URL);
  } catch (e) {
    throw new EdgeAugmentError('WASM_INIT_FAILED', `Could not load ${name} from ${String(src)}: ${(e as Error).message}. Serve the .wasm files from the package's dist folder next to the JavaScript, or call setWasmPaths().`, { cause: e });
  }
  try {
    return await WebAssembly.compile(bytes as BufferSource);
  } catch (e) {
    throw new EdgeAugmentError('WASM_INIT_FAILED', `Could not compile ${name} (${bytes.byteLength} bytes from ${String(src)}): ${(e as Error).message}. The file is corrupt, or this runtime forbids compiling WebAssembly from bytes (Cloudflare workerd: pass precompiled modules with setWasmPaths()).`, { cause: e });
  }
}

