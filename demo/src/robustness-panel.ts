/**
 * The robustness panel: a tfjs model — one the page trains in a few seconds on crops of the loaded
 * photos (which photo is this 32×32 crop from?), or a LayersModel loaded from files (model.json +
 * weights) — probed under ImageNet-C corruptions × severities with the SDK's `probeRobustness`; a heat
 * map of accuracy (or, without labels, the prediction flip rate) per corruption × severity, with an
 * example image of each cell (`corrupt`).
 *
 * The model runs on the page's own tfjs (tfjs-layers on the cpu backend, imported here); the SDK never
 * changes the app's backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core alone registers no gradients (the @tensorflow/tfjs umbrella does): training needs them.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import * as tfl from '@tensorflow/tfjs-layers';
import { corrupt, probeRobustness, resizeRawImage, type CorruptionName, type ProbeResult, type RawImage } from './sdk.js';
import { byId, el, fmt } from './dom.js';
import { toCanvas } from './images.js';

/** What the panel needs from the page. */
export interface RobustnessSources {
  /** The loaded photos, with their names (the classes of the page's own model). */
  sources(): { name: string; image: RawImage }[];
}

const S = 32;
const QUICK: readonly CorruptionName[] = ['gaussian_noise', 'defocus_blur', 'motion_blur', 'contrast', 'brightness', 'pixelate', 'jpeg_compression', 'fog'];
const ALL: readonly CorruptionName[] = [
  'gaussian_noise', 'shot_noise', 'impulse_noise', 'defocus_blur', 'glass_blur', 'motion_blur', 'zoom_blur', 'snow', 'frost', 'fog',
  'brightness', 'contrast', 'elastic_transform', 'pixelate', 'jpeg_compression', 'speckle_noise', 'gaussian_blur', 'spatter', 'saturate',
];

/** mulberry32. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

/** RGB copy of an image (1/3/4 channels). */
function rgb(img: RawImage): RawImage {
  if (img.channels === 3) return img;
  const n = img.width * img.height, out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) out[i * 3 + c] = img.data[i * img.channels + Math.min(c, img.channels - 1)];
  return { data: out, width: img.width, height: img.height, channels: 3 };
}

/** `count` random S×S crops of each photo (scaled to 128 px first), labelled by photo. */
function crops(photos: RawImage[], perClass: number, seed: number): { images: RawImage[]; labels: number[] } {
  const u = rng(seed);
  const images: RawImage[] = [], labels: number[] = [];
  photos.forEach((p, label) => {
    const s = 128 / Math.max(p.width, p.height);
    const small = rgb(resizeRawImage(p, Math.max(S, Math.round(p.width * s)), Math.max(S, Math.round(p.height * s)), 'bilinear'));
    for (let k = 0; k < perClass; k++) {
      const x0 = Math.floor(u() * (small.width - S + 1)), y0 = Math.floor(u() * (small.height - S + 1));
      const d = new Uint8Array(S * S * 3);
      for (let y = 0; y < S; y++) d.set(small.data.subarray(((y0 + y) * small.width + x0) * 3, ((y0 + y) * small.width + x0 + S) * 3), y * S * 3);
      images.push({ data: d, width: S, height: S, channels: 3 });
      labels.push(label);
    }
  });
  return { images, labels };
}

function toTensor(images: RawImage[]): tf.Tensor4D {
  const { width: w, height: h, channels: c } = images[0];
  const all = new Float32Array(images.length * w * h * c);
  images.forEach((im, i) => { for (let j = 0; j < im.data.length; j++) all[i * w * h * c + j] = im.data[j] / 255; });
  return tf.tensor4d(all, [images.length, h, w, c]);
}

/** Heat class 0 (bad) … 9 (good) of a score in [0, 1]. */
function heat(score: number): string {
  return `heat-${Math.max(0, Math.min(9, Math.floor(score * 10)))}`;
}

/** Wires the panel to the elements of index.html. */
export function createRobustnessPanel(src: RobustnessSources): void {
  const trainBtn = byId<HTMLButtonElement>('robust-train');
  const filesIn = byId<HTMLInputElement>('robust-files');
  const setSel = byId<HTMLSelectElement>('robust-set');
  const runBtn = byId<HTMLButtonElement>('robust-run');
  const status = byId('robust-status');
  const table = byId<HTMLTableElement>('robust-heatmap');
  const summary = byId('robust-summary');
  let model: tfl.LayersModel | undefined;
  let test: { images: RawImage[]; labels?: number[] } | undefined;
  let busy = false;

  const guard = (fn: () => Promise<void>) => async () => {
    if (busy) return;
    busy = true;
    trainBtn.disabled = runBtn.disabled = true;
    status.classList.remove('error');
    try {
      await tf.setBackend('cpu');
      await fn();
    } catch (e) {
      status.classList.add('error');
      status.textContent = (e as Error).message;
    } finally {
      busy = false;
      trainBtn.disabled = false;
      runBtn.disabled = !model;
    }
  };

  const train = async () => {
    const photos = src.sources().map((s) => s.image);
    if (photos.length < 2) throw new Error('Load at least two photos first (the model tells which photo a crop comes from).');
    status.textContent = `Training a small CNN on ${photos.length} classes…`;
    const t0 = performance.now();
    const data = crops(photos, 32, 1);
    const held = crops(photos, 8, 2);
    model?.dispose();
    const m = tfl.sequential({
      layers: [
        // Strided convolutions: a quarter of the arithmetic of conv + pool, so it trains in seconds on tfjs's cpu backend.
        tfl.layers.conv2d({ inputShape: [S, S, 3], filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
        tfl.layers.conv2d({ filters: 16, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: photos.length, activation: 'softmax' }),
      ],
    });
    m.compile({ optimizer: tf.train.adam(0.005), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const x = toTensor(data.images), y = tf.tensor1d(data.labels, 'float32');
    try {
      await m.fit(x, y, { epochs: 6, batchSize: 32, shuffle: true, verbose: 0 });
    } finally {
      x.dispose(); y.dispose();
    }
    model = m;
    test = held;
    status.dataset.model = 'trained';
    status.dataset.trainSeconds = String((performance.now() - t0) / 1000);
    status.textContent = `Trained in ${fmt((performance.now() - t0) / 1000)} s on ${data.images.length} crops (32×32) of ${photos.length} photos; the probe uses ${held.images.length} held-out crops with labels.`;
  };

  const load = async () => {
    const files = Array.from(filesIn.files ?? []);
    const json = files.find((f) => f.name.endsWith('.json'));
    if (!json) throw new Error('Pick model.json together with its weight files (.bin).');
    status.textContent = `Loading ${json.name}…`;
    const m = await tfl.loadLayersModel(tf.io.browserFiles([json, ...files.filter((f) => f !== json)]));
    const shape = m.inputs[0].shape;
    const [h, w, c] = [shape[1], shape[2], shape[3]];
    if (typeof h !== 'number' || typeof w !== 'number' || (c !== 3 && c !== 1)) throw new Error(`The model's input must be [batch, height, width, 1 or 3], got ${JSON.stringify(shape)}.`);
    const photos = src.sources().map((s) => s.image);
    if (!photos.length) throw new Error('Load some photos first: the probe runs the model on them.');
    const images = photos.map((p) => {
      const r = rgb(resizeRawImage(p, w, h, 'bilinear'));
      if (c === 3) return r;
      const g = new Uint8Array(w * h);
      for (let i = 0; i < w * h; i++) g[i] = Math.round(0.299 * r.data[i * 3] + 0.587 * r.data[i * 3 + 1] + 0.114 * r.data[i * 3 + 2]);
      return { data: g, width: w, height: h, channels: 1 as const };
    });
    model?.dispose();
    model = m;
    test = { images };
    status.dataset.model = 'loaded';
    status.textContent = `Loaded ${json.name} (input ${w}×${h}×${c}); the probe runs it on the ${images.length} loaded photos, without labels (flip rate).`;
  };

  const run = async () => {
    if (!model || !test) throw new Error('Train or load a model first.');
    const corruptions = setSel.value === 'all' ? ALL : QUICK;
    const severities = [1, 2, 3, 4, 5];
    const m = model;
    const t0 = performance.now();
    const result: ProbeResult = await probeRobustness((x) => m.predict(x) as tf.Tensor, test.images, {
      ...(test.labels ? { labels: test.labels } : {}), corruptions, severities, batchSize: 64,
      onProgress: (done, total) => { status.textContent = `Probing… ${done} / ${total} cells`; },
    });
    const labelled = result.labelled;
    const head = el('tr', {}, [el('th', {}, [labelled ? 'accuracy' : 'flip rate']), ...severities.map((s) => el('th', {}, [`severity ${s}`]))]);
    const example = test.images[0];
    const rows = await Promise.all(corruptions.map(async (c) => el('tr', { 'data-corruption': c }, [
      el('th', {}, [c.replace(/_/g, ' ')]),
      ...(await Promise.all(severities.map(async (s) => {
        const cell = result.cells.find((x) => x.name === c && x.severity === s)!;
        const value = labelled ? cell.accuracy! : cell.flipRate;
        const good = labelled ? value : 1 - value;
        const pic = toCanvas(await corrupt(example, { corruption: c, severity: s, seed: 1 }), 'example');
        return el('td', { class: `cell ${heat(good)}`, 'data-value': String(value), title: `${c} @ ${s}: ${labelled ? 'accuracy' : 'flip rate'} ${(value * 100).toFixed(1)} %, confidence drop ${fmt(cell.confidenceDrop)}` }, [
          pic, el('span', { class: 'num' }, [`${(value * 100).toFixed(0)} %`]),
        ]);
      }))),
    ])));
    table.replaceChildren(el('thead', {}, [head]), el('tbody', {}, rows));
    summary.textContent = result.summary();
    status.textContent = `Probe done in ${fmt((performance.now() - t0) / 1000)} s: ${corruptions.length} corruptions × ${severities.length} severities on ${result.n} images; clean ${labelled ? `accuracy ${(result.clean.accuracy! * 100).toFixed(1)} %` : 'predictions are the reference (flip rate)'}.`;
    table.dataset.cells = String(result.cells.length);
    document.body.dataset.probeRuns = String(Number(document.body.dataset.probeRuns ?? 0) + 1);
  };

  trainBtn.addEventListener('click', guard(train));
  filesIn.addEventListener('change', guard(load));
  runBtn.addEventListener('click', guard(run));
  runBtn.disabled = true;
}
