// Per-output ms of the evasion perturbations at 224×224 RGB (a real photo, samples/astronaut.png resized by
// the SDK's decoder + our resize), inline, one thread:
//   node bench/evasion-ms.mjs [rounds=64]
import { readFileSync } from 'node:fs';
import { createAugmenter, decodeImage } from '../dist/node/index.js';

const rounds = Number(process.argv[2] ?? 64);
const decoded = await decodeImage(new Uint8Array(readFileSync(new URL('../samples/astronaut.png', import.meta.url))), { channels: 3 });
const resizer = await createAugmenter({ pipeline: [{ op: 'resize', size: [224, 224], antialias: true }], seed: 0 });
const image = (await resizer.augment(decoded, { variants: 1 }))[0].image;
await resizer.close();
console.log(`input ${image.width}×${image.height}×${image.channels}, ${rounds} outputs per op, inline`);

const OPS = {
  overlayStripes: { op: 'overlayStripes', lineWidth: [0.2, 0.6], lineAngle: [-60, 60], lineDensity: [0.6, 0.9], lineType: 'dashed' },
  overlayImage: { op: 'overlayImage', overlay: 'ring', overlaySize: [0.2, 0.6], xPos: [0, 0.6], yPos: [0, 0.6] },
  overlayText: { op: 'overlayText', text: ['FREE', 'SALE 50%', 'call now'], fontSize: [0.1, 0.25], xPos: [0, 0.4], yPos: [0, 0.7] },
  overlayEmoji: { op: 'overlayEmoji', emoji: ['😍', '🔥', '👍'], emojiSize: [0.2, 0.5], xPos: [0, 0.6], yPos: [0, 0.6] },
  memeFormat: { op: 'memeFormat', text: 'LOL', captionHeight: 60 },
  socialFrame: { op: 'socialFrame' },
  padAspectRatio: { op: 'padAspectRatio', ratio: [0.5, 2] },
  splitAndShuffle: { op: 'splitAndShuffle', nColumns: 3, nRows: 3 },
  pixelization: { op: 'pixelization', ratio: [0.1, 0.5] },
  'encodingQuality [80,50,30]': { op: 'encodingQuality', quality: [80, 50, 30] },
  'scale (lanczos)': { op: 'scale', factor: [0.3, 0.8] },
  'scale (bicubic)': { op: 'scale', factor: [0.3, 0.8], interpolation: 'bicubic' },
  opacity: { op: 'opacity', level: [0.3, 0.9] },
  sharpen: { op: 'sharpen', factor: [1, 8] },
};
for (const [name, node] of Object.entries(OPS)) {
  const aug = await createAugmenter({ pipeline: [node], seed: 1 });
  const batch = Array.from({ length: 8 }, () => image);
  await aug.augmentBatch(batch); // warm-up
  let n = 0;
  const t = performance.now();
  while (n < rounds) {
    const r = await aug.augmentBatch(batch, { startIndex: n });
    n += r.items.length;
  }
  const ms = (performance.now() - t) / n;
  console.log(`${name.padEnd(28)} ${ms.toFixed(3).padStart(8)} ms/output`);
  await aug.close();
}
