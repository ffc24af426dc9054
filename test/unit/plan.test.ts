import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ItemRandom, hash4, normalizeSeed } from '../../src/plan/rng.js';
import { sincos } from '../../src/plan/trig.js';
import { sampleParams, sampleShift } from '../../src/plan/sample.js';
import { composeMatrix, composeWarp, mul, type Affine } from '../../src/plan/compose.js';
import { fromExplicitParams, toKerasParams, IDENTITY_PARAMS } from '../../src/plan/params.js';
import { normalizeSpec } from '../../src/spec/spec.js';

const SEED_SPEC = normalizeSpec({ rotationRange: 50, widthShiftRange: 0.25, heightShiftRange: 0.25, shearRange: 0.2, zoomRange: 0.25, horizontalFlip: true });

describe('counter-based RNG', () => {
  it('is a pure function of (seed, index, stream, counter)', () => {
    const a = new ItemRandom(1234, 7, 3);
    const b = new ItemRandom(1234, 7, 3);
    for (let i = 0; i < 100; i++) expect(a.next()).toBe(b.next());
    expect(hash4(1, 2, 3, 4)).toBe(hash4(1, 2, 3, 4));
    expect(hash4(1, 2, 3, 4)).not.toBe(hash4(1, 2, 3, 5));
  });
  it('pins known values so a change of algorithm is caught (reproducibility across releases)', () => {
    const r = new ItemRandom(1234, 0, 1);
    expect(r.next()).toMatchInlineSnapshot(`0.6221074223597349`);
  });
  it('is uniform: chi-square over 20 bins and mean ≈ 0.5', () => {
    const bins = new Array(20).fill(0);
    let sum = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = new ItemRandom(99, i, 1).next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      bins[Math.floor(u * 20)]++;
      sum += u;
    }
    const e = n / 20;
    const chi2 = bins.reduce((s, o) => s + (o - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(43.8); // chi2(19) 0.999 quantile
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.003);
  });
  it('normalises seeds', () => {
    expect(normalizeSeed(1234)).toBe(normalizeSeed(1234));
    expect(normalizeSeed('abc')).toBe(normalizeSeed('abc'));
    expect(Number.isNaN(normalizeSeed(1.5))).toBe(true);
  });
});

describe('deterministic trig', () => {
  it('matches Math.sin/cos to 2e-16 over the augmentation range', () => {
    fc.assert(fc.property(fc.double({ min: -20, max: 20, noNaN: true }), (x) => {
      const [s, c] = sincos(x);
      return Math.abs(s - Math.sin(x)) < 4e-16 && Math.abs(c - Math.cos(x)) < 4e-16;
    }), { numRuns: 5000 });
  });
});

describe('Keras sampling', () => {
  it('draws every parameter within its Keras range', () => {
    for (let i = 0; i < 2000; i++) {
      const p = sampleParams(SEED_SPEC, 1234, i, 224, 160, false);
      expect(Math.abs(p.theta)).toBeLessThanOrEqual(50);
      expect(Math.abs(p.tx)).toBeLessThanOrEqual(0.25 * 224);
      expect(Math.abs(p.ty)).toBeLessThanOrEqual(0.25 * 160);
      expect(Math.abs(p.shear)).toBeLessThanOrEqual(0.2);
      expect(p.zx).toBeGreaterThanOrEqual(0.75);
      expect(p.zx).toBeLessThanOrEqual(1.25);
      expect(p.flipVertical).toBe(false);
      expect(p.channelShiftIntensity).toBeNull();
      expect(p.brightness).toBeNull();
    }
  });
  it('kerasCompat draws tx from the height range × height and ty from the width', () => {
    const spec = normalizeSpec({ widthShiftRange: 0.5, heightShiftRange: 0.01 });
    let maxTx = 0;
    let maxTy = 0;
    for (let i = 0; i < 500; i++) {
      const p = sampleParams(spec, 1, i, 100, 1000, true);
      maxTx = Math.max(maxTx, Math.abs(p.tx));
      maxTy = Math.max(maxTy, Math.abs(p.ty));
    }
    expect(maxTx).toBeLessThanOrEqual(0.01 * 1000);
    expect(maxTy).toBeGreaterThan(40);
    expect(maxTy).toBeLessThanOrEqual(50);
  });
  it('Keras int shift n gives integers in (−n, n); lists pick ± elements', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(sampleShift(3, 100, new ItemRandom(5, i, 2)));
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2]);
    for (const v of seen) expect(Number.isInteger(v) && Math.abs(v) < 3).toBe(true);
    expect(seen.has(2) && seen.has(-2)).toBe(true);
    const list = new Set<number>();
    for (let i = 0; i < 500; i++) list.add(sampleShift([0.1, 0.2], 100, new ItemRandom(5, i, 2)));
    expect([...list].map((v) => Math.round(v)).sort((a, b) => a - b)).toEqual([-20, -10, 10, 20]);
  });
  it('flip probability is 0.5', () => {
    let n = 0;
    for (let i = 0; i < 10_000; i++) if (sampleParams(SEED_SPEC, 3, i, 10, 10, false).flipHorizontal) n++;
    expect(Math.abs(n - 5000)).toBeLessThan(200);
  });
  it('params of item i do not depend on other items or the order of calls', () => {
    const forward = Array.from({ length: 50 }, (_, i) => sampleParams(SEED_SPEC, 42, i, 64, 48, false));
    const backward = Array.from({ length: 50 }, (_, k) => sampleParams(SEED_SPEC, 42, 49 - k, 64, 48, false)).reverse();
    expect(backward).toEqual(forward);
    expect(sampleParams(SEED_SPEC, 43, 0, 64, 48, false)).not.toEqual(forward[0]);
  });
});

describe('matrix composition', () => {
  const apply = (m: Affine, x: number, y: number) => [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]];
  it('identity params give the identity', () => {
    const m = composeMatrix(IDENTITY_PARAMS, 30, 20, false);
    expect(m.map((v) => v + 0)).toEqual([1, 0, 0, 0, 1, 0]);
  });
  it('default mode: +tx moves the picture right, +ty down (output samples from the left/up)', () => {
    const m = composeMatrix({ ...IDENTITY_PARAMS, tx: 5, ty: 3 }, 30, 20, false);
    expect(apply(m, 10, 10)).toEqual([5, 7]);
  });
  it('kerasCompat: tx moves along columns with Keras sign, pivot transposed', () => {
    const m = composeMatrix({ ...IDENTITY_PARAMS, tx: 5, ty: 3 }, 30, 20, true);
    expect(apply(m, 10, 10)).toEqual([15, 13]);
    // zoom about Keras's pivot (h/2−½, w/2−½) = (9.5, 14.5) in (x, y)
    const z = composeMatrix({ ...IDENTITY_PARAMS, zx: 2, zy: 2 }, 30, 20, true);
    expect(apply(z, 9.5, 14.5)).toEqual([9.5, 14.5]);
    const zd = composeMatrix({ ...IDENTITY_PARAMS, zx: 2, zy: 2 }, 30, 20, false);
    expect(apply(zd, 14.5, 9.5)).toEqual([14.5, 9.5]);
  });
  it('on square images without shifts both modes agree', () => {
    fc.assert(fc.property(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -30, max: 30, noNaN: true }), fc.double({ min: 0.5, max: 2, noNaN: true }), fc.boolean(), (theta, shear, z, fh) => {
      const p = { ...IDENTITY_PARAMS, theta, shear, zx: z, zy: 2.5 - z, flipHorizontal: fh };
      const a = composeMatrix(p, 64, 64, false);
      const b = composeMatrix(p, 64, 64, true);
      return a.every((v, i) => Math.abs(v - b[i]!) < 1e-9);
    }));
  });
  it('positive theta turns the picture counter-clockwise on screen', () => {
    // Output pixel right of centre samples from below the centre (y down) for +90°: content rotated CCW.
    const m = composeMatrix({ ...IDENTITY_PARAMS, theta: 90 }, 11, 11, false);
    const [sx, sy] = apply(m, 10, 5);
    expect(sx).toBeCloseTo(5, 12);
    expect(sy).toBeCloseTo(10, 12);
  });
  it('flips fold into the matrix', () => {
    const m = composeMatrix({ ...IDENTITY_PARAMS, flipHorizontal: true, flipVertical: true }, 30, 20, false);
    expect(apply(m, 0, 0)).toEqual([29, 19]);
    expect(mul([1, 0, 0, 0, 1, 0], m)).toEqual(m);
  });
  it('colour affine folds channel shift, clip and brightness; alpha untouched', () => {
    const w = composeWarp({ ...IDENTITY_PARAMS, channelShiftIntensity: 10, brightness: 2 }, normalizeSpec({}), 4, 4, 4, false, { min: 5, max: 200 });
    expect(Array.from(w.colorScale)).toEqual([2, 2, 2, 1]);
    expect(Array.from(w.colorOffset)).toEqual([20, 20, 20, 0]);
    expect(Array.from(w.clipLo)).toEqual([10, 10, 10, -Infinity]);
    expect(Array.from(w.clipHi)).toEqual([400, 400, 400, Infinity]);
    expect(Array.from(w.cval)).toEqual([0, 0, 0, 255]);
  });
});

describe('explicit params', () => {
  it('accepts Keras keys and camelCase, and round-trips', () => {
    const p = fromExplicitParams({ theta: 10, flip_horizontal: 1, channel_shift_intensity: 5 });
    expect(p.flipHorizontal).toBe(true);
    expect(p.channelShiftIntensity).toBe(5);
    expect(fromExplicitParams(toKerasParams(p))).toEqual(p);
    expect(fromExplicitParams({ flipVertical: true }).flipVertical).toBe(true);
  });
  it('rejects unknown keys and bad values with INVALID_PARAMS', () => {
    expect(() => fromExplicitParams({ rotation: 5 } as never)).toThrowError(/params\.rotation/);
    expect(() => fromExplicitParams({ theta: NaN })).toThrowError(/finite/);
    expect(() => fromExplicitParams({ zx: 0 })).toThrowError(/zoom/);
  });
});
