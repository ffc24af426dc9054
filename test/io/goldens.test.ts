/**
 * Decoder parity against reference decoders (goldens made by test/goldens/io/generate.py with
 * OpenCV 4.6 / Pillow 9.4), and the 8 EXIF orientations.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/io/decode.js';
import { sniffImage } from '../../src/io/sniff.js';
import type { RawImage } from '../../src/types.js';
import { sampleImage } from '../fixtures/paths.js';

const gold = (f: string) => new URL(`../goldens/io/${f}`, import.meta.url);
const fix = (f: string) => new Uint8Array(readFileSync(new URL(`../fixtures/io/${f}`, import.meta.url)));
const json = (f: string) => JSON.parse(readFileSync(gold(f), 'utf8'));

function diff(a: ArrayLike<number>, b: ArrayLike<number>): { meanAbs: number; maxAbs: number } {
  expect(a.length).toBe(b.length);
  let sum = 0;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    sum += d;
    if (d > max) max = d;
  }
  return { meanAbs: sum / a.length, maxAbs: max };
}

function crop(img: RawImage, x: number, y: number, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h * img.channels);
  for (let r = 0; r < h; r++) {
    const s = ((y + r) * img.width + x) * img.channels;
    out.set(img.data.subarray(s, s + w * img.channels), r * w * img.channels);
  }
  return out;
}

describe('JPEG decode vs OpenCV (libjpeg-turbo)', () => {
  it('rocket.jpg: crop within codec tolerance, global means within 0.25', async () => {
    const g = json('rocket.json');
    const img = await decodeImage(new Uint8Array(readFileSync(sampleImage('rocket.jpg'))), { channels: 3 });
    expect([img.width, img.height]).toEqual([g.width, g.height]);
    const want = new Uint8Array(readFileSync(gold(g.crop.file)));
    const d = diff(crop(img, g.crop.x, g.crop.y, g.crop.size, g.crop.size), want);
    // MozJPEG and libjpeg-turbo share libjpeg's islow IDCT and fancy upsampling. Measured here:
    // identical (0/0); the tolerance allows another libjpeg build's rounding, not a real difference.
    expect(d.meanAbs).toBeLessThanOrEqual(0.5);
    expect(d.maxAbs).toBeLessThanOrEqual(2);
    for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let i = c; i < img.data.length; i += 3) s += img.data[i];
      expect(Math.abs(s / (img.width * img.height) - g.meanRGB[c])).toBeLessThan(0.25);
    }
  });
});

describe('WebP decode vs OpenCV (libwebp)', () => {
  const g = json('webp.json');
  it('lossless WebP decodes to the exact source pixels', async () => {
    const img = await decodeImage(fix('webp/chelsea-lossless.webp'), { channels: 3 });
    const want = new Uint8Array(readFileSync(gold(g.images.lossless.file)));
    expect(diff(img.data, want).maxAbs).toBe(0);
  });
  it('lossy WebP (q 90) decodes like OpenCV within 1 LSB on average', async () => {
    const img = await decodeImage(fix('webp/chelsea-lossy.webp'), { channels: 3 });
    expect([img.width, img.height]).toEqual([128, 96]);
    const d = diff(img.data, new Uint8Array(readFileSync(gold(g.images.lossy.file))));
    // Measured here: identical (0/0); tolerance for another libwebp version's YUV→RGB rounding.
    expect(d.meanAbs).toBeLessThanOrEqual(0.5);
    expect(d.maxAbs).toBeLessThanOrEqual(3);
  });
});

describe('EXIF orientation 1..8 (non-browser path)', () => {
  const g = json('orientation.json');
  const W = g.width as number;
  const H = g.height as number;
  const centres: Record<string, [number, number]> = {
    tl: [W / 4, H / 4], tr: [(3 * W) / 4, H / 4], bl: [W / 4, (3 * H) / 4], br: [(3 * W) / 4, (3 * H) / 4],
  };
  for (let n = 1; n <= 8; n++) {
    it(`orientation ${n} displays upright (${W}×${H}, quadrant colours)`, async () => {
      const bytes = fix(`orientation/orient-${n}.jpg`);
      const h = sniffImage(bytes);
      expect(h.orientation).toBe(n);
      expect([h.width, h.height]).toEqual(g.pil[n].storedSize);
      const img = await decodeImage(bytes, { channels: 3 });
      expect([img.width, img.height]).toEqual([W, H]);
      for (const [q, [x, y]] of Object.entries(centres)) {
        const i = (y * W + x) * 3;
        const got = Array.from(img.data.subarray(i, i + 3));
        const want = g.colours[q] as number[];
        for (let c = 0; c < 3; c++) expect(Math.abs(got[c] - want[c]), `${q} ${got} vs ${want}`).toBeLessThanOrEqual(12);
      }
      const raw = await decodeImage(bytes, { channels: 3, orientation: 'none' });
      expect([raw.width, raw.height]).toEqual(g.pil[n].storedSize);
    });
  }
});
