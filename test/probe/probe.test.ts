/**
 * The robustness probe on a small CNN trained here (tfjs-core + cpu backend) with a known weakness: it tells
 * "fine texture" from "smooth" photo patches, so blur (which erases the texture) breaks it more with every
 * severity, while a mirror or a mild JPEG, which keep the texture, do not move it. CE/mCE are checked
 * against a hand computation from the same cells.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core alone registers no gradients (the @tensorflow/tfjs umbrella does): training here needs them.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { DIST } from '../api/helpers.js';
import { loadGoldens } from '../ops/golden.js';

const sdk = (await import(DIST.href)) as typeof import('../../src/index.js');
const S = 32;

/** Smooth 32×32 RGB patches of real photos (box-blurred), and the same with a fine ±28 checkerboard. */
function dataset(): { images: import('../../src/types.js').RawImage[]; labels: number[] } {
  const photos = loadGoldens('basic').inputs.filter((p) => p.channels === 3);
  const images: import('../../src/types.js').RawImage[] = [];
  const labels: number[] = [];
  let k = 0;
  for (const p of photos) {
    for (let oy = 0; oy + S <= p.height; oy += 5) for (let ox = 0; ox + S <= p.width; ox += 5) {
      const base = new Float32Array(S * S * 3);
      for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) for (let c = 0; c < 3; c++) {
        // 5×5 box blur of the photo: smooth.
        let s = 0, n = 0;
        for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) {
          const yy = Math.min(p.height - 1, Math.max(0, oy + y + dy)), xx = Math.min(p.width - 1, Math.max(0, ox + x + dx));
          s += p.data[(yy * p.width + xx) * 3 + c]!; n++;
        }
        base[(y * S + x) * 3 + c] = 40 + (s / n) * 0.6; // keep headroom for the texture
      }
      const textured = k++ % 2 === 1;
      const data = new Uint8Array(S * S * 3);
      for (let i = 0; i < S * S; i++) for (let c = 0; c < 3; c++) {
        const t = textured ? ((((i % S) + Math.floor(i / S)) & 1) ? 28 : -28) : 0;
        data[i * 3 + c] = Math.max(0, Math.min(255, Math.round(base[i * 3 + c]! + t)));
      }
      images.push({ data, width: S, height: S, channels: 3 });
      labels.push(textured ? 1 : 0);
    }
  }
  return { images, labels };
}

/** conv 3×3×3→4, relu, global average pool, dense 4→2: trained with Adam on the float inputs (x/255). */
function trainCnn(images: import('../../src/types.js').RawImage[], labels: number[]) {
  const x = tf.tensor4d(Float32Array.from(images.flatMap((im) => Array.from(im.data, (v) => v / 255))), [images.length, S, S, 3]);
  const y = tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), 2), 'float32');
  const w1 = tf.variable(tf.randomNormal([3, 3, 3, 4], 0, 0.3, 'float32', 7));
  const b1 = tf.variable(tf.zeros([4]));
  const w2 = tf.variable(tf.randomNormal([4, 2], 0, 0.3, 'float32', 8));
  const b2 = tf.variable(tf.zeros([2]));
  const logits = (inp: tf.Tensor4D) => tf.tidy(() => tf.add(tf.matMul(tf.mean(tf.relu(tf.add(tf.conv2d(inp, w1 as tf.Tensor4D, 1, 'valid'), b1)), [1, 2]) as tf.Tensor2D, w2 as tf.Tensor2D), b2) as tf.Tensor2D);
  const opt = tf.train.adam(0.05);
  for (let step = 0; step < 150; step++) opt.minimize(() => tf.losses.softmaxCrossEntropy(y, logits(x)) as tf.Scalar);
  x.dispose(); y.dispose();
  return (batch: tf.Tensor4D) => tf.tidy(() => tf.softmax(logits(batch)));
}

describe('probeRobustness (issue 14)', () => {
  it('a texture CNN: accuracy never rises with severity and blur breaks it; a mirror and mild JPEG do not; CE/mCE as by hand', async () => {
    await tf.setBackend('cpu');
    const { images, labels } = dataset();
    expect(images.length).toBeGreaterThanOrEqual(50);
    const model = trainCnn(images, labels);
    const before = tf.memory().numTensors;
    const r = await sdk.probeRobustness(model, images, {
      labels, corruptions: ['gaussian_blur', 'gaussian_noise', 'saturate'], seed: 3, batchSize: 16,
      perturbations: { jpeg30: [{ op: 'jpeg', quality: 30 }], hflip: [{ op: 'hflip' }] },
    });
    expect(tf.memory().numTensors).toBe(before);
    console.log(r.summary());
    expect(r.clean.accuracy).toBeGreaterThanOrEqual(0.95);
    const acc = (name: string) => r.cells.filter((c) => c.name === name).map((c) => c.accuracy!);
    // Accuracy never rises with severity; blur, which erases the texture the model looks for, breaks it.
    for (const name of ['gaussian_blur', 'gaussian_noise', 'saturate']) {
      const a = acc(name);
      expect(a).toHaveLength(5);
      for (let s = 1; s < 5; s++) expect(a[s]!, `${name} severity ${s + 1} vs ${s}`).toBeLessThanOrEqual(a[s - 1]! + 0.02);
    }
    expect(acc('gaussian_blur')[4]!, 'gaussian_blur at severity 5').toBeLessThan(r.clean.accuracy! - 0.25);
    // A mirror and a mild JPEG keep the texture: (almost) no flips.
    expect(r.cells.find((c) => c.name === 'hflip')!.flipRate).toBeLessThanOrEqual(0.02);
    expect(r.cells.find((c) => c.name === 'jpeg30')!.flipRate).toBeLessThanOrEqual(0.05);
    expect(r.worst.length).toBe(10);
    expect(r.worst[0]!.confidenceDrop).toBeGreaterThanOrEqual(r.worst[9]!.confidenceDrop);

    // CE / mCE against a baseline (the same probe without labels: errors are flip rates) = by hand.
    const base = await sdk.probeRobustness(model, images, { corruptions: ['gaussian_blur', 'gaussian_noise'], seed: 4, batchSize: 64 });
    const mine = { ...r, cells: r.cells.filter((c) => c.name !== 'saturate') };
    const ce = sdk.corruptionErrors(mine, base);
    let m = 0, rm = 0;
    for (const name of ['gaussian_blur', 'gaussian_noise']) {
      const e = mine.cells.filter((c) => c.name === name);
      const b = base.cells.filter((c) => c.name === name);
      const byHand = e.reduce((s, c) => s + (1 - c.accuracy!), 0) / b.reduce((s, c) => s + c.flipRate, 0);
      const relByHand = e.reduce((s, c) => s + (1 - c.accuracy!) - (1 - r.clean.accuracy!), 0) / b.reduce((s, c) => s + c.flipRate - 0, 0);
      expect(ce.ce[name]).toBeCloseTo(byHand, 12);
      expect(ce.relativeCe[name]).toBeCloseTo(relByHand, 12);
      m += byHand / 2; rm += relByHand / 2;
    }
    expect(ce.mCE).toBeCloseTo(m, 12);
    expect(ce.relativeMCE).toBeCloseTo(rm, 12);
    expect(() => sdk.corruptionErrors(r, base)).toThrow(/saturate/);
  }, 300_000);

  it('bad input is a typed error', async () => {
    const img = { data: new Uint8Array(8 * 8 * 3), width: 8, height: 8, channels: 3 as const };
    const m = (b: tf.Tensor4D) => tf.zeros([b.shape[0], 2]);
    await expect(sdk.probeRobustness(m, [])).rejects.toMatchObject({ code: 'EMPTY_INPUT' });
    await expect(sdk.probeRobustness(m, [img], { labels: [0, 1] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(sdk.probeRobustness(m, [img], { corruptions: ['nope' as never] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(sdk.probeRobustness(() => tf.zeros([1]), [img], { corruptions: [] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
