/**
 * `corruptJpeg`: JPEG re-encoding at a quality with the SDK's own WASM codecs (MozJPEG encoder set to
 * libjpeg's behaviour — baseline, standard Annex K quantisation tables, 4:2:0 chroma — and the MozJPEG
 * decoder), so the bytes are the same in every runtime. The reference uses PIL/libjpeg(-turbo): the
 * encoders differ (MozJPEG keeps trellis quantisation), so the result matches the reference in PSNR
 * (tested within 0.5 dB), not pixel for pixel. Grey images are encoded as grey-in-RGB and come back
 * grey; alpha is kept.
 */
import type { Img, Stage, StageKernel } from '../core/types.js';
import { codecs } from '../../io/codecs.js';
import { decodeImage } from '../../io/decode.js';
import { convertChannels } from '../../io/pixels.js';

/** Attributes of a `corruptJpeg` stage. */
export interface CorruptJpegStage extends Stage {
  kind: 'corruptJpeg';
  /** 1..100 */
  quality: number;
}

/** The MozJPEG options that make it encode like libjpeg's `cjpeg -quality q` (as PIL does). */
export function libjpegLikeOptions(quality: number): Record<string, unknown> {
  return {
    quality, baseline: true, arithmetic: false, progressive: false, optimize_coding: true, smoothing: 0,
    color_space: 3, quant_table: 0, trellis_multipass: false, trellis_opt_zero: false, trellis_opt_table: false,
    trellis_loops: 1, auto_subsample: false, chroma_subsample: 2, separate_chroma_quality: false, chroma_quality: quality,
  };
}

export const corruptJpegKernel: StageKernel = {
  kind: 'corruptJpeg',
  async run(src: Img, stage: Stage): Promise<Img> {
    const { quality } = stage as CorruptJpegStage;
    const rgba = convertChannels(src, 4);
    const data = new Uint8ClampedArray(rgba.data.length);
    data.set(rgba.data);
    if (src.channels !== 4) for (let i = 3; i < data.length; i += 4) data[i] = 255;
    const bytes = await codecs.jpegEncode({ data, width: src.width, height: src.height }, libjpegLikeOptions(quality));
    const back = await decodeImage(new Uint8Array(bytes), { channels: 4, decoder: 'wasm', orientation: 'none' });
    const out = new Uint8Array(src.data.length);
    const n = src.width * src.height;
    const C = src.channels;
    for (let p = 0; p < n; p++) {
      if (C === 1) out[p] = back.data[p * 4]!;
      else {
        out[p * C] = back.data[p * 4]!;
        out[p * C + 1] = back.data[p * 4 + 1]!;
        out[p * C + 2] = back.data[p * 4 + 2]!;
        if (C === 4) out[p * 4 + 3] = src.data[p * 4 + 3]!;
      }
    }
    return { data: out, width: src.width, height: src.height, channels: C };
  },
};
