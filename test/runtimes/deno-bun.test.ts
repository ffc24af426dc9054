/** The built package in Deno (npm `deno`, `--allow-read`, module Web Workers) and Bun (npm `bun`, Web Workers). */
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM harness shared with scripts/check-runtimes.mjs
import { cleanup, runBun, runDeno, runNode, runPoolFaults, unexpectedStderr } from './harness.mjs';

afterAll(() => cleanup());

let reference: Promise<{ hash: string; result: { pipelineHash: string; evasionHash: string } }> | undefined;
const nodeRun = () => (reference ??= runNode(0));
const referenceHash = () => nodeRun().then((r) => r.hash);

describe.each([
  ['deno', runDeno],
  ['bun', runBun],
])('%s (built package, child process)', (runtime, runner) => {
  it.each([0, 2])('workers %i: same hash as Node inline, empty stderr, handlers removed', async (workers) => {
    const r = await runner(workers);
    expect(r.ok, `${r.name}: ${r.error}\n${r.stderr}`).toBe(true);
    expect(unexpectedStderr(r.stderr)).toBe('');
    expect(r.result.capabilities).toMatchObject({ runtime, worker: 'web', simd: true, threads: false });
    expect(r.result.workers).toBe(workers);
    expect(r.result.info).toMatchObject({ backend: 'wasm', simd: true });
    expect(r.result.handlers.after).toEqual(r.result.handlers.before);
    expect(r.hash).toBe(await referenceHash());
    expect(r.result.pipelineHash, 'op-pipeline job').toBe((await nodeRun()).result.pipelineHash);
    expect(r.result.evasionHash, 'evasion job (text, emoji, stripes, …)').toBe((await nodeRun()).result.evasionHash);
  });
});

describe.each(['deno', 'bun'])('%s: the pool survives faults', (runtime) => {
  it('a worker terminated and one crashed mid-batch of 200: all results once, in order, same bytes; abort is prompt', async () => {
    const r = await runPoolFaults(runtime);
    expect(r.error, JSON.stringify(r)).toBeUndefined();
    expect(r).toMatchObject({ count: 200, inOrder: true, uniqueIndices: 200, identical: true, afterAbort: 1 });
    expect(r.replacements).toBeGreaterThanOrEqual(1);
    expect(r.abort.name).toBe('AbortError');
    expect(r.abort.ms).toBeLessThan(2000);
  });
});
