// Per-op time of the colour ops at 224×224 RGB (functional API, one op, unfused, inline), median of runs.
// Run: npm run build && node bench/color-ops.mjs
import { readFileSync } from 'node:fs';
import { functional as F, createAugmenter } from '../dist/node/index.js';

const W = 224, H = 224;
// A real photo: the Keras golden input, tiled up to 224×224 RGB.
const meta = JSON.parse(readFileSync(new URL('../test/goldens/keras/cases.json', import.meta.url), 'utf8')).inputs.astronaut;
const src = new Uint8Array(readFileSync(new URL('../test/goldens/keras/inputs/astronaut.bin', import.meta.url)));
const data = new Uint8Array(W * H * 3);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < 3; c++) {
  data[(y * W + x) * 3 + c] = src[((y % meta.height) * meta.width + (x % meta.width)) * meta.channels + Math.min(c, meta.channels - 1)];
}
const img = { data, width: W, height: H, channels: 3 };

async function time(name, f, reps = 60) {
  for (let i = 0; i < 5; i++) await f();
  const t = [];
  const c0 = process.cpuUsage();
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await f();
    t.push(performance.now() - t0);
  }
  const c = process.cpuUsage(c0);
  t.sort((a, b) => a - b);
  // Wall median and mean CPU time of this process per call (CPU time is steadier on a shared machine).
  console.log(`${name.padEnd(38)} ${t[t.length >> 1].toFixed(3).padStart(7)} ms wall  ${((c.user + c.system) / 1000 / reps).toFixed(3).padStart(7)} ms cpu`);
}

const apply = async (op, params) => {
  const aug = await createAugmenter({ pipeline: [{ op }] });
  return () => aug.apply(img, [{ op, path: '0', params }]);
};

const base = new Uint8Array(256).map((_, i) => 255 - i);
await time('(baseline: JS 256-table loop + alloc)', () => { const o = new Uint8Array(data.length); for (let i = 0; i < data.length; i++) o[i] = base[data[i]]; return o; });
await time('adjustBrightness 1.3', () => F.adjustBrightness(img, 1.3));
await time('adjustContrast 0.7', () => F.adjustContrast(img, 0.7));
await time('adjustSaturation 1.4', () => F.adjustSaturation(img, 1.4));
await time('adjustHue 0.1', () => F.adjustHue(img, 0.1));
await time('adjustGamma 0.8', () => F.adjustGamma(img, 0.8));
await time('adjustSharpness 2', () => F.adjustSharpness(img, 2));
await time('posterize 4', () => F.posterize(img, 4));
await time('solarize 128', () => F.solarize(img, 128));
await time('equalize', () => F.equalize(img));
await time('autocontrast', () => F.autocontrast(img));
await time('rgbToGrayscale 1', () => F.rgbToGrayscale(img, 1));
await time('rgbToGrayscale 3', () => F.rgbToGrayscale(img, 3));
await time('sepia', await apply('sepia', {}));
await time('channelShuffle', await apply('channelShuffle', { order: [2, 0, 1] }));
await time('rgbShift', await apply('rgbShift', { rShift: 10, gShift: -5, bShift: 3 }));
await time('hsvShift', await apply('hsvShift', { hueShift: 10, satShift: -20, valShift: 15 }));
await time('colorJitter(b,c,s,h)', await apply('colorJitter', { order: [0, 1, 2, 3], brightness: 1.2, contrast: 0.8, saturation: 1.3, hue: 0.05 }));
const jit = await createAugmenter({ pipeline: [{ op: 'colorJitter', brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 }], seed: 1 });
let k = 0;
await time('pipeline colorJitter 0.4,0.4,0.4,0.1', () => jit.augment(img, { startIndex: k++ }));
const jit3 = await createAugmenter({ pipeline: [{ op: 'colorJitter', brightness: 0.4, contrast: 0.4, saturation: 0.4 }], seed: 1 });
await time('pipeline colorJitter 0.4,0.4,0.4', () => jit3.augment(img, { startIndex: k++ }));
process.exit(0);
