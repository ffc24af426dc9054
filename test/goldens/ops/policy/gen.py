#!/usr/bin/python3
"""Goldens for the policy ops: torchvision 0.14 RandAugment, TrivialAugmentWide, AutoAugment, AugMix.
Run: /usr/bin/python3 test/goldens/ops/policy/gen.py

We cannot reproduce torch's random generator, so every draw the transforms make is answered here:
torch.randint / torch.rand (and AugMix._sample_dirichlet) are replaced while the REAL transform's
forward() runs. Choices we want to cover (an op, a sign, a magnitude bin, a sub-policy, the Dirichlet
weights) are forced; any other draw comes from a seeded Python RNG. Every draw made is logged into the
case ("draws": [{k: 'int', lo, hi, v} | {k: 'rand', v} | {k: 'dir', v: [...]}], in call order); the test
answers our op's expand() with the same draws and replays the expansion, so the sampling order, op
lists, magnitude bins, signs and `_apply_op` mapping are all checked against torchvision's own code.

tables.json: `_augmentation_space` of each policy for several bin counts / image sizes (float32 values
as torch computes them) and AutoAugment's `_get_policies`, for the unit test of our tables.
Inputs: RGB and grey photos (torchvision's colour ops reject 4-channel tensors, so no RGBA here).
"""
import json
import os
import random
import sys
from unittest import mock

import numpy as np
import torch
from torchvision.transforms import autoaugment as TA
from torchvision.transforms import InterpolationMode

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
from golden_io import Writer, to_tensor, from_tensor  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
INTERP = {'nearest': InterpolationMode.NEAREST, 'bilinear': InterpolationMode.BILINEAR}


class Script:
    """Answers torch.randint / torch.rand / _sample_dirichlet: forced values first (each a (kind, value)
    pair that must match the next draw's kind), then a seeded RNG; logs every draw."""

    def __init__(self, forced, seed):
        self.forced = list(forced)
        self.rnd = random.Random(seed)
        self.log = []

    def _forced(self, kind):
        if self.forced:
            k, v = self.forced[0]
            assert k == kind, f'forced {k}, but the transform drew {kind}'
            self.forced.pop(0)
            return v
        return None

    def randint(self, *args, **kw):
        size = kw.get('size')
        if 'high' in kw:
            lo, hi = kw.get('low', 0), kw['high']
        elif len(args) == 3:
            lo, hi, size = args
        else:
            lo, hi = 0, args[0]
            size = args[1] if len(args) > 1 else size
        n = int(np.prod(size))
        vals = []
        for _ in range(n):
            v = self._forced('int')
            if v is None:
                v = self.rnd.randrange(lo, hi)
            assert lo <= v < hi, (lo, hi, v)
            self.log.append({'k': 'int', 'lo': lo, 'hi': hi, 'v': v})
            vals.append(v)
        return torch.tensor(vals, dtype=torch.long).view(size)

    def rand(self, size, **kw):
        n = int(np.prod(size))
        vals = []
        for _ in range(n):
            v = self._forced('rand')
            if v is None:
                v = self.rnd.random()
            v = float(np.float32(v))
            self.log.append({'k': 'rand', 'v': v})
            vals.append(v)
        return torch.tensor(vals, dtype=torch.float32).view(size)

    def dirichlet(self, params):
        k = params.shape[-1]
        v = self._forced('dir')
        if v is None:
            v = np.random.default_rng(self.rnd.randrange(1 << 30)).dirichlet([float(params[0, 0])] * k)
        v = [float(x) for x in np.asarray(v, dtype=np.float32)]
        assert len(v) == k
        self.log.append({'k': 'dir', 'v': v})
        return torch.tensor([v], dtype=torch.float32)

    def run(self, transform, img):
        with mock.patch.object(torch, 'randint', self.randint), mock.patch.object(torch, 'rand', self.rand):
            if isinstance(transform, TA.AugMix):
                transform._sample_dirichlet = self.dirichlet
            out = transform(img)
        assert not self.forced, f'unused forced draws {self.forced}'
        return out


def make(op, cfg):
    interp = INTERP[cfg.get('interpolation', 'bilinear' if op == 'augMix' else 'nearest')]
    fill = cfg.get('fill')
    if op == 'randAugment':
        return TA.RandAugment(cfg.get('numOps', 2), cfg.get('magnitude', 9), cfg.get('numMagnitudeBins', 31), interp, fill)
    if op == 'trivialAugmentWide':
        return TA.TrivialAugmentWide(cfg.get('numMagnitudeBins', 31), interp, fill)
    if op == 'autoAugment':
        return TA.AutoAugment(TA.AutoAugmentPolicy(cfg.get('policy', 'imagenet')), interp, fill)
    if op == 'augMix':
        return TA.AugMix(cfg.get('severity', 3), cfg.get('mixtureWidth', 3), cfg.get('chainDepth', -1), cfg.get('alpha', 1.0),
                         cfg.get('allOps', True), interp, fill)
    raise ValueError(op)


w = Writer()
IMG = {name: i for i, (name, _) in enumerate(w.inputs)}
seed = [0]


def case(name, op, cfg, image, forced=()):
    i = IMG[image]
    seed[0] += 1
    s = Script(forced, seed[0])
    out = s.run(make(op, cfg), to_tensor(w.inputs[i][1]))
    w.add(f'{op}/{name}/{image}', 'policy', [op, cfg, s.log], i, from_tensor(out))


def signed_ops(space):
    return [(k, name, signed) for k, (name, (_, signed)) in enumerate(space.items())]


RA_SPACE = TA.RandAugment()._augmentation_space(31, (45, 67))
TA_SPACE = TA.TrivialAugmentWide()._augmentation_space(31)
GEO_FILL = {'chelsea': [128, 64, 200], 'astronaut': [128, 64, 200], 'coffee': [10, 200, 30], 'camera': [100]}

# RandAugment: every op, both signs, at the default magnitude 9; every op at bins 0 and 30; two-op chains.
for image in ('chelsea', 'camera'):
    for k, name, signed in signed_ops(RA_SPACE):
        for sign in ((0, 1) if signed else (0,)):
            case(f'm9/{name}/{"neg" if sign else "pos"}', 'randAugment', {'numOps': 1, 'magnitude': 9}, image,
                 [('int', k)] + ([('int', sign)] if signed else []))
for k, name, signed in signed_ops(RA_SPACE):
    for m in (0, 30):
        case(f'm{m}/{name}', 'randAugment', {'numOps': 1, 'magnitude': m}, 'astronaut', [('int', k)])
for j in range(8):
    case(f'default/{j}', 'randAugment', {}, ('chelsea', 'camera', 'coffee', 'astronaut')[j % 4])
for k, name, signed in signed_ops(RA_SPACE)[1:6]:
    for image in ('chelsea', 'camera'):
        case(f'bilinear-fill/{name}', 'randAugment', {'numOps': 1, 'magnitude': 20, 'interpolation': 'bilinear', 'fill': GEO_FILL[image]},
             image, [('int', k)])
case('bins10/m7', 'randAugment', {'numOps': 3, 'magnitude': 7, 'numMagnitudeBins': 10}, 'coffee')

# TrivialAugmentWide: every op at bins 0, 7, 15, 23, 30 (both signs across bins); all posterize and
# solarize bins; translations at bin 15 (32/30·15 = 16: int() at an exact float32 integer).
for k, name, signed in signed_ops(TA_SPACE):
    mags = TA_SPACE[name][0]
    if mags.ndim == 0:
        case(f'{name}', 'trivialAugmentWide', {}, 'astronaut', [('int', k)])
        case(f'{name}', 'trivialAugmentWide', {}, 'camera', [('int', k)])
        continue
    bins = range(31) if name in ('Posterize', 'Solarize') else (0, 7, 15, 23, 30)
    for b in bins:
        sign = [('int', b % 2)] if signed else []
        case(f'{name}/bin{b}', 'trivialAugmentWide', {}, 'astronaut', [('int', k), ('int', b)] + sign)
    case(f'{name}/random', 'trivialAugmentWide', {}, 'camera', [('int', k)])
for name in ('TranslateX', 'TranslateY'):
    k = list(TA_SPACE).index(name)
    for sign in (0, 1):
        case(f'{name}/bin15/sign{sign}', 'trivialAugmentWide', {}, 'chelsea', [('int', k), ('int', 15), ('int', sign)])
case('bins10', 'trivialAugmentWide', {'numMagnitudeBins': 10, 'interpolation': 'bilinear'}, 'coffee', [('int', 5)])

# AutoAugment: every sub-policy of each policy with both ops forced to run (uniforms below p; 0.0 where
# p = 0), random signs; some with the ops skipped (uniforms above p).
for policy in ('imagenet', 'cifar10', 'svhn'):
    subs = TA.AutoAugment(TA.AutoAugmentPolicy(policy)).policies
    for j, sub in enumerate(subs):
        probs = [('rand', p / 2) for (_, p, _) in sub]
        case(f'{policy}/{j}', 'autoAugment', {'policy': policy}, 'astronaut', [('int', j)] + probs)
    for j in (0, 7, 13, 21):
        sub = subs[j]
        probs = [('rand', min(0.999, p + (1 - p) / 2)) if t == 0 else ('rand', p / 2) for t, (_, p, _) in enumerate(sub)]
        case(f'{policy}/{j}/first-skipped', 'autoAugment', {'policy': policy}, 'camera', [('int', j)] + probs)

# AugMix: forced Dirichlet weights, random chains; depths, widths, severities, all_ops, alpha.
AUGMIX = [
    ('default', {}),
    ('depth1', {'chainDepth': 1}),
    ('depth3', {'chainDepth': 3}),
    ('width1', {'mixtureWidth': 1}),
    ('width4', {'mixtureWidth': 4, 'chainDepth': 2}),
    ('severity1', {'severity': 1}),
    ('severity10', {'severity': 10, 'chainDepth': 3}),
    ('notAllOps', {'allOps': False}),
    ('alpha0.5', {'alpha': 0.5}),
    ('nearest-fill', {'interpolation': 'nearest', 'fill': None}),
]
for j, (name, cfg) in enumerate(AUGMIX):
    for image in ('chelsea', 'camera'):
        width = cfg.get('mixtureWidth', 3)
        rng = np.random.default_rng(1000 + j)
        m = rng.dirichlet([cfg.get('alpha', 1.0)] * 2)
        ws = rng.dirichlet([cfg.get('alpha', 1.0)] * width)
        c = dict(cfg)
        if name == 'nearest-fill':
            c['fill'] = GEO_FILL[image]
        case(name, 'augMix', c, image, [('dir', m), ('dir', ws)])
for j in range(6):
    case(f'random/{j}', 'augMix', {}, ('coffee', 'astronaut')[j % 2])

# mixChains alone (AugMix.forward's arithmetic with given weights) on chains of exact ops, so the mixing
# is checked byte for byte whatever the other ops do: mix = m0 * img; mix += w_i * chain_i(img); uint8 cast.
import torchvision.transforms.functional as F  # noqa: E402
EXACT = {'invert': F.invert, 'hflip': F.hflip, 'vflip': F.vflip, 'transpose': lambda t: t.transpose(-2, -1)}


def mix_case(name, image, m, ws, chains):
    i = IMG[image]
    img = to_tensor(w.inputs[i][1])
    m = torch.tensor([m], dtype=torch.float32)
    combined = torch.tensor([ws], dtype=torch.float32) * m[:, 1].view([1, -1])
    batch = img.view([1] + list(img.shape))
    mix = m[:, 0].view([1, 1, 1, 1]) * batch
    for k, chain in enumerate(chains):
        aug = batch
        for op in chain:
            aug = EXACT[op](aug)
        mix.add_(combined[:, k].view([1, 1, 1, 1]) * aug)
    out = mix.view(list(img.shape)).to(dtype=img.dtype)
    params = {'original': float(m[0, 0]), 'weights': [float(x) for x in combined[0]],
              'chains': [[{'op': op, 'params': {}} for op in chain] for chain in chains]}
    w.add(f'mixChains/{name}/{image}', 'mixChains', [params], i, from_tensor(out), exact=True)


rng = np.random.default_rng(77)
for image in ('chelsea', 'camera', 'astronaut'):
    for j, chains in enumerate([[['invert']], [['hflip'], ['vflip', 'invert'], []], [['invert', 'hflip'], ['invert']], [[], [], [], ['vflip']]]):
        if image == 'astronaut' and j == 0:
            chains = [['transpose']]
        m = rng.dirichlet([1.0, 1.0])
        mix_case(f'{j}', image, [float(x) for x in np.float32(m)], [float(x) for x in np.float32(rng.dirichlet([1.0] * len(chains)))], chains)
mix_case('all-original', 'chelsea', [1.0, 0.0], [1.0], [['invert']])
mix_case('all-chain', 'chelsea', [0.0, 1.0], [1.0], [['invert']])

w.save(HERE)


# ---- tables ----
def space_json(space):
    out = []
    for name, (mags, signed) in space.items():
        out.append({'name': name, 'signed': bool(signed),
                    'magnitudes': None if mags.ndim == 0 else [float(x) for x in mags.tolist()]})
    return out


tables = {'randAugment': [], 'trivialAugmentWide': [], 'autoAugment': [], 'augMix': [], 'policies': {}}
SIZES = [(224, 224), (67, 45), (331, 331), (500, 375), (1, 1), (640, 427), (33, 97)]
for bins in (2, 3, 10, 17, 31, 64):
    for (wd, ht) in SIZES:
        tables['randAugment'].append({'bins': bins, 'width': wd, 'height': ht, 'space': space_json(TA.RandAugment()._augmentation_space(bins, (ht, wd)))})
    tables['trivialAugmentWide'].append({'bins': bins, 'space': space_json(TA.TrivialAugmentWide()._augmentation_space(bins))})
for (wd, ht) in SIZES:
    tables['autoAugment'].append({'width': wd, 'height': ht, 'space': space_json(TA.AutoAugment()._augmentation_space(10, (ht, wd)))})
    for all_ops in (True, False):
        tables['augMix'].append({'width': wd, 'height': ht, 'allOps': all_ops,
                                 'space': space_json(TA.AugMix(all_ops=all_ops)._augmentation_space(10, (ht, wd)))})
for policy in ('imagenet', 'cifar10', 'svhn'):
    tables['policies'][policy] = [[list(step) for step in sub] for sub in TA.AutoAugment(TA.AutoAugmentPolicy(policy)).policies]
with open(os.path.join(HERE, 'tables.json'), 'w') as f:
    json.dump(tables, f)
print('tables.json written')
