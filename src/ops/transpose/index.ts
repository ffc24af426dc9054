/** `transpose`: swap rows and columns (albumentations Transpose; exact). */
import type { OpDef } from '../core/types.js';

export const op: OpDef = {
  name: 'transpose',
  summary: 'Swap rows and columns (exact).',
  reference: 'albumentations.Transpose',
  config: {},
  params: {},
  sample: () => ({}),
  lower: () => [{ kind: 'permute', transpose: true, flipX: false, flipY: false }],
};
