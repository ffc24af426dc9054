// Drift part of `npm run bench`: image features/s (224² RGBA), KS and Wasserstein for 1e5 vs 1e5,
// MMD² permutation test for 1,000 × 1,000 vectors of dim 64 with 100 permutations — beside the same
// computations in scipy/numpy (/usr/bin/python3), run from here, printed as ratios.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { extractImageFeatures, stats } from '../dist/node/index.js';

function lcg(seed) { let s = seed >>> 0; return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; }; }
function normals(n, mu, seed) {
  const u = lcg(seed); const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) { const a = Math.sqrt(-2 * Math.log(1 - u())), b = 2 * Math.PI * u(); out[i] = mu + a * Math.cos(b); if (i + 1 < n) out[i + 1] = mu + a * Math.sin(b); }
  return out;
}
async function best(fn, reps) { let b = Infinity; for (let i = 0; i < reps; i++) { const t0 = performance.now(); await fn(); b = Math.min(b, performance.now() - t0); } return b; }

const PY = `
import time, json, numpy as np
from scipy import stats
rng = np.random.default_rng(0)
a = rng.normal(0, 1, 100000); b = rng.normal(0.01, 1, 100000)
def best(f, r):
    t = 1e9
    for _ in range(r):
        t0 = time.perf_counter(); f(); t = min(t, time.perf_counter() - t0)
    return t * 1000
out = {}
out['ks'] = best(lambda: stats.ks_2samp(a, b), 5)
out['wasserstein'] = best(lambda: stats.wasserstein_distance(a, b), 5)
X = rng.normal(0, 1, (1000, 64)); Y = rng.normal(0.05, 1, (1000, 64))
def mmd():
    Z = np.vstack([X, Y]); sq = (Z * Z).sum(1); D = sq[:, None] + sq[None, :] - 2 * Z @ Z.T
    dx = D[:1000, :1000][~np.eye(1000, dtype=bool)]; s2 = 0.5 * np.median(dx)
    K = np.exp(-D / (2 * s2)); n = 1000
    def stat(idx):
        i, j = idx[:n], idx[n:]
        kxx = K[np.ix_(i, i)]; kyy = K[np.ix_(j, j)]; kxy = K[np.ix_(i, j)]
        return (kxx.sum() - np.trace(kxx)) / (n * (n - 1)) + (kyy.sum() - np.trace(kyy)) / (n * (n - 1)) - 2 * kxy.mean()
    base = stat(np.arange(2 * n)); r = np.random.default_rng(1)
    null = [stat(r.permutation(2 * n)) for _ in range(100)]
    return (1 + sum(v >= base for v in null)) / 101
out['mmd'] = best(mmd, 2)
from skimage import color
img = rng.integers(0, 256, (224, 224, 3)).astype(np.uint8)
def feats():
    f = img.astype(np.float64); y = 0.299 * f[..., 0] + 0.587 * f[..., 1] + 0.114 * f[..., 2]
    hsv = color.rgb2hsv(img); from scipy import ndimage
    lap = ndimage.laplace(y)[1:-1, 1:-1].var(); sx = ndimage.sobel(y, 0); sy = ndimage.sobel(y, 1)
    e = (np.hypot(sx, sy) > 100).mean(); h = np.bincount(np.round(y).astype(int).ravel(), minlength=256)
    return y.mean(), y.std(), hsv.mean((0, 1)), hsv.std((0, 1)), lap, e, h
out['features_ms'] = best(feats, 20)
print(json.dumps(out))
`;

export async function runDriftBench({ quick = false } = {}) {
  console.log('\n# drift');
  const res = {};
  // Image features, 224² RGBA, inline (WASM, one pass per image).
  const data = new Uint8Array(224 * 224 * 4); for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
  const imgs = Array.from({ length: 256 }, () => ({ data, width: 224, height: 224, channels: 4 }));
  await extractImageFeatures(imgs.slice(0, 8));
  const fms = (await best(() => extractImageFeatures(imgs), quick ? 2 : 5)) / imgs.length;
  res.featuresPerSec = 1000 / fms;
  const a = normals(100000, 0, 1), b = normals(100000, 0.01, 2);
  res.ksMs = await best(() => stats.ks2samp(a, b), 5);
  res.wassersteinMs = await best(() => stats.wassersteinDistance(a, b), 5);
  const u = lcg(3); const X = Array.from({ length: 1000 }, () => Float64Array.from({ length: 64 }, () => u() * 2 - 1));
  const Y = Array.from({ length: 1000 }, () => Float64Array.from({ length: 64 }, () => u() * 2 - 0.95));
  res.mmdMs = await best(() => stats.mmdTest(X, Y, { permutations: 100, seed: 1 }), quick ? 1 : 2);
  let py;
  if (existsSync('/usr/bin/python3')) {
    // OPENBLAS_CORETYPE/L2_SIZE are set on some machines here for old OpenBLAS builds; they slow a
    // current numpy, so the peer runs without them (both unset together, in this command only).
    const env = { ...process.env };
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
    const r = spawnSync('/usr/bin/python3', ['-c', PY], { encoding: 'utf8', timeout: 600_000, env });
    if (r.status === 0) py = JSON.parse(r.stdout.trim().split('\n').pop());
    else console.log('scipy peer unavailable:', (r.stderr || '').split('\n').slice(-2).join(' '));
  }
  const line = (name, ours, unit, peer) => console.log(`${name.padEnd(46)} ${ours.toFixed(2).padStart(10)} ${unit}${peer !== undefined ? `   scipy/numpy ${peer.toFixed(2)} ${unit}   ratio ${(unit === 'img/s' ? ours / peer : peer / ours).toFixed(2)}× (> 1 = edge-augment faster)` : ''}`);
  line('image features 224² RGBA (inline, WASM)', res.featuresPerSec, 'img/s', py ? 1000 / py.features_ms : undefined);
  line('ks2samp 1e5 vs 1e5', res.ksMs, 'ms', py?.ks);
  line('wasserstein_distance 1e5 vs 1e5', res.wassersteinMs, 'ms', py?.wasserstein);
  line('MMD² test 1000×1000, d=64, 100 permutations', res.mmdMs, 'ms', py?.mmd);
  res.python = py ?? null;
  return res;
}
