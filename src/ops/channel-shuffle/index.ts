/**
 * `channelShuffle`: albumentations ChannelShuffle — the R, G, B channels in a random order (exact).
 * Alpha stays last; grey input unchanged. Params: `order`, the source channel of each output channel.
 */
import { EdgeAugmentError } from '../../errors.js';
import type { ImageInfo, OpDef, Stage } from '../core/types.js';
import type { ColorStage } from '../stages/color.js';

/** The stages of a channel permutation (`order[i]` = source of output channel i). */
export function channelShuffleStages(order: readonly number[], info: ImageInfo): Stage[] {
  if (info.channels === 1) return [];
  const m = new Array<number>(12).fill(0);
  for (let i = 0; i < 3; i++) m[i * 4 + order[i]!] = 1;
  return [{ kind: 'color', m, rounding: 'round' } as ColorStage];
}

export const op: OpDef<Record<string, never>, { order: readonly number[] }> = {
  name: 'channelShuffle',
  summary: 'Shuffle the R, G, B channels (exact); alpha stays.',
  reference: 'albumentations ChannelShuffle',
  config: {},
  params: { order: { type: 'numbers', integer: true, min: 0, max: 2, minLength: 3, maxLength: 3, doc: 'source channel of output R, G, B (a permutation of 0, 1, 2)' } },
  sample: (_c, rng) => ({ order: rng.permutation(3) }),
  lower: (p, info) => {
    if ([...p.order].sort().join() !== '0,1,2') throw new EdgeAugmentError('INVALID_PARAMS', `channelShuffle.order: got ${JSON.stringify(p.order)}; allowed: a permutation of [0, 1, 2].`, { details: { field: 'channelShuffle.order' } });
    return channelShuffleStages(p.order, info);
  },
};
