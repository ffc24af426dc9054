#!/usr/bin/env node
/**
 * Generates the op documentation from the registry (nothing hand-kept):
 *   - docs/ops/<op>.jpg: the op (its `example` config, seed 1) on a sample photo;
 *   - docs/OPS.md: every op with its config fields (type, default, allowed values, meaning) and params;
 *   - README.md: the op table between <!-- ops:start --> and <!-- ops:end -->.
 * Usage: npm run build && node scripts/gen-op-docs.mjs   (npm run docs:ops)
 * test/ops/docs.test.ts fails when README's table or docs/OPS.md no longer match the registry.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sdk = await import(join(root, 'dist/node/index.js'));
const { listOps, createAugmenter, decodeImage, encodeImage, resizeRawImage } = sdk;
const { opsTable, opsReference } = await import(join(root, 'scripts/op-docs-lib.mjs'));

const ops = listOps().sort((a, b) => a.name.localeCompare(b.name));
const photo = resizeRawImage(await decodeImage(readFileSync(join(root, 'samples/chelsea.png'))), 150, 100);
const partnerPhoto = resizeRawImage(await decodeImage(readFileSync(join(root, 'samples/coffee.png'))), 150, 100);
const mixOps = new Set(['mixUp', 'cutMix']);
mkdirSync(join(root, 'docs/ops'), { recursive: true });
writeFileSync(join(root, 'docs/ops/original.jpg'), await encodeImage(photo, { format: 'jpeg', quality: 82 }));
for (const op of ops) {
  const aug = await createAugmenter({ pipeline: [{ op: op.name, ...(op.example ?? {}) }], seed: 1 });
  // Batch mixing ops mix an output with the previous one of the call: shown on [coffee, chelsea] (item 1).
  const [out] = mixOps.has(op.name)
    ? (await aug.augmentBatch([partnerPhoto, photo], { startIndex: 3 })).items.slice(1)
    : await aug.augment(photo, { variants: 1, startIndex: 3 });
  writeFileSync(join(root, `docs/ops/${op.name}.jpg`), await encodeImage(out.image, { format: 'jpeg', quality: 82 }));
  await aug.close();
}
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf('<!-- ops:start -->');
const end = readme.indexOf('<!-- ops:end -->');
if (start < 0 || end < start) throw new Error('README.md has no <!-- ops:start --> … <!-- ops:end --> block');
writeFileSync(readmePath, readme.slice(0, start) + '<!-- ops:start -->\n' + opsTable(ops) + readme.slice(end));
writeFileSync(join(root, 'docs/OPS.md'), opsReference(ops));
console.log(`${ops.length} ops documented: README table, docs/OPS.md, docs/ops/*.jpg`);
