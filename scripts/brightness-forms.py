"""Which arithmetic form conv.wasm `lutArith` gives adjust_brightness's tables (src/ops/stages/lut.ts arithForm).

torchvision 0.14 adjust_brightness on uint8: (img.float() * k).clamp(0, 255).to(uint8), i.e. the table
t[v] = min(255, trunc(f32(f32(k) * v))). With M the largest lower bound ceil(t[v] * 2^16 / v):
  form 2: min(255, floor(v * M / 2^16)) == t everywhere;
  form 4: it is 1 more than t at 1..4 levels (never more than 1: M / 2^16 exceeds k by < 2^-16);
  form 3 (float32 lanes): at more levels.
Counts over the factors 0.001 .. 3.000 (step 0.001) and over 20,000 ColorJitter factors U(0.6, 1.4).
Run: /usr/bin/python3 scripts/brightness-forms.py   (numpy)
"""
import numpy as np

V = np.arange(256)


def table(k):
    return np.minimum(255, np.floor(V.astype(np.float32) * np.float32(k))).astype(np.int64)


def form(k):
    t = table(k)
    m = max(int(np.ceil(t[v] * 65536 / v)) for v in range(1, 256))
    d = np.minimum(255, (V * m) >> 16) - t
    assert d.min() >= 0 and d.max() <= 1
    n = int(d.sum())
    return 2 if n == 0 else 4 if n <= 4 else 3


def count(ks):
    c = {2: 0, 4: 0, 3: 0}
    for k in ks:
        c[form(k)] += 1
    return c


print('1.3 ->', form(1.3), '(levels', np.nonzero(np.minimum(255, (V * 85197) >> 16) - table(1.3))[0].tolist(), ')')
print('factors 0.001..3.000:', count([i / 1000 for i in range(1, 3001)]))
print('ColorJitter U(0.6, 1.4), 20,000:', count(np.random.default_rng(2).uniform(0.6, 1.4, 20000)))
