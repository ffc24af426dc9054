#!/usr/bin/python3
"""Goldens for the exact pixel ops: torchvision 0.14 F.hflip, F.vflip, F.invert, torch.rot90, transpose.
Run: /usr/bin/python3 test/goldens/ops/basic/gen.py"""
import os
import sys

import torch
import torchvision.transforms.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
from golden_io import Writer, to_tensor, from_tensor  # noqa: E402

w = Writer()
for i, (name, a) in enumerate(w.inputs):
    t = to_tensor(a)
    w.add(f'hflip/{name}', 'hflip', [], i, from_tensor(F.hflip(t)), exact=True)
    w.add(f'vflip/{name}', 'vflip', [], i, from_tensor(F.vflip(t)), exact=True)
    # F.invert inverts every channel of an RGB(A) tensor; our invert keeps alpha, so RGBA is compared on RGB.
    if a.shape[2] == 4:
        inv = F.invert(t[:3])
        w.add(f'invert/{name}', 'invert', [], i, from_tensor(torch.cat([inv, t[3:]], 0)), exact=True)
    else:
        w.add(f'invert/{name}', 'invert', [], i, from_tensor(F.invert(t)), exact=True)
    for k in (1, 2, 3):
        w.add(f'rot90/{k}/{name}', 'rot90', [k], i, from_tensor(torch.rot90(t, k, [-2, -1])), exact=True)
    w.add(f'transpose/{name}', 'transpose', [], i, from_tensor(t.transpose(-2, -1)), exact=True)
w.save(os.path.dirname(os.path.abspath(__file__)))
