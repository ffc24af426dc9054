import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/io/decode.js';
import { detectFormat, readExifOrientation, sniffImage } from '../../src/io/sniff.js';
import { isEdgeAugmentError } from '../../src/errors.js';
import { sampleImage } from '../fixtures/paths.js';

const read = (f: string) => new Uint8Array(readFileSync(sampleImage(f)));
const fix = (f: string) => new Uint8Array(readFileSync(new URL(`../fixtures/io/${f}`, import.meta.url)));

function codeOf(fn: () => unknown): string {
  try { fn(); return 'OK'; } catch (e) { return isEdgeAugmentError(e) ? e.code : `other: ${String(e)}`; }
}

/** A PNG signature + IHDR claiming w×h, and nothing else. */
function pngHeader(w: number, h: number): Uint8Array {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, w);
  new DataView(b.buffer).setUint32(20, h);
  b.set([8, 6, 0, 0, 0], 24);
  return b;
}

describe('sniffImage', () => {
  it('reads real files without decoding', () => {
    expect(sniffImage(read('rocket.jpg'))).toMatchObject({ format: 'jpeg', mimeType: 'image/jpeg', width: 640, height: 427, orientation: 1, complete: true });
    expect(sniffImage(read('chelsea.png'))).toMatchObject({ format: 'png', width: 451, height: 300, complete: true });
    expect(sniffImage(read('camera.png'))).toMatchObject({ format: 'png', width: 512, height: 512 });
    expect(sniffImage(fix('webp/chelsea-lossy.webp'))).toMatchObject({ format: 'webp', width: 128, height: 96, complete: true });
    expect(sniffImage(fix('webp/chelsea-lossless.webp'))).toMatchObject({ format: 'webp', width: 128, height: 96 });
    expect(sniffImage(fix('dataset/cats/z.bmp'))).toMatchObject({ format: 'bmp', width: 4, height: 4 });
  });

  it('parses GIF, BMP (core and info headers, top-down), WebP VP8X headers', () => {
    const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x2c, 0x01, 0xc8, 0x00]);
    expect(sniffImage(gif)).toMatchObject({ format: 'gif', width: 300, height: 200 });
    const bmp = new Uint8Array(54);
    bmp.set([0x42, 0x4d]);
    const dv = new DataView(bmp.buffer);
    dv.setUint32(14, 40, true); dv.setInt32(18, 7, true); dv.setInt32(22, -5, true);
    expect(sniffImage(bmp)).toMatchObject({ format: 'bmp', width: 7, height: 5 });
    const vp8x = new Uint8Array(30);
    vp8x.set([...'RIFF'].map((c) => c.charCodeAt(0)));
    vp8x.set([...'WEBPVP8X'].map((c) => c.charCodeAt(0)), 8);
    new DataView(vp8x.buffer).setUint32(4, 22, true);
    vp8x.set([999 & 255, 999 >> 8, 0, 499 & 255, 499 >> 8, 0], 24);
    expect(sniffImage(vp8x)).toMatchObject({ format: 'webp', width: 1000, height: 500 });
    expect(detectFormat(new Uint8Array([1, 2, 3]))).toBeNull();
  });

  it('errors: empty, unknown magic, header cut short, zero size', () => {
    expect(codeOf(() => sniffImage(new Uint8Array(0)))).toBe('EMPTY_INPUT');
    expect(codeOf(() => sniffImage(new TextEncoder().encode('hello world, not an image')))).toBe('UNSUPPORTED_FORMAT');
    expect(codeOf(() => sniffImage(read('chelsea.png').subarray(0, 20)))).toBe('TRUNCATED_IMAGE');
    expect(codeOf(() => sniffImage(read('rocket.jpg').subarray(0, 100)))).toBe('TRUNCATED_IMAGE');
    expect(codeOf(() => sniffImage(pngHeader(0, 10)))).toBe('DECODE_FAILED');
  });

  it('truncated.jpg: header readable (100×100) but marked incomplete; decode refuses with TRUNCATED_IMAGE', async () => {
    // Decision: TRUNCATED_IMAGE, not DECODE_FAILED. Without this check MozJPEG returns a full-size image whose
    // missing rows are grey 128 and only prints "Premature end of JPEG file" (measured with rocket.jpg cut at 50 kB).
    const h = sniffImage(read('truncated.jpg'));
    expect(h).toMatchObject({ format: 'jpeg', width: 100, height: 100, complete: false });
    await expect(decodeImage(read('truncated.jpg'))).rejects.toMatchObject({ code: 'TRUNCATED_IMAGE' });
  });

  it('a PNG claiming 65,535×65,535 throws IMAGE_TOO_LARGE before any pixel buffer exists', async () => {
    const bytes = pngHeader(65535, 65535);
    const before = process.memoryUsage();
    let peak = 0;
    const sample = () => { const m = process.memoryUsage(); peak = Math.max(peak, m.rss - before.rss, m.arrayBuffers - before.arrayBuffers); };
    const timer = setInterval(sample, 1);
    try {
      expect(codeOf(() => sniffImage(bytes))).toBe('IMAGE_TOO_LARGE');
      await expect(decodeImage(bytes)).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE', details: { width: 65535, height: 65535 } });
    } finally {
      clearInterval(timer);
      sample();
    }
    // A decode would need 65535² × 4 B ≈ 17 GB; the check must happen on the header alone.
    expect(peak).toBeLessThan(200 * 1024 * 1024);
    // Raising the budget lets the header through (then decoding fails on the missing data, still without allocating).
    expect(sniffImage(bytes, { maxPixels: 65535 * 65535 })).toMatchObject({ width: 65535, height: 65535, complete: false });
  });

  it('readExifOrientation tolerates malformed TIFF blocks', () => {
    expect(readExifOrientation(new Uint8Array([0x49, 0x49]))).toBe(1);
    expect(readExifOrientation(new Uint8Array([0x4d, 0x4d, 0, 42, 0, 0, 0, 200]))).toBe(1);
    const t = new Uint8Array([0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0]);
    expect(readExifOrientation(t)).toBe(1); // 9 is out of range
    t[18] = 6;
    expect(readExifOrientation(t)).toBe(6);
  });
});
