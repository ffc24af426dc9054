/**
 * Fuzz findings on the worker pool (issue 13): a worker that dies while starting is replaced (the pool
 * shrank 2 → 1 → 0 and calls never settled), a pool whose replacements all fail rejects instead of
 * hanging, close() leaves no start-up timer keeping Node alive, and initTimeoutMs is validated.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { SEED_SPEC, faults, pkg } from './helpers.js';
// @ts-expect-error plain ESM harness shared with scripts/check-runtimes.mjs
import { DIST_NODE, cleanup, run } from '../runtimes/harness.mjs';
import type { RawImage } from '../../src/types.js';

afterAll(() => cleanup());

const img: RawImage = { data: new Uint8Array(16 * 16 * 4).fill(77), width: 16, height: 16, channels: 4 };

async function until(cond: () => boolean, ms = 20_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 2));
  }
}

function within<T>(p: Promise<T>, ms: number): Promise<T | 'TIMEOUT'> {
  return Promise.race([p, new Promise<'TIMEOUT'>((r) => setTimeout(() => r('TIMEOUT'), ms))]);
}

describe('worker pool faults', () => {
  it('a replacement that dies while starting is replaced in turn: the pool gets back to 2 and works', async () => {
    const { createAugmenter } = await pkg();
    const a = await createAugmenter({ spec: SEED_SPEC, seed: 3, workers: 2 });
    const pool = a.pool!;
    for (let round = 0; round < 2; round++) {
      faults(pool).terminate(0); // a started worker crashes → a replacement starts
      await until(() => pool.size === 2); // the replacement exists but has not started
      faults(pool).terminate(1); // it dies while starting
      await until(() => pool.size === 2); // …and is replaced again (before the fix: never; the pool shrank)
    }
    const r = await within(a.augmentBatch(Array.from({ length: 12 }, () => img)), 30_000);
    expect(r).not.toBe('TIMEOUT');
    expect((r as { items: unknown[] }).items).toHaveLength(12);
    expect(pool.size).toBe(2);
    await a.close();
  }, 60_000);

  it('when every replacement dies while starting, calls reject with WORKER_FAILED instead of hanging', async () => {
    const { createAugmenter } = await pkg();
    const a = await createAugmenter({ spec: SEED_SPEC, seed: 3, workers: 1 });
    const pool = a.pool!;
    faults(pool).terminate(0);
    for (let k = 0; k < 3; k++) {
      await until(() => pool.size === 1);
      faults(pool).terminate(0);
    }
    const r = await within(a.augment(img).then(() => 'OK', (e) => e.code), 20_000);
    expect(r).toBe('WORKER_FAILED');
    await a.close();
  }, 60_000);

  it('close() while a replacement starts leaves no timer keeping Node alive', async () => {
    const code = `const { createAugmenter } = await import(${JSON.stringify(pathToFileURL(DIST_NODE).href)});
      const a = await createAugmenter({ workers: 2, seed: 1 });
      a.pool[Symbol.for('edge-augment.faults')]().terminate(0);
      while (a.pool.size < 2) await new Promise((r) => setTimeout(r, 1));
      await a.close();
      console.log('RESULT closed');`;
    const file = join(mkdtempSync(join(tmpdir(), 'ea-close-')), 'close-starting.mjs');
    writeFileSync(file, code);
    const t0 = Date.now();
    const r = await run(process.execPath, [file], { timeoutMs: 40_000 });
    expect(r.stdout, r.stderr).toContain('RESULT closed');
    expect(Date.now() - t0).toBeLessThan(8_000); // before the fix: the 30 s init timer held it
  }, 60_000);

  it('initTimeoutMs NaN, "abc", negative or 0 → INVALID_ARGUMENT (inline and workers)', async () => {
    const { createAugmenter } = await pkg();
    for (const workers of [0, 1]) {
      for (const t of [NaN, 'abc', -5, 0, Infinity]) {
        const e = await createAugmenter({ spec: SEED_SPEC, workers, initTimeoutMs: t as number }).then((x) => { void x.close(); return null; }, (err) => err);
        expect(e?.code, `workers ${workers}, ${String(t)}`).toBe('INVALID_ARGUMENT');
        expect(e.message).toMatch(/initTimeoutMs/);
      }
    }
  }, 60_000);
});
