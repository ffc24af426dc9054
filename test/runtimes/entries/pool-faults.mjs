/**
 * Pool robustness inside Deno / Bun / Node (module Web Workers or worker_threads): a worker terminated
 * and another crashed mid-batch → every result once, in order, identical bytes; abort → AbortError
 * promptly and the pool still works. Prints `RESULT <json>`. Argument: JSON `{ pkg }`.
 */
const argv = typeof Deno === 'object' ? Deno.args : process.argv.slice(2);
const { pkg: pkgUrl } = JSON.parse(argv[0]);
const pkg = await import(pkgUrl);
const SPEC = { rotationRange: 50, widthShiftRange: 0.25, heightShiftRange: 0.25, shearRange: 0.2, zoomRange: 0.25, horizontalFlip: true };
const small = (i) => {
  const data = new Uint8Array(32 * 24 * 4);
  for (let k = 0; k < data.length; k++) data[k] = (k * 31 + i * 17) & 255;
  return { data, width: 32, height: 24, channels: 4 };
};
const images = Array.from({ length: 200 }, (_, i) => small(i));
const same = (a, b) => a.length === b.length && a.every((r, i) => r.image.data.length === b[i].image.data.length && r.image.data.every((v, k) => v === b[i].image.data[k]));
const out = {};
try {
  const inline = await pkg.createAugmenter({ spec: SPEC, seed: 7 });
  const expected = (await inline.augmentBatch(images)).items;
  await inline.close();
  const a = await pkg.createAugmenter({ spec: SPEC, seed: 7, workers: 2, maxInFlightPerWorker: 1 });
  const p = a.augmentBatch(images, { chunkSize: 5 });
  await new Promise((r) => setTimeout(r, 20));
  const faults = a.pool[Symbol.for('edge-augment.faults')](); // test hooks (not public API)
  faults.terminate(0);
  faults.crash(0).catch(() => undefined);
  const r = await p;
  out.count = r.items.length;
  out.inOrder = r.items.every((x, i) => x.source === i);
  out.uniqueIndices = new Set(r.items.map((x) => x.index)).size;
  out.identical = same(r.items, expected);
  out.replacements = a.pool.replacements;
  const big = { data: new Uint8Array(512 * 512 * 4).fill(100), width: 512, height: 512, channels: 4 };
  const ctrl = new AbortController();
  const t0 = Date.now();
  const q = a.augmentBatch(Array.from({ length: 200 }, () => big), { signal: ctrl.signal, chunkSize: 4 });
  setTimeout(() => ctrl.abort(), 20);
  const e = await q.then(() => null, (x) => x);
  out.abort = { name: e?.name, ms: Date.now() - t0 };
  out.afterAbort = (await a.augment(images[1])).length;
  await a.close();
} catch (e) {
  out.error = { name: e?.name, code: e?.code, message: e?.message };
}
console.log('RESULT ' + JSON.stringify(out));
if (typeof Deno === 'object') Deno.exit(0); else process.exit(0);
