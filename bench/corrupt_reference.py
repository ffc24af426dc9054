#!/usr/bin/python3
"""Times the reference ImageNet-C `corruptions.py` (hendrycks/robustness, vendored unmodified in
test/goldens/ops/corrupt/reference_corruptions.py) per image at 224² — for bench/corrupt.mjs.

Input: the first 224×224 RGB photo of test/goldens/ops/corrupt/inputs.bin (the one our side times).
Per corruption: the median ms over severities 1–5 (`--quick`: severity 3 only), 3 runs each (glass blur:
1, it is a Python loop). Frost: the reference's unmodified function needs its frost photos, which we do
not ship; it is timed only when they are extracted to /tmp/cref (as gen.py), otherwise `null`.
Prints one JSON object {name: ms | null, ...} on stdout.
"""
import json
import os
import sys
import time
import warnings

warnings.simplefilter('ignore')
HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.join(HERE, '..', 'test', 'goldens', 'ops', 'corrupt')
sys.path.insert(0, GOLD)
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402
import reference_corruptions as R  # noqa: E402

MIRROR_FROST = '/tmp/cref'
quick = '--quick' in sys.argv
names = [a for a in sys.argv[1:] if not a.startswith('--')]
with open(os.path.join(GOLD, 'inputs.bin'), 'rb') as f:
    a = np.frombuffer(f.read(224 * 224 * 3), dtype=np.uint8).reshape(224, 224, 3).copy()
R.resource_filename = lambda _m, p: os.path.join(MIRROR_FROST, os.path.basename(p))
out = {}
for n in names:
    if n == 'frost' and not os.path.exists(os.path.join(MIRROR_FROST, 'frost1.png')):
        out[n] = None
        continue
    ts = []
    for sev in ([3] if quick else range(1, 6)):
        for k in range(1 if n == 'glass_blur' else 3):
            np.random.seed(k)
            t0 = time.perf_counter()
            np.uint8(getattr(R, n)(Image.fromarray(a), sev))
            ts.append((time.perf_counter() - t0) * 1000)
    out[n] = float(np.median(ts))
print(json.dumps(out))
