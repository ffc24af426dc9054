// Why single functional calls cost more than their kernels in Node (BENCHMARKS.md, "Benchmark method,
// brightness, blend and resize kernels (Dec 4, fourth session)"): CPU and wall µs per call of
//   - `new Uint8Array(224·224·3)` plus one copy into it (what every functional call's fresh output costs),
//   - F.hflip and F.adjustBrightness at 224² RGB (brightness 1.31: lutArith form 2; 1.3: form 4; 13/11: form 3),
// in 7 rounds each, with the minor page faults per call. Run after `npm run build`:
//   node bench/alloc-probe.mjs
//   GLIBC_TUNABLES=glibc.malloc.trim_threshold=1000000000:glibc.malloc.mmap_threshold=100000000 node bench/alloc-probe.mjs
//   node --single-threaded-gc bench/alloc-probe.mjs
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { decodeImage, resizeRawImage, functional as F } from '../dist/node/index.js';

const decoded = resizeRawImage(await decodeImage(readFileSync(new URL('../samples/chelsea.png', import.meta.url))), 224, 224);
const img = { data: new Uint8Array(224 * 224 * 3), width: 224, height: 224, channels: 3 };
for (let i = 0, j = 0; j < img.data.length; i += decoded.channels, j += 3) img.data.set(decoded.data.subarray(i, i + 3), j);

const N = 2000;
const keep = [];
async function probe(name, fn) {
  for (let i = 0; i < 200; i++) keep[i & 63] = await fn();
  const rounds = [];
  for (let r = 0; r < 7; r++) {
    const f0 = process.resourceUsage().minorPageFault;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    // Outputs kept alive a while (64 of them), as a caller holding a batch would.
    for (let i = 0; i < N; i++) keep[i & 63] = await fn();
    const t = (performance.now() - t0) * 1000 / N;
    const c = process.cpuUsage(c0);
    rounds.push({ cpu: (c.user + c.system) / N, wall: t, faults: (process.resourceUsage().minorPageFault - f0) / N });
  }
  const med = (k) => rounds.map((x) => x[k]).sort((a, b) => a - b)[3];
  const range = (k) => `${Math.min(...rounds.map((x) => x[k])).toFixed(1)}–${Math.max(...rounds.map((x) => x[k])).toFixed(1)}`;
  console.log(`${name.padEnd(34)} CPU µs/call ${med('cpu').toFixed(1).padStart(6)} (${range('cpu')})  wall ${med('wall').toFixed(1).padStart(6)} (${range('wall')})  page faults/call ${med('faults').toFixed(1)}`);
}
const src = img.data;
await probe('new Uint8Array(150528) + copy', () => { const o = new Uint8Array(src.length); o.set(src); return o; });
await probe('F.hflip', () => F.hflip(img));
await probe('F.adjustBrightness 1.31 (form 2)', () => F.adjustBrightness(img, 1.31));
await probe('F.adjustBrightness 1.3 (form 4)', () => F.adjustBrightness(img, 1.3));
await probe('F.adjustBrightness 13/11 (form 3)', () => F.adjustBrightness(img, 13 / 11));
process.exit(0);
