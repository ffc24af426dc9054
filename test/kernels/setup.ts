/**
 * Kernel test helper: returns the bytes of build/kernels/<name>.wasm, (re)building the kernels with
 * scripts/build-kernels.mjs when the file is missing or older than its AssemblyScript sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export function kernelBytes(name = 'warp'): Uint8Array {
  const wasm = `${root}build/kernels/${name}.wasm`;
  const srcDir = `${root}src/kernels/assembly/`;
  const newest = Math.max(...readdirSync(srcDir).map((f) => statSync(srcDir + f).mtimeMs));
  if (!existsSync(wasm) || statSync(wasm).mtimeMs < newest) {
    execFileSync(process.execPath, [`${root}scripts/build-kernels.mjs`], { stdio: 'inherit' });
  }
  if (!existsSync(wasm)) throw new Error(`${wasm} is missing: run npm run build:kernels`);
  return new Uint8Array(readFileSync(wasm));
}
