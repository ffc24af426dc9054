/**
 * The built package in Node child processes: inline and worker_threads give the same bytes; tfjs's
 * rethrowing process handlers are gone after init; corrupt, missing and unreachable binaries end in
 * typed errors within the init timeout.
 */
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM harness shared with scripts/check-runtimes.mjs
import { DIST_NODE, ROOT, cleanup, run, runNode, unexpectedStderr } from './harness.mjs';

afterAll(() => cleanup());
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const errorsEntry = join(ROOT, 'test', 'runtimes', 'entries', 'errors.mjs');

async function scenario(name: string, workers = 0) {
  const r = await run(process.execPath, [errorsEntry, JSON.stringify({ pkg: pathToFileURL(DIST_NODE).href, scenario: name, workers })], { timeoutMs: 30_000 });
  const line = r.stdout.split('\n').find((l: string) => l.startsWith('RESULT '));
  expect(line, r.stderr).toBeDefined();
  return { ...JSON.parse(line.slice(7)), stderr: r.stderr };
}

describe('Node (built package, child processes)', () => {
  it('a pool left open does not keep the process alive (README: Node)', async () => {
    const code = `const { createAugmenter } = await import(${JSON.stringify(pathToFileURL(DIST_NODE).href)});
      const a = await createAugmenter({ workers: 2, seed: 1 });
      const [r] = await a.augment({ data: new Uint8Array(8 * 8 * 4).fill(9), width: 8, height: 8, channels: 4 });
      console.log('RESULT', r.image.data.length);`;
    // A file, not --eval: workers inherit execArgv, and --input-type is refused in a worker.
    const file = join(mkdtempSync(join(tmpdir(), 'ea-exit-')), 'open-pool.mjs');
    writeFileSync(file, code);
    const t0 = Date.now();
    const r = await run(process.execPath, [file], { timeoutMs: 20_000 });
    expect(r.stdout, r.stderr).toContain('RESULT 256');
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - t0).toBeLessThan(15_000);
  });

  it('inline, 1 and 2 workers: identical hashes, empty stderr, no process handlers left', async () => {
    const runs = [await runNode(0), await runNode(1), await runNode(2)];
    for (const r of runs) {
      expect(r.ok, `${r.name}: ${r.error}`).toBe(true);
      expect(unexpectedStderr(r.stderr), r.name).toBe('');
      expect(r.result.info).toMatchObject({ backend: 'wasm', simd: true });
      expect(r.result.handlers.after).toEqual(r.result.handlers.before);
    }
    expect(runs.map((r) => r.result.workers)).toEqual([0, 1, 2]);
    expect(runs[0].result.capabilities).toMatchObject({ runtime: 'node', worker: 'worker_threads', threads: false });
    expect(new Set(runs.map((r) => r.hash)).size).toBe(1);
    // The op-pipeline job (job.mjs PIPELINE) too.
    expect(runs[0].result.pipelineHash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(runs.map((r) => r.result.pipelineHash)).size).toBe(1);
    // And the evasion job (job.mjs EVASION: a corruption and AugLy-style perturbations, our text rasteriser).
    expect(runs[0].result.evasionHash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(runs.map((r) => r.result.evasionHash)).size).toBe(1);
  }, 180_000); // three child processes, three jobs each (Keras, op pipeline, evasion)

  it('control: tfjs alone does leave rethrowing process handlers (so the check above means something)', async () => {
    const code = `
      const tf = await import('@tensorflow/tfjs-core');
      const w = await import('@tensorflow/tfjs-backend-wasm');
      const before = process.listeners('uncaughtException').length + process.listeners('unhandledRejection').length;
      await tf.setBackend('wasm');
      const after = process.listeners('uncaughtException').length + process.listeners('unhandledRejection').length;
      console.log('RESULT ' + JSON.stringify({ before, after }));`;
    const r = await run(process.execPath, ['--input-type=module', '-e', code]);
    const res = JSON.parse(r.stdout.split('\n').find((l: string) => l.startsWith('RESULT '))!.slice(7));
    expect(res.after).toBeGreaterThan(res.before);
  });

  it.each([
    ['corrupt-tfjs', 0, 'WASM_INIT_FAILED'],
    ['corrupt-kernel', 0, 'WASM_INIT_FAILED'],
    ['missing', 0, 'WASM_INIT_FAILED'],
    ['hang', 0, 'WASM_INIT_TIMEOUT'],
    ['corrupt-tfjs', 1, 'WASM_INIT_FAILED'],
    ['hang', 1, 'WASM_INIT_TIMEOUT'],
  ])('%s, workers %i → %s within the 1.5 s init timeout', async (name, workers, code) => {
    const r = await scenario(name as string, workers as number);
    expect(r.error, JSON.stringify(r)).toMatchObject({ name: 'EdgeAugmentError', code, isEdgeAugmentError: true });
    expect(r.ms).toBeLessThan(1500 + 1500);
    expect(r.handlers).toEqual({ uncaughtException: 0, unhandledRejection: 0 });
    expect(unexpectedStderr(r.stderr)).toBe('');
  });
});
