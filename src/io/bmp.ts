/**
 * A small, pure BMP decoder for runtimes without a native one (Node, Deno, Bun, workerd): Keras's
 * `flow_from_directory` accepts `.bmp`, so folder datasets need it. Covers uncompressed 1/4/8-bit
 * palette, 16/24/32-bit and BI_BITFIELDS images, bottom-up and top-down; RLE is refused.
 */
import { EdgeAugmentError } from '../errors.js';
import type { RawImage } from '../types.js';

const fail = (msg: string, code: 'DECODE_FAILED' | 'UNSUPPORTED_FORMAT' | 'TRUNCATED_IMAGE' = 'DECODE_FAILED') =>
  new EdgeAugmentError(code, `BMP: ${msg}`, { details: { format: 'bmp' } });

/** Shift and width of a contiguous bit mask; width 0 for an empty mask. */
function maskInfo(mask: number): { shift: number; bits: number } {
  if (mask === 0) return { shift: 0, bits: 0 };
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  let bits = 0;
  while (shift + bits < 32 && ((mask >>> (shift + bits)) & 1) === 1) bits++;
  return { shift, bits };
}

/**
 * Decodes BMP bytes to RGBA. Call after `sniffImage` (which enforces the pixel budget).
 *
 * @throws {EdgeAugmentError} `UNSUPPORTED_FORMAT` for RLE/JPEG/PNG-in-BMP compression,
 *   `TRUNCATED_IMAGE` when the pixel rows run past the end, `DECODE_FAILED` for malformed headers.
 */
export function decodeBmp(b: Uint8Array): RawImage {
  if (b.length < 26) throw fail('header cut short', 'TRUNCATED_IMAGE');
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const dataOffset = dv.getUint32(10, true);
  const dib = dv.getUint32(14, true);
  let width: number;
  let height: number;
  let bpp: number;
  let compression = 0;
  let colorsUsed = 0;
  let paletteEntry = 4;
  if (dib === 12) {
    width = dv.getUint16(18, true);
    height = dv.getUint16(20, true);
    bpp = dv.getUint16(24, true);
    paletteEntry = 3;
  } else if (dib >= 40) {
    if (b.length < 54) throw fail('info header cut short', 'TRUNCATED_IMAGE');
    width = dv.getInt32(18, true);
    height = dv.getInt32(22, true);
    bpp = dv.getUint16(28, true);
    compression = dv.getUint32(30, true);
    colorsUsed = dv.getUint32(46, true);
  } else {
    throw fail(`unknown DIB header size ${dib}`);
  }
  const topDown = height < 0;
  height = Math.abs(height);
  if (width <= 0 || height === 0) throw fail(`invalid size ${width}×${height}`);
  let masks: [number, number, number, number] | null = null;
  if (compression === 3 || compression === 6) {
    const at = 14 + 40;
    if (b.length < at + 12) throw fail('bit masks cut short', 'TRUNCATED_IMAGE');
    const alpha = dib >= 56 || compression === 6 ? dv.getUint32(at + 12, true) : 0;
    masks = [dv.getUint32(at, true), dv.getUint32(at + 4, true), dv.getUint32(at + 8, true), alpha];
  } else if (compression !== 0) {
    throw fail(`compression ${compression} (RLE/JPEG/PNG inside BMP) is not supported; re-save as uncompressed BMP or PNG`, 'UNSUPPORTED_FORMAT');
  }
  if (![1, 4, 8, 16, 24, 32].includes(bpp)) throw fail(`${bpp} bits per pixel is not supported`, 'UNSUPPORTED_FORMAT');
  if (!masks && bpp === 16) masks = [0x7c00, 0x03e0, 0x001f, 0];
  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  if (dataOffset + stride * (height - 1) + Math.ceil((bpp * width) / 8) > b.length) {
    throw fail(`pixel data needs ${dataOffset + stride * height} bytes, the file has ${b.length}`, 'TRUNCATED_IMAGE');
  }
  let palette: Uint8Array | null = null;
  if (bpp <= 8) {
    const n = colorsUsed || 1 << bpp;
    const at = 14 + dib + (compression === 3 && dib === 40 ? 12 : 0);
    if (at + n * paletteEntry > b.length) throw fail('palette cut short', 'TRUNCATED_IMAGE');
    palette = new Uint8Array(256 * 3);
    for (let i = 0; i < Math.min(n, 256); i++) {
      const p = at + i * paletteEntry;
      palette[i * 3] = b[p + 2];
      palette[i * 3 + 1] = b[p + 1];
      palette[i * 3 + 2] = b[p];
    }
  }
  const m = masks?.map(maskInfo);
  const scale = (v: number, mi: { shift: number; bits: number }) => {
    if (mi.bits === 0) return 255;
    const max = 2 ** mi.bits - 1;
    return Math.round((((v >>> mi.shift) & max) * 255) / max);
  };
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = dataOffset + (topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const d = (y * width + x) * 4;
      let r: number;
      let g: number;
      let bl: number;
      let a = 255;
      if (palette) {
        const bit = x * bpp;
        const byte = b[row + (bit >> 3)];
        const idx = (byte >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
        r = palette[idx * 3]; g = palette[idx * 3 + 1]; bl = palette[idx * 3 + 2];
      } else if (bpp === 24 || (bpp === 32 && !m)) {
        const p = row + x * (bpp / 8);
        bl = b[p]; g = b[p + 1]; r = b[p + 2];
      } else {
        const p = row + x * (bpp / 8);
        const v = bpp === 16 ? dv.getUint16(p, true) : dv.getUint32(p, true);
        r = scale(v, m![0]); g = scale(v, m![1]); bl = scale(v, m![2]);
        if (m![3].bits) a = scale(v, m![3]);
      }
      out[d] = r; out[d + 1] = g; out[d + 2] = bl; out[d + 3] = a;
    }
  }
  return { data: out, width, height, channels: 4 };
}
