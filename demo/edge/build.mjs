#!/usr/bin/env node
/**
 * Builds the Cloudflare Worker demo: bundles worker.js with esbuild (package conditions workerd →
 * edge-augment's web build; .wasm imports left as modules) and copies every binary it imports next
 * to it, plus config.capnp for plain workerd.
 *
 *   node demo/edge/build.mjs [--out <dir>]      (default demo/edge/build)
 *   node_modules/.bin/workerd serve demo/edge/build/config.capnp   → http://127.0.0.1:8787
 *
 * In a project that installed edge-augment from npm the binaries are in
 * node_modules/edge-augment/dist/web/ and node_modules/@jsquash/…; the paths below say the same.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const outArg = process.argv.indexOf('--out');
const out = resolve(outArg > 0 ? process.argv[outArg + 1] : join(here, 'build'));
const require = createRequire(join(root, 'package.json'));

/** Binaries the worker imports: tfjs's two non-threaded builds + our kernels (dist/web) and four codecs. */
const WASM = {
  'tfjs-backend-wasm.wasm': join(root, 'dist', 'web', 'tfjs-backend-wasm.wasm'),
  'tfjs-backend-wasm-simd.wasm': join(root, 'dist', 'web', 'tfjs-backend-wasm-simd.wasm'),
  'warp.wasm': join(root, 'dist', 'web', 'warp.wasm'),
  'conv.wasm': join(root, 'dist', 'web', 'conv.wasm'),
  'squoosh_png_bg.wasm': require.resolve('@jsquash/png/codec/pkg/squoosh_png_bg.wasm'),
  'mozjpeg_dec.wasm': require.resolve('@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm'),
  'webp_dec.wasm': require.resolve('@jsquash/webp/codec/dec/webp_dec.wasm'),
  'mozjpeg_enc.wasm': require.resolve('@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm'),
};

export async function build(outDir = out) {
  const esbuild = await import('esbuild');
  mkdirSync(join(outDir, 'wasm'), { recursive: true });
  for (const [name, from] of Object.entries(WASM)) copyFileSync(from, join(outDir, 'wasm', name));
  await esbuild.build({
    entryPoints: [join(here, 'worker.js')],
    outfile: join(outDir, 'worker.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    external: ['*.wasm', 'node:*'],
    logLevel: 'error',
    legalComments: 'none',
  });
  writeFileSync(join(outDir, 'config.capnp'), readFileSync(join(here, 'config.capnp')));
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  build().then((d) => console.log(`demo/edge: built ${d}`), (e) => { console.error(e); process.exit(1); });
}
