/** Files in and out through the public API: fromDirectory (Keras semantics), augmentForUpload + manifest replay, the CLI. */
// The app's own tfjs backend: tensor outputs are made on it (the SDK never picks one for the app).
import '@tensorflow/tfjs-backend-cpu';
import { mkdtempSync, readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { SEED_SPEC, pkg, sameBytes } from './helpers.js';
import { sampleImage } from '../fixtures/paths.js';

const DATASET = new URL('../fixtures/io/dataset/', import.meta.url).pathname;
const SAMPLES = new URL('../../samples/', import.meta.url).pathname;

describe('fromDirectory', () => {
  it('gives Keras class indices, labels and batches of augmented tensors', async () => {
    const { fromDirectory } = await pkg();
    const ds = await fromDirectory(DATASET, { targetSize: [8, 8], batchSize: 4, spec: { ...SEED_SPEC, rescale: 1 / 255 }, seed: 3, extensions: ['png', 'jpg', 'jpeg', 'bmp'] });
    // Keras: classes = sorted subfolder names (code-point order: uppercase first).
    expect(ds.listing.classes).toEqual(['Birds', 'cats', 'dogs', 'empty_class']);
    expect(ds.classIndices).toEqual({ Birds: 0, cats: 1, dogs: 2, empty_class: 3 });
    const seen: string[] = [];
    const before = tf.memory().numTensors;
    for await (const b of ds) {
      expect(b.images.shape.slice(1)).toEqual([8, 8, 3]);
      expect(b.labels!.shape).toEqual([b.files.length, 4]);
      const y = b.labels!.arraySync() as number[][];
      b.files.forEach((f, k) => expect(y[k]![f.classIndex]).toBe(1));
      const v = b.images.dataSync();
      expect(Math.max(...v)).toBeLessThanOrEqual(1);
      seen.push(...b.files.map((f) => f.relativePath));
      b.images.dispose(); b.labels!.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    expect([...seen].sort()).toEqual(ds.listing.files.map((f) => f.relativePath).sort());
    // Seeded shuffle: the same seed gives the same order; another epoch another order.
    const again: string[] = [];
    for await (const b of ds) { again.push(...b.files.map((f) => f.relativePath)); b.images.dispose(); b.labels!.dispose(); }
    expect(again).toEqual(seen);
    await ds.close();
  });

  it('validation split takes the first fraction of each class (Keras), and undecodable files can be skipped', async () => {
    const { fromDirectory } = await pkg();
    const val = await fromDirectory(DATASET, { targetSize: [4, 4], validationSplit: 0.5, subset: 'validation', shuffle: false, classMode: 'sparse', errors: 'skip' });
    const tr = await fromDirectory(DATASET, { targetSize: [4, 4], validationSplit: 0.5, subset: 'training', shuffle: false, classMode: 'sparse', errors: 'skip' });
    const vf = val.listing.files.map((f) => f.relativePath);
    const tfiles = tr.listing.files.map((f) => f.relativePath);
    expect(vf.filter((f) => tfiles.includes(f))).toEqual([]);
    for (const cls of ['Birds', 'cats', 'dogs']) {
      const v = vf.filter((f) => f.startsWith(cls + '/'));
      const t = tfiles.filter((f) => f.startsWith(cls + '/'));
      expect(v.length).toBe(Math.floor(0.5 * (v.length + t.length)));
    }
    let skipped = 0;
    for (const ds of [val, tr]) for await (const b of ds) { skipped += b.skipped.length; b.images.dispose(); b.labels?.dispose(); }
    expect(skipped).toBeGreaterThan(0); // .tif/.ppm are listed (Keras) but not decodable outside browsers
    await val.close(); await tr.close();
  });
});

describe('augment before upload', () => {
  it('yields encoded variants with params and sha256, and the manifest replays every variant byte for byte', async () => {
    const api = await pkg();
    const files = ['chelsea.png', 'rocket.jpg'].map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(SAMPLES, name))) }));
    const run = api.augmentForUpload(files, { spec: SEED_SPEC, seed: 42, variants: 3, format: 'png' });
    const items = [];
    for await (const v of run) items.push(v);
    expect(items).toHaveLength(6);
    const m = api.validateManifest(JSON.parse(JSON.stringify(run.manifest)));
    expect(m.sources.map((s) => s.name)).toEqual(['chelsea.png', 'rocket.jpg']);
    expect(m.sources[0]!.sha256).toBe(await api.sha256Hex(files[0]!.bytes));
    expect(m.variants).toHaveLength(6);
    // Server-side replay: decode the source (WASM decoder), apply the recorded params, encode alike.
    const aug = await api.createAugmenter({ spec: m.spec as never, seed: m.seed as number, kerasCompat: m.kerasCompat });
    for (const v of m.variants) {
      const src = await api.decodeImage(files[v.source]!.bytes, { decoder: 'wasm' });
      const out = await aug.apply(src, v.params as never);
      const bytes = await api.encodeImage(out, { format: v.format, quality: v.quality });
      expect(await api.sha256Hex(bytes)).toBe(v.sha256);
    }
    await aug.close();
    // PNG outputs decode to exactly the augmented pixels.
    const first = await api.decodeImage(items[0]!.bytes, { decoder: 'wasm' });
    expect(first.width).toBe(items[0]!.width);
  });

  it('one bad file does not lose the others (errors: skip)', async () => {
    const api = await pkg();
    const files = [
      { name: 'ok.png', bytes: new Uint8Array(readFileSync(join(SAMPLES, 'camera.png'))) },
      { name: 'truncated.jpg', bytes: new Uint8Array(readFileSync(sampleImage('truncated.jpg'))) },
      { name: 'empty.png', bytes: new Uint8Array(0) },
    ];
    const run = api.augmentForUpload(files, { spec: SEED_SPEC, variants: 2, format: 'jpeg', errors: 'skip' });
    const items = [];
    for await (const v of run) items.push(v);
    expect(items.map((i) => i.source)).toEqual(['ok.png', 'ok.png']);
    expect(run.failures.map((f) => [f.source, f.error.code])).toEqual([['truncated.jpg', 'TRUNCATED_IMAGE'], ['empty.png', 'EMPTY_INPUT']]);
  });
});

describe('CLI', () => {
  const cli = new URL('../../dist/node/cli.js', import.meta.url).pathname;
  it('augment writes variants and a manifest; profile + drift: nothing drifts on the same set, brightness moves on a brightened set', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ea-cli-'));
    const r = spawnSync(process.execPath, [cli, 'augment', SAMPLES, '--out', out, '--variants', '2', '--config', new URL('../../scripts/seed-config.txt', import.meta.url).pathname, '--seed', '7', '--format', 'png'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/augmented 5\/5 images → 10 variants/);
    const written = readdirSync(out).filter((f) => f.endsWith('.png'));
    expect(written).toHaveLength(10);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.variants).toHaveLength(10);
    expect(manifest.spec.rotationRange).toBe(50);
    const prof = join(out, 'profile.json');
    const p = spawnSync(process.execPath, [cli, 'profile', SAMPLES, '-o', prof], { encoding: 'utf8' });
    expect(p.status, p.stderr).toBe(0);
    expect(existsSync(prof)).toBe(true);
    const d = spawnSync(process.execPath, [cli, 'drift', '--reference', prof, SAMPLES], { encoding: 'utf8' });
    expect(d.status, d.stderr).toBe(0);
    expect(d.stdout).toMatch(/dataset drift not detected/);
    // A brightened copy of the 5 samples: with n = 5 vs 5 no test has the power to call it drift at α = 0.05,
    // but the KS statistic of brightness must move from 0 to ≥ 0.6 (and the same set gives 0).
    const api = await pkg();
    const bright = mkdtempSync(join(tmpdir(), 'ea-cli-bright-'));
    for (const f of readdirSync(SAMPLES).filter((x) => /\.(png|jpg)$/.test(x))) {
      const img = await api.decodeImage(new Uint8Array(readFileSync(join(SAMPLES, f))), { decoder: 'wasm' });
      const d = new Uint8Array(img.data);
      for (let i = 0; i < d.length; i++) if (i % 4 !== 3) d[i] = Math.min(255, Math.round(d[i]! * 1.6));
      writeFileSync(join(bright, f.replace(/\.jpg$/, '.png')), await api.encodeImage({ ...img, data: d }, { format: 'png' }));
    }
    const dj = spawnSync(process.execPath, [cli, 'drift', '--reference', prof, bright, '--json'], { encoding: 'utf8' });
    expect([0, 3]).toContain(dj.status);
    const rep = JSON.parse(dj.stdout) as { features: { name: string; statistic: number }[] };
    expect(rep.features.find((f) => f.name === 'brightness')!.statistic).toBeGreaterThanOrEqual(0.6);
    const same = JSON.parse(spawnSync(process.execPath, [cli, 'drift', '--reference', prof, SAMPLES, '--json'], { encoding: 'utf8' }).stdout) as typeof rep;
    expect(same.features.find((f) => f.name === 'brightness')!.statistic).toBe(0);
    const bad = spawnSync(process.execPath, [cli, 'augment', '/nonexistent', '--out', out], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/IO_ERROR/);
  });

  it('drift exits 3 when dataset drift is found (40 crops vs the same crops brightened ×1.6)', async () => {
    const api = await pkg();
    const photo = await api.decodeImage(new Uint8Array(readFileSync(join(SAMPLES, 'chelsea.png'))), { decoder: 'wasm' });
    const ref = mkdtempSync(join(tmpdir(), 'ea-cli-ref-'));
    const cur = mkdtempSync(join(tmpdir(), 'ea-cli-cur-'));
    for (let k = 0; k < 40; k++) {
      const x0 = (k * 37) % (photo.width - 32), y0 = (k * 53) % (photo.height - 32);
      const crop = new Uint8Array(32 * 32 * 4);
      for (let y = 0; y < 32; y++) crop.set(photo.data.subarray(((y0 + y) * photo.width + x0) * 4, ((y0 + y) * photo.width + x0 + 32) * 4), y * 128);
      const bright = crop.map((v, i) => (i % 4 === 3 ? v : Math.min(255, Math.round(v * 1.6))));
      writeFileSync(join(ref, `c${k}.png`), await api.encodeImage({ data: crop, width: 32, height: 32, channels: 4 }, { format: 'png' }));
      writeFileSync(join(cur, `c${k}.png`), await api.encodeImage({ data: bright, width: 32, height: 32, channels: 4 }, { format: 'png' }));
    }
    const prof = join(ref, 'profile.json');
    expect(spawnSync(process.execPath, [cli, 'profile', ref, '-o', prof], { encoding: 'utf8' }).status).toBe(0);
    const d = spawnSync(process.execPath, [cli, 'drift', '--reference', prof, cur], { encoding: 'utf8' });
    expect(d.stdout).toMatch(/dataset drift DETECTED/);
    expect(d.status).toBe(3);
    const same = spawnSync(process.execPath, [cli, 'drift', '--reference', prof, ref], { encoding: 'utf8' });
    expect(same.status).toBe(0);
  });

  it('the CLI runs in Deno too and writes the same bytes as in Node', () => {
    const deno = new URL('../../node_modules/.bin/deno', import.meta.url).pathname;
    expect(existsSync(deno), 'npm deno is a devDependency').toBe(true);
    const a = mkdtempSync(join(tmpdir(), 'ea-cli-node-'));
    const b = mkdtempSync(join(tmpdir(), 'ea-cli-deno-'));
    const args = ['augment', SAMPLES, '--variants', '1', '--seed', '5', '--format', 'png'];
    const r1 = spawnSync(process.execPath, [cli, ...args, '--out', a], { encoding: 'utf8' });
    const r2 = spawnSync(deno, ['run', '--allow-read', '--allow-write', '--allow-env', '--allow-sys', cli, ...args, '--out', b], { encoding: 'utf8' });
    expect(r1.status, r1.stderr).toBe(0);
    expect(r2.status, r2.stderr).toBe(0);
    for (const f of readdirSync(a)) {
      if (f === 'manifest.json') continue;
      expect(sameBytes(new Uint8Array(readFileSync(join(a, f))), new Uint8Array(readFileSync(join(b, f)))), f).toBe(true);
    }
  });

  it('re-running augment with the same seed gives the same bytes', async () => {
    const a = mkdtempSync(join(tmpdir(), 'ea-cli-a-'));
    const b = mkdtempSync(join(tmpdir(), 'ea-cli-b-'));
    for (const out of [a, b]) {
      const r = spawnSync(process.execPath, [cli, 'augment', SAMPLES, '--out', out, '--variants', '1', '--seed', '11', '--format', 'png', '--workers', out === a ? '0' : '2'], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
    for (const f of readdirSync(a)) {
      if (f === 'manifest.json') continue;
      expect(sameBytes(new Uint8Array(readFileSync(join(a, f))), new Uint8Array(readFileSync(join(b, f)))), f).toBe(true);
    }
  });
});
