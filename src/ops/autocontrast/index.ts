/** `autocontrast`: stretch each channel's min..max to 0..255 (torchvision 0.14 F.autocontrast; exact). With p: RandomAutocontrast. */
import type { OpDef } from '../core/types.js';

export const op: OpDef = {
  name: 'autocontrast',
  summary: 'Stretch each channel to the full range (exact). With p: RandomAutocontrast.',
  reference: 'torchvision 0.14 F.autocontrast',
  config: {},
  params: {},
  sample: () => ({}),
  lower: () => [{ kind: 'autocontrast' }],
};
