#!/usr/bin/env node
/**
 * Writes tfjs-backend-wasm's pthread scripts as real files, generated from the INSTALLED
 * @tensorflow/tfjs-backend-wasm (never checked into this repository):
 *
 * - `tfjs-backend-wasm-threaded-simd.worker.js`: emscripten's pthread worker. tfjs ships it as a
 *   string (`wasmWorkerContents` in wasm-out/tfjs-backend-wasm-threaded-simd.worker.js) and at run
 *   time turns it into a `blob:` worker URL, after escaping newlines the same way we do here.
 * - `tfjs-backend-wasm-threaded-simd.js`: the script each pthread worker imports. tfjs builds it at
 *   run time as a Blob of `var WasmBackendModuleThreadedSimd = ` + the factory's source.
 *
 * A strict Content-Security-Policy (`worker-src 'self'`, `script-src 'self'`) forbids both blobs;
 * src/runtime/tfjs-wasm-shim.ts points tfjs at these same-origin files instead while the backend
 * starts. The contents are byte-for-byte what tfjs would have put in its blobs, plus a header.
 *
 * Usage: node scripts/build-tfjs-threads.mjs <outDir>...   (rollup.config.mjs calls
 * writeTfjsThreadFiles(dir) for dist/web and dist/node)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The file names (kept in step with TFJS_THREAD_FILES in src/runtime/tfjs-wasm-shim.ts). */
export const TFJS_THREAD_FILES = Object.freeze({
  worker: 'tfjs-backend-wasm-threaded-simd.worker.js',
  main: 'tfjs-backend-wasm-threaded-simd.js',
});

/** The installed package: its folder and version. */
function installed() {
  const require = createRequire(join(root, 'package.json'));
  // No "exports" map in tfjs-backend-wasm: its package.json and wasm-out/ resolve directly.
  const pkgJson = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  const dir = dirname(pkgJson);
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8'));
  return { require, dir, version };
}

/**
 * Bundlers inline small files referenced by `new URL(…, import.meta.url)` as `data:` URLs (Vite below
 * 4 KiB, webpack's `asset` type below 8 KiB). A pthread worker started from a `data:` URL has an
 * opaque origin: under COEP it may not `importScripts` the main script, and threads never start. So
 * the worker file (3.3 KB of code) is padded with a trailing comment to more than 8 KiB.
 */
export const MIN_THREAD_FILE_BYTES = 8 * 1024 + 1;
function pad(text) {
  const bytes = Buffer.byteLength(text);
  if (bytes >= MIN_THREAD_FILE_BYTES) return text;
  const note = '// Padding: bundlers inline files below 8 KiB as data: URLs, and a data: pthread worker cannot load its script under COEP.\n';
  const line = '//' + ' '.repeat(97) + '\n';
  let out = text + note;
  while (Buffer.byteLength(out) < MIN_THREAD_FILE_BYTES) out += line;
  return out;
}

/**
 * The two scripts' sources, exactly as tfjs-backend-wasm's `init()` would build its blobs.
 * @returns {{ version: string, worker: string, main: string }}
 */
export function tfjsThreadSources() {
  const { require, dir, version } = installed();
  const { wasmWorkerContents } = require(join(dir, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.worker.js'));
  const factory = require(join(dir, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js'));
  if (typeof wasmWorkerContents !== 'string' || !wasmWorkerContents.includes('WasmBackendModuleThreadedSimd(Module)')) {
    throw new Error(`@tensorflow/tfjs-backend-wasm@${version}: wasm-out/tfjs-backend-wasm-threaded-simd.worker.js has no pthread worker source where expected; src/runtime/tfjs-wasm-shim.ts needs a look.`);
  }
  if (typeof factory !== 'function') {
    throw new Error(`@tensorflow/tfjs-backend-wasm@${version}: wasm-out/tfjs-backend-wasm-threaded-simd.js does not export the module factory.`);
  }
  const header = (what) => `// ${what}\n// Generated at build time from @tensorflow/tfjs-backend-wasm@${version} (Apache-2.0, Copyright Google LLC) by edge-augment's scripts/build-tfjs-threads.mjs.\n`;
  return {
    version,
    // tfjs: `wasmWorkerContents.replace(/\n/g, '\\n')` (the template literal turned "\n" escapes into newlines).
    worker: pad(header('emscripten pthread worker of the tfjs-backend-wasm threaded-SIMD build.') + wasmWorkerContents.replace(/\n/g, '\\n') + '\n'),
    // tfjs: `var WasmBackendModuleThreadedSimd = ` + wasmFactoryThreadedSimd.toString()
    main: header('tfjs-backend-wasm threaded-SIMD module factory, imported by each pthread worker.') + 'var WasmBackendModuleThreadedSimd = ' + factory.toString() + '\n',
  };
}

/** Writes both files into `dir`; returns their paths. */
export function writeTfjsThreadFiles(dir) {
  const src = tfjsThreadSources();
  mkdirSync(dir, { recursive: true });
  const worker = join(dir, TFJS_THREAD_FILES.worker);
  const main = join(dir, TFJS_THREAD_FILES.main);
  writeFileSync(worker, src.worker);
  writeFileSync(main, src.main);
  return { worker, main, version: src.version };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dirs = process.argv.slice(2);
  if (!dirs.length) {
    console.error('usage: node scripts/build-tfjs-threads.mjs <outDir>...');
    process.exit(1);
  }
  for (const d of dirs) {
    const r = writeTfjsThreadFiles(d);
    console.log(`tfjs ${r.version} pthread scripts → ${r.worker}, ${r.main}`);
  }
}
