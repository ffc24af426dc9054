#!/usr/bin/env node
/**
 * A/B micro-benchmark of the warp kernel: two builds of build/kernels/warp.wasm loaded in one process,
 * each on its own memory with the same inputs, timed interleaved (best of N rounds), and their outputs
 * compared (max / mean difference, and against the exact float64 path `warpScalar` of build B).
 *
 * Cases: 224² and 512² RGBA u8, bilinear, fill mode nearest, rotation+shear+zoom+flip matrix (the
 * kernel-speed.mjs case), with a brightness colour affine and with identity colour; plus a float32
 * RGB output and a 3-channel case for coverage.
 *
 * Usage: node scripts/warp-microbench.mjs [A.wasm] [B.wasm] [--rounds N] [--ms M]
 *   defaults: A = /tmp/warpab/warp-old.wasm (keep a copy of the previous build there), B = build/kernels/warp.wasm
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { matrixFor } from './_warp-case.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  if (i < 0) return def;
  const v = Number(args[i + 1]);
  args.splice(i, 2);
  return v;
};
const rounds = opt('--rounds', 15);
const sliceMs = opt('--ms', 60);
const pathA = args[0] ?? '/tmp/warpab/warp-old.wasm';
const pathB = args[1] ?? join(root, 'build/kernels/warp.wasm');
if (!existsSync(pathA)) {
  console.error(`no A build at ${pathA}: copy the previous build/kernels/warp.wasm there first`);
  process.exit(1);
}


const INF = Infinity;
const CASES = [
  { name: 'brightness', size: 224, C: 4, kind: 0, oc: 4, cs: [1.1, 1.1, 1.1, 1], co: [5, 5, 5, 0] },
  { name: 'identity  ', size: 224, C: 4, kind: 0, oc: 4, cs: [1, 1, 1, 1], co: [0, 0, 0, 0] },
  { name: 'brightness', size: 512, C: 4, kind: 0, oc: 4, cs: [1.1, 1.1, 1.1, 1], co: [5, 5, 5, 0] },
  { name: 'identity  ', size: 512, C: 4, kind: 0, oc: 4, cs: [1, 1, 1, 1], co: [0, 0, 0, 0] },
  { name: 'f32 RGB   ', size: 224, C: 4, kind: 1, oc: 3, cs: [1.1, 1.1, 1.1, 1], co: [5, 5, 5, 0] },
  { name: 'RGB u8    ', size: 224, C: 3, kind: 0, oc: 3, cs: [0.8, 1.2, 1, 1], co: [-3, 7.25, 0, 0] },
  { name: 'clip+neg  ', size: 224, C: 4, kind: 0, oc: 4, cs: [-1.3, 2.5, 1, 0.5], co: [255, -40, 0.4, 10], lo: [10.5, 0, 30, -5], hi: [250, 200.2, 90, 300] },
];

const SRC = 1024;
async function load(path) {
  const memory = new WebAssembly.Memory({ initial: 256 });
  const { instance } = await WebAssembly.instantiate(readFileSync(path), { env: { memory } });
  return { memory, ...instance.exports };
}

function setup(k, c) {
  const { size, C } = c;
  const n = size * size * C;
  const src = new Uint8Array(k.memory.buffer, SRC, n + 64);
  // smooth gradients + hash noise (so both flat and sharp areas)
  for (let y = 0, i = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (let ch = 0; ch < C; ch++, i++) {
        const h = (Math.imul(i, 2654435761) >>> 24);
        src[i] = (x * 3 + y * 2 + ch * 40 + ((x >> 4) & 1) * 90 + (h & 31)) & 255;
      }
    }
  }
  const dst = SRC + n + 1024;
  const dv = new DataView(k.memory.buffer, 0, 320);
  matrixFor(size, size).forEach((v, i) => dv.setFloat64(i * 8, v, true));
  const vec = (at, v) => { for (let j = 0; j < 4; j++) dv.setFloat64(at + 8 * j, v[j], true); };
  vec(48, [0, 0, 0, 0]); vec(80, c.cs); vec(112, c.co);
  vec(144, c.lo ?? [-INF, -INF, -INF, -INF]); vec(176, c.hi ?? [INF, INF, INF, INF]);
  vec(208, [1 / 255, 1 / 255, 1 / 255, 1]); vec(240, [-0.5, -0.5, -0.5, 0]);
  dv.setInt32(272, 1, true); dv.setInt32(276, 1, true); dv.setInt32(280, 1, true);
  const outBytes = size * size * (c.kind === 0 ? C : 4 * c.oc);
  const run = () => k.warp(SRC, size, size, C, dst, size, size, c.kind, c.oc, 0);
  const runScalar = () => k.warpScalar(SRC, size, size, C, dst, size, size, c.kind, c.oc, 0);
  const out = () => (c.kind === 0
    ? new Uint8Array(k.memory.buffer, dst, outBytes).slice()
    : new Float32Array(k.memory.buffer.slice(dst, dst + outBytes)));
  return { run, runScalar, out };
}

function diff(a, b, scale = 1) {
  let max = 0, sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]) * scale;
    if (d > max) max = d;
    sum += d;
  }
  return { max, mean: sum / a.length };
}

function slice(fn, ms) {
  let n = 0;
  const t0 = performance.now();
  let t;
  do { fn(); fn(); n += 2; t = performance.now() - t0; } while (t < ms);
  return t / n;
}

const A = await load(pathA);
const B = await load(pathB);
console.log(`A = ${pathA}\nB = ${pathB}\nbest of ${rounds} interleaved ${sliceMs} ms slices (ms per image)`);
for (const c of CASES) {
  const a = setup(A, c), b = setup(B, c);
  if (a.run() !== 0 || b.run() !== 0) throw new Error(`${c.name}: warp refused`);
  const oa = a.out(), ob = b.out();
  b.runScalar();
  const exact = b.out();
  b.run();
  const s = c.kind === 0 ? 1 : 255;
  const dAB = diff(oa, ob, s), dA = diff(oa, exact, s), dB = diff(ob, exact, s);
  for (let i = 0; i < 10; i++) { a.run(); b.run(); }
  let bestA = Infinity, bestB = Infinity;
  for (let r = 0; r < rounds; r++) {
    if (r & 1) { bestB = Math.min(bestB, slice(b.run, sliceMs)); bestA = Math.min(bestA, slice(a.run, sliceMs)); }
    else { bestA = Math.min(bestA, slice(a.run, sliceMs)); bestB = Math.min(bestB, slice(b.run, sliceMs)); }
  }
  // determinism: run B again and compare
  b.run();
  const again = b.out();
  const det = diff(ob, again).max === 0;
  console.log(
    `${c.name} ${String(c.size).padStart(3)}² C${c.C} ${c.kind ? 'f32' : 'u8 '}  A ${bestA.toFixed(4)}  B ${bestB.toFixed(4)}  ` +
    `B/A ${(bestB / bestA).toFixed(3)} | A-B max ${dAB.max.toFixed(2)} mean ${dAB.mean.toFixed(4)} | ` +
    `vs exact: A max ${dA.max.toFixed(2)} mean ${dA.mean.toFixed(4)}, B max ${dB.max.toFixed(2)} mean ${dB.mean.toFixed(4)}${det ? '' : ' NONDETERMINISTIC'}`,
  );
}
