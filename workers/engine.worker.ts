/**
 * Worker entry: exposes the engine over Comlink. Works as a module Web Worker (browsers, Deno, Bun)
 * and as a Node worker_threads worker. Results go back with their pixel buffers transferred.
 */
import * as Comlink from 'comlink';
import { createEngine, type EngineConfig, type EngineInit, type JobEntryResult } from '../src/engine/engine.js';
import { decodeTask, encodeResult, type WireResult, type WireTask } from '../src/runtime/wire.js';
import { installErrorTransfer } from '../src/runtime/comlink-errors.js';
import { nodeWorkerThreads } from '../src/platform/node.js';

const engine = createEngine();

const api = {
  init: (opts: EngineInit) => engine.init(opts),
  configure: (c: EngineConfig) => engine.configure(c),
  /** One pool task (src/runtime/wire.ts): outputs go back transferred, params as numbers, and a transferred (not shared) staging buffer too. */
  async run(task: WireTask): Promise<WireResult> {
    const entries = decodeTask(task);
    let results: JobEntryResult[];
    if (!task.moved?.length || task.output !== 'raw') results = await engine.run(entries, task.output, task.reuse);
    else {
      // Inputs moved here (transfer: true) are free once their entry has run: they become the buffers
      // of later outputs of the same size, so a moved batch allocates almost nothing.
      const reuse = task.reuse ?? [];
      results = [];
      for (const e of entries) {
        results.push(...(await engine.run([e], 'raw', reuse)));
        const b = e.image.data.buffer as ArrayBuffer;
        if (task.moved.includes(b)) reuse.push(b);
      }
    }
    const { result, transfer } = encodeResult(results, task.pixels);
    return Comlink.transfer(result, transfer);
  },
  async features(images: import('../src/types.js').RawImage[]) {
    const r = await engine.features(images);
    // EdgeAugmentErrors inside results are plain data across the boundary: send their JSON.
    return r.map((x) => (x.ok ? x : { ok: false as const, error: x.error.toJSON() }));
  },
  numTensors: () => engine.numTensors(),
  ping: () => 'pong' as const,
  /** Fault injection (the pool's test hooks, not public API): crash this worker hard. */
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
    const { parentPort } = await nodeWorkerThreads();
    const nodeEndpoint = (await import('comlink/dist/esm/node-adapter.mjs')).default;
    Comlink.expose(api, nodeEndpoint(parentPort as never));
  } else {
    Comlink.expose(api);
  }
}
void main();
