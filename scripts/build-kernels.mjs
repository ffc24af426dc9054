#!/usr/bin/env node
/**
 * Compiles every AssemblyScript kernel in src/kernels/assembly/*.ts (files starting with `_` are
 * shared helpers, imported by kernels, not compiled on their own) to build/kernels/<name>.wasm.
 *
 * Flags: --enable simd -O3 --runtime stub --noAssert --importMemory (+ no abort import).
 * The kernels run on memory they do not own (the tfjs wasm heap), so every output is checked:
 * it must import `env.memory`, define no memory of its own, have no data segments and no start
 * function (nothing the module would write over the host's heap at instantiation) and import
 * nothing else. (AssemblyScript's stub runtime keeps no shadow stack; the kernels allocate nothing.)
 *
 * Usage: node scripts/build-kernels.mjs   (run by `npm run build` / `npm run build:kernels`)
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'src', 'kernels', 'assembly');
const outDir = join(root, 'build', 'kernels');

/** Reads a LEB128 unsigned integer; returns [value, nextOffset]. */
function leb(bytes, off) {
  let result = 0, shift = 0, b;
  do {
    b = bytes[off++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return [result, off];
}

/** Checks the compiled module is safe to run on a host's memory. Returns a short summary. */
function verifyModule(bytes, name) {
  const problems = [];
  const mod = new WebAssembly.Module(bytes);
  const imports = WebAssembly.Module.imports(mod);
  const exports = WebAssembly.Module.exports(mod);
  const memImports = imports.filter((i) => i.kind === 'memory');
  if (memImports.length !== 1 || memImports[0].module !== 'env' || memImports[0].name !== 'memory') {
    problems.push(`must import exactly env.memory, imports are ${JSON.stringify(imports)}`);
  }
  const others = imports.filter((i) => i.kind !== 'memory');
  if (others.length) problems.push(`unexpected imports ${JSON.stringify(others)}`);
  // Walk the sections: no memory section (5), no start function (8), no data segments (11, 12).
  let off = 8, dataSegments = 0, memories = 0, start = false;
  while (off < bytes.length) {
    const id = bytes[off++];
    let size;
    [size, off] = leb(bytes, off);
    const end = off + size;
    if (id === 5) [memories] = leb(bytes, off);
    if (id === 8) start = true;
    if (id === 11 || id === 12) {
      const [n] = leb(bytes, off);
      dataSegments = Math.max(dataSegments, n);
    }
    off = end;
  }
  if (memories) problems.push(`defines ${memories} memory of its own`);
  if (start) problems.push('has a start function (it would run on the host memory at instantiation)');
  if (dataSegments) problems.push(`has ${dataSegments} data segment(s): they would be written over the host heap`);
  if (problems.length) throw new Error(`${name}: ${problems.join('; ')}`);
  return `${bytes.length} bytes, exports ${exports.map((e) => e.name).join(', ')}`;
}

async function main() {
  let asc;
  try {
    asc = (await import('assemblyscript/asc')).default;
  } catch (e) {
    console.error('build-kernels: cannot load the AssemblyScript compiler (npm install assemblyscript).', e);
    process.exit(1);
  }
  await mkdir(outDir, { recursive: true });
  const files = (await readdir(srcDir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('_')).sort();
  if (!files.length) {
    console.error(`build-kernels: no kernels found in ${srcDir}`);
    process.exit(1);
  }
  let failed = false;
  for (const file of files) {
    const name = basename(file, '.ts');
    const outFile = join(outDir, `${name}.wasm`);
    const args = [
      join(srcDir, file),
      '--outFile', outFile,
      '--enable', 'simd',
      '-O3',
      '--runtime', 'stub',
      '--noAssert',
      '--importMemory',
      '--noExportMemory',
      '--use', 'abort=',
      '--baseDir', root,
    ];
    const { error, stderr } = await asc.main(args, {});
    if (error) {
      console.error(`build-kernels: ${file} failed: ${error.message}\n${stderr.toString()}`);
      failed = true;
      continue;
    }
    try {
      const summary = verifyModule(new Uint8Array(await readFile(outFile)), name);
      console.log(`build-kernels: ${name}.wasm  ${summary}`);
    } catch (e) {
      console.error(`build-kernels: ${e.message}`);
      failed = true;
    }
  }
  if (failed) process.exit(1);
}

main();
