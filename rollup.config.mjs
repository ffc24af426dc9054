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

/** Empties the output folder first: chunk names carry a hash, so old chunks would pile up and ship. */
function clean(dir) {
  return { name: 'clean', buildStart() { rmSync(dir, { recursive: true, force: true }); } };
}

function config(target) {
  const dir = `dist/${target}`;
  return {
    input: {
      index: 'src/index.ts',
      'engine.worker': 'workers/engine.worker.ts',
      ...(target === 'node' && existsSync('src/cli/main.ts') ? { cli: 'src/cli/main.ts' } : {}),
    },
    external,
    output: {
      dir,
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: 'shared-[hash].js',
      banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
    },
    treeshake: { moduleSideEffects: false },
    plugins: [
      clean(dir),
      typescript({ tsconfig: './tsconfig.json', compilerOptions: { outDir: dir, declaration: false, sourceMap: true, noEmit: false }, include: ['src/**/*.ts', 'workers/**/*.ts'], exclude: ['src/kernels/assembly/**'] }),
      copyWasm(dir),
    ],
    onwarn(w, warn) {
      if (w.code === 'CIRCULAR_DEPENDENCY' && /node_modules/.test(w.message)) return;
      warn(w);
    },
  };
}

export default [config('web'), config('node')];
