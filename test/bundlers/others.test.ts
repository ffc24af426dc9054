/**
 * The same app as vite.test.ts, from the packed tarball, built with webpack 5 (defaults), Rollup +
 * node-resolve + commonjs, and esbuild (the README's one command line), run in headless Chromium
 * under COOP/COEP: inline, 2 workers with 2 tfjs threads, a drift check — equal to Node, no console
 * error, no failed request. esbuild and Rollup do not follow `new URL(…, import.meta.url)`: the
 * README's copy line puts the package's files beside their output (harness COPY_FILES).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM harness
import { buildEsbuild, buildRollup, buildWebpack, cleanup, makeApp, openBrowser, runInNode, serveStatic } from './harness.mjs';
// @ts-expect-error plain ESM harness
import { chromiumPath } from '../runtimes/harness.mjs';

const exe = chromiumPath();
if (!exe && process.env.CI === 'true') throw new Error('test/bundlers/others.test.ts: Chromium NOT FOUND and CI=true: the browser tests must run.');

describe.skipIf(!exe)('webpack 5, Rollup, esbuild (packed tarball)', () => {
  let browser: any;
  let truth: any;
  let appDir: string;
  beforeAll(async () => {
    appDir = await makeApp('others');
    [browser, truth] = await Promise.all([openBrowser(), runInNode(appDir)]);
  }, 180_000);
  afterAll(async () => { await browser?.close(); cleanup(); });

  it.each([
    ['webpack 5', buildWebpack],
    ['Rollup + node-resolve + commonjs', buildRollup],
    ['esbuild (README command)', buildEsbuild],
  ])('%s: inline, 2 workers × 2 tfjs threads under COOP/COEP, drift — equal to Node', async (_name, build) => {
    const { out, warnings } = await build(appDir);
    expect(warnings).toEqual([]);
    const server = await serveStatic([out], { coi: true });
    try {
      const r = await browser.run(server.url, { threads: 2 });
      expect(r.result.error, JSON.stringify(r.result.error)).toBeUndefined();
      expect(r.errors).toEqual([]);
      expect(r.failed).toEqual([]);
      expect(r.result.crossOriginIsolated).toBe(true);
      expect(r.result.inline.hash).toBe(truth.inline.hash);
      expect(r.result.pool).toMatchObject({ hash: truth.inline.hash, workers: 2, threads: 2 });
      expect(r.result.profileHash).toBe(truth.profileHash);
      expect(r.result.driftHash).toBe(truth.driftHash);
    } finally {
      await server.close();
    }
  }, 240_000);
});
