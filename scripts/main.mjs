#!/usr/bin/env node
// npm start — the main job, on the bundled sample photos:
//   1. augment samples/ with the seed config (Keras: rotation_range=50, width/height_shift_range=.25,
//      shear_range=.2, zoom_range=.25, horizontal_flip=True, rescale=1./255) into ./out, 8 variants each,
//      with out/manifest.json (seed, spec, per-variant params and sha256);
//   2. profile the originals and the augmented set on-device (image features in WASM) and print which
//      features the augmentation shifted.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cliPath = join(root, 'dist/node/cli.js');
if (!existsSync(cliPath)) {
  console.error('dist/ is missing: run `npm install` (it builds the package) or `npm run build`.');
  process.exit(1);
}
const { runAugmentCommand, parseArgs } = await import(cliPath);
const { profileDir, formatReport } = await import(cliPath);
const { compareProfiles } = await import(join(root, 'dist/node/index.js'));

const samples = join(root, 'samples');
const out = join(process.env.OUT ?? join(root, 'out'));
const config = join(root, 'scripts/seed-config.txt');
console.log('edge-augment main job: samples/ → out/ with the seed config');
console.log(`config: ${(await import('node:fs')).readFileSync(config, 'utf8').trim()}\n`);
await runAugmentCommand(parseArgs(['augment', samples, '--out', out, '--variants', '8', '--config', config, '--seed', '1234', '--format', 'png']));

console.log('\nprofiling originals and augmented images (on-device image features)…');
const reference = await profileDir(samples);
const current = await profileDir(out, 0, reference);
const report = compareProfiles(reference, current, { defaultTest: 'ks', requireSignificance: false });
console.log(`\nwhich features the augmentation shifted (reference: ${reference.rows} originals, current: ${current.rows} variants; KS two-sample, α = 0.05):`);
console.log(formatReport(report));
console.log('\nmeans (original → augmented):');
for (const f of report.features) {
  const a = reference.feature(f.name), b = current.feature(f.name);
  if (a?.kind === 'numeric' && b?.kind === 'numeric') {
    const ma = a.moments.mean, mb = b.moments.mean;
    console.log(`  ${f.name.padEnd(18)} ${ma.toFixed(3).padStart(10)} → ${mb.toFixed(3).padStart(10)}  (${(((mb - ma) / (Math.abs(ma) || 1)) * 100).toFixed(1).padStart(6)}%)${f.drift ? '  shifted' : ''}`);
  }
}
