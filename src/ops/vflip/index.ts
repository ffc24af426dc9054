/** `vflip`: mirror top–bottom (torchvision F.vflip; exact). Use `p` for a random flip. */
import type { OpDef } from '../core/types.js';

export const op: OpDef = {
  name: 'vflip',
  summary: 'Mirror top–bottom (exact). With p: RandomVerticalFlip.',
  reference: 'torchvision 0.14 F.vflip',
  config: {},
  params: {},
  sample: () => ({}),
  lower: () => [{ kind: 'permute', transpose: false, flipX: false, flipY: true }],
};
