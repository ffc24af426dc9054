// Op pipeline rows of `npm run bench` (also: node bench/ops.mjs [--quick] [--only=<row name part>]): edge-augment inline beside
// tfjs-backend-wasm and opencv.js in one process, on real photos (samples/), as ratios.
//   - RandAugment(2, 9) at 224² (target ≥ 2,000 img/s per core);
//   - the torchvision ImageNet training transform (RandomResizedCrop 224 + horizontal flip + ColorJitter
//     0.4, 0.4, 0.4) from 500×375 inputs (target ≥ 3,000 img/s);
//   - Gaussian blur σ = 2 at 224² beside opencv.js GaussianBlur (target ≥ 2×);
//   - single ops beside their tfjs-backend-wasm equivalents (target ≥ 5×).
// Rows whose op is not registered are skipped (and say so).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createAugmenter, decodeImage, resizeRawImage, getOp, functional as F } from '../dist/node/index.js';

// CPU time (process.cpuUsage: this process's user + system time), not wall time: the machine these
// figures come from is shared, so wall time measures the neighbours too. The median of 7 rounds.
async function timeit(fn, { minMs, minIter = 5 }) {
  for (let i = 0; i < 3; i++) await fn(i);
  const rounds = [];
  for (let r = 0; r < 7; r++) {
    let n = 0;
    const w0 = performance.now();
    const c0 = process.cpuUsage();
    while (performance.now() - w0 < minMs / 7 || n < minIter) { await fn(n); n++; }
    const c = process.cpuUsage(c0);
    rounds.push((c.user + c.system) / 1000 / n);
  }
  rounds.sort((a, b) => a - b);
  return rounds[3];
}

const ROUNDS = 9;
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];

/**
 * `sides` ([name, fn][], the first is ours) timed in interleaved rounds: each round runs every side for
 * minMs / (ROUNDS · sides) of CPU-clock time, in turn. Returns per side its median ms per call and, for
 * the others, the median over rounds of (their ms / ours in the same round) and that ratio's range.
 */
async function timeRounds(sides, { minMs, minIter = 5 }) {
  const per = minMs / (ROUNDS * sides.length);
  // Warm-up: every side for one round's worth (the first calls compile, and grow the heap and pools).
  for (const [, fn] of sides) {
    const w0 = performance.now();
    for (let n = 0; n < minIter || performance.now() - w0 < per; n++) await fn(n);
  }
  const ms = sides.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    for (let s = 0; s < sides.length; s++) {
      const fn = sides[s][1];
      let n = 0;
      const w0 = performance.now();
      const c0 = process.cpuUsage();
      while (performance.now() - w0 < per || n < minIter) { await fn(n); n++; }
      const c = process.cpuUsage(c0);
      ms[s].push((c.user + c.system) / 1000 / n);
    }
  }
  const out = new Map();
  sides.forEach(([name], s) => {
    const ratios = ms[s].map((m, r) => m / ms[0][r]);
    const sorted = [...ratios].sort((x, y) => x - y);
    out.set(name, { ms: median(ms[s]), ratio: median(ratios), range: `rounds ${sorted[0].toFixed(1)}–${sorted[sorted.length - 1].toFixed(1)}×` });
  });
  return out;
}

async function photo(w, h, channels = 3) {
  const img = await decodeImage(readFileSync(new URL('../samples/chelsea.png', import.meta.url)));
  const r = resizeRawImage(img, w, h);
  if (channels === r.channels) return r;
  const out = new Uint8Array(w * h * channels);
  for (let i = 0, j = 0; i < r.data.length; i += r.channels, j += channels) for (let c = 0; c < channels; c++) out[j + c] = c < 3 ? r.data[i + c] : 255;
  return { data: out, width: w, height: h, channels };
}

/** Runs the op rows; `tf` (wasm backend active) and `cv` (opencv.js) are the peers, either may be absent. */
export async function runOpsBench({ quick = false, tf, cv, row, only }) {
  const minMs = quick ? 300 : 1500;
  const out = {};
  const has = (...ops) => ops.every((o) => getOp(o));
  const skip = (name, ops) => console.log(`${name.padEnd(46)} skipped: op ${ops.filter((o) => !getOp(o)).join(', ')} not registered`);
  console.log('\n# op pipelines (inline, one core, real photos)');
  const img224 = await photo(224, 224);
  const img500 = await photo(500, 375);
  let k = 0;
  const pipelineRow = async (name, ops, pipeline, img, batchN) => {
    if (only && !name.includes(only)) return;
    if (!has(...ops)) return skip(name, ops);
    const aug = await createAugmenter({ pipeline, seed: 1 });
    const batch = Array.from({ length: batchN }, () => img);
    // Outputs recycled, as the Keras rows of bench.mjs do (a training loop done with a batch: aug.recycle).
    const ms = await timeit(async () => { const r = await aug.augmentBatch(batch, { startIndex: k }); k += batchN; aug.recycle(r.items.map((x) => x.image)); }, { minMs }) / batchN;
    await aug.close();
    out[name] = row(name, img.width, ms);
  };
  await pipelineRow('randAugment(2, 9)', ['randAugment'], [{ op: 'randAugment', numOps: 2, magnitude: 9 }], img224, 64);
  await pipelineRow('trivialAugmentWide', ['trivialAugmentWide'], [{ op: 'trivialAugmentWide' }], img224, 64);
  await pipelineRow('augMix', ['augMix'], [{ op: 'augMix' }], img224, 32);
  await pipelineRow('ImageNet train (RRC 224 + flip + jitter) 500×375', ['randomResizedCrop', 'hflip', 'colorJitter'],
    [{ op: 'randomResizedCrop', size: 224 }, { op: 'hflip', p: 0.5 }, { op: 'colorJitter', brightness: 0.4, contrast: 0.4, saturation: 0.4 }], img500, 64);

  console.log('\n# single ops at 224² (functional API, RGB) beside tfjs-backend-wasm / opencv.js');
  // Ours and the peers interleaved, round by round (A B C, A B C, …): the ratio of each round compares the
  // two in the same state of the machine and of this process's heap (a run of one then the other put GC
  // phases and neighbours on one side only: the same build measured 1.8× and 21.8× against the same peer).
  // The printed times are each side's median round; the ratio is the median of the per-round ratios.
  const single = async (name, op, fn, peers = {}) => {
    if (only && !name.includes(only)) return;
    if (!getOp(op) || !F[fn.name ?? ''] && typeof fn !== 'function') return skip(name, [op]);
    const live = Object.entries(peers).filter(([, pfn]) => pfn);
    const sides = [['edge-augment', () => fn(img224)], ...live];
    try {
      await fn(img224);
    } catch (e) {
      return console.log(`${name.padEnd(46)} failed: ${e.message}`);
    }
    const failed = new Set();
    for (const [peer, pfn] of live) {
      try { await pfn(); } catch (e) { console.log(`  ${peer} failed: ${e.message}`); failed.add(peer); }
    }
    const t = await timeRounds(sides.filter(([s]) => !failed.has(s)), { minMs: minMs * (1 + live.length - failed.size) });
    const ms = t.get('edge-augment').ms;
    out[name] = row(`edge-augment ${name}`, 224, ms);
    for (const [peer] of live) {
      if (failed.has(peer)) continue;
      const { ms: pm, ratio } = t.get(peer);
      row(`  ${peer}`, 224, pm);
      console.log(`  → edge-augment ${ratio.toFixed(1)}× faster than ${peer} (median of ${ROUNDS} interleaved rounds; ${t.get(peer).range})`);
      out[`${name} vs ${peer}`] = ratio;
    }
  };
  const rgbTensor = tf ? () => tf.tensor3d(img224.data, [224, 224, 3], 'int32') : null;
  const tfPeer = (f) => (tf ? () => { const y = tf.tidy(() => f(tf.cast(rgbTensor(), 'float32'))); y.dataSync(); y.dispose(); } : null);
  const cvPeer = (f) => {
    if (!cv) return null;
    const src = cv.matFromArray(224, 224, cv.CV_8UC3, img224.data);
    const dst = new cv.Mat();
    return () => { f(src, dst); dst.data; };
  };
  if (getOp('gaussianBlur')) {
    await single('gaussianBlur σ=2 (k=13)', 'gaussianBlur', (im) => F.gaussianBlur(im, [13, 13], [2, 2]), {
      'opencv.js GaussianBlur': cvPeer((s, d) => cv.GaussianBlur(s, d, new cv.Size(13, 13), 2, 2, cv.BORDER_REFLECT_101)),
      'tfjs-wasm depthwiseConv2d': tf ? (() => { const g = Array.from({ length: 13 }, (_, i) => Math.exp(-((i - 6) ** 2) / 8)); const s = g.reduce((a, b) => a + b); const kx = tf.tile(tf.tensor4d(g.map((v) => v / s), [1, 13, 1, 1]), [1, 1, 3, 1]); const ky = tf.tile(tf.tensor4d(g.map((v) => v / s), [13, 1, 1, 1]), [1, 1, 3, 1]); return tfPeer((x) => tf.round(tf.depthwiseConv2d(tf.depthwiseConv2d(tf.expandDims(x, 0), kx, 1, 'same'), ky, 1, 'same'))); })() : null,
    });
  } else skip('gaussianBlur σ=2', ['gaussianBlur']);
  await single('hflip', 'hflip', (im) => F.hflip(im), { 'tfjs-wasm flipLeftRight': tfPeer((x) => tf.image.flipLeftRight(tf.expandDims(x, 0))) });
  await single('invert', 'invert', (im) => F.invert(im), { 'tfjs-wasm 255 − x': tfPeer((x) => tf.sub(255, x)) });
  if (getOp('brightness')) await single('adjustBrightness 1.3', 'brightness', (im) => F.adjustBrightness(im, 1.3), { 'tfjs-wasm clip(x·1.3)': tfPeer((x) => tf.floor(tf.clipByValue(tf.mul(x, 1.3), 0, 255))) });
  if (getOp('contrast')) await single('adjustContrast 1.5', 'contrast', (im) => F.adjustContrast(im, 1.5), { 'tfjs-wasm contrast': tfPeer((x) => { const m = tf.mean(tf.sum(tf.mul(x, tf.tensor1d([0.2989, 0.587, 0.114])), -1)); return tf.floor(tf.clipByValue(tf.add(tf.mul(x, 1.5), tf.mul(m, -0.5)), 0, 255)); }) });
  if (getOp('grayscale')) await single('rgbToGrayscale', 'grayscale', (im) => F.rgbToGrayscale(im, 1), { 'tfjs-wasm Σ x·[.2989 .587 .114]': tfPeer((x) => tf.floor(tf.sum(tf.mul(x, tf.tensor1d([0.2989, 0.587, 0.114])), -1))) });
  if (getOp('solarize')) await single('solarize 128', 'solarize', (im) => F.solarize(im, 128), { 'tfjs-wasm where(x ≥ 128)': tfPeer((x) => tf.where(tf.greaterEqual(x, 128), tf.sub(255, x), x)) });
  if (getOp('rotate')) await single('rotate 30° bilinear', 'rotate', (im) => F.rotate(im, 30, 'bilinear'), { 'tfjs-wasm rotateWithOffset': tfPeer((x) => tf.image.rotateWithOffset(tf.expandDims(x, 0), Math.PI / 6)) });
  if (getOp('resize')) await single('resize 224→112 bilinear', 'resize', (im) => F.resize(im, [112, 112]), { 'tfjs-wasm resizeBilinear': tfPeer((x) => tf.image.resizeBilinear(x, [112, 112])) });
  await single('vflip', 'vflip', (im) => F.vflip(im), { 'tfjs-wasm reverse(x, 0)': tfPeer((x) => tf.reverse(x, 0)) });
  await single('rot90', 'rot90', (im) => F.rot90(im, 1), { 'tfjs-wasm reverse(transpose(x), 0)': tfPeer((x) => tf.reverse(tf.transpose(x, [1, 0, 2]), 0)) });
  await single('transpose', 'transpose', (im) => F.transpose(im), { 'tfjs-wasm transpose': tfPeer((x) => tf.transpose(x, [1, 0, 2])) });
  if (getOp('gamma')) await single('adjustGamma 0.8', 'gamma', (im) => F.adjustGamma(im, 0.8), { 'tfjs-wasm 255·(x/255)^0.8': tfPeer((x) => tf.floor(tf.mul(tf.pow(tf.div(x, 255), 0.8), 255))) });
  if (getOp('centerCrop')) await single('centerCrop 160', 'centerCrop', (im) => F.centerCrop(im, 160), { 'tfjs-wasm slice': tfPeer((x) => tf.slice(x, [32, 32, 0], [160, 160, 3])) });
  if (getOp('pad')) await single('pad 16 (constant)', 'pad', (im) => F.pad(im, 16), { 'tfjs-wasm pad': tfPeer((x) => tf.pad(x, [[16, 16], [16, 16], [0, 0]])) });
  if (getOp('randomResizedCrop')) await single('resizedCrop 150×160 → 224² bilinear', 'randomResizedCrop', (im) => F.resizedCrop(im, 20, 30, 150, 160, [224, 224]), { 'tfjs-wasm cropAndResize': tfPeer((x) => tf.image.cropAndResize(tf.expandDims(x, 0), tf.tensor2d([[20 / 223, 30 / 223, 169 / 223, 189 / 223]]), [0], [224, 224], 'bilinear')) });
  if (getOp('perspective')) await single('perspective', 'perspective', (im) => F.perspective(im, [[0, 0], [223, 0], [223, 223], [0, 223]], [[10, 5], [210, 12], [220, 215], [3, 200]]), { 'tfjs-wasm image.transform (projective)': tfPeer((x) => tf.image.transform(tf.expandDims(x, 0), tf.tensor2d([[1.02, 0.03, -8, 0.02, 1.01, -5, 0.0001, 0.0001]]), 'bilinear')) });
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend('wasm');
  await tf.ready();
  const { createRequire } = await import('node:module');
  let cv;
  try { cv = createRequire(import.meta.url)('@techstark/opencv-js'); if (!cv.Mat) await new Promise((r) => { cv.onRuntimeInitialized = r; }); } catch { cv = undefined; }
  const row = (name, size, ms) => { console.log(`${name.padEnd(46)} ${String(size + '²').padStart(5)}  ${ms.toFixed(4).padStart(9)} ms/img  ${(1000 / ms).toFixed(0).padStart(7)} img/s`); return { name, size, msPerImg: ms }; };
  await runOpsBench({ quick: process.argv.includes('--quick'), only: process.argv.find((a) => a.startsWith('--only='))?.slice(7), tf, cv: cv ? { ...cv, matFromArray: cv.matFromArray.bind(cv) } && cv : undefined, row });
  process.exit(0);
}
