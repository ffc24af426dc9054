/** `identity`: does nothing (torchvision's policy "Identity", albumentations NoOp) — a placeholder in oneOf, a clean pass. */
import type { OpDef } from '../core/types.js';

export const op: OpDef = {
  name: 'identity',
  summary: 'Does nothing (a clean pass; a "no change" choice in oneOf).',
  reference: 'torchvision autoaugment "Identity" / albumentations NoOp',
  config: {},
  params: {},
  sample: () => ({}),
  lower: () => [],
};
