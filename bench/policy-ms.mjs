// Per-output ms of the policy ops at 224×224 RGB (a real photo), inline, one thread:
//   node bench/policy-ms.mjs [rounds=400]
// Prints sampling-only µs (planOutput) and end-to-end ms per output (augmentBatch, raw, no workers).
import { readFileSync } from 'node:fs';
import { createAugmenter, compilePipeline, planOutput } from '../dist/node/index.js';

const rounds = Number(process.argv[2] ?? 400);
const meta = JSON.parse(readFileSync(new URL('../test/goldens/keras/cases.json', import.meta.url), 'utf8')).inputs.astronaut;
const src = new Uint8Array(readFileSync(new URL('../test/goldens/keras/inputs/astronaut.bin', import.meta.url)));
// Tile the photo to 224×224 RGB.
const W = 224;
const H = 224;
const data = new Uint8Array(W * H * 3);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < 3; c++) {
  data[(y * W + x) * 3 + c] = src[((y % meta.height) * meta.width + (x % meta.width)) * meta.channels + Math.min(c, meta.channels - 1)];
}
const image = { data, width: W, height: H, channels: 3 };

const PIPES = {
  'randAugment(2, 9)': [{ op: 'randAugment', numOps: 2, magnitude: 9 }],
  trivialAugmentWide: [{ op: 'trivialAugmentWide' }],
  'autoAugment(imagenet)': [{ op: 'autoAugment' }],
  'augMix(3, 3, -1)': [{ op: 'augMix' }],
};
for (const [name, pipeline] of Object.entries(PIPES)) {
  const nodes = compilePipeline(pipeline);
  let t = performance.now();
  for (let i = 0; i < 20000; i++) planOutput(nodes, 1, i, image);
  const planUs = ((performance.now() - t) / 20000) * 1000;
  const aug = await createAugmenter({ pipeline, seed: 1 });
  const batch = Array.from({ length: 16 }, () => image);
  await aug.augmentBatch(batch); // warm-up
  let n = 0;
  t = performance.now();
  while (n < rounds) {
    const r = await aug.augmentBatch(batch, { startIndex: n });
    aug.recycle(r.items.map((x) => x.image));
    n += batch.length;
  }
  const ms = (performance.now() - t) / n;
  console.log(`${name.padEnd(24)} sampling ${planUs.toFixed(1).padStart(6)} µs/output   end to end ${ms.toFixed(3)} ms/output = ${Math.round(1000 / ms)} img/s`);
  await aug.close();
}
