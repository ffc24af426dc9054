#!/usr/bin/env node
/**
 * Speed of the blur / noise / occlusion / quality ops at 224×224 (one thread, inline), and the
 * Gaussian blur (σ = 2, 13×13 — the size OpenCV picks for σ = 2 on u8) beside opencv.js
 * `cv.GaussianBlur` in the same process, on RGB and RGBA.
 *
 * Usage: npm run build && node bench/fx-ops.mjs [--quick]
 */
import { createRequire } from 'node:module';

const quick = process.argv.includes('--quick');
const { createAugmenter, functional: F } = await import('../dist/node/index.js');
const S = 224;

function photo(c) {
  const data = new Uint8Array(S * S * c);
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) for (let k = 0; k < c; k++) {
    data[(y * S + x) * c + k] = k === 3 ? 255 : (x * 3 + y * (k + 1) + ((Math.imul(x * 131 + y, 2654435761) >>> 28) * 4)) & 255;
  }
  return { data, width: S, height: S, channels: c };
}

async function timeAsync(fn, n) {
  for (let i = 0; i < Math.max(3, n / 10); i++) await fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (performance.now() - t) / n;
}
function timeSync(fn, n) {
  for (let i = 0; i < Math.max(3, n / 10); i++) fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) fn();
  return (performance.now() - t) / n;
}

const n = quick ? 30 : 200;
console.log(`# fx ops at ${S}×${S}, inline, ms per image (node ${process.version})`);
const ops = [
  { op: 'gaussianBlur', kernelSize: 13, sigma: 2 },
  { op: 'boxBlur', kernelSize: 7 },
  { op: 'motionBlur', kernelSize: 7 },
  { op: 'gaussianNoise' },
  { op: 'shotNoise', scale: 12 },
  { op: 'saltPepper' },
  { op: 'randomErasing' },
  { op: 'coarseDropout' },
  { op: 'gridDropout' },
  { op: 'jpeg', quality: 75 },
  { op: 'downscale', scale: 0.25 },
  { op: 'downscale', scale: 0.25, interpolation: 'linear' },
];
for (const c of [3, 4]) {
  const img = photo(c);
  for (const node of ops) {
    const aug = await createAugmenter({ pipeline: [node] });
    let i = 0;
    const m = node.op === 'jpeg' ? Math.max(10, n / 5) : n;
    const ms = await timeAsync(() => aug.augment(img, { startIndex: i++ }), m);
    await aug.close();
    console.log(`${c === 3 ? 'RGB ' : 'RGBA'}  ${JSON.stringify(node).padEnd(62)} ${ms.toFixed(3)} ms`);
  }
}

// Gaussian blur beside opencv.js.
let cv;
try {
  cv = createRequire(import.meta.url)('@techstark/opencv-js');
  if (!cv.Mat) await new Promise((res) => { cv.onRuntimeInitialized = res; });
} catch (e) {
  console.log('opencv.js unavailable:', e.message);
}
console.log('\n# Gaussian blur σ = 2, 13×13, reflect101, 224×224 (ms per image)');
for (const c of [1, 3, 4]) {
  const img = photo(c);
  const ours = await timeAsync(() => F.gaussianBlur(img, 13, 2), n * 2);
  let line = `${c}ch  edge-augment F.gaussianBlur ${ours.toFixed(3)} ms`;
  if (cv) {
    const src = cv.matFromArray(S, S, c === 1 ? cv.CV_8UC1 : c === 3 ? cv.CV_8UC3 : cv.CV_8UC4, img.data);
    const dst = new cv.Mat();
    const ksize = new cv.Size(13, 13);
    const theirs = timeSync(() => cv.GaussianBlur(src, dst, ksize, 2, 2, cv.BORDER_REFLECT_101), n * 2);
    const a = (await F.gaussianBlur(img, 13, 2)).data;
    let md = 0;
    for (let i = 0; i < a.length; i++) md = Math.max(md, Math.abs(a[i] - dst.data[i]));
    src.delete(); dst.delete();
    line += ` | opencv.js cv.GaussianBlur ${theirs.toFixed(3)} ms | ${(theirs / ours).toFixed(1)}× | max |Δ| ${md}`;
  }
  console.log(line);
}
process.exit(0);
