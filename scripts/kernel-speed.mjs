#!/usr/bin/env node
/**
 * Speed of the warp kernel: ms per image for 224² and 512² RGBA u8, bilinear, fill mode nearest,
 * a full rotation + shear + zoom + flip matrix, identity colour with a brightness change.
 *   1. raw wasm export on its own memory (no copies),
 *   2. warpToBytes on the tfjs wasm backend (packing, tensor upload, kernel, download).
 * Usage: npm run build:kernels && node scripts/kernel-speed.mjs
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { matrixFor } from './_warp-case.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bytes = readFileSync(join(root, 'build/kernels/warp.wasm'));

function params(w, h) {
  return {
    matrix: matrixFor(w, h), fillMode: 'nearest', interpolation: 'bilinear',
    cval: [0, 0, 0, 0], colorScale: [1.1, 1.1, 1.1, 1], colorOffset: [5, 5, 5, 0],
    clipLo: [-Infinity, -Infinity, -Infinity, -Infinity], clipHi: [Infinity, Infinity, Infinity, Infinity],
  };
}
function image(w, h) {
  const data = new Uint8Array(w * h * 4);
  for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
  return { data, width: w, height: h, channels: 4 };
}
function time(fn, minMs = 400) {
  for (let i = 0; i < 20; i++) fn();
  let n = 0;
  const t0 = performance.now();
  let t;
  do { fn(); n++; t = performance.now() - t0; } while (t < minMs);
  return t / n;
}

const memory = new WebAssembly.Memory({ initial: 256 });
const { instance } = await WebAssembly.instantiate(bytes, { env: { memory } });
const { warp } = instance.exports;

function writeParams(buf, p, srcPadded) {
  const dv = new DataView(buf, 0, 320);
  p.matrix.forEach((v, i) => dv.setFloat64(i * 8, v, true));
  const vec = (at, v) => { for (let k = 0; k < 4; k++) dv.setFloat64(at + 8 * k, v[k], true); };
  vec(48, p.cval); vec(80, p.colorScale); vec(112, p.colorOffset); vec(144, p.clipLo); vec(176, p.clipHi);
  vec(208, [1, 1, 1, 1]); vec(240, [0, 0, 0, 0]);
  dv.setInt32(272, 1, true); dv.setInt32(276, 1, true); dv.setInt32(280, srcPadded ? 1 : 0, true);
}
console.log('warp kernel speed (ms per image, RGBA u8, bilinear, rotation+shear+zoom+flip)');
for (const size of [224, 512]) {
  const img = image(size, size);
  const src = 1024, dst = src + size * size * 4 + 1024;
  new Uint8Array(memory.buffer, src, img.data.length).set(img.data);
  writeParams(memory.buffer, params(size, size), true);
  const ms = time(() => warp(src, size, size, 4, dst, size, size, 0, 4, 0));
  const f32 = time(() => warp(src, size, size, 4, dst, size, size, 1, 3, 0));
  console.log(`  raw wasm export   ${size}²: ${ms.toFixed(3)} ms u8 RGBA, ${f32.toFixed(3)} ms float32 RGB out`);
}

// tfjs wasm backend path (needs the built dist or a TS loader; skipped when unavailable).
try {
  const tf = await import('@tensorflow/tfjs-core');
  const wasmBackend = await import('@tensorflow/tfjs-backend-wasm');
  wasmBackend.setWasmPaths(join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist/'));
  await tf.setBackend('wasm');
  await tf.ready();
  // Plain node cannot import .ts: transpile the few sources warpToBytes needs into build/speed/.
  const ts = (await import('typescript')).default;
  const { mkdirSync, writeFileSync } = await import('node:fs');
  for (const f of ['src/errors.ts', 'src/types.ts', 'src/kernels/contract.ts', 'src/kernels/reference.ts', 'src/kernels/wasm-module.ts', 'src/kernels/tfjs-kernels.ts']) {
    const out = join(root, 'build/speed', f.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    const js = ts.transpileModule(readFileSync(join(root, f), 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    writeFileSync(out, js);
  }
  const api = await import(join(root, 'build/speed/src/kernels/tfjs-kernels.js'));
  if (!api?.warpToBytes) {
    console.log('  warpToBytes (tfjs wasm): skipped — build the package first (npm run build) or run via vitest bench');
  } else {
    await api.registerWarpKernels(tf, bytes);
    for (const size of [224, 512]) {
      const img = image(size, size);
      const p = params(size, size);
      const ms = time(() => api.warpToBytes(tf, img, p));
      console.log(`  warpToBytes tfjs wasm ${size}²: ${ms.toFixed(3)} ms`);
    }
  }
} catch (e) {
  console.log('  tfjs path failed:', e.message);
}
