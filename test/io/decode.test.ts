import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeImage, decodeMany } from '../../src/io/decode.js';
import { encodeImage, encodeImageToBlob } from '../../src/io/encode.js';
import { isEdgeAugmentError } from '../../src/errors.js';
import type { RawImage } from '../../src/types.js';
import { sampleImage } from '../fixtures/paths.js';


const read = (f: string) => new Uint8Array(readFileSync(sampleImage(f)));

async function codeOf(p: Promise<unknown>): Promise<string> {
  try { await p; return 'OK'; } catch (e) { return isEdgeAugmentError(e) ? e.code : `other: ${String(e)}`; }
}

function gradient(w: number, h: number, c: 1 | 3 | 4): RawImage {
  const data = new Uint8Array(w * h * c);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + (i >> 5)) & 255;
  return { data, width: w, height: h, channels: c };
}

describe('decodeImage (wasm path in Node)', () => {
  it('decodes a JPEG to RGBA with the header size', async () => {
    const img = await decodeImage(read('rocket.jpg'));
    expect([img.width, img.height, img.channels, img.data.length]).toEqual([640, 427, 4, 640 * 427 * 4]);
    expect(img.data[3]).toBe(255);
  });

  it('accepts ArrayBuffer, Blob and subarray views; channels 3 and 1', async () => {
    const bytes = read('chelsea.png');
    const padded = new Uint8Array(bytes.length + 10);
    padded.set(bytes, 5);
    const a = await decodeImage(bytes.slice().buffer);
    const b = await decodeImage(new Blob([bytes]));
    const c = await decodeImage(padded.subarray(5, 5 + bytes.length));
    expect(b.data).toEqual(a.data);
    expect(c.data).toEqual(a.data);
    const rgb = await decodeImage(bytes, { channels: 3 });
    expect(rgb.channels).toBe(3);
    expect(Array.from(rgb.data.subarray(0, 3))).toEqual(Array.from(a.data.subarray(0, 3)));
    const grey = await decodeImage(bytes, { channels: 1 });
    expect(grey.data.length).toBe(451 * 300);
  });

  it('PNG round trip is lossless for 1, 3 and 4 channels', async () => {
    for (const ch of [1, 3, 4] as const) {
      const img = gradient(37, 23, ch);
      const png = await encodeImage(img, { format: 'png' });
      const back = await decodeImage(png, { channels: ch });
      expect(back.width).toBe(37);
      expect(Buffer.from(back.data).equals(Buffer.from(img.data))).toBe(true);
    }
  });

  it('PNG round trip of a real photo (astronaut.png) is lossless', async () => {
    const img = await decodeImage(read('astronaut.png'));
    const back = await decodeImage(await encodeImage(img));
    expect(Buffer.from(back.data).equals(Buffer.from(img.data))).toBe(true);
  });

  it('JPEG and WebP encode → decode stay close', async () => {
    const img = await decodeImage(read('coffee.png'), { channels: 3 });
    for (const format of ['jpeg', 'webp'] as const) {
      const enc = await encodeImage(img, { format, quality: 92 });
      const back = await decodeImage(enc, { channels: 3 });
      let sum = 0;
      for (let i = 0; i < img.data.length; i++) sum += Math.abs(img.data[i] - back.data[i]);
      expect(sum / img.data.length).toBeLessThan(4);
    }
    const lossless = await encodeImage(img, { format: 'webp', lossless: true });
    const back = await decodeImage(lossless, { channels: 3 });
    expect(Buffer.from(back.data).equals(Buffer.from(img.data))).toBe(true);
  });

  it('encodeImageToBlob sets the MIME type', async () => {
    const blob = await encodeImageToBlob(gradient(4, 4, 4), { format: 'webp' });
    expect(blob.type).toBe('image/webp');
  });

  it('rejects bad inputs with typed codes', async () => {
    expect(await codeOf(decodeImage(new Uint8Array(0)))).toBe('EMPTY_INPUT');
    expect(await codeOf(decodeImage(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9])))).toBe('UNSUPPORTED_FORMAT');
    expect(await codeOf(decodeImage(read('truncated.jpg')))).toBe('TRUNCATED_IMAGE');
    const rocket = read('rocket.jpg');
    expect(await codeOf(decodeImage(rocket.subarray(0, 50_000)))).toBe('TRUNCATED_IMAGE');
    const png = read('camera.png');
    expect(await codeOf(decodeImage(png.subarray(0, png.length - 100)))).toBe('TRUNCATED_IMAGE');
    expect(await codeOf(decodeImage(read('rocket.jpg'), { maxPixels: 1000 }))).toBe('IMAGE_TOO_LARGE');
    expect(await codeOf(decodeImage('nope' as never))).toBe('INVALID_ARGUMENT');
  });

  it('a JPEG cut short but given a fake EOI is still TRUNCATED_IMAGE (libjpeg diagnostic), never half grey', async () => {
    const rocket = read('rocket.jpg');
    const cut = new Uint8Array(50_002);
    cut.set(rocket.subarray(0, 50_000));
    cut.set([0xff, 0xd9], 50_000);
    const err = await decodeImage(cut).catch((e) => e);
    expect(err).toMatchObject({ code: 'TRUNCATED_IMAGE' });
    expect(err.message).toMatch(/premature end of data segment/);
  });

  it('corrupt scan data fails with DECODE_FAILED carrying libjpeg\'s words, and the codec recovers', async () => {
    const bad = read('rocket.jpg').slice();
    for (let i = 60_000; i < 60_050; i++) if (bad[i] !== 0xff && bad[i - 1] !== 0xff) bad[i] = 0xff;
    const err = await decodeImage(bad).catch((e) => e);
    expect(err).toMatchObject({ code: 'DECODE_FAILED' });
    expect(err.details.diagnostics.length).toBeGreaterThan(0);
    expect((await decodeImage(read('rocket.jpg'))).width).toBe(640);
  });

  it('decodeMany keeps going past a bad file', async () => {
    const res = await decodeMany([read('rocket.jpg'), new Uint8Array(0), read('truncated.jpg'), read('camera.png')]);
    expect(res.map((r) => r.ok)).toEqual([true, false, false, true]);
    const errs = res.filter((r) => !r.ok).map((r) => (r.ok ? '' : `${r.error.code}@${String(r.error.details?.index)}`));
    expect(errs).toEqual(['EMPTY_INPUT@1', 'TRUNCATED_IMAGE@2']);
    await expect(decodeMany([new Uint8Array(0)], { failFast: true })).rejects.toMatchObject({ code: 'EMPTY_INPUT' });
  });
});
