import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resizeRawImage } from '../../src/io/resize.js';
import { convertChannels } from '../../src/io/pixels.js';
import type { RawImage } from '../../src/types.js';

// Goldens from Pillow 9.4 (test/goldens/io/generate.py): Image.resize(NEAREST|BILINEAR), convert('L').
const g = JSON.parse(readFileSync(new URL('../goldens/io/resize.json', import.meta.url), 'utf8'));
const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const input: RawImage = { data: b64(g.input.data), width: g.input.width, height: g.input.height, channels: 3 };

describe('resizeRawImage matches Pillow (as Keras load_img)', () => {
  for (const c of g.cases as { width: number; height: number; method: 'nearest' | 'bilinear'; data: string }[]) {
    it(`${c.method} 23×17 → ${c.width}×${c.height}`, () => {
      const out = resizeRawImage(input, c.width, c.height, c.method);
      const want = b64(c.data);
      let max = 0;
      for (let i = 0; i < want.length; i++) max = Math.max(max, Math.abs(out.data[i] - want[i]));
      expect([out.width, out.height, out.data.length]).toEqual([c.width, c.height, want.length]);
      expect(max).toBe(0);
    });
  }
  it('same size returns the input; bad sizes throw INVALID_ARGUMENT', () => {
    expect(resizeRawImage(input, 23, 17)).toBe(input);
    expect(() => resizeRawImage(input, 0, 3)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => resizeRawImage(input, 3, 3, 'cubic' as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
  it('RGB → L luma matches PIL convert("L")', () => {
    expect(Buffer.from(convertChannels(input, 1).data).equals(Buffer.from(b64(g.luma)))).toBe(true);
  });
});
