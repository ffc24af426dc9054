#!/usr/bin/python3
"""Goldens for the blur / occlusion / quality ops (test/ops/fx.test.ts).
Run: /usr/bin/python3 test/goldens/ops/fx/gen.py

- gaussianBlur: torchvision 0.14 F.gaussian_blur on uint8 tensors (several kernel sizes and sigmas,
  anisotropic, default sigma).
- erase: torchvision 0.14 F.erase (exact; alpha kept when v has 3 values, set when it has 4).
- boxBlur: OpenCV cv2.blur(img, (k, k)) (BORDER_REFLECT_101), k = 3, 5, 7, 9.
- motionBlur: cv2.filter2D with albumentations' line kernel (create_motion_kernel, re-stated below from
  albumentations' source: linspace of 2k points, direction stretch, shift, round, clip), normalised.
- downscale: cv2.resize down (fx=fy=scale) then back to (w, h), INTER_NEAREST and INTER_LINEAR.
- jpeg: PIL JPEG at qualities 30, 60, 90: the case stores PIL's decoded image; the test compares PSNR
  (ours vs the input) with PIL's PSNR (PIL vs the input), not bytes.
"""
import os
import sys

import cv2
import numpy as np
import torch
import torchvision.transforms.functional as F
from io import BytesIO
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
from golden_io import Writer, to_tensor, from_tensor  # noqa: E402


def motion_kernel(k, angle, direction, shift_x, shift_y):
    kernel = np.zeros((k, k), dtype=np.float32)
    center = k // 2
    rad = np.deg2rad(angle)
    dx, dy = np.cos(rad), np.sin(rad)
    L = k // 2
    t = np.linspace(-L, L, k * 2)
    if direction != 0:
        t = t * (1 + abs(direction))
        if direction < 0:
            t = t * -1
    x = center + dx * t + shift_x
    y = center + dy * t + shift_y
    x = np.clip(np.round(x), 0, k - 1).astype(int)
    y = np.clip(np.round(y), 0, k - 1).astype(int)
    pts = np.unique(np.column_stack([y, x]), axis=0)
    kernel[pts[:, 0], pts[:, 1]] = 1
    if not kernel.any():
        kernel[center, center] = 1
    return kernel / np.sum(kernel)


def cv_channels(a, fn):
    """Runs an OpenCV function on an HWC array (1 channel squeezed) and returns HWC."""
    out = fn(a[:, :, 0] if a.shape[2] == 1 else a)
    return out[:, :, None] if out.ndim == 2 else out


w = Writer()
for i, (name, a) in enumerate(w.inputs):
    t = to_tensor(a)
    for ks, sigma in [(3, 0.5), (5, 1.0), (13, 2.0), (9, 0.1), (7, None), ([5, 9], [1.5, 3.0]), (31, 6.0)]:
        k = list(ks) if isinstance(ks, list) else ks
        out = F.gaussian_blur(t, k, sigma)
        w.add(f'gaussianBlur/{ks}/{sigma}/{name}', 'gaussianBlur', [k, sigma], i, from_tensor(out))
    c = a.shape[2]
    v3 = torch.tensor([10, 200, 77][:min(c, 3)], dtype=torch.uint8)[:, None, None]
    for (ii, jj, hh, ww) in [(3, 5, 10, 20), (0, 0, 5, 5), (a.shape[0] - 7, a.shape[1] - 9, 7, 9)]:
        if c == 4:
            rgb = F.erase(t[:3], ii, jj, hh, ww, v3)
            exp = torch.cat([rgb, t[3:]], 0)
            w.add(f'erase/{ii},{jj},{hh},{ww}/{name}', 'erase', [ii, jj, hh, ww, [10, 200, 77]], i, from_tensor(exp), exact=True)
            v4 = torch.tensor([1, 2, 3, 4], dtype=torch.uint8)[:, None, None]
            w.add(f'erase4/{ii},{jj},{hh},{ww}/{name}', 'erase', [ii, jj, hh, ww, [1, 2, 3, 4]], i, from_tensor(F.erase(t, ii, jj, hh, ww, v4)), exact=True)
        else:
            w.add(f'erase/{ii},{jj},{hh},{ww}/{name}', 'erase', [ii, jj, hh, ww, [10, 200, 77][:c]], i, from_tensor(F.erase(t, ii, jj, hh, ww, v3)), exact=True)
    w.add(f'erase/scalar/{name}', 'erase', [2, 2, 6, 6, 128], i,
          from_tensor(torch.cat([F.erase(t[:3], 2, 2, 6, 6, torch.tensor(128, dtype=torch.uint8)), t[3:]], 0) if c == 4 else F.erase(t, 2, 2, 6, 6, torch.tensor(128, dtype=torch.uint8))), exact=True)
    for k in (3, 5, 7, 9):
        w.add(f'boxBlur/{k}/{name}', 'boxBlur', [k], i, cv_channels(a, lambda x: cv2.blur(x, (k, k))))
    for (k, ang, d, sx, sy) in [(3, 0, 0, 0, 0), (7, 45, 0.5, 0.4, -0.7), (9, 130, -0.8, -1.2, 1.5), (15, 275, 0.0, 0, 0), (5, 90, 1.0, 0.3, 0.2)]:
        ker = motion_kernel(k, ang, d, sx, sy).astype(np.float32)
        w.add(f'motionBlur/{k}/{ang}/{d}/{name}', 'motionBlur', [k, ang, d, sx, sy], i,
              cv_channels(a, lambda x: cv2.filter2D(x, -1, ker, borderType=cv2.BORDER_REFLECT_101)))
    hgt, wid = a.shape[:2]
    for s in (0.25, 0.5, 0.3, 0.77):
        for interp, code in (('nearest', cv2.INTER_NEAREST), ('linear', cv2.INTER_LINEAR)):
            def ds(x):
                small = cv2.resize(x, None, fx=s, fy=s, interpolation=code)
                return cv2.resize(small, (wid, hgt), interpolation=code)
            w.add(f'downscale/{s}/{interp}/{name}', 'downscale', [s, interp], i, cv_channels(a, ds), exact=(interp == 'nearest'))
    if c != 4:
        for q in (30, 60, 90):
            im = Image.fromarray(a[:, :, 0] if c == 1 else a)
            buf = BytesIO()
            im.save(buf, format='JPEG', quality=q)
            dec = np.asarray(Image.open(BytesIO(buf.getvalue())).convert('L' if c == 1 else 'RGB'))
            w.add(f'jpeg/{q}/{name}', 'jpeg', [q], i, dec[:, :, None] if c == 1 else dec)
w.save(os.path.dirname(os.path.abspath(__file__)))
