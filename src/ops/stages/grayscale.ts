/**
 * `grayscale`: torchvision 0.14 `rgb_to_grayscale` on uint8 — (0.2989·r + 0.587·g + 0.114·b) in float32,
 * truncated — as 1 channel or replicated to 3. A grey input is copied (or replicated to 3 channels).
 * RGBA input: the output stays RGBA (grey replicated, alpha kept) whatever `outChannels` says, as there
 * is no grey + alpha image type.
 */
import type { ImageInfo, Img, Stage, StageKernel } from '../core/types.js';
import { GREY_B, GREY_G, GREY_R, greyU8 } from './blend.js';
import { readyConv } from './conv-wasm.js';
import { pixelOnly } from './util.js';

/** Attributes of a `grayscale` stage. */
export interface GrayscaleStage extends Stage {
  kind: 'grayscale';
  /** 1 or 3 (ignored for RGBA input: stays 4). */
  outChannels: 1 | 3;
}

function outChannels(stage: Stage, info: ImageInfo): 1 | 3 | 4 {
  return info.channels === 4 ? 4 : (stage as GrayscaleStage).outChannels;
}

export const grayscaleKernel: StageKernel = {
  kind: 'grayscale',
  maskStage: pixelOnly,
  outInfo: (stage, info) => ({ width: info.width, height: info.height, channels: outChannels(stage, info) }),
  run(src: Img, stage: Stage): Img {
    const C = src.channels;
    const oc = outChannels(stage, src);
    const d = src.data;
    const n = src.width * src.height;
    const out = new Uint8Array(n * oc);
    // perf: conv.wasm `grayscale` once loaded (the same float32 steps; this loop until then or without WASM).
    const wasm = C !== 1 && n > 0 ? readyConv() : null;
    if (wasm) return wasm.grayscale(src, oc, [GREY_R, GREY_G, GREY_B], out);
    for (let p = 0, i = 0, o = 0; p < n; p++, i += C, o += oc) {
      const g = C === 1 ? d[i]! : greyU8(d[i]!, d[i + 1]!, d[i + 2]!);
      out[o] = g;
      if (oc >= 3) {
        out[o + 1] = g;
        out[o + 2] = g;
      }
      if (oc === 4) out[o + 3] = d[i + 3]!;
    }
    return { data: out, width: src.width, height: src.height, channels: oc };
  },
};
