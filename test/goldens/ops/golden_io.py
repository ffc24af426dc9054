#!/usr/bin/python3
"""Shared by the op golden generators (test/goldens/ops/<family>/gen.py): the input photos and the
golden file format. Run generators with the system Python (/usr/bin/python3: torch 1.13, torchvision 0.14).

Inputs: real photos from samples/ (CC0 / public domain), resized with PIL (LANCZOS) to small odd and even
sizes so goldens stay small and odd sizes exercise edge handling:
  chelsea 67x45 RGB, coffee 64x48 RGB, astronaut 48x48 RGB, camera 50x37 grey (1 channel),
  rocket 41x61 RGBA (alpha: a horizontal ramp).

Format written by `Writer.save(dir)`:
  index.json  { "torchvision": version, "torch": version, "images": [{name, width, height, channels,
               offset}], "cases": [{name, fn, args, image, width, height, channels, offset, exact}] }
  inputs.bin  interleaved u8 inputs back to back; outputs.bin  interleaved u8 expected outputs.
"""
import json
import os

import numpy as np
import torch
import torchvision
from PIL import Image

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
SAMPLES = os.path.join(ROOT, 'samples')

SPECS = [
    ('chelsea', 'chelsea.png', (67, 45), 'RGB'),
    ('coffee', 'coffee.png', (64, 48), 'RGB'),
    ('astronaut', 'astronaut.png', (48, 48), 'RGB'),
    ('camera', 'camera.png', (50, 37), 'L'),
    ('rocket', 'rocket.jpg', (41, 61), 'RGBA'),
]


def load_inputs():
    """[(name, HxWxC uint8 array)] in SPECS order."""
    out = []
    for name, file, size, mode in SPECS:
        im = Image.open(os.path.join(SAMPLES, file)).convert('RGB').resize(size, Image.LANCZOS)
        a = np.asarray(im, dtype=np.uint8)
        if mode == 'L':
            a = np.asarray(im.convert('L'), dtype=np.uint8)[:, :, None]
        elif mode == 'RGBA':
            alpha = np.tile(np.linspace(40, 255, size[0]).astype(np.uint8)[None, :], (size[1], 1))
            a = np.concatenate([a, alpha[:, :, None]], axis=2)
        out.append((name, np.ascontiguousarray(a)))
    return out


def to_tensor(a):
    """HWC uint8 → CHW uint8 tensor (what torchvision's functional ops take)."""
    return torch.from_numpy(np.ascontiguousarray(a.transpose(2, 0, 1)))


def from_tensor(t):
    """CHW uint8 tensor → HWC uint8 array."""
    assert t.dtype == torch.uint8, t.dtype
    return np.ascontiguousarray(t.numpy().transpose(1, 2, 0))


class Writer:
    def __init__(self):
        self.inputs = load_inputs()
        self.cases = []
        self.outs = []
        self.offset = 0

    def add(self, name, fn, args, image_index, out, exact=False):
        """One case: `fn` (our functional name) with `args` (JSON) on input `image_index` gave `out` (HWC u8)."""
        out = np.ascontiguousarray(out, dtype=np.uint8)
        h, w, c = out.shape
        self.cases.append({'name': name, 'fn': fn, 'args': args, 'image': image_index, 'width': w, 'height': h,
                           'channels': c, 'offset': self.offset, 'exact': exact})
        self.outs.append(out.tobytes())
        self.offset += out.nbytes

    def save(self, here):
        images = []
        blobs = []
        off = 0
        for name, a in self.inputs:
            h, w, c = a.shape
            images.append({'name': name, 'width': w, 'height': h, 'channels': c, 'offset': off})
            blobs.append(a.tobytes())
            off += a.nbytes
        with open(os.path.join(here, 'inputs.bin'), 'wb') as f:
            f.write(b''.join(blobs))
        with open(os.path.join(here, 'outputs.bin'), 'wb') as f:
            f.write(b''.join(self.outs))
        with open(os.path.join(here, 'index.json'), 'w') as f:
            json.dump({'torchvision': torchvision.__version__, 'torch': torch.__version__, 'images': images,
                       'cases': self.cases}, f, indent=1)
        print(f'{len(self.cases)} cases, {self.offset} output bytes → {here}')
