/**
 * Every op, one line each: `export { op as <name> }` from its folder's index.js (`./<folder>/index.js`). The registry reads
 * this module; nothing else needs to change to add an op.
 */
export { op as compose } from './compose/index.js';
export { op as oneOf } from './one-of/index.js';
export { op as someOf } from './some-of/index.js';
export { op as imageDataGenerator } from './image-data-generator/index.js';
export { op as hflip } from './hflip/index.js';
export { op as vflip } from './vflip/index.js';
export { op as rot90 } from './rot90/index.js';
export { op as transpose } from './transpose/index.js';
export { op as invert } from './invert/index.js';
export { op as augMix } from './aug-mix/index.js';
export { op as autoAugment } from './auto-augment/index.js';
export { op as mixChains } from './mix-chains/index.js';
export { op as randAugment } from './rand-augment/index.js';
export { op as trivialAugmentWide } from './trivial-augment-wide/index.js';
export { op as affine } from './affine/index.js';
export { op as centerCrop } from './center-crop/index.js';
export { op as crop } from './crop/index.js';
export { op as elastic } from './elastic/index.js';
export { op as pad } from './pad/index.js';
export { op as perspective } from './perspective/index.js';
export { op as randomResizedCrop } from './random-resized-crop/index.js';
export { op as resize } from './resize/index.js';
export { op as rotate } from './rotate/index.js';
// Colour ops.
export { op as autocontrast } from './autocontrast/index.js';
export { op as brightness } from './brightness/index.js';
export { op as channelShuffle } from './channel-shuffle/index.js';
export { op as colorJitter } from './color-jitter/index.js';
export { op as contrast } from './contrast/index.js';
export { op as equalize } from './equalize/index.js';
export { op as gamma } from './gamma/index.js';
export { op as grayscale } from './grayscale/index.js';
export { op as hsvShift } from './hsv-shift/index.js';
export { op as hue } from './hue/index.js';
export { op as posterize } from './posterize/index.js';
export { op as rgbShift } from './rgb-shift/index.js';
export { op as saturation } from './saturation/index.js';
export { op as sepia } from './sepia/index.js';
export { op as sharpness } from './sharpness/index.js';
export { op as solarize } from './solarize/index.js';
export { op as boxBlur } from './box-blur/index.js';
export { op as coarseDropout } from './coarse-dropout/index.js';
export { op as downscale } from './downscale/index.js';
export { op as gaussianBlur } from './gaussian-blur/index.js';
export { op as gaussianNoise } from './gaussian-noise/index.js';
export { op as gridDropout } from './grid-dropout/index.js';
export { op as jpeg } from './jpeg/index.js';
export { op as motionBlur } from './motion-blur/index.js';
export { op as randomErasing } from './random-erasing/index.js';
export { op as saltPepper } from './salt-pepper/index.js';
export { op as shotNoise } from './shot-noise/index.js';
export { op as corruption } from './corruption/index.js';
export { op as identity } from './identity/index.js';
// Batch mixing (last op of a pipeline; src/ops/mix).
export { op as cutMix } from './cut-mix/index.js';
export { op as mixUp } from './mix-up/index.js';
// Evasion perturbations (AugLy).
export { op as colorQuantize } from './color-quantize/index.js';
export { op as encodingQuality } from './encoding-quality/index.js';
export { op as memeFormat } from './meme-format/index.js';
export { op as opacity } from './opacity/index.js';
export { op as overlayEmoji } from './overlay-emoji/index.js';
export { op as overlayImage } from './overlay-image/index.js';
export { op as overlayStripes } from './overlay-stripes/index.js';
export { op as overlayText } from './overlay-text/index.js';
export { op as padAspectRatio } from './pad-aspect-ratio/index.js';
export { op as pixelization } from './pixelization/index.js';
export { op as scale } from './scale/index.js';
export { op as sharpen } from './sharpen/index.js';
export { op as socialFrame } from './social-frame/index.js';
export { op as splitAndShuffle } from './split-and-shuffle/index.js';
