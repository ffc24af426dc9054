/**
 * The one place where the @jsquash WASM codecs are located, compiled and initialised — lazily, on
 * the first decode/encode that needs them, never at import time.
 *
 * How each runtime finds the .wasm files:
 * - Precompiled modules given to {@link setCodecModules} always win (required on Cloudflare
 *   workerd, which forbids compiling WASM bytes at run time: import each `.wasm` as a
 *   `CompiledWasm` module and hand them in).
 * - Node, Deno, Bun: the `.wasm` files are read with `node:fs/promises` from the installed
 *   `@jsquash/*` package directories (resolved with `createRequire(import.meta.url)`, falling back
 *   to `import.meta.resolve`) and compiled with `WebAssembly.compile`. jsquash's own loader would
 *   `fetch()` a `file:` URL there, which Node cannot do.
 * - Browsers and other web workers: jsquash's default loader (`new URL('x.wasm', import.meta.url)`
 *   and `fetch`), which bundlers understand.
 *
 * Codec diagnostics (libjpeg's "Premature end of JPEG file", libwebp warnings) are captured per
 * call instead of being printed to the console; the decoder turns the relevant ones into errors.
 */
import { nodeFs, nodeModule, nodeUrl } from '../platform/node.js';
import { EdgeAugmentError } from '../errors.js';
import { getCapabilities } from '../runtime/capabilities.js';

/** Precompiled WebAssembly modules, one per codec, as a workerd user supplies them. */
export interface CodecModules {
  /** `@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm` */
  jpegDecode?: WebAssembly.Module;
  /** `@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm` */
  jpegEncode?: WebAssembly.Module;
  /** `@jsquash/png/codec/pkg/squoosh_png_bg.wasm` (decoder and encoder share it) */
  png?: WebAssembly.Module;
  /** `@jsquash/webp/codec/dec/webp_dec.wasm` */
  webpDecode?: WebAssembly.Module;
  /**
   * `@jsquash/webp/codec/enc/webp_enc_simd.wasm` where WASM SIMD is available (all supported
   * runtimes today), else `webp_enc.wasm` — jsquash picks the JS glue by the same SIMD test.
   */
  webpEncode?: WebAssembly.Module;
}

/** Names of the codec slots in {@link CodecModules}. */
export type CodecName = keyof CodecModules;

/** Package-relative paths of each codec's .wasm (the SIMD WebP encoder where SIMD validates). */
export const CODEC_WASM_FILES: Readonly<Record<CodecName, string>> = /* #__PURE__ */ Object.freeze({
  jpegDecode: '@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm',
  jpegEncode: '@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm',
  png: '@jsquash/png/codec/pkg/squoosh_png_bg.wasm',
  webpDecode: '@jsquash/webp/codec/dec/webp_dec.wasm',
  webpEncode: '@jsquash/webp/codec/enc/webp_enc_simd.wasm',
});

const WEBP_ENC_NO_SIMD = '@jsquash/webp/codec/enc/webp_enc.wasm';

/** A decoded image as the codecs return it (jsquash's ImageData or its polyfill). */
export interface CodecImage {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

/** Loaded codec functions. Internal to `src/io`. */
export interface LoadedCodecs {
  jpegDecode(bytes: ArrayBuffer): Promise<CodecImage>;
  jpegEncode(img: CodecImage, options: Record<string, unknown>): Promise<ArrayBuffer>;
  pngDecode(bytes: ArrayBuffer): Promise<CodecImage>;
  pngEncode(img: CodecImage): Promise<ArrayBuffer>;
  webpDecode(bytes: ArrayBuffer): Promise<CodecImage>;
  webpEncode(img: CodecImage, options: Record<string, unknown>): Promise<ArrayBuffer>;
}

let userModules: CodecModules = {};
const loaded = new Map<CodecName, Promise<unknown>>();
/**
 * Where the emscripten codecs' print/printErr go: the buffer of the one call in flight (see
 * {@link withDiagnostics}), or a discard buffer between calls.
 */
let diagnostics: string[] = [];
const collect = (s: unknown) => { diagnostics.push(String(s)); };
/** Tail of the queue of diagnosed codec calls: they run one at a time. */
let inFlight: Promise<unknown> = Promise.resolve();

/**
 * Hands in precompiled `WebAssembly.Module`s for the codecs (required on Cloudflare workerd;
 * optional elsewhere, e.g. to share compiled modules or to avoid file-system access). Call it before
 * the first decode/encode; calling it later resets the affected codecs so the next call uses the new
 * modules.
 *
 * @throws {EdgeAugmentError} `INVALID_ARGUMENT` for an unknown key or a value that is not a
 *   `WebAssembly.Module`.
 * @example
 * ```ts
 * // Cloudflare Worker (wrangler: rules = [{ type = "CompiledWasm", globs = ["**\/*.wasm"] }])
 * import jpegDec from '@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm';
 * import png from '@jsquash/png/codec/pkg/squoosh_png_bg.wasm';
 * setCodecModules({ jpegDecode: jpegDec, png });
 * ```
 */
export function setCodecModules(modules: CodecModules): void {
  if (modules === null || typeof modules !== 'object') {
    throw new EdgeAugmentError('INVALID_ARGUMENT', 'setCodecModules expects an object of WebAssembly.Module values.');
  }
  for (const [k, v] of Object.entries(modules)) {
    if (!(k in CODEC_WASM_FILES)) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `Unknown codec "${k}". Valid: ${Object.keys(CODEC_WASM_FILES).join(', ')}.`);
    }
    if (v !== undefined && !(v instanceof WebAssembly.Module)) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `Codec "${k}" must be a compiled WebAssembly.Module (in workerd: a CompiledWasm import).`);
    }
  }
  userModules = { ...userModules, ...modules };
  for (const k of Object.keys(modules)) loaded.delete(k as CodecName);
}

/** Forgets loaded codecs (they are re-initialised on next use). Mostly for tests and error recovery. */
export function resetCodecs(codec?: CodecName): void {
  if (codec) loaded.delete(codec);
  else loaded.clear();
}

/** Outcome of {@link withDiagnostics}: the value or the error, plus what the codec printed meanwhile. */
export type DiagnosedResult<T> = { ok: true; value: T; messages: string[] } | { ok: false; error: unknown; messages: string[] };

/**
 * Runs `fn` while capturing codec diagnostics (emscripten print/printErr); never throws.
 *
 * The codecs print through one global hook, and jsquash's decode functions await before the
 * (synchronous) WASM call, so two calls in flight at once would read each other's messages — a
 * truncated JPEG accepted with grey rows while a good one is rejected. Calls are therefore queued and
 * run one at a time; the WASM work is synchronous anyway, so nothing is lost in throughput.
 */
export function withDiagnostics<T>(fn: () => Promise<T>): Promise<DiagnosedResult<T>> {
  const run = async (): Promise<DiagnosedResult<T>> => {
    const mine: string[] = [];
    diagnostics = mine;
    try {
      return { ok: true, value: await fn(), messages: mine };
    } catch (error) {
      return { ok: false, error, messages: mine };
    } finally {
      diagnostics = [];
    }
  };
  const p = inFlight.then(run, run);
  inFlight = p;
  return p;
}

// ---------------------------------------------------------------------------------------------
// Runtime facts come from the one capability object (src/runtime/capabilities.ts).

function isWorkerdLike(): boolean {
  return !getCapabilities().wasmCompile;
}

function isNodeLike(): boolean {
  // Deno and Bun expose node:fs and node:module like Node; all three read the .wasm files from disk.
  const r = getCapabilities().runtime;
  return r === 'node' || r === 'deno' || r === 'bun';
}

async function readPackageFile(spec: string): Promise<Uint8Array> {
  const { readFile } = await nodeFs();
  let path: string | undefined;
  let firstError: unknown;
  try {
    const { createRequire } = await nodeModule();
    path = createRequire(import.meta.url).resolve(spec);
  } catch (e) {
    firstError = e;
    try {
      const resolve = (import.meta as { resolve?: (s: string) => string }).resolve;
      const url = resolve?.(spec);
      if (url && url.startsWith('file:')) {
        const { fileURLToPath } = await nodeUrl();
        path = fileURLToPath(url);
      }
    } catch { /* fall through */ }
  }
  if (!path) {
    throw new EdgeAugmentError('WASM_INIT_FAILED', `Cannot locate ${spec}: is the @jsquash package installed next to edge-augment? ` +
      'Alternatively pass precompiled modules with setCodecModules().', { cause: firstError });
  }
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new EdgeAugmentError('WASM_INIT_FAILED', `Cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** Returns the module for a slot: user-supplied, or read + compiled from disk in Node-like runtimes, or undefined (default loader). */
async function moduleFor(name: CodecName): Promise<WebAssembly.Module | undefined> {
  const given = userModules[name];
  if (given) return given;
  if (isWorkerdLike()) {
    throw new EdgeAugmentError(
      'WASM_INIT_FAILED',
      `Codec "${name}" is needed but workerd cannot compile WebAssembly at run time. Import ${CODEC_WASM_FILES[name]} ` +
        'as a CompiledWasm module and pass it with setCodecModules({ ' + name + ': module }).',
      { details: { codec: name } },
    );
  }
  if (!isNodeLike()) return undefined;
  const spec = name === 'webpEncode' && !getCapabilities().simd ? WEBP_ENC_NO_SIMD : CODEC_WASM_FILES[name];
  const bytes = await readPackageFile(spec);
  return WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
}

function load<T>(name: CodecName, init: () => Promise<T>): Promise<T> {
  let p = loaded.get(name) as Promise<T> | undefined;
  if (!p) {
    p = init().catch((e) => {
      loaded.delete(name);
      if (e instanceof EdgeAugmentError) throw e;
      throw new EdgeAugmentError('WASM_INIT_FAILED', `Initialising the ${name} codec failed: ${(e as Error)?.message ?? String(e)}`, { cause: e });
    });
    loaded.set(name, p);
  }
  return p;
}

type Fn<A extends unknown[], R> = (...a: A) => Promise<R>;
const emOpts = () => ({ print: collect, printErr: collect });

async function jpegDecoder(): Promise<Fn<[ArrayBuffer], CodecImage>> {
  return load('jpegDecode', async () => {
    const m = await import('@jsquash/jpeg/decode.js');
    const mod = await moduleFor('jpegDecode');
    const init = m.init as unknown as (mod?: WebAssembly.Module, o?: object) => Promise<void>;
    await (mod ? init(mod, emOpts()) : init(emOpts() as never));
    return (b: ArrayBuffer) => m.default(b, { preserveOrientation: false }) as Promise<CodecImage>;
  });
}

async function jpegEncoder(): Promise<Fn<[CodecImage, Record<string, unknown>], ArrayBuffer>> {
  return load('jpegEncode', async () => {
    const m = await import('@jsquash/jpeg/encode.js');
    const mod = await moduleFor('jpegEncode');
    const init = m.init as unknown as (mod?: WebAssembly.Module, o?: object) => Promise<void>;
    await (mod ? init(mod, emOpts()) : init(emOpts() as never));
    return (img: CodecImage, o: Record<string, unknown>) => m.default(img as ImageData, o);
  });
}

async function pngModule(): Promise<{ decode: Fn<[ArrayBuffer], CodecImage>; encode: Fn<[CodecImage], ArrayBuffer> }> {
  return load('png', async () => {
    const [d, e] = await Promise.all([import('@jsquash/png/decode.js'), import('@jsquash/png/encode.js')]);
    const mod = await moduleFor('png');
    // decode.js and encode.js import the same wasm-bindgen glue, so one init serves both.
    await d.init(mod);
    await e.init(mod);
    return {
      decode: (b: ArrayBuffer) => d.decode(b) as Promise<CodecImage>,
      encode: (img: CodecImage) => e.default(img as ImageData),
    };
  });
}

async function webpDecoder(): Promise<Fn<[ArrayBuffer], CodecImage>> {
  return load('webpDecode', async () => {
    const m = await import('@jsquash/webp/decode.js');
    const mod = await moduleFor('webpDecode');
    const init = m.init as unknown as (mod?: WebAssembly.Module, o?: object) => Promise<void>;
    await (mod ? init(mod, emOpts()) : init(emOpts() as never));
    return (b: ArrayBuffer) => m.default(b) as Promise<CodecImage>;
  });
}

async function webpEncoder(): Promise<Fn<[CodecImage, Record<string, unknown>], ArrayBuffer>> {
  return load('webpEncode', async () => {
    const m = await import('@jsquash/webp/encode.js');
    const mod = await moduleFor('webpEncode');
    const init = m.init as unknown as (mod?: WebAssembly.Module, o?: object) => Promise<unknown>;
    await (mod ? init(mod, emOpts()) : init(emOpts() as never));
    return (img: CodecImage, o: Record<string, unknown>) => m.default(img as ImageData, o);
  });
}

// One export per codec function, so that a bundle which needs only some of them (the `jpeg` op needs
// only the JPEG pair) does not carry the other codecs' dynamic imports: bundlers that inline dynamic
// imports (Vite's default worker format) would otherwise ship every codec's JavaScript glue.

/** MozJPEG decode (initialised on first call). */
export const jpegDecode: LoadedCodecs['jpegDecode'] = async (b) => (await jpegDecoder())(b);
/** MozJPEG encode (initialised on first call). */
export const jpegEncode: LoadedCodecs['jpegEncode'] = async (img, o) => (await jpegEncoder())(img, o);

/**
 * The codec functions, each initialised on first call. Internal to `src/io` (decode/encode use it);
 * not part of the public barrel.
 */
export const codecs: LoadedCodecs = {
  jpegDecode,
  jpegEncode,
  pngDecode: async (b) => (await pngModule()).decode(b),
  pngEncode: async (img) => (await pngModule()).encode(img),
  webpDecode: async (b) => (await webpDecoder())(b),
  webpEncode: async (img, o) => (await webpEncoder())(img, o),
};
