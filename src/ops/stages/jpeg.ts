/**
 * `jpeg`: re-encodes the image as JPEG at `quality` with the codec the package ships (MozJPEG via
 * @jsquash, `encodeImage`) and decodes it back (`decodeImage`, WASM decoder: the same pixels in every
 * runtime). Grey images come back as luma, RGBA images keep their alpha (JPEG has none). Asynchronous.
 */
import type { Img, Stage, StageKernel } from '../core/types.js';
import { encodeImage } from '../../io/encode.js';
import { decodeImage } from '../../io/decode.js';

export interface JpegStage extends Stage {
  kind: 'jpeg';
  /** 0..100 (rounded to an integer by the encoder). */
  quality: number;
}

export const jpegKernel: StageKernel = {
  kind: 'jpeg',
  async run(src: Img, stage: Stage): Promise<Img> {
    const { quality } = stage as JpegStage;
    const bytes = await encodeImage(src, { format: 'jpeg', quality });
    const C = src.channels;
    const dec = await decodeImage(bytes, { channels: C === 1 ? 1 : 3, decoder: 'wasm', orientation: 'none' });
    const d = dec.data as Uint8Array;
    if (C !== 4) return { data: d instanceof Uint8Array ? d : new Uint8Array(d), width: src.width, height: src.height, channels: C };
    const out = new Uint8Array(src.data);
    for (let i = 0, j = 0; i < out.length; i += 4, j += 3) {
      out[i] = d[j]!;
      out[i + 1] = d[j + 1]!;
      out[i + 2] = d[j + 2]!;
    }
    return { ...src, data: out };
  },
};
