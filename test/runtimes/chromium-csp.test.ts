/**
 * Headless Chromium under the demo's strict Content-Security-Policy (demo/serve.mjs: `worker-src
 * 'self'`, `script-src 'self' 'wasm-unsafe-eval'`, no blob: anything) AND COOP/COEP: tfjs's
 * threaded-SIMD build must start its pthread workers from the same-origin files the package ships
 * (tfjs-backend-wasm-threaded-simd{.worker,}.js, generated at build time), with no CSP violation
 * and the same bytes as every other runtime. When those files are missing or served without the
 * COOP/COEP headers, start-up falls back to the SIMD build within a few seconds (not the 30 s init
 * timeout) and says why in `info.note`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM harness shared with scripts/check-runtimes.mjs
import { TFJS_THREAD_SCRIPTS, chromiumPath, cleanup, openChromium, runNode } from './harness.mjs';

afterAll(() => cleanup());

const exe = chromiumPath();
if (!exe) {
  const msg = '\n*** test/runtimes/chromium-csp.test.ts: Chromium NOT FOUND (set CHROMIUM_PATH or install the `chromium` package) — strict-CSP thread tests SKIPPED ***\n';
  if (process.env.CI === 'true') throw new Error(msg + 'CI=true: the browser tests must run.');
  console.warn(msg);
}

const [WORKER_JS, MAIN_JS] = TFJS_THREAD_SCRIPTS as [string, string];
/** Console lines that are not failures. */
const benign = (s: string) => s.split('\n').filter((l) => l.trim() && !/favicon/.test(l)).join('\n');

describe.skipIf(!exe)('Chromium, strict CSP + COOP/COEP', () => {
  let session: any;
  let expected: string;
  beforeAll(async () => {
    session = await openChromium();
    expected = (await runNode(0)).hash;
  }, 120_000);
  afterAll(async () => { await session?.close(); });

  it.each([
    ['module worker', { workers: 1, threads: 2 }],
    ['inline on the page', { workers: 0, threads: 2 }],
  ])('%s: threaded-SIMD build from the shipped pthread scripts, 2 threads, no CSP violation, same bytes', async (_, options) => {
    const r = await session.run({ name: 'csp threads', headers: 'coi', csp: true, options });
    expect(r.ok, `${r.error}\n${r.stderr}`).toBe(true);
    expect(r.violations).toEqual([]);
    expect(benign(r.stderr)).toBe('');
    expect(r.result).toMatchObject({ crossOriginIsolated: true, capabilities: { threads: true } });
    expect(r.result.wasm).toEqual(['tfjs-backend-wasm-threaded-simd.wasm', 'warp-shared.wasm']);
    // The pthread worker came from the shipped file and imported the shipped main script.
    expect(r.result.threadScripts).toEqual([MAIN_JS, WORKER_JS].sort());
    // What tfjs runs (XNNPACK pool = started pthreads + the calling thread): the count asked for,
    // even on a 2-core machine where tfjs alone would cap it at cores / 2 = 1.
    expect(r.result.info).toMatchObject({ backend: 'wasm', simd: true, threads: 2 });
    expect(r.result.info.note).toBeUndefined();
    expect(r.hash).toBe(expected);
  });

  it('without a thread count: tfjs\'s own choice, min(8, cores / 2), reported as run', async () => {
    const r = await session.run({ name: 'csp threads default', headers: 'coi', csp: true, options: { workers: 0 } });
    expect(r.ok, `${r.error}\n${r.stderr}`).toBe(true);
    expect(r.violations).toEqual([]);
    const cores = r.result.capabilities.hardwareConcurrency;
    expect(r.result.info.threads).toBe(Math.max(1, Math.min(8, Math.floor(cores / 2))));
    expect(r.hash).toBe(expected);
  });

  it.each([
    ['the pthread worker file is missing', 1, { missing: WORKER_JS }],
    ['the pthread worker file is missing', 0, { missing: WORKER_JS }],
    ['the pthread main script is missing', 1, { missing: MAIN_JS }],
    ['the pthread scripts lack COOP/COEP', 1, { bare: [WORKER_JS, MAIN_JS] }],
  ])('%s (workers: %d): SIMD build within 5 s, reason in info.note, same bytes', async (_, workers, fault) => {
    // The default 30 s init timeout: the fallback must not wait for it.
    const r = await session.run({ name: 'csp threads fault', headers: 'coi', csp: true, ...fault, options: { workers, threads: 2 } });
    expect(r.ok, `${r.error}\n${r.stderr}`).toBe(true);
    expect(r.result.ms).toBeLessThan(5000);
    expect(r.violations).toEqual([]);
    expect(r.result.info).toMatchObject({ backend: 'wasm', simd: true, threads: 1 });
    expect(r.result.info.note).toMatch(/threads unavailable .*tfjs-backend-wasm-threaded-simd\.worker\.js.*SIMD build without threads/);
    expect(r.result.wasm).toContain('tfjs-backend-wasm-simd.wasm');
    expect(r.result.wasm).toContain('warp.wasm');
    expect(r.result.wasm).not.toContain('warp-shared.wasm');
    expect(r.hash).toBe(expected);
  });

  it("a policy that blocks every worker (worker-src 'none', inline): SIMD build within 5 s", async () => {
    const policy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'none'; connect-src 'self'";
    const r = await session.run({ name: 'csp blocks workers', headers: 'coi', csp: policy, options: { workers: 0, threads: 2 } });
    expect(r.ok, `${r.error}\n${r.stderr}`).toBe(true);
    expect(r.result.ms).toBeLessThan(5000);
    expect(r.violations.join('\n')).toMatch(/worker-src/);
    expect(r.result.info).toMatchObject({ backend: 'wasm', threads: 1 });
    expect(r.result.info.note).toMatch(/threads unavailable/);
    expect(r.hash).toBe(expected);
  });
});
