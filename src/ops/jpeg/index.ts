/**
 * `jpeg`: JPEG compression artefacts — re-encode at a quality drawn uniformly (integer) from
 * [lo, hi] with the shipped MozJPEG encoder set up to quantise like libjpeg (Annex K tables, 4:2:0, no
 * trellis; see the `jpeg` stage), then decode (albumentations `ImageCompression`). Bytes differ from
 * PIL/OpenCV at the same quality (different entropy coding and DCT rounding); the distortion matches
 * (PSNR within 0.05 dB of PIL on the test photos). Asynchronous (codecs).
 */
import type { OpDef } from '../core/types.js';

interface Config { quality: readonly [number, number] }
interface Params { quality: number }

export const op: OpDef<Config, Params> = {
  name: 'jpeg',
  summary: 'JPEG re-encode at a quality from [lo, hi] (albumentations ImageCompression).',
  reference: 'albumentations ImageCompression (JPEG); PIL JPEG for the PSNR check',
  config: {
    quality: { type: 'range', integer: true, min: 1, max: 100, default: [50, 95], scalar: (x) => [x, x], doc: 'JPEG quality, integer uniform in [lo, hi]' },
  },
  params: {
    quality: { type: 'number', integer: true, min: 1, max: 100, doc: 'JPEG quality' },
  },
  sample: (c, rng) => ({ quality: rng.intIn(c.quality[0], c.quality[1]) }),
  lower: (p) => [{ kind: 'jpeg', quality: p.quality }],
};
