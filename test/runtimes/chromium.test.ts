/**
 * Headless Chromium: the package bundled as a user's bundler would (page + module worker), served
 * from 127.0.0.1 without and with COOP/COEP. Threads: the tfjs threaded-SIMD build and our
 * shared-memory kernel are loaded, bytes identical. Wrong headers and corrupt binaries: typed errors
 * within the init timeout. Skips loudly where Chromium is missing — except under CI=true.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM harness shared with scripts/check-runtimes.mjs
import { chromiumPath, cleanup, openChromium, runNode } from './harness.mjs';

afterAll(() => cleanup());

const exe = chromiumPath();
if (!exe) {
  const msg = '\n*** test/runtimes/chromium.test.ts: Chromium NOT FOUND (set CHROMIUM_PATH or install the `chromium` package) — browser runtime tests SKIPPED ***\n';
  if (process.env.CI === 'true') throw new Error(msg + 'CI=true: the browser tests must run.');
  console.warn(msg);
}

/** Console lines that are not failures (none expected today). */
const benign = (s: string) => s.split('\n').filter((l) => l.trim() && !/favicon/.test(l)).join('\n');

describe.skipIf(!exe)('Chromium (module worker)', () => {
  let session: any;
  let expected: string;
  beforeAll(async () => {
    session = await openChromium();
    expected = (await runNode(0)).hash;
  });
  afterAll(async () => { await session?.close(); });

  it('no COOP/COEP: SIMD build, plain kernel, same bytes as Node, no console errors', async () => {
    const r = await session.run({ name: 'chromium', headers: 'none' });
    expect(r.ok, `${r.error}\n${r.stderr}`).toBe(true);
    expect(benign(r.stderr)).toBe('');
    expect(r.result).toMatchObject({ workers: 1, crossOriginIsolated: false, capabilities: { runtime: 'browser', worker: 'web', threads: false } });
    expect(r.result.wasm).toEqual(['tfjs-backend-wasm-simd.wasm', 'warp.wasm']);
    expect(r.hash).toBe(expected);
  });

  it('COOP+COEP: threaded-SIMD build with the shared-memory kernel, same bytes', async () => {
    const r = await session.run({ name: 'chromium threads', headers: 'coi' });
    expect(r.ok, `${r.error}\n${r.stderr}`).toBe(true);
    expect(benign(r.stderr)).toBe('');
    expect(r.result).toMatchObject({ crossOriginIsolated: true, capabilities: { threads: true } });
    expect(r.result.wasm).toEqual(['tfjs-backend-wasm-threaded-simd.wasm', 'warp-shared.wasm']);
    expect(r.hash).toBe(expected);
  });

  it('inline on the page (workers: 0) gives the same bytes too', async () => {
    const r = await session.run({ name: 'chromium inline', headers: 'none', options: { workers: 0 } });
    expect(r.ok, `${r.error}\n${r.stderr}`).toBe(true);
    expect(r.hash).toBe(expected);
  });

  it('COEP on the page but not on the worker script: typed error within the init timeout, no hang', async () => {
    const r = await session.run({ name: 'page-only', headers: 'page-only', options: { workers: 1, initTimeoutMs: 4000 } });
    expect(r.ok).toBe(false);
    expect(r.result.error).toMatchObject({ name: 'EdgeAugmentError', code: 'WORKER_FAILED' });
    expect(r.result.error.message).toMatch(/Cross-Origin-Embedder-Policy/);
    expect(r.result.ms).toBeLessThan(4000 + 1000);
  });

  it.each([
    ['tfjs-backend-wasm-simd.wasm', 'none'],
    ['warp.wasm', 'none'],
    ['tfjs-backend-wasm-threaded-simd.wasm', 'coi'],
    ['warp-shared.wasm', 'coi'],
  ])('corrupt %s (headers %s): WASM_INIT_FAILED within the init timeout', async (file, headers) => {
    const r = await session.run({ name: `corrupt ${file}`, headers, corrupt: file, options: { workers: 1, initTimeoutMs: 4000 } });
    expect(r.ok).toBe(false);
    expect(r.result.error).toMatchObject({ name: 'EdgeAugmentError', code: 'WASM_INIT_FAILED' });
    expect(r.result.ms).toBeLessThan(4000 + 1000);
  });
});
