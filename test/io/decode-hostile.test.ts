/**
 * Fuzz findings on the decoders (issue 13): concurrent decodes must not read each other's libjpeg
 * diagnostics, and a tiny JPEG claiming a huge size must be refused before anything is allocated.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/io/decode.js';
import { encodeImage } from '../../src/io/encode.js';
import { isEdgeAugmentError } from '../../src/errors.js';
import { sampleImage } from '../fixtures/paths.js';

const read = (f: string) => new Uint8Array(readFileSync(sampleImage(f)));

async function verdict(p: Promise<{ data: Uint8Array; width: number; height: number }>): Promise<string> {
  try {
    const img = await p;
    return `OK ${img.width}×${img.height} ${createHash('sha1').update(img.data).digest('hex').slice(0, 12)}`;
  } catch (e) {
    return isEdgeAugmentError(e) ? e.code : `untyped: ${String(e)}`;
  }
}

/** A JPEG cut short and given a fake EOI: only libjpeg's "premature end" diagnostic reveals it. */
function fakeEoi(jpeg: Uint8Array, keep: number): Uint8Array {
  const out = new Uint8Array(keep + 2);
  out.set(jpeg.subarray(0, keep));
  out.set([0xff, 0xd9], keep);
  return out;
}

describe('decoder fuzz findings', () => {
  it('20 concurrent decodes of good and truncated files give the one-by-one verdicts (3 rounds)', async () => {
    const rocket = read('rocket.jpg');
    const small = await encodeImage({ data: new Uint8Array(48 * 40 * 3).map((_, i) => (i * 7) & 255), width: 48, height: 40, channels: 3 }, { format: 'jpeg', quality: 80 });
    const files: Uint8Array[] = [];
    for (let i = 0; i < 20; i++) {
      switch (i % 5) {
        case 0: files.push(rocket); break;
        case 1: files.push(fakeEoi(rocket, 20_000 + i * 1000)); break;
        case 2: files.push(small); break;
        case 3: files.push(read('chelsea.png')); break;
        default: files.push(fakeEoi(rocket, 40_000 + i * 500));
      }
    }
    const sequential: string[] = [];
    for (const f of files) sequential.push(await verdict(decodeImage(f, { decoder: 'wasm' })));
    expect(sequential.filter((v) => v === 'TRUNCATED_IMAGE')).toHaveLength(8);
    for (let round = 0; round < 3; round++) {
      const concurrent = await Promise.all(files.map((f) => verdict(decodeImage(f, { decoder: 'wasm' }))));
      expect(concurrent).toEqual(sequential);
    }
  }, 60_000);

  it('a ~700-byte JPEG claiming 7000×7000 is refused at once, without allocating the claimed size', async () => {
    const tiny = await encodeImage({ data: new Uint8Array(16 * 16 * 3).fill(90), width: 16, height: 16, channels: 3 }, { format: 'jpeg', quality: 50 });
    const forged = tiny.slice();
    // Patch the frame size of the SOF segment (FFCn, length, precision, height, width; mozjpeg writes SOF2).
    let patched = false;
    for (let i = 2; i + 9 < forged.length; i++) {
      if (forged[i] === 0xff && (forged[i + 1] === 0xc0 || forged[i + 1] === 0xc1 || forged[i + 1] === 0xc2)) {
        forged[i + 5] = 7000 >> 8; forged[i + 6] = 7000 & 255; forged[i + 7] = 7000 >> 8; forged[i + 8] = 7000 & 255;
        patched = true;
        break;
      }
    }
    expect(patched).toBe(true);
    expect(forged.length).toBeLessThan(1000);
    const before = process.memoryUsage().arrayBuffers;
    const t0 = performance.now();
    const err = await decodeImage(forged, { decoder: 'wasm' }).catch((e) => e);
    const ms = performance.now() - t0;
    expect(err).toMatchObject({ code: 'TRUNCATED_IMAGE' });
    expect(err.message).toMatch(/7000×7000/);
    expect(ms).toBeLessThan(100);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(20 * 2 ** 20);
    // A real large, very smooth JPEG is still accepted.
    const flat = await encodeImage({ data: new Uint8Array(1024 * 1024).fill(200), width: 1024, height: 1024, channels: 1 }, { format: 'jpeg', quality: 10 });
    expect((await decodeImage(flat, { decoder: 'wasm' })).width).toBe(1024);
  }, 60_000);
});
