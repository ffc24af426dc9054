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
import { corruptPixelsKernel } from './corrupt-pixels.js';

const KERNELS: readonly StageKernel[] = [
  colorKernel,
  lutKernel,
  permuteKernel,
  kerasWarpKernel,
  kerasColorKernel,
  corruptPixelsKernel,
];

const BY_KIND: ReadonlyMap<string, StageKernel> = /* #__PURE__ */ (() => new Map(KERNELS.map((k) => [k.kind, k])))();

/** The kernel of a stage kind. @throws {EdgeAugmentError} `INTERNAL` for a kind nobody registered. */
export function stageKernel(kind: string): StageKernel {
  const k = BY_KIND.get(kind);
  if (!k) throw new EdgeAugmentError('INTERNAL', `No stage kernel '${kind}' (known: ${[...BY_KIND.keys()].join(', ')}).`);
  return k;
}

/** Output size/channels of a stage for an input of `info`. */
export function stageOutInfo(stage: Stage, info: ImageInfo): ImageInfo {
  const k = stageKernel(stage.kind);
  return k.outInfo ? k.outInfo(stage, info) : info;
}
