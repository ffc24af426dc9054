/** Capability detection: one frozen object, overridable; 'auto' follows it. (In-process, built package.) */
import { describe, expect, it } from 'vitest';
import { pkg } from '../api/helpers.js';

describe('capabilities', () => {
  it('is detected once, frozen, and says Node here', async () => {
    const { getCapabilities } = await pkg();
    const c = getCapabilities();
    expect(Object.isFrozen(c)).toBe(true);
    expect(getCapabilities()).toBe(c);
    expect(c).toMatchObject({ runtime: 'node', worker: 'worker_threads', simd: true, threads: false, wasmCompile: true });
    expect(c.hardwareConcurrency).toBeGreaterThanOrEqual(1);
  });

  it('setCapabilities overrides (inline forced for workers: "auto") and resets', async () => {
    const { createAugmenter, getCapabilities, setCapabilities } = await pkg();
    setCapabilities({ worker: 'none' });
    try {
      expect(getCapabilities().worker).toBe('none');
      expect(Object.isFrozen(getCapabilities())).toBe(true);
      const a = await createAugmenter({ workers: 'auto' });
      expect(a.workers).toBe(0);
      await a.close();
    } finally {
      setCapabilities(undefined);
    }
    expect(getCapabilities().worker).toBe('worker_threads');
    const b = await createAugmenter({ workers: 'auto' });
    expect(b.workers).toBeGreaterThanOrEqual(1);
    await b.close();
  });

  it("workers: 'auto' is hardwareConcurrency − 1, at least 1, at most 4; 0 without workers (README)", async () => {
    const { autoWorkers } = await import('../../src/runtime/capabilities.js');
    const caps = (hardwareConcurrency: number, worker: 'worker_threads' | 'none' = 'worker_threads') => ({ runtime: 'node', worker, simd: true, threads: false, crossOriginIsolated: true, hardwareConcurrency, wasmCompile: true }) as const;
    expect([1, 2, 3, 5, 8, 64].map((n) => autoWorkers(caps(n)))).toEqual([1, 1, 2, 4, 4, 4]);
    expect(autoWorkers(caps(8, 'none'))).toBe(0);
    // And the augmenter follows it.
    const { createAugmenter, setCapabilities } = await pkg();
    setCapabilities({ hardwareConcurrency: 3 });
    try {
      const a = await createAugmenter({ workers: 'auto' });
      expect(a.workers).toBe(2);
      await a.close();
    } finally {
      setCapabilities(undefined);
    }
  });

  it('setWasmPaths refuses unknown names and bad values with INVALID_ARGUMENT', async () => {
    const { setWasmPaths } = await pkg();
    expect(() => setWasmPaths({ 'nope.wasm': 'x' } as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => setWasmPaths({ 'warp.wasm': 42 } as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => setWasmPaths('/no/trailing/slash')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    setWasmPaths(undefined);
  });
});
