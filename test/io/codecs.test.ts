/**
 * Codec location/initialisation: precompiled modules (the workerd path), the workerd refusal
 * without them, argument checks, and diagnostics captured instead of printed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCapabilities } from '../../src/runtime/capabilities.js';
import { CODEC_WASM_FILES, decodeImage, encodeImage, resetCodecs, setCodecModules } from '../../src/io/index.js';
import { sampleImage } from '../fixtures/paths.js';

const require = createRequire(import.meta.url);
const compiled = (spec: string) => new WebAssembly.Module(readFileSync(require.resolve(spec)));
const rocket = () => new Uint8Array(readFileSync(sampleImage('rocket.jpg')));

afterEach(() => {
  setCapabilities(undefined);
  resetCodecs();
});

describe('codecs', () => {
  it('workerd without modules: WASM_INIT_FAILED that says what to pass', async () => {
    setCapabilities({ runtime: 'workerd', wasmCompile: false });
    resetCodecs();
    const err = await decodeImage(rocket()).catch((e) => e);
    expect(err).toMatchObject({ code: 'WASM_INIT_FAILED' });
    expect(err.message).toMatch(/setCodecModules\(\{ jpegDecode/);
    expect(err.message).toContain('mozjpeg_dec.wasm');
  });

  it('workerd with precompiled modules decodes and encodes (no file-system access)', async () => {
    setCapabilities({ runtime: 'workerd', wasmCompile: false });
    setCodecModules({
      jpegDecode: compiled(CODEC_WASM_FILES.jpegDecode),
      png: compiled(CODEC_WASM_FILES.png),
      webpEncode: compiled(CODEC_WASM_FILES.webpEncode),
    });
    const img = await decodeImage(rocket());
    expect(img.width).toBe(640);
    const png = await encodeImage(img);
    const back = await decodeImage(png);
    expect(Buffer.from(back.data).equals(Buffer.from(img.data))).toBe(true);
    expect((await encodeImage(img, { format: 'webp' })).length).toBeGreaterThan(100);
    // A codec that was not supplied still fails with a typed error.
    await expect(encodeImage(img, { format: 'jpeg' })).rejects.toMatchObject({ code: 'WASM_INIT_FAILED' });
  });

  it('setCodecModules validates its argument', () => {
    expect(() => setCodecModules({ gif: {} } as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => setCodecModules({ png: new Uint8Array(4) } as never)).toThrow(/CompiledWasm/);
    expect(() => setCodecModules(null as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('libjpeg warnings are captured, not printed', async () => {
    const err = vi.spyOn(console, 'error');
    const warn = vi.spyOn(console, 'warn');
    const log = vi.spyOn(console, 'log');
    // Damage the entropy-coded data in the middle (keeps EOI): libjpeg warns "Corrupt JPEG data" and recovers.
    const bad = rocket();
    for (let i = 60_000; i < 60_050; i++) if (bad[i] !== 0xff && bad[i - 1] !== 0xff) bad[i] = 0xff;
    await decodeImage(bad).catch(() => undefined);
    await decodeImage(new Uint8Array(readFileSync(sampleImage('truncated.jpg')))).catch(() => undefined);
    expect(err).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });
});
