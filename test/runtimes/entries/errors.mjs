/**
 * Child-process entry for failure scenarios in Node: prints `RESULT <json>` with the error's name/code,
 * the time it took and the process-handler counts. Argument: JSON `{ pkg, scenario, workers }`.
 *   corrupt-tfjs     tfjs's SIMD binary given as garbage bytes
 *   corrupt-kernel   warp.wasm given as garbage bytes
 *   hang             tfjs's SIMD binary at a URL whose server never answers (init timeout 1500 ms)
 *   missing          a prefix where no .wasm exists
 */
import { createServer } from 'node:net';

const args = JSON.parse(process.argv[2]);
const pkg = await import(args.pkg);
const garbage = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 255, 255, 255]);
let server;
if (args.scenario === 'corrupt-tfjs') pkg.setWasmPaths({ 'tfjs-backend-wasm-simd.wasm': garbage });
if (args.scenario === 'corrupt-kernel') pkg.setWasmPaths({ 'warp.wasm': garbage });
if (args.scenario === 'missing') pkg.setWasmPaths('/nonexistent/edge-augment/');
if (args.scenario === 'hang') {
  server = createServer(() => { /* accept, never answer */ });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  pkg.setWasmPaths({ 'tfjs-backend-wasm-simd.wasm': `http://127.0.0.1:${server.address().port}/never.wasm` });
}
const t0 = Date.now();
let out;
try {
  const aug = await pkg.createAugmenter({ spec: {}, workers: args.workers ?? 0, initTimeoutMs: 1500 });
  await aug.close();
  out = { ok: true };
} catch (e) {
  out = { error: { name: e?.name, code: e?.code, message: e?.message, isEdgeAugmentError: e instanceof pkg.EdgeAugmentError } };
}
out.ms = Date.now() - t0;
out.handlers = { uncaughtException: process.listeners('uncaughtException').length, unhandledRejection: process.listeners('unhandledRejection').length };
console.log('RESULT ' + JSON.stringify(out));
process.exit(0);
