// Builds the package: ESM for web (browsers, Deno, workers, edge) and node, each with its worker entry
// and every .wasm next to the JavaScript (located at run time with new URL(name, import.meta.url)).
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import { writeTfjsThreadFiles } from './scripts/build-tfjs-threads.mjs';

const external = (id) => /^@tensorflow\//.test(id) || /^comlink/.test(id) || /^@jsquash\//.test(id) || id.startsWith('node:');

function copyWasm(dir) {
  return {
    name: 'copy-wasm',
    writeBundle() {
      mkdirSync(dir, { recursive: true });
      const tfjs = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
      for (const f of readdirSync(tfjs)) if (f.endsWith('.wasm')) copyFileSync(`${tfjs}/${f}`, `${dir}/${f}`);
      const kernels = 'build/kernels';
      if (!existsSync(kernels)) throw new Error('build/kernels is missing: run `node scripts/build-kernels.mjs` first');
      for (const f of readdirSync(kernels)) if (f.endsWith('.wasm')) copyFileSync(`${kernels}/${f}`, `${dir}/${f}`);
      // tfjs's pthread worker and the script it imports, as same-origin files (strict CSP: no blob: workers).
      writeTfjsThreadFiles(dir);
    },
  };
}

/**
 * dist/web/engine.worker.js: one self-contained, minified ES module (tfjs, comlink, the engine), so
 * that every bundler can take it as it is — Vite (dev and build) and webpack bundle it as a worker
 * from `new Worker(new URL('./engine.worker.js', import.meta.url), { type: 'module' })` with nothing
 * left to resolve; with esbuild or plain Rollup it is copied beside the app's bundle. The worker
 * realm has its own tfjs anyway, so inlining it does not duplicate the app's copy.
 */
function webWorker(dir) {
  return {
    name: 'web-worker',
    async writeBundle() {
      const esbuild = await import('esbuild');
      await esbuild.build({
        entryPoints: ['workers/engine.worker.ts'],
        outfile: `${dir}/engine.worker.js`,
        bundle: true, format: 'esm', platform: 'browser', target: 'es2022', conditions: ['browser'],
        minify: true, legalComments: 'eof', sourcemap: false, logLevel: 'warning',
        // emscripten's glue probes `typeof __filename`; webpack folds that probe to "string" in an ES
        // module and the glue then reads an undefined __filename. There is none in a browser.
        define: { __filename: 'undefined', __dirname: 'undefined' },
        // The image codecs stay imports (only the op pipeline's `jpeg` stage loads them in a worker): inlined,
        // their `new URL('<codec>.wasm', import.meta.url)` would point into dist/web, where the codec
        // binaries are not. Vite and webpack bundle the worker and resolve them from node_modules.
        external: ['@jsquash/*'],
        plugins: [{
          name: 'platform-web',
          setup(b) {
            b.onResolve({ filter: /platform\/node\.js$/ }, (a) => ({ path: new URL(a.path.replace(/node\.js$/, 'web.ts'), `file://${a.resolveDir}/`).pathname }));
          },
        }],
      });
    },
  };
}

/** Empties the output folder first: chunk names carry a hash, so old chunks would pile up and ship. */
function clean(dir) {
  return { name: 'clean', buildStart() { rmSync(dir, { recursive: true, force: true }); } };
}

/** dist/web gets src/platform/web.ts wherever src/platform/node.ts is imported: no `node:` import in it. */
function platform(target) {
  return {
    name: 'platform',
    async resolveId(source, importer) {
      if (target !== 'web' || !importer || !/platform\/node\.js$/.test(source)) return null;
      const r = await this.resolve(source.replace(/node\.js$/, 'web.js'), importer, { skipSelf: true });
      return r;
    },
  };
}

function config(target) {
  const dir = `dist/${target}`;
  return {
    input: {
      index: 'src/index.ts',
      // `edge-augment/stats`: the statistics as named exports (per-function tree-shaking; the main entry's
      // `stats` is one frozen object, kept whole by bundlers).
      stats: 'src/stats.ts',
      ...(target === 'node' ? { 'engine.worker': 'workers/engine.worker.ts' } : {}),
      ...(target === 'node' && existsSync('src/cli/main.ts') ? { cli: 'src/cli/main.ts' } : {}),
    },
    external,
    output: {
      dir,
      format: 'es',
      sourcemap: true,
      // Sources are embedded (sourcesContent); name them by their place in the repository.
      sourcemapPathTransform: (rel) => rel.replace(/^(\.\.\/)+(?=src\/|workers\/|node_modules\/)/, '../../'),
      entryFileNames: '[name].js',
      chunkFileNames: 'shared-[hash].js',
      // tfjs-core's names, loaded lazily with tfjs (src/runtime/tfjs-core-api.ts): a chunk of their own.
      // Left to Rollup, that re-export-only module is "empty" and merged into the chunk `stats` shares
      // with `index`, which then imports @tensorflow/tfjs-core statically.
      manualChunks: (id) => (/src\/runtime\/tfjs-core-api\.ts$/.test(id) ? 'tfjs-core-api' : undefined),
      banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
    },
    treeshake: { moduleSideEffects: false },
    plugins: [
      clean(dir),
      platform(target),
      typescript({ tsconfig: './tsconfig.json', compilerOptions: { outDir: dir, declaration: false, sourceMap: true, inlineSources: true, noEmit: false }, include: ['src/**/*.ts', 'workers/**/*.ts'], exclude: ['src/kernels/assembly/**'] }),
      // The binaries ship once, in dist/web (dist/node reads them there: src/platform/node.ts).
      ...(target === 'web' ? [copyWasm(dir), webWorker(dir)] : []),
    ],
    onwarn(w, warn) {
      if (w.code === 'CIRCULAR_DEPENDENCY' && /node_modules/.test(w.message)) return;
      warn(w);
    },
  };
}

export default [config('web'), config('node')];
