#!/usr/bin/python3
"""Goldens for the torchvision importer: deterministic torchvision 0.14 `Compose` pipelines (flips with p=1,
fixed crops, pads, resizes, grayscale, a RandomResizedCrop whose box can only be the whole image) run by
torchvision itself on the sample photos; the test feeds the same configs, written as JSON, to
createAugmenter({ torchvision }) and compares (exact for flips/crops/pads/grayscale, op tolerances for
resampling). Also `normalize.json`: ToTensor + Normalize float outputs for one photo.
Run: /usr/bin/python3 test/goldens/importers/gen.py"""
import json
import os
import sys

import torch
import torchvision.transforms as T
from torchvision.transforms import InterpolationMode as IM

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'ops'))
from golden_io import Writer, to_tensor, from_tensor  # noqa: E402

w = Writer()


def run(compose, t):
    out = compose(t)
    return from_tensor(out)


for i, (name, a) in enumerate(w.inputs):
    t = to_tensor(a)
    h, wd, c = a.shape
    # 1. Flips with p = 1 (exact).
    cfg = [{'RandomHorizontalFlip': {'p': 1}}, {'RandomVerticalFlip': {'p': 1.0}}]
    w.add(f'flips/{name}', 'torchvision', [cfg], i, run(T.Compose([T.RandomHorizontalFlip(p=1), T.RandomVerticalFlip(p=1.0)]), t), exact=True)
    # 2. Pad (edge) + centre crop back to a fixed size + flip (exact).
    cfg = [{'Pad': {'padding': [2, 3], 'padding_mode': 'edge'}}, {'CenterCrop': [h - 4, wd - 6]}, {'RandomHorizontalFlip': {'p': 1}}]
    w.add(f'pad-crop-flip/{name}', 'torchvision', [cfg], i, run(T.Compose([T.Pad([2, 3], padding_mode='edge'), T.CenterCrop([h - 4, wd - 6]), T.RandomHorizontalFlip(p=1)]), t), exact=True)
    # 3. Constant pad with fill + a RandomCrop of the padded size (only one position: exact).
    cfg = [{'RandomCrop': {'size': [h + 8, wd + 8], 'padding': 4, 'fill': 77}}]
    w.add(f'randomcrop-full/{name}', 'torchvision', [cfg], i, run(T.Compose([T.RandomCrop([h + 8, wd + 8], padding=4, fill=77)]), t), exact=True)
    # 4. Resize (short edge, bilinear, antialias) + CenterCrop: the ImageNet eval preset, scaled to the photos.
    cfg = {'Compose': [{'Resize': {'size': 32, 'antialias': True}}, {'CenterCrop': 24}]}
    w.add(f'resize-aa-centercrop/{name}', 'torchvision', [cfg], i, run(T.Compose([T.Resize(32, antialias=True), T.CenterCrop(24)]), t))
    # 5. Resize to [h, w] nearest (index arithmetic only).
    cfg = [{'Resize': {'size': [40, 56], 'interpolation': 'nearest'}}]
    w.add(f'resize-nearest/{name}', 'torchvision', [cfg], i, run(T.Compose([T.Resize([40, 56], interpolation=IM.NEAREST)]), t), exact=True)
    # 6. Resize bicubic without antialias (upscale and downscale sizes).
    cfg = [{'Resize': [[30, 90], 'InterpolationMode.BICUBIC', None, False]}]
    w.add(f'resize-bicubic/{name}', 'torchvision', [cfg], i, run(T.Compose([T.Resize([30, 90], interpolation=IM.BICUBIC, antialias=False)]), t))
    if c == 3:
        # 7. Grayscale to 3 channels after a centre crop (exact).
        cfg = [{'CenterCrop': {'size': [30, 40]}}, {'Grayscale': {'num_output_channels': 3}}]
        w.add(f'centercrop-grayscale/{name}', 'torchvision', [cfg], i, run(T.Compose([T.CenterCrop([30, 40]), T.Grayscale(num_output_channels=3)]), t), exact=True)
        # 8. RandomGrayscale(p=1) keeps 3 channels (exact).
        cfg = [{'RandomGrayscale': {'p': 1}}]
        w.add(f'randomgrayscale/{name}', 'torchvision', [cfg], i, run(T.Compose([T.RandomGrayscale(p=1)]), t), exact=True)
        # 9. RandomResizedCrop whose box can only be the whole image (scale 1, the image's own aspect ratio).
        ratio = wd / h
        cfg = [{'RandomResizedCrop': {'size': [36, 52], 'scale': [1.0, 1.0], 'ratio': [ratio, ratio], 'antialias': False}}]
        w.add(f'rrc-whole/{name}', 'torchvision', [cfg], i, run(T.Compose([T.RandomResizedCrop([36, 52], scale=(1.0, 1.0), ratio=(ratio, ratio), antialias=False)]), t))
w.save(HERE)

# ToTensor + Normalize on chelsea: torchvision's float output (HWC, 6 decimals).
name, a = w.inputs[0]
from PIL import Image  # noqa: E402
import numpy as np  # noqa: E402
mean, std = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
x = T.Compose([T.ToTensor(), T.Normalize(mean, std)])(Image.fromarray(a))
cfg = ['ToTensor', {'Normalize': {'mean': mean, 'std': std}}]
json.dump({'image': 0, 'config': cfg, 'width': a.shape[1], 'height': a.shape[0],
           'values': [round(float(v), 6) for v in x.numpy().transpose(1, 2, 0).reshape(-1)]}, open(os.path.join(HERE, 'normalize.json'), 'w'))
print('cases', len(w.cases))
