// Keras seed config (scripts/seed-config.txt), inline augmentBatch(256) recycled, 224² RGBA: CPU ms per image
// for one build: node bench/keras-ab.mjs [path to a dist/node/index.js] (run two builds alternately for an A/B).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
// The build to measure: a path from the working directory (default: this checkout's dist).
const m = await import(process.argv[2] ? pathToFileURL(process.argv[2]).href : new URL('../dist/node/index.js', import.meta.url).href);
const seed = readFileSync(new URL('../scripts/seed-config.txt', import.meta.url), 'utf8');
const photo = await m.decodeImage(readFileSync(new URL('../samples/chelsea.png', import.meta.url)));
const img = m.resizeRawImage(photo, 224, 224);
const aug = await m.createAugmenter({ keras: seed, seed: 1 });
const batch = Array.from({ length: 256 }, () => img);
let k = 0;
const round = async () => { const r = await aug.augmentBatch(batch, { startIndex: k }); k += 256; aug.recycle(r.items.map((x) => x.image)); };
for (let i = 0; i < 5; i++) await round();
const c0 = process.cpuUsage();
for (let i = 0; i < 20; i++) await round();
const c = process.cpuUsage(c0);
console.log(((c.user + c.system) / 1000 / (20 * 256)).toFixed(4));
await aug.close();
