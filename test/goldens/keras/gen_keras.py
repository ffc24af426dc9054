#!/usr/bin/python3
"""Goldens for kerasCompat parity: Keras's own ImageDataGenerator.apply_transform on real photos.

Run:  /usr/bin/python3 test/goldens/keras/gen_keras.py   (needs Debian python3-keras-preprocessing,
python3-scipy, python3-skimage; nothing else)

Oracle: Debian ships keras-preprocessing 1.1.0, the Keras ImageDataGenerator code. It predates two
later fixes that current Keras (tf-keras 2.x, keras.src.legacy.preprocessing.image in Keras 3) has:
(1) transform_matrix_offset_center uses o = size/2 - 0.5 (1.1.0: + 0.5), and (2) apply_affine_transform
swaps rows/columns 0 and 1 of the matrix when col_axis > row_axis before calling scipy (1.1.0 passes the
matrix unswapped). We replace apply_affine_transform with current Keras's definition (written out below
from its documented algorithm: M = R(theta).T(tx,ty).Sh(shear).Z(zx,zy), centred with offsets (h/2-0.5,
w/2-0.5), axes swapped, scipy.ndimage.affine_transform per channel). Everything else —
ImageDataGenerator.apply_transform's order of operations, channel shift with its min/max clip, flips — is
Keras's code as shipped.

Writes: inputs/<name>.bin (u8 HWC), cases.json (params, fill mode, order, cval, file names) and
out/<case>.bin (Keras's float output rounded half-up and clipped to u8).
"""
import json
import os

import numpy as np
import keras_preprocessing.image.affine_transformations as at
from keras_preprocessing.image import ImageDataGenerator
from skimage import io as skio

HERE = os.path.dirname(os.path.abspath(__file__))
IMAGES = os.path.join(HERE, '..', '..', '..', '..', 'shared', 'data', 'images')
if not os.path.isdir(IMAGES):
    IMAGES = '/work/shared/data/images'


def offset_center_current_keras(matrix, x, y):
    o_x = float(x) / 2 - 0.5
    o_y = float(y) / 2 - 0.5
    offset_matrix = np.array([[1, 0, o_x], [0, 1, o_y], [0, 0, 1]])
    reset_matrix = np.array([[1, 0, -o_x], [0, 1, -o_y], [0, 0, 1]])
    return np.dot(np.dot(offset_matrix, matrix), reset_matrix)


def apply_affine_transform_current_keras(x, theta=0, tx=0, ty=0, shear=0, zx=1, zy=1, row_axis=0, col_axis=1,
                                        channel_axis=2, fill_mode='nearest', cval=0., order=1):
    import scipy.ndimage
    m = np.eye(3)
    if theta != 0:
        t = np.deg2rad(theta)
        m = m @ np.array([[np.cos(t), -np.sin(t), 0], [np.sin(t), np.cos(t), 0], [0, 0, 1]])
    if tx != 0 or ty != 0:
        m = m @ np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1]])
    if shear != 0:
        s = np.deg2rad(shear)
        m = m @ np.array([[1, -np.sin(s), 0], [0, np.cos(s), 0], [0, 0, 1]])
    if zx != 1 or zy != 1:
        m = m @ np.array([[zx, 0, 0], [0, zy, 0], [0, 0, 1]])
    if np.allclose(m, np.eye(3)) and theta == 0 and tx == 0 and ty == 0 and shear == 0 and zx == 1 and zy == 1:
        return x
    h, w = x.shape[row_axis], x.shape[col_axis]
    m = offset_center_current_keras(m, h, w)
    x = np.rollaxis(x, channel_axis, 0)
    if col_axis > row_axis:
        m[:, [0, 1]] = m[:, [1, 0]]
        m[[0, 1]] = m[[1, 0]]
    chans = [scipy.ndimage.affine_transform(ch, m[:2, :2], m[:2, 2], order=order, mode=fill_mode, cval=cval) for ch in x]
    x = np.stack(chans, axis=0)
    return np.rollaxis(x, 0, channel_axis + 1)


at.transform_matrix_offset_center = offset_center_current_keras
import keras_preprocessing.image.image_data_generator as idg  # noqa: E402
idg.apply_affine_transform = apply_affine_transform_current_keras

# (file, top, left, height, width, step): real photo crops, several non-square, one grey.
CROPS = [
    ('astronaut.png', 40, 170, 96, 96, 2),   # square 48x48 (face: sharp edges)
    ('chelsea.png', 60, 100, 120, 180, 3),   # 40 rows x 60 cols (non-square, wide)
    ('coffee.png', 80, 200, 150, 96, 3),     # 50 x 32 (non-square, tall)
    ('rocket.jpg', 100, 250, 132, 99, 3),    # 44 x 33
    ('camera.png', 60, 180, 112, 144, 4),    # 28 x 36 grey
]

rng = np.random.default_rng(20261130)


def crop(name, top, left, h, w, step):
    img = skio.imread(os.path.join(IMAGES, name))
    if img.ndim == 2:
        img = img[:, :, None]
    img = img[:, :, :3]
    return np.ascontiguousarray(img[top:top + h:step, left:left + w:step, :]).astype(np.uint8)


def main():
    os.makedirs(os.path.join(HERE, 'inputs'), exist_ok=True)
    os.makedirs(os.path.join(HERE, 'out'), exist_ok=True)
    cases = []
    inputs = {}
    for (name, top, left, h, w, step) in CROPS:
        img = crop(name, top, left, h, w, step)
        key = name.split('.')[0]
        img.tofile(os.path.join(HERE, 'inputs', key + '.bin'))
        inputs[key] = {'height': int(img.shape[0]), 'width': int(img.shape[1]), 'channels': int(img.shape[2])}
    n = 0
    for key, meta in inputs.items():
        img = np.fromfile(os.path.join(HERE, 'inputs', key + '.bin'), dtype=np.uint8).reshape(meta['height'], meta['width'], meta['channels'])
        for fill in ['constant', 'nearest', 'reflect', 'wrap']:
            for order in [0, 1]:
                for rep in range(2):
                    h, w = meta['height'], meta['width']
                    params = {
                        'theta': float(rng.uniform(-50, 50)),
                        'tx': float(rng.uniform(-0.25, 0.25) * h),
                        'ty': float(rng.uniform(-0.25, 0.25) * w),
                        'shear': float(rng.uniform(-20, 20)),
                        'zx': float(rng.uniform(0.75, 1.25)),
                        'zy': float(rng.uniform(0.75, 1.25)),
                        'flip_horizontal': bool(rng.random() < 0.5),
                        'flip_vertical': bool(rng.random() < 0.5),
                    }
                    # Some cases are pure flips / no shift (exactness checks), some add a channel shift.
                    if rep == 1 and fill == 'nearest':
                        params.update({'theta': 0.0, 'tx': 0.0, 'ty': 0.0, 'shear': 0.0, 'zx': 1.0, 'zy': 1.0,
                                       'flip_horizontal': True, 'flip_vertical': bool(order)})
                    if rep == 1 and fill == 'reflect':
                        params['channel_shift_intensity'] = float(rng.uniform(-40, 40))
                    cval = float(rng.integers(0, 256)) if fill == 'constant' else 0.0
                    gen = ImageDataGenerator(fill_mode=fill, cval=cval, interpolation_order=order)
                    x = img.astype(np.float32)
                    y = gen.apply_transform(x, dict(params))
                    out = np.clip(np.floor(y.astype(np.float64) + 0.5), 0, 255).astype(np.uint8)
                    cid = 'case%03d' % n
                    out.tofile(os.path.join(HERE, 'out', cid + '.bin'))
                    cases.append({'id': cid, 'input': key, 'fillMode': fill, 'order': order, 'cval': cval, 'params': params})
                    n += 1
    with open(os.path.join(HERE, 'cases.json'), 'w') as f:
        json.dump({'generator': 'gen_keras.py', 'keras_preprocessing': '1.1.0 (Debian) with current-Keras centre offset',
                   'inputs': inputs, 'cases': cases}, f, indent=1)
    print('wrote', n, 'cases')


if __name__ == '__main__':
    main()
