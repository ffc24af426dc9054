// Fleet simulation (issue 15): 10,000 devices × 100 images' features → one profile per device,
// serialised as Apache DataSketches sketches (JSON lines), merged by the datasketches-cpp harness when
// it is built (test/goldens/datasketches/build.sh), else by JS — the output says which — and the merged
// sketch set used as a device's drift reference, against the reference profiled from all rows at once.
//
//   npm run build && node bench/fleet.mjs            (npm run bench:fleet)
//   node bench/fleet.mjs --devices 2000              (smaller run)
//   node bench/fleet.mjs --k 1600                     (KLL k of every profile; devices' bytes do not change
//                                                      while k ≥ their 100 rows: their sketches hold every value)
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
  profilesToJSONLines, createDriftMonitor, stats,
} from '../dist/node/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const DEVICES = arg('devices', 10_000), PER_DEVICE = arg('images', 100), VARIANTS = 40, DRIFTED = 0.05, KLL_K = arg('k', 200);
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
const exactBuilder = new ProfileBuilder({ seed: 1, kllK: KLL_K });
// Every value of every numeric feature, for the exact verdicts (no sketch at all).
const allValues = numericNames.map(() => new Float64Array(DEVICES * PER_DEVICE));
let filled = 0;
const lines = [];
let rawBytes = 0;
for (let d = 0; d < DEVICES; d++) {
  const rows = deviceRows(d, PER_DEVICE);
  const b = new ProfileBuilder({ seed: d, kllK: KLL_K });
  for (const row of rows) { b.add(row); exactBuilder.add(row); numericNames.forEach((k, j) => { allValues[j][filled] = row[k]; }); filled++; }
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

// 4. On a device: drift reports against the fleet reference (merged sketches), against a single profile of
// all rows (one k = KLL_K sketch per feature), and the exact verdicts from every value (no sketch).
for (const v of allValues) v.sort();
const kllBound = Math.max(...fleetRef.features.filter((f) => f.kind === 'numeric').map((f) => f.kll.rankErrorBound(1e-3, 100)));
// The stated error of a sketched statistic, from the report's `approximation` text (what a user sees).
const eps = (f) => Number(/(?:range\/std|ε) = ([0-9.e+-]+)/.exec(f.approximation ?? '')?.[1] ?? 0);
/** The report's decision for one numeric feature, on every reference value (no sketch). */
function exactVerdict(f, cur, alpha) {
  const j = numericNames.indexOf(f.name);
  const all = allValues[j], c = Float64Array.from(cur.map((r) => r[f.name])).sort();
  const ks = stats.ks2samp(c, all);
  if (f.test === 'ks') return { statistic: ks.statistic, drift: ks.pvalue < f.threshold, pvalue: ks.pvalue };
  if (f.test !== 'wasserstein') return null;
  const std = Math.max(exactRef.feature(f.name).moments.std(), 0.001);
  const w = stats.wassersteinDistance(c, all) / std;
  return { statistic: w, drift: w >= f.threshold && ks.pvalue < alpha, pvalue: ks.pvalue };
}
/** The report's family-wise dataset rule (Holm over the p-values; a distance test needs its distance too). */
function datasetVerdict(entries, alpha) {
  const withP = entries.filter((e) => e.pvalue !== undefined && Number.isFinite(e.pvalue));
  const order = withP.map((e, i) => [e.pvalue, i]).sort((x, y) => x[0] - y[0]);
  let running = 0;
  return order.some(([p, i], r) => {
    running = Math.max(running, Math.min(1, (order.length - r) * p));
    const e = withP[i];
    return running < alpha && (e.test !== 'wasserstein' || e.statistic >= e.threshold);
  });
}
let fleetEqual = 0, total = 0, explained = true;
for (const [label, rowsNow] of [['a normal device', deviceRows(DEVICES + 1, 1000, false)], ['a drifted device', deviceRows(DEVICES + 2, 1000, true)]]) {
  const verdicts = [];
  for (const ref of [fleetRef, exactRef]) {
    const mon = await createDriftMonitor({ reference: ref });
    await mon.update({ kind: 'records', rows: rowsNow });
    verdicts.push(await mon.report());
    await mon.close();
  }
  const [a, b] = verdicts;
  const diffs = [];
  const exactEntries = [];
  let eqFleet = 0, eqSingle = 0, spanned = 0;
  a.features.forEach((f, i) => {
    const g = b.features[i];
    // Categorical features: their frequent-items counts are exact (fewer distinct values than the capacity).
    const ex = f.kind === 'numeric' ? exactVerdict(f, rowsNow, a.alpha) : { statistic: f.statistic, drift: f.drift, pvalue: f.pvalue };
    exactEntries.push({ test: f.test, threshold: f.threshold, statistic: ex.statistic, pvalue: ex.pvalue });
    total++;
    if (f.drift === ex.drift) { eqFleet++; fleetEqual++; }
    if (g.drift === ex.drift) eqSingle++;
    if (Math.abs(f.statistic - f.threshold) <= eps(f)) spanned++;
    if (f.drift !== ex.drift || g.drift !== ex.drift) {
      // A sketched verdict can differ from the exact one only where the exact statistic lies within the
      // sketch's error of the threshold: then no sketch of this size can decide the side.
      const within = Math.abs(ex.statistic - f.threshold) <= eps(f);
      if (f.drift !== ex.drift && !within) explained = false;
      diffs.push(`  ${f.name} (${f.test} ≥ ${f.threshold} and KS p < ${a.alpha}): fleet ${f.statistic.toFixed(4)} → ${f.drift}, single profile ${g.statistic.toFixed(4)} → ${g.drift}, exact ${ex.statistic.toFixed(5)} (KS p ${ex.pvalue.toExponential(2)}) → ${ex.drift}; ` +
        `exact − threshold ${(ex.statistic - f.threshold).toExponential(2)}, sketch errors: fleet ${Math.abs(f.statistic - ex.statistic).toExponential(2)}, single ${Math.abs(g.statistic - ex.statistic).toExponential(2)} (stated ≤ ${eps(f).toExponential(2)})` +
        (within ? ' → within the sketch error of the threshold: undecidable from a sketch of this size' : ' → OUTSIDE the stated error'));
    }
  });
  const exactDataset = datasetVerdict(exactEntries, a.alpha);
  const drifts = (r) => r.features.filter((f) => f.drift).map((f) => f.name).join(', ') || 'none';
  console.log(`${label}: verdicts equal to the exact ones (every reference value, no sketch): fleet reference ${eqFleet} of ${a.features.length}, single all-rows profile ${eqSingle} of ${a.features.length}; ` +
    `dataset drift fleet ${a.datasetDrift} / single ${b.datasetDrift} / exact ${exactDataset}; drifted (fleet): ${drifts(a)}; drifted (single): ${drifts(b)}; ` +
    `the report's stated error spans the threshold for ${spanned} of ${a.features.length}`);
  if (a.datasetDrift !== exactDataset) explained = false;
  for (const line of diffs) console.log(line);
}
console.log(`fleet verdicts equal to the exact ones: ${fleetEqual} of ${total}; every difference within the sketch's stated error of the threshold: ${explained}; fleet reference KLL rank-error bound (δ = 1e-3, 100 queries): ${kllBound.toExponential(2)}`);
const cpu = process.cpuUsage();
console.log(`total ${ms(t0)} wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU in this process (the machine is shared: wall time depends on its load)`);
process.exitCode = explained ? 0 : 1;
