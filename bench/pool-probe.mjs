#!/usr/bin/env node
// What the worker pool costs the calling thread (BENCHMARKS.md, "2 workers vs 1 worker"):
//   npm run build && node bench/pool-probe.mjs
// 1. CPU per 224² output image by thread (calling thread, workers, V8 helper threads), 1 and 2 workers,
//    the same image 256 times and 256 distinct images — read from /proc/self/task (Linux only; tick-
//    based, so short-lived threads are over-counted).
// 2. One message round trip to a worker: bare worker_threads postMessage vs a Comlink call
//    (calling-thread CPU and wall time per call).
// 3. Major (mark-compact) GCs in the calling thread during 3 s of 2-worker batches of distinct
//    images, with nothing but the SDK loaded and with tfjs-core + cpu backend loaded there too
//    (each in a fresh process).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { PerformanceObserver, constants } from 'node:perf_hooks';

const SPEC = { rotationRange: 50, widthShiftRange: 0.25, heightShiftRange: 0.25, shearRange: 0.2, zoomRange: 0.25, horizontalFlip: true };
const SIZE = 224, N = 256;
const dist = new URL('../dist/node/', import.meta.url);
const self = fileURLToPath(import.meta.url);

function images(distinct) {
  const base = new Uint8Array(SIZE * SIZE * 4);
  for (let i = 0; i < base.length; i++) base[i] = (i * 2654435761) >>> 24;
  return Array.from({ length: N }, (_, k) => ({ data: distinct ? base.map((v) => (v + k) & 255) : base, width: SIZE, height: SIZE, channels: 4 }));
}

function threadCpu() {
  const m = new Map();
  for (const t of readdirSync('/proc/self/task')) {
    try {
      const st = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      m.set(t, (+f[11] + +f[12]) * 10); // utime + stime, ms at 100 Hz
    } catch { /* thread gone */ }
  }
  return m;
}

async function loop(aug, batch, ms) {
  let k = 0, n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    const r = await aug.augmentBatch(batch, { startIndex: k });
    k += batch.length; n += batch.length;
    aug.recycle(r.items.map((x) => x.image));
  }
  return { n, wall: performance.now() - t0 };
}

async function perThread() {
  const { createAugmenter } = await import(new URL('index.js', dist).href);
  console.log('# 1. CPU per 224² output image by thread (µs; 3 s each)');
  for (const distinct of [false, true]) {
    const batch = images(distinct);
    for (const w of [1, 2]) {
      const aug = await createAugmenter({ spec: SPEC, seed: 1, workers: w });
      await loop(aug, batch, 500);
      const before = threadCpu();
      const workerIds = new Set();
      const { n, wall } = await loop(aug, batch, 3000);
      const after = threadCpu();
      // Worker threads are the busiest non-main threads; the rest are V8/Node helpers.
      const rows = [...after].map(([t, ms]) => [t, ms - (before.get(t) ?? 0)]).filter(([t]) => t !== String(process.pid)).sort((a, b) => b[1] - a[1]);
      rows.slice(0, w).forEach(([t]) => workerIds.add(t));
      const us = (ms) => (ms / n * 1000).toFixed(1);
      const main = (after.get(String(process.pid)) ?? 0) - (before.get(String(process.pid)) ?? 0);
      const workers = rows.filter(([t]) => workerIds.has(t)).reduce((s, [, ms]) => s + ms, 0);
      const helpers = rows.filter(([t]) => !workerIds.has(t)).reduce((s, [, ms]) => s + ms, 0);
      console.log(`${distinct ? 'distinct' : 'same    '} ${w} worker${w > 1 ? 's' : ' '}  ${(wall / n).toFixed(4)} ms/img   calling thread ${us(main)}   workers ${us(workers)}   helpers ${us(helpers)}`);
      await aug.close();
    }
  }
}

async function roundTrips() {
  console.log('\n# 2. One round trip to a worker (20,000 sequential calls)');
  const cpu = () => { const st = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8'); const f = st.slice(st.lastIndexOf(')') + 2).split(' '); return (+f[11] + +f[12]) * 10; };
  const measure = async (label, call) => {
    for (let i = 0; i < 2000; i++) await call();
    const c0 = cpu(), t0 = performance.now(), n = 20000;
    for (let i = 0; i < n; i++) await call();
    console.log(`${label.padEnd(34)} wall ${((performance.now() - t0) / n * 1000).toFixed(1)} µs   calling-thread CPU ${((cpu() - c0) / n * 1000).toFixed(1)} µs`);
  };
  const raw = new Worker(self);
  await measure('worker_threads postMessage', () => new Promise((r) => { raw.once('message', r); raw.postMessage({ id: 1, type: 'APPLY', path: ['ping'], argumentList: [] }); }));
  await raw.terminate();
  const Comlink = await import('comlink');
  const nodeEndpoint = (await import('comlink/dist/esm/node-adapter.mjs')).default;
  const w = new Worker(new URL('engine.worker.js', dist));
  const remote = Comlink.wrap(nodeEndpoint(w));
  await measure('Comlink call (engine worker ping)', () => remote.ping());
  remote[Comlink.releaseProxy]();
  await w.terminate();
}

async function majorGcs(withTf) {
  if (withTf) {
    const tf = await import('@tensorflow/tfjs-core');
    await import('@tensorflow/tfjs-backend-cpu');
    await tf.setBackend('cpu');
    tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)));
  }
  const { createAugmenter } = await import(new URL('index.js', dist).href);
  const aug = await createAugmenter({ spec: SPEC, seed: 1, workers: 2 });
  const batch = images(true);
  await loop(aug, batch, 500);
  let major = 0;
  const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) major++; });
  obs.observe({ entryTypes: ['gc'] });
  const { n, wall } = await loop(aug, batch, 3000);
  await new Promise((r) => setTimeout(r, 50));
  obs.disconnect();
  await aug.close();
  console.log(`${withTf ? 'tfjs loaded in the calling thread' : 'only the SDK in the calling thread'}: ${major} major GCs in ${(wall / 1000).toFixed(1)} s, ${(wall / n).toFixed(4)} ms/img`);
}

if (!isMainThread) {
  parentPort.on('message', (m) => parentPort.postMessage(m));
} else if (process.argv.includes('--gc')) {
  await majorGcs(process.argv.includes('--tf'));
  process.exit(0);
} else {
  await perThread();
  await roundTrips();
  console.log('\n# 3. Major GCs in the calling thread, 2 workers, distinct images (fresh process each)');
  for (const tf of [false, true]) {
    const r = spawnSync(process.execPath, [self, '--gc', ...(tf ? ['--tf'] : [])], { encoding: 'utf8' });
    process.stdout.write(r.stdout || r.stderr);
  }
  process.exit(0);
}
