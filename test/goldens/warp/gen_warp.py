#!/usr/bin/python3
"""Goldens for the warp kernel: scipy.ndimage.affine_transform, per channel.

Run with the system Python (scipy 1.10): /usr/bin/python3 test/goldens/warp/gen_warp.py

Writes, next to this script:
  inputs.bin   concatenated interleaved u8 input images
  outputs.bin  concatenated interleaved u8 expected outputs
  index.json   images (name, width, height, channels, offset) and cases
               (image, matrix in scipy (row, col) convention as a 3x3 homogeneous pull matrix,
                mode, order, cval per channel, output width/height, offset into outputs.bin)
Each expected output channel c is
  scipy.ndimage.affine_transform(img[..., c], M[:2,:2], M[:2,2], output_shape=(oh, ow),
                                 output=np.uint8, order=order, mode=mode, cval=cval[c])
(scipy rounds half up and clips to 0..255 when the output is uint8).
"""
import json
import os

import cv2
import numpy as np
import scipy
import scipy.ndimage as ndi

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = '/work/shared/data/images'
rng = np.random.default_rng(20240611)


def load(name, flags=cv2.IMREAD_COLOR):
    im = cv2.imread(os.path.join(DATA, name), flags)
    if im is None:
        raise SystemExit('missing ' + name)
    if im.ndim == 3:
        im = cv2.cvtColor(im, cv2.COLOR_BGR2RGB)
    return im


def crop_resize(im, box, size):
    y0, y1, x0, x1 = box
    c = im[y0:y1, x0:x1]
    return cv2.resize(c, size, interpolation=cv2.INTER_AREA)


images = []
ast = crop_resize(load('astronaut.png'), (0, 400, 60, 460), (48, 48))
# RGBA: astronaut with a synthetic alpha (diagonal gradient + a hard-edged square), to test 4 channels.
yy, xx = np.mgrid[0:48, 0:48]
alpha = ((xx + yy) * 2).clip(0, 255).astype(np.uint8)
alpha[14:30, 18:34] = 255
images.append(('astronaut_rgba', np.dstack([ast, alpha])))
images.append(('chelsea_rgb', crop_resize(load('chelsea.png'), (0, 300, 50, 450), (56, 42))))
images.append(('coffee_rgb', crop_resize(load('coffee.png'), (0, 400, 0, 600), (45, 30))))
images.append(('camera_grey', crop_resize(load('camera.png', cv2.IMREAD_GRAYSCALE), (0, 512, 0, 512), (40, 40))))
images.append(('rocket_rgb', crop_resize(load('rocket.jpg'), (0, 427, 0, 640), (31, 47))))
# A hard synthetic pattern: sharp edges everywhere (worst case for fixed-point weights).
checker = ((np.indices((33, 29)).sum(axis=0) % 2) * 255).astype(np.uint8)
noise = rng.integers(0, 256, size=(33, 29), dtype=np.uint8)
images.append(('checker_noise_rgb', np.dstack([checker, noise, 255 - checker])))


def rot(t):
    c, s = np.cos(t), np.sin(t)
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1.0]])


def random_matrix(h, w, kind):
    """A pull matrix in scipy (row, col) convention, Keras-like: composed around the centre."""
    if kind == 'hflip':
        return np.array([[1, 0, 0], [0, -1, w - 1], [0, 0, 1.0]])
    if kind == 'vflip':
        return np.array([[-1, 0, h - 1], [0, 1, 0], [0, 0, 1.0]])
    if kind == 'hvflip_shift':
        return np.array([[-1, 0, h - 1 + 3], [0, -1, w - 1 - 5], [0, 0, 1.0]])
    if kind == 'identity':
        return np.eye(3)
    if kind == 'zoom_out':
        z = rng.uniform(1.8, 2.6)
        m = np.diag([z, z * rng.uniform(0.8, 1.2), 1.0])
    elif kind == 'translate':
        m = np.array([[1, 0, rng.uniform(-0.6, 0.6) * h], [0, 1, rng.uniform(-0.6, 0.6) * w], [0, 0, 1.0]])
        return m
    else:  # random: rotation, shear, zoom, translation, flips
        theta = np.deg2rad(rng.uniform(-180, 180))
        sh = np.deg2rad(rng.uniform(-30, 30))
        zx, zy = rng.uniform(0.6, 1.7, size=2)
        tx, ty = rng.uniform(-0.25, 0.25) * h, rng.uniform(-0.25, 0.25) * w
        shear = np.array([[1, -np.sin(sh), 0], [0, np.cos(sh), 0], [0, 0, 1.0]])
        m = rot(theta) @ np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1.0]]) @ shear @ np.diag([zx, zy, 1.0])
        if rng.random() < 0.5:
            m = m @ np.diag([1.0, -1.0, 1.0])
        if rng.random() < 0.5:
            m = m @ np.diag([-1.0, 1.0, 1.0])
    oy, ox = h / 2 - 0.5, w / 2 - 0.5
    fwd = np.array([[1, 0, oy], [0, 1, ox], [0, 0, 1.0]])
    back = np.array([[1, 0, -oy], [0, 1, -ox], [0, 0, 1.0]])
    return fwd @ m @ back


MODES = ['constant', 'nearest', 'reflect', 'wrap']
KINDS = ['random', 'random', 'zoom_out', 'translate', 'hflip', 'vflip', 'hvflip_shift']

inputs = bytearray()
outputs = bytearray()
index = {'scipy': scipy.__version__, 'generator': 'gen_warp.py', 'images': [], 'cases': []}
for name, im in images:
    if im.ndim == 2:
        im = im[:, :, None]
    im = np.ascontiguousarray(im, dtype=np.uint8)
    h, w, c = im.shape
    index['images'].append({'name': name, 'width': w, 'height': h, 'channels': c, 'offset': len(inputs)})
    inputs += im.tobytes()
    for kind in KINDS:
        for mode in MODES:
            for order in (0, 1):
                m = random_matrix(h, w, kind)
                cval = [float(v) for v in rng.integers(0, 256, size=c)]
                oh, ow = h, w
                if kind == 'random' and rng.random() < 0.3:
                    oh, ow = int(rng.integers(16, 60)), int(rng.integers(16, 60))
                out = np.empty((oh, ow, c), np.uint8)
                for ch in range(c):
                    out[:, :, ch] = ndi.affine_transform(im[:, :, ch], m[:2, :2], m[:2, 2], output_shape=(oh, ow),
                                                         output=np.uint8, order=order, mode=mode, cval=cval[ch])
                index['cases'].append({
                    'image': name, 'kind': kind, 'mode': mode, 'order': order, 'cval': cval,
                    'matrix': [[float(v) for v in row] for row in m],
                    'width': ow, 'height': oh, 'offset': len(outputs),
                })
                outputs += out.tobytes()

with open(os.path.join(HERE, 'inputs.bin'), 'wb') as f:
    f.write(inputs)
with open(os.path.join(HERE, 'outputs.bin'), 'wb') as f:
    f.write(outputs)
with open(os.path.join(HERE, 'index.json'), 'w') as f:
    json.dump(index, f, indent=0)
print(len(index['cases']), 'cases,', len(inputs), 'input bytes,', len(outputs), 'output bytes')
