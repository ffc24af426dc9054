#!/usr/bin/env node
// Per-corruption time at 224×224 RGB (BENCHMARKS.md, "ImageNet-C corruptions"):
//   npm run build && node bench/corruption-ms.mjs
// Each of the 19 corruptions as a one-op pipeline, inline (workers: 0), on the chelsea photo resized to 224²
// (test/goldens/ops/corrupt/inputs.bin), severities 1–5 in turn; median ms per image over 3 rounds after a
// warm-up. Beside it, the reference Python's ms per image (numpy/skimage/OpenCV/Wand, median over severities)
// as measured by test/goldens/ops/corrupt/gen.py on the same machine.
import { readFileSync } from 'node:fs';

const { createAugmenter } = await import(new URL('../dist/node/index.js', import.meta.url).href);
const dir = new URL('../test/goldens/ops/corrupt/', import.meta.url);
const index = JSON.parse(readFileSync(new URL('index.json', dir), 'utf8'));
const bin = readFileSync(new URL('inputs.bin', dir));
const image = { data: new Uint8Array(bin.subarray(0, 224 * 224 * 3)), width: 224, height: 224, channels: 3 };
const names = ['gaussian_noise', 'shot_noise', 'impulse_noise', 'defocus_blur', 'glass_blur', 'motion_blur', 'zoom_blur', 'snow', 'frost', 'fog',
  'brightness', 'contrast', 'elastic_transform', 'pixelate', 'jpeg_compression', 'speckle_noise', 'gaussian_blur', 'spatter', 'saturate'];
const only = process.argv[2]?.split(',');
console.log('corruption           ours ms  reference ms');
for (const name of names) {
  if (only && !only.includes(name)) continue;
  const times = [];
  for (let sev = 1; sev <= 5; sev++) {
    const aug = await createAugmenter({ pipeline: [{ op: 'corruption', corruption: name, severity: sev }], seed: 1 });
    await aug.augment(image, { variants: 1 });
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      await aug.augment(image, { variants: 1 });
      times.push(performance.now() - t0);
    }
    await aug.close();
  }
  times.sort((a, b) => a - b);
  const ref = index.referenceMsPerImage224[name];
  console.log(`${name.padEnd(20)} ${times[times.length >> 1].toFixed(1).padStart(7)}  ${ref === undefined ? '—' : ref.toFixed(1).padStart(12)}`);
}
