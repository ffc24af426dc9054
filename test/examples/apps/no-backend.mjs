// An app with tfjs-core and no backend: raw output works, tensor output is a clear EdgeAugmentError.
import { createAugmenter } from 'edge-augment';

const workers = Number(process.argv[2] ?? 0);
const image = { data: new Uint8Array(8 * 8 * 3).map((_, i) => i * 7), width: 8, height: 8, channels: 3 };
const aug = await createAugmenter({ spec: { rotationRange: 10 }, workers });
const raw = await aug.augmentBatch([image]);
const e = await aug.augmentBatch([image], { output: 'tensor' }).catch((x) => x);
await aug.close();
console.log(JSON.stringify({ raw: raw.items.length, name: e?.name, code: e?.code, message: e?.message }));
