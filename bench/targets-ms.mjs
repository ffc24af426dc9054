// Targets overhead per output at 224² (inline, one thread): images alone vs + 10 boxes + 10 keypoints vs + one
// 1-channel mask, for an affine pipeline and an elastic one. Run: `npm run build && node bench/targets-ms.mjs`.
import { createAugmenter } from '../dist/node/index.js';

const W = 224, H = 224, N = 20;
const image = { data: new Uint8Array(W * H * 3).map((_, i) => (i * 31) & 255), width: W, height: H, channels: 3 };
const mask = { data: new Uint8Array(W * H).map((_, i) => (i >> 9) & 3), width: W, height: H, channels: 1 };
const boxes = { format: 'pascal_voc', boxes: Array.from({ length: 10 }, (_, i) => [i * 10, i * 8, i * 10 + 60, i * 8 + 50]) };
const keypoints = { format: 'xya', points: Array.from({ length: 10 }, (_, i) => [i * 20 + 5, i * 15 + 5, i * 30]) };
const pipelines = {
  affine: [{ op: 'randomResizedCrop', size: 224 }, { op: 'hflip', p: 0.5 }, { op: 'affine', degrees: 15, translate: [0.1, 0.1] }, { op: 'colorJitter', brightness: 0.4 }],
  elastic: [{ op: 'elastic', alpha: 50, sigma: 5 }, { op: 'hflip', p: 0.5 }],
};
for (const [name, pipeline] of Object.entries(pipelines)) {
  const aug = await createAugmenter({ pipeline, seed: 1 });
  const time = async (targets) => {
    await aug.augment(image, { variants: 4, ...(targets ? { targets } : {}) });
    const t = performance.now();
    await aug.augment(image, { variants: N, ...(targets ? { targets } : {}) });
    return (performance.now() - t) / N;
  };
  // Interleaved rounds, best of 5 each (the machine is shared: take the least disturbed run).
  let base = Infinity, geo = Infinity, all = Infinity;
  for (let r = 0; r < 5; r++) {
    base = Math.min(base, await time(undefined));
    geo = Math.min(geo, await time({ boxes, keypoints }));
    all = Math.min(all, await time({ boxes, keypoints, masks: [mask] }));
  }
  console.log(`${name}: image ${base.toFixed(2)} ms/output; + 10 boxes + 10 keypoints ${geo.toFixed(2)}; + one 1-channel mask ${all.toFixed(2)}`);
  await aug.close();
}
