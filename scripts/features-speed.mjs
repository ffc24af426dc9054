#!/usr/bin/env node
/**
 * Speed of the image-features kernel (build/kernels/features.wasm) on 224×224 RGBA (and a few
 * other shapes): images per second, one thread, including the copy of the pixels into the
 * kernel's memory, as FeatureExtractor.extract does.
 *
 * Usage: node scripts/build-kernels.mjs && node scripts/features-speed.mjs [seconds-per-case]
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const wasmPath = fileURLToPath(new URL('../build/kernels/features.wasm', import.meta.url));
let bytes;
try {
  bytes = await readFile(wasmPath);
} catch {
  console.error(`features-speed: ${wasmPath} is missing: run node scripts/build-kernels.mjs first.`);
  process.exit(1);
}
const seconds = Number(process.argv[2] ?? 1);
const memory = new WebAssembly.Memory({ initial: 4 });
const { instance } = await WebAssembly.instantiate(bytes, { env: { memory } });
const k = instance.exports;
const OUT = k.outBytes();

function image(w, h, c, seed) {
  // A smooth-plus-noise picture (real photos are neither constant nor white noise).
  const data = new Uint8Array(w * h * c);
  let s = seed;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let ch = 0; ch < c; ch++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[(y * w + x) * c + ch] = (128 + 90 * Math.sin(x / (9 + ch * 3)) * Math.cos(y / 13) + (s >>> 28)) & 255;
  }
  return data;
}

function run(w, h, c) {
  const data = image(w, h, c, 7);
  const scratch = OUT;
  const src = (scratch + k.scratchBytes(w) + 15) & ~15;
  const need = src + data.length;
  if (need > memory.buffer.byteLength) memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536));
  const thrSq = (1000 * 100) ** 2;
  const once = () => {
    new Uint8Array(memory.buffer).set(data, src);
    if (k.features(src, w, h, c, scratch, 0, thrSq) !== 0) throw new Error('kernel refused');
  };
  for (let i = 0; i < 200; i++) once(); // warm up (tier-up to TurboFan)
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < seconds * 1000) {
    for (let i = 0; i < 50; i++) once();
    n += 50;
    t = performance.now();
  }
  const per = (t - t0) / n;
  console.log(`${w}x${h}x${c}: ${per.toFixed(4)} ms/img, ${Math.round(1000 / per)} img/s, ${((w * h) / per / 1000).toFixed(0)} Mpx/s`);
  return 1000 / per;
}

const rate = run(224, 224, 4);
run(224, 224, 3);
run(224, 224, 1);
run(512, 512, 4);
console.log(rate > 2000 ? 'OK: > 2,000 img/s at 224² RGBA' : 'SLOW: < 2,000 img/s at 224² RGBA');
