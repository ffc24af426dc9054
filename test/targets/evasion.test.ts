/**
 * Targets through the evasion perturbations (issue 11 × issue 14): the stage kinds they added declare
 * how masks and points move — `pilResize` (scale, pixelization) and `tileShuffle` (splitAndShuffle) are
 * geometric, overlays/text/quantize/opacity are pixel-only, framing/padding are `crop` stages. A box drawn
 * as a mask and augmented with it must match the augmented box; a keypoint must land on its dot.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { pkg } from '../api/helpers.js';

const m = await pkg();
type RawImage = import('../../src/index.js').RawImage;

// A real photo big enough that box edges are not a handful of pixels (a 400×300-ish sample).
const photo = await m.decodeImage(new Uint8Array(readFileSync(new URL('../../samples/coffee.png', import.meta.url))));
const W = photo.width, H = photo.height;

/** A 1-channel mask: 1 inside the box [x0, y0, x1, y1) and a dot of value 2 at (px, py). */
function maskOf(box: number[], dot: number[]): RawImage {
  const data = new Uint8Array(W * H);
  for (let y = box[1]!; y < box[3]!; y++) for (let x = box[0]!; x < box[2]!; x++) data[y * W + x] = 1;
  data[dot[1]! * W + dot[0]!] = 2;
  return { data, width: W, height: H, channels: 1 };
}

/** Bounding box [x0, y0, x1, y1) of the pixels equal to `v`, or null. */
function bboxOf(img: RawImage, v: number): number[] | null {
  let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) {
    if (img.data[(y * img.width + x) * img.channels] !== v) continue;
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x + 1); y1 = Math.max(y1, y + 1);
  }
  return x1 < 0 ? null : [x0, y0, x1, y1];
}

function iou(a: number[], b: number[]): number {
  const ix = Math.max(0, Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!));
  const iy = Math.max(0, Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!));
  const inter = ix * iy;
  return inter / ((a[2]! - a[0]!) * (a[3]! - a[1]!) + (b[2]! - b[0]!) * (b[3]! - b[1]!) - inter);
}

const toClose: { close(): Promise<void> }[] = [];
afterAll(async () => { for (const a of toClose) await a.close(); });

const BOX = [Math.round(W * 0.3), Math.round(H * 0.35), Math.round(W * 0.7), Math.round(H * 0.75)];
const DOT = [Math.round(W * 0.45), Math.round(H * 0.5)];

const CASES: [string, object[]][] = [
  ['scale (Pillow bicubic)', [{ op: 'scale', factor: [0.4, 0.9], interpolation: 'bicubic' }]],
  ['pixelization', [{ op: 'pixelization', ratio: [0.2, 0.5] }]],
  ['padAspectRatio', [{ op: 'padAspectRatio', ratio: [0.5, 2] }]],
  ['socialFrame', [{ op: 'socialFrame', border: [0, 0.05], topBar: [0.05, 0.15], bottomBar: [0.1, 0.2] }]],
  ['overlays, text and quantisation (pixel-only)', [
    { op: 'overlayStripes' }, { op: 'overlayText', text: 'SALE' }, { op: 'overlayEmoji' }, { op: 'colorQuantize' }, { op: 'opacity' },
  ]],
];

describe('targets through the evasion perturbations', () => {
  for (const [name, pipeline] of CASES) {
    it(`${name}: box = bbox of the box drawn as a mask (IoU ≥ 0.98), keypoint on its dot`, async () => {
      const aug = await m.createAugmenter({ pipeline: pipeline as never, seed: 3 });
      toClose.push(aug);
      for (let v = 0; v < 4; v++) {
        const [out] = await aug.augment(photo, {
          startIndex: v,
          targets: {
            masks: [maskOf(BOX, DOT)],
            boxes: { format: 'pascal_voc', boxes: [BOX] },
            keypoints: { points: [[DOT[0]! + 0.5, DOT[1]! + 0.5]], removeInvisible: false },
          },
        });
        const t = out!.targets!;
        const mask = t.masks![0]!;
        expect([mask.width, mask.height]).toEqual([out!.image.width, out!.image.height]);
        const drawn = bboxOf({ ...mask, data: mask.data.map((x) => (x ? 1 : 0)) }, 1)!;
        expect(t.boxes!.boxes.length).toBe(1);
        expect(iou(t.boxes!.boxes[0]!, drawn)).toBeGreaterThanOrEqual(0.98);
        const [kx, ky] = t.keypoints!.points[0]!;
        const dot = bboxOf(mask, 2);
        if (dot) {
          // The dot may be resampled away (downscaling), but where it survives the keypoint is on it.
          expect(Math.abs(kx! - (dot[0]! + dot[2]!) / 2)).toBeLessThanOrEqual(1.5);
          expect(Math.abs(ky! - (dot[1]! + dot[3]!) / 2)).toBeLessThanOrEqual(1.5);
        }
      }
    });
  }

  it('splitAndShuffle: every keypoint moves with its tile; the mask is the same tile permutation', async () => {
    const aug = await m.createAugmenter({ pipeline: [{ op: 'splitAndShuffle', nColumns: 3, nRows: 2 }], seed: 5 });
    toClose.push(aug);
    // One keypoint per tile centre, each marked in the mask with its own value.
    const data = new Uint8Array(W * H);
    const tw = Math.floor(W / 3), th = Math.floor(H / 2);
    const points: number[][] = [];
    for (let r = 0; r < 2; r++) for (let c = 0; c < 3; c++) {
      const x = c * tw + (tw >> 1), y = r * th + (th >> 1);
      data[y * W + x] = 10 + r * 3 + c;
      points.push([x + 0.5, y + 0.5]);
    }
    const [out] = await aug.augment(photo, { targets: { masks: [{ data, width: W, height: H, channels: 1 }], keypoints: { points } } });
    const t = out!.targets!;
    expect(t.keypoints!.kept).toEqual([0, 1, 2, 3, 4, 5]);
    const mask = t.masks![0]!;
    t.keypoints!.points.forEach(([x, y], k) => {
      expect(mask.data[Math.floor(y!) * mask.width + Math.floor(x!)]).toBe(10 + k);
    });
    // The shuffle really moved tiles (else the test proves nothing).
    expect(t.keypoints!.points.some(([x, y], k) => x !== points[k]![0] || y !== points[k]![1])).toBe(true);
  });
});
