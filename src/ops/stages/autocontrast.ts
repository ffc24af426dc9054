/**
 * `autocontrast`: torchvision 0.14 `F.autocontrast` on uint8 — per colour channel, min and max of the
 * stage's input; out = ((v − min) · (255 / (max − min))) in float32 (the quotient as torch forms it: reciprocal, then ×255), clamped and truncated; a constant
 * channel is unchanged. Byte-identical (float32 steps reproduced). Alpha is copied.
 */
import type { Img, StageKernel } from '../core/types.js';
import { applyTables } from './lut.js';
import { readyConv } from './conv-wasm.js';
import { colourChannels, f32, truncU8 } from './util.js';
import { pixelOnly } from './util.js';

/** The per-channel autocontrast tables of an image (`t[c·256 + v]`). */
export function autocontrastTables(src: Img): Uint8Array {
  const cc = colourChannels(src);
  const C = src.channels;
  const d = src.data;
  // Presence per channel (branch-free over the pixels; conv.wasm counts a histogram), then min/max.
  const n = d.length;
  const wasm = n > 0 ? readyConv() : null;
  let seen: Uint8Array | Int32Array;
  if (wasm) seen = wasm.chanHist(src);
  else {
    seen = new Uint8Array(256 * cc);
    if (C === 1) for (let i = 0; i < n; i++) seen[d[i]!] = 1;
    else {
      for (let i = 0; i < n; i += C) {
        seen[d[i]!] = 1;
        seen[256 + d[i + 1]!] = 1;
        seen[512 + d[i + 2]!] = 1;
      }
    }
  }
  const lo = [255, 255, 255];
  const hi = [0, 0, 0];
  for (let c = 0; c < cc; c++) {
    if (n === 0) break;
    let a = 0;
    while (a < 255 && !seen[c * 256 + a]) a++;
    let b = 255;
    while (b > 0 && !seen[c * 256 + b]) b--;
    lo[c] = a;
    hi[c] = b;
  }
  const t = new Uint8Array(256 * cc);
  for (let c = 0; c < cc; c++) {
    const same = hi[c] === lo[c];
    const min = same ? 0 : lo[c]!;
    // torch evaluates `255.0 / t` as `t.reciprocal() * 255.0` (Tensor.__rtruediv__), both in float32.
    const scale = same ? 1 : f32(f32(1 / (hi[c]! - lo[c]!)) * 255);
    for (let v = 0; v < 256; v++) t[c * 256 + v] = truncU8(f32((v - min) * scale));
  }
  return t;
}

export const autocontrastKernel: StageKernel = {
  kind: 'autocontrast',
  maskStage: pixelOnly,
  run: (src: Img) => applyTables(src, autocontrastTables(src), true),
};
