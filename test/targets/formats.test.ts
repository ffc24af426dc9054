/**
 * Box and keypoint formats against albumentations' documented examples (docs "Bounding boxes
 * augmentation": a 640×480 image with a box from (98, 345) to (420, 462); core/bbox_utils.py and
 * core/keypoints_utils.py for the conversions), and bad targets → typed errors.
 */
import { describe, expect, it } from 'vitest';
import { pkg } from '../api/helpers.js';

const m = await pkg();

// albumentations docs, getting_started/bounding_boxes_augmentation: the cat box on a 640×480 image.
const DOC = {
  pascal_voc: [98, 345, 420, 462],
  albumentations: [0.153125, 0.71875, 0.65625, 0.9625],
  coco: [98, 345, 322, 117],
  yolo: [0.4046875, 0.840625, 0.503125, 0.24375],
} as const;
type F = keyof typeof DOC;

describe('convertBoxes = albumentations conversions', () => {
  const formats = Object.keys(DOC) as F[];
  for (const from of formats) {
    for (const to of formats) {
      it(`${from} → ${to} (the documented 640×480 example)`, () => {
        const [got] = m.convertBoxes([[...DOC[from]]], from, to, 640, 480);
        got!.forEach((v, k) => expect(v).toBeCloseTo(DOC[to][k]!, 12));
      });
    }
  }
  it('keeps extra values after the 4 coordinates', () => {
    expect(m.convertBoxes([[98, 345, 322, 117, 7, 0.5]], 'coco', 'pascal_voc', 640, 480)).toEqual([[98, 345, 420, 462, 7, 0.5]]);
  });
  it('rejects unknown formats and NaN with INVALID_ARGUMENT', () => {
    expect(() => m.convertBoxes([[1, 2, 3, 4]], 'voc' as never, 'coco', 10, 10)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => m.convertBoxes([[1, NaN, 3, 4]], 'coco', 'yolo', 10, 10)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => m.convertBoxes([[1, 2, 3]], 'coco', 'yolo', 10, 10)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('convertKeypoints = albumentations keypoint formats', () => {
  it('reorders x, y, angle, scale; fills angle 0 / scale 1; wraps angles into [0, 360)', () => {
    expect(m.convertKeypoints([[10, 20, 90, 2]], 'xyas', 'yx')).toEqual([[20, 10]]);
    expect(m.convertKeypoints([[10, 20, 2, 90]], 'xysa', 'xyas')).toEqual([[10, 20, 90, 2]]);
    expect(m.convertKeypoints([[10, 20]], 'xy', 'xyas')).toEqual([[10, 20, 0, 1]]);
    expect(m.convertKeypoints([[10, 20, -90]], 'xya', 'xya')[0]![2]).toBeCloseTo(270, 10);
    expect(m.convertKeypoints([[10, 20, -Math.PI / 2]], 'xya', 'xya', { angleInDegrees: false })[0]![2]).toBeCloseTo(1.5 * Math.PI, 12);
    expect(m.convertKeypoints([[1, 2, 5]], 'xy', 'yx')).toEqual([[2, 1, 5]]);
  });
});

describe('targets through augment: formats round-trip, labels, filtering (albumentations filter_bboxes)', () => {
  const W = 64, H = 48;
  const img = { data: new Uint8Array(W * H * 3).fill(90), width: W, height: H, channels: 3 as const };
  it('an identity pipeline returns every format unchanged, labels and extras carried, kept = indices', async () => {
    const aug = await m.createAugmenter({ pipeline: [{ op: 'identity' }] });
    for (const f of Object.keys(DOC) as F[]) {
      const voc = [[8, 4, 40, 30, 'x'], [0, 0, 64, 48, 'y']] as unknown as number[][];
      const boxes = voc.map((b) => [...m.convertBoxes([b.slice(0, 4)], 'pascal_voc', f, W, H)[0]!, b[4] as unknown as number]);
      const [o] = await aug.augment(img, { targets: { boxes: { format: f, boxes, labels: ['cat', 'dog'] } } });
      expect(o!.targets!.boxes!.kept).toEqual([0, 1]);
      expect(o!.targets!.boxes!.labels).toEqual(['cat', 'dog']);
      o!.targets!.boxes!.boxes.forEach((b, i) => {
        b.slice(0, 4).forEach((v, k) => expect(v).toBeCloseTo(boxes[i]![k]!, 12));
        expect(b[4]).toBe(boxes[i]![4]);
      });
    }
    await aug.close();
  });

  it('a crop clips boxes and drops them by minVisibility / minArea / minWidth (albumentations rules)', async () => {
    // Crop the left 32 columns: box A keeps half its area, box B a quarter, box C none.
    const aug = await m.createAugmenter({ pipeline: [{ op: 'crop', size: [48, 32] }] });
    const params = [{ op: 'crop', path: 'crop#0', params: { top: 0, left: 0, height: 48, width: 32 } }];
    const boxes = [[16, 0, 48, 20], [24, 20, 56, 40], [40, 0, 60, 10]];
    const a = await aug.apply(img, params, { boxes: { format: 'pascal_voc', boxes } });
    expect(a.targets.boxes).toEqual({ format: 'pascal_voc', boxes: [[16, 0, 32, 20], [24, 20, 32, 40]], kept: [0, 1] });
    const b = await aug.apply(img, params, { boxes: { format: 'pascal_voc', boxes, minVisibility: 0.3 } });
    expect(b.targets.boxes!.kept).toEqual([0]);
    const c = await aug.apply(img, params, { boxes: { format: 'pascal_voc', boxes, minArea: 200 } });
    expect(c.targets.boxes!.kept).toEqual([0]); // 16·20 = 320 ≥ 200 > 8·20 = 160
    const d = await aug.apply(img, params, { boxes: { format: 'pascal_voc', boxes, minWidth: 10 } });
    expect(d.targets.boxes!.kept).toEqual([0]);
    // Keypoints: the one left of the cut stays, the other is dropped — or kept and flagged.
    const k = await aug.apply(img, params, { keypoints: { points: [[10.5, 5.5], [50, 5]], labels: ['l', 'r'] } });
    expect(k.targets.keypoints).toEqual({ format: 'xy', points: [[10.5, 5.5]], labels: ['l'], kept: [0], visible: [true] });
    const k2 = await aug.apply(img, params, { keypoints: { points: [[10.5, 5.5], [50, 5]], removeInvisible: false } });
    expect(k2.targets.keypoints).toEqual({ format: 'xy', points: [[10.5, 5.5], [50, 5]], kept: [0, 1], visible: [true, false] });
    await aug.close();
  });

  it('hflip maps keypoint angles a → 180° − a and keeps scale; rot90 turns angles by −90° (y down)', async () => {
    const aug = await m.createAugmenter({ pipeline: [{ op: 'hflip' }] });
    const r = await aug.apply(img, [{ op: 'hflip', path: 'hflip#0', params: {} }], { keypoints: { format: 'xyas', points: [[10, 20, 30, 2]] } });
    const [p] = r.targets.keypoints!.points;
    expect(p![0]).toBeCloseTo(W - 10, 9);
    expect(p![1]).toBeCloseTo(20, 9);
    expect(p![2]).toBeCloseTo(150, 6);
    expect(p![3]).toBeCloseTo(2, 6);
    const q = await aug.apply(img, [{ op: 'rot90', path: 'rot90#0', params: { k: 1 } }], { keypoints: { format: 'xya', points: [[10, 20, 0]] }, boxes: { format: 'pascal_voc', boxes: [[8, 4, 40, 30]] } });
    // Counter-clockwise quarter turn of a W×H image: (x, y) → (y, W − x); an eastward arrow points north (270°).
    expect(q.image.width).toBe(H);
    const [kp] = q.targets.keypoints!.points;
    expect(kp![0]).toBeCloseTo(20, 9);
    expect(kp![1]).toBeCloseTo(W - 10, 9);
    expect(kp![2]).toBeCloseTo(270, 6);
    expect(q.targets.boxes!.boxes[0]!.map((v) => +v.toFixed(9))).toEqual([4, W - 40, 30, W - 8]);
    await aug.close();
  });
});

describe('masks of 1–4 channels', () => {
  it('a 2-channel mask runs as two planes and comes back interleaved (hflip then rot90; inline = 2 workers)', async () => {
    const W = 40, H = 30;
    const img = { data: new Uint8Array(W * H * 3), width: W, height: H, channels: 3 as const };
    const two = { data: new Uint8Array(W * H * 2), width: W, height: H, channels: 2 as const };
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) { two.data[(y * W + x) * 2] = x; two.data[(y * W + x) * 2 + 1] = 100 + y; }
    const four = { data: new Uint8Array(W * H * 4).map((_, i) => i & 255), width: W, height: H, channels: 4 as const };
    const params = [{ op: 'hflip', path: 'a', params: {} }, { op: 'rot90', path: 'b', params: { k: 1 } }];
    const results = [];
    for (const workers of [0, 2]) {
      const aug = await m.createAugmenter({ pipeline: [{ op: 'hflip' }], workers });
      results.push((await aug.apply(img, params, { masks: [two, four] })).targets.masks!);
      await aug.close();
    }
    expect(results[1]).toEqual(results[0]);
    const [mk, m4] = results[0]!;
    expect([mk!.width, mk!.height, mk!.channels]).toEqual([H, W, 2]);
    expect(m4!.channels).toBe(4);
    // hflip: x → W−1−x; rot90 (CCW): out(u, v) = in(W−1−v, u) of the flipped image, i.e. source x = v, y = u.
    for (let v = 0; v < W; v++) for (let u = 0; u < H; u++) {
      expect(mk!.data[(v * H + u) * 2]).toBe(v);
      expect(mk!.data[(v * H + u) * 2 + 1]).toBe(100 + u);
    }
  });
});

describe('bad targets → typed errors', () => {
  const W = 32, H = 24;
  const img = { data: new Uint8Array(W * H * 3), width: W, height: H, channels: 3 as const };
  const cases: [string, unknown, string][] = [
    ['an unknown box format', { boxes: { format: 'xyxy', boxes: [[1, 1, 5, 5]] } }, 'INVALID_ARGUMENT'],
    ['a NaN coordinate', { boxes: { format: 'pascal_voc', boxes: [[1, NaN, 5, 5]] } }, 'INVALID_ARGUMENT'],
    ['x_max < x_min', { boxes: { format: 'pascal_voc', boxes: [[6, 1, 5, 5]] } }, 'INVALID_ARGUMENT'],
    ['y_max = y_min', { boxes: { format: 'coco', boxes: [[1, 1, 5, 0]] } }, 'INVALID_ARGUMENT'],
    ['a box outside the image with clip: false', { boxes: { format: 'pascal_voc', boxes: [[1, 1, 50, 5]], clip: false } }, 'INVALID_ARGUMENT'],
    ['labels of the wrong length', { boxes: { format: 'pascal_voc', boxes: [[1, 1, 5, 5]], labels: [] } }, 'INVALID_ARGUMENT'],
    ['minVisibility above 1', { boxes: { format: 'pascal_voc', boxes: [[1, 1, 5, 5]], minVisibility: 2 } }, 'INVALID_ARGUMENT'],
    ['an unknown keypoint format', { keypoints: { format: 'xyz', points: [[1, 1, 1]] } }, 'INVALID_ARGUMENT'],
    ['a keypoint with too few values', { keypoints: { format: 'xya', points: [[1, 1]] } }, 'INVALID_ARGUMENT'],
    ['an infinite keypoint', { keypoints: { points: [[Infinity, 1]] } }, 'INVALID_ARGUMENT'],
    ['a mask of another size', { masks: [{ data: new Uint8Array(10 * 10), width: 10, height: 10, channels: 1 }] }, 'INVALID_IMAGE'],
    ['a mask with a wrong byte count', { masks: [{ data: new Uint8Array(5), width: W, height: H, channels: 1 }] }, 'INVALID_IMAGE'],
    ['a 2-channel mask with a wrong byte count', { masks: [{ data: new Uint8Array(W * H), width: W, height: H, channels: 2 }] }, 'INVALID_IMAGE'],
    ['a mask of 5 channels', { masks: [{ data: new Uint8Array(W * H * 5), width: W, height: H, channels: 5 }] }, 'INVALID_IMAGE'],
    ['an unknown target kind', { polygons: [] }, 'INVALID_ARGUMENT'],
    ['targets that are not an object', 42, 'INVALID_ARGUMENT'],
  ];
  for (const workers of [0, 2]) {
    it(`augment, augmentBatch and apply reject them (workers: ${workers})`, async () => {
      const aug = await m.createAugmenter({ pipeline: [{ op: 'hflip' }], workers });
      try {
        for (const [what, targets, code] of cases) {
          await expect(aug.augment(img, { targets: targets as never }), what).rejects.toMatchObject({ code });
          await expect(aug.augmentBatch([img], { targets: [targets as never] }), what).rejects.toMatchObject({ code });
          await expect(aug.apply(img, [{ op: 'hflip', path: 'hflip#0', params: {} }], targets as never), what).rejects.toMatchObject({ code });
        }
        await expect(aug.augmentBatch([img, img], { targets: [{}] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      } finally {
        await aug.close();
      }
    });
  }

  it('stages that cannot move targets fail with UNSUPPORTED_TARGETS, never pass targets through', async () => {
    const aug = await m.createAugmenter({ pipeline: [{ op: 'corruption', corruption: 'elastic_transform', severity: 2 }] });
    await expect(aug.augment(img, { targets: { boxes: { format: 'pascal_voc', boxes: [[1, 1, 5, 5]] } } })).rejects.toMatchObject({ code: 'UNSUPPORTED_TARGETS' });
    // Other corruptions are pixel-level: targets stay.
    const ok = await aug.apply(img, [{ op: 'corruption', path: 'c', params: { corruption: 'gaussian_noise', severity: 2, seed: 1 } }], { boxes: { format: 'pascal_voc', boxes: [[1, 1, 5, 5]] } });
    expect(ok.targets.boxes!.boxes).toEqual([[1, 1, 5, 5]]);
    await aug.close();
    // augMix blends chains with shear/translate/rotate: some outputs of a few seeds must refuse targets.
    const mix = await m.createAugmenter({ pipeline: [{ op: 'augMix' }] });
    const outs = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => mix.augment(img, { startIndex: i, targets: { masks: [{ data: new Uint8Array(W * H), width: W, height: H, channels: 1 }] } })));
    const codes = outs.map((o) => (o.status === 'rejected' ? (o.reason as { code: string }).code : 'ok'));
    expect(codes).toContain('UNSUPPORTED_TARGETS');
    expect(codes.every((c) => c === 'ok' || c === 'UNSUPPORTED_TARGETS')).toBe(true);
    await mix.close();
  });
});
