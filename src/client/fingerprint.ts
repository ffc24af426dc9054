/**
 * Building the signature bank of the attack-family fingerprint (src/drift/fingerprint.ts): each family
 * applied at severities 1–5 to a sample of the reference images, image features computed the way the
 * drift monitor computes them, and the standardised shift against the clean sample kept per severity.
 *
 * Families: any ImageNet-C corruption name (the SDK's `corrupt`), and `'overlay'` — a logo/watermark
 * pasted onto the image, AugLy's overlay_image: a procedural badge (a saturated rounded rectangle, a
 * disc of a second colour and white text-like bars; colours and position drawn per image from the seed)
 * covering a side fraction 0.2 / 0.3 / 0.4 / 0.5 / 0.6 of the image at severities 1–5, opacity 0.9.
 */
import { EdgeAugmentError, abortError, describeValue } from '../errors.js';
import type { RawImage } from '../types.js';
import { corrupt } from '../ops/corruption/index.js';
import { CORRUPTIONS, type CorruptionName } from '../ops/corruption/table.js';
import { FINGERPRINT_FEATURES, SIGNATURE_BANK_VERSION, offsetsOf, signatureOf, type SignatureBank } from '../drift/fingerprint.js';
import { extractImageFeatures } from './drift.js';
import { validateImage } from '../engine/validate.js';

/**
 * The families a bank holds by default: JPEG re-encoding, Gaussian noise, defocus blur, contrast, an image
 * overlay, brightness, saturation, pixelation.
 * @example
 * ```ts
 * const bank = await buildSignatureBank(images, { families: [...DEFAULT_FINGERPRINT_FAMILIES, 'motion_blur'] });
 * ```
 */
export const DEFAULT_FINGERPRINT_FAMILIES: readonly string[] = /* #__PURE__ */ Object.freeze([
  'jpeg_compression', 'gaussian_noise', 'defocus_blur', 'contrast', 'overlay', 'brightness', 'saturate', 'pixelate',
]);

/** Options of {@link buildSignatureBank}. */
export interface SignatureBankOptions {
  /** Families: ImageNet-C names and/or `'overlay'` (default {@link DEFAULT_FINGERPRINT_FAMILIES}). */
  families?: readonly string[];
  /** Images used at most (a seeded sample when there are more; default 200). */
  maxImages?: number;
  /** Seed of the sample and of the families' randomness (default 0). */
  seed?: number;
  /** Where features are computed (as `extractImageFeatures`; default 0 = this thread). */
  workers?: number | 'auto';
  signal?: AbortSignal;
  /** Called after each family with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 16; h = Math.imul(h, 0x7feb352d); h ^= h >>> 15; h = Math.imul(h, 0x846ca68b); h ^= h >>> 16;
  return h >>> 0;
}

function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

const OVERLAY_SIZE = [0.2, 0.3, 0.4, 0.5, 0.6];
const OVERLAY_OPACITY = 0.9;
const PALETTE: readonly (readonly [number, number, number])[] = [
  [230, 30, 40], [20, 90, 220], [250, 200, 0], [0, 160, 80], [240, 110, 0], [150, 40, 180], [0, 180, 200], [20, 20, 20],
];

/**
 * Pastes a procedural logo (see the module notes) onto a copy of `image`: the `'overlay'` family.
 * @example
 * ```ts
 * const marked = overlayLogo(image, 3, 7);
 * ```
 * @throws EdgeAugmentError `INVALID_IMAGE` for a malformed image, `INVALID_ARGUMENT` for a severity outside 1–5.
 */
export function overlayLogo(image: RawImage, severity: number, seed: number): RawImage {
  const img = validateImage(image) as RawImage;
  if (!Number.isInteger(severity) || severity < 1 || severity > 5) throw new EdgeAugmentError('INVALID_ARGUMENT', `overlay severity must be an integer 1–5, got ${describeValue(severity)}.`);
  const u = uniform(seed);
  const { width: W, height: H, channels: C } = img;
  const side = Math.max(1, Math.round(OVERLAY_SIZE[severity - 1]! * Math.min(W, H)));
  const lw = Math.min(W, Math.round(side * (1.2 + 0.4 * u()))), lh = Math.min(H, side);
  const x0 = Math.floor(u() * (W - lw + 1)), y0 = Math.floor(u() * (H - lh + 1));
  const a = PALETTE[Math.floor(u() * PALETTE.length)]!;
  let bi = Math.floor(u() * PALETTE.length);
  if (PALETTE[bi] === a) bi = (bi + 1) % PALETTE.length;
  const b = PALETTE[bi]!;
  const white = [255, 255, 255] as const;
  const r = Math.max(1, lh * 0.18), cx = lh * 0.5, cy = lh * 0.5, cr = lh * 0.32;
  const out = new Uint8Array(img.data);
  for (let y = 0; y < lh; y++) for (let x = 0; x < lw; x++) {
    // Rounded rectangle: outside the corner circles → transparent.
    const qx = Math.max(r - x - 0.5, x + 0.5 - (lw - r), 0), qy = Math.max(r - y - 0.5, y + 0.5 - (lh - r), 0);
    if (qx * qx + qy * qy > r * r) continue;
    let col: readonly number[] = a;
    if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= cr * cr) col = b;
    else if (x > lh * 0.95 && x < lw - lh * 0.12 && ((y > lh * 0.3 && y < lh * 0.42) || (y > lh * 0.58 && y < lh * 0.7))) col = white;
    const o = ((y0 + y) * W + x0 + x) * C;
    if (C === 1) {
      const l = 0.299 * col[0]! + 0.587 * col[1]! + 0.114 * col[2]!;
      out[o] = Math.round(OVERLAY_OPACITY * l + (1 - OVERLAY_OPACITY) * out[o]!);
    } else {
      for (let c = 0; c < 3; c++) out[o + c] = Math.round(OVERLAY_OPACITY * col[c]! + (1 - OVERLAY_OPACITY) * out[o + c]!);
    }
  }
  return { data: out, width: W, height: H, channels: C };
}

/**
 * Computes the signatures of attack families from reference images (see src/drift/fingerprint.ts),
 * for {@link fingerprintDrift} and `compareProfiles(…, { fingerprint: bank })`. Cost: one feature pass
 * per image × family × 5 severities (200 images of 64² × 8 families ≈ a few seconds).
 *
 * @param images - a sample of the reference images (RawImage, 1/3/4 channels), ≥ 10.
 * @example
 * ```ts
 * const bank = await buildSignatureBank(referenceImages.slice(0, 200));
 * const report = compareProfiles(refProfile, curProfile, { fingerprint: bank });
 * console.log(report.fingerprint?.description);
 * ```
 * @throws EdgeAugmentError `INVALID_ARGUMENT` for fewer than 10 images or an unknown family; `INVALID_IMAGE`.
 */
export async function buildSignatureBank(images: readonly RawImage[], options: SignatureBankOptions = {}): Promise<SignatureBank> {
  if (!Array.isArray(images) || images.length < 10) throw new EdgeAugmentError('INVALID_ARGUMENT', `buildSignatureBank needs at least 10 reference images, got ${Array.isArray(images) ? images.length : describeValue(images)}.`);
  const families = options.families ?? DEFAULT_FINGERPRINT_FAMILIES;
  if (!Array.isArray(families) || !families.length) throw new EdgeAugmentError('INVALID_ARGUMENT', 'buildSignatureBank: families must be a non-empty list.');
  for (const f of families) {
    if (f !== 'overlay' && !(CORRUPTIONS as readonly string[]).includes(f)) throw new EdgeAugmentError('INVALID_ARGUMENT', `Unknown fingerprint family ${describeValue(f)}; valid: 'overlay' and the ImageNet-C names (${CORRUPTIONS.join(', ')}).`);
  }
  if (new Set(families).size !== families.length) throw new EdgeAugmentError('INVALID_ARGUMENT', 'buildSignatureBank: families must not repeat.');
  const maxImages = options.maxImages ?? 200;
  if (!Number.isInteger(maxImages) || maxImages < 10) throw new EdgeAugmentError('INVALID_ARGUMENT', `maxImages must be an integer ≥ 10, got ${describeValue(maxImages)}.`);
  const seed = (options.seed ?? 0) >>> 0;
  let sample = images.slice();
  if (sample.length > maxImages) {
    const u = uniform(mix(seed, 1));
    for (let i = 0; i < maxImages; i++) { const j = i + Math.floor(u() * (sample.length - i)); [sample[i], sample[j]] = [sample[j]!, sample[i]!]; }
    sample = sample.slice(0, maxImages);
  }
  const exec = { workers: options.workers ?? 0, signal: options.signal };
  const columns = async (imgs: RawImage[]): Promise<number[][]> => {
    const { rows, failures } = await extractImageFeatures(imgs, exec);
    if (failures.length) throw failures[0]!.error;
    return FINGERPRINT_FEATURES.map((name) => rows.map((r) => r[name]!));
  };
  const clean = await columns(sample);
  const offsets = offsetsOf(clean);
  const out: SignatureBank['families'] = [];
  const total = families.length;
  for (const [k, family] of families.entries()) {
    const shifts: number[][] = [];
    for (let severity = 1; severity <= 5; severity++) {
      if (options.signal?.aborted) throw abortError(options.signal.reason);
      const changed = await Promise.all(sample.map((img, i) => {
        const s = mix(mix(seed, i), severity);
        return family === 'overlay' ? overlayLogo(img, severity, s) : corrupt(img, { corruption: family as CorruptionName, severity, seed: s });
      }));
      shifts.push(signatureOf(clean, await columns(changed), offsets));
    }
    out.push({ family, severities: [1, 2, 3, 4, 5], shifts });
    options.onProgress?.(k + 1, total);
  }
  return { type: 'edge-augment/signature-bank', formatVersion: SIGNATURE_BANK_VERSION, features: [...FINGERPRINT_FEATURES], offsets, images: sample.length, families: out };
}
