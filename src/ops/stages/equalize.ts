/**
 * `equalize`: torchvision 0.14 `F.equalize` on uint8 — per colour channel, a table from the channel's
 * histogram (`_scale_channel`): step = ⌊(pixels − count of the highest present level) / 255⌋; if step is 0
 * the channel is unchanged; else lut[v] = ⌊(cumsum[v − 1] + ⌊step/2⌋) / step⌋ clamped to 255 (lut[0] = 0).
 * Integer arithmetic: byte-identical. Alpha is copied. The statistics are of the stage's input.
 */
import type { Img, StageKernel } from '../core/types.js';
import { applyTables } from './lut.js';
import { readyConv } from './conv-wasm.js';
import { colourChannels } from './util.js';
import { pixelOnly } from './util.js';

/** The per-channel equalize tables of an image (`t[c·256 + v]`). */
export function equalizeTables(src: Img): Uint8Array {
  const cc = colourChannels(src);
  const C = src.channels;
  const d = src.data;
  const n4 = d.length;
  const wasm = n4 > 0 ? readyConv() : null;
  let hist: Int32Array;
  if (wasm) hist = wasm.chanHist(src);
  else {
    hist = new Int32Array(256 * cc);
    if (C === 3) {
      for (let i = 0; i < n4; i += 3) {
        hist[d[i]!]!++;
        hist[256 + d[i + 1]!]!++;
        hist[512 + d[i + 2]!]!++;
      }
    } else if (C === 4) {
      for (let i = 0; i < n4; i += 4) {
        hist[d[i]!]!++;
        hist[256 + d[i + 1]!]!++;
        hist[512 + d[i + 2]!]!++;
      }
    } else for (let i = 0; i < n4; i++) hist[d[i]!]!++;
  }
  const t = new Uint8Array(256 * cc);
  const n = src.width * src.height;
  for (let c = 0; c < cc; c++) {
    const h = hist.subarray(c * 256, c * 256 + 256);
    let top = 255;
    while (h[top] === 0) top--;
    const step = Math.floor((n - h[top]!) / 255);
    if (step === 0) {
      for (let v = 0; v < 256; v++) t[c * 256 + v] = v;
      continue;
    }
    const half = Math.floor(step / 2);
    let cum = 0;
    t[c * 256] = 0;
    for (let v = 1; v < 256; v++) {
      cum += h[v - 1]!;
      t[c * 256 + v] = Math.min(255, Math.floor((cum + half) / step));
    }
  }
  return t;
}

export const equalizeKernel: StageKernel = {
  kind: 'equalize',
  maskStage: pixelOnly,
  run: (src: Img) => applyTables(src, equalizeTables(src), true),
};
