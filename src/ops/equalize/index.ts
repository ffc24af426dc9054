/** `equalize`: per-channel histogram equalisation (torchvision 0.14 F.equalize; exact). With p: RandomEqualize. */
import type { OpDef } from '../core/types.js';

export const op: OpDef = {
  name: 'equalize',
  summary: 'Equalise each channel\'s histogram (exact). With p: RandomEqualize.',
  reference: 'torchvision 0.14 F.equalize',
  config: {},
  params: {},
  sample: () => ({}),
  lower: () => [{ kind: 'equalize' }],
};
