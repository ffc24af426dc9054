/** `invert`: 255 − v on colour channels (torchvision F.invert; exact). */
import type { OpDef } from '../core/types.js';
import { tableOf } from '../stages/lut.js';

const TABLE = /* #__PURE__ */ tableOf((v) => 255 - v);

export const op: OpDef = {
  name: 'invert',
  summary: 'Invert colours: 255 − v (exact). With p: RandomInvert.',
  reference: 'torchvision 0.14 F.invert',
  config: {},
  params: {},
  sample: () => ({}),
  lower: () => [{ kind: 'lut', tables: TABLE }],
};
