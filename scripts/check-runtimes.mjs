#!/usr/bin/env node
/**
 * npm run check:runtimes — the same seeded job (samples/astronaut.png decoded once here with the SDK's
 * WASM decoder, seed 1234, the seed config, 8 variants) in every runtime, from the BUILT package:
 * Node inline, Node 1 and 2 workers, Deno, Bun, workerd (demo/edge) and headless Chromium without and
 * with threads (COOP/COEP). One line per runtime with the SHA-256 of the concatenated output bytes;
 * exit code 1 if any runtime fails or any hash differs. The runners live in test/runtimes/harness.mjs
 * (shared with the vitest runtime tests).
 */
import { chromiumPath, cleanup, openChromium, requireDist, runBun, runChromiumJobs, runDeno, runNode, runWorkerd, sampleImage, unexpectedStderr } from '../test/runtimes/harness.mjs';

requireDist();
const img = await sampleImage();
console.log(`job: samples/astronaut.png ${img.width}×${img.height} RGBA, seed 1234, 8 variants, rotation 50, shifts .25, shear .2, zoom .25, horizontal flip`);
console.log('     + the op-pipeline job (test/runtimes/job.mjs PIPELINE: crop, flip, jitter, blur/rotate, erasing, ImageNet-C noise, JPEG)');
console.log('     + the evasion job (test/runtimes/job.mjs EVASION: ImageNet-C motion blur, stripes, text, emoji, logo, pixelization, tile shuffle, meme band)\n');

const results = [];
const report = (r) => {
  results.push(r);
  const warn = r.stderr && unexpectedStderr(r.stderr) ? '  (stderr not empty)' : '';
  const extra = r.result?.info ? `  ${r.result.info.backend}${r.result.info.simd ? '+simd' : ''}${r.result.wasm ? ' ' + r.result.wasm.join(',') : ''}` : '';
  console.log(`${r.name.padEnd(38)} ${r.ok ? r.hash : 'FAILED: ' + r.error}${r.ok ? `  ${String(r.ms).padStart(5)} ms${extra}${warn}` : ''}`);
  if (r.ok && r.result?.pipelineHash) console.log(`${''.padEnd(38)} pipeline ${r.result.pipelineHash}`);
  if (r.ok && r.result?.evasionHash) console.log(`${''.padEnd(38)} evasion  ${r.result.evasionHash}`);
};

report(await runNode(0));
report(await runNode(1));
report(await runNode(2));
report(await runDeno(1));
report(await runBun(1));
report(await runWorkerd());
if (chromiumPath()) {
  const session = await openChromium();
  try {
    for (const r of await runChromiumJobs(session)) report(r);
  } finally {
    await session.close();
  }
} else {
  report({ name: 'chromium', ok: false, error: 'Chromium not found (install the `chromium` package or set CHROMIUM_PATH)' });
}
await cleanup();

const hashes = new Set(results.filter((r) => r.ok).map((r) => r.hash));
// The op-pipeline job (test/runtimes/job.mjs PIPELINE) where the runtime's runner reports it.
const pipelineHashes = new Set(results.filter((r) => r.ok && r.result?.pipelineHash).map((r) => r.result.pipelineHash));
if (pipelineHashes.size > 1) {
  console.log(`pipeline hashes differ: ${[...pipelineHashes].join(' vs ')}`);
  hashes.add('pipeline mismatch');
}
// The evasion job (test/runtimes/job.mjs EVASION): every runtime.
const evasionHashes = new Set(results.filter((r) => r.ok && r.result?.evasionHash).map((r) => r.result.evasionHash));
if (evasionHashes.size > 1) {
  console.log(`evasion hashes differ: ${[...evasionHashes].join(' vs ')}`);
  hashes.add('evasion mismatch');
}
const failed = results.filter((r) => !r.ok);
console.log('');
if (failed.length) console.log(`${failed.length} runtime(s) failed: ${failed.map((r) => r.name).join(', ')}`);
if (hashes.size > 1) console.log(`hashes differ: ${[...hashes].join(' vs ')}`);
if (!failed.length && hashes.size === 1) console.log(`all ${results.length} runtimes agree.`);
process.exit(failed.length || hashes.size !== 1 ? 1 : 0);
