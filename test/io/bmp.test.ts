import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/io/decode.js';
import { decodeBmp } from '../../src/io/bmp.js';

// Goldens: Pillow 9.4 writes each BMP and decodes it (test/goldens/io/generate.py).
const g = JSON.parse(readFileSync(new URL('../goldens/io/bmp.json', import.meta.url), 'utf8'));
const fix = (f: string) => new Uint8Array(readFileSync(new URL(`../fixtures/io/bmp/${f}`, import.meta.url)));

describe('BMP decoding (pure, all runtimes) matches Pillow', () => {
  for (const [name, want] of Object.entries(g.images as Record<string, { mode: 'RGB' | 'RGBA'; data: string }>)) {
    it(name, async () => {
      const ch = want.mode === 'RGBA' ? 4 : 3;
      const img = await decodeImage(fix(`${name}.bmp`), { channels: ch });
      expect([img.width, img.height]).toEqual([g.width, g.height]);
      expect(Buffer.from(img.data).equals(Buffer.from(want.data, 'base64'))).toBe(true);
    });
  }
  it('the dataset fixture z.bmp decodes', async () => {
    const img = await decodeImage(new Uint8Array(readFileSync(new URL('../fixtures/io/dataset/cats/z.bmp', import.meta.url))));
    expect([img.width, img.height]).toEqual([4, 4]);
  });
  it('truncated pixel data and RLE are typed errors', () => {
    const b = fix('rgb24.bmp');
    expect(() => decodeBmp(b.subarray(0, b.length - 30))).toThrow(expect.objectContaining({ code: 'TRUNCATED_IMAGE' }));
    const rle = b.slice();
    rle[30] = 1;
    expect(() => decodeBmp(rle)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_FORMAT' }));
  });
});
