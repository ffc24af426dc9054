// Builds the demo page into demo/dist/: the page script and the SDK's worker bundled by esbuild (tfjs,
// comlink and the jsquash codecs included), every .wasm copied next to them — where the SDK and the
// codecs look for them with `new URL(name, import.meta.url)` — plus the HTML, CSS and sample photos.
//
// Usage: node demo/build.mjs  (after `npm run build`; the page imports 'edge-augment' = dist/web).
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';

const demoDir = dirname(fileURLToPath(import.meta.url));
const root = join(demoDir, '..');
const require = createRequire(import.meta.url);

/** The jsquash codec binaries (their glue finds them next to the bundle). */
const CODEC_WASM = [
  '@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm',
  '@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm',
  '@jsquash/png/codec/pkg/squoosh_png_bg.wasm',
  '@jsquash/webp/codec/dec/webp_dec.wasm',
  '@jsquash/webp/codec/enc/webp_enc.wasm',
  '@jsquash/webp/codec/enc/webp_enc_simd.wasm',
];

/** Resolves `edge-augment` to the built package, as an app's bundler would (the "browser" export). */
const packagePlugin = (webDir) => ({
  name: 'edge-augment-package',
  setup(build) {
    build.onResolve({ filter: /^edge-augment$/ }, () => ({ path: join(webDir, 'index.js') }));
  },
});

/**
 * Builds the page.
 * @param {{ outDir?: string, minify?: boolean, quiet?: boolean }} [options]
 * @returns {Promise<string>} the output directory
 */
export async function buildDemo({ outDir = join(demoDir, 'dist'), minify = true, quiet = false } = {}) {
  const webDir = join(root, 'dist', 'web');
  if (!existsSync(join(webDir, 'index.js')) || !existsSync(join(webDir, 'engine.worker.js'))) {
    throw new Error('dist/web is missing: run `npm run build` first (the demo uses the built package).');
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { app: join(demoDir, 'src', 'main.ts'), 'engine.worker': join(webDir, 'engine.worker.js') },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify,
    sourcemap: true,
    // The SDK and the codecs reach Node modules only behind runtime checks (never in a browser).
    external: ['node:*', 'fs', 'path', 'url', 'module', 'worker_threads', 'crypto'],
    plugins: [packagePlugin(webDir)],
    logLevel: quiet ? 'error' : 'warning',
  });
  // The binaries and tfjs's pthread scripts (tfjs-backend-wasm-threaded-simd{.worker,}.js) sit next to the SDK.
  for (const f of readdirSync(webDir)) if (f.endsWith('.wasm') || f.startsWith('tfjs-backend-wasm-threaded-simd.')) copyFileSync(join(webDir, f), join(outDir, f));
  for (const spec of CODEC_WASM) {
    const from = require.resolve(spec);
    copyFileSync(from, join(outDir, spec.split('/').pop()));
  }
  for (const f of ['index.html', 'style.css']) copyFileSync(join(demoDir, f), join(outDir, f));
  const samplesOut = join(outDir, 'samples');
  mkdirSync(samplesOut);
  const samples = readdirSync(join(root, 'samples')).filter((f) => /\.(png|jpe?g)$/i.test(f)).sort();
  for (const f of samples) copyFileSync(join(root, 'samples', f), join(samplesOut, f));
  copyFileSync(join(root, 'samples', 'LICENSES.md'), join(samplesOut, 'LICENSES.md'));
  writeFileSync(join(samplesOut, 'index.json'), JSON.stringify(samples));
  if (!quiet) console.log(`demo built into ${outDir}`);
  return outDir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildDemo().catch((e) => { console.error(e.message ?? e); process.exit(1); });
}
