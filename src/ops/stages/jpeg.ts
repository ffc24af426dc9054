/**
 * `jpeg`: re-encodes the image as JPEG at `quality` with the codec the package ships (MozJPEG via
 * @jsquash) and decodes it back (`decodeJpegWasm`: `decodeImage`'s WASM path, the same pixels in every runtime).
 *
 * MozJPEG is configured like libjpeg (what PIL and OpenCV use): the JPEG Annex K quantisation tables
 * (`quant_table: 0`), 4:2:0 chroma at every quality (no auto-subsampling), no trellis quantisation,
 * grey images as one-component JPEGs — so the distortion at a given quality matches PIL's (PSNR within
 * 0.05 dB on the test photos; MozJPEG's own defaults were 1–4 dB away). Entropy coding stays MozJPEG's
 * (progressive, optimised Huffman: smaller files, same pixels). RGBA keeps its alpha. Asynchronous.
 */
import { EdgeAugmentError, isEdgeAugmentError } from '../../errors.js';
import type { Img, Stage, StageKernel } from '../core/types.js';
import { jpegEncode, resetCodecs } from '../../io/codecs.js';
import { convertChannels } from '../../io/pixels.js';
import { decodeJpegWasm } from '../../io/decode.js';
import { pixelOnly } from './util.js';

export interface JpegStage extends Stage {
  kind: 'jpeg';
  /** 1..100. */
  quality: number;
}

/** MozJPEG options that make it quantise like libjpeg (see the module doc). */
export const LIBJPEG_LIKE = /* #__PURE__ */ Object.freeze({ quant_table: 0, auto_subsample: false, chroma_subsample: 2, trellis_loops: 0, trellis_multipass: false });

export const jpegKernel: StageKernel = {
  kind: 'jpeg',
  maskStage: pixelOnly,
  async run(src: Img, stage: Stage): Promise<Img> {
    const quality = Math.round((stage as JpegStage).quality);
    if (!(quality >= 1 && quality <= 100)) throw new EdgeAugmentError('INVALID_PARAMS', `jpeg stage: quality must be 1..100, got ${quality}.`);
    const C = src.channels;
    const rgba = convertChannels(src, 4);
    const data = new Uint8ClampedArray(rgba.data.buffer, rgba.data.byteOffset, rgba.data.length);
    let bytes: Uint8Array;
    try {
      const exact = data.byteOffset === 0 && data.buffer.byteLength === data.length ? data : new Uint8ClampedArray(data);
      bytes = new Uint8Array(await jpegEncode({ data: exact, width: src.width, height: src.height }, { ...LIBJPEG_LIKE, quality, ...(C === 1 ? { color_space: 1 } : {}) }));
    } catch (e) {
      if (isEdgeAugmentError(e)) throw e;
      resetCodecs('jpegEncode');
      throw new EdgeAugmentError('ENCODE_FAILED', `jpeg op: encoding failed: ${(e as Error)?.message ?? String(e)}`, { cause: e });
    }
    const dec = await decodeJpegWasm(bytes, C === 1 ? 1 : 3);
    const d = dec.data instanceof Uint8Array ? dec.data : new Uint8Array(dec.data.buffer, dec.data.byteOffset, dec.data.length);
    if (C !== 4) return { data: d, width: src.width, height: src.height, channels: C };
    const out = new Uint8Array(src.data);
    for (let i = 0, j = 0; i < out.length; i += 4, j += 3) {
      out[i] = d[j]!;
      out[i + 1] = d[j + 1]!;
      out[i + 2] = d[j + 2]!;
    }
    return { ...src, data: out };
  },
};
