// Per-output ms of batch mixing at 224×224 RGB (a real photo tiled), raw outputs:
//   node bench/mix-ms.mjs [rounds=640]
// For each prefix, the pipeline without a mix node vs with mixUp / cutMix, inline (workers 0) and with
// 2 workers (partners cross task boundaries: each task recomputes at most two extra prefix outputs).
import { readFileSync } from 'node:fs';
import { createAugmenter } from '../dist/node/index.js';

const rounds = Number(process.argv[2] ?? 640);
const meta = JSON.parse(readFileSync(new URL('../test/goldens/keras/cases.json', import.meta.url), 'utf8')).inputs.astronaut;
const src = new Uint8Array(readFileSync(new URL('../test/goldens/keras/inputs/astronaut.bin', import.meta.url)));
const W = 224, H = 224;
const data = new Uint8Array(W * H * 3);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < 3; c++) {
  data[(y * W + x) * 3 + c] = src[((y % meta.height) * meta.width + (x % meta.width)) * meta.channels + Math.min(c, meta.channels - 1)];
}
const batch = Array.from({ length: 64 }, (_, k) => ({ data: data.map((v) => (v + k) & 255), width: W, height: H, channels: 3 }));
const labels = batch.map((_, k) => k % 10);

const PREFIXES = {
  'hflip': [{ op: 'hflip', p: 0.5 }],
  'randomResizedCrop(224) + hflip': [{ op: 'randomResizedCrop', size: 224 }, { op: 'hflip', p: 0.5 }],
};
for (const workers of [0, 2]) {
  for (const [name, prefix] of Object.entries(PREFIXES)) {
    const row = [];
    for (const [tail, node] of [['none', null], ['mixUp', { op: 'mixUp' }], ['cutMix', { op: 'cutMix' }]]) {
      const aug = await createAugmenter({ pipeline: node ? [...prefix, node] : prefix, seed: 1, workers });
      await aug.augmentBatch(batch, { labels, numClasses: 10 }); // warm-up
      let n = 0;
      const t = performance.now();
      while (n < rounds) {
        const r = await aug.augmentBatch(batch, { startIndex: n, labels, numClasses: 10 });
        aug.recycle(r.items.map((x) => x.image));
        n += batch.length;
      }
      row.push(`${tail} ${((performance.now() - t) / n).toFixed(3)}`);
      await aug.close();
    }
    console.log(`workers ${workers} | ${name} | ms/output: ${row.join(' | ')}`);
  }
}
