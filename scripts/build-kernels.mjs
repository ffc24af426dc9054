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
 * Every kernel is built twice:
 * - `<name>.wasm` imports a plain (non-shared) memory: the tfjs plain and SIMD builds, and a memory of
 *   its own;
 * - `<name>-shared.wasm` imports a *shared* memory with maximum 65536 pages (4 GiB) — what the tfjs
 *   threaded-SIMD build creates under COOP/COEP (`maximum: 4294967296/65536, shared: true`). An
 *   import's maximum must be ≥ the provided memory's, so declaring the largest one accepts any
 *   shared memory tfjs makes. Needs `--enable threads`.
 * Each output carries a custom section `edge-augment.memory` whose UTF-8 text is `plain` or
 * `shared:<maxPages>`, so loaders can tell the variants apart (`WebAssembly.Module.customSections`)
 * without JS type reflection.
 *
 * Usage: node scripts/build-kernels.mjs   (run by `npm run build` / `npm run build:kernels`)
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'src', 'kernels', 'assembly');
const outDir = join(root, 'build', 'kernels');

/** Pages of the shared variants' maximum (the tfjs threaded build's own maximum). */
export const SHARED_MAX_PAGES = 65536;
/** Name of the custom section that says which memory a kernel imports. */
export const MEMORY_SECTION = 'edge-augment.memory';

/** Unsigned LEB128 encoding. */
function uleb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** Appends a custom section (id 0) `name` with a UTF-8 `text` payload. */
function withCustomSection(bytes, name, text) {
  const enc = new TextEncoder();
  const nameBytes = enc.encode(name);
  const payload = [...uleb(nameBytes.length), ...nameBytes, ...enc.encode(text)];
  const section = new Uint8Array([0, ...uleb(payload.length), ...payload]);
  const out = new Uint8Array(bytes.length + section.length);
  out.set(bytes);
  out.set(section, bytes.length);
  return out;
}

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
function verifyModule(bytes, name, shared) {
  const problems = [];
  const mod = new WebAssembly.Module(bytes);
  // The import must be usable with the memory the variant is for.
  const flags = { initial: 1, maximum: shared ? SHARED_MAX_PAGES : undefined, shared };
  try {
    new WebAssembly.Instance(mod, { env: { memory: new WebAssembly.Memory(flags) } });
  } catch (e) {
    problems.push(`does not instantiate on a ${shared ? 'shared' : 'plain'} memory: ${e.message}`);
  }
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
  const variants = [
    { suffix: '', flags: [], marker: 'plain', shared: false },
    { suffix: '-shared', flags: ['--enable', 'threads', '--sharedMemory', '--maximumMemory', String(SHARED_MAX_PAGES)], marker: `shared:${SHARED_MAX_PAGES}`, shared: true },
  ];
  for (const file of files) {
    for (const v of variants) {
      const name = basename(file, '.ts') + v.suffix;
      const outFile = join(outDir, `${name}.wasm`);
      const args = [
        join(srcDir, file),
        '--outFile', outFile,
        '--enable', 'simd',
        ...v.flags,
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
        console.error(`build-kernels: ${file} (${v.marker}) failed: ${error.message}\n${stderr.toString()}`);
        failed = true;
        continue;
      }
      try {
        const marked = withCustomSection(new Uint8Array(await readFile(outFile)), MEMORY_SECTION, v.marker);
        await writeFile(outFile, marked);
        const summary = verifyModule(marked, name, v.shared);
        console.log(`build-kernels: ${name}.wasm  ${summary}`);
      } catch (e) {
        console.error(`build-kernels: ${e.message}`);
        failed = true;
      }
    }
  }
  if (failed) process.exit(1);
}

main();
