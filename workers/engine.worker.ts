/**
 * Worker entry: exposes the engine over Comlink. Works as a module Web Worker (browsers, Deno, Bun)
 * and as a Node worker_threads worker. Results go back with their pixel buffers transferred.
 */
import * as Comlink from 'comlink';
import { createEngine, type EngineConfig, type EngineInit, type JobEntry } from '../src/engine/engine.js';
import { installErrorTransfer } from '../src/runtime/comlink-errors.js';

const engine = createEngine();

const api = {
  init: (opts: EngineInit) => engine.init(opts),
  configure: (c: EngineConfig) => engine.configure(c),
  run(entries: JobEntry[], output: 'raw' | 'float', reuse?: ArrayBuffer[]) {
    const results = engine.run(entries, output, reuse);
    const transfer: Transferable[] = [];
    for (const r of results) for (const o of r.outputs) transfer.push(o.buffer as ArrayBuffer);
    return Comlink.transfer(results, transfer);
  },
  async features(images: import('../src/types.js').RawImage[]) {
    const r = await engine.features(images);
    // EdgeAugmentErrors inside results are plain data across the boundary: send their JSON.
    return r.map((x) => (x.ok ? x : { ok: false as const, error: x.error.toJSON() }));
  },
  numTensors: () => engine.numTensors(),
  ping: () => 'pong' as const,
  /** Test hook: crash this worker hard (used by fault-tolerance tests). */
  crash(): void {
    setTimeout(() => { throw new Error('edge-augment test crash'); }, 0);
  },
};

/** The worker's API, for typing the client's proxy. */
export type EngineApi = typeof api;

installErrorTransfer(Comlink as never);

async function main() {
  const g = globalThis as { process?: { versions?: { node?: string } }; Deno?: unknown; Bun?: unknown; WorkerGlobalScope?: unknown; postMessage?: unknown };
  const isWebWorker = typeof g.WorkerGlobalScope !== 'undefined' || ((g.Deno !== undefined || g.Bun !== undefined) && typeof g.postMessage === 'function');
  if (!isWebWorker && g.process?.versions?.node) {
    const { parentPort } = await import('node:worker_threads');
    const nodeEndpoint = (await import('comlink/dist/esm/node-adapter.mjs')).default;
    Comlink.expose(api, nodeEndpoint(parentPort as never));
  } else {
    Comlink.expose(api);
  }
}
void main();
