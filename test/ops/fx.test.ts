/**
 * Blur, noise, occlusion and quality ops. Goldens: test/goldens/ops/fx/gen.py (torchvision 0.14
 * F.gaussian_blur / F.erase, OpenCV 4.6 blur / filter2D / resize, PIL JPEG). Noise: statistics over
 * many seeds. Dropouts: against a float64 reference of albumentations' rules written here.
 */
import { describe, expect, it } from 'vitest';
import { DIST } from '../api/helpers.js';
import { checkGoldens, diff, loadGoldens } from './golden.js';
import type { RawImage } from '../../src/types.js';

const pkg = (await import(DIST.href)) as typeof import('../../src/index.js');
const { functional: F, createAugmenter } = pkg;

type AppliedOp = { op: string; path: string; params: Record<string, unknown> };

/** Runs one op with explicit params through a pipeline augmenter's replay (the real engine). */
async function replay(op: string, params: Record<string, unknown>, img: RawImage): Promise<RawImage> {
  const aug = await createAugmenter({ pipeline: [{ op }] } as never);
  try {
    return await aug.apply(img, [{ op, path: '0', params }] as never);
  } finally {
    await aug.close();
  }
}

const byOp: Record<string, (img: RawImage, ...a: any[]) => Promise<RawImage>> = {
  gaussianBlur: (img, k, s) => F.gaussianBlur(img, k, s),
  erase: (img, i, j, h, w, v) => F.erase(img, i, j, h, w, v),
  boxBlur: (img, k) => replay('boxBlur', { kernelSize: k }, img),
  motionBlur: (img, k, angle, direction, shiftX, shiftY) => replay('motionBlur', { kernelSize: k, angle, direction, shiftX, shiftY }, img),
  downscale: (img, scale, interpolation) => replay('downscale', { scale, interpolation }, img),
};

function grey(w: number, h: number, c: 1 | 3 | 4, v = 128): RawImage {
  const data = new Uint8Array(w * h * c).fill(v);
  if (c === 4) for (let i = 3; i < data.length; i += 4) data[i] = 200;
  return { data, width: w, height: h, channels: c };
}

function psnr(a: Uint8Array, b: Uint8Array): number {
  let se = 0;
  for (let i = 0; i < a.length; i++) se += (a[i]! - b[i]!) ** 2;
  return 10 * Math.log10((255 * 255) / (se / a.length));
}

describe('fx goldens (torchvision 0.14, OpenCV 4.6)', () => {
  const set = loadGoldens('fx');
  for (const fn of ['gaussianBlur', 'erase', 'boxBlur', 'motionBlur', 'downscale']) {
    it(`${fn}: mean ≤ 0.5, max ≤ 2 (exact where marked) on real photos (RGB, grey, RGBA)`, async () => {
      expect(set.cases.filter((c) => c.fn === fn).length).toBeGreaterThanOrEqual(15);
      expect(await checkGoldens(set, byOp, undefined, (c) => c.fn === fn)).toEqual([]);
    }, 60_000);
  }

  it('boxBlur equals cv2.blur exactly (k² odd: no ties)', async () => {
    expect(await checkGoldens(set, byOp, { mean: 0, max: 0 }, (c) => c.fn === 'boxBlur')).toEqual([]);
  }, 60_000);

  it('gaussianBlur is torchvision-exact on most cases (max ≤ 1 everywhere)', async () => {
    expect(await checkGoldens(set, byOp, { mean: 0.01, max: 1 }, (c) => c.fn === 'gaussianBlur')).toEqual([]);
  }, 60_000);

  it('jpeg: PSNR of our re-encode within 0.5 dB of PIL at the same quality', async () => {
    const cases = set.cases.filter((c) => c.fn === 'jpeg');
    expect(cases.length).toBeGreaterThanOrEqual(12);
    const bad: string[] = [];
    let worst = 0;
    for (const c of cases) {
      const input = set.inputs[c.image]!;
      const ours = await replay('jpeg', { quality: c.args[0] }, input);
      expect(ours.channels).toBe(input.channels);
      const pOurs = psnr(ours.data, input.data);
      const pPil = psnr(set.expected(c), input.data);
      worst = Math.max(worst, Math.abs(pOurs - pPil));
      if (Math.abs(pOurs - pPil) > 0.5) bad.push(`${c.name}: ours ${pOurs.toFixed(2)} dB, PIL ${pPil.toFixed(2)} dB`);
    }
    expect(bad).toEqual([]);
    expect(worst).toBeLessThan(0.2);
  }, 120_000);

  it('the checker catches a wrong blur (σ off by 20 %)', async () => {
    const off = { ...byOp, gaussianBlur: (img: RawImage, k: unknown, s: number | null) => F.gaussianBlur(img, k as number, s === null ? undefined : Array.isArray(s) ? s.map((x: number) => x * 1.2) : s * 1.2) };
    const bad = await checkGoldens(set, off, undefined, (c) => c.fn === 'gaussianBlur' && c.name.includes('/13/'));
    expect(bad.length).toBeGreaterThan(0);
  }, 60_000);
});

describe('gaussianBlur: functional arguments as torchvision', () => {
  it('rejects even or non-positive kernel sizes and σ ≤ 0 with INVALID_ARGUMENT', async () => {
    const img = grey(8, 8, 3);
    await expect(F.gaussianBlur(img, 4)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(F.gaussianBlur(img, [3, 0])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(F.gaussianBlur(img, 3, 0)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
  it('a kernel larger than the image reflects again instead of failing; a flat image stays flat', async () => {
    const out = await F.gaussianBlur(grey(3, 2, 3, 77), 9, 3);
    expect([...out.data].every((v) => v === 77)).toBe(true);
  });
});

describe('noise statistics over many seeds', () => {
  const base = grey(64, 64, 3, 128);
  async function outputs(pipeline: unknown[], n = 24, img = base) {
    const aug = await createAugmenter({ pipeline, seed: 7 } as never);
    try {
      return (await aug.augmentBatch(Array.from({ length: n }, () => img))).items;
    } finally {
      await aug.close();
    }
  }
  function moments(items: { image: RawImage }[], v0: number) {
    let s = 0, s2 = 0, n = 0;
    for (const it of items) for (const v of it.image.data) { const d = v - v0; s += d; s2 += d * d; n++; }
    const m = s / n;
    return { mean: m, std: Math.sqrt(s2 / n - m * m) };
  }
  it('gaussianNoise: mean and σ of the added noise as asked (σ 10, mean 0 and 5)', async () => {
    const a = moments(await outputs([{ op: 'gaussianNoise', std: 10 }]), 128);
    expect(Math.abs(a.mean)).toBeLessThan(0.1);
    expect(Math.abs(a.std - Math.sqrt(100 + 1 / 12))).toBeLessThan(0.1);
    // Tails as a normal's: P(|round(z·10)| ≥ 21) = 2·(1 − Φ(2.05)) = 0.0404.
    let far = 0, all = 0;
    for (const it of await outputs([{ op: 'gaussianNoise', std: 10 }])) for (const v of it.image.data) { all++; if (Math.abs(v - 128) >= 21) far++; }
    expect(Math.abs(far / all - 0.0404)).toBeLessThan(0.003);
    const b = moments(await outputs([{ op: 'gaussianNoise', std: 10, mean: 5 }]), 128);
    expect(Math.abs(b.mean - 5)).toBeLessThan(0.1);
  }, 60_000);
  it('gaussianNoise perChannel: false adds the same value to every colour channel; alpha kept', async () => {
    const items = await outputs([{ op: 'gaussianNoise', std: 20, perChannel: false }], 2, grey(16, 16, 4, 100));
    for (const it of items) {
      const d = it.image.data;
      for (let i = 0; i < d.length; i += 4) {
        expect(d[i + 1]).toBe(d[i]);
        expect(d[i + 2]).toBe(d[i]);
        expect(d[i + 3]).toBe(200);
      }
    }
  }, 60_000);
  it('shotNoise: mean kept, σ = √λ/c·255 (c = 20, level 128)', async () => {
    const a = moments(await outputs([{ op: 'shotNoise', scale: 20 }]), 128);
    const lam = (128 / 255) * 20;
    expect(Math.abs(a.mean)).toBeLessThan(0.4);
    expect(Math.abs(a.std / (Math.sqrt(lam) / 20 * 255) - 1)).toBeLessThan(0.02);
  }, 60_000);
  it('saltPepper: white and black fractions are amount·svp and amount·(1 − svp)', async () => {
    const items = await outputs([{ op: 'saltPepper', amount: 0.1, saltVsPepper: 0.3 }]);
    let white = 0, black = 0, px = 0;
    for (const it of items) {
      const d = it.image.data;
      for (let i = 0; i < d.length; i += 3, px++) {
        if (d[i] === 255) { white++; expect(d[i + 1]).toBe(255); } else if (d[i] === 0) { black++; expect(d[i + 2]).toBe(0); } else expect(d[i]).toBe(128);
      }
    }
    expect(Math.abs(white / px - 0.03)).toBeLessThan(0.003);
    expect(Math.abs(black / px - 0.07)).toBeLessThan(0.004);
  }, 60_000);
  it('different items get different noise; the same (seed, index) the same', async () => {
    const a = await outputs([{ op: 'gaussianNoise', std: 10 }], 3);
    const b = await outputs([{ op: 'gaussianNoise', std: 10 }], 3);
    expect(diff(a[0]!.image, a[1]!.image).max).toBeGreaterThan(0);
    for (let k = 0; k < 3; k++) expect(diff(a[k]!.image, b[k]!.image).max).toBe(0);
  }, 60_000);
});

/** Float64 reference of a set of filled rectangles (x, y, w, h) on a copy of `img` (colour channels). */
function refHoles(img: RawImage, rects: number[], fill: number[]): Uint8Array {
  const out = new Uint8Array(img.data);
  const C = img.channels;
  const cc = C === 4 ? 3 : C;
  for (let r = 0; r < rects.length; r += 4) {
    const [x, y, w, h] = rects.slice(r, r + 4) as [number, number, number, number];
    for (let yy = Math.max(0, y); yy < Math.min(img.height, y + h); yy++) {
      for (let xx = Math.max(0, x); xx < Math.min(img.width, x + w); xx++) {
        for (let c = 0; c < cc; c++) out[(yy * img.width + xx) * C + c] = fill.length === 1 ? fill[0]! : fill[c]!;
      }
    }
  }
  return out;
}

/** albumentations GridDropout's holes (its get_params_dependent_on_targets, restated). */
function refGrid(W: number, H: number, ratio: number, unit: number | null, nx: number | null, ny: number | null, shiftX: number, shiftY: number): number[] {
  let uw: number, uh: number;
  if (unit !== null) uw = uh = unit;
  else {
    uw = nx === null ? Math.max(2, Math.floor(W / 10)) : Math.floor(W / nx);
    uh = ny === null ? Math.max(Math.min(uw, H), 2) : Math.floor(H / ny);
  }
  const hw = Math.min(Math.max(Math.floor(uw * ratio), 1), uw - 1);
  const hh = Math.min(Math.max(Math.floor(uh * ratio), 1), uh - 1);
  const sx = Math.min(Math.max(0, shiftX), uw - hw);
  const sy = Math.min(Math.max(0, shiftY), uh - hh);
  const rects: number[] = [];
  for (let i = 0; i < Math.floor(W / uw) + 1; i++) {
    for (let j = 0; j < Math.floor(H / uh) + 1; j++) {
      const x1 = Math.min(sx + uw * i, W), y1 = Math.min(sy + uh * j, H);
      rects.push(x1, y1, Math.min(x1 + hw, W) - x1, Math.min(y1 + hh, H) - y1);
    }
  }
  return rects;
}

describe('occlusion ops against a float64 reference', () => {
  const set = loadGoldens('fx');
  const photo = set.inputs[0]!;
  const rgba = set.inputs[4]!;

  it('gridDropout: holes and pixels as albumentations GridDropout (defaults, holesNumber, unitSize, shift, fill)', async () => {
    const configs: [Record<string, unknown>, number | null, number | null, number | null, number, number, number[]][] = [
      [{}, null, null, null, 0, 0, [0]],
      [{ ratio: 0.3, holesNumberX: 4, holesNumberY: 3, fill: [9, 99, 199] }, null, 4, 3, 0, 0, [9, 99, 199]],
      [{ ratio: 0.6, unitSize: [11, 11], shiftX: 3, shiftY: 50 }, 11, null, null, 3, 50, [0]],
    ];
    for (const img of [photo, rgba]) {
      for (const [cfg, unit, nx, ny, sx, sy, fill] of configs) {
        const aug = await createAugmenter({ pipeline: [{ op: 'gridDropout', ...cfg }] } as never);
        const [r] = await aug.augment(img);
        await aug.close();
        const ratio = (cfg.ratio as number | undefined) ?? 0.5;
        const expected = refHoles(img, refGrid(img.width, img.height, ratio, unit, nx, ny, sx, sy), fill);
        expect(diff(r!.image, { ...img, data: expected }).max).toBe(0);
      }
    }
  }, 60_000);

  it('coarseDropout: n holes of the drawn sizes inside the image, pixels as the reference', async () => {
    const aug = await createAugmenter({ pipeline: [{ op: 'coarseDropout', holes: [2, 5], height: [3, 9], width: [4, 6], fill: 255 }], seed: 3 } as never);
    const items = (await aug.augmentBatch(Array.from({ length: 30 }, () => photo))).items;
    await aug.close();
    const counts = new Set<number>();
    for (const it of items) {
      const holes = (it.params as unknown as AppliedOp[])[0]!.params.holes as number[];
      counts.add(holes.length / 4);
      for (let k = 0; k < holes.length; k += 4) {
        const [x, y, w, h] = holes.slice(k, k + 4) as [number, number, number, number];
        expect(w >= 4 && w <= 6 && h >= 3 && h <= 9 && x >= 0 && y >= 0 && x + w <= photo.width && y + h <= photo.height).toBe(true);
      }
      expect(diff(it.image, { ...photo, data: refHoles(photo, holes, [255]) }).max).toBe(0);
    }
    expect([...counts].sort()).toEqual([2, 3, 4, 5]);
  }, 60_000);

  it('randomErasing: get_params — area in scale·HW, ratio in range, inside the image; no erase when no attempt fits', async () => {
    const aug = await createAugmenter({ pipeline: [{ op: 'randomErasing', value: [1, 2, 3] }], seed: 11 } as never);
    const items = (await aug.augmentBatch(Array.from({ length: 60 }, () => photo))).items;
    await aug.close();
    let erased = 0;
    for (const it of items) {
      const p = (it.params as unknown as AppliedOp[])[0]!.params as { i: number; j: number; h: number; w: number };
      if (p.h === 0) continue;
      erased++;
      const area = photo.width * photo.height;
      // h, w are rounded: allow the rounding in the area and ratio bounds.
      expect((p.h + 0.5) * (p.w + 0.5)).toBeGreaterThanOrEqual(0.02 * area);
      expect((p.h - 0.5) * (p.w - 0.5)).toBeLessThanOrEqual(0.33 * area);
      expect(p.h < photo.height && p.w < photo.width && p.i + p.h <= photo.height && p.j + p.w <= photo.width).toBe(true);
      expect(diff(it.image, { ...photo, data: refHoles(photo, [p.j, p.i, p.w, p.h], [1, 2, 3]) }).max).toBe(0);
    }
    expect(erased).toBeGreaterThan(40);
    const tiny = await createAugmenter({ pipeline: [{ op: 'randomErasing' }] } as never);
    const [t] = await tiny.augment(grey(1, 1, 3, 50));
    await tiny.close();
    expect((t!.params as unknown as AppliedOp[])[0]!.params.h).toBe(0);
    expect([...t!.image.data]).toEqual([50, 50, 50]);
  }, 60_000);

  it("value null ('random') fills with ImageNet-normalised normal values: per-channel mean of the clipped normal, alpha kept", async () => {
    const a = await createAugmenter({ pipeline: [{ op: 'coarseDropout', holes: 1, height: 128, width: 128, fill: null }] } as never);
    const [r] = await a.augment(grey(128, 128, 4, 0));
    await a.close();
    const d = r!.image.data;
    const sums = [0, 0, 0];
    for (let i = 0; i < d.length; i += 4) { for (let c = 0; c < 3; c++) sums[c] += d[i + c]!; expect(d[i + 3]).toBe(200); }
    const n = d.length / 4;
    // E[clip(255·(m + s·z), 0, 255)] by numerical integration (float64).
    const expected = (m: number, s: number) => {
      let e = 0;
      for (let z = -9; z < 9; z += 1e-4) e += Math.min(255, Math.max(0, 255 * (m + s * z))) * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) * 1e-4;
      return e;
    };
    const want = [expected(0.485, 0.229), expected(0.456, 0.224), expected(0.406, 0.225)];
    for (let c = 0; c < 3; c++) expect(Math.abs(sums[c]! / n - want[c]!)).toBeLessThan(1.5);
    expect(Math.abs(sums[0]! / n - sums[2]! / n)).toBeGreaterThan(15);
  }, 60_000);
});

describe('pipelines of the fx ops', () => {
  const set = loadGoldens('fx');
  const pipeline = [
    { op: 'gaussianBlur', kernelSize: 5, p: 0.7 },
    { op: 'boxBlur', p: 0.5 },
    { op: 'motionBlur', p: 0.5 },
    { op: 'gaussianNoise', p: 0.5 },
    { op: 'shotNoise', p: 0.5 },
    { op: 'saltPepper', p: 0.5 },
    { op: 'randomErasing', p: 0.5 },
    { op: 'coarseDropout', p: 0.5 },
    { op: 'gridDropout', p: 0.3 },
    { op: 'downscale', scale: [0.3, 0.8], interpolation: 'linear', p: 0.5 },
    { op: 'jpeg', quality: [40, 90], p: 0.5 },
  ];
  const images = [set.inputs[0]!, set.inputs[3]!, set.inputs[4]!];

  it('seeded outputs are reproducible, apply() replays them byte for byte, workers: 2 equal inline', async () => {
    const a = await createAugmenter({ pipeline, seed: 5 } as never);
    const b = await createAugmenter({ pipeline, seed: 5, workers: 2 } as never);
    try {
      const ra = (await a.augmentBatch(images, { variants: 4 })).items;
      const ra2 = (await a.augmentBatch(images, { variants: 4 })).items;
      const rb = (await b.augmentBatch(images, { variants: 4 })).items;
      expect(ra.length).toBe(12);
      const ops = new Set<string>();
      for (let k = 0; k < ra.length; k++) {
        expect(diff(ra[k]!.image, ra2[k]!.image).max).toBe(0);
        expect(diff(ra[k]!.image, rb[k]!.image).max).toBe(0);
        expect(rb[k]!.params).toEqual(ra[k]!.params);
        const replayed = await a.apply(images[ra[k]!.source]!, JSON.parse(JSON.stringify(ra[k]!.params)));
        expect(diff(replayed, ra[k]!.image).max).toBe(0);
        for (const x of ra[k]!.params as unknown as AppliedOp[]) ops.add(x.op);
      }
      expect(ops.size).toBeGreaterThanOrEqual(8);
    } finally {
      await a.close();
      await b.close();
    }
  }, 120_000);

  it('bad configs are INVALID_SPEC naming the field', async () => {
    const bad: [unknown, string][] = [
      [{ op: 'gaussianBlur', kernelSize: 4 }, 'kernelSize'],
      [{ op: 'gaussianBlur' }, 'kernelSize'],
      [{ op: 'gaussianBlur', kernelSize: 3, sigma: [0, 1] }, 'sigma'],
      [{ op: 'boxBlur', kernelSize: [4, 4] }, 'kernelSize'],
      [{ op: 'motionBlur', direction: [-2, 0] }, 'direction'],
      [{ op: 'gaussianNoise', std: -1 }, 'std'],
      [{ op: 'shotNoise', scale: 0 }, 'scale'],
      [{ op: 'saltPepper', amount: 1.5 }, 'amount'],
      [{ op: 'randomErasing', scale: [0.5, 0.1] }, 'scale'],
      [{ op: 'coarseDropout', holes: -1 }, 'holes'],
      [{ op: 'gridDropout', ratio: 0 }, 'ratio'],
      [{ op: 'jpeg', quality: 101 }, 'quality'],
      [{ op: 'downscale', interpolation: 'cubic' }, 'interpolation'],
      [{ op: 'downscale', scale: 2 }, 'scale'],
    ];
    for (const [node, field] of bad) {
      let err: any;
      try { await createAugmenter({ pipeline: [node] } as never); } catch (e) { err = e; }
      expect(err?.code, JSON.stringify(node)).toBe('INVALID_SPEC');
      expect(String(err?.message), JSON.stringify(node)).toContain(field);
    }
  });
});
