/**
 * tfjs's pthread scripts in dist/: generated at build time from the installed
 * @tensorflow/tfjs-backend-wasm (same version, same bytes tfjs would put in its blobs), present next
 * to both builds, never checked into the repository, and named as the runtime shim expects.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM build script
import { TFJS_THREAD_FILES, tfjsThreadSources } from '../../scripts/build-tfjs-threads.mjs';
import { TFJS_THREAD_FILES as SHIM_FILES } from '../../src/runtime/tfjs-wasm-shim.js';
// @ts-expect-error plain ESM harness
import { ROOT, TFJS_THREAD_SCRIPTS } from './harness.mjs';

const require = createRequire(join(ROOT, 'package.json'));
const installedVersion = JSON.parse(readFileSync(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'), 'utf8')).version;

describe('tfjs pthread scripts shipped in dist/', () => {
  it('the build script, the runtime shim and the test harness agree on the names', () => {
    expect({ ...TFJS_THREAD_FILES }).toEqual({ ...SHIM_FILES });
    expect([...TFJS_THREAD_SCRIPTS].sort()).toEqual([SHIM_FILES.worker, SHIM_FILES.main].sort());
  });

  it('come from the installed tfjs-backend-wasm, exactly as tfjs builds its blobs', () => {
    const src = tfjsThreadSources();
    expect(src.version).toBe(installedVersion);
    const { wasmWorkerContents } = require('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js');
    const factory = require('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
    expect(src.worker).toContain(wasmWorkerContents.replace(/\n/g, '\\n'));
    expect(src.main).toContain('var WasmBackendModuleThreadedSimd = ' + factory.toString());
    expect(src.worker).toContain(`@tensorflow/tfjs-backend-wasm@${installedVersion}`);
  });

  it.each(['web'])('dist/%s has both (dist/node reads them there), byte-identical to a fresh generation, valid classic scripts', (target) => {
    const src = tfjsThreadSources();
    for (const [kind, name] of Object.entries(TFJS_THREAD_FILES) as [keyof typeof src, string][]) {
      const file = join(ROOT, 'dist', target, name);
      expect(existsSync(file), `${file} missing: run npm run build`).toBe(true);
      expect(readFileSync(file, 'utf8')).toBe(src[kind]);
      expect(() => new Function(readFileSync(file, 'utf8'))).not.toThrow();
    }
  });

  it('are not checked into the repository', () => {
    const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n');
    for (const name of Object.values(TFJS_THREAD_FILES) as string[]) expect(tracked.filter((f) => f.endsWith(name))).toEqual([]);
  });
});
