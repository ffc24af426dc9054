#!/usr/bin/python3
"""Goldens for the geometry ops: torchvision 0.14 functional ops on uint8 tensors — F.affine, F.rotate,
F.perspective (points from RandomPerspective.get_params), F.elastic_transform (displacement from
ElasticTransform.get_params, stored in displacements.bin as float32 [H, W, 2]), F.resize (nearest, bilinear,
bicubic; antialias False and True; max_size), F.resized_crop, F.crop (boxes partly outside: zero padding),
F.center_crop (smaller and larger than the image), F.pad (constant, edge, reflect, symmetric; negative).
Includes the RandAugment/TrivialAugment paths of torchvision's `_apply_op`: ShearX/ShearY as
F.affine(angle=0, translate=[0,0], scale=1, shear=[degrees(m), 0], center=[0, 0]) and TranslateX/Y.
Run: /usr/bin/python3 test/goldens/ops/geom/gen.py"""
import math
import os
import sys

import numpy as np
import torch
import torchvision.transforms as T
import torchvision.transforms.functional as F
from torchvision.transforms import InterpolationMode as IM

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
from golden_io import Writer, to_tensor, from_tensor  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MODES = {'nearest': IM.NEAREST, 'bilinear': IM.BILINEAR, 'bicubic': IM.BICUBIC}
torch.manual_seed(1234)

w = Writer()
disp_blobs = []
disp_off = 0


def colour(c):
    """A fill colour with one value per channel (grey 1, RGB 3, RGBA 4 with alpha 255)."""
    return [200.0, 100.0, 50.0, 255.0][:c] if c != 1 else [170.0]


for i, (name, a) in enumerate(w.inputs):
    t = to_tensor(a)
    C, H, W = t.shape
    col = colour(C)

    # ---- affine: F.affine(img, angle, translate, scale, shear, interpolation, fill, center)
    aff = [
        (30.0, [5, -3], 1.0, [0.0, 0.0], 'nearest', None, None),
        (-20.0, [2, 4], 0.8, [10.0, 5.0], 'bilinear', None, None),
        (-20.0, [2, 4], 0.8, [10.0, 5.0], 'bilinear', col, None),
        (45.0, [-6, 1], 1.3, [-15.0, 0.0], 'nearest', col, None),
        (12.5, [0, 0], 0.5, [0.0, 20.0], 'bilinear', [0.0] * C, [10, 7]),
        (0.0, [0, 0], 2.0, [0.0, 0.0], 'nearest', None, None),
        (170.0, [3, 3], 1.1, [5.0, -5.0], 'bilinear', None, [W - 1, 0]),
    ]
    for k, (ang, tr, sc, sh, mode, fill, center) in enumerate(aff):
        out = F.affine(t, ang, tr, sc, sh, MODES[mode], fill, center)
        w.add(f'affine/{k}/{name}', 'affine', [ang, tr, sc, sh, mode, fill, center], i, from_tensor(out))
    # torchvision autoaugment `_apply_op`: ShearX/ShearY/TranslateX/TranslateY
    for k, (mag, mode, fill) in enumerate([(0.3, 'nearest', None), (-0.2, 'bilinear', None), (0.25, 'nearest', [128.0] * C), (-0.3, 'bilinear', col)]):
        sx = [math.degrees(mag), 0.0]
        out = F.affine(t, 0.0, [0, 0], 1.0, sx, MODES[mode], fill, [0, 0])
        w.add(f'shearX/{k}/{name}', 'affine', [0.0, [0, 0], 1.0, sx, mode, fill, [0, 0]], i, from_tensor(out))
        sy = [0.0, math.degrees(mag)]
        out = F.affine(t, 0.0, [0, 0], 1.0, sy, MODES[mode], fill, [0, 0])
        w.add(f'shearY/{k}/{name}', 'affine', [0.0, [0, 0], 1.0, sy, mode, fill, [0, 0]], i, from_tensor(out))
        tx = [int(mag * W * 0.45), 0]
        out = F.affine(t, 0.0, tx, 1.0, [0.0, 0.0], MODES[mode], fill)
        w.add(f'translateX/{k}/{name}', 'affine', [0.0, tx, 1.0, [0.0, 0.0], mode, fill, None], i, from_tensor(out))
        ty = [0, int(mag * H * 0.45)]
        out = F.affine(t, 0.0, ty, 1.0, [0.0, 0.0], MODES[mode], fill)
        w.add(f'translateY/{k}/{name}', 'affine', [0.0, ty, 1.0, [0.0, 0.0], mode, fill, None], i, from_tensor(out))

    # ---- rotate: F.rotate(img, angle, interpolation, expand, center, fill)
    rot = [
        (45.0, 'nearest', False, None, None),
        (30.0, 'bilinear', True, None, col),
        (-90.0, 'nearest', False, None, None),
        (17.0, 'bilinear', False, [5, 10], None),
        (200.0, 'nearest', True, None, [0.0] * C),
        (-33.3, 'bilinear', True, None, None),
    ]
    for k, (ang, mode, expand, center, fill) in enumerate(rot):
        out = F.rotate(t, ang, MODES[mode], expand, center, fill)
        w.add(f'rotate/{k}/{name}', 'rotate', [ang, mode, expand, center, fill], i, from_tensor(out))

    # ---- perspective: F.perspective(img, startpoints, endpoints, interpolation, fill)
    for k, (ds, mode, fill) in enumerate([(0.5, 'bilinear', None), (0.5, 'nearest', None), (0.8, 'bilinear', col), (0.3, 'nearest', [0.0] * C)]):
        sp, ep = T.RandomPerspective.get_params(W, H, ds)
        out = F.perspective(t, sp, ep, MODES[mode], fill)
        w.add(f'perspective/{k}/{name}', 'perspective', [sp, ep, mode, fill], i, from_tensor(out))

    # ---- elastic: F.elastic_transform(img, displacement, interpolation, fill); displacement in displacements.bin
    for k, (alpha, sigma, mode, fill) in enumerate([(50.0, 5.0, 'bilinear', None), (80.0, 4.0, 'nearest', None), (50.0, 5.0, 'bilinear', col), (30.0, 3.0, 'nearest', [0.0] * C)]):
        d = T.ElasticTransform.get_params([alpha, alpha], [sigma, sigma], [H, W])
        out = F.elastic_transform(t, d, MODES[mode], fill)
        blob = d.numpy().astype(np.float32).tobytes()
        w.add(f'elastic/{k}/{name}', 'elasticTransform', [mode, fill], i, from_tensor(out))
        w.cases[-1]['displacement'] = disp_off
        disp_blobs.append(blob)
        disp_off += len(blob)

    # ---- resize: F.resize(img, size, interpolation, max_size, antialias)
    rs = [
        ([24, 30], 'bilinear', None, False), ([24, 30], 'bilinear', None, True),
        ([60, 52], 'bilinear', None, False), ([60, 52], 'bilinear', None, True),
        ([19, 23], 'nearest', None, False), ([60, 66], 'nearest', None, False),
        ([24, 30], 'bicubic', None, False), ([24, 30], 'bicubic', None, True),
        ([56, 64], 'bicubic', None, False), ([56, 64], 'bicubic', None, True),
        ([32], 'bilinear', None, False), ([20], 'bilinear', 30, True), ([H // 2, W * 2], 'bilinear', None, True),
        ([H, W], 'bilinear', None, True), ([7, 5], 'bilinear', None, True),
    ]
    for k, (size, mode, max_size, aa) in enumerate(rs):
        out = F.resize(t, size, MODES[mode], max_size, aa)
        w.add(f'resize/{k}/{name}', 'resize', [size, mode, max_size, aa], i, from_tensor(out))

    # ---- resized_crop: F.resized_crop(img, top, left, height, width, size, interpolation, antialias)
    rc = [
        (3, 5, H - 10, W - 12, [32, 32], 'bilinear', False), (3, 5, H - 10, W - 12, [32, 32], 'bilinear', True),
        (0, 0, H // 2, W // 3, [40, 50], 'bicubic', False), (10, 2, 20, 25, [20, 25], 'nearest', False),
        (-4, -3, H, W, [30, 28], 'bilinear', True),
    ]
    for k, (top, left, h, ww, size, mode, aa) in enumerate(rc):
        out = F.resized_crop(t, top, left, h, ww, size, MODES[mode], aa)
        w.add(f'resizedCrop/{k}/{name}', 'resizedCrop', [top, left, h, ww, size, mode, aa], i, from_tensor(out), exact=mode == 'nearest')

    # ---- crop / center_crop / pad (integer-exact)
    for k, (top, left, h, ww) in enumerate([(2, 3, 20, 17), (-5, -4, 20, 30), (H - 10, W - 8, 25, 30), (0, 0, H, W)]):
        w.add(f'crop/{k}/{name}', 'crop', [top, left, h, ww], i, from_tensor(F.crop(t, top, left, h, ww)), exact=True)
    for k, size in enumerate([[20, 17], [H + 7, W + 4], [31], [H + 1, W - 3]]):
        w.add(f'centerCrop/{k}/{name}', 'centerCrop', [size], i, from_tensor(F.center_crop(t, size)), exact=True)
    pads = [(3, 0, 'constant'), ([2, 5], 77, 'constant'), ([1, 2, 3, 4], 0, 'edge'), ([4, 3, 2, 1], 0, 'reflect'),
            ([5, 1, 0, 6], 0, 'symmetric'), ([-2, 3, 4, -1], 9, 'constant'), (7, 0, 'reflect')]
    for k, (padding, fill, mode) in enumerate(pads):
        w.add(f'pad/{k}/{name}', 'pad', [padding, fill, mode], i, from_tensor(F.pad(t, padding, fill, mode)), exact=True)

    # ---- RandomCrop's forward with fixed draws: F.pad(padding) → pad_if_needed (width, then height; both sides
    # by the shortfall) → F.crop(i, j, th, tw). Replayed through the `crop` op's params (fn 'cropParams').
    for k, (size, padding, mode, fill, ij) in enumerate([((H + 10, W - 5), 2, 'reflect', 0, (3, 1)), ((30, W + 9), [3, 1, 0, 2], 'constant', 90, (1, 5)),
                                                        ((H + 3, W + 3), None, 'symmetric', 0, (2, 2)), ((H + 8, W), [1, 2], 'edge', 0, (5, 0))]):
        th, tw = size
        x = t if padding is None else F.pad(t, padding, fill, mode)
        ph, pw = x.shape[-2:]
        px = tw - pw if pw < tw else 0
        if px:
            x = F.pad(x, [px, 0], fill, mode)
        py = th - ph if ph < th else 0
        if py:
            x = F.pad(x, [0, py], fill, mode)
        ltrb = [0, 0, 0, 0] if padding is None else ([padding] * 4 if isinstance(padding, int) else (padding * 2 if len(padding) == 2 else padding))
        params = {'top': ij[0], 'left': ij[1], 'height': th, 'width': tw, 'padding': ltrb, 'padIfNeeded': [px, py], 'fill': [fill], 'paddingMode': mode}
        w.add(f'randomCrop/{k}/{name}', 'cropParams', [params], i, from_tensor(F.crop(x, ij[0], ij[1], th, tw)), exact=True)

w.save(HERE)
with open(os.path.join(HERE, 'displacements.bin'), 'wb') as f:
    f.write(b''.join(disp_blobs))
print(f'displacements: {disp_off} bytes')

# ---- the distribution of ElasticTransform's displacement fields (our op regenerates fields from a seed with
# its own noise, so it is compared in distribution): per axis, the std and the lag-4 autocorrelation along x
# and y, averaged over 40 draws, for a few (alpha, sigma, size).
import json  # noqa: E402
stats = []
for alpha, sigma, (h, ww) in [(50.0, 5.0, (45, 67)), (80.0, 3.0, (64, 48)), (30.0, 8.0, (100, 120))]:
    acc = np.zeros((2, 3))
    for _ in range(40):
        dd = T.ElasticTransform.get_params([alpha, alpha], [sigma, sigma], [h, ww])[0].numpy().astype(np.float64)
        for ax in range(2):
            f = dd[..., ax]
            f = f - f.mean()
            sd = f.std()
            cx = (f[:, 4:] * f[:, :-4]).mean() / (sd * sd)
            cy = (f[4:, :] * f[:-4, :]).mean() / (sd * sd)
            acc[ax] += [sd, cx, cy]
    acc /= 40
    stats.append({'alpha': alpha, 'sigma': sigma, 'height': h, 'width': ww,
                  'std': [acc[0, 0], acc[1, 0]], 'corrX4': [acc[0, 1], acc[1, 1]], 'corrY4': [acc[0, 2], acc[1, 2]]})
with open(os.path.join(HERE, 'elastic_stats.json'), 'w') as fh:
    json.dump({'torchvision': T.__name__ and __import__('torchvision').__version__, 'draws': 40, 'fields': stats}, fh, indent=1)
print('elastic_stats.json written')
