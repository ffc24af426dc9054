/**
 * Child-process entry for Node, Deno and Bun: imports the BUILT package, runs the seeded job on the raw
 * RGBA file given, prints one line `RESULT <json>` on stdout. Argument: a JSON object
 * `{ pkg: <file URL of dist/…/index.js or 'edge-augment'>, rgba: <path>, width, height, workers }`.
 */
import { readFileSync } from 'node:fs';
import { runEvasionJob, runJob, runPipelineJob } from '../job.mjs';

const argv = typeof Deno === 'object' ? Deno.args : process.argv.slice(2);
const args = JSON.parse(argv[0]);
const events = ['uncaughtException', 'unhandledRejection'];
const count = () => Object.fromEntries(events.map((e) => [e, typeof process === 'object' && process.listeners ? process.listeners(e).length : 0]));
const before = count();
const pkg = await import(args.pkg);
const data = new Uint8Array(readFileSync(args.rgba));
const image = { data, width: args.width, height: args.height, channels: 4 };
try {
  const r = await runJob(pkg, image, { workers: args.workers });
  const p = await runPipelineJob(pkg, image, { workers: args.workers });
  const e = await runEvasionJob(pkg, image, { workers: args.workers });
  console.log('RESULT ' + JSON.stringify({ ...r, pipelineHash: p.hash, evasionHash: e.hash, handlers: { before, after: count() } }));
} catch (e) {
  console.log('RESULT ' + JSON.stringify({ error: { name: e?.name, code: e?.code, message: e?.message } }));
}
// Workers are unref'd/terminated by close(); exit explicitly so a stray handle cannot keep us alive.
if (typeof Deno === 'object') Deno.exit(0); else process.exit(0);
