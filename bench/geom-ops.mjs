// Per-op time of the geometry ops (functional API, one op, in this thread) on a 224×224 RGB photo, and
// RandomResizedCrop(224) from 500×375 through an inline pipeline augmenter. Run after `npm run build`:
//   node bench/geom-ops.mjs
import { readFileSync } from 'node:fs';
import { functional as F, createAugmenter } from '../dist/node/index.js';

function photo(w, h) {
  // A smooth synthetic RGB image (the timing does not depend on content).
  const d = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) { const i = (y * w + x) * 3; d[i] = x & 255; d[i + 1] = y & 255; d[i + 2] = (x * y) & 255; }
  return { data: d, width: w, height: h, channels: 3 };
}

// CPU time of this process per call (user + system; the machine may be shared, wall time is printed too).
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

async function time(label, fn, n = 200) {
  for (let i = 0; i < 20; i++) await fn();
  const c0 = cpuMs();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const ms = (cpuMs() - c0) / n;
  console.log(`${label.padEnd(58)} ${ms.toFixed(3)} ms CPU  (${((performance.now() - t0) / n).toFixed(3)} ms wall)`);
  return ms;
}

const img = photo(224, 224);
const sp = [[0, 0], [223, 0], [223, 223], [0, 223]];
const ep = [[20, 10], [200, 30], [215, 210], [5, 190]];
const field = new Float32Array(224 * 224 * 2).map((_, i) => Math.sin(i * 0.001) * 0.02);
console.log(`node ${process.version}, 224×224×3 input`);
await time('hflip (reference point)', () => F.hflip(img));
await time('affine 30°, t [5, -3], s 1.1, shear [10, 0], nearest', () => F.affine(img, 30, [5, -3], 1.1, [10, 0]));
await time('affine 30°, …, bilinear, fill [0]', () => F.affine(img, 30, [5, -3], 1.1, [10, 0], 'bilinear', [0]));
await time('rotate 30° bilinear', () => F.rotate(img, 30, 'bilinear'));
await time('rotate 30° bilinear expand', () => F.rotate(img, 30, 'bilinear', true));
await time('perspective bilinear', () => F.perspective(img, sp, ep));
await time('elasticTransform (given field) bilinear', () => F.elasticTransform(img, field));
await time('resize → 112 bilinear', () => F.resize(img, [112, 112]));
await time('resize → 112 bilinear antialias', () => F.resize(img, [112, 112], 'bilinear', null, true));
await time('resize → 112 bicubic antialias', () => F.resize(img, [112, 112], 'bicubic', null, true));
await time('resize → 448 bilinear', () => F.resize(img, [448, 448]), 50);
await time('resizedCrop 150×150 box → 224 bilinear', () => F.resizedCrop(img, 10, 20, 150, 150, [224, 224]));
await time('crop 200×200', () => F.crop(img, 10, 10, 200, 200));
await time('centerCrop 200', () => F.centerCrop(img, 200));
await time('pad 16 reflect', () => F.pad(img, 16, 0, 'reflect'));

async function pipe(label, pipeline, input, n = 300) {
  const aug = await createAugmenter({ pipeline, seed: 1, workers: 0 });
  const imgs = Array.from({ length: 50 }, () => input);
  await aug.augmentBatch(imgs);
  const c0 = cpuMs();
  const t0 = performance.now();
  let done = 0;
  while (done < n) { await aug.augmentBatch(imgs, { startIndex: done }); done += imgs.length; }
  const ms = (cpuMs() - c0) / done;
  console.log(`${label.padEnd(58)} ${ms.toFixed(3)} ms CPU/img (${Math.round(1000 / ms)} img/s per core; ${((performance.now() - t0) / done).toFixed(3)} ms wall)`);
  await aug.close();
}
const big = photo(500, 375);
await pipe('pipeline elastic α50 σ5 (field generated) 224²', [{ op: 'elastic' }], img, 50);
await pipe('pipeline randomResizedCrop 224 from 500×375', [{ op: 'randomResizedCrop', size: 224 }], big);
await pipe('pipeline randomResizedCrop 224 antialias from 500×375', [{ op: 'randomResizedCrop', size: 224, antialias: true }], big);
await pipe('pipeline randomResizedCrop 224 + hflip from 500×375', [{ op: 'randomResizedCrop', size: 224 }, { op: 'hflip', p: 0.5 }], big);
