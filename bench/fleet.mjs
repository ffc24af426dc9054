// Fleet simulation (issue 15): 10,000 devices × 100 images' features → one profile per device,
// serialised as Apache DataSketches sketches (JSON lines), merged by the datasketches-cpp harness when
// it is built (test/goldens/datasketches/build.sh), else by JS — the output says which — and the merged
// sketch set used as a device's drift reference, against the reference profiled from all rows at once.
//
//   npm run build && node bench/fleet.mjs            (npm run bench:fleet)
//   node bench/fleet.mjs --devices 2000              (smaller run)
//
// Features: the SDK's image features of the sample photos, each augmented into 40 variants by the SDK
// (rotation, shifts, zoom, flips, brightness); a device draws 100 of them and perturbs them with a
// deterministic device bias and per-row noise (computing 1,000,000 real feature vectors would take
// ~ten minutes on this machine); 5 % of devices are drifted (brighter, higher contrast).
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';
import {
  createAugmenter, decodeImage, extractImageFeatures, ProfileBuilder, Profile, KllSketch, FrequentItems, HllSketch, Moments,
  profilesToJSONLines, createDriftMonitor,
} from '../dist/node/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const DEVICES = arg('devices', 10_000), PER_DEVICE = arg('images', 100), VARIANTS = 40, DRIFTED = 0.05;
const HARNESS = join(root, 'test/goldens/datasketches/.build/harness');
const t0 = performance.now();
const ms = (t) => `${((performance.now() - t) / 1000).toFixed(2)} s`;

function rng(seed) {
  let s = seed >>> 0;
  return () => { let t = (s = (s + 0x6d2b79f5) >>> 0); t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
const gauss = (r) => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());

// 1. Feature pool: sample photos × augmented variants, through the SDK.
let t = performance.now();
const photos = ['astronaut.png', 'camera.png', 'chelsea.png', 'coffee.png', 'rocket.jpg'];
const aug = await createAugmenter({ spec: { rotationRange: 25, widthShiftRange: 0.1, heightShiftRange: 0.1, zoomRange: 0.2, horizontalFlip: true, brightnessRange: [0.6, 1.4] }, seed: 15 });
const pool = [];
for (const name of photos) {
  const img = await decodeImage(new Uint8Array(readFileSync(join(root, 'samples', name))), { channels: 4 });
  const outs = await aug.augment(img, { variants: VARIANTS });
  const { rows } = await extractImageFeatures(outs.map((o) => o.image));
  rows.forEach((row, v) => pool.push({ row, photo: name.replace(/\..*/, ''), variant: `v${v}` }));
}
await aug.close();
const numericNames = Object.keys(pool[0].row).filter((k) => Number.isFinite(pool[0].row[k]));
console.log(`feature pool: ${pool.length} augmented sample photos × ${numericNames.length} numeric features (+ photo, variant) in ${ms(t)}`);

// 2. Devices: 100 rows each, profiled on the device, serialised as sketches.
const drifted = (d) => d % Math.round(1 / DRIFTED) === 7;
function deviceRows(d, n, forceDrift = false) {
  const r = rng(0x5eed + d);
  const bias = numericNames.map(() => 1 + 0.02 * gauss(r));
  const shift = forceDrift || drifted(d);
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const p = pool[Math.floor(r() * pool.length)];
    const row = { photo: p.photo, variant: p.variant };
    numericNames.forEach((k, j) => {
      let v = p.row[k] * bias[j] * (1 + 0.01 * gauss(r));
      if (shift && j < 3) v *= 1.25;
      row[k] = v;
    });
    out[i] = row;
  }
  return out;
}
t = performance.now();
const exactBuilder = new ProfileBuilder({ seed: 1 });
const lines = [];
let rawBytes = 0;
for (let d = 0; d < DEVICES; d++) {
  const rows = deviceRows(d, PER_DEVICE);
  const b = new ProfileBuilder({ seed: d });
  for (const row of rows) { b.add(row); exactBuilder.add(row); }
  const p = b.toProfile();
  const s = p.toSketches();
  for (const f of s.features) rawBytes += (f.kll?.length ?? 0) + (f.frequentItems?.length ?? 0) + (f.hll?.length ?? 0);
  lines.push(profilesToJSONLines([{ device: `dev-${d}`, profile: p }]));
}
const jsonl = lines.join('');
console.log(`${DEVICES} device profiles (${PER_DEVICE} rows each, ${numericNames.length + 2} features) built and serialised in ${ms(t)}`);
console.log(`bytes per device profile: ${Math.round(rawBytes / DEVICES)} B of DataSketches sketches, ${Math.round(jsonl.length / DEVICES)} B as a JSON line (base64 + counts + moments)`);

// 3. Fleet merge: parse the JSON lines, merge per feature — in datasketches-cpp when built, else JS.
t = performance.now();
const parsed = jsonl.trimEnd().split('\n').map((l) => JSON.parse(l));
const settings = parsed[0].settings;
const names = parsed[0].features.map((f) => [f.name, f.kind]);
const byName = new Map(names.map(([n]) => [n, []]));
for (const p of parsed) for (const f of p.features) byName.get(f.name).push(f);
console.log(`parsed ${parsed.length} JSON lines in ${ms(t)}`);
const useCpp = existsSync(HARNESS) && !process.argv.includes('--js');
const runH = (args, tokens) => {
  const r = spawnSync(HARNESS, args, { input: tokens.join(' '), maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`harness ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.toString().split('\n').find((l) => l.startsWith('merged ')).slice(7);
};
const b64hex = (s) => Buffer.from(s, 'base64').toString('hex');
const merged = [];
let sketchCount = 0;
t = performance.now();
for (const [name, kind] of names) {
  const fs = byName.get(name);
  const count = fs.reduce((a, f) => a + f.count, 0), missing = fs.reduce((a, f) => a + f.missing, 0);
  if (kind === 'numeric') {
    sketchCount += fs.length;
    let kll;
    if (useCpp) kll = Buffer.from(runH(['kll-merge', 'double', String(settings.kllK)], [fs.length, ...fs.map((f) => b64hex(f.kll)), 0]), 'hex');
    else { const m = new KllSketch({ k: settings.kllK }); for (const f of fs) m.merge(KllSketch.fromDataSketches(Buffer.from(f.kll, 'base64'))); kll = m.toDataSketches(); }
    const mo = fs.reduce((acc, f) => acc.merge(Moments.fromJSON(f.moments)), new Moments());
    merged.push({ name, kind, count, missing, moments: mo.toJSON(), kll: new Uint8Array(kll) });
  } else {
    sketchCount += 2 * fs.length;
    let fi, hll;
    const lg = Math.max(3, Math.ceil(Math.log2(settings.frequentCapacity / 0.75)));
    if (useCpp) {
      fi = Buffer.from(runH(['fi-merge', String(lg)], [fs.length, ...fs.map((f) => b64hex(f.frequentItems))]), 'hex');
      hll = Buffer.from(runH(['hll-merge', String(settings.hllLgK)], [fs.length, ...fs.map((f) => b64hex(f.hll))]), 'hex');
    } else {
      const m = new FrequentItems({ lgMaxMapSize: lg }), h = new HllSketch({ lgK: settings.hllLgK });
      for (const f of fs) { m.merge(FrequentItems.fromDataSketches(Buffer.from(f.frequentItems, 'base64'))); h.merge(HllSketch.fromDataSketches(Buffer.from(f.hll, 'base64'))); }
      fi = m.toDataSketches(); hll = h.toDataSketches();
    }
    merged.push({ name, kind, count, missing, frequentItems: new Uint8Array(fi), hll: new Uint8Array(hll) });
  }
}
const mergeSec = (performance.now() - t) / 1000;
console.log(`fleet merge by ${useCpp ? 'datasketches-cpp (the harness, standing in for the SQL engine)' : 'JS (datasketches-cpp harness not built)'}: ${sketchCount} sketches in ${mergeSec.toFixed(2)} s = ${Math.round(sketchCount / mergeSec).toLocaleString('en')} sketches/s (incl. hex/stdin transfer)`);
// JS merge throughput on the same sketches, for comparison (KLL only, first feature).
{
  const fs = byName.get(names.find(([, kind]) => kind === 'numeric')[0]);
  const t1 = performance.now();
  const m = new KllSketch({ k: settings.kllK });
  for (const f of fs) m.merge(KllSketch.fromDataSketches(Buffer.from(f.kll, 'base64')));
  const s = (performance.now() - t1) / 1000;
  console.log(`JS merge of the same ${fs.length} KLL sketches (base64 → bytes → merge): ${Math.round(fs.length / s).toLocaleString('en')} sketches/s`);
}
const rows = DEVICES * PER_DEVICE;
const fleetRef = Profile.fromSketches({ formatVersion: 2, type: 'edge-augment/sketches', rows, settings, features: merged, vectors: null });
const exactRef = exactBuilder.toProfile();

// 4. On a device: drift reports against the fleet reference and against the single all-rows profile.
const kllBound = Math.max(...fleetRef.features.filter((f) => f.kind === 'numeric').map((f) => f.kll.rankErrorBound(1e-3, 100)));
let allEqual = true;
for (const [label, rowsNow] of [['a normal device', deviceRows(DEVICES + 1, 1000, false)], ['a drifted device', deviceRows(DEVICES + 2, 1000, true)]]) {
  const verdicts = [];
  for (const ref of [fleetRef, exactRef]) {
    const mon = await createDriftMonitor({ reference: ref });
    await mon.update({ kind: 'records', rows: rowsNow });
    const rep = await mon.report();
    verdicts.push(rep);
    await mon.close();
  }
  const [a, b] = verdicts;
  // A verdict may differ only where both statistics lie within the sketches' stated error of the threshold.
  const eps = (f) => Number(/(?:range\/std|ε) = ([0-9.e+-]+)/.exec(f.approximation ?? '')?.[1] ?? 0);
  let exactEq = true, withinBound = true;
  a.features.forEach((f, i) => {
    const g = b.features[i];
    if (f.name !== g.name || f.test !== g.test) { exactEq = false; withinBound = false; return; }
    if (f.drift === g.drift) return;
    exactEq = false;
    const tol = eps(f) + eps(g);
    const ok = Math.abs(f.statistic - f.threshold) <= tol && Math.abs(g.statistic - g.threshold) <= tol;
    withinBound &&= ok;
    console.log(`  ${f.name}: ${f.test} ${f.statistic.toFixed(4)} (fleet) vs ${g.statistic.toFixed(4)} (exact), threshold ${f.threshold}, stated error ${tol.toExponential(2)} → ${ok ? 'within the bound of the threshold' : 'OUTSIDE the bound'}`);
  });
  allEqual &&= withinBound && (exactEq ? a.datasetDrift === b.datasetDrift : true);
  const maxDiff = Math.max(...a.features.map((f, i) => Math.abs(f.statistic - b.features[i].statistic)));
  const drifts = a.features.filter((f) => f.drift).map((f) => f.name);
  console.log(`${label}: fleet-reference verdicts ${exactEq ? '= exact-reference verdicts' : withinBound ? '= exact-reference verdicts within the KLL bound' : '≠ exact-reference verdicts'} (dataset drift ${a.datasetDrift} / ${b.datasetDrift}; drifted features: ${drifts.join(', ') || 'none'}); max |Δ statistic| ${maxDiff.toExponential(2)}`);
}
console.log(`fleet reference KLL rank-error bound (δ = 1e-3, 100 queries): ${kllBound.toExponential(2)}; verdicts equal (within the bound): ${allEqual}`);
const cpu = process.cpuUsage();
console.log(`total ${ms(t0)} wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU in this process (the machine is shared: wall time depends on its load)`);
process.exitCode = allEqual ? 0 : 1;
