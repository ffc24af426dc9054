/**
 * `corruption`: the 19 ImageNet-C corruptions (Hendrycks & Dietterich, ICLR 2019) at severities 1–5,
 * with the reference code's parameters (hendrycks/robustness `corruptions.py`), as one pipeline op and
 * as {@link corrupt}.
 *
 * Sizes: the reference is written for 224×224. At other sizes every pixel-unit constant is multiplied by
 * s = min(width, height) / 224 — Gaussian/glass blur sigma, glass-blur shuffle distance (rounded, ≥ 1),
 * defocus disk radius and its alias blur, motion-blur radius and sigma (motion blur and snow), snow's
 * flake zoom (≥ 1), spatter's blob sigmas, elastic alpha/sigma/affine jitter — loops run over the real
 * height and width, zoom blur and pixelate are already relative, and fog samples its plasma map (side:
 * the next power of two ≥ max side / s) at (y/s, x/s). At 224×224 this is exactly the reference
 * (checked by the golden generator). Noise stays per pixel.
 *
 * Differences from the reference, on purpose: randomness comes from the SDK's counter hash, not numpy
 * (equal in distribution, tested: mean PSNR/SSIM over ≥ 50 seeds); frost uses our own procedural
 * textures with the reference photos' per-channel mean and spread (their photos are not ours to ship).
 * JPEG is libjpeg's lossy path computed directly (./libjpeg.ts: colour conversion, 4:2:0, integer DCT,
 * Annex K tables at the quality, fancy upsampling — no entropy coding, which changes no pixel): the same
 * bytes as PIL save(quality=q) + open, and synchronous. (The SDK's MozJPEG codec was measured 0.25–0.8 dB
 * below PIL at the same quality: it keeps trellis quantisation on.) Glass blur
 * reproduces the reference's numpy-view "swap", which copies one pixel over the other. Grey images: one
 * channel through the same arithmetic; brightness adds to the value; saturate leaves grey unchanged;
 * spatter and frost use the luma of their colours. Alpha is kept.
 */
import { EdgeAugmentError } from '../../errors.js';
import type { RawImage } from '../../types.js';
import { validateImage } from '../../engine/validate.js';
import { normalizeFields } from '../core/fields.js';
import { runStages } from '../core/execute.js';
import type { Img, OpDef, Stage } from '../core/types.js';
import { CORRUPTIONS, type CorruptionName } from './table.js';

export { CORRUPTIONS, RANDOM_CORRUPTIONS, type CorruptionName } from './table.js';

interface Config {
  corruption: CorruptionName;
  severity: readonly [number, number];
}

interface Params {
  corruption: CorruptionName;
  severity: number;
  seed: number;
}

export const op: OpDef<Config, Params> = {
  name: 'corruption',
  summary: 'An ImageNet-C corruption (19 kinds) at severity 1–5, parameters as the reference code; any image size.',
  example: { corruption: 'motion_blur', severity: 3 },
  reference: 'hendrycks/robustness ImageNet-C corruptions.py',
  config: {
    corruption: { type: 'enum', values: CORRUPTIONS, doc: 'which ImageNet-C corruption (the reference\'s function name)' },
    severity: { type: 'range', integer: true, min: 1, max: 5, default: [1, 5], scalar: (x) => [x, x], doc: 'severity 1–5: a number, or [lo, hi] drawn uniformly' },
  },
  params: {
    corruption: { type: 'enum', values: CORRUPTIONS, doc: 'which ImageNet-C corruption' },
    severity: { type: 'number', integer: true, min: 1, max: 5, doc: 'severity 1–5' },
    seed: { type: 'number', integer: true, min: 0, max: 4294967295, default: 0, doc: 'seed of the pixel randomness (32 bits)' },
  },
  sample: (c, rng) => ({ corruption: c.corruption, severity: rng.intIn(c.severity[0], c.severity[1]), seed: rng.seed32() }),
  lower: (p) => corruptionStages(p.corruption, p.severity, p.seed),
};

/** The stages of one corruption. */
export function corruptionStages(corruption: CorruptionName, severity: number, seed: number): Stage[] {
  return [{ kind: 'corruptPixels', corruption, severity, seed: seed >>> 0 }];
}

/** Options of {@link corrupt}. */
export interface CorruptOptions {
  /** One of the 19 ImageNet-C names ({@link CORRUPTIONS}), e.g. `'gaussian_noise'`. */
  corruption: CorruptionName;
  /** 1–5 (default 3). */
  severity?: number;
  /** Seed of the pixel randomness (a 32-bit unsigned integer, default 0); same seed → same bytes everywhere. */
  seed?: number;
}

/**
 * Applies one ImageNet-C corruption to an image (1, 3 or 4 channels, any size; never modifies the input).
 *
 * @throws {EdgeAugmentError} `INVALID_IMAGE` for a malformed image; `INVALID_ARGUMENT` for an unknown
 *   corruption, a severity outside 1–5 or a bad seed (the message names the field and what is allowed).
 * @example
 * ```ts
 * const foggy = await corrupt(image, { corruption: 'fog', severity: 3, seed: 7 });
 * ```
 */
export async function corrupt(image: RawImage, options: CorruptOptions): Promise<RawImage> {
  if (options === null || typeof options !== 'object') {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `corrupt: expected options { corruption, severity?, seed? }, got ${String(options)}.`);
  }
  const img = validateImage(image) as Img;
  const p = normalizeFields(op.params, { corruption: options.corruption, severity: options.severity ?? 3, seed: options.seed ?? 0 }, 'corrupt', 'INVALID_ARGUMENT') as unknown as Params;
  return runStages(img, op.lower!(p, img), {}, { fuse: false });
}
