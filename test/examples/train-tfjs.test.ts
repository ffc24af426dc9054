/**
 * examples/train-tfjs: a small CNN trained with tfjs-layers on `augmentBatch(…, { output: 'tensor' })`
 * with default options, inline and with 2 workers — accuracy rises, the two runs are identical (seeded weights and order), `tf.getBackend()` is the app's at
 * every step, the live tensor count is flat across epochs. Plus, in fresh processes: an app that
 * registered a backend but never chose one still gets it (the SDK's own wasm import does not win
 * tfjs's priority order), and an app with no backend gets a clear EdgeAugmentError, inline and pooled.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM example
import { train } from '../../examples/train-tfjs/train.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('examples/train-tfjs', () => {
  const runs: Record<number, any> = {};
  it.each([0, 2])('workers %i: accuracy rises, backend unchanged, tensors flat', async (workers) => {
    const r = await train({ workers });
    runs[workers] = r;
    expect(r.workers).toBe(workers);
    expect(r.backends).toEqual({ beforeCreate: 'cpu', afterCreate: 'cpu', afterAugment: 'cpu', afterClose: 'cpu' });
    expect(r.before).toBeLessThan(0.7);
    expect(r.after).toBeGreaterThanOrEqual(0.9);
    expect(r.losses.at(-1)).toBeLessThan(r.losses[0] * 0.5);
    expect(new Set(r.tensorsPerEpoch).size).toBe(1);
  }, 240_000);

  it('the run is reproducible: inline and 2 workers train to the same losses and accuracy (seeded weights, order, augmentation)', () => {
    expect(runs[0] && runs[2]).toBeTruthy();
    expect(runs[2].losses).toEqual(runs[0].losses);
    expect(runs[2].after).toBe(runs[0].after);
  });
});

/** Runs an app script from test/examples/apps in a fresh Node process (the package by its name → dist/node). */
function runApp(name: string, ...args: string[]): any {
  const out = execFileSync(process.execPath, [`${ROOT}test/examples/apps/${name}`, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

describe("the app's tfjs backend", () => {
  it('an app that imported the cpu backend but never chose one keeps cpu (the SDK does not register wasm for it)', () => {
    expect(runApp('cpu-registered.mjs')).toEqual({ backend: 'cpu', tensorOnCpu: true, registered: ['cpu'], shape: [1, 8, 8, 3] });
  });

  it.each([0, 2])('workers %i: no backend in the app → BACKEND_UNAVAILABLE naming what to install (raw output still works)', (workers) => {
    const r = runApp('no-backend.mjs', String(workers));
    expect(r).toMatchObject({ raw: 1, name: 'EdgeAugmentError', code: 'BACKEND_UNAVAILABLE' });
    expect(r.message).toMatch(/tfjs-backend-cpu/);
  });
});
