/**
 * The 19 ImageNet-C corruptions and their per-severity constants, as in the reference
 * (hendrycks/robustness `ImageNet-C/imagenet_c/imagenet_c/corruptions.py`). Pixel-unit constants are for
 * 224×224 and are multiplied by s = min(width, height) / 224 at other sizes (see the op's TSDoc).
 */

/** The corruption names, in the reference's `corruption_tuple` order (15 benchmark + 4 held-out). */
export const CORRUPTIONS = [
  'gaussian_noise', 'shot_noise', 'impulse_noise', 'defocus_blur', 'glass_blur', 'motion_blur', 'zoom_blur',
  'snow', 'frost', 'fog', 'brightness', 'contrast', 'elastic_transform', 'pixelate', 'jpeg_compression',
  'speckle_noise', 'gaussian_blur', 'spatter', 'saturate',
] as const;

/** One of the 19 corruption names. */
export type CorruptionName = (typeof CORRUPTIONS)[number];

/** The ones whose output depends on the seed. */
export const RANDOM_CORRUPTIONS: readonly CorruptionName[] = [
  'gaussian_noise', 'shot_noise', 'impulse_noise', 'speckle_noise', 'glass_blur', 'motion_blur', 'snow', 'frost',
  'fog', 'spatter', 'elastic_transform',
];

export const C = {
  gaussian_noise: [0.08, 0.12, 0.18, 0.26, 0.38],
  shot_noise: [60, 25, 12, 5, 3],
  impulse_noise: [0.03, 0.06, 0.09, 0.17, 0.27],
  speckle_noise: [0.15, 0.2, 0.35, 0.45, 0.6],
  gaussian_blur: [1, 2, 3, 4, 6],
  /** sigma, max shuffle distance, iterations */
  glass_blur: [[0.7, 1, 2], [0.9, 2, 1], [1, 2, 3], [1.1, 3, 2], [1.5, 4, 2]],
  /** disk radius, alias blur */
  defocus_blur: [[3, 0.1], [4, 0.5], [6, 0.5], [8, 0.5], [10, 0.5]],
  /** ImageMagick radius, sigma */
  motion_blur: [[10, 3], [15, 5], [15, 8], [15, 12], [20, 15]],
  /** np.arange(1, stop, step) */
  zoom_blur: [[1.11, 0.01], [1.16, 0.01], [1.21, 0.02], [1.26, 0.02], [1.31, 0.03]],
  /** loc, scale, zoom, threshold, motion radius, motion sigma, blend */
  snow: [[0.1, 0.3, 3, 0.5, 10, 4, 0.8], [0.2, 0.3, 2, 0.5, 12, 4, 0.7], [0.55, 0.3, 4, 0.9, 12, 8, 0.7],
    [0.55, 0.3, 4.5, 0.85, 12, 8, 0.65], [0.55, 0.3, 2.5, 0.85, 12, 12, 0.55]],
  /** image weight, frost weight */
  frost: [[1, 0.4], [0.8, 0.6], [0.7, 0.7], [0.65, 0.7], [0.6, 0.75]],
  /** strength, wibble decay */
  fog: [[1.5, 2], [2.0, 2], [2.5, 1.7], [2.5, 1.5], [3.0, 1.4]],
  /** loc, scale, sigma, threshold, intensity / mud sigma, mode (0 water, 1 mud) */
  spatter: [[0.65, 0.3, 4, 0.69, 0.6, 0], [0.65, 0.3, 3, 0.68, 0.6, 0], [0.65, 0.3, 2, 0.68, 0.5, 0],
    [0.65, 0.3, 1, 0.65, 1.5, 1], [0.67, 0.4, 1, 0.65, 1.5, 1]],
  contrast: [0.4, 0.3, 0.2, 0.1, 0.05],
  brightness: [0.1, 0.2, 0.3, 0.4, 0.5],
  /** saturation factor, offset */
  saturate: [[0.3, 0], [0.1, 0], [2, 0], [5, 0.1], [20, 0.2]],
  jpeg_compression: [25, 18, 15, 10, 7],
  pixelate: [0.6, 0.5, 0.4, 0.3, 0.25],
  /** alpha, sigma, affine jitter — the reference's 244·k ("should have been 224") */
  elastic_transform: [[244 * 2, 244 * 0.7, 244 * 0.1], [244 * 2, 244 * 0.08, 244 * 0.2], [244 * 0.05, 244 * 0.01, 244 * 0.02],
    [244 * 0.07, 244 * 0.01, 244 * 0.02], [244 * 0.12, 244 * 0.01, 244 * 0.02]],
} as const;
