/**
 * The seeded job every runtime runs (shared by test/runtimes/*.test.ts and scripts/check-runtimes.mjs,
 * and bundled into the workerd worker and the Chromium page): the astronaut photo, seed 1234, the seed
 * config, 8 variants → SHA-256 of the concatenated output bytes. Plain ESM, no Node APIs: it runs in
 * Node, Deno, Bun, workerd and browsers.
 */
export const SPEC = { rotationRange: 50, widthShiftRange: 0.25, heightShiftRange: 0.25, shearRange: 0.2, zoomRange: 0.25, horizontalFlip: true };
export const SEED = 1234;
export const VARIANTS = 8;
/**
 * The op-pipeline job (same image, seed and variants): geometry, colour, blur, noise-like erasing, a
 * JPEG round trip and an ImageNet-C corruption — so every runtime proves the pipeline's bytes too.
 */
export const PIPELINE = [
  { op: 'randomResizedCrop', size: 160 },
  { op: 'hflip', p: 0.5 },
  { op: 'colorJitter', brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 },
  { op: 'oneOf', ops: [{ op: 'gaussianBlur', kernelSize: 5, sigma: [0.1, 2] }, { op: 'rotate', degrees: 20, interpolation: 'bilinear' }] },
  { op: 'randomErasing', p: 0.5 },
  { op: 'corruption', corruption: 'gaussian_noise', severity: [1, 5] },
  { op: 'jpeg', quality: [60, 90] },
];

/**
 * The evasion job (same image, seed and variants): one ImageNet-C corruption and AugLy-style
 * perturbations — stripes, text and emoji from our own glyph rasteriser, a logo overlay, pixelization,
 * tile shuffle, a meme band — so every runtime proves those bytes too (a separate hash: the two jobs
 * above keep theirs). Shrunk to 160² first to keep the runtime tests quick.
 */
export const EVASION = [
  { op: 'resize', size: [160, 160], antialias: true },
  { op: 'corruption', corruption: 'motion_blur', severity: [1, 5] },
  { op: 'overlayStripes', lineWidth: [0.2, 0.6], lineAngle: [-60, 60], lineDensity: [0.6, 0.9], lineType: 'dashed', lineOpacity: [0.4, 1] },
  { op: 'overlayText', text: ['FREE', 'SALE 50%', 'call now'], fontSize: [0.08, 0.2], xPos: [0, 0.5], yPos: [0, 0.8] },
  { op: 'overlayEmoji', emoji: ['😍', '🔥', '👍'], emojiSize: [0.15, 0.4], xPos: [0, 0.7], yPos: [0, 0.7] },
  { op: 'overlayImage', overlay: 'ring', overlaySize: [0.2, 0.5], opacity: [0.5, 1], xPos: [0, 0.6], yPos: [0, 0.6], p: 0.5 },
  { op: 'pixelization', ratio: [0.3, 0.9], p: 0.5 },
  { op: 'splitAndShuffle', nColumns: 3, nRows: 2, p: 0.3 },
  { op: 'memeFormat', text: 'LOL', captionHeight: 60, p: 0.5 },
];

/** Lower-case hex SHA-256 (WebCrypto: present in every runtime we test). */
export async function sha256Hex(bytes) {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Concatenates the outputs' bytes in order. */
export function concatOutputs(results) {
  const total = results.reduce((s, r) => s + r.image.data.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const r of results) { out.set(r.image.data, o); o += r.image.data.length; }
  return out;
}

/**
 * Runs the job with the package `pkg` on `image` (RawImage, RGBA).
 * @returns {{ hash, bytes, workers, info, runtime, capabilities }}
 */
export async function runJob(pkg, image, options = {}) {
  const aug = await pkg.createAugmenter({ spec: SPEC, seed: SEED, initTimeoutMs: 30_000, ...options });
  try {
    const results = await aug.augment(image, { variants: VARIANTS });
    const all = concatOutputs(results);
    return { hash: await sha256Hex(all), bytes: all.length, workers: aug.workers, info: aug.info, runtime: aug.capabilities.runtime, capabilities: { ...aug.capabilities } };
  } finally {
    await aug.close();
  }
}

/** Runs an op pipeline on `image`: SHA-256 of the outputs' bytes followed by their sizes. */
async function runOpsJob(pkg, pipeline, image, options) {
  const aug = await pkg.createAugmenter({ pipeline, seed: SEED, initTimeoutMs: 30_000, ...options });
  try {
    const results = await aug.augment(image, { variants: VARIANTS });
    const all = concatOutputs(results);
    const sizes = new TextEncoder().encode(results.map((r) => `${r.image.width}x${r.image.height}x${r.image.channels}`).join(','));
    const both = new Uint8Array(all.length + sizes.length);
    both.set(all);
    both.set(sizes, all.length);
    return { hash: await sha256Hex(both), bytes: all.length };
  } finally {
    await aug.close();
  }
}

/** The op-pipeline job (PIPELINE). */
export function runPipelineJob(pkg, image, options = {}) {
  return runOpsJob(pkg, PIPELINE, image, options);
}

/** The evasion job (EVASION). */
export function runEvasionJob(pkg, image, options = {}) {
  return runOpsJob(pkg, EVASION, image, options);
}
