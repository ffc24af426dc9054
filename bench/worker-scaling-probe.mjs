#!/usr/bin/env node
// What limits worker scaling on this machine, without the SDK in the way (BENCHMARKS.md):
//   node bench/worker-scaling-probe.mjs
// 1. the raw warp kernel (build/kernels/warp.wasm, 224² RGBA) in 1 and in 2 worker threads: does the
//    kernel itself scale?
// 2. the bare pipeline a pool needs — copy the source in, warp, copy the output out, transfer it to the
//    main thread — in 1 and 2 workers, with a fresh output buffer each time and with buffers recycled
//    back to the worker. Prints ms per image per worker, the 2-vs-1 throughput ratio and process CPU.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SIZE = 224;
const N = SIZE * SIZE * 4;
const MS = 2500;

async function workerMain({ mode }) {
  const bytes = readFileSync(new URL('../build/kernels/warp.wasm', import.meta.url));
  const memory = new WebAssembly.Memory({ initial: 256 });
  const { instance } = await WebAssembly.instantiate(bytes, { env: { memory } });
  const { warp } = instance.exports;
  const h = new Uint8Array(memory.buffer);
  const SRC = 1024, DST = SRC + N + 64;
  for (let i = 0; i < N; i++) h[SRC + i] = (i * 2654435761) >>> 24;
  const src = h.slice(SRC, SRC + N);
  // The 320-byte params block (layout: src/kernels/wasm-module.ts): matrix, cval, colour, clip, output affine, modes.
  const dv = new DataView(memory.buffer, 0, 320);
  [0.9, -0.3, 20, 0.3, 0.95, -10].forEach((v, i) => dv.setFloat64(i * 8, v, true));
  const vec = (at, v) => { for (let k = 0; k < 4; k++) dv.setFloat64(at + 8 * k, v, true); };
  vec(48, 0); vec(80, 1); vec(112, 0); vec(144, -Infinity); vec(176, Infinity); vec(208, 1); vec(240, 0);
  dv.setInt32(272, 1, true); dv.setInt32(276, 1, true); dv.setInt32(280, 1, true);
  const free = [];
  parentPort.on('message', (b) => free.push(b));
  let k = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < MS) {
    if (mode !== 'raw') h.set(src, SRC);
    warp(SRC, SIZE, SIZE, 4, DST, SIZE, SIZE, 0, 4, 0);
    if (mode !== 'raw') {
      const spare = mode === 'recycle' ? free.pop() : undefined;
      const o = spare ? new Uint8Array(spare) : new Uint8Array(N);
      o.set(h.subarray(DST, DST + N));
      parentPort.postMessage(o, [o.buffer]);
      if (++k % 16 === 0) await new Promise((r) => setImmediate(r)); // let recycled buffers arrive
    } else k++;
  }
  parentPort.postMessage({ msPerImg: (performance.now() - t0) / k });
}

async function run(mode, workers) {
  const self = fileURLToPath(import.meta.url);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const per = await Promise.all(Array.from({ length: workers }, () => new Promise((resolve, reject) => {
    const w = new Worker(self, { workerData: { mode } });
    w.on('message', (m) => {
      if (m instanceof Uint8Array) { if (mode === 'recycle') w.postMessage(m.buffer, [m.buffer]); }
      else { resolve(m.msPerImg); void w.terminate(); }
    });
    w.on('error', reject);
  })));
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { per, rate: per.reduce((s, ms) => s + 1 / ms, 0), cpu: ((cpu.user + cpu.system) / 10 / wall).toFixed(0), sys: (cpu.system / 10 / wall).toFixed(0) };
}

if (!isMainThread) {
  await workerMain(workerData);
} else {
  console.log(`# worker scaling probe — 224² RGBA warp, ${MS} ms per run`);
  for (const mode of ['raw', 'fresh', 'recycle']) {
    const one = await run(mode, 1);
    const two = await run(mode, 2);
    const fmt = (r) => r.per.map((ms) => ms.toFixed(4)).join(' / ');
    console.log(`${mode.padEnd(8)} 1 worker ${fmt(one)} ms/img (cpu ${one.cpu}%, sys ${one.sys}%)   2 workers ${fmt(two)} ms/img (cpu ${two.cpu}%, sys ${two.sys}%)   2 vs 1: ${(two.rate / one.rate).toFixed(2)}×`);
  }
  process.exit(0);
}
