/**
 * Evasion perturbations (AugLy's image set). Goldens: test/goldens/ops/evasion/gen.py — AugLy's functions
 * reproduced with the same Pillow 9.4 calls (AugLy itself is not installable here). Exact where Pillow's
 * arithmetic is integer (resize in 22-bit fixed point, paste/composite, crops, pads); sharpen within a
 * level; JPEG chains by PSNR to Pillow's chain. Plus pipeline use: seeded, replay byte-identical,
 * workers = inline, bad configs → INVALID_SPEC naming the field.
 */
import { describe, expect, it } from 'vitest';
import { DIST } from '../api/helpers.js';
import { checkGoldens, loadGoldens } from './golden.js';
import type { RawImage } from '../../src/types.js';

const pkg = (await import(DIST.href)) as typeof import('../../src/index.js');
const { createAugmenter } = pkg;

async function replay(op: string, params: Record<string, unknown>, img: RawImage): Promise<RawImage> {
  const aug = await createAugmenter({ pipeline: [{ op }] } as never);
  try {
    return await aug.apply(img, [{ op, path: '0', params }] as never);
  } finally {
    await aug.close();
  }
}

const OPS = ['colorQuantize', 'overlayText', 'memeFormat', 'overlayEmoji', 'pixelization', 'scale', 'opacity', 'overlayStripes', 'overlayImage', 'splitAndShuffle', 'padAspectRatio', 'socialFrame', 'sharpen', 'encodingQuality'];
const byOp = Object.fromEntries(OPS.map((op) => [op, (img: RawImage, p: Record<string, unknown>) => replay(op, p, img)]));

function psnr(a: Uint8Array, b: Uint8Array): number {
  let se = 0;
  for (let i = 0; i < a.length; i++) se += (a[i]! - b[i]!) ** 2;
  return se === 0 ? 99 : 10 * Math.log10((255 * 255) / (se / a.length));
}

describe('evasion goldens (AugLy functions via Pillow 9.4)', () => {
  const set = loadGoldens('evasion');
  for (const op of ['pixelization', 'scale', 'opacity', 'overlayStripes', 'overlayImage', 'splitAndShuffle', 'padAspectRatio', 'socialFrame']) {
    it(`${op}: byte-identical to Pillow on real photos (RGB, grey, RGBA)`, async () => {
      expect(set.cases.filter((c) => c.fn === op).length).toBeGreaterThanOrEqual(10);
      expect(await checkGoldens(set, byOp, { mean: 0, max: 0 }, (c) => c.fn === op)).toEqual([]);
    }, 60_000);
  }

  it('colorQuantize: byte-identical to the float64 reference of its definition', async () => {
    expect(set.cases.filter((c) => c.fn === 'colorQuantize' && !c.pillow).length).toBeGreaterThanOrEqual(20);
    expect(await checkGoldens(set, byOp, { mean: 0, max: 0 }, (c) => c.fn === 'colorQuantize' && !c.pillow)).toEqual([]);
  }, 60_000);

  it('colorQuantize (6 levels, dithered) is close to Pillow convert("P"): same palette, channel means within 3 levels', async () => {
    const cases = set.cases.filter((c) => c.fn === 'colorQuantize' && c.pillow);
    expect(cases.length).toBeGreaterThanOrEqual(3);
    for (const c of cases) {
      const out = await replay('colorQuantize', c.args[0] as Record<string, unknown>, set.inputs[c.image]!);
      const ref = set.expected(c);
      const webLevels = new Set([0, 51, 102, 153, 204, 255]);
      expect(out.data.every((v) => webLevels.has(v)), c.name).toBe(true);
      for (let ch = 0; ch < 3; ch++) {
        let a = 0, b = 0;
        for (let k = ch; k < ref.length; k += 3) { a += out.data[k]!; b += ref[k]!; }
        expect(Math.abs(a - b) / (ref.length / 3), `${c.name} channel ${ch}`).toBeLessThanOrEqual(3);
      }
    }
  }, 60_000);

  it('sharpen: within 1 level of Pillow ImageEnhance.Sharpness (mean ≤ 0.05)', async () => {
    expect(await checkGoldens(set, byOp, { mean: 0.05, max: 1 }, (c) => c.fn === 'sharpen')).toEqual([]);
  }, 60_000);

  it('encodingQuality: the chain’s PSNR to the clean image within 0.5 dB of Pillow’s chain', async () => {
    const bad: string[] = [];
    for (const c of set.cases.filter((x) => x.fn === 'encodingQuality')) {
      const input = set.inputs[c.image]!;
      const out = await replay('encodingQuality', c.args[0] as Record<string, unknown>, input);
      const ours = psnr(out.data, input.data), ref = psnr(set.expected(c), input.data);
      if (Math.abs(ours - ref) > 0.5) bad.push(`${c.name}: ${ours.toFixed(2)} dB vs Pillow ${ref.toFixed(2)} dB`);
    }
    expect(bad).toEqual([]);
  }, 60_000);
});

/** Box [x0, y0, x1, y1] of pixels where `a` differs from `b` by more than 60 summed over channels (same size). */
function inkBox(a: Uint8Array, b: Uint8Array, W: number, H: number, C: number): number[] | null {
  let x0 = W, y0 = H, x1 = -1, y1 = -1;
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    let d = 0;
    for (let c = 0; c < C; c++) d += Math.abs(a[(y * W + x) * C + c]! - b[(y * W + x) * C + c]!);
    if (d > 60) { if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y; }
  }
  return x1 < 0 ? null : [x0, y0, x1, y1];
}

describe('text, meme and emoji vs Pillow/FreeType rendering the same fonts', () => {
  const set = loadGoldens('evasion');
  // Different rasterisers (ours: exact area coverage, unhinted; FreeType: hinted, its own AA), on 37–67 px
  // photos where a line of text covers a large part of the image: the mean is over the whole image.
  // memeFormat: Pillow measures with hinted metrics, so on 24–40 px captions its block may sit 1–2 px away.
  const BOUNDS: Record<string, { box: number; mean: number }> = { overlayText: { box: 1, mean: 6 }, memeFormat: { box: 2, mean: 10 }, overlayEmoji: { box: 1, mean: 8 } };
  for (const op of Object.keys(BOUNDS)) {
    it(`${op}: ink box within ${BOUNDS[op]!.box} px, mean difference ≤ ${BOUNDS[op]!.mean} levels`, async () => {
      const cases = set.cases.filter((c) => c.fn === op);
      expect(cases.length).toBeGreaterThanOrEqual(9);
      const bad: string[] = [];
      const worst = { box: 0, mean: 0 };
      for (const c of cases) {
        const input = set.inputs[c.image]!;
        const out = await replay(op, c.args[0] as Record<string, unknown>, input);
        if (out.width !== c.width || out.height !== c.height || out.channels !== c.channels) { bad.push(`${c.name}: size ${out.width}×${out.height}×${out.channels} vs ${c.width}×${c.height}×${c.channels}`); continue; }
        const ref = set.expected(c);
        // Ink = where the drawing changed the (framed) input: compare against the un-drawn frame.
        const blank = op === 'memeFormat' ? await replay(op, { ...(c.args[0] as object), text: '' }, input) : input;
        const bo = inkBox(out.data, blank.data, c.width, c.height, c.channels);
        const br = inkBox(ref, blank.data, c.width, c.height, c.channels);
        const dBox = bo && br ? Math.max(...bo.map((v, k) => Math.abs(v - br[k]!))) : bo === br ? 0 : Infinity;
        let sum = 0;
        for (let k = 0; k < ref.length; k++) sum += Math.abs(out.data[k]! - ref[k]!);
        const mean = sum / ref.length;
        worst.box = Math.max(worst.box, dBox);
        worst.mean = Math.max(worst.mean, mean);
        if (dBox > BOUNDS[op]!.box || mean > BOUNDS[op]!.mean) bad.push(`${c.name}: box ${JSON.stringify(bo)} vs Pillow ${JSON.stringify(br)}, mean ${mean.toFixed(2)}`);
      }
      console.log(op, 'worst', worst);
      expect(bad).toEqual([]);
    }, 60_000);
  }
});

describe('evasion ops in pipelines', () => {
  const img: RawImage = (() => {
    const set = loadGoldens('evasion');
    return set.inputs[0]!;
  })();
  const PIPE = [
    { op: 'overlayStripes', lineWidth: [0.2, 0.6], lineAngle: [-60, 60], lineDensity: [0.5, 0.9], lineType: 'dashed', lineOpacity: [0.4, 1] },
    { op: 'overlayImage', overlay: 'badge', overlaySize: [0.2, 0.5], opacity: [0.5, 1], xPos: [0, 0.6], yPos: [0, 0.6], p: 0.7 },
    { op: 'splitAndShuffle', nColumns: 2, nRows: 3, p: 0.5 },
    { op: 'pixelization', ratio: [0.2, 0.6] },
    { op: 'opacity', level: [0.5, 1] },
    { op: 'sharpen', factor: [1, 4] },
    { op: 'padAspectRatio', ratio: [0.5, 2], color: [0, 0, 0] },
    { op: 'socialFrame', p: 0.5 },
    { op: 'scale', factor: [0.6, 1.4], interpolation: 'bicubic' },
    { op: 'encodingQuality', quality: [80, 50], jitter: 10 },
    { op: 'overlayText', text: ['FREE', 'SALE 50%'], fontSize: [0.1, 0.3], xPos: [0, 0.5], yPos: [0, 0.7] },
    { op: 'overlayEmoji', emoji: ['😍', '🔥', '👍'], emojiSize: [0.2, 0.5], xPos: [0, 0.6], yPos: [0, 0.6] },
    { op: 'memeFormat', text: 'LOL', captionHeight: 20, p: 0.5 },
    { op: 'colorQuantize', levels: [3, 8], p: 0.5 },
  ];

  it('seeded, replayable byte for byte from the recorded params, workers: 2 = inline', async () => {
    const a = await createAugmenter({ pipeline: PIPE, seed: 7 } as never);
    const b = await createAugmenter({ pipeline: PIPE, seed: 7, workers: 2 } as never);
    try {
      const ra = await a.augment(img, { variants: 6 });
      const rb = await b.augment(img, { variants: 6 });
      const seen = new Set<string>();
      for (let k = 0; k < ra.length; k++) {
        expect(Buffer.from(rb[k]!.image.data).equals(Buffer.from(ra[k]!.image.data))).toBe(true);
        const applied = ra[k]!.params;
        const again = await a.apply(img, JSON.parse(JSON.stringify(applied)) as never);
        expect(Buffer.from(again.data).equals(Buffer.from(ra[k]!.image.data))).toBe(true);
        seen.add(Buffer.from(ra[k]!.image.data).toString('base64').slice(0, 64) + ra[k]!.image.width);
      }
      expect(seen.size).toBe(6);
      const again = await a.augment(img, { variants: 6 });
      for (let k = 0; k < ra.length; k++) expect(Buffer.from(again[k]!.image.data).equals(Buffer.from(ra[k]!.image.data))).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  }, 120_000);

  it('bad configs → INVALID_SPEC naming the field', async () => {
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ op: 'overlayImage', overlay: 'nope' }, 'overlay'],
      [{ op: 'overlayImage', overlay: { data: [1, 2, 3], width: 2, height: 2, channels: 3 } }, 'overlay'],
      [{ op: 'overlayImage', overlay: { data: '!!!!', width: 1, height: 1, channels: 3 } }, 'overlay'],
      [{ op: 'overlayStripes', lineType: 'wavy' }, 'lineType'],
      [{ op: 'overlayStripes', lineColor: [1, 2] }, 'lineColor'],
      [{ op: 'opacity', level: 2 }, 'level'],
      [{ op: 'pixelization', ratio: 0 }, 'ratio'],
      [{ op: 'scale', interpolation: 'cubic' }, 'interpolation'],
      [{ op: 'encodingQuality', quality: [101] }, 'quality'],
      [{ op: 'splitAndShuffle', nColumns: 0 }, 'nColumns'],
      [{ op: 'padAspectRatio', ratio: -1 }, 'ratio'],
      [{ op: 'socialFrame', barColor: [1, 2, 300] }, 'barColor'],
      [{ op: 'overlayText', text: 'naïve' }, 'text'],
      [{ op: 'overlayText', text: [] }, 'text'],
      [{ op: 'overlayEmoji', emoji: '🦄' }, 'emoji'],
      [{ op: 'memeFormat', captionHeight: 5 }, 'captionHeight'],
      [{ op: 'colorQuantize', levels: 1 }, 'levels'],
    ];
    for (const [node, field] of bad) {
      let err: unknown;
      try {
        const aug = await createAugmenter({ pipeline: [node] } as never);
        await aug.close();
      } catch (e) { err = e; }
      expect((err as { code?: string })?.code, JSON.stringify(node)).toBe('INVALID_SPEC');
      expect(String((err as Error).message)).toContain(field);
    }
  }, 60_000);
});
