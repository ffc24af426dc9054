#!/usr/bin/python3
"""Goldens for the image-features kernel, computed with numpy / scipy / skimage.

Run with the system Python (numpy, scipy, skimage, cv2):
    /usr/bin/python3 test/goldens/features/gen_features.py

Writes, next to this script:
  inputs.bin   concatenated interleaved u8 images
  index.json   {"edge_threshold", "versions", "cases": [{name, width, height, channels, offset,
                scalars: {feature: value}, histograms: {r, g, b} | {gray}, edge_count}]}

Definitions (the same as src/kernels/assembly/features.ts):
  Y           = 0.299 R + 0.587 G + 0.114 B as float64 (grey: the value); alpha ignored.
  brightness  = np.mean(Y); contrast = np.std(Y)
  H, S, V     = skimage.color.rgb2hsv(rgb) (grey: H = S = 0, V = v / 255);
                hue_mean / hue_std = np.mean / np.std of H (plain, not circular)
  colorfulness= Hasler-Suesstrunk: rg = R-G, yb = (R+G)/2 - B,
                sqrt(std(rg)^2 + std(yb)^2) + 0.3 sqrt(mean(rg)^2 + mean(yb)^2)
  sharpness   = np.var(scipy.ndimage.laplace(Y)[1:-1, 1:-1])   (interior pixels; 0 if w or h < 3)
  entropy     = Shannon entropy in bits of np.histogram(luma_u8, 256, (0, 256)),
                luma_u8 = round half up of the exact Y = (299R + 587G + 114B + 500) // 1000
  edge_density= mean over interior pixels of hypot(sobel_x, sobel_y) > T (scipy.ndimage.sobel).
                The comparison is made on Y1000 = 299R + 587G + 114B (exact integers in float64,
                so scipy's sobel is exact) against 1000 T: a pixel exactly at the threshold is
                decided the same way on every machine. A float-Y route is computed too and the
                script checks it differs only on pixels within 1e-6 of the threshold.
  histograms  = np.bincount per channel (R, G, B, or gray), alpha ignored.
"""
import json
import os

import cv2
import numpy as np
import scipy
import scipy.ndimage as ndi
import skimage
from skimage.color import rgb2hsv

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = '/work/shared/data/images'
T = 100.0
rng = np.random.default_rng(20240612)


def load(name, flags=cv2.IMREAD_COLOR):
    im = cv2.imread(os.path.join(DATA, name), flags)
    if im is None:
        raise SystemExit('missing ' + name)
    if im.ndim == 3:
        im = cv2.cvtColor(im, cv2.COLOR_BGR2RGB)
    return np.ascontiguousarray(im)


def features(img):
    """img: HxW (grey) or HxWxC (C = 3 or 4) uint8."""
    if img.ndim == 2:
        img = img[:, :, None]
    h, w, c = img.shape
    f = img.astype(np.float64)
    if c == 1:
        Y = f[:, :, 0]
        Y1000 = img[:, :, 0].astype(np.int64) * 1000
        H = np.zeros_like(Y)
        S = np.zeros_like(Y)
        V = Y / 255.0
        colorfulness = 0.0
    else:
        R, G, B = f[:, :, 0], f[:, :, 1], f[:, :, 2]
        Y = 0.299 * R + 0.587 * G + 0.114 * B
        i = img.astype(np.int64)
        Y1000 = 299 * i[:, :, 0] + 587 * i[:, :, 1] + 114 * i[:, :, 2]
        hsv = rgb2hsv(img[:, :, :3])
        H, S, V = hsv[..., 0], hsv[..., 1], hsv[..., 2]
        rg = R - G
        yb = 0.5 * (R + G) - B
        colorfulness = float(np.sqrt(np.std(rg) ** 2 + np.std(yb) ** 2)
                             + 0.3 * np.sqrt(np.mean(rg) ** 2 + np.mean(yb) ** 2))
    luma_u8 = (Y1000 + 500) // 1000
    lh = np.histogram(luma_u8, bins=256, range=(0, 256))[0]
    p = lh[lh > 0] / Y.size
    entropy = float(-(p * np.log2(p)).sum())
    edge_count = 0
    if w >= 3 and h >= 3:
        sharpness = float(np.var(ndi.laplace(Y)[1:-1, 1:-1]))
        Yi = Y1000.astype(np.float64)
        gx = ndi.sobel(Yi, axis=1)[1:-1, 1:-1]
        gy = ndi.sobel(Yi, axis=0)[1:-1, 1:-1]
        edges = gx * gx + gy * gy > (1000 * T) ** 2
        edge_count = int(edges.sum())
        edge_density = float(edges.mean())
        # Cross-check with float luma: any disagreement must sit at the threshold.
        mag = np.hypot(ndi.sobel(Y, axis=1), ndi.sobel(Y, axis=0))[1:-1, 1:-1]
        diff = (mag > T) != edges
        assert np.all(np.abs(mag[diff] - T) < 1e-6), 'float and integer Sobel disagree away from the threshold'
    else:
        sharpness = 0.0
        edge_density = 0.0
    scalars = {
        'brightness': float(np.mean(Y)), 'contrast': float(np.std(Y)),
        'hue_mean': float(np.mean(H)), 'hue_std': float(np.std(H)),
        'saturation_mean': float(np.mean(S)), 'saturation_std': float(np.std(S)),
        'value_mean': float(np.mean(V)), 'value_std': float(np.std(V)),
        'colorfulness': colorfulness, 'sharpness': sharpness, 'entropy': entropy,
        'edge_density': edge_density,
        'width': float(w), 'height': float(h), 'aspect_ratio': w / h,
    }
    names = ['gray'] if c == 1 else ['r', 'g', 'b']
    hists = {n: np.bincount(img[:, :, k].ravel(), minlength=256).astype(int).tolist() for k, n in enumerate(names)}
    return scalars, hists, edge_count


def resize(im, w, h):
    return np.ascontiguousarray(cv2.resize(im, (w, h), interpolation=cv2.INTER_AREA))


def with_alpha(rgb):
    a = rng.integers(0, 256, size=rgb.shape[:2], dtype=np.uint8)
    return np.ascontiguousarray(np.dstack([rgb, a]))


def main():
    cases = []
    astronaut = load('astronaut.png')
    chelsea = load('chelsea.png')
    coffee = load('coffee.png')
    rocket = load('rocket.jpg')
    camera = load('camera.png', cv2.IMREAD_GRAYSCALE)
    brick = load('brick.png', cv2.IMREAD_GRAYSCALE)
    # Real photos: downscales (whole picture) and native-resolution crops (real sharpness).
    cases += [
        ('astronaut 128x128 rgb', resize(astronaut, 128, 128)),
        ('astronaut crop 97x61 rgba', with_alpha(astronaut[40:101, 180:277])),
        ('chelsea 112x75 rgb', resize(chelsea, 112, 75)),
        ('chelsea crop 80x80 rgba', with_alpha(chelsea[100:180, 150:230])),
        ('coffee 120x80 rgba', with_alpha(resize(coffee, 120, 80))),
        ('coffee crop 64x96 rgb', coffee[150:246, 250:314]),
        ('rocket 128x85 rgb', resize(rocket, 128, 85)),
        ('rocket crop 100x70 rgb', rocket[200:270, 300:400]),
        ('camera 128x128 gray', resize(camera, 128, 128)),
        ('camera crop 90x70 gray', camera[100:170, 200:290]),
        ('brick crop 96x64 gray', brick[200:264, 100:196]),
        ('brick as rgb 64x64', np.ascontiguousarray(np.repeat(brick[0:64, 0:64, None], 3, axis=2))),
    ]
    # Synthetic edge cases.
    const = np.full((17, 23, 3), (200, 40, 90), np.uint8)
    step = np.zeros((9, 12), np.uint8)
    step[:, 6:] = 25  # grey step of 25: Sobel magnitude exactly 100 = the threshold (not an edge)
    step26 = step.copy()
    step26[:, 6:] = 26
    hue = np.zeros((8, 64, 3), np.uint8)  # hue sweep through red: H near 0 and near 1
    for x in range(64):
        hue[:, x] = (255, 0, (x * 4) % 256) if x < 32 else (255, (x - 32) * 8, 0)
    ties = np.array([[[255, 255, 0], [0, 255, 255], [255, 0, 255], [10, 10, 10]],
                     [[255, 0, 0], [0, 255, 0], [0, 0, 255], [0, 0, 0]],
                     [[255, 255, 255], [128, 64, 64], [64, 128, 64], [64, 64, 128]]], np.uint8)
    noise = rng.integers(0, 256, size=(31, 29, 4), dtype=np.uint8)
    cases += [
        ('constant 23x17 rgb', const),
        ('constant 23x17 rgba alpha varies', with_alpha(const)),
        ('constant gray 5x5', np.full((5, 5), 77, np.uint8)),
        ('1x1 rgb', np.array([[[12, 200, 99]]], np.uint8)),
        ('1x1 rgba', np.array([[[250, 3, 3, 0]]], np.uint8)),
        ('1x1 gray', np.array([[42]], np.uint8)),
        ('2x2 rgb', np.array([[[0, 0, 0], [255, 255, 255]], [[255, 0, 0], [0, 0, 255]]], np.uint8)),
        ('2x2 gray', np.array([[0, 255], [128, 3]], np.uint8)),
        ('3x3 rgba', rng.integers(0, 256, size=(3, 3, 4), dtype=np.uint8)),
        ('1x40 rgb row', rng.integers(0, 256, size=(1, 40, 3), dtype=np.uint8)),
        ('40x1 gray column', rng.integers(0, 256, size=(40, 1), dtype=np.uint8)),
        ('step 25 at threshold gray', step),
        ('step 26 over threshold gray', step26),
        ('step 25 as rgb', np.ascontiguousarray(np.repeat(step[:, :, None], 3, axis=2))),
        ('hue sweep through red 64x8 rgb', hue),
        ('hsv sector ties 4x3 rgb', ties),
        ('noise 29x31 rgba', noise),
        ('black and white checker 16x16 rgba', np.ascontiguousarray(np.dstack([np.kron((np.indices((4, 4)).sum(0) % 2) * 255, np.ones((4, 4))).astype(np.uint8)] * 3 + [np.full((16, 16), 255, np.uint8)]))),
    ]
    blob = bytearray()
    out = []
    for name, img in cases:
        img = np.ascontiguousarray(img)
        h, w = img.shape[:2]
        c = 1 if img.ndim == 2 else img.shape[2]
        scalars, hists, edge_count = features(img)
        out.append({'name': name, 'width': w, 'height': h, 'channels': c, 'offset': len(blob),
                    'scalars': scalars, 'histograms': hists, 'edge_count': edge_count})
        blob += img.tobytes()
    with open(os.path.join(HERE, 'inputs.bin'), 'wb') as fh:
        fh.write(bytes(blob))
    index = {
        'generator': 'test/goldens/features/gen_features.py',
        'edge_threshold': T,
        'versions': {'numpy': np.__version__, 'scipy': scipy.__version__, 'skimage': skimage.__version__,
                     'cv2': cv2.__version__},
        'cases': out,
    }
    with open(os.path.join(HERE, 'index.json'), 'w') as fh:
        json.dump(index, fh, separators=(',', ':'))
    print(f'{len(out)} cases, inputs {len(blob)} bytes')


if __name__ == '__main__':
    main()
