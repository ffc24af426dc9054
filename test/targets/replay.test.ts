/**
 * Targets replay and realms (issue 11 Done-when): replaying an output's params with `apply(image,
 * params, targets)` reproduces its image and targets byte for byte, inline and on a pool of 2 workers,
 * and the pool's outputs (masks included — they run in the workers) equal the inline ones. Also the
 * Keras spec path and the one-op imageDataGenerator pipeline (the Keras fast path).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { pkg, photoRGBA } from '../api/helpers.js';

const m = await pkg();
type Targets = import('../../src/index.js').Targets;

const photo = photoRGBA();
const W = photo.width, H = photo.height;

function targetsFor(w: number, h: number): Targets {
  const grey = { data: new Uint8Array(w * h), width: w, height: h, channels: 1 as const };
  const rgb = { data: new Uint8Array(w * h * 3), width: w, height: h, channels: 3 as const };
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    grey.data[y * w + x] = x > w / 4 && x < (3 * w) / 4 && y > h / 5 && y < h / 2 ? 1 : (x + y) % 7 === 0 ? 2 : 0;
    rgb.data.set([x & 255, y & 255, (x * y) & 255], (y * w + x) * 3);
  }
  return {
    masks: [grey, rgb],
    boxes: { format: 'coco', boxes: [[w / 4, h / 5, w / 2, h / 3.3, 9], [2, 2, 20, 15, 8], [w - 30, h - 25, 25, 20, 7]], labels: ['person', 'cup', 'edge'], minVisibility: 0.2 },
    keypoints: { format: 'xyas', points: [[w / 2, h / 3, 45, 1], [5, 5, 0, 2], [w - 3, h - 3, 90, 1]], labels: ['nose', 'tl', 'br'], removeInvisible: false },
  };
}

const PIPELINE = [
  { op: 'randomResizedCrop', size: [96, 112], scale: [0.4, 1] },
  { op: 'hflip', p: 0.5 },
  { op: 'affine', degrees: 25, translate: [0.1, 0.1], shear: 8, interpolation: 'bilinear' },
  { op: 'colorJitter', brightness: 0.4, hue: 0.1 },
  { op: 'elastic', alpha: 30, sigma: 5, p: 0.5 },
  { op: 'perspective', distortionScale: 0.3, p: 0.5 },
];

const toClose: { close(): Promise<void> }[] = [];
afterAll(async () => { for (const a of toClose) await a.close(); });

async function both(o: Parameters<typeof m.createAugmenter>[0]) {
  const inline = await m.createAugmenter({ ...o, workers: 0 } as never);
  const pool = await m.createAugmenter({ ...o, workers: 2 } as never);
  toClose.push(inline, pool);
  return [inline, pool] as const;
}

describe('targets: replay and workers', () => {
  it('pipeline: augment = apply replay, byte for byte, inline = 2 workers (masks run in the workers)', async () => {
    const [a0, a2] = await both({ pipeline: PIPELINE as never, seed: 11 });
    const t = targetsFor(W, H);
    const outs0 = await a0.augment(photo, { variants: 6, targets: t });
    const outs2 = await a2.augment(photo, { variants: 6, targets: t });
    expect(outs2.map((o) => o.targets)).toEqual(outs0.map((o) => o.targets));
    expect(outs2.map((o) => o.image)).toEqual(outs0.map((o) => o.image));
    // Something actually moved: masks changed size, boxes changed, some outputs differ.
    expect(outs0.every((o) => o.targets!.masks!.length === 2 && o.targets!.masks![0]!.width === 112 && o.targets!.masks![1]!.channels === 3)).toBe(true);
    expect(new Set(outs0.map((o) => JSON.stringify(o.targets!.boxes))).size).toBeGreaterThan(3);
    // Mask values are labels: nearest sampling makes no new values.
    for (const o of outs0) for (const v of o.targets!.masks![0]!.data) expect([0, 1, 2]).toContain(v);
    for (const [aug, outs] of [[a0, outs0], [a2, outs2]] as const) {
      for (const o of outs) {
        const r = await aug.apply(photo, o.params, t);
        expect(r.image).toEqual(o.image);
        expect(r.targets).toEqual(o.targets);
      }
    }
    // augmentBatch: per image targets (or none); the same item index gives the same targets as augment.
    const b0 = await a0.augmentBatch([photo, photo], { targets: [undefined, t], variants: 3 });
    const b2 = await a2.augmentBatch([photo, photo], { targets: [undefined, t], variants: 3 });
    expect(b2.items.map((i) => i.targets)).toEqual(b0.items.map((i) => i.targets));
    expect(b0.items.slice(0, 3).every((i) => i.targets === undefined)).toBe(true);
    const viaAugment = await a0.augment(photo, { startIndex: 3, variants: 3, targets: t });
    expect(b0.items.slice(3).map((i) => i.targets)).toEqual(viaAugment.map((o) => o.targets));
    // float32 outputs carry targets too.
    const f = await a2.augmentBatch([photo], { targets: [t], output: 'float32' });
    expect(f.items[0]!.targets).toEqual((await a0.augment(photo, { targets: t }))[0]!.targets);
  });

  it("fuse: 'all' — masks follow the fused warps the image ran", async () => {
    const [a0, a2] = await both({ pipeline: [{ op: 'rotate', degrees: 20 }, { op: 'affine', degrees: 10, scale: [0.9, 1.1] }] as never, fuse: 'all', seed: 3 });
    const t = targetsFor(W, H);
    const o0 = await a0.augment(photo, { variants: 3, targets: t });
    const o2 = await a2.augment(photo, { variants: 3, targets: t });
    expect(o2.map((o) => o.targets)).toEqual(o0.map((o) => o.targets));
    for (const o of o0) expect((await a0.apply(photo, o.params, t)).targets).toEqual(o.targets);
  });

  it('Keras spec augmenters and the one-op imageDataGenerator pipeline move targets (the Keras affine)', async () => {
    const spec = { rotationRange: 40, widthShiftRange: 0.2, zoomRange: 0.2, shearRange: 10, horizontalFlip: true, fillMode: 'reflect' as const };
    for (const opts of [{ spec }, { pipeline: [{ op: 'imageDataGenerator', ...spec }] }]) {
      const [a0, a2] = await both({ ...opts, seed: 5 } as never);
      const t = targetsFor(W, H);
      const o0 = await a0.augment(photo, { variants: 4, targets: t });
      const o2 = await a2.augment(photo, { variants: 4, targets: t });
      expect(o2.map((o) => o.targets)).toEqual(o0.map((o) => o.targets));
      expect(o2.map((o) => o.image)).toEqual(o0.map((o) => o.image));
      for (const o of o0) {
        const r = await a0.apply(photo, o.params as never, t);
        expect(r.image).toEqual(o.image);
        expect(r.targets).toEqual(o.targets);
        // The filled box mask's bbox sits inside the moved box (1 px slack): the Keras warp moved both.
        const mk = o.targets!.masks![0]!;
        let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
        for (let y = 0; y < mk.height; y++) for (let x = 0; x < mk.width; x++) if (mk.data[y * mk.width + x] === 1) { x0 = Math.min(x0, x); x1 = Math.max(x1, x + 1); y0 = Math.min(y0, y); y1 = Math.max(y1, y + 1); }
        const i = o.targets!.boxes!.kept.indexOf(0);
        if (i >= 0 && x0 < Infinity) {
          const [bx, by, bw, bh] = o.targets!.boxes!.boxes[i]!;
          expect(x0).toBeGreaterThanOrEqual(bx! - 1);
          expect(y0).toBeGreaterThanOrEqual(by! - 1);
          expect(x1).toBeLessThanOrEqual(bx! + bw! + 1);
          expect(y1).toBeLessThanOrEqual(by! + bh! + 1);
        }
      }
    }
  });
});
