// Regenerates goldens.json from the datasketches-cpp oracle harness.
//   DS_CPP=/path/to/datasketches-cpp sh test/goldens/datasketches/build.sh
//   node test/goldens/datasketches/generate.mjs
// JS-made sketches come from src/ (bundled on the fly with esbuild); the C++ side reads/merges them.
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import * as C from './cases.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const tmp = mkdtempSync(join(tmpdir(), 'ds-gold-'));
buildSync({ entryPoints: [join(root, 'src/drift/index.ts')], bundle: true, platform: 'node', format: 'esm', outfile: join(tmp, 'drift.mjs'), logLevel: 'warning' });
const { KllSketch, FrequentItems, HllSketch } = await import(pathToFileURL(join(tmp, 'drift.mjs')).href);

const BIN = join(here, '.build/harness'), VBIN = join(here, '.build/harness-validation');
const run = (bin, args, tokens) => execFileSync(bin, args, { input: tokens.join(' '), maxBuffer: 1 << 30 }).toString().trim().split('\n');
const hex = (b) => Buffer.from(b).toString('hex');

/** Parses harness summary lines into facts; sketches/parts are collected in order. */
function parse(lines) {
  const blocks = [];
  let cur = null;
  const parts = [];
  let merged = null;
  for (const l of lines) {
    const sp = l.split(' ');
    if (sp[0] === 'part') { parts.push(sp.length > 2 ? { hex: sp[1], estimate: Number(sp[2]) } : sp[1]); continue; }
    if (sp[0] === 'merged' || sp[0] === 'sketch' || sp[0] === 'error') {
      cur = { hex: sp[0] === 'error' ? null : sp[1], error: sp[0] === 'error' ? l.slice(6) : undefined, q: {}, rank: [], items: {} };
      if (sp[0] === 'merged') merged = cur; else blocks.push(cur);
      continue;
    }
    if (!cur) cur = merged = { q: {}, rank: [], items: {} };
    if (sp[0] === 'q') cur.q[sp[1]] = Number(sp[2]);
    else if (sp[0] === 'rank') cur.rank.push([Number(sp[1]), Number(sp[2])]);
    else if (sp[0] === 'item') cur.items[sp[1]] = [Number(sp[2]), Number(sp[3]), Number(sp[4])];
    else cur[sp[0]] = Number(sp[1]);
  }
  return { parts, merged, blocks };
}

const validationCoin = () => { let p = 0; return () => { const b = p; p = 1 - p; return b; }; };
const probesTok = [C.KLL_PROBES.length, ...C.KLL_PROBES];
const out = { about: {
  oracle: 'datasketches-cpp c2288858 (apache/datasketches-cpp), g++ -std=c++17 -O2; harness.cpp + build.sh beside this file',
  regenerate: 'DS_CPP=<checkout> sh test/goldens/datasketches/build.sh && node test/goldens/datasketches/generate.mjs',
}, kll: [], fi: [], hll: [], many: {} };

for (const c of C.KLL_CASES) {
  const vals = c.parts.map(C.kllValues);
  const tokens = [vals.length, ...vals.flatMap((v) => [v.length, ...v]), ...probesTok];
  // 1. Same coin as the library's KLL_VALIDATION build: C++ bytes of every part and of the merge.
  const v = parse(run(VBIN, ['kll-build', c.type, String(c.k)], tokens));
  // 2. The library's random coin: C++-made sketches for JS to read.
  const r = parse(run(BIN, ['kll-build', c.type, String(c.k)], tokens));
  // 3. JS-made sketches (seeded coin) read back by C++.
  const js = vals.map((p, i) => { const s = new KllSketch({ k: c.k, itemType: c.type, seed: 100 + i }); p.forEach((x) => s.update(x)); return hex(s.toDataSketches()); });
  const read = parse(run(BIN, ['kll-read', c.type], [js.length, ...js, ...probesTok]));
  const cppParts = r.parts.map((h) => parse(run(BIN, ['kll-read', c.type], [1, h, ...probesTok])).blocks[0]);
  out.kll.push({ name: c.name, validation: { parts: v.parts, merged: v.merged }, cpp: { parts: cppParts, merged: r.merged }, js: { parts: js, cppRead: read.blocks } });
}

for (const c of C.FI_CASES) {
  const items = c.parts.map(C.itemValues);
  const r = parse(run(BIN, ['fi-build', String(c.lg)], [items.length, ...items.flatMap((v) => [v.length, ...v])]));
  const cppParts = r.parts.map((h) => parse(run(BIN, ['fi-read'], [1, h])).blocks[0]);
  const js = items.map((p) => { const f = new FrequentItems({ lgMaxMapSize: c.lg }); p.forEach((x) => f.update(x)); return hex(f.toDataSketches()); });
  const read = parse(run(BIN, ['fi-read'], [js.length, ...js]));
  out.fi.push({ name: c.name, cpp: { parts: cppParts, merged: r.merged }, js: { parts: js, cppRead: read.blocks } });
}

for (const c of C.HLL_CASES) {
  const items = c.parts.map((p) => (p.n ? C.itemValues(p) : []));
  const tok = [items.length, ...items.flatMap((v) => [v.length, ...v])];
  const full = parse(run(BIN, ['hll-build', String(c.lgK), '8', 'full'], tok));
  const byType = {};
  for (const t of ['4', '6', '8']) {
    const r = parse(run(BIN, ['hll-build', String(c.lgK), t], tok));
    byType[`HLL_${t}`] = r.parts.map((p) => ({ ...parse(run(BIN, ['hll-read'], [1, p.hex])).blocks[0], built: p.estimate }));
  }
  const js = items.map((p) => { const h = new HllSketch({ lgK: c.lgK }); p.forEach((x) => h.update(x)); return hex(h.toDataSketches()); });
  const read = parse(run(BIN, ['hll-read'], [js.length, ...js]));
  out.hll.push({ name: c.name, full: { parts: full.parts, merged: full.merged }, cppDefault: byType, js: { parts: js, cppRead: read.blocks } });
}

// Many JS-made device sketches merged by C++.
{
  const D = C.MANY.devices;
  const kll = Array.from({ length: D }, (_, d) => { const s = new KllSketch({ k: C.MANY.kll.k, seed: d }); C.manyKll(d).forEach((x) => s.update(x)); return hex(s.toDataSketches()); });
  const fi = Array.from({ length: D }, (_, d) => { const f = new FrequentItems({ lgMaxMapSize: C.MANY.fi.lg }); C.manyItems(d).forEach((x) => f.update(x)); return hex(f.toDataSketches()); });
  const hll = Array.from({ length: D }, (_, d) => { const h = new HllSketch({ lgK: C.MANY.hll.lgK }); C.manyHll(d).forEach((x) => h.update(x)); return hex(h.toDataSketches()); });
  const fingerprint = (a) => { let h = 0x811c9dc5; for (const s of a) for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0; return h; };
  out.many = {
    jsFingerprint: { kll: fingerprint(kll), fi: fingerprint(fi), hll: fingerprint(hll) },
    kll: parse(run(BIN, ['kll-merge', 'double', String(C.MANY.kll.k)], [D, ...kll, ...probesTok])).merged,
    fi: parse(run(BIN, ['fi-merge', String(C.MANY.fi.lg)], [D, ...fi])).merged,
    hll: parse(run(BIN, ['hll-merge', String(C.MANY.hll.lgK)], [D, ...hll])).merged,
  };
}

writeFileSync(join(here, 'goldens.json'), JSON.stringify(out));
console.log('wrote', join(here, 'goldens.json'));
