/**
 * `mix`: runs each chain (a stage list) on the input and mixes in float32 as torchvision's AugMix does:
 * acc = f32(original · x); for each chain i in order: acc = f32(acc + f32(wᵢ · chainᵢ(x))); out =
 * trunc(acc) (torch's float → uint8 cast; clamped to [0, 255]). Every channel is mixed, alpha included
 * (chains move alpha with the geometry). Chains must keep the size and channels.
 */
import { EdgeAugmentError } from '../../errors.js';
import type { ImageInfo, Img, Stage, StageContext, StageKernel } from '../core/types.js';
import { runStages } from '../core/execute.js';
import { stageKernel } from './index.js';

/** Attributes of a `mix` stage. */
export interface MixStage extends Stage {
  kind: 'mix';
  /** Weight of the input (used as float32). */
  original: number;
  /** Weight of each chain (used as float32). */
  weights: readonly number[];
  /** Per chain, the stages run on the input. */
  chains: readonly (readonly Stage[])[];
}

function mixInto(src: Img, outs: readonly Img[], original: number, weights: readonly number[]): Img {
  const x = src.data;
  const n = x.length;
  for (const o of outs) {
    if (o.width !== src.width || o.height !== src.height || o.channels !== src.channels) {
      throw new EdgeAugmentError('INVALID_PARAMS', `mix stage: a chain changed the image from ${src.width}×${src.height}×${src.channels} to ${o.width}×${o.height}×${o.channels}.`);
    }
  }
  const acc = new Float32Array(n);
  const w0 = Math.fround(original);
  for (let i = 0; i < n; i++) acc[i] = w0 * x[i]!;
  for (let c = 0; c < outs.length; c++) {
    const w = Math.fround(weights[c]!);
    const a = outs[c]!.data;
    // w·a is exact in double (24 × 8 bits): fround gives torch's float32 product; the double sum of two
    // float32 values is exact, and the Float32Array store rounds it once, as torch's float32 add does.
    for (let i = 0; i < n; i++) acc[i] = acc[i]! + Math.fround(w * a[i]!);
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = acc[i]!;
    out[i] = v >= 255 ? 255 : v > 0 ? v | 0 : 0;
  }
  return { data: out, width: src.width, height: src.height, channels: src.channels };
}

export const mixKernel: StageKernel = {
  kind: 'mix',
  maskStage: mixMaskStage,
  run(src: Img, stage: Stage, ctx: StageContext): Img | Promise<Img> {
    const { original, weights, chains } = stage as MixStage;
    if (chains.length !== weights.length) throw new EdgeAugmentError('INVALID_PARAMS', `mix stage: ${chains.length} chains for ${weights.length} weights.`);
    const outs: (Img | Promise<Img>)[] = chains.map((ch) => runStages(src, ch, ctx));
    if (outs.some((o) => o instanceof Promise)) return Promise.all(outs).then((done) => mixInto(src, done, original, weights));
    return mixInto(src, outs as Img[], original, weights);
  },
};

/**
 * Targets: a mix of chains is pixel-only when every chain is (AugMix with colour ops only); a chain with
 * geometry would blend differently moved copies of the image, which no single mask, box or keypoint
 * describes: `UNSUPPORTED_TARGETS`.
 */
export function mixMaskStage(stage: Stage, info: ImageInfo): null {
  for (const chain of (stage as MixStage).chains) {
    for (const s of chain) {
      const k = stageKernel(s.kind);
      if (!k.maskStage) throw new EdgeAugmentError('UNSUPPORTED_TARGETS', `mix: stage '${s.kind}' declares no target behaviour.`, { details: { stage: s.kind } });
      if (k.maskStage(s, info) !== null) {
        throw new EdgeAugmentError('UNSUPPORTED_TARGETS', `augMix/mixChains: a chain moves pixels ('${s.kind}'), and a blend of differently moved images has no single mask, box or keypoint (augMix draws shear, translate and rotate into its chains). Leave targets out, or use mixChains with colour-only chains.`, { details: { stage: 'mix', geometric: s.kind } });
      }
    }
  }
  return null;
}
