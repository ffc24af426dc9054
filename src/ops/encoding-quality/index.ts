/**
 * `encodingQuality`: AugLy `encoding_quality`, chained — re-encode as JPEG at each quality of the
 * sequence in turn (e.g. [90, 70, 50]: what an image suffers passing through several services), each
 * step the `jpeg` stage (MozJPEG set up to quantise like libjpeg; see the `jpeg` op). Randomness: an
 * optional `jitter` moves each quality by an integer uniform in [−jitter, jitter] (clamped to 1..100),
 * recorded in the params. Distortion matches Pillow's chain
 * (PSNR within 0.5 dB on the test photos); bytes differ from libjpeg (different entropy coder and DCT
 * rounding). Differences: AugLy drops alpha (converts to RGB); we keep it. Asynchronous (codecs).
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'encodingQuality', quality: [80, 60, 40], jitter: 5 }] });
 * ```
 */
import type { OpDef } from '../core/types.js';
import type { JpegStage } from '../stages/jpeg.js';

interface Config { quality: readonly number[]; jitter: number }
interface Params { quality: readonly number[] }

export const op: OpDef<Config, Params> = {
  name: 'encodingQuality',
  summary: 'JPEG re-encode chain: a sequence of qualities, each optionally jittered (AugLy encoding_quality).',
  reference: 'AugLy augly/image/functional.py encoding_quality (Pillow JPEG save), applied once per quality',
  example: { quality: [70, 40] },
  config: {
    quality: { type: 'numbers', integer: true, min: 1, max: 100, minLength: 1, maxLength: 16, broadcast: 1, default: [50], doc: 'JPEG qualities applied in turn (one number = one re-encode)' },
    jitter: { type: 'number', integer: true, min: 0, max: 99, default: 0, doc: 'each quality moves by an integer uniform in [−jitter, jitter] (clamped to 1..100)' },
  },
  params: { quality: { type: 'numbers', integer: true, min: 1, max: 100, minLength: 1, maxLength: 16, broadcast: 1, doc: 'JPEG qualities applied in turn' } },
  sample: (c, rng) => ({ quality: c.quality.map((q) => (c.jitter ? Math.min(100, Math.max(1, q + rng.intIn(-c.jitter, c.jitter))) : q)) }),
  lower: (p) => p.quality.map((q) => ({ kind: 'jpeg', quality: q }) as JpegStage),
};
