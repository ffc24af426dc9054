"""
Goldens for MixUp / CutMix (test/mix/mix.test.ts). Run: /usr/bin/python3 test/goldens/mix/gen.py

torchvision 0.14 here has no transforms.v2, so the two operations of torchvision v2's
transforms/v2/_augment.py (read from the pytorch/vision source) are written out below with torch, line by
line as there:
  MixUp._transform:   output = inpt.roll(1, 0).mul_(1.0 - lam).add_(inpt.mul(lam))
  CutMix._get_params: r = 0.5 * sqrt(1 - lam); r_w_half = int(r * W); r_h_half = int(r * H);
                      x1 = clamp(r_x - r_w_half, min=0) … x2 = clamp(r_x + r_w_half, max=W) …;
                      lam_adjusted = 1 - (x2 - x1) * (y2 - y1) / (W * H)
  CutMix._transform:  output = inpt.clone(); output[..., y1:y2, x1:x2] = inpt.roll(1, 0)[..., y1:y2, x1:x2]
  _mixup_label:       label.roll(1, 0).mul_(1.0 - lam).add_(label.mul(lam))
MixUp on uint8 tensors raises in torch (in-place float mul of a Byte tensor), so images are float32
0..255 here and the result is rounded with torch.round (half to even) back to uint8 — the SDK's
documented choice. Also: scipy.special.betainc values for the KS test's Beta CDF.
"""
import base64, json, math, os
import numpy as np
import torch
from scipy.special import betainc

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(11)

def b64(a):
    return base64.b64encode(np.ascontiguousarray(a, dtype=np.uint8).tobytes()).decode()

mixup = []
shapes = [(7, 5, 3), (6, 4, 1), (5, 3, 4)]
lams = [0.5, 0.25, 0.1, 0.3333333333333333, 0.7071067811865476, 0.9, 0.999, 1e-05, 0.6180339887498949]
for k, lam in enumerate(lams):
    h, w, c = shapes[k % len(shapes)]
    a = rng.integers(0, 256, size=(h, w, c), dtype=np.uint8)
    b = rng.integers(0, 256, size=(h, w, c), dtype=np.uint8)
    if lam == 0.5:  # ties: a + b odd → x.5
        a[..., :] = np.arange(h * w * c).reshape(h, w, c) % 256
        b[..., :] = (a.astype(int) + 1) % 256
    batch = torch.from_numpy(np.stack([a, b]).transpose(0, 3, 1, 2).copy()).float()  # NCHW, 0..255
    out = batch.roll(1, 0).mul_(1.0 - lam).add_(batch.mul(lam))
    out = out.round().clamp(0, 255).to(torch.uint8).numpy().transpose(0, 2, 3, 1)
    # out[0] = lam·a + (1 − lam)·b: item a with partner b (the previous item, rolled).
    mixup.append({'width': w, 'height': h, 'channels': c, 'lambda': lam, 'a': b64(a), 'b': b64(b), 'out': b64(out[0]), 'outB': b64(out[1])})

cutbox = []
for lam, rx, ry, W, H in [(0.5, 10, 7, 20, 15), (0.01, 0, 0, 20, 15), (0.99, 19, 14, 20, 15), (0.3, 3, 12, 224, 224), (0.0, 5, 5, 9, 9), (1.0, 4, 4, 9, 9), (0.6, 100, 1, 101, 37)]:
    r = 0.5 * math.sqrt(1.0 - lam)
    r_w_half = int(r * W)
    r_h_half = int(r * H)
    x1 = int(torch.clamp(torch.tensor([rx]) - r_w_half, min=0))
    y1 = int(torch.clamp(torch.tensor([ry]) - r_h_half, min=0))
    x2 = int(torch.clamp(torch.tensor([rx]) + r_w_half, max=W))
    y2 = int(torch.clamp(torch.tensor([ry]) + r_h_half, max=H))
    lam_adjusted = float(1.0 - (x2 - x1) * (y2 - y1) / (W * H))
    cutbox.append({'lambda': lam, 'rx': rx, 'ry': ry, 'width': W, 'height': H, 'box': [x1, y1, x2, y2], 'lambdaAdjusted': lam_adjusted})

cutmix = []
for k, (box) in enumerate([[1, 2, 5, 4], [0, 0, 7, 5], [3, 1, 3, 4]]):
    h, w, c = 5, 7, 3
    a = rng.integers(0, 256, size=(h, w, c), dtype=np.uint8)
    b = rng.integers(0, 256, size=(h, w, c), dtype=np.uint8)
    inpt = torch.from_numpy(np.stack([a, b]).transpose(0, 3, 1, 2).copy())
    x1, y1, x2, y2 = box
    rolled = inpt.roll(1, 0)
    output = inpt.clone()
    output[..., y1:y2, x1:x2] = rolled[..., y1:y2, x1:x2]
    cutmix.append({'width': w, 'height': h, 'channels': c, 'box': box, 'lambda': float(1.0 - (x2 - x1) * (y2 - y1) / (w * h)), 'a': b64(a), 'b': b64(b), 'out': b64(output.numpy().transpose(0, 2, 3, 1)[0])})

labels = torch.nn.functional.one_hot(torch.tensor([2, 0, 1]), num_classes=3).float()
lam = 0.3
mixed = labels.roll(1, 0).mul_(1.0 - lam).add_(labels.mul(lam))
label_case = {'classes': [2, 0, 1], 'numClasses': 3, 'lambda': lam, 'mixed': mixed.tolist()}

beta = [{'a': a, 'x': x, 'cdf': float(betainc(a, a, x))} for a in (0.2, 1.0, 2.5) for x in (0.001, 0.05, 0.3, 0.5, 0.77, 0.999)]

with open(os.path.join(HERE, 'index.json'), 'w') as f:
    json.dump({'generator': 'test/goldens/mix/gen.py', 'torch': torch.__version__, 'mixup': mixup, 'cutbox': cutbox, 'cutmix': cutmix, 'label': label_case, 'betainc': beta}, f, indent=1)
print('mixup', len(mixup), 'cutbox', len(cutbox), 'cutmix', len(cutmix))
