/**
 * Cloudflare workerd (npm `workerd`): the demo/edge worker, bundled with esbuild, every binary a
 * CompiledWasm module, inline mode — raw job, PNG upload decoded in workerd, PNG output; the op-pipeline
 * job (ImageNet-C noise, JPEG re-encode through the mozjpeg module) and the evasion job (motion blur,
 * stripes, text, emoji, logo, pixelization, tile shuffle, meme band) give Node's hashes.
 */
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM harness shared with scripts/check-runtimes.mjs
import { cleanup, runNode, runWorkerd, unexpectedStderr } from './harness.mjs';

afterAll(() => cleanup());

describe('workerd (demo/edge, inline, precompiled modules)', () => {
  it('same hashes as Node for raw RGBA, the PNG upload, the op-pipeline and the evasion jobs; returns a PNG; stderr empty', async () => {
    const [w, n] = [await runWorkerd(), await runNode(0)];
    expect(w.ok, `${w.error}\n${w.stderr}`).toBe(true);
    expect(unexpectedStderr(w.stderr)).toBe('');
    expect(w.result).toMatchObject({ runtime: 'workerd', workers: 0, info: { backend: 'wasm', simd: true } });
    expect(w.hash).toBe(n.hash);
    expect(w.result.uploadHash).toBe(n.hash);
    expect(w.result.pngOutput).toBeGreaterThan(1000);
    expect(n.result.pipelineHash).toMatch(/^[0-9a-f]{64}$/);
    expect(w.result.pipelineHash).toBe(n.result.pipelineHash);
    expect(w.result.evasionHash).toBe(n.result.evasionHash);
  });
});
