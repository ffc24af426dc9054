/**
 * The attack-family fingerprint (issue 14 §4) on real photos: 48×48 tiles (no overlap) of the bundled
 * photographs. The signature bank is built from 150 reference tiles; every current window is drawn
 * from the other, held-out tiles (never seen by the bank), shifted by JPEG re-encoding, Gaussian noise,
 * defocus blur, reduced contrast (the SDK's ImageNet-C corruptions) or an image overlay drawn by this
 * test — a logo of another design (split badge with a white cross, opacity 0.8) than the bank's own
 * procedural one — at severities 3–5. Clean windows of the same held-out pool must answer "none of
 * these" in ≤ 5 % of many splits.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pkg } from '../../api/helpers.js';
import { buildProfile } from '../../../src/drift/profile.js';
import { compareProfiles } from '../../../src/drift/report.js';
import { fingerprintDrift, parseSignatureBank, type SignatureBank } from '../../../src/drift/fingerprint.js';
import { EdgeAugmentError } from '../../../src/errors.js';
import type { RawImage } from '../../../src/types.js';
import { rng } from '../../validity/photo-patches.js';
import { T, tiles } from './tiles.js';

const BANK = 150;
type Row = Record<string, number>;
type Api = Awaited<ReturnType<typeof pkg>>;

/** The test's own overlay: a badge split diagonally blue/orange with a white cross, opacity 0.8. */
function testOverlay(p: RawImage, severity: number, seed: number): RawImage {
  const u = rng(seed);
  const side = Math.round([0.2, 0.3, 0.4, 0.5, 0.6][severity - 1]! * T);
  const x0 = Math.floor(u() * (T - side + 1)), y0 = Math.floor(u() * (T - side + 1));
  const d = new Uint8Array(p.data);
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) {
    const cross = Math.abs(x - y) < side * 0.08 || Math.abs(x + y - side) < side * 0.08;
    const col = cross ? [255, 255, 255] : x > y ? [30, 70, 200] : [250, 140, 20];
    const o = ((y0 + y) * T + x0 + x) * 4;
    for (let c = 0; c < 3; c++) d[o + c] = Math.round(0.8 * col[c]! + 0.2 * d[o + c]!);
  }
  return { ...p, data: d };
}

const FAMILIES = ['jpeg_compression', 'gaussian_noise', 'defocus_blur', 'contrast', 'overlay'] as const;
const SEVERITIES = [3, 4, 5] as const;

describe('attack-family fingerprint on held-out photo tiles', () => {
  let bank: SignatureBank;
  let clean: Row[];
  const shifted = new Map<string, Row[]>();

  beforeAll(async () => {
    const api = await pkg();
    const all = await tiles(api);
    const rows = async (imgs: RawImage[]) => (await api.extractImageFeatures(imgs)).rows as Row[];
    clean = await rows(all);
    bank = await api.buildSignatureBank(all.slice(0, BANK), { seed: 1 });
    const held = all.slice(BANK);
    for (const family of FAMILIES) for (const severity of SEVERITIES) {
      const imgs = await Promise.all(held.map((p, i) => family === 'overlay' ? testOverlay(p, severity, 900 + i) : api.corrupt(p, { corruption: family, severity, seed: 5000 + i })));
      shifted.set(`${family}/${severity}`, await rows(imgs));
    }
  }, 600_000);

  /** Reference: the bank's tiles + 150 random held-out tiles; current: 150 other held-out tiles (indices into the held-out pool). */
  function split(u: () => number): [Row[], number[]] {
    const n = clean.length - BANK;
    const idx = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < 300; i++) { const j = i + Math.floor(u() * (n - i)); [idx[i], idx[j]] = [idx[j]!, idx[i]!]; }
    return [[...clean.slice(0, BANK), ...idx.slice(0, 150).map((i) => clean[BANK + i]!)], idx.slice(150, 300)];
  }

  it('the bank is plain, valid JSON with 8 families × 5 severities', () => {
    const back = parseSignatureBank(JSON.stringify(bank));
    expect(back.families.map((f) => f.family)).toEqual(['jpeg_compression', 'gaussian_noise', 'defocus_blur', 'contrast', 'overlay', 'brightness', 'saturate', 'pixelate']);
    expect(back.images).toBe(BANK);
    for (const f of back.families) expect(f.shifts.length).toBe(5);
    // Stronger severities move further from the clean data.
    const len = (v: number[]) => Math.hypot(...v);
    for (const f of back.families) expect(len(f.shifts[4]!)).toBeGreaterThan(len(f.shifts[0]!));
  });

  it('names the right family at severity ≥ 3 on held-out tiles (≥ 4 of 5 families, each in ≥ 90 % of splits)', () => {
    const u = rng(77);
    const trials = 20;
    const lines: string[] = [];
    let familiesRight = 0, closeAll = 0, rightAll = 0;
    for (const family of FAMILIES) {
      let worst = 1;
      for (const severity of SEVERITIES) {
        const rows = shifted.get(`${family}/${severity}`)!;
        let right = 0, sevSum = 0, sevClose = 0;
        const seen = new Map<string, number>();
        for (let t = 0; t < trials; t++) {
          const [ref, cur] = split(u);
          const fp = fingerprintDrift(bank, buildProfile({ kind: 'records', rows: ref }), buildProfile({ kind: 'records', rows: cur.map((i) => rows[i]!) }));
          seen.set(fp.family, (seen.get(fp.family) ?? 0) + 1);
          if (fp.family === family) { right++; sevSum += fp.severity!; if (Math.abs(fp.severity! - severity) <= 1) sevClose++; }
        }
        worst = Math.min(worst, right / trials);
        closeAll += sevClose; rightAll += right;
        lines.push(`${family} s${severity}: right ${right}/${trials} (mean severity ${(sevSum / Math.max(1, right)).toFixed(1)}); answers ${[...seen].map(([k, v]) => `${k}×${v}`).join(', ')}`);
      }
      if (worst >= 0.9) familiesRight++;
    }
    console.log(`[fingerprint]\n${lines.join('\n')}\nfamilies right at every severity ≥ 3: ${familiesRight}/5`);
    expect(familiesRight).toBeGreaterThanOrEqual(4);
    // The severity read off the family's path is within ±1 of the true one for ≥ 90 % of the right answers.
    console.log(`[fingerprint] severity within ±1: ${closeAll}/${rightAll}`);
    expect(closeAll / rightAll).toBeGreaterThanOrEqual(0.9);
  }, 300_000);

  it('says "none of these" on clean held-out data (false rate ≤ 5 % over 400 splits)', () => {
    const u = rng(4242);
    const splits = 400;
    let named = 0;
    const seen = new Map<string, number>();
    for (let s = 0; s < splits; s++) {
      const [ref, cur] = split(u);
      const fp = fingerprintDrift(bank, buildProfile({ kind: 'records', rows: ref }), buildProfile({ kind: 'records', rows: cur.map((i) => clean[BANK + i]!) }));
      if (fp.family !== 'none') { named++; seen.set(fp.family, (seen.get(fp.family) ?? 0) + 1); }
    }
    console.log(`[fingerprint] clean: a family named in ${named}/${splits} splits ${[...seen].map(([k, v]) => `${k}×${v}`).join(', ')}`);
    expect(named / splits).toBeLessThanOrEqual(0.05);
  }, 300_000);

  it('is part of the drift report: `fingerprint` added, every other field unchanged, named in the summary', () => {
    const [ref, cur] = split(rng(5));
    const reference = buildProfile({ kind: 'records', rows: ref });
    const current = buildProfile({ kind: 'records', rows: cur.map((i) => shifted.get('jpeg_compression/4')![i]!) });
    const plain = compareProfiles(reference, current);
    const withFp = compareProfiles(reference, current, { fingerprint: bank });
    const { fingerprint, ...rest } = withFp.toJSON();
    expect(rest).toEqual(plain.toJSON());
    expect(plain.fingerprint).toBeUndefined();
    expect(fingerprint).toEqual(fingerprintDrift(bank, reference, current));
    expect(fingerprint!.family).toBe('jpeg_compression');
    expect(fingerprint!.runnerUp).not.toBeNull();
    expect(fingerprint!.confidence).toBeGreaterThan(0.5);
    expect(withFp.summary()).toContain('Looks like JPEG re-encoding at severity ~');
    // Clean: none, and the summary says why.
    const clean1 = compareProfiles(reference, buildProfile({ kind: 'records', rows: cur.map((i) => clean[BANK + i]!) }), { fingerprint: bank });
    expect(clean1.fingerprint!.family).toBe('none');
    expect(clean1.summary()).toContain('None of these');
  });

  it('a drift unlike every family (red and blue swapped: a colour cast) answers "none of these"', async () => {
    const api = await pkg();
    const all = await tiles(api);
    const swapped = all.slice(BANK).map((p) => {
      const d = new Uint8Array(p.data);
      for (let i = 0; i < d.length; i += 4) { d[i] = p.data[i + 2]!; d[i + 2] = p.data[i]!; }
      return { ...p, data: d };
    });
    const rows = (await api.extractImageFeatures(swapped)).rows as Row[];
    const u = rng(9);
    let none = 0;
    for (let t = 0; t < 10; t++) {
      const [ref, cur] = split(u);
      const fp = fingerprintDrift(bank, buildProfile({ kind: 'records', rows: ref }), buildProfile({ kind: 'records', rows: cur.map((i) => rows[i]!) }));
      if (fp.family === 'none' && Number.isFinite(fp.distance)) none++;
    }
    expect(none).toBeGreaterThanOrEqual(9);
  }, 120_000);

  it('rejects malformed banks and profiles without image features (EdgeAugmentError INVALID_ARGUMENT)', () => {
    const ref = buildProfile({ kind: 'records', rows: clean.slice(0, 50) });
    const code = (f: () => unknown) => { try { f(); } catch (e) { return e instanceof EdgeAugmentError ? e.code : String(e); } return 'no error'; };
    expect(code(() => fingerprintDrift({ ...bank, formatVersion: 2 as 1 }, ref, ref))).toBe('INVALID_ARGUMENT');
    expect(code(() => fingerprintDrift({ ...bank, offsets: bank.offsets.slice(1) }, ref, ref))).toBe('INVALID_ARGUMENT');
    expect(code(() => fingerprintDrift({ ...bank, families: [{ ...bank.families[0]!, shifts: [[NaN]] }] }, ref, ref))).toBe('INVALID_ARGUMENT');
    expect(code(() => parseSignatureBank('{not json'))).toBe('INVALID_ARGUMENT');
    expect(code(() => fingerprintDrift(bank, ref, ref, { alpha: 2 }))).toBe('INVALID_ARGUMENT');
    const tab = buildProfile(Array.from({ length: 20 }, (_, i) => ({ a: i, b: i % 3 })));
    expect(code(() => fingerprintDrift(bank, tab, tab))).toBe('INVALID_ARGUMENT');
    expect(code(() => compareProfiles(tab, tab, { fingerprint: bank }))).toBe('INVALID_ARGUMENT');
    expect(fingerprintDrift(bank, ref, ref).family).toBe('none');
  });

  it('buildSignatureBank rejects bad input with a code', async () => {
    const api = await pkg();
    const img = { data: new Uint8Array(16 * 16 * 3), width: 16, height: 16, channels: 3 as const };
    await expect(api.buildSignatureBank([img, img])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(api.buildSignatureBank(Array(10).fill(img), { families: ['not_a_family'] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(api.buildSignatureBank(Array(10).fill({ ...img, width: 15 }))).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
    expect(() => api.overlayLogo(img, 6, 0)).toThrow(/severity/);
  });

  it('a drift monitor with `fingerprint` adds it to every report (images in, features computed by the monitor)', async () => {
    const api = await pkg();
    const all = await tiles(api);
    const reference = await api.buildProfile(all.slice(0, 300));
    const monitor = await api.createDriftMonitor({ reference, fingerprint: bank });
    try {
      await monitor.update(await Promise.all(all.slice(300, 450).map((p, i) => api.corrupt(p, { corruption: 'gaussian_noise', severity: 3, seed: i }))));
      const r = await monitor.report();
      expect(r.datasetDrift).toBe(true);
      expect(r.fingerprint?.family).toBe('gaussian_noise');
      expect(r.fingerprint?.severity).toBeGreaterThanOrEqual(2);
      expect(r.fingerprint?.severity).toBeLessThanOrEqual(4);
    } finally {
      await monitor.close();
    }
    await expect(api.createDriftMonitor({ reference, fingerprint: { ...bank, type: 'x' } as never })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  }, 120_000);
});
