// CPU time per image of the two issue-10 target pipelines, inline, batches of 64 with outputs recycled (as a
// training loop that hands its batches back with aug.recycle does). For profiling:
//   node bench/pipeline-cpu.mjs imagenet [batches]   # RandomResizedCrop 224 + hflip + ColorJitter(0.4, 0.4, 0.4), 500×375 input
//   node bench/pipeline-cpu.mjs randaug [batches]    # RandAugment(2, 9) at 224²
//   node --cpu-prof bench/pipeline-cpu.mjs imagenet 60
// Run `npm run build` first (it uses dist/). bench/ops.mjs has the same rows beside the peers.
import { readFileSync } from 'node:fs';
import { createAugmenter, decodeImage, resizeRawImage } from '../dist/node/index.js';

const which = process.argv[2] ?? 'imagenet';
if (which !== 'imagenet' && which !== 'randaug') throw new Error(`usage: node bench/pipeline-cpu.mjs imagenet|randaug [batches]`);
// The photo decodes as RGBA; the target rows (and bench/ops.mjs) are RGB: drop alpha (`--rgba` keeps it).
const decoded = await decodeImage(readFileSync(new URL('../samples/chelsea.png', import.meta.url)));
const sized = which === 'imagenet' ? resizeRawImage(decoded, 500, 375) : resizeRawImage(decoded, 224, 224);
const img = process.argv.includes('--rgba') ? sized : rgb(sized);
function rgb(im) {
  const out = new Uint8Array(im.width * im.height * 3);
  for (let i = 0, j = 0; j < out.length; i += im.channels, j += 3) { out[j] = im.data[i]; out[j + 1] = im.data[i + 1]; out[j + 2] = im.data[i + 2]; }
  return { data: out, width: im.width, height: im.height, channels: 3 };
}
const pipeline = which === 'imagenet'
  ? [{ op: 'randomResizedCrop', size: 224 }, { op: 'hflip', p: 0.5 }, { op: 'colorJitter', brightness: 0.4, contrast: 0.4, saturation: 0.4 }]
  : [{ op: 'randAugment', numOps: 2, magnitude: 9 }];
const aug = await createAugmenter({ pipeline, seed: 1 });
const batch = Array.from({ length: 64 }, () => img);
let k = 0;
const round = async () => {
  const r = await aug.augmentBatch(batch, { startIndex: k });
  k += batch.length;
  aug.recycle(r.items.map((x) => x.image));
};
for (let i = 0; i < 10; i++) await round(); // warm-up
const n = Number(process.argv.slice(3).find((a) => /^\d+$/.test(a)) ?? 60);
const c0 = process.cpuUsage();
for (let i = 0; i < n; i++) await round();
const c = process.cpuUsage(c0);
const ms = (c.user + c.system) / 1000 / (n * batch.length);
console.log(`${which} (${img.channels === 3 ? 'RGB' : 'RGBA'}): ${ms.toFixed(3)} ms/img CPU = ${Math.round(1000 / ms)} img/s per core (${n} batches of ${batch.length})`);
await aug.close();
