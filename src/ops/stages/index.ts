/**
 * The stage kernels, one line each. A stage kind is one file in this folder exporting a
 * {@link StageKernel}; add it here.
 */
import { EdgeAugmentError } from '../../errors.js';
import type { ImageInfo, Stage, StageKernel } from '../core/types.js';
import { colorKernel } from './color.js';
import { lutKernel } from './lut.js';
import { permuteKernel } from './permute.js';
import { kerasWarpKernel, kerasColorKernel } from './keras-warp.js';
import { mixKernel } from './mix.js';
import { warpKernel } from './warp.js';
import { remapKernel } from './remap.js';
import { resizeKernel } from './resize.js';
import { cropKernel } from './crop.js';
import { blendKernel } from './blend.js';
import { hueKernel } from './hue.js';
import { hsvShiftKernel } from './hsv-shift.js';
import { equalizeKernel } from './equalize.js';
import { autocontrastKernel } from './autocontrast.js';
import { grayscaleKernel } from './grayscale.js';
import { fixedColorKernel } from './fixed-color.js';
import { convKernel } from './conv.js';
import { noiseKernel } from './noise.js';
import { eraseKernel } from './erase.js';
import { jpegKernel } from './jpeg.js';
import { downscaleKernel } from './downscale.js';
import { corruptPixelsKernel } from './corrupt-pixels.js';
import { maskResizeKernel } from './mask-resize.js';
import { pilResizeKernel } from './pil-resize.js';
import { overlayImageKernel, stripesKernel, opacityKernel, tileShuffleKernel } from './paste.js';
import { textKernel } from './text.js';
import { quantizeKernel } from './quantize.js';

const KERNELS: readonly StageKernel[] = [
  colorKernel,
  lutKernel,
  permuteKernel,
  kerasWarpKernel,
  kerasColorKernel,
  mixKernel,
  warpKernel,
  remapKernel,
  resizeKernel,
  cropKernel,
  blendKernel,
  hueKernel,
  hsvShiftKernel,
  equalizeKernel,
  autocontrastKernel,
  grayscaleKernel,
  fixedColorKernel,
  convKernel,
  noiseKernel,
  eraseKernel,
  jpegKernel,
  downscaleKernel,
  corruptPixelsKernel,
  maskResizeKernel,
  pilResizeKernel,
  overlayImageKernel,
  stripesKernel,
  opacityKernel,
  tileShuffleKernel,
  textKernel,
  quantizeKernel,
];

// Built on first use, so a bundle that never runs a stage can drop every kernel (and the codecs the
// jpeg stage reaches).
let byKind: ReadonlyMap<string, StageKernel> | undefined;
const BY_KIND: ReadonlyMap<string, StageKernel> = /* #__PURE__ */ (() => new Map(KERNELS.map((k) => [k.kind, k])))();

/** The kernel of a stage kind. @throws {EdgeAugmentError} `INTERNAL` for a kind nobody registered. */
export function stageKernel(kind: string): StageKernel {
  byKind ??= new Map(KERNELS.map((k) => [k.kind, k]));
  const k = byKind.get(kind);
  if (!k) throw new EdgeAugmentError('INTERNAL', `No stage kernel '${kind}' (known: ${[...byKind.keys()].join(', ')}).`);
  return k;
}

/** Output size/channels of a stage for an input of `info`. */
export function stageOutInfo(stage: Stage, info: ImageInfo): ImageInfo {
  const k = stageKernel(stage.kind);
  return k.outInfo ? k.outInfo(stage, info) : info;
}
