/**
 * `grayscale`: torchvision 0.14 `F.rgb_to_grayscale(img, num_output_channels)` — 0.2989 r + 0.587 g +
 * 0.114 b in float32, truncated (byte-identical); 1 or 3 output channels. With p and
 * `numOutputChannels: 3`: RandomGrayscale. Grey input: copied (or replicated to 3). RGBA input (which
 * torchvision rejects): stays RGBA — grey in R, G, B, alpha kept — whatever numOutputChannels says.
 */
import { EdgeAugmentError } from '../../errors.js';
import type { OpDef, Stage } from '../core/types.js';
import type { GrayscaleStage } from '../stages/grayscale.js';

/** The stages of rgb_to_grayscale(numOutputChannels). */
export function grayscaleStages(numOutputChannels: number): Stage[] {
  return [{ kind: 'grayscale', outChannels: numOutputChannels === 3 ? 3 : 1 } as GrayscaleStage];
}

function checkChannels(n: number, where: string, code: 'INVALID_SPEC' | 'INVALID_PARAMS'): void {
  if (n !== 1 && n !== 3) throw new EdgeAugmentError(code, `${where}.numOutputChannels: got ${n}; allowed: 1 or 3.`, { details: { field: `${where}.numOutputChannels`, allowed: [1, 3] } });
}

export const op: OpDef<{ numOutputChannels: number }, { numOutputChannels: number }> = {
  name: 'grayscale',
  summary: 'Convert to grey (1 or 3 channels); torchvision rgb_to_grayscale, exact. With p and 3 channels: RandomGrayscale.',
  reference: 'torchvision 0.14 F.rgb_to_grayscale',
  example: { numOutputChannels: 3 },
  config: { numOutputChannels: { type: 'number', integer: true, min: 1, max: 3, default: 1, doc: '1 or 3 output channels (default 1, as torchvision Grayscale; RandomGrayscale keeps 3)' } },
  params: { numOutputChannels: { type: 'number', integer: true, min: 1, max: 3, default: 1, doc: '1 or 3 output channels' } },
  check: (c) => checkChannels(c.numOutputChannels, 'grayscale', 'INVALID_SPEC'),
  sample: (c) => ({ numOutputChannels: c.numOutputChannels }),
  lower: (p) => {
    checkChannels(p.numOutputChannels, 'grayscale', 'INVALID_PARAMS');
    return grayscaleStages(p.numOutputChannels);
  },
};
