/**
 * Trains a small CNN with tfjs-layers on edge-augment's tensor output — the app's own tfjs, the
 * app's own backend ('cpu' here), default SDK options — inline or with a worker pool.
 *
 *   node examples/train-tfjs/train.mjs            # inline
 *   node examples/train-tfjs/train.mjs --workers 2
 *
 * The task: 16×16 pictures of stripes, horizontal (class 0) or vertical (class 1), random period,
 * phase, tints and noise; augmented each epoch with rotation, shifts and horizontal flips (none of
 * which turns one class into the other). Accuracy is measured on a held-out set before and after.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { createAugmenter } from 'edge-augment';

const SIZE = 16;

/** A deterministic PRNG (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` stripe pictures (RGB RawImages) and their labels, half of each class. */
export function stripes(n, seed) {
  const r = rng(seed);
  const images = [];
  const labels = [];
  for (let k = 0; k < n; k++) {
    const label = k % 2;
    const period = 3 + r() * 3, phase = r() * period;
    const light = 170 + r() * 85, dark = r() * 85;
    const a = [0, 1, 2].map(() => light - r() * 40), b = [0, 1, 2].map(() => dark + r() * 40);
    const data = new Uint8Array(SIZE * SIZE * 3);
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        const t = ((label === 0 ? y : x) + phase) % period < period / 2;
        for (let c = 0; c < 3; c++) data[(y * SIZE + x) * 3 + c] = Math.max(0, Math.min(255, (t ? a[c] : b[c]) + (r() - 0.5) * 40));
      }
    }
    images.push({ data, width: SIZE, height: SIZE, channels: 3 });
    labels.push(label);
  }
  return { images, labels };
}

/** A seeded permutation of 0…n−1 (Fisher–Yates). */
function permutation(n, seed) {
  const r = rng(seed);
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

/** The CNN; its initial weights come from `seed`, so a run is reproducible (tfjs would use Math.random). */
function model(seed) {
  const init = (k) => tfl.initializers.glorotUniform({ seed: seed * 10 + k });
  const m = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [SIZE, SIZE, 3], filters: 8, kernelSize: 3, activation: 'relu', kernelInitializer: init(1) }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: init(2) }),
    ],
  });
  m.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

function accuracy(m, test) {
  return tf.tidy(() => {
    const x = tf.tensor4d(Float32Array.from(test.images.flatMap((im) => Array.from(im.data, (v) => v / 255))), [test.images.length, SIZE, SIZE, 3]);
    const pred = tf.argMax(m.predict(x), -1).dataSync();
    let ok = 0;
    pred.forEach((p, i) => { if (p === test.labels[i]) ok++; });
    return ok / test.labels.length;
  });
}

/**
 * Trains for `epochs` epochs; returns accuracy before/after, the app's backend at each step and the
 * live tensor count after each epoch.
 */
export async function train({ workers = 0, epochs = 6, trainSize = 96, seed = 7 } = {}) {
  await tf.setBackend('cpu'); // the app's choice; the SDK must leave it alone
  const backends = { beforeCreate: tf.getBackend() };
  const data = stripes(trainSize, seed);
  const test = stripes(64, seed + 1000);
  const m = model(seed);
  const before = accuracy(m, test);
  const aug = await createAugmenter({
    spec: { rescale: 1 / 255, rotationRange: 15, widthShiftRange: 0.1, heightShiftRange: 0.1, horizontalFlip: true },
    seed, workers,
  });
  backends.afterCreate = tf.getBackend();
  const y = tf.oneHot(tf.tensor1d(data.labels, 'int32'), 2);
  const tensorsPerEpoch = [];
  const losses = [];
  try {
    for (let e = 0; e < epochs; e++) {
      // A seeded shuffle of the epoch's order (fit's own `shuffle` uses Math.random): same run, same weights.
      const order = permutation(trainSize, seed * 1000 + e);
      const { tensor } = await aug.augmentBatch(order.map((i) => data.images[i]), { output: 'tensor', startIndex: e * trainSize });
      const ye = tf.gather(y, order);
      const h = await m.fit(tensor, ye, { epochs: 1, batchSize: 16, shuffle: false, verbose: 0 });
      ye.dispose();
      losses.push(h.history.loss[0]);
      tensor.dispose();
      tensorsPerEpoch.push(tf.memory().numTensors);
    }
    backends.afterAugment = tf.getBackend();
  } finally {
    await aug.close();
    y.dispose();
  }
  backends.afterClose = tf.getBackend();
  const after = accuracy(m, test);
  m.dispose();
  return { workers: aug.workers, before, after, losses, backends, tensorsPerEpoch, leftTensors: tf.memory().numTensors };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--workers');
  const r = await train({ workers: i > 0 ? Number(process.argv[i + 1]) : 0 });
  console.log(JSON.stringify(r, null, 2));
}
