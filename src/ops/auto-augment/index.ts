/**
 * `autoAugment`: torchvision 0.14 `AutoAugment(policy, interpolation, fill)` — one of the policy's 25
 * sub-policies drawn uniformly; each of its two ops runs with its probability, at its magnitude bin (of
 * 10), negated with probability ½ for signed ops. Draw order as torchvision's `get_params`: policy index,
 * two uniforms, two signs — all drawn whether or not the ops run.
 */
import type { Expansion, OpDef } from '../core/types.js';
import { applyOp, autoAugmentSpace, geometryOf, GEOMETRY_FIELDS, type TorchOpName } from '../policy/space.js';

type Step = readonly [TorchOpName, number, number | null];
type SubPolicy = readonly [Step, Step];

/** torchvision 0.14 `AutoAugment._get_policies` (op, probability, magnitude bin). */
export const POLICIES: Readonly<Record<'imagenet' | 'cifar10' | 'svhn', readonly SubPolicy[]>> = {
  imagenet: [
    [['Posterize', 0.4, 8], ['Rotate', 0.6, 9]],
    [['Solarize', 0.6, 5], ['AutoContrast', 0.6, null]],
    [['Equalize', 0.8, null], ['Equalize', 0.6, null]],
    [['Posterize', 0.6, 7], ['Posterize', 0.6, 6]],
    [['Equalize', 0.4, null], ['Solarize', 0.2, 4]],
    [['Equalize', 0.4, null], ['Rotate', 0.8, 8]],
    [['Solarize', 0.6, 3], ['Equalize', 0.6, null]],
    [['Posterize', 0.8, 5], ['Equalize', 1.0, null]],
    [['Rotate', 0.2, 3], ['Solarize', 0.6, 8]],
    [['Equalize', 0.6, null], ['Posterize', 0.4, 6]],
    [['Rotate', 0.8, 8], ['Color', 0.4, 0]],
    [['Rotate', 0.4, 9], ['Equalize', 0.6, null]],
    [['Equalize', 0.0, null], ['Equalize', 0.8, null]],
    [['Invert', 0.6, null], ['Equalize', 1.0, null]],
    [['Color', 0.6, 4], ['Contrast', 1.0, 8]],
    [['Rotate', 0.8, 8], ['Color', 1.0, 2]],
    [['Color', 0.8, 8], ['Solarize', 0.8, 7]],
    [['Sharpness', 0.4, 7], ['Invert', 0.6, null]],
    [['ShearX', 0.6, 5], ['Equalize', 1.0, null]],
    [['Color', 0.4, 0], ['Equalize', 0.6, null]],
    [['Equalize', 0.4, null], ['Solarize', 0.2, 4]],
    [['Solarize', 0.6, 5], ['AutoContrast', 0.6, null]],
    [['Invert', 0.6, null], ['Equalize', 1.0, null]],
    [['Color', 0.6, 4], ['Contrast', 1.0, 8]],
    [['Equalize', 0.8, null], ['Equalize', 0.6, null]],
  ],
  cifar10: [
    [['Invert', 0.1, null], ['Contrast', 0.2, 6]],
    [['Rotate', 0.7, 2], ['TranslateX', 0.3, 9]],
    [['Sharpness', 0.8, 1], ['Sharpness', 0.9, 3]],
    [['ShearY', 0.5, 8], ['TranslateY', 0.7, 9]],
    [['AutoContrast', 0.5, null], ['Equalize', 0.9, null]],
    [['ShearY', 0.2, 7], ['Posterize', 0.3, 7]],
    [['Color', 0.4, 3], ['Brightness', 0.6, 7]],
    [['Sharpness', 0.3, 9], ['Brightness', 0.7, 9]],
    [['Equalize', 0.6, null], ['Equalize', 0.5, null]],
    [['Contrast', 0.6, 7], ['Sharpness', 0.6, 5]],
    [['Color', 0.7, 7], ['TranslateX', 0.5, 8]],
    [['Equalize', 0.3, null], ['AutoContrast', 0.4, null]],
    [['TranslateY', 0.4, 3], ['Sharpness', 0.2, 6]],
    [['Brightness', 0.9, 6], ['Color', 0.2, 8]],
    [['Solarize', 0.5, 2], ['Invert', 0.0, null]],
    [['Equalize', 0.2, null], ['AutoContrast', 0.6, null]],
    [['Equalize', 0.2, null], ['Equalize', 0.6, null]],
    [['Color', 0.9, 9], ['Equalize', 0.6, null]],
    [['AutoContrast', 0.8, null], ['Solarize', 0.2, 8]],
    [['Brightness', 0.1, 3], ['Color', 0.7, 0]],
    [['Solarize', 0.4, 5], ['AutoContrast', 0.9, null]],
    [['TranslateY', 0.9, 9], ['TranslateY', 0.7, 9]],
    [['AutoContrast', 0.9, null], ['Solarize', 0.8, 3]],
    [['Equalize', 0.8, null], ['Invert', 0.1, null]],
    [['TranslateY', 0.7, 9], ['AutoContrast', 0.9, null]],
  ],
  svhn: [
    [['ShearX', 0.9, 4], ['Invert', 0.2, null]],
    [['ShearY', 0.9, 8], ['Invert', 0.7, null]],
    [['Equalize', 0.6, null], ['Solarize', 0.6, 6]],
    [['Invert', 0.9, null], ['Equalize', 0.6, null]],
    [['Equalize', 0.6, null], ['Rotate', 0.9, 3]],
    [['ShearX', 0.9, 4], ['AutoContrast', 0.8, null]],
    [['ShearY', 0.9, 8], ['Invert', 0.4, null]],
    [['ShearY', 0.9, 5], ['Solarize', 0.2, 6]],
    [['Invert', 0.9, null], ['AutoContrast', 0.8, null]],
    [['Equalize', 0.6, null], ['Rotate', 0.9, 3]],
    [['ShearX', 0.9, 4], ['Solarize', 0.3, 3]],
    [['ShearY', 0.8, 8], ['Invert', 0.7, null]],
    [['Equalize', 0.9, null], ['TranslateY', 0.6, 6]],
    [['Invert', 0.9, null], ['Equalize', 0.6, null]],
    [['Contrast', 0.3, 3], ['Rotate', 0.8, 4]],
    [['Invert', 0.8, null], ['TranslateY', 0.0, 2]],
    [['ShearY', 0.7, 6], ['Solarize', 0.4, 8]],
    [['Invert', 0.6, null], ['Rotate', 0.8, 4]],
    [['ShearY', 0.3, 7], ['TranslateX', 0.9, 3]],
    [['ShearX', 0.1, 6], ['Invert', 0.6, null]],
    [['Solarize', 0.7, 2], ['TranslateY', 0.6, 7]],
    [['ShearY', 0.8, 4], ['Invert', 0.8, null]],
    [['ShearX', 0.7, 9], ['TranslateY', 0.8, 3]],
    [['ShearY', 0.8, 5], ['AutoContrast', 0.7, null]],
    [['ShearX', 0.7, 2], ['Invert', 0.1, null]],
  ],
};

interface Config {
  policy: 'imagenet' | 'cifar10' | 'svhn';
  interpolation: string;
  fill: readonly number[] | null;
}

/**
 * AutoAugment (Cubuk et al. 2018) with torchvision's ImageNet, CIFAR-10 and SVHN policies.
 *
 * @example
 * ```ts
 * const aug = await createAugmenter({ pipeline: [{ op: 'autoAugment', policy: 'imagenet' }] });
 * ```
 */
export const op: OpDef<Config> = {
  name: 'autoAugment',
  summary: 'AutoAugment: a random learned sub-policy of two ops (torchvision ImageNet / CIFAR-10 / SVHN policies).',
  reference: 'torchvision 0.14 transforms.AutoAugment',
  config: {
    policy: { type: 'enum', values: ['imagenet', 'cifar10', 'svhn'], default: 'imagenet', doc: 'which learned policy (torchvision AutoAugmentPolicy)' },
    ...GEOMETRY_FIELDS,
  },
  params: {},
  expand(c, rng, info) {
    const subs = POLICIES[c.policy];
    const sub = subs[rng.int(subs.length)]!;
    const probs = [rng.next(), rng.next()];
    const signs = [rng.int(2), rng.int(2)];
    const space = autoAugmentSpace(info.width, info.height);
    const g = geometryOf(c);
    const out: Expansion[] = [];
    sub.forEach(([name, p, bin], i) => {
      if (!(probs[i]! <= p)) return;
      const s = space.find((x) => x.name === name)!;
      let m = bin !== null && s.magnitudes ? s.magnitudes[bin]! : 0;
      if (s.signed && signs[i] === 0) m = -m;
      const call = applyOp(name, m, g);
      if (call) out.push({ key: `${i}.${name}`, ...call });
    });
    return out;
  },
};
