/** `compose`: runs its ops in order (a nested pipeline; with `p`, all or none). */
import type { OpDef } from '../core/types.js';

export const op: OpDef<{ ops: number }> = {
  name: 'compose',
  summary: 'Run ops in order (all or none, with p).',
  reference: 'torchvision.transforms.Compose / albumentations.Compose',
  example: { ops: [{ op: 'hflip' }, { op: 'invert' }] },
  config: { ops: { type: 'ops', doc: 'the ops to run in order' } },
  params: {},
  childFields: ['ops'],
  expand: (_c, _rng, _info, children) => children.map((node) => ({ node })),
};
