/**
 * Table folding (src/ops/stages/pre-table.ts): a `lut` composed into the next `lut`, or read through the
 * `pre` table of a following `blend` / `hue` stage, gives the same bytes as running the stages one by one
 * (on real photos: RGB, grey, RGBA), with fewer stages. ColorJitter lowers through it.
 */
import { describe, expect, it } from 'vitest';
import { foldTables } from '../../src/ops/stages/pre-table.js';
import { stageKernel } from '../../src/ops/stages/index.js';
import type { Img, Stage } from '../../src/ops/core/types.js';
import { op as colorJitter } from '../../src/ops/color-jitter/index.js';
import { brightnessStages } from '../../src/ops/brightness/index.js';
import { contrastStages } from '../../src/ops/contrast/index.js';
import { saturationStages } from '../../src/ops/saturation/index.js';
import { hueStages } from '../../src/ops/hue/index.js';
import { gammaStages } from '../../src/ops/gamma/index.js';
import { posterizeStages } from '../../src/ops/posterize/index.js';
import { rgbShiftStages } from '../../src/ops/rgb-shift/index.js';
import { loadGoldens } from './golden.js';

const set = loadGoldens('color');
const photos = [0, 3, 4].map((i) => set.inputs[i] as Img);

function run(img: Img, stages: readonly Stage[]): Uint8Array {
  let cur = img;
  for (const s of stages) cur = stageKernel(s.kind).run(cur, s, {}) as Img;
  return cur.data;
}

describe('foldTables', () => {
  it('lut → blend(grey | greyMean) / hue / lut folds into one stage with the same bytes', () => {
    const chains: Stage[][] = [
      [...brightnessStages(1.37), ...saturationStages(1.6, { width: 1, height: 1, channels: 3 })],
      [...brightnessStages(0.62), ...contrastStages(1.45)],
      [...gammaStages(0.7, 1), ...hueStages(-0.31, { width: 1, height: 1, channels: 3 })],
      [...posterizeStages(5), ...brightnessStages(1.2), ...contrastStages(0.3), ...hueStages(0.2, { width: 1, height: 1, channels: 3 })],
      [...rgbShiftStages([12.5, -40, 3], { width: 1, height: 1, channels: 3 }), ...gammaStages(1.8, 1)],
      [...brightnessStages(1.1), ...rgbShiftStages([-7, 20.2, 0], { width: 1, height: 1, channels: 3 }), ...brightnessStages(0.9)],
    ];
    for (const chain of chains) {
      const folded = foldTables(chain);
      expect(folded.length).toBeLessThan(chain.length);
      for (const img of photos) {
        // rgbShift tables are per colour channel: only for images with three colour channels.
        if (img.channels === 1 && chain.some((s) => (s.tables as ArrayLike<number> | undefined)?.length === 768)) continue;
        expect(run(img, folded)).toEqual(run(img, chain));
      }
    }
  });

  it('leaves stages it cannot fold alone (a per-channel table before hue, sharpness blur)', () => {
    const chain = [...rgbShiftStages([5, 6, 7], { width: 1, height: 1, channels: 3 }), ...hueStages(0.1, { width: 1, height: 1, channels: 3 }), { kind: 'blend', with: 'blurred', ratio: 2 }];
    expect(foldTables(chain)).toEqual(chain);
  });

  it('colorJitter lowers to fewer passes than its single ops and equals them byte for byte', () => {
    const info = { width: 1, height: 1, channels: 3 } as const;
    for (const order of [[0, 1, 2, 3], [2, 0, 3, 1], [3, 2, 1, 0], [0, 2, 1, 3]]) {
      const p = { order, brightness: 1.3, contrast: 0.7, saturation: 1.5, hue: -0.12 };
      const plain = order.flatMap((k) => [brightnessStages(1.3), contrastStages(0.7), saturationStages(1.5, info), hueStages(-0.12, info)][k]!);
      const lowered = colorJitter.lower!(p, info);
      expect(lowered.length).toBe(order.indexOf(0) === 3 ? 4 : 3);
      for (const img of photos) {
        const i2 = { width: img.width, height: img.height, channels: img.channels };
        expect(run(img, colorJitter.lower!(p, i2))).toEqual(run(img, order.flatMap((k) => [brightnessStages(1.3), contrastStages(0.7), saturationStages(1.5, i2), hueStages(-0.12, i2)][k]!)));
      }
      expect(plain.length).toBe(4);
    }
  });
});
