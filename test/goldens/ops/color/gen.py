#!/usr/bin/python3
"""Goldens for the colour ops.

torchvision 0.14 functional ops on uint8 tensors: F.adjust_brightness, adjust_contrast, adjust_saturation,
adjust_hue, adjust_gamma, adjust_sharpness, posterize, solarize, equalize, autocontrast, rgb_to_grayscale,
and ColorJitter's composition (the four adjustments in a given order with given factors).

albumentations semantics (albumentations is not installed: its uint8 code paths are reproduced here with the
same numpy / OpenCV calls, read from albumentations/augmentations/functional.py): ToSepia = cv2.transform with
the sepia matrix, clipped; RGBShift = per-channel float32 LUT v + shift, clipped, astype(uint8);
HueSaturationValue = cv2 RGB2HSV, LUTs (hue mod 180, sat/val clipped, astype(uint8)), cv2 HSV2RGB (grey:
GRAY2RGB, value shift only, RGB2GRAY); ChannelShuffle = img[..., order].

RGBA inputs (which torchvision rejects): the op on RGB, alpha appended unchanged (what our ops do).
Grey + rgb_to_grayscale(3): torchvision's tensor path returns 1 channel there (expand to the input shape);
we follow PIL's Grayscale(3) and replicate to 3 channels, so the expected output is the grey replicated.

Run: /usr/bin/python3 test/goldens/ops/color/gen.py
"""
import os
import sys

import cv2
import numpy as np
import torch
import torchvision.transforms.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
from golden_io import Writer, to_tensor, from_tensor  # noqa: E402

w = Writer()
# Extra inputs: a flat image (autocontrast/equalize no-op paths), a 2×3 image (sharpness leaves it), a
# low-contrast crop of a photo (autocontrast/equalize stretch), a bigger photo crop (means over more pixels).
photo = w.inputs[0][1]
w.inputs.append(('flat', np.full((4, 5, 3), 77, np.uint8)))
w.inputs.append(('tiny', np.ascontiguousarray(photo[:2, :3])))
w.inputs.append(('dim', np.ascontiguousarray((photo[5:35, 10:50].astype(np.int32) // 3 + 60).astype(np.uint8))))
N_PHOTOS = 5


def tv(fn, a, *args):
    """torchvision on an HWC array; RGBA: on RGB, alpha appended."""
    if a.shape[2] == 4:
        out = from_tensor(fn(to_tensor(a[:, :, :3]), *args))
        return np.concatenate([out, a[:, :, 3:]], axis=2)
    return from_tensor(fn(to_tensor(a), *args))


def add_tv(name, fname, fn, args, images, exact=True):
    for i in images:
        iname, a = w.inputs[i]
        w.add(f'{name}/{iname}', fname, list(args), i, tv(fn, a, *args), exact=exact)


photos = range(N_PHOTOS)
# Extremes and round factors on all five photos; odd factors on a colour photo and the grey one (keeps the goldens small).
few = [0, 3]
for f in (0, 0.5, 1, 1.5, 2, 0.37, 1.23):
    add_tv(f'adjustBrightness/{f}', 'adjustBrightness', F.adjust_brightness, [f], photos if f in (0, 0.5, 1.5, 2) else few)
for f in (0, 0.5, 1, 1.5, 2, 0.3):
    add_tv(f'adjustContrast/{f}', 'adjustContrast', F.adjust_contrast, [f], photos if f in (0, 0.5, 1.5, 2) else few)
add_tv('adjustContrast/0.6', 'adjustContrast', F.adjust_contrast, [0.6], [5, 6, 7])
for f in (0, 0.5, 1, 1.5, 2, 0.7):
    add_tv(f'adjustSaturation/{f}', 'adjustSaturation', F.adjust_saturation, [f], photos if f in (0, 0.5, 1.5, 2) else [0, 4])
for f in (-0.5, -0.25, 0, 0.1, 0.25, 0.5, -0.03):
    add_tv(f'adjustHue/{f}', 'adjustHue', F.adjust_hue, [f], photos if f in (-0.5, -0.25, 0.1, 0.5) else [1, 4])
for g, gain in ((0, 1), (0.5, 1), (1, 1), (2, 1), (3, 1), (0.3, 1), (0.7, 1), (1.3, 1), (2.2, 1), (1.5, 0.8), (0.8, 1.2)):
    # not `exact`: other exponents than torch's special ones use SLEEF's pow (≤ 1 ulp) — checked to ±1 level.
    add_tv(f'adjustGamma/{g},{gain}', 'adjustGamma', F.adjust_gamma, [g, gain], photos if gain == 1 and g in (0, 0.5, 1, 2, 3) else [0, 3],
           exact=False)
for f in (0, 0.5, 1, 1.5, 2, 3.7):
    add_tv(f'adjustSharpness/{f}', 'adjustSharpness', F.adjust_sharpness, [f], photos if f in (0, 0.5, 2, 3.7) else few)
add_tv('adjustSharpness/2', 'adjustSharpness', F.adjust_sharpness, [2], [6])
for b in (0, 1, 2, 3, 4, 5, 6, 7, 8):
    add_tv(f'posterize/{b}', 'posterize', F.posterize, [b], photos if b in (1, 4, 8) else [0, 3])
for t in (0, 1, 64, 127.5, 128, 200, 255):
    add_tv(f'solarize/{t}', 'solarize', F.solarize, [t], photos if t in (0, 127.5, 128, 255) else few)
add_tv('equalize', 'equalize', F.equalize, [], list(photos) + [5, 6, 7])
add_tv('autocontrast', 'autocontrast', F.autocontrast, [], list(photos) + [5, 6, 7])

for i in photos:
    iname, a = w.inputs[i]
    rgb = a[:, :, :3] if a.shape[2] >= 3 else a
    g1 = from_tensor(F.rgb_to_grayscale(to_tensor(rgb), 1))
    if a.shape[2] == 4:
        out1 = out3 = np.concatenate([np.repeat(g1, 3, axis=2), a[:, :, 3:]], axis=2)
    else:
        out1, out3 = g1, np.repeat(g1, 3, axis=2)
    w.add(f'rgbToGrayscale/1/{iname}', 'rgbToGrayscale', [1], i, out1, exact=True)
    w.add(f'rgbToGrayscale/3/{iname}', 'rgbToGrayscale', [3], i, out3, exact=True)

# ColorJitter: torchvision's forward with fixed (order, factors) — what our params record.
FNS = [F.adjust_brightness, F.adjust_contrast, F.adjust_saturation, F.adjust_hue]
jitters = [
    ([0, 1, 2, 3], [1.3, 0.7, 1.4, 0.1]),
    ([3, 2, 1, 0], [0.6, 1.4, 0.6, -0.2]),
    ([2, 0, 3, 1], [1.1, 0.8, 0.0, 0.45]),
    ([1, 3, 0, 2], [0.9, None, 1.7, None]),
]
for order, fac in jitters:
    def jit(t, order=order, fac=fac):
        for k in order:
            if fac[k] is not None:
                t = FNS[k](t, fac[k])
        return t
    params = {'order': order, 'brightness': fac[0], 'contrast': fac[1], 'saturation': fac[2], 'hue': fac[3]}
    for i in photos:
        iname, a = w.inputs[i]
        w.add(f'colorJitter/{order}/{iname}', 'colorJitter', [params], i, tv(jit, a), exact=True)


# albumentations code paths (uint8), reproduced with the same numpy/OpenCV calls.
SEPIA = np.array([[0.393, 0.769, 0.189], [0.349, 0.686, 0.168], [0.272, 0.534, 0.131]])


def with_alpha(fn, a):
    if a.shape[2] == 4:
        return np.concatenate([fn(np.ascontiguousarray(a[:, :, :3])), a[:, :, 3:]], axis=2)
    return fn(a)


def sepia(a):
    if a.shape[2] == 1:
        a = cv2.cvtColor(a, cv2.COLOR_GRAY2RGB)
    return np.clip(cv2.transform(a, SEPIA), 0, 255).astype(np.uint8)


def shift_lut(x, value):
    lut = np.arange(0, 256).astype('float32')
    lut += value
    lut = np.clip(lut, 0, 255).astype(np.uint8)
    return cv2.LUT(x, lut)


def rgb_shift(a, shifts):
    if a.shape[2] == 1:
        return shift_lut(a[:, :, 0], shifts[0])[:, :, None]
    out = np.empty_like(a)
    for c in range(3):
        out[..., c] = shift_lut(np.ascontiguousarray(a[..., c]), shifts[c])
    return out


def hsv_shift(a, hue_shift, sat_shift, val_shift):
    grey = a.shape[2] == 1
    if grey:
        hue_shift = sat_shift = 0
        a = cv2.cvtColor(a, cv2.COLOR_GRAY2RGB)
    img = cv2.cvtColor(a, cv2.COLOR_RGB2HSV)
    hue, sat, val = cv2.split(img)
    lut_hue = np.mod(np.arange(0, 256, dtype=np.int16) + hue_shift, 180).astype(np.uint8)
    lut_sat = np.clip(np.arange(0, 256, dtype=np.int16) + sat_shift, 0, 255).astype(np.uint8)
    lut_val = np.clip(np.arange(0, 256, dtype=np.int16) + val_shift, 0, 255).astype(np.uint8)
    img = cv2.merge((cv2.LUT(hue, lut_hue), cv2.LUT(sat, lut_sat), cv2.LUT(val, lut_val)))
    out = cv2.cvtColor(img, cv2.COLOR_HSV2RGB)
    return cv2.cvtColor(out, cv2.COLOR_RGB2GRAY)[:, :, None] if grey else out


for i in photos:
    iname, a = w.inputs[i]
    w.add(f'sepia/{iname}', 'sepia', [{}], i, with_alpha(sepia, a), exact=True)
    for order in ([2, 0, 1], [1, 2, 0], [0, 2, 1]):
        out = a if a.shape[2] == 1 else with_alpha(lambda x, o=order: np.ascontiguousarray(x[..., o]), a)
        w.add(f'channelShuffle/{order}/{iname}', 'channelShuffle', [{'order': order}], i, out, exact=True)
    for sh in ((12.7, -30.2, 0.5), (-255, 255, 0), (-0.7, 0.3, 100.9)):
        w.add(f'rgbShift/{sh}/{iname}', 'rgbShift', [{'rShift': sh[0], 'gShift': sh[1], 'bShift': sh[2]}], i,
              with_alpha(lambda x, s=sh: rgb_shift(x, s), a), exact=True)
    for sh in ((17.3, -25.6, 12.2), (-90, 40, -30), (0, 0, 0), (179.5, 255, -255), (-5.5, -70.1, 45.9))[:5 if i in few else 3]:
        w.add(f'hsvShift/{sh}/{iname}', 'hsvShift', [{'hueShift': sh[0], 'satShift': sh[1], 'valShift': sh[2]}], i,
              with_alpha(lambda x, s=sh: hsv_shift(x, *s), a))

w.save(os.path.dirname(os.path.abspath(__file__)))
