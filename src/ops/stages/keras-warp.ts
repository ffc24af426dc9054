/**
 * `kerasWarp` and `kerasColor`: the Keras ImageDataGenerator transform (scipy.ndimage pull warp with
 * fill modes + per-channel colour affine + clip) on the fused WASM SIMD kernel — the same kernel and
 * parameters as the single-op fast path, so a Keras node inside a pipeline makes the same bytes.
 * `kerasColor` is the channel-shift pass: its clip range is the range of its input (the warped image).
 */
import type { Img, Stage, StageContext, StageKernel } from '../core/types.js';
import type { WarpParams } from '../../kernels/contract.js';
import { warpReferenceU8 } from '../../kernels/reference.js';
import { composeWarp, imageRange } from '../../plan/compose.js';
import type { AugmentParams } from '../../plan/params.js';
import { mapThroughPull } from './warp.js';
import { pixelOnly } from './util.js';

export interface KerasWarpStage extends Stage {
  kind: 'kerasWarp';
  warp: WarpParams;
}

export interface KerasColorStage extends Stage {
  kind: 'kerasColor';
  /** Colour-only params (channel shift and brightness). */
  colour: AugmentParams;
}

function runWarp(src: Img, p: WarpParams, ctx: StageContext): Img {
  const data = ctx.wasm
    ? ctx.wasm.warp.run(src.data, src.width, src.height, src.channels, p, src.width, src.height, null, src.channels).slice() as Uint8Array
    : warpReferenceU8(src, p);
  return { data, width: src.width, height: src.height, channels: src.channels };
}

export const kerasWarpKernel: StageKernel = {
  kind: 'kerasWarp',
  maskStage: kerasWarpMaskStage,
  mapPoints: kerasWarpMapPoints,
  projective: true,
  run: (src, stage, ctx) => runWarp(src, (stage as KerasWarpStage).warp, ctx),
};

export const kerasColorKernel: StageKernel = {
  kind: 'kerasColor',
  maskStage: pixelOnly,
  run(src, stage, ctx) {
    const p = composeWarp((stage as KerasColorStage).colour, { fillMode: 'nearest', cval: 0, interpolation: 'nearest' }, src.width, src.height, src.channels, false, imageRange(src.data, src.channels));
    return runWarp(src, p, ctx);
  },
};

/**
 * Targets: the mask stage of a Keras warp — the same pull matrix, nearest, constant fill 0, no colour
 * (Keras' `nearest`/`reflect`/`wrap` fill copies are not labelled, as with pads).
 */
export function kerasMaskWarp(p: WarpParams): WarpParams {
  return {
    matrix: Array.from(p.matrix), fillMode: 'constant', interpolation: 'nearest',
    cval: [0, 0, 0, 0], colorScale: [1, 1, 1, 1], colorOffset: [0, 0, 0, 0],
    clipLo: [-Infinity, -Infinity, -Infinity, -Infinity], clipHi: [Infinity, Infinity, Infinity, Infinity],
  };
}

export function kerasWarpMaskStage(stage: Stage): KerasWarpStage {
  return { kind: 'kerasWarp', warp: kerasMaskWarp((stage as KerasWarpStage).warp) };
}

/** Points forward through a Keras warp (inverse of its 2×3 pull matrix, pixel centres at integers). */
export function kerasWarpMapPoints(stage: Stage, xy: Float64Array): void {
  const m = (stage as KerasWarpStage).warp.matrix;
  mapThroughPull([m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, 0, 0, 1], xy);
}
