/** `hflip`: mirror left–right (torchvision F.hflip; exact). Use `p` for a random flip. */
import type { OpDef } from '../core/types.js';

export const op: OpDef = {
  name: 'hflip',
  summary: 'Mirror left–right (exact). With p: RandomHorizontalFlip.',
  reference: 'torchvision 0.14 F.hflip',
  config: {},
  params: {},
  sample: () => ({}),
  lower: () => [{ kind: 'permute', transpose: false, flipX: true, flipY: false }],
};
